#!/bin/bash
# Case sh_script_crash: a /bin/sh launcher whose helper `wait-for-it` is not installed
# ("not found", handled) and whose Python worker dies at import: ModuleNotFoundError
# 'requests'. Exit code 1 well under a second after start.
# Run as root: testdata/harness/sh_script_crash.sh
set -euo pipefail
CASE_HOSTNAME=0d8e2b6f4a91
source "$(dirname "$(readlink -f "$0")")/lib.sh"
enter_sandbox sh_script_crash
# ---- from here on: PID 1 inside the sandbox ----
cp -a "$HARNESS/apps/sh_script_crash" /home/auditor/app
chown -R auditor:auditor /home/auditor/app

inotifywait -m -r -q -e create,modify,open,close_write,delete,attrib /home/auditor /tmp \
  > /artifacts/inotify.log 2>&1 &
INO=$!
sleep 0.5                     # -q: no "Watches established" line to wait for
cd /home/auditor/app
"${APP_ENV[@]}" HOSTNAME="$(hostname)" \
  strace -ff -r -T -o /artifacts/strace_log -u auditor ./start.sh \
  > /artifacts/program.log 2>&1 &
ST=$!
sleep 1                       # the usual delay before the client (the app is dead by then)
as_auditor /usr/bin/python3 /opt/harness/client.py --port 8080 --paths /,/health \
  --hold-conns 0 --hold 2 --ready /mnt/sync/holding > /mnt/client.out 2>&1 &
CL=$!
wait_for 15 test -f /mnt/sync/holding
sleep 0.3
ss -a > /artifacts/ss.txt
ps axjf > /artifacts/ps.txt
wait $ST || echo "strace exit: $?" >&2
wait $CL || true
kill $INO
wait $INO || true
cat /mnt/client.out >&2
