#!/bin/bash
# Case perl_threads_server: "status-board" (apps/perl_threads_server/server.pl), a Perl 5
# ithreads HTTP service on 127.0.0.1:8098 (main thread accepts, 3 pool threads answer, a
# detached self-test thread GETs /health from itself), pid file and access log under var/ in
# the app dir. The untraced loopback client makes 5 requests (one 404) and holds 2 connections
# while netstat/ps are taken; then SIGTERM: the handler stops the pool, exit 0.
# Traced with -ff (a file per thread). Run as root: testdata/harness/perl_threads_server.sh
set -euo pipefail
CASE_HOSTNAME=2f9c6a0e41b8
source "$(dirname "$(readlink -f "$0")")/lib.sh"
enter_sandbox perl_threads_server
# ---- from here on: PID 1 inside the sandbox ----
install_app perl_threads_server

start_inotify --banner -m -r --timefmt '%F %T' --format '%T %w%f %e' /home/auditor /tmp
trace_app -ff -tt -T -y -s 64 -- perl server.pl
wait_port 8098
sleep 0.5
snapshots() {
  netstat -tanp > /artifacts/netstat.txt
  ps -eLf > /artifacts/ps.txt
}
serve_client snapshots --port 8098 --paths /,/health,/nope --after / --hold 2
sleep 0.5
stop_app
finish_trace
cat /mnt/client.out >&2
