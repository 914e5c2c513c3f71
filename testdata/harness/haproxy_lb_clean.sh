#!/bin/bash
# Case haproxy_lb_clean: Debian's HAProxy 2.6 run as auditor in master-worker mode in the
# foreground (`haproxy -W -db -f ~/app/haproxy.cfg`, apps/haproxy_lb_clean/haproxy.cfg): the
# master forks one worker (no exec) with its threads; a frontend on 127.0.0.1:8130
# round-robins to two backends, untraced `python3 -m http.server` stand-ins (as nobody) on
# 127.0.0.1:8131 and 8132, health-checked every second; a stats socket in ~/app/run. Untraced
# curl clients (as auditor) make 6 requests (one 404 from a backend); then SIGTERM to the
# master: it stops its worker, exit 0.
# Needs: apt-get install haproxy. Run as root: testdata/harness/haproxy_lb_clean.sh
set -euo pipefail
CASE_HOSTNAME=e6a09d3c5b21
source "$(dirname "$(readlink -f "$0")")/lib.sh"
enter_sandbox haproxy_lb_clean
# ---- from here on: PID 1 inside the sandbox ----
install_app haproxy_lb_clean
start_loopback_http /home/auditor/app/www 8131
start_loopback_http /home/auditor/app/www 8132

start_inotify -m -r /home/auditor
trace_app -f -tt -T -yy -s 96 -- /usr/sbin/haproxy -W -db -f /home/auditor/app/haproxy.cfg
wait_port 8130
sleep 1.2
for p in / /index.html /index.html /nope.html / /index.html; do
  as_auditor curl -s -o /dev/null -w '%{http_code}\n' "http://127.0.0.1:8130$p" >&2
done
netstat -anp > /artifacts/netstat.txt
ps -eLo pid,tid,ppid,user,stat,comm,args > /artifacts/ps.txt
stop_app
finish_trace
