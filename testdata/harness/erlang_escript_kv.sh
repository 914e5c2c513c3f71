#!/bin/bash
# Case erlang_escript_kv: "kvd" (apps/erlang_escript_kv/kvd.escript), an Erlang/OTP 25 escript
# line-protocol key/value service on 127.0.0.1:8101, one Erlang process per connection, a
# journal under the app dir. Its `%%! -sname kvd` makes it a distributed node: erlexec runs
# `epmd -daemon` through sh (epmd forks, detaches and listens on 0.0.0.0:4369 and [::]:4369),
# beam.smp (about 20 threads) starts erl_child_setup and registers with epmd; the node's
# distribution port listens on 0.0.0.0. An untraced client (apps/erlang_escript_kv/kv_client.py)
# makes 3 connections in turn and holds the last while the snapshots are taken. The harness's
# SIGTERM to escript's process (beam.smp, which erlexec exec'd) makes OTP call init:stop():
# exit 0. epmd outlives it; the harness stops it with SIGTERM, as `docker stop` would end it.
# Run as root: testdata/harness/erlang_escript_kv.sh (needs erlang-nox)
set -euo pipefail
CASE_HOSTNAME=e4b19a3c0f72
source "$(dirname "$(readlink -f "$0")")/lib.sh"
enter_sandbox erlang_escript_kv
# ---- from here on: PID 1 inside the sandbox ----
install_app erlang_escript_kv kv_client.py

start_inotify -m -r /home/auditor /tmp
trace_app -f -tt -T -y -s 96 -- escript kvd.escript
wait_port 8101 200
as_auditor /usr/bin/python3 /opt/harness/kv_client.py --port 8101 --ready /mnt/sync/holding \
  --hold 1.0 > /mnt/client.out 2>&1 &
CL=$!
wait_for 15 test -f /mnt/sync/holding
sleep 0.3
ss -tunap > /artifacts/ss.txt
ps -eLf > /artifacts/ps.txt
wait $CL || true
sleep 0.3
stop_app
wait_for 10 sh -c '! pgrep -x beam.smp > /dev/null'
sleep 0.2
pkill -TERM -x epmd || true   # inside the sandbox's pid namespace: only the run's epmd
finish_trace
cat /mnt/client.out >&2
# BEAM start-up (about 640 module loads, its timer thread) makes a 1.5 MiB trace: kept gzipped.
gzip -9 /artifacts/strace_log
