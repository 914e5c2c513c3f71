#!/bin/bash
# Case sh_proc_hide_mount: a bash "tmp-cleanup" script (apps/sh_proc_hide_mount/cleanup.sh, run
# as auditor) that greps TracerPid in /proc/self/status, copies /bin/sleep to /tmp/.cron-helper
# and starts it (2 s), tries `mount --bind /tmp/.empty /proc/<its pid>` (refused: EPERM), does
# the same inside `unshare -rm` (a user + mount namespace of its own: succeeds there), and
# `touch -r /bin/ls` the helper. No network. Ends by itself; ss/ps are taken after the run.
# Run as root: testdata/harness/sh_proc_hide_mount.sh
set -euo pipefail
CASE_HOSTNAME=4e7a1c9b2d03
source "$(dirname "$(readlink -f "$0")")/lib.sh"
enter_sandbox sh_proc_hide_mount
# ---- from here on: PID 1 inside the sandbox ----
install_app sh_proc_hide_mount
start_inotify -m -r /home/auditor /tmp
trace_app -f -tt -T -yy -s 128 \
  -e 'trace=!brk,rt_sigaction,rt_sigprocmask,newfstatat,lseek,ioctl,getdents64,futex,pread64' \
  -- ./cleanup.sh
finish_cli plain_snapshots
