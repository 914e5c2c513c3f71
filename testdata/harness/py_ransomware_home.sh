#!/bin/bash
# Case py_ransomware_home: a Python "backup sync" tool (run as auditor) that, after reading
# its settings.ini, walks ~/Documents (40 fake files made here, random text) and XOR-
# "encrypts" every file: 38 are read, copied to <name>.locked (O_WRONLY|O_CREAT|O_TRUNC)
# and unlinked; 2 are overwritten in place and renamed to <name>.locked. Then it sleeps 1 s
# (ss/ps are taken then), writes READ_ME_TO_RESTORE.txt in ~/Documents and ~, deletes the
# 3 "shadow copies" in ~/.local/share/backups/ and exits 0 by itself. No network.
# Run as root: testdata/harness/py_ransomware_home.sh
set -euo pipefail
CASE_HOSTNAME=5e8b2d71c09f
source "$(dirname "$(readlink -f "$0")")/lib.sh"
enter_sandbox py_ransomware_home
# ---- from here on: PID 1 inside the sandbox ----

# Fake user documents: random text (and random bytes behind a JPEG header), made now in
# the tmpfs home; 25 + 10 + 5 = 40 files.
make_fake_documents() {
  local d=/home/auditor/Documents i
  mkdir -p "$d/notes" "$d/photos"
  for i in $(seq -w 1 25); do
    { echo "Quarterly report $i"; head -c $((120 + RANDOM % 400)) /dev/urandom | base64 -w 76; } \
      > "$d/report_$i.txt"
  done
  for i in $(seq -w 1 10); do
    { echo "# Meeting $i"; echo; head -c $((60 + RANDOM % 200)) /dev/urandom | base64 -w 76 | sed 's/^/- /'; } \
      > "$d/notes/meeting_$i.md"
  done
  for i in 1 2 3 4 5; do
    { printf '\377\330\377\340\000\020JFIF\000'; head -c $((200 + RANDOM % 300)) /dev/urandom; } \
      > "$d/photos/IMG_000$i.jpg"
  done
  # the "shadow copies" the program deletes
  mkdir -p /home/auditor/.local/share/backups
  for i in 1 2 3; do
    head -c $((300 + RANDOM % 300)) /dev/urandom > "/home/auditor/.local/share/backups/Documents-2026-11-2$i.tar.gz"
  done
  chown -R auditor:auditor /home/auditor/Documents /home/auditor/.local
}
make_fake_documents

cp -a "$HARNESS/apps/py_ransomware_home" /home/auditor/app
printf '[sync]\nsource = ~/Documents\ntarget = ~/.local/share/backups\ninterval = 3600\n' \
  > /home/auditor/app/settings.ini
chown -R auditor:auditor /home/auditor/app

start_inotify -m -r -e create,modify,delete,moved_to,moved_from,close_write --format '%w%f %e' /home/auditor
trace_app -ff -tt -T -y -- /usr/bin/python3 sync.py
wait_for 10 grep -qs "^docsync: idle" /artifacts/program.log   # sync.py sleeps 1 s here
ps -eo pid,ppid,user,stat,args > /artifacts/ps.txt
ss -tulpn > /artifacts/ss.txt
finish_trace
