#!/bin/bash
# Case redis_bgsave_clean: Debian's redis-server 7.0 run as auditor in the foreground with
# apps/redis_bgsave_clean/redis.conf (127.0.0.1:6390, data/ and redis.pid under the
# app dir, its log on stdout; its bio/jemalloc threads). Untraced `redis-cli` clients (as auditor) SET 200 keys,
# run BGSAVE (redis forks a child without exec that writes data/temp-<pid>.rdb, renames it to
# data/dump.rdb and exits; the parent reaps it), and read some keys back; then SIGTERM (redis
# saves nothing, `save ""`, removes its pid file and exits 0).
# Needs: apt-get install redis-server (redis-tools). Run as root: testdata/harness/redis_bgsave_clean.sh
set -euo pipefail
CASE_HOSTNAME=6b0e3d9a41f7
source "$(dirname "$(readlink -f "$0")")/lib.sh"
enter_sandbox redis_bgsave_clean
# ---- from here on: PID 1 inside the sandbox ----
install_app redis_bgsave_clean

start_inotify -m -r --timefmt '%T' --format '%T %w%f %e' /home/auditor /tmp
trace_app -f -tt -T -yy -s 48 -- /usr/bin/redis-server /home/auditor/app/redis.conf
wait_port 6390
sleep 0.3
cli() { as_auditor redis-cli -h 127.0.0.1 -p 6390 "$@"; }
for i in $(seq 1 200); do echo "SET key:$i value-$i"; done | cli > /dev/null
cli BGSAVE >&2
wait_for 10 test -f /home/auditor/app/data/dump.rdb
sleep 0.3
cli GET key:7 >&2
cli DBSIZE >&2
ss -tanp > /artifacts/ss.txt
ps -eLo pid,lwp,ppid,user,stat,args > /artifacts/ps.txt
cli GET key:150 >&2
stop_app
finish_trace
