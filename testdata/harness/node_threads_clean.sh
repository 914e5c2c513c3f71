#!/bin/bash
# Case node_threads_clean: Node HTTP API on 127.0.0.1:3000 with 2 worker_threads and the
# libuv thread pool (fs.readFile, crypto.pbkdf2); no child process; NDJSON log; graceful
# SIGTERM. Run as root: testdata/harness/node_threads_clean.sh
set -euo pipefail
CASE_HOSTNAME=5c2e8a0b7f13
source "$(dirname "$(readlink -f "$0")")/lib.sh"
enter_sandbox node_threads_clean
# ---- from here on: PID 1 inside the sandbox ----
cp -a "$HARNESS/apps/node_threads_clean" /home/auditor/app
chown -R auditor:auditor /home/auditor/app

inotifywait -m -r /home/auditor > /artifacts/inotify.log 2>&1 &
INO=$!
wait_for 10 grep -q "Watches established" /artifacts/inotify.log
cd /home/auditor/app
"${APP_ENV[@]}" HOSTNAME="$(hostname)" NODE_ENV=production \
  strace -f -ttt -T -y -o /artifacts/strace_log -u auditor node app.js \
  > /artifacts/program.log 2>&1 &
ST=$!
wait_port 3000
sleep 0.5
as_auditor /usr/bin/python3 /opt/harness/client.py --port 3000 \
  --paths /,/health,/hash?n=300,/hash?n=500,/kdf,/nope --after /hash?n=200 \
  --hold-conns 2 --hold 2 --ready /mnt/sync/holding > /mnt/client.out 2>&1 &
CL=$!
wait_for 15 test -f /mnt/sync/holding
sleep 0.3
ss -tunap > /artifacts/ss.txt
ps -eLf > /artifacts/ps.txt
wait $CL
sleep 0.5
kill -TERM "$(pgrep -P $ST)"
wait $ST || true
sleep 0.3
kill $INO
wait $INO || true
cat /mnt/client.out >&2
