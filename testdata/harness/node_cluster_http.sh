#!/bin/bash
# Case node_cluster_http: a Node.js `cluster` HTTP server (apps/node_cluster_http/server.js,
# built-in modules only) run as auditor with `node server.js`: the primary forks 2 workers
# (libuv clone + exec of /usr/bin/node with the script's absolute path, NODE_UNIQUE_ID in
# their environment, an IPC socketpair to each) that share 127.0.0.1:8120 through the
# primary's round-robin (the primary listens, accepted sockets are passed to workers over
# the IPC channel). Untraced curl clients (as auditor) make 6 requests (one 404); then SIGTERM:
# the primary SIGTERMs its workers, reaps them, exits 0.
# Needs: nodejs. Run as root: testdata/harness/node_cluster_http.sh
set -euo pipefail
CASE_HOSTNAME=c81f4e6a2b07
source "$(dirname "$(readlink -f "$0")")/lib.sh"
enter_sandbox node_cluster_http
# ---- from here on: PID 1 inside the sandbox ----
install_app node_cluster_http

start_inotify -m -r --timefmt '%s' --format '%T %e %w%f' /home/auditor
trace_app -ff -tt -y -s 80 -- node server.js
wait_port 8120
wait_for 10 test "$(grep -c listening /artifacts/program.log)" -ge 2
sleep 0.3
for p in / /health /health /nope / /health; do
  as_auditor curl -s -o /dev/null -w '%{http_code}\n' "http://127.0.0.1:8120$p" >&2
done
ss -tanpe > /artifacts/ss.txt
ps -ef --forest > /artifacts/ps.txt
stop_app
finish_trace
