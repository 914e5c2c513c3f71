#!/bin/bash
# Case apache_prefork_clean: Debian's apache2 2.4 run as auditor in the foreground
# (`apache2 -f ~/app/httpd.conf -DFOREGROUND`, apps/apache_prefork_clean/httpd.conf): prefork
# MPM on 127.0.0.1:8110, ServerRoot the app dir (pid file run/httpd.pid, logs/), 2 children
# forked without exec. Untraced curl clients make 5 requests (one 404); then SIGTERM: the master
# signals its process group (killpg of getpgrp(), which is the sandbox's group 1) and reaps its
# children, removes its pid file and exits 0. APR seeds with some 4000 getrandom calls at start:
# traced without them (-e trace=!getrandom) to keep the trace small.
# Needs: apt-get install apache2. Run as root: testdata/harness/apache_prefork_clean.sh
set -euo pipefail
CASE_HOSTNAME=a4c1e9b0d2f6
source "$(dirname "$(readlink -f "$0")")/lib.sh"
enter_sandbox apache_prefork_clean
# ---- from here on: PID 1 inside the sandbox ----
install_app apache_prefork_clean

start_inotify -m -r --csv /home/auditor /tmp
trace_app -ff -tt -T -yy -e 'trace=!getrandom' -- /usr/sbin/apache2 -f /home/auditor/app/httpd.conf -DFOREGROUND
wait_port 8110
sleep 0.5
for p in / /style.css /missing.html / /index.html; do
  as_auditor curl -s -o /dev/null -w '%{http_code}\n' "http://127.0.0.1:8110$p" >&2
done
sleep 0.2
netstat -tanp > /artifacts/netstat.txt
ps -eo pid,ppid,pgid,user,stat,args > /artifacts/ps.txt
stop_app
finish_trace
