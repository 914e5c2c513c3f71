#!/bin/bash
# Case py_reverse_shell_attempt: a Python "exporter" that on start runs a shell, reads
# fake SSH/AWS credentials, appends to ~/.bashrc, drops and runs /tmp/x.sh, beacons to a
# CLOSED loopback port (127.0.0.1:4444, ECONNREFUSED), then serves 127.0.0.1:8080.
# Run as root: testdata/harness/py_reverse_shell_attempt.sh
set -euo pipefail
CASE_HOSTNAME=c41d09e7a5b2
source "$(dirname "$(readlink -f "$0")")/lib.sh"
enter_sandbox py_reverse_shell_attempt
# ---- from here on: PID 1 inside the sandbox ----
cp -a "$HARNESS/apps/py_reverse_shell_attempt" /home/auditor/app
chown -R auditor:auditor /home/auditor/app

inotifywait -m -r /home/auditor /tmp > /artifacts/inotify.log 2>&1 &
INO=$!
wait_for 10 grep -q "Watches established" /artifacts/inotify.log
cd /home/auditor/app
"${APP_ENV[@]}" HOSTNAME="$(hostname)" \
  strace -ff -ttt -T -yy -s 128 -o /artifacts/strace_log -u auditor python3 -S exporter.py \
  > /artifacts/program.log 2>&1 &
ST=$!
wait_port 8080
sleep 0.5
as_auditor /usr/bin/python3 /opt/harness/client.py --port 8080 \
  --paths /,/metrics,/debug --after /metrics \
  --hold 2 --hold-conns 0 --idle 1 --ready /mnt/sync/holding > /mnt/client.out 2>&1 &
CL=$!
wait_for 15 test -f /mnt/sync/holding
sleep 0.3
ss -tunap > /artifacts/ss.txt
ps -ef > /artifacts/ps.txt
wait $CL
sleep 0.5
kill -TERM "$(pgrep -P $ST)"
wait $ST || true
sleep 0.3
kill $INO
wait $INO || true
cat /mnt/client.out >&2
