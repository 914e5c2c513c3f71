#!/bin/bash
# Case c_hang_wait_child: "stall wait" (apps/c_hang_cli/stall.c), a C batch client: it reads
# stall.conf, forks a worker that blocks reading a pipe nobody writes, and waits for it
# (wait4). Run under coreutils `timeout 2`, traced through the wrapper: timeout sends its child
# SIGTERM (the worker, in the same process group, gets it too). ss/ps are taken after the run.
# Run as root: testdata/harness/c_hang_wait_child.sh
set -euo pipefail
CASE_HOSTNAME=c3a85f0e6d19
source "$(dirname "$(readlink -f "$0")")/lib.sh"
enter_sandbox c_hang_wait_child
# ---- from here on: PID 1 inside the sandbox ----
c_build_app c_hang_cli stall full_backlog.py
start_inotify -m -r /home/auditor
trace_app -f -tt -T -y -- timeout 2 ./stall wait
finish_cli plain_snapshots
