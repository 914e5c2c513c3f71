#!/bin/bash
# strace writing its trace to stderr, captured into a trace file while stdout goes elsewhere
# (rt-stderr): `strace -f -tt CMD 2> strace_log > program.log` (strace 6.1). The program's own
# stderr lands in strace_log too, glued into its write(2, ...) lines: strace prints a call's
# arguments on entry and its result on exit, and the program's bytes reach the file in between.
#   py_missing_module/strace_log: python3 app.py; a warning on stderr, then ModuleNotFoundError.
#   node_busy_stderr/strace_log:  node app.js; 40 progress lines on stderr while 2 worker
#                                 threads stat and read a file (lines glued between threads).
# Run as root: testdata/formats/capture_strace_stderr_log.sh (private pid+net namespaces, no
# network used). Pids and times differ on every run: re-check what the tests pin.
set -uo pipefail
F=$(cd "$(dirname "$0")" && pwd)/strace_stderr
if [[ "${1:-}" == "--inside" ]]; then
  ip link set lo up
  cd "$F/py_missing_module" && strace -f -tt /usr/bin/python3 -S app.py 2> strace_log > program.log
  cd "$F/node_busy_stderr" && strace -f -tt node app.js 2> strace_log > program.log
  exit 0
fi
unshare -n -p -f --mount-proc "$0" --inside
