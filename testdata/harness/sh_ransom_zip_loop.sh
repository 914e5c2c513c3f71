#!/bin/bash
# Case sh_ransom_zip_loop: a bash "log-rotate" script (apps/sh_ransom_zip_loop/rotate.sh,
# run as auditor) that packs each of 21 fake files of ~/Documents and ~/Pictures alone into a
# password-protected archive <name>.zip with `zip -j -m -P <random password>`, which removes
# the original: a zip process per file, none removes more than one file. Then
# one `rm -f` of the 3 backups in ~/.local/share/backups and a ransom note. No network.
# Ends by itself; ss/ps are taken after the run.
# Run as root: testdata/harness/sh_ransom_zip_loop.sh
set -euo pipefail
CASE_HOSTNAME=9d2f6b0c4a71
source "$(dirname "$(readlink -f "$0")")/lib.sh"
enter_sandbox sh_ransom_zip_loop
# ---- from here on: PID 1 inside the sandbox ----
install_app sh_ransom_zip_loop
mkdir -p /home/auditor/Documents /home/auditor/Pictures /home/auditor/.local/share/backups
for i in $(seq -w 1 18); do
  { echo "Invoice $i"; head -c $((100 + RANDOM % 300)) /dev/urandom | base64 -w 76; } > "/home/auditor/Documents/invoice_$i.txt"
done
for i in $(seq 1 3); do
  { printf '\377\330\377\340\000\020JFIF\000'; head -c $((200 + RANDOM % 300)) /dev/urandom; } > "/home/auditor/Pictures/IMG_00$i.jpg"
done
for i in 1 2 3; do
  head -c 400 /dev/urandom > "/home/auditor/.local/share/backups/home-2026-11-0$i.tar.gz"
done
chown -R auditor:auditor /home/auditor/Documents /home/auditor/Pictures /home/auditor/.local
start_inotify -m -r -e create,modify,delete,moved_to,close_write /home/auditor
trace_app -f -tt -T -yy -s 64 \
  -e 'trace=!brk,rt_sigaction,rt_sigprocmask,newfstatat,lseek,ioctl,getdents64,futex,pread64,getpid,set_robust_list,close,read,fstat,prlimit64,getrandom' \
  -- ./rotate.sh
finish_cli plain_snapshots
