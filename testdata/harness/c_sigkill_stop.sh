#!/bin/bash
# Case c_sigkill_stop: "echod" (apps/c_sigkill_stop/echod.c, gcc), a C echo service on
# 127.0.0.1:8099 whose SIGTERM handler only starts "draining" and waits for its clients. An
# untraced loopback client (sock_client.py-free: a python one-liner) keeps a connection open;
# PID 1 sends SIGTERM, then SIGKILL 1 s later (docker stop's grace period, shortened).
# Run as root: testdata/harness/c_sigkill_stop.sh
set -euo pipefail
CASE_HOSTNAME=d81f5b3a06e9
source "$(dirname "$(readlink -f "$0")")/lib.sh"
enter_sandbox c_sigkill_stop
# ---- from here on: PID 1 inside the sandbox ----
install_app c_sigkill_stop
gcc -O2 -Wall -o /home/auditor/app/echod /home/auditor/app/echod.c
chown auditor:auditor /home/auditor/app/echod

start_inotify -m -r /home/auditor
trace_app -f -tt -T -y -- ./echod
wait_port 8099
as_auditor /usr/bin/python3 -c '
import socket, time
s = socket.create_connection(("127.0.0.1", 8099))
s.sendall(b"ping\n"); print("client:", s.recv(64)); time.sleep(6)' > /mnt/client.out 2>&1 &
sleep 1
ss -tanp > /artifacts/ss.txt
ps -ef > /artifacts/ps.txt
stop_app
sleep 1
kill -KILL "$(pgrep -P "$ST")"
finish_trace
cat /mnt/client.out >&2 || true
