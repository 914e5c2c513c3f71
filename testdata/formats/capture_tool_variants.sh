#!/bin/bash
# Re-captures the ps, netstat and inotify files of the rt-formats2 red-team pass (procps-ng
# 4.0.2, net-tools 2.10, inotify-tools 3.22.6.0), each inside a private pid (+net) namespace so
# only these processes and sockets exist. Run as root: testdata/formats/capture_tool_variants.sh.
# Pids, ports and times differ on every run; the tests pin what they assert (re-check them).
# Only 127.0.0.1 / ::1 are used. Needs user 998 (systemd-network: a name longer than 8).
set -uo pipefail
F=$(cd "$(dirname "$0")" && pwd)
W=/tmp/rd_tool_variants

if [[ "${1:-}" == "--inside" ]]; then
  ip link set lo up
  python3 -m http.server 8000 --bind 127.0.0.1 >/dev/null 2>&1 &
  setpriv --reuid=998 --regid=998 --clear-groups /usr/bin/python3 -c 'import time,threading
for _ in range(2): threading.Thread(target=time.sleep,args=(60,),daemon=True).start()
time.sleep(60)' &
  cp /bin/sleep "$W/睡眠 prog"; "$W/睡眠 prog" 60 &   # comm "睡眠 prog": a space, wide characters
  bash -c 'sleep 61 & sleep 62 & wait' &
  sleep 2
  P="$F/ps"; N="$F/netstat"
  ps -e --sort=-pcpu -o pid,ppid,pcpu,pmem,comm,args > "$P/e_sort_pcpu_o_comm_args.txt"
  ps -eo pid,ppid,comm:30,args > "$P/eo_comm30_args.txt"
  ps -eTo pid,spid,ppid,comm,args > "$P/eTo_spid_comm_args.txt"
  netstat -s > "$N/s.txt"; netstat -g > "$N/g.txt"; netstat -ie > "$N/ie.txt"
  kill $(jobs -p) 2>/dev/null
  exit 0
fi
if [[ "${1:-}" == "--thread-inside" ]]; then  # a thread named "GC Thread#0" with prctl(PR_SET_NAME)
  /usr/bin/python3 -c '
import ctypes, threading, time
libc = ctypes.CDLL("libc.so.6")
def worker():
    libc.prctl(15, b"GC Thread#0", 0, 0, 0); time.sleep(30)
threading.Thread(target=worker, daemon=True).start()
open("/tmp/rd_thr.ready","w").write("ok"); time.sleep(30)' &
  for _ in $(seq 50); do [[ -f /tmp/rd_thr.ready ]] && break; sleep 0.1; done
  ps -eLo pid,lwp,comm,args > "$F/ps/eLo_comm_args_thread_name_space.txt"
  kill $(jobs -p); rm -f /tmp/rd_thr.ready
  exit 0
fi

rm -rf "$W"; mkdir -p "$W"
unshare -n -p -f --mount-proc "$0" --inside
unshare -p -f --mount-proc "$0" --thread-inside

# inotifywait / inotifywatch on the scenario of inotify_scenario.sh, then a file named
# "漢字 файл.txt".
inotify_capture() {  # OUTFILE, then the command
  local out=$1; shift
  W=/tmp/rdwatch; rm -rf "$W"; mkdir -p "$W/app/lib" "$W/app/old dir"
  echo x > "$W/app/lib/a.js"; echo y > "$W/app/old dir/f"
  "$@" > "$out" 2>&1 & local pid=$!
  sleep 0.7
  source "$F/inotify_scenario.sh"; NEWLINE= scenario
  (cd "$W/app" && echo 漢字 > '漢字 файл.txt')
  sleep 0.5; kill $pid 2>/dev/null; wait $pid 2>/dev/null
}
I="$F/inotify"
inotify_capture "$I/format_w_f_e_T_s.txt" inotifywait -m -r --format '%w%f %e %T' --timefmt '%s' /tmp/rdwatch
inotify_capture "$I/qmr_e_format_w_f_0_no_newline.txt" inotifywait -qmr -e moved_to,create --format '%w%f%0' --no-newline /tmp/rdwatch
inotify_capture "$I/format_w_f_tab_e.txt" inotifywait -m -r --format $'%w%f\t%e' /tmp/rdwatch
inotify_capture "$I/inotifywatch_r_e_t.txt" inotifywatch -r -e modify,create,delete -t 1 /tmp/rdwatch
rm -rf /tmp/rdwatch "$W"
