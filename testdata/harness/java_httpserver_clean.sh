#!/bin/bash
# Case java_httpserver_clean: "notes-api" (apps/java_httpserver_clean/NotesServer.java), a JDK
# com.sun.net.httpserver JSON service on 127.0.0.1:8095 with a 4-thread pool, compiled with
# javac and run as auditor with plain `java -cp . NotesServer`. Reads app.properties, appends
# logs/access.log, saves notes to data/notes.txt (.tmp + rename). The untraced loopback client
# makes 6 requests (one 404, one POST) and holds 2 keep-alive connections while ss/ps are taken;
# then PID 1 sends SIGTERM: the JVM runs the shutdown hook and exits 143.
# Run as root: testdata/harness/java_httpserver_clean.sh
set -euo pipefail
CASE_HOSTNAME=7b1e4c90d2a6
source "$(dirname "$(readlink -f "$0")")/lib.sh"
enter_sandbox java_httpserver_clean
# ---- from here on: PID 1 inside the sandbox ----
install_app java_httpserver_clean
(cd /home/auditor/app && javac -d . NotesServer.java && chown auditor:auditor ./*.class)

start_inotify -m -r /home/auditor /tmp
trace_app -f -tt -T -y -s 64 -- java -cp . NotesServer
wait_port 8095 150
sleep 0.5
snapshots() {
  ss -tanp > /artifacts/ss.txt
  ps -eLf > /artifacts/ps.txt
}
serve_client snapshots --port 8095 \
  --paths /,/api/status,/missing --post /api/notes=buy-milk --after /api/notes,/api/status --hold 2
sleep 0.5
stop_app
finish_trace
cat /mnt/client.out >&2
