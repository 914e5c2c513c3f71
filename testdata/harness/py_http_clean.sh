#!/bin/bash
# Case py_http_clean: a stdlib http.server app on 127.0.0.1:8000, exercised by an
# untraced client, stopped by SIGTERM from PID 1 (no handler: killed by the signal).
# Run as root: testdata/harness/py_http_clean.sh
set -euo pipefail
CASE_HOSTNAME=9b1e4c7a2f06
source "$(dirname "$(readlink -f "$0")")/lib.sh"
enter_sandbox py_http_clean
# ---- from here on: PID 1 inside the sandbox ----
cp -a "$HARNESS/apps/py_http_clean" /home/auditor/app
chown -R auditor:auditor /home/auditor/app

inotifywait -m -r --csv /home/auditor > /artifacts/inotify.log 2>/mnt/inotify.err &
INO=$!
wait_for 10 grep -q "Watches established" /mnt/inotify.err
cd /home/auditor/app
"${APP_ENV[@]}" HOSTNAME="$(hostname)" \
  strace -f -tt -T -y -o /artifacts/strace_log -u auditor python3 -S server.py \
  > /artifacts/program.log 2>&1 &
ST=$!
wait_port 8000
sleep 1
as_auditor /usr/bin/python3 /opt/harness/client.py --port 8000 \
  --paths /,/style.css,/app.js,/api/status,/favicon.ico --after /api/status \
  --hold 3 --ready /tmp/.client-holding > /mnt/client.out 2>&1 &
CL=$!
wait_for 15 test -f /tmp/.client-holding
sleep 0.3
ss -tulpn > /artifacts/ss.txt
ps aux > /artifacts/ps.txt
wait $CL
sleep 1
kill -TERM "$(pgrep -P $ST)"
wait $ST || true
sleep 0.3
kill $INO
wait $INO || true
cat /mnt/client.out >&2
