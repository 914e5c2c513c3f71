#!/bin/bash
# Case busybox_httpd_attach: `busybox httpd -f -p 127.0.0.1:8152 -h www` started untraced as
# auditor; strace is ATTACHED to the running server with `strace -f -p PID` (no execve in
# the trace: the target is known only from ps and its own calls). 5 requests (one 404);
# SIGTERM to the server: killed by it.
# Run as root: testdata/harness/busybox_httpd_attach.sh
set -euo pipefail
CASE_HOSTNAME=c3a81e5f7b20
source "$(dirname "$(readlink -f "$0")")/lib.sh"
enter_sandbox busybox_httpd_attach
# ---- from here on: PID 1 inside the sandbox ----
install_app busybox_httpd_attach
start_inotify -m -r /home/auditor
cd /home/auditor/app
"${APP_ENV[@]}" setpriv --reuid=auditor --regid=auditor --init-groups \
  busybox httpd -f -p 127.0.0.1:8152 -h www > /artifacts/program.log 2>&1 &
APP=$!
wait_port 8152
strace -f -tt -T -y -o /artifacts/strace_log -p "$APP" 2> /mnt/strace.err &
ST=$!
sleep 0.5
serve_snap() { ss -tanp > /artifacts/ss.txt; ps -ef > /artifacts/ps.txt; }
serve_client serve_snap --port 8152 --paths /,/index.html,/health.txt,/nope --hold 1 --hold-conns 1
sleep 0.3
kill -TERM "$APP"
wait "$ST" || true
sleep 0.3
kill $INO; wait $INO || true
cat /mnt/client.out /mnt/strace.err >&2
