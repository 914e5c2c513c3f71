#!/bin/bash
# Case lighttpd_cgi: Debian's lighttpd 1.4 run as auditor in the foreground
# (`lighttpd -D -f lighttpd.conf`, apps/lighttpd_cgi/lighttpd.conf) on 127.0.0.1:8102, with
# mod_cgi: /cgi-bin/*.sh run by /bin/sh (cgi.assign), one process per request: lighttpd
# forks, the child execs `/bin/sh hits.sh` in www/cgi-bin, the script reads and rewrites
# data/hits and runs `date`. Pid file, error and access logs under the app dir;
# `server.username` ignored (not root). Untraced loopback clients: the index page, 3 CGI
# requests, one 404; then SIGTERM.
# Needs: apt-get install lighttpd. Run as root: testdata/harness/lighttpd_cgi.sh
set -euo pipefail
CASE_HOSTNAME=e07c5a19d2b8
source "$(dirname "$(readlink -f "$0")")/lib.sh"
enter_sandbox lighttpd_cgi
# ---- from here on: PID 1 inside the sandbox ----
install_app lighttpd_cgi

start_inotify -m -r --csv /home/auditor /tmp
trace_app -f -tt -T -yy -s 64 -- /usr/sbin/lighttpd -D -f /home/auditor/app/lighttpd.conf
wait_port 8102
sleep 0.3
for p in / "/cgi-bin/hits.sh?name=ann" "/cgi-bin/hits.sh?name=bob" /nothing-here.html "/cgi-bin/hits.sh"; do
  as_auditor curl -s "http://127.0.0.1:8102$p" >&2
done
ss -tanp > /artifacts/ss.txt
ps -ef > /artifacts/ps.txt
sleep 0.2
stop_app
finish_trace
