#!/bin/bash
# Case py_asyncio_v6: a Python asyncio line service on [::1]:8150 (apps/py_asyncio_v6/kv.py)
# that runs a self-test client against itself at start; an untraced client makes 4 sessions
# over ::1 and holds one; SIGTERM via loop.add_signal_handler: graceful exit 0.
# strace with --timestamps=unix,ns. ss is taken BEFORE the program listens (header only) and
# ps AFTER it exited (only the harness left), as a hurried reviewer might.
# Run as root: testdata/harness/py_asyncio_v6.sh
set -euo pipefail
CASE_HOSTNAME=6e0b3d9a1c27
source "$(dirname "$(readlink -f "$0")")/lib.sh"
enter_sandbox py_asyncio_v6
# ---- from here on: PID 1 inside the sandbox ----
install_app py_asyncio_v6 v6client.py
start_inotify -m -r /home/auditor
ss -tanp > /artifacts/ss.txt
trace_app -f --timestamps=unix,ns -T -y -s 64 -- python3 kv.py
for i in $(seq 100); do ss -Hltn 'sport = :8150' | grep -q . && break; sleep 0.1; done
as_auditor /opt/harness/v6client.py 8150 4 /mnt/sync/holding 1 > /mnt/client.out 2>&1
sleep 0.3
stop_app
finish_trace
ps -ef > /artifacts/ps.txt
cat /mnt/client.out >&2
