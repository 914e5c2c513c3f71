#!/bin/bash
# Case sqlite_batch_clean: Debian's sqlite3 3.40 command-line shell as a batch job, run as
# auditor through a launcher shell: `sh -c 'exec sqlite3 -batch data/shop.db < import.sql'`
# (apps/sqlite_batch_clean): imports input/orders.csv (40 rows), aggregates per day in a
# transaction (the rollback journal data/shop.db-journal created and deleted per
# transaction), writes out/daily_report.csv, VACUUMs, prints the row count; exit 0. The
# snapshots are taken after it ended (only the harness is left).
# Needs: apt-get install sqlite3. Run as root: testdata/harness/sqlite_batch_clean.sh
set -euo pipefail
CASE_HOSTNAME=4fa2c6e8d01b
source "$(dirname "$(readlink -f "$0")")/lib.sh"
enter_sandbox sqlite_batch_clean
# ---- from here on: PID 1 inside the sandbox ----
install_app sqlite_batch_clean
mkdir -p /home/auditor/app/data && chown auditor:auditor /home/auditor/app/data

start_inotify -m -r --csv -e create,modify,delete,move,close_write,attrib /home/auditor /tmp
cd /home/auditor/app
"${APP_ENV[@]}" HOSTNAME="$(hostname)" strace -f -ttt -T -yy -s 64 -o /artifacts/strace_log -u auditor \
  /bin/sh -c 'exec sqlite3 -batch data/shop.db < import.sql' > /artifacts/program.log 2>&1 &
ST=$!
snapshots() {
  ss -tunap > /artifacts/ss.txt
  ps -eo pid,ppid,user,stat,etime,args > /artifacts/ps.txt
}
finish_cli snapshots
