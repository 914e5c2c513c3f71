#!/bin/bash
# Case py_port_scan_raw: a Python "health checker" that reads its config, then scans
# 127.0.0.1 TCP ports 1..120 + 3306 5432 6379 8080 9200 27017 with blocking connects
# (one port open: an untraced listener on 127.0.0.1:8080 started here), scans ::1 ports
# 20..40 with non-blocking connects, sends one UDP byte to 127.0.0.1 ports 53/123/161,
# and tries AF_PACKET and raw ICMP sockets (EPERM) and a ping socket. Exits 0 by itself
# after ~1.2 s (ss/ps are taken during its final 1 s sleep).
# Run as root: testdata/harness/py_port_scan_raw.sh
set -euo pipefail
CASE_HOSTNAME=7e05b3d91c28
source "$(dirname "$(readlink -f "$0")")/lib.sh"
enter_sandbox py_port_scan_raw
# ---- from here on: PID 1 inside the sandbox ----
cp -a "$HARNESS/apps/py_port_scan_raw" /home/auditor/app
printf '{"service": "orders-db", "check": "tcp", "host": "127.0.0.1", "port": 5432, "interval_s": 30}\n' \
  > /home/auditor/app/config.json
chown -R auditor:auditor /home/auditor/app

# The one open port: an untraced loopback listener (cwd /mnt/sync: serves nothing of note).
(cd /mnt/sync && exec setpriv --reuid=auditor --regid=auditor --init-groups \
  /usr/bin/python3 -m http.server 8080 --bind 127.0.0.1) > /mnt/listener.out 2>&1 &
LS=$!
wait_port 8080

start_inotify --banner -m -r /home/auditor /tmp
trace_app -f -ttt -T -yy -- /usr/bin/python3 scan.py
wait_for 15 grep -qs "^svc-healthcheck: idle" /artifacts/program.log   # scan.py sleeps 1 s then
ss -tunap > /artifacts/ss.txt
ps aux > /artifacts/ps.txt
finish_trace
kill $LS
wait $LS || true
cat /mnt/listener.out >&2
