#!/bin/bash
# Case postgres_clean: Debian's PostgreSQL 15 server run as auditor from a cluster made with
# initdb (untraced, before the trace) in ~/app/pgdata: `postgres -D pgdata` listening on
# 127.0.0.1:5433 and a unix socket in ~/app/run. The postmaster forks its helpers without exec
# (checkpointer, background writer, walwriter, autovacuum launcher, logical replication
# launcher) and one backend per client; each sets its title (setproctitle: `postgres: auditor
# postgres 127.0.0.1(port) idle`, seen in ps). Untraced psql clients over 127.0.0.1 create a
# table in the postgres database, insert 10 rows, and count them in a session held while ss
# and ps run; then SIGTERM (smart shutdown: the postmaster signals its helpers, the
# checkpointer writes the shutdown checkpoint, all are reaped): exit 0.
# max_files_per_process = 64: the postmaster counts its usable fds with dup(0) up to it (1000
# dup + close by default, most of the trace otherwise).
# Needs: apt-get install postgresql-15. Run as root: testdata/harness/postgres_clean.sh
set -euo pipefail
CASE_HOSTNAME=5e8a2c7f13d9
source "$(dirname "$(readlink -f "$0")")/lib.sh"
enter_sandbox postgres_clean
# ---- from here on: PID 1 inside the sandbox ----
PGBIN=/usr/lib/postgresql/15/bin
mkdir -p /home/auditor/app/run
chown -R auditor:auditor /home/auditor/app
as_auditor "${APP_ENV[@]}" "$PGBIN/initdb" -D /home/auditor/app/pgdata -U auditor -A trust \
  --no-sync > /mnt/initdb.log 2>&1
cat >> /home/auditor/app/pgdata/postgresql.conf <<'CONF'
listen_addresses = '127.0.0.1'
port = 5433
unix_socket_directories = '/home/auditor/app/run'
shared_buffers = 16MB
max_connections = 10
max_files_per_process = 64
logging_collector = off
CONF

start_inotify -m -r --timefmt '%F %T' --format '%T %w%f %e' /home/auditor /tmp
trace_app -f -r -y -- "$PGBIN/postgres" -D /home/auditor/app/pgdata
wait_port 5433
sleep 0.5
psql() { as_auditor /usr/bin/psql -X -h 127.0.0.1 -p 5433 -U auditor "$@"; }
psql -d postgres -c 'CREATE TABLE notes (id serial PRIMARY KEY, body text); INSERT INTO notes (body) SELECT md5(i::text) FROM generate_series(1, 10) AS i;' >&2
# one client holds its session while the snapshots are taken
psql -d postgres -c 'SELECT count(*) FROM notes; SELECT pg_sleep(1.5)' >&2 &
held=$!
sleep 0.7
ss -tunap > /artifacts/ss.txt
ps -eo pid,ppid,user,stat,args > /artifacts/ps.txt
wait "$held"
stop_app
finish_trace
