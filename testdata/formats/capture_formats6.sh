#!/bin/bash
# Re-captures the files of the rt-formats6 red-team pass (strace 6.1, procps-ng 4.0.2, BusyBox
# 1.35, net-tools 2.10, iproute2 6.1). Run as root: testdata/formats/capture_formats6.sh.
# Pids, ports and times differ on every run; the tests pin what they assert (re-check them).
# Only 127.0.0.1 / ::1 are used.
set -uo pipefail
F=$(cd "$(dirname "$0")" && pwd)
S="$F/strace"

if [[ "${1:-}" == "--inside" ]]; then  # a private pid + net namespace: only these sockets
  ip link set lo up
  python3 -m http.server 8000 --bind 127.0.0.1 >/dev/null 2>&1 &
  sleep 1
  python3 -c 'import socket,time
s=socket.socket(socket.AF_INET6);s.bind(("::1",9000));s.listen()
c=socket.create_connection(("127.0.0.1",8000));time.sleep(30)' &
  sleep 1
  timeout 2.5 netstat -tanc > "$F/netstat/tanc.txt" 2>&1  # -c: a snapshot a second, one file
  ss -tanpT > "$F/ss/tanpT.txt"                           # -T: every thread's tid in users:
  ps -eo pid,foo > "$F/ps/eo_bad_format.txt" 2>&1          # procps refuses: error + usage
  busybox ps -o pid,time,args > "$F/ps/busybox_ps_o_bad_argument.txt" 2>&1
  kill $(jobs -p) 2>/dev/null
  exit 0
fi
unshare -n -p -f --mount-proc "$0" --inside

# strace writing to its stderr (no -o): its own messages land in the trace file.
strace -f -tt -e trace=%clone true 2> "$S/stderr_e_trace_invalid.txt"     # refused: no trace
strace -f -tt --seccomp-bpf true 2> "$S/stderr_f_tt_seccomp_bpf_no_filter.txt"  # a warning, then the trace
# -w -C: the summary table (wall-clock time) after the calls.
strace -f -w -C -o "$S/f_w_C.txt" sh -c 'true; true'
# --syscall-times=s / ns and --timestamps=time,ms, --relative-timestamps=ns on a sleep.
strace -f -T --syscall-times=s -o "$S/f_T_syscall_times_s.txt" sleep 1.2
strace -f -tt -T --syscall-times=ns -o "$S/f_tt_T_syscall_times_ns.txt" sleep 0.2
strace -f --timestamps=time,ms -T -o "$S/f_timestamps_time_ms_T.txt" sleep 0.2
strace -f --relative-timestamps=ns -o "$S/f_r_ns.txt" sleep 0.2
# --seccomp-bpf with a filter: only the traced calls reach strace.
strace -f -tt --seccomp-bpf -e trace=%process -o "$S/f_tt_seccomp_bpf_e_process.txt" sh -c 'sleep 0.1 & wait'
