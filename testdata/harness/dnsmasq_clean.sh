#!/bin/bash
# Case dnsmasq_clean: Debian's dnsmasq 2.90 run as auditor in the foreground (`dnsmasq
# --no-daemon -C ~/app/dnsmasq.conf`, apps/dnsmasq_clean/dnsmasq.conf): a DNS forwarder on
# 127.0.0.1:5353 (UDP and TCP), names from hosts.lan and an address rule, everything else
# forwarded to the upstream 127.0.0.1#5399 where nothing listens (the query is refused:
# ECONNREFUSED), queries logged to stderr. Untraced python clients (as auditor) ask for 4 names
# (2 local, 1 rule, 1 forwarded twice); then SIGTERM: exit 0.
# Needs: apt-get install dnsmasq-base. Run as root: testdata/harness/dnsmasq_clean.sh
set -euo pipefail
CASE_HOSTNAME=d3b5f1a07c92
source "$(dirname "$(readlink -f "$0")")/lib.sh"
enter_sandbox dnsmasq_clean
# ---- from here on: PID 1 inside the sandbox ----
install_app dnsmasq_clean
cp "$HARNESS/dns_client.py" /opt/harness/ && chmod 755 /opt/harness/dns_client.py

start_inotify --banner -m -r /home/auditor
trace_app -ff -ttt -x -y -- /usr/sbin/dnsmasq --no-daemon -C /home/auditor/app/dnsmasq.conf
wait_port 5353
sleep 0.3
as_auditor /usr/bin/python3 /opt/harness/dns_client.py 5353 build.lan test.local cache.lan >&2
as_auditor /usr/bin/python3 /opt/harness/dns_client.py 5353 www.example.org >&2
ss -tulpn > /artifacts/ss.txt
ps aux > /artifacts/ps.txt
as_auditor /usr/bin/python3 /opt/harness/dns_client.py 5353 www.example.org build.lan >&2
stop_app
finish_trace
