#!/bin/bash
# Case c_time_bomb: "updater" (apps/c_time_bomb/updater.c), a C program that sleeps 32 s in
# sixteen nanosleep calls of 2 s, then runs `sh -c "id > /dev/null"` (system()) and appends a
# line to ~/.bashrc (the fake home). It ends by itself; ss/ps are taken after the run.
# Run as root: testdata/harness/c_time_bomb.sh
set -euo pipefail
CASE_HOSTNAME=5a0c9e7d2b18
source "$(dirname "$(readlink -f "$0")")/lib.sh"
enter_sandbox c_time_bomb
# ---- from here on: PID 1 inside the sandbox ----
c_build_app c_time_bomb updater
start_inotify -m -r /home/auditor
trace_app -f -tt -T -y -- ./updater
finish_cli plain_snapshots
