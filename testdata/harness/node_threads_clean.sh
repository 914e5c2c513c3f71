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

start_inotify --banner -m -r /home/auditor
APP_ENV+=(NODE_ENV=production)
trace_app -f -ttt -T -y -- node app.js
wait_port 3000
sleep 0.5
snapshots() {
  ss -tunap > /artifacts/ss.txt
  ps -eLf > /artifacts/ps.txt
}
serve_client snapshots --port 3000 \
  --paths /,/health,/hash?n=300,/hash?n=500,/kdf,/nope --after /hash?n=200 --hold-conns 2 --hold 2
sleep 0.5
stop_app
finish_trace
cat /mnt/client.out >&2
