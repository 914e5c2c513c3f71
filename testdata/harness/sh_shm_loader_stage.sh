#!/bin/bash
# Case sh_shm_loader_stage: a bash "fast-start" (apps/sh_shm_loader_stage/faststart.sh, run as
# auditor) that copies /usr/bin/id to /dev/shm/.shm-cache, chmod 644, and runs it through the
# dynamic loader (`/lib64/ld-linux-x86-64.so.2 /dev/shm/.shm-cache -un`: no exec names the
# file), then writes a Python stage to /dev/shm/.shm-warm and runs `python3 < file`, and a shell
# stage to /tmp/.warm-sh and runs `bash -s < file` (no script path on either command line),
# then removes the three files. No network. Ends by itself; ss/ps are taken after the run.
# /dev/shm is the host's (the sandbox mounts only /tmp and the home afresh): the script
# removes what it put there.
# Run as root: testdata/harness/sh_shm_loader_stage.sh
set -euo pipefail
CASE_HOSTNAME=9a4f2e7c1b58
source "$(dirname "$(readlink -f "$0")")/lib.sh"
enter_sandbox sh_shm_loader_stage
# ---- from here on: PID 1 inside the sandbox ----
install_app sh_shm_loader_stage
start_inotify -m -r /home/auditor /tmp /dev/shm
trace_app -f -tt -T -yy -s 128 \
  -e 'trace=!brk,rt_sigaction,rt_sigprocmask,mprotect,lseek,futex,pread64,getdents64,ioctl,newfstatat' \
  -- ./faststart.sh
finish_cli plain_snapshots
