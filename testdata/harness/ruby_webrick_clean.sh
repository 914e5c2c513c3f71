#!/bin/bash
# Case ruby_webrick_clean: "pastebin-lite" (apps/ruby_webrick_clean/server.rb), a Ruby 3.1
# WEBrick server on 127.0.0.1:8090 run as auditor: reads config.json, serves public/,
# saves POSTed pastes under data/pastes, keeps data/cache/stats.json, logs to log/app.log
# and its access log to stderr. WEBrick serves each connection in a thread. An untraced
# loopback client makes 7 requests (one 404, which WEBrick logs as ERROR) and holds 2
# keep-alive connections while netstat/ps are taken; then PID 1 sends SIGTERM, which the
# server traps to shut down and exit 0.
# Run as root: testdata/harness/ruby_webrick_clean.sh
set -euo pipefail
CASE_HOSTNAME=e2d86b3f1a70
source "$(dirname "$(readlink -f "$0")")/lib.sh"
enter_sandbox ruby_webrick_clean
# ---- from here on: PID 1 inside the sandbox ----
cp -a "$HARNESS/apps/ruby_webrick_clean" /home/auditor/app
chown -R auditor:auditor /home/auditor/app

start_inotify -m -r --format '%e|%w%f' /home/auditor
trace_app -f -ttt -y -s 512 -Y -- ruby server.rb
wait_port 8090
sleep 0.5
snapshots() {
  netstat -tanpe > /artifacts/netstat.txt
  ps -eLo pid,lwp,ppid,uid,comm,args > /artifacts/ps.txt
}
serve_client snapshots --port 8090 \
  --paths /style.css,/api/status,/favicon.ico,/api/status --post /paste=hello-world --after /api/status --hold 2
sleep 0.5
stop_app
finish_trace
cat /mnt/client.out >&2
