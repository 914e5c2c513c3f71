#!/bin/bash
# Case node_express_ws: an Express 4 JSON API with a ws 8 WebSocket feed (apps/node_express_ws,
# "notes-board", `node server.js` on 127.0.0.1:8170), its 71 npm packages installed from the
# npm registry by `npm ci` OUTSIDE the sandbox (package-lock.json pins them; one nested copy,
# send/node_modules/ms) and copied into the app's node_modules. The untraced client
# (feed_client.py, as auditor) makes 4 GETs (one 404), 2 POSTs and one WebSocket session on
# /feed (hello, a pushed note, an echo, close). SIGTERM: the app closes its servers, exit 0.
# Needs: nodejs, npm (and the registry, or the packages in npm's cache). Run as root:
# testdata/harness/node_express_ws.sh
set -euo pipefail
CASE_HOSTNAME=5e0c2d9b7a14
DEPS=/var/tmp/rd-npm-node_express_ws
if [[ "${RD_INSIDE:-}" != 1 ]]; then
  rm -rf "$DEPS" && mkdir -p "$DEPS"
  cp "$(dirname "$(readlink -f "$0")")"/apps/node_express_ws/package*.json "$DEPS/"
  (cd "$DEPS" && npm ci --prefer-offline --no-audit --no-fund --ignore-scripts >&2)
fi
source "$(dirname "$(readlink -f "$0")")/lib.sh"
enter_sandbox node_express_ws
# ---- from here on: PID 1 inside the sandbox ----
install_app node_express_ws feed_client.py
cp -a "$DEPS/node_modules" /home/auditor/app/
chown -R auditor:auditor /home/auditor/app

start_inotify -m -r /home/auditor
trace_app -f -tt -T -y -s 64 -e 'trace=!statx,futex,madvise,munmap,brk' -- node server.js
wait_port 8170
as_auditor /usr/bin/python3 /opt/harness/feed_client.py 8170 >&2
ss -tanp > /artifacts/ss.txt
ps -ef > /artifacts/ps.txt
stop_app
finish_trace
