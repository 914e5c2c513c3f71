#!/bin/bash
# Case go_http_clean: "notesd" (apps/go_http_clean/main.go), a Go 1.19 net/http JSON notes
# API on 127.0.0.1:8091 run as auditor: a static binary (CGO_ENABLED=0, standard library
# only) built here; saves POSTed notes to data/notes.json under the app dir (write to .tmp,
# rename), logs with the log package to stderr. /api/search runs a CPU-bound loop long
# enough for the runtime to preempt goroutines with SIGURG. An untraced loopback client
# makes 9 requests (one 404) and holds 2 keep-alive connections while ss/ps are taken; then
# PID 1 sends SIGTERM: signal.Notify -> server.Shutdown -> exit 0.
# Run as root: testdata/harness/go_http_clean.sh (needs golang-go; builds offline)
set -euo pipefail
CASE_HOSTNAME=9b1f3c5e7a20
source "$(dirname "$(readlink -f "$0")")/lib.sh"
enter_sandbox go_http_clean
# ---- from here on: PID 1 inside the sandbox ----
go_build_app notesd "$HARNESS/apps/go_http_clean"

start_inotify -m -r --timefmt '%T' --format '%T %w%f %e' /home/auditor
trace_app -ff -tt -T -yy -- ./notesd
wait_port 8091
sleep 0.5
snapshots() {
  ss -tanp > /artifacts/ss.txt
  ps -eLf > /artifacts/ps.txt
}
serve_client snapshots --port 8091 \
  --paths /healthz,/api/notes,/nope --post /api/notes=buy-milk \
  --after /api/notes,/api/search?q=milk,/api/search?q=milk,/healthz --hold 2
sleep 0.5
stop_app
finish_trace
cat /mnt/client.out >&2
