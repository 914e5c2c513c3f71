#!/bin/bash
# Case sh_dropper_persistence: a bash "installer" that downloads and runs code from a
# loopback "CDN" (127.0.0.1:8081, an untraced python http.server run as nobody), installs
# persistence, hides, starts a detached stage 2 that beacons to a closed port
# (127.0.0.1:3333), wipes history and deletes itself.
# Run as root: testdata/harness/sh_dropper_persistence.sh
set -euo pipefail
CASE_HOSTNAME=a93f0c6e1b57
source "$(dirname "$(readlink -f "$0")")/lib.sh"
enter_sandbox sh_dropper_persistence
# ---- from here on: PID 1 inside the sandbox ----
cp -a "$HARNESS/apps/sh_dropper_persistence" /home/auditor/app
printf 'ls -la\ncd app\n./install.sh\n' > /home/auditor/.bash_history
chown -R auditor:auditor /home/auditor/app /home/auditor/.bash_history
cp -a "$HARNESS/apps/sh_dropper_persistence/cdn" /opt/harness/cdn
setpriv --reuid=nobody --regid=nogroup --clear-groups \
  /usr/bin/python3 -m http.server --bind 127.0.0.1 --directory /opt/harness/cdn 8081 > /mnt/cdn.log 2>&1 &
CDN=$!
wait_port 8081

inotifywait -m -r -e create,modify,attrib,delete,moved_to,close_write \
  --timefmt %s --format '%T|%w|%f|%e' /home/auditor /tmp > /artifacts/inotify.log 2>/mnt/inotify.err &
INO=$!
wait_for 10 grep -q "Watches established" /mnt/inotify.err
cd /home/auditor/app
"${APP_ENV[@]}" HOSTNAME="$(hostname)" \
  strace -f -e trace=process,network,file -s 200 -o /artifacts/strace_log -u auditor ./install.sh \
  > /artifacts/program.log 2>&1 &
ST=$!
wait_for 20 test ! -e /home/auditor/app/install.sh   # the installer deletes itself at the end
sleep 0.5                                            # stage 2 is still running, detached
netstat -tanp > /artifacts/netstat.txt
ps auxf > /artifacts/ps.txt
wait $ST || true                                     # strace ends when stage 2 ends (~3 s)
sleep 0.3
kill $INO $CDN
wait || true
cat /mnt/cdn.log >&2
