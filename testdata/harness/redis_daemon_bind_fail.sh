#!/bin/bash
# Case redis_daemon_bind_fail: Debian's redis-server 7.0 run as auditor with `daemonize yes`
# (apps/redis_daemon_bind_fail/redis.conf): the launcher forks and exits
# 0; its copy calls setsid, logs to redis.log under the app dir, and cannot listen on
# 127.0.0.1:6390, which an untraced stand-in (python3 as nobody) already holds: "Failed
# listening on port 6390 (tcp), aborting." in redis.log, exit 1. A daemon that died at start
# behind a launcher that returned 0. ss/ps are taken 2 s after the start.
# Needs: apt-get install redis-server. Run as root: testdata/harness/redis_daemon_bind_fail.sh
set -euo pipefail
CASE_HOSTNAME=6b0e3d9a41f8
source "$(dirname "$(readlink -f "$0")")/lib.sh"
enter_sandbox redis_daemon_bind_fail
# ---- from here on: PID 1 inside the sandbox ----
install_app redis_daemon_bind_fail
setpriv --reuid=nobody --regid=nogroup --clear-groups /usr/bin/python3 -c \
  'import socket,time; s=socket.socket(); s.bind(("127.0.0.1",6390)); s.listen(); time.sleep(8)' &
wait_port 6390
start_inotify -m -r /home/auditor /tmp
trace_app -f -tt -T -yy -s 64 -- /usr/bin/redis-server /home/auditor/app/redis.conf
sleep 2
ss -tanp > /artifacts/ss.txt
ps -ef > /artifacts/ps.txt
finish_trace
