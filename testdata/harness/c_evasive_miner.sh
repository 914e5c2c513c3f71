#!/bin/bash
# Case c_evasive_miner: a C cryptojacking dropper, sysupdate (run as auditor; apps/c_evasive_miner/
# sysupdate.c), that checks for a debugger and a container (/proc/self/status TracerPid,
# /.dockerenv, /proc/1/cgroup, /sys/class/dmi/id/product_name), sleeps 3 s, renames a thread
# kworker/0:2H through /proc/self/task/<tid>/comm, drops /tmp/.font-unix/libfc.so and dlopen()s it,
# loads libgl.so from a memfd (/proc/self/fd/N), runs `echo <base64> | base64 -d | sh`
# (uname -m && nproc), SIGKILLs a competing miner (an untraced decoy named kdevtmpfsi, run as
# auditor), probes kill(1, 0), copies a fake miner to /tmp/.font-unix/xmrig and runs it with
# two stratum pools: pool.supportxmr.com (no resolver answers: 127.0.0.11) and 127.0.0.1:3333,
# where an untraced stand-in pool (apps/c_evasive_miner/pool.py, as nobody) answers the login.
# Then its renamed thread sleeps 600 s; the harness ends the run with SIGTERM during that sleep.
# Run as root: testdata/harness/c_evasive_miner.sh
set -euo pipefail
CASE_HOSTNAME=5c0e91d7a2b4
source "$(dirname "$(readlink -f "$0")")/lib.sh"
enter_sandbox c_evasive_miner
# ---- from here on: PID 1 inside the sandbox ----
src=$HARNESS/apps/c_evasive_miner
mkdir -p /home/auditor/app/assets
gcc -O1 -Wall -pthread -o /home/auditor/app/sysupdate "$src/sysupdate.c" -ldl
gcc -O1 -Wall -o /home/auditor/app/assets/xm "$src/xm.c"
gcc -O1 -Wall -shared -fPIC -o /home/auditor/app/assets/libfc.so "$src/libfc.c"
gcc -O1 -Wall -shared -fPIC -o /home/auditor/app/assets/libgl.so "$src/libgl.c"
chown -R auditor:auditor /home/auditor/app

cp "$src/pool.py" /opt/harness/
setpriv --reuid=nobody --regid=nogroup --clear-groups /usr/bin/python3 /opt/harness/pool.py > /mnt/pool.log 2>&1 &
wait_port 3333
cp /usr/bin/sleep /opt/harness/kdevtmpfsi        # the "competitor" the dropper kills
as_auditor /opt/harness/kdevtmpfsi 60 &

start_inotify -m -r --format '%e %w%f' /home/auditor /tmp
trace_app -f -tt -yy -s 128 -e 'trace=!futex' -- ./sysupdate
wait_for 30 grep -qs "^sysupdate: next round" /artifacts/program.log
sleep 0.3                                          # the thread is in its 600 s sleep
ss -tanpo > /artifacts/ss.txt
ps -eLo pid,lwp,ppid,user,stat,comm,args > /artifacts/ps.txt
kill -TERM "$(pgrep -P "$ST")"                     # strace's child: sysupdate
finish_trace
cat /mnt/pool.log >&2
