#!/bin/bash
# Case timeout_server_stopped: the py_http_clean app (http.server on 127.0.0.1:8000) run
# under coreutils `timeout 4`, traced through the wrapper: `strace -f ... timeout 4 python3
# -S server.py`. timeout forks, its child runs python3; an untraced loopback client makes 5
# requests; at the 4 s limit timeout sends its child SIGTERM (no handler: killed) and exits
# 124. Run as root: testdata/harness/timeout_server_stopped.sh
set -euo pipefail
CASE_HOSTNAME=b7e2049c1f3a
source "$(dirname "$(readlink -f "$0")")/lib.sh"
enter_sandbox timeout_server_stopped
# ---- from here on: PID 1 inside the sandbox ----
install_app py_http_clean
start_inotify -m -r /home/auditor
trace_app -f -tt -T -y -- timeout 4 python3 -S server.py
wait_port 8000
snapshots() {
  ss -tanp > /artifacts/ss.txt
  ps -eo pid,ppid,user,stat,args > /artifacts/ps.txt
}
serve_client snapshots --port 8000 --paths /,/style.css,/app.js,/api/status,/favicon.ico --hold 1
finish_trace
cat /mnt/client.out >&2
