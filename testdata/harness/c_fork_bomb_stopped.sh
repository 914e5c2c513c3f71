#!/bin/bash
# Case c_fork_bomb_stopped: "breeder" (apps/c_fork_bomb_stopped/breeder.c), a slow C fork bomb:
# every process, each copy included, forks every 0.2 s forever, so the copies double every
# 0.2 s. Run under `timeout 1`, which stops the whole process group with SIGTERM after 1 s, at
# about 32 copies: no fork is refused (`ulimit -u 200` only as a safety bound). ss/ps are taken
# after the run.
# Run as root: testdata/harness/c_fork_bomb_stopped.sh
set -euo pipefail
CASE_HOSTNAME=7a3c9e1f0b52
source "$(dirname "$(readlink -f "$0")")/lib.sh"
enter_sandbox c_fork_bomb_stopped
# ---- from here on: PID 1 inside the sandbox ----
c_build_app c_fork_bomb_stopped breeder

start_inotify -m -r /home/auditor
ulimit -u 200
trace_app -f -tt -T -y -- timeout 1 ./breeder
finish_cli plain_snapshots
