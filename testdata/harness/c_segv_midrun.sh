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
ulimit -c unlimited             # core_pattern is "core": the dump lands in the app dir
trace_app -f -tt -T -s 64 -- ./kvstore
wait_port 9100
sleep 0.5
snapshots() {
  ss -tanpe > /artifacts/ss.txt
  ps -eo pid,ppid,user,stat,lstart,args > /artifacts/ps.txt
}
serve_client snapshots --port 9100 \
  --paths '/set?k=alpha&v=1,/set?k=beta&v=2,/get?k=alpha,/get?k=gamma,/' --hold-conns 0 --idle 1 \
  --hold 2 --after '/stats,/get?k=alpha'
sleep 1
if kill -0 "$ST" 2>/dev/null; then stop_app || true; fi   # if it did not crash
wait $ST || true
sleep 0.3
pkill -x inotifywait || true    # only inotifywait in this pid namespace is ours
cat /mnt/client.out >&2
ls -la /home/auditor/app >&2
