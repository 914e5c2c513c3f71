#!/bin/bash
# Case sh_privesc_recon: "healthcheck.sh" (apps/sh_privesc_recon), a bash script run as
# auditor that does what privilege-escalation reconnaissance does: id and its own
# capabilities (/proc/self/status), sudo -n -l, a setuid-binary search with find -perm -4000,
# reads of /etc/sudoers and /etc/shadow (EACCES) and /proc/1/environ (EACCES: PID 1 is the
# root harness), an append to /etc/passwd (EACCES), a setuid copy of bash in /tmp,
# su -c id root and newgrp root (no password: refused), a look for /var/run/docker.sock;
# then it idles 1.5 s (ss/ps are taken then) and exits 0. No network.
# sudo, su and newgrp are setuid root: strace runs as root with -u auditor, so their setuid
# bits take effect as they would untraced.
# Run as root: testdata/harness/sh_privesc_recon.sh
set -euo pipefail
CASE_HOSTNAME=61f0b9d3e8a4
source "$(dirname "$(readlink -f "$0")")/lib.sh"
enter_sandbox sh_privesc_recon
# ---- from here on: PID 1 inside the sandbox ----
cp -a "$HARNESS/apps/sh_privesc_recon" /home/auditor/app
chown -R auditor:auditor /home/auditor/app

start_inotify -m -r --timefmt '%H:%M:%S' --format '%T %w%f %e' /home/auditor /tmp
trace_app -f -tt -T -yy -s 256 -- ./healthcheck.sh
wait_for 30 grep -qs "healthcheck idle" /artifacts/program.log   # it sleeps 1.5 s here
ss -tuap > /artifacts/ss.txt
ps -ejH > /artifacts/ps.txt
finish_trace
