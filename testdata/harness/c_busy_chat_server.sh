#!/bin/bash
# Case c_busy_chat_server: chatd (apps/c_busy_chat/chatd.c, run as auditor), a "chat server"
# that listens on 127.0.0.1:7070 and waits for clients with poll() (60 s at a time), while two
# threads it started spin on the CPU with no system call: resource hijacking without a miner's
# name, pool or stratum line. One untraced client connects and reads the greeting; about 4 s
# after the listen ps and ss are taken, then SIGTERM ends the run.
# strace -f -tt -T -yy, unfiltered: every call is in the one file.
# Run as root: testdata/harness/c_busy_chat_server.sh
set -euo pipefail
CASE_HOSTNAME=3f7a1c9e5b20
source "$(dirname "$(readlink -f "$0")")/lib.sh"
enter_sandbox c_busy_chat_server
# ---- from here on: PID 1 inside the sandbox ----
install_app c_busy_chat
gcc -O1 -Wall -pthread -o /home/auditor/app/chatd /home/auditor/app/chatd.c
chown -R auditor:auditor /home/auditor/app
start_inotify -m -r /home/auditor
trace_app -f -tt -T -yy -- ./chatd 7070
wait_port 7070
as_auditor /usr/bin/python3 -c 'import socket; s = socket.create_connection(("127.0.0.1", 7070)); print(s.recv(64))' > /mnt/client.out 2>&1
sleep 4
ss -tanp > /artifacts/ss.txt
ps aux > /artifacts/ps.txt
stop_app
finish_trace
cat /mnt/client.out >&2
