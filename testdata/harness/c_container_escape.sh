#!/bin/bash
# Case c_container_escape: a C program (run as auditor) that tries to load a kernel module
# dropped in /tmp/.rk (finit_module, init_module), delete_module, kexec_file_load, a BPF
# program load, iopl(3), sethostname, settimeofday + clock_settime and setns into PID 1's
# mount namespace; a forked child unshares a user + mount namespace, maps itself to root,
# mounts a tmpfs, bind-mounts /home/auditor, chroots and detaches "/"; then a dropped
# stage2.sh is backdated to 2019-01-01 with utimensat, utimes and utime. No network.
# Exits 0 by itself after ~1 s (ss/ps are taken during its final 1 s sleep).
# Run as root: testdata/harness/c_container_escape.sh
set -euo pipefail
CASE_HOSTNAME=b81d4e07c6a3
source "$(dirname "$(readlink -f "$0")")/lib.sh"
enter_sandbox c_container_escape
# ---- from here on: PID 1 inside the sandbox ----
mkdir -p /home/auditor/app
gcc -O1 -Wall -o /home/auditor/app/esc "$HARNESS/apps/c_container_escape/esc.c"
chown -R auditor:auditor /home/auditor/app

start_inotify -m -r --timefmt '%FT%T%z' --format '%T %e %w%f' /home/auditor /tmp
trace_app -ff -tt -T -y -- ./esc
wait_for 10 grep -qs "^esc: idle" /artifacts/program.log   # esc sleeps 1 s after its last step
ss -tunap > /artifacts/ss.txt
ps -ef > /artifacts/ps.txt
finish_trace
