#!/bin/bash
# Case strace_exec_denied: a failed capture. The app (`./server`, a Python script) was
# deployed without its execute bit: strace cannot exec it ("strace: exec: Permission
# denied" on its stderr, which is program.log), the trace is one failed execve and strace's
# own exit 1. The snapshots are taken as usual.
# Run as root: testdata/harness/strace_exec_denied.sh
set -euo pipefail
CASE_HOSTNAME=7e1f0c2d9a35
source "$(dirname "$(readlink -f "$0")")/lib.sh"
enter_sandbox strace_exec_denied
# ---- from here on: PID 1 inside the sandbox ----
cp -a "$HARNESS/apps/strace_exec_denied" /home/auditor/app
chmod 644 /home/auditor/app/server   # the deployment bug
chown -R auditor:auditor /home/auditor/app

inotifywait -m -r /home/auditor > /artifacts/inotify.log 2>&1 &
INO=$!
wait_for 10 grep -q "Watches established" /artifacts/inotify.log
cd /home/auditor/app
"${APP_ENV[@]}" HOSTNAME="$(hostname)" \
  strace -ff -tt -T -y -o /artifacts/strace_log -u auditor ./server \
  > /artifacts/program.log 2>&1 &
ST=$!
wait $ST || echo "strace exit: $?" >&2
sleep 0.5
ss -tunap > /artifacts/ss.txt
ps -ef > /artifacts/ps.txt
kill $INO
wait $INO || true
