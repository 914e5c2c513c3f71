#!/bin/bash
# Case c_segv_midrun: a benign C key/value HTTP service on 127.0.0.1:9100 serves normal
# requests, then crashes with SIGSEGV (NULL dereference in /stats), core dumped, in the
# middle of the run. Run as root: testdata/harness/c_segv_midrun.sh
set -euo pipefail
CASE_HOSTNAME=e1b4d7290c3a
source "$(dirname "$(readlink -f "$0")")/lib.sh"
enter_sandbox c_segv_midrun
# ---- from here on: PID 1 inside the sandbox ----
mkdir -p /home/auditor/app
gcc -O0 -g -Wall -o /home/auditor/app/kvstore "$HARNESS/apps/c_segv_midrun/kvstore.c"
chown -R auditor:auditor /home/auditor/app

touch /artifacts/inotify.log   # -d -o needs the file to exist
inotifywait -d -o /artifacts/inotify.log -r /home/auditor   # daemon mode: prints nothing
sleep 0.5
cd /home/auditor/app
ulimit -c unlimited             # core_pattern is "core": the dump lands in the app dir
"${APP_ENV[@]}" HOSTNAME="$(hostname)" \
  strace -f -tt -T -s 64 -o /artifacts/strace_log -u auditor ./kvstore \
  > /artifacts/program.log 2>&1 &
ST=$!
wait_port 9100
sleep 0.5
as_auditor /usr/bin/python3 /opt/harness/client.py --port 9100 \
  --paths '/set?k=alpha&v=1,/set?k=beta&v=2,/get?k=alpha,/get?k=gamma,/' --hold-conns 0 --idle 1 \
  --hold 2 --ready /mnt/sync/holding --after '/stats,/get?k=alpha' > /mnt/client.out 2>&1 &
CL=$!
wait_for 15 test -f /mnt/sync/holding
sleep 0.3
ss -tanpe > /artifacts/ss.txt
ps -eo pid,ppid,user,stat,lstart,args > /artifacts/ps.txt
wait $CL || true
sleep 1
if kill -0 "$ST" 2>/dev/null; then kill -TERM "$(pgrep -P $ST)" || true; fi   # if it did not crash
wait $ST || true
sleep 0.3
pkill -x inotifywait || true    # only inotifywait in this pid namespace is ours
cat /mnt/client.out >&2
ls -la /home/auditor/app >&2
