#!/bin/bash
# Case c_resource_abuse: a C "capacity benchmark", benchd (run as auditor; apps/c_resource_abuse/
# benchd.c), that forks children that stay alive until fork fails with EAGAIN under a soft
# RLIMIT_NPROC of 120 it sets itself, kills and reaps them; maps 32 MiB chunks until mmap fails
# with ENOMEM under a 512 MiB RLIMIT_AS; submits an io_uring NOP; opens /dev/mem,
# /dev/input/event0 and /dev/kmsg; connects to the ssh-agent socket it finds in /tmp (a stale one
# the harness leaves, as a logged-out session does: ECONNREFUSED) and to /var/run/docker.sock
# (absent); setresuid/setresgid to its own ids, capset with empty sets; a forked child execve()s
# /usr/bin/true with an empty argv. Exits 0 by itself after a 1 s idle (ss/ps taken then).
# Run as root: testdata/harness/c_resource_abuse.sh
set -euo pipefail
CASE_HOSTNAME=9e4b27c0d1f5
source "$(dirname "$(readlink -f "$0")")/lib.sh"
enter_sandbox c_resource_abuse
# ---- from here on: PID 1 inside the sandbox ----
mkdir -p /home/auditor/app
gcc -O1 -Wall -o /home/auditor/app/benchd "$HARNESS/apps/c_resource_abuse/benchd.c"
chown -R auditor:auditor /home/auditor/app
# A stale agent socket of an earlier session: bound, never listened on, its owner gone.
as_auditor /usr/bin/python3 -c 'import os, socket
os.mkdir("/tmp/ssh-XXXXqv3TnL", 0o700)
socket.socket(socket.AF_UNIX).bind("/tmp/ssh-XXXXqv3TnL/agent.412")'

start_inotify -m -r --timefmt '%F %T' --format '[%T] %e %w%f' /home/auditor /tmp
trace_app -f -r -T -yy -s 64 -- ./benchd
wait_for 30 grep -qs "^benchd: idle" /artifacts/program.log
ss -anp > /artifacts/ss.txt
ps -eo pid,ppid,uid,vsz,rss,stat,args > /artifacts/ps.txt
finish_trace
