#!/bin/bash
# Case c_privilege_and_memfd: a C "service" that tries setuid(0)/setgid(0), PTRACE_TRACEME,
# opens /etc/shadow, masquerades as "kworker/0:1", runs /bin/true filelessly from a memfd
# (execve("/proc/self/fd/3") and fexecve), mprotects a page RX, probes kill(1, 0), then
# serves loopback TCP/UDP/abstract-unix sockets for 6 s and exits 0 by itself.
# Run as root: testdata/harness/c_privilege_and_memfd.sh
set -euo pipefail
CASE_HOSTNAME=7e5a1f3c9d20
source "$(dirname "$(readlink -f "$0")")/lib.sh"
enter_sandbox c_privilege_and_memfd
# ---- from here on: PID 1 inside the sandbox ----
mkdir -p /home/auditor/app
gcc -O1 -Wall -o /home/auditor/app/svc "$HARNESS/apps/c_privilege_and_memfd/svc.c"
chown -R auditor:auditor /home/auditor/app

inotifywait -m -r --timefmt '%F %T' --format '%T %w%f %e' /home/auditor /tmp \
  > /artifacts/inotify.log 2>/mnt/inotify.err &
INO=$!
wait_for 10 grep -q "Watches established" /mnt/inotify.err
cd /home/auditor/app
"${APP_ENV[@]}" HOSTNAME="$(hostname)" \
  strace -f -t -y -o /artifacts/strace_log -u auditor ./svc --foreground --workers 2 --log-level info \
  > /artifacts/program.log 2>&1 &
ST=$!
wait_port 9001
sleep 0.3
as_auditor /usr/bin/python3 /opt/harness/client.py --port 9001 --paths / --hold-conns 0 --idle 1 \
  --hold 2 --ready /mnt/sync/holding > /mnt/client.out 2>&1 &
as_auditor /usr/bin/python3 /opt/harness/sock_client.py --udp 9002 --abstract kworker-ctl --hold 2.5 \
  > /mnt/sock_client.out 2>&1 &
wait_for 15 test -f /mnt/sync/holding
sleep 0.3
netstat -anp > /artifacts/netstat.txt
ps -eo pid,ppid,user,args > /artifacts/ps.txt
wait $ST || true        # svc stops by itself after 6 s
sleep 0.3
kill $INO
wait || true
cat /mnt/client.out /mnt/sock_client.out >&2
