#!/bin/bash
# Case php_builtin_server_clean: "notes-board" (apps/php_builtin_server_clean/router.php) on
# PHP's built-in web server, `php -S 127.0.0.1:8089 router.php`, run as auditor. It reads
# config.ini, appends one line per request to var/log/requests.log, keeps POSTed notes in a
# session file under var/sessions and caches its index page in /tmp. An untraced loopback
# client makes 7 requests (one 404) and holds 2 keep-alive connections while ss/ps are
# taken; then PID 1 sends SIGTERM (php -S has no handler: killed by the signal).
# Run as root: testdata/harness/php_builtin_server_clean.sh
set -euo pipefail
CASE_HOSTNAME=c47e09a2b5d1
source "$(dirname "$(readlink -f "$0")")/lib.sh"
enter_sandbox php_builtin_server_clean
# ---- from here on: PID 1 inside the sandbox ----
cp -a "$HARNESS/apps/php_builtin_server_clean" /home/auditor/app
chown -R auditor:auditor /home/auditor/app

start_inotify -m -r --csv -e open,modify,create,delete,close_write,moved_to /home/auditor /tmp
trace_app -ff -tt -T -yy -- php -S 127.0.0.1:8089 router.php
wait_port 8089
sleep 0.5
snapshots() {
  ss -tlnp > /artifacts/ss.txt
  ps -eo pid,ppid,uid,gid,comm,args > /artifacts/ps.txt
}
serve_client snapshots --port 8089 \
  --paths /,/style.css,/api/status,/,/favicon.ico --post /notes=buy-milk --after /api/status --hold 2
sleep 0.5
stop_app
finish_trace
cat /mnt/client.out >&2
