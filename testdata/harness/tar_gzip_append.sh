#!/bin/bash
# Case tar_gzip_append: a backup batch job (apps/tar_gzip_append/backup.sh: tar | gzip of
# data/ into out/, tar -tzf, sha256sum) run TWICE, both runs traced into the same file with
# `strace -A -o strace_log` (append): two execve roots one after the other; exit 0 each.
# -e trace=!read,write,close,... keeps the trace small (memory calls kept).
# Run as root: testdata/harness/tar_gzip_append.sh
set -euo pipefail
CASE_HOSTNAME=e4b1c80f2a6d
source "$(dirname "$(readlink -f "$0")")/lib.sh"
enter_sandbox tar_gzip_append
# ---- from here on: PID 1 inside the sandbox ----
install_app tar_gzip_append
start_inotify -m -r -e create,modify,delete,moved_to,close_write /home/auditor
cd /home/auditor/app
for n in 1 2; do
  "${APP_ENV[@]}" HOSTNAME="$(hostname)" strace -A -f -tt -T -y -s 48 -e 'trace=!read,write,close,newfstatat,fstat,rt_sigaction,lseek,pread64,fcntl' \
    -o /artifacts/strace_log -u auditor ./backup.sh "$n" >> /artifacts/program.log 2>&1
done
ss -tunap > /artifacts/ss.txt
ps -ef > /artifacts/ps.txt
sleep 0.3
kill $INO; wait $INO || true
