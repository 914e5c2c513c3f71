#!/bin/bash
# Case c_hang_poll: "stall poll" (apps/c_hang_cli/stall.c), a C batch client: it reads
# stall.conf, polls a pipe nobody writes for 100 ms (a timeout: not a hang), then waits on it
# with epoll_wait(..., -1) for good. It never listens. The harness stops it with SIGTERM after
# 1.5 s; ss/ps are taken while it waits. Run as root: testdata/harness/c_hang_poll.sh
set -euo pipefail
CASE_HOSTNAME=2e9f51c07ab4
source "$(dirname "$(readlink -f "$0")")/lib.sh"
enter_sandbox c_hang_poll
# ---- from here on: PID 1 inside the sandbox ----
c_build_app c_hang_cli stall full_backlog.py
start_inotify -m -r /home/auditor
trace_app -f -tt -T -y -- ./stall poll
sleep 1.2
plain_snapshots
sleep 0.3
stop_app
finish_trace
