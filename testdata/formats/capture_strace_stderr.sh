#!/bin/bash
# strace writing to stderr instead of -o, into the program's output file (rt-formats3):
#   tee/program.log:    strace -f -tt ... node app.js 2>&1 | tee program.log  (strace 6.1)
#   stderr/program.log: strace -f -tt ... node app.js 2> program.log          (stdout elsewhere)
# strace prints a call's arguments on entry and its result on exit, so what the program
# writes in between is glued into the call's line: `write(1, "done\n", 5done` / `) = 5`.
# Run as root: testdata/formats/capture_strace_stderr.sh (private pid+net namespaces; only
# 127.0.0.1 is used). Pids and times differ on every run: re-check what the tests pin.
set -uo pipefail
F=$(cd "$(dirname "$0")" && pwd)/strace_stderr
if [[ "${1:-}" == "--inside" ]]; then
  ip link set lo up
  cd "$F"
  mkdir -p tee stderr
  strace -f -tt -e trace=%process,%network,openat,write -s 64 node app.js 2>&1 | tee tee/program.log >/dev/null
  strace -f -tt -e trace=%process,%network,openat,write -s 64 node app.js 2> stderr/program.log >/dev/null
  exit 0
fi
unshare -n -p -f --mount-proc "$0" --inside
