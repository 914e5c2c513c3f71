#!/bin/bash
# Case timeout_py_deadlock: a Python batch exporter run under coreutils `timeout 1`, traced
# through the wrapper: `strace -f ... timeout 1 /usr/bin/python3 export.py`. timeout forks,
# its child runs python3, which prints "exporting batch 1/1" and then deadlocks (two threads
# take two locks in opposite order); after 1 s timeout sends its child SIGTERM and exits 124.
# ss/ps are taken after the run. Run as root: testdata/harness/timeout_py_deadlock.sh
set -euo pipefail
CASE_HOSTNAME=5c81e0a9d3f7
source "$(dirname "$(readlink -f "$0")")/lib.sh"
enter_sandbox timeout_py_deadlock
# ---- from here on: PID 1 inside the sandbox ----
install_app timeout_py_deadlock
start_inotify -m -r /home/auditor
trace_app -f -tt -T -y -- timeout 1 /usr/bin/python3 export.py
finish_cli plain_snapshots
