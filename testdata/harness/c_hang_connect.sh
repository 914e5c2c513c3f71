#!/bin/bash
# Case c_hang_connect: "stall connect 9200" (apps/c_hang_cli/stall.c), a C batch client: it
# reads stall.conf, then connects to 127.0.0.1:9200, where an untraced stand-in
# (full_backlog.py) listens with a full accept queue and never accepts, so every SYN is dropped
# and connect() blocks as for a blackholed address. The harness kills it with SIGKILL after
# 1.5 s (no signal line: only "+++ killed by SIGKILL +++"). ss/ps are taken while it waits.
# Run as root: testdata/harness/c_hang_connect.sh
set -euo pipefail
CASE_HOSTNAME=91c4e7a2d05b
source "$(dirname "$(readlink -f "$0")")/lib.sh"
enter_sandbox c_hang_connect
# ---- from here on: PID 1 inside the sandbox ----
c_build_app c_hang_cli stall full_backlog.py
as_auditor /usr/bin/python3 /opt/harness/full_backlog.py 9200 /mnt/sync/backlog &
BACKLOG=$!
wait_for 10 test -f /mnt/sync/backlog
start_inotify -m -r /home/auditor
trace_app -f -tt -T -y -- ./stall connect 9200
sleep 1.2
plain_snapshots
sleep 0.3
kill -KILL "$(pgrep -P "$ST")"
finish_trace
kill "$BACKLOG"
