#!/bin/bash
# Case node_stderr_in_trace: "chat-relay" (apps/node_stderr_in_trace/app.js) run as
# `node app.js`, whose `ws` dependency was never installed: it prints its banner to stdout,
# two warnings to stderr, then dies with "Error: Cannot find module 'ws'", exit 1. Captured
# the way people often do it, without -o: `strace -f -tt node app.js 2> strace_log >
# program.log`, so strace's trace and the program's stderr share strace_log (the program's
# text glued into its write(2, ...) lines), and program.log holds stdout only. ss/ps are
# taken after the run.
# Run as root: testdata/harness/node_stderr_in_trace.sh
set -euo pipefail
CASE_HOSTNAME=5e0c7d21a94f
source "$(dirname "$(readlink -f "$0")")/lib.sh"
enter_sandbox node_stderr_in_trace
# ---- from here on: PID 1 inside the sandbox ----
install_app node_stderr_in_trace
start_inotify -m -r /home/auditor /tmp
cd /home/auditor/app
"${APP_ENV[@]}" HOSTNAME="$(hostname)" \
  strace -f -tt -u auditor node app.js 2> /artifacts/strace_log > /artifacts/program.log &
ST=$!
snapshots() {
  ss -tunap > /artifacts/ss.txt
  ps -ef > /artifacts/ps.txt
}
finish_cli snapshots
