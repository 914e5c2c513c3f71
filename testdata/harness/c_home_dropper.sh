#!/bin/bash
# Case c_home_dropper: a C "desktop-updater" (apps/c_home_dropper/updater.c, built by the
# harness, run as auditor) that writes a shell stage carried in the binary to
# ~/.local/share/.dbus-session/dbus-session-helper (open O_CREAT 0644, chmod 0755) and runs it
# with fork + execv (argv[0] "dbus-session-helper"); the stage (#!/bin/sh) runs id and uname
# and writes ~/.local/share/.dbus-session/state. Nothing in /tmp, no network, no shell -c.
# Ends by itself; ss/ps are taken after the run.
# Run as root: testdata/harness/c_home_dropper.sh
set -euo pipefail
CASE_HOSTNAME=5d3b8f0a6e21
source "$(dirname "$(readlink -f "$0")")/lib.sh"
enter_sandbox c_home_dropper
# ---- from here on: PID 1 inside the sandbox ----
c_build_app c_home_dropper updater
start_inotify -m -r /home/auditor /tmp
trace_app -f -tt -T -yy -s 128 \
  -e 'trace=!brk,rt_sigaction,rt_sigprocmask,mprotect,lseek,futex,pread64' \
  -- ./updater
finish_cli plain_snapshots
