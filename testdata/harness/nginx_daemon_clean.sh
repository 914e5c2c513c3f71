#!/bin/bash
# Case nginx_daemon_clean: Debian's nginx 1.22 (nginx-light) run as auditor from its own prefix
# (`nginx -p ~/app -c nginx.conf`, apps/nginx_daemon_clean/nginx.conf): `daemon on` (the
# launcher forks, the daemon calls setsid and the launcher exits), pid file run/nginx.pid, a
# master that forks 2 workers without exec, logs under the app dir, `user auditor;` ignored
# with a warning (not root). Untraced loopback clients make 6 requests (one 404); the access
# log is rotated (mv + SIGUSR1: the master reopens the logs and tells its workers); 2 more
# requests; SIGQUIT (graceful stop) to the master read from the pid file.
# Needs: apt-get install nginx-light (or nginx). Run as root: testdata/harness/nginx_daemon_clean.sh
set -euo pipefail
CASE_HOSTNAME=9d41c07be2a3
source "$(dirname "$(readlink -f "$0")")/lib.sh"
enter_sandbox nginx_daemon_clean
# ---- from here on: PID 1 inside the sandbox ----
install_app nginx_daemon_clean

start_inotify -m -r /home/auditor /tmp
trace_app -f -tt -T -yy -s 64 -- /usr/sbin/nginx -p /home/auditor/app/ -c nginx.conf
wait_port 8101
sleep 0.3
for p in / /style.css /missing.html /; do as_auditor curl -s -o /dev/null -w '%{http_code}\n' "http://127.0.0.1:8101$p" >&2; done
snapshots() {
  ss -tanp > /artifacts/ss.txt
  ps -eo pid,ppid,user,stat,args > /artifacts/ps.txt
}
serve_client snapshots --port 8101 --paths /,/index.html --hold 1
master=$(cat /home/auditor/app/run/nginx.pid)
mv /home/auditor/app/logs/access.log /home/auditor/app/logs/access.log.1
kill -USR1 "$master"
sleep 0.5
for p in / /style.css; do as_auditor curl -s -o /dev/null -w '%{http_code}\n' "http://127.0.0.1:8101$p" >&2; done
sleep 0.2
kill -QUIT "$master"
finish_trace
cat /mnt/client.out >&2
