#!/bin/bash
# Case py_echo_attach_preaccepted: a Python line-echo service (apps/py_echo_attach_preaccepted/
# echo_server.py: one thread, select loop) on 127.0.0.1:8161, started untraced as auditor. The
# untraced client (echo_client.py) opens connection A and gets one answer, THEN strace is
# attached (`strace -f -tt -T -yy -p PID`): A is used again (its accept is not in the trace), and a
# new connection B is accepted under the trace. ss/ps while B is held; SIGTERM: killed.
# Run as root: testdata/harness/py_echo_attach_preaccepted.sh
set -euo pipefail
CASE_HOSTNAME=6a2c9e1f0b37
source "$(dirname "$(readlink -f "$0")")/lib.sh"
enter_sandbox py_echo_attach_preaccepted
# ---- from here on: PID 1 inside the sandbox ----
install_app py_echo_attach_preaccepted echo_client.py
start_inotify -m -r /home/auditor
cd /home/auditor/app
"${APP_ENV[@]}" setpriv --reuid=auditor --regid=auditor --init-groups \
  /usr/bin/python3 echo_server.py > /artifacts/program.log 2>&1 &
APP=$!
wait_port 8161
as_auditor /usr/bin/python3 /opt/harness/echo_client.py > /mnt/client.out 2>&1 &
CLIENT=$!
wait_for 10 test -f /mnt/sync/connected
strace -f -tt -T -yy -o /artifacts/strace_log -p "$APP" 2> /mnt/strace.err &
ST=$!
sleep 0.5
touch /mnt/sync/attached
wait_for 10 test -f /mnt/sync/holding
sleep 0.2
ss -tanp > /artifacts/ss.txt
ps -ef > /artifacts/ps.txt
wait "$CLIENT" || true
kill -TERM "$APP"
wait "$ST" || true
sleep 0.3
kill $INO; wait $INO || true
cat /mnt/client.out /mnt/strace.err >&2
