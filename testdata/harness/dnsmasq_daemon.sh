#!/bin/bash
# Case dnsmasq_daemon: dnsmasq_clean's forwarder (apps/dnsmasq_clean) in dnsmasq's default
# daemon mode (no --no-daemon; its log to ~/app/dnsmasq.log instead of stderr): the launcher
# forks a copy and waits on a pipe for the daemon's start-up report; the copy calls setsid,
# forks the daemon and exits 0 at once; the launcher exits 0; the daemon (pid file
# ~/app/dnsmasq.pid) answers 4 queries (one forwarded to the silent loopback upstream) until
# the harness's SIGTERM to the pid in its pid file: exit 0.
# Needs: apt-get install dnsmasq-base. Run as root: testdata/harness/dnsmasq_daemon.sh
set -euo pipefail
CASE_HOSTNAME=d3b5f1a07c93
source "$(dirname "$(readlink -f "$0")")/lib.sh"
enter_sandbox dnsmasq_daemon
# ---- from here on: PID 1 inside the sandbox ----
install_app dnsmasq_clean
sed -i 's|^log-facility=-|log-facility=/home/auditor/app/dnsmasq.log|' /home/auditor/app/dnsmasq.conf
cp "$HARNESS/dns_client.py" /opt/harness/ && chmod 755 /opt/harness/dns_client.py

start_inotify -m -r /home/auditor
trace_app -ff -tt -T -y -- /usr/sbin/dnsmasq -C /home/auditor/app/dnsmasq.conf
wait_port 5353
sleep 0.3
as_auditor /usr/bin/python3 /opt/harness/dns_client.py 5353 build.lan test.local cache.lan www.example.org >&2
ss -tulpn > /artifacts/ss.txt
ps -ejH > /artifacts/ps.txt
kill -TERM "$(cat /home/auditor/app/dnsmasq.pid)"
finish_trace
