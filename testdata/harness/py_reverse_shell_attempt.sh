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

start_inotify --banner -m -r /home/auditor /tmp
trace_app -ff -ttt -T -yy -s 128 -- python3 -S exporter.py
wait_port 8080
sleep 0.5
snapshots() {
  ss -tunap > /artifacts/ss.txt
  ps -ef > /artifacts/ps.txt
}
serve_client snapshots --port 8080 --paths /,/metrics,/debug --after /metrics --hold 2 --hold-conns 0 --idle 1
sleep 0.5
stop_app
finish_trace
cat /mnt/client.out >&2
