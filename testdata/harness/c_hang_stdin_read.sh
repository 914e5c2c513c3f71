#!/bin/bash
# Case c_hang_stdin_read: "stall read" (apps/c_hang_cli/stall.c), a C batch client run under
# coreutils `timeout 2`, traced through the wrapper: it reads stall.conf, then reads its job
# list from stdin, a fifo whose writer (an untraced `sleep`) never writes or closes it: read(0)
# blocks until timeout sends SIGTERM. ss/ps are taken after the run.
# Run as root: testdata/harness/c_hang_stdin_read.sh
set -euo pipefail
CASE_HOSTNAME=7d20b4e91c5a
source "$(dirname "$(readlink -f "$0")")/lib.sh"
enter_sandbox c_hang_stdin_read
# ---- from here on: PID 1 inside the sandbox ----
c_build_app c_hang_cli stall full_backlog.py
start_inotify -m -r /home/auditor
mkfifo -m 644 /mnt/jobs
sleep 30 > /mnt/jobs &    # the writer that never writes
WRITER=$!
APP_STDIN=/mnt/jobs trace_app -f -tt -T -y -- timeout 2 ./stall read
finish_cli plain_snapshots
kill "$WRITER"
