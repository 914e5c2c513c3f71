#!/bin/bash
# Case c_fork_bomb: "spawnd" (apps/c_fork_bomb/spawnd.c), a C fork bomb: every process, each
# copy included, forks in a loop until fork fails with EAGAIN, then sleeps 0.3 s and exits.
# Bounded by `ulimit -u 60` (RLIMIT_NPROC of the auditor uid, inherited through strace -u), so
# about 60 processes, each a few forks, none more than a few dozen. ss/ps are taken after the run.
# Run as root: testdata/harness/c_fork_bomb.sh
set -euo pipefail
CASE_HOSTNAME=5b1e8d2a9c47
source "$(dirname "$(readlink -f "$0")")/lib.sh"
enter_sandbox c_fork_bomb
# ---- from here on: PID 1 inside the sandbox ----
c_build_app c_fork_bomb spawnd

start_inotify -m -r /home/auditor
ulimit -u 60
trace_app -f -tt -T -y -- ./spawnd
finish_cli plain_snapshots
