#!/bin/bash
# Case tcl_kv_clean: "kvd" (apps/tcl_kv_clean/kvd.tcl), a Tcl 8.6 line-protocol key/value
# service (tclsh's event loop: socket -server, fileevent, after timers; the threaded Tcl build
# starts its notifier thread) on 127.0.0.1:8093, run as auditor. An untraced client
# (apps/tcl_kv_clean/kv_client.py) makes 4 connections in turn (SET/GET/DEL/KEYS, one unknown
# command), holds the last one while the snapshots are taken, and QUITs. kvd journals to its
# app dir, saves store.db every 5 changes (write .tmp, rename) and rewrites stats.txt every
# 200 ms. Tcl has no SIGTERM handler: the harness's SIGTERM ends it (killed by SIGTERM).
# Run as root: testdata/harness/tcl_kv_clean.sh (needs tcl8.6)
set -euo pipefail
CASE_HOSTNAME=a3e07c915b2d
source "$(dirname "$(readlink -f "$0")")/lib.sh"
enter_sandbox tcl_kv_clean
# ---- from here on: PID 1 inside the sandbox ----
install_app tcl_kv_clean kv_client.py

start_inotify -m -r --timefmt '%s' --format '%T,%w,%f,%e' /home/auditor /tmp
trace_app -f -ttt -n -T -y -s 200 -- /usr/bin/tclsh8.6 kvd.tcl 8093
wait_port 8093
as_auditor /usr/bin/python3 /opt/harness/kv_client.py --port 8093 --ready /mnt/sync/holding \
  --hold 1.0 > /mnt/client.out 2>&1 &
CL=$!
wait_for 15 test -f /mnt/sync/holding
sleep 0.3
netstat -tanpeW > /artifacts/netstat.txt
ps -eTo pid,spid,ppid,user,stat,args > /artifacts/ps.txt
wait $CL || true
sleep 0.3
stop_app
finish_trace
cat /mnt/client.out >&2
