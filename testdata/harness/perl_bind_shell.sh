#!/bin/bash
# Case perl_bind_shell: a Perl 5 "sysmon-agent" (run as auditor) that writes an XDG
# autostart entry (~/.config/autostart/perl.desktop), tries to append to its crontab spool
# (/var/spool/cron/crontabs/auditor: EACCES), then listens on 0.0.0.0:4444; an UNTRACED
# loopback client (apps/perl_bind_shell/shell_client.py, as auditor) connects, holds 1.5 s
# (snapshots), sends "id; exit"; the agent forks, the child dup2()s the socket onto 0/1/2
# and execs /bin/sh -i; the agent exits 0 once the shell has ended.
# Run as root: testdata/harness/perl_bind_shell.sh
set -euo pipefail
CASE_HOSTNAME=e02c6b5f9a18
source "$(dirname "$(readlink -f "$0")")/lib.sh"
enter_sandbox perl_bind_shell
# ---- from here on: PID 1 inside the sandbox ----
install_app perl_bind_shell shell_client.py

start_inotify -m -r --timefmt '%s' --format '%T %w%f %:e' /home/auditor /tmp
trace_app -f -tt -y -X verbose -- /usr/bin/perl sysmon.pl
wait_port 4444
sleep 0.3
as_auditor /usr/bin/python3 /opt/harness/shell_client.py --port 4444 --hold 1.5 \
  --ready /mnt/sync/connected > /mnt/client.out 2>&1 &
CL=$!
wait_for 10 test -f /mnt/sync/connected
sleep 0.5                       # the agent has accepted, forked and exec'd the shell
netstat -tanpe > /artifacts/netstat.txt
ps -eFH > /artifacts/ps.txt
wait $CL || true
finish_trace
cat /mnt/client.out >&2
