#!/bin/bash
# Case memcached_clean: Debian's memcached 1.6 run as auditor in the foreground on
# 127.0.0.1:11311 (`memcached -l 127.0.0.1 -p 11311 -U 0 -t 2 -m 16 -v`, UDP off): 2 worker
# threads plus its LRU crawler/maintainer, hash-table and log threads (clone3 with
# CLONE_THREAD, no child process). Untraced python clients (as auditor) set 20 keys, read some
# back, one holding its connection while ss and ps run; then SIGTERM: exit 0.
# Needs: apt-get install memcached. Run as root: testdata/harness/memcached_clean.sh
set -euo pipefail
CASE_HOSTNAME=7c2f0a9e4b18
source "$(dirname "$(readlink -f "$0")")/lib.sh"
enter_sandbox memcached_clean
# ---- from here on: PID 1 inside the sandbox ----
mkdir -p /home/auditor/app
chown auditor:auditor /home/auditor/app

start_inotify -m -r -e create,modify,delete,moved_to,close_write /home/auditor /tmp
trace_app -f -ttt -T -y -s 128 -- /usr/bin/memcached -l 127.0.0.1 -p 11311 -U 0 -t 2 -m 16 -v
wait_port 11311
sleep 0.3
mc() {
  as_auditor /usr/bin/python3 -c '
import socket, sys, time
s = socket.create_connection(("127.0.0.1", 11311))
s.sendall(sys.argv[1].encode().replace(b"|", b"\r\n"))
time.sleep(float(sys.argv[2]))
print(s.recv(65536).decode(errors="replace").strip().replace("\r\n", " "))' "$@"
}
cmds=""
for i in $(seq 1 20); do cmds+="set key:$i 0 0 7|value$((i % 10))|"; done
mc "$cmds" 0.3 >&2
mc "get key:3 key:17 key:99|" 1.5 >&2 &
held=$!
sleep 0.6
ss -tanp > /artifacts/ss.txt
ps -eLf > /artifacts/ps.txt
wait "$held"
mc "stats items|" 0.3 >&2
stop_app
finish_trace
