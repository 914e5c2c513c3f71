#!/bin/bash
# Case c_stealth_implant: a C implant, gvfsd-helper (run as auditor; apps/c_stealth_implant/
# gvfsd-helper.c), that hides its files and itself: a folder named ". ." in ~/.local/share
# holding a browser wrapper, ~/.local/share/applications/firefox.desktop whose Exec= runs that
# wrapper (the user's Firefox menu entry shadowed), /tmp/.X11-unix/.x (a dot-file in the X
# server's socket folder), a forked child's open fake ~/.aws/credentials taken with
# pidfd_open + pidfd_getfd and read, a stratum login (mining.subscribe, mining.authorize) to
# an untraced stand-in pool on 127.0.0.1:3333 (apps/c_stealth_implant/pool.py, as nobody),
# then its argv rewritten in memory to "sshd: root@notty" (ps shows it; no prctl). The
# harness takes the snapshots while it idles and ends the run with SIGTERM.
# Run as root: testdata/harness/c_stealth_implant.sh
set -euo pipefail
CASE_HOSTNAME=9b41e07c5a3d
source "$(dirname "$(readlink -f "$0")")/lib.sh"
enter_sandbox c_stealth_implant
# ---- from here on: PID 1 inside the sandbox ----
src=$HARNESS/apps/c_stealth_implant
mkdir -p /home/auditor/app
gcc -O1 -Wall -o /home/auditor/app/gvfsd-helper "$src/gvfsd-helper.c"
chown -R auditor:auditor /home/auditor/app

cp "$src/pool.py" /opt/harness/
setpriv --reuid=nobody --regid=nogroup --clear-groups /usr/bin/python3 /opt/harness/pool.py > /mnt/pool.log 2>&1 &
wait_port 3333

start_inotify -m -r --format '%e %w%f' /home/auditor /tmp
trace_app -f -tt -T -yy -s 256 -- ./gvfsd-helper --no-fork --config /tmp/.X11-unix/.x
wait_for 30 grep -qs "^gvfsd-helper: idle" /artifacts/program.log
sleep 0.3
ss -tanp > /artifacts/ss.txt
ps -eo pid,ppid,user,stat,comm,args > /artifacts/ps.txt
stop_app
finish_trace
cat /mnt/pool.log >&2
