#!/bin/bash
# Case c_epoll_reuseport: "echod" (apps/c_epoll_reuseport/echod.c), a C echo service: the parent
# forks 3 workers (no exec), each binds its own SO_REUSEPORT listener on 127.0.0.1:8153 and
# serves it with an edge-triggered epoll loop; 8 untraced loopback round trips + 2 held
# connections; SIGTERM: the parent forwards it to the workers, reaps them, exits 0.
# strace -e 'trace=!epoll_wait' -e signal=none: the epoll waits and the signal lines are not
# in the trace.
# Run as root: testdata/harness/c_epoll_reuseport.sh
set -euo pipefail
CASE_HOSTNAME=81d4f6b2a09e
source "$(dirname "$(readlink -f "$0")")/lib.sh"
enter_sandbox c_epoll_reuseport
# ---- from here on: PID 1 inside the sandbox ----
install_app c_epoll_reuseport echo_client.py
gcc -O2 -Wall -o /home/auditor/app/echod /home/auditor/app/echod.c
chown auditor:auditor /home/auditor/app/echod
start_inotify -m -r /home/auditor
trace_app -f -tt -T -y -e 'trace=!epoll_wait' -e signal=none -- ./echod
wait_port 8153
sleep 0.3
as_auditor /opt/harness/echo_client.py 8153 8 /mnt/sync/holding 1 > /mnt/client.out 2>&1 &
CL=$!
wait_for 15 test -f /mnt/sync/holding
ss -tanp > /artifacts/ss.txt
ps -ef > /artifacts/ps.txt
wait $CL
sleep 0.3
stop_app
finish_trace
cat /mnt/client.out >&2
