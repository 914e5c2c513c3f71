#!/bin/bash
# Case c_missing_shlib: a C program whose shared library (libgreet.so.1) was not deployed:
# "error while loading shared libraries", exit 127 before main().
# Run as root: testdata/harness/c_missing_shlib.sh
set -euo pipefail
CASE_HOSTNAME=4f6c1e9a8b02
source "$(dirname "$(readlink -f "$0")")/lib.sh"
enter_sandbox c_missing_shlib
# ---- from here on: PID 1 inside the sandbox ----
SRC="$HARNESS/apps/c_missing_shlib"
mkdir -p /mnt/build /home/auditor/app/lib
gcc -shared -fPIC -Wl,-soname,libgreet.so.1 -o /mnt/build/libgreet.so.1 "$SRC/greet.c"
ln -s libgreet.so.1 /mnt/build/libgreet.so
gcc -Wall -o /home/auditor/app/reportd "$SRC/reportd.c" -L/mnt/build -lgreet -Wl,-rpath,'$ORIGIN/lib'
# deployed without lib/libgreet.so.1: lib/ is empty
chown -R auditor:auditor /home/auditor/app

inotifywait -m -r /home/auditor > /artifacts/inotify.log 2>&1 &
INO=$!
wait_for 10 grep -q "Watches established" /artifacts/inotify.log
cd /home/auditor/app
"${APP_ENV[@]}" HOSTNAME="$(hostname)" \
  strace -ff -ttt -y -o /artifacts/strace_log -u auditor ./reportd \
  > /artifacts/program.log 2>&1 &
ST=$!
wait $ST || echo "strace exit: $?" >&2
sleep 0.5
netstat -tulpn > /artifacts/netstat.txt
ps -ef > /artifacts/ps.txt
kill $INO
wait $INO || true
