#!/bin/bash
# Case py_dns_tunnel: a Python "licence beacon" (run as auditor) that looks up localhost
# (from /etc/hosts), reads the fake install token ~/app/token.txt (400 random bytes as 640
# base32 characters, made here) and exfiltrates it by DNS: 22 lookups of
# {i}.{30 base32 chars}.x.exfil-example.com via socket.getaddrinfo. The resolver is
# loopback only (as for cases/py_dns_lookup): the sandbox's resolv.conf names 127.0.0.1
# with `timeout:1 attempts:1`, and an untraced responder started here (root, it binds
# 127.0.0.1:53) answers REFUSED to every query, so each lookup fails at once. The program
# prints "idle", sleeps 1 s (ss/ps are taken then) and exits 0 by itself.
# Run as root: testdata/harness/py_dns_tunnel.sh
set -euo pipefail
CASE_HOSTNAME=b61d04e9a7f3
source "$(dirname "$(readlink -f "$0")")/lib.sh"
enter_sandbox py_dns_tunnel
# ---- from here on: PID 1 inside the sandbox ----

# Resolver: /etc/resolv.conf is bound from /mnt/resolv.conf by lib.sh; rewrite it in place.
printf 'nameserver 127.0.0.1\noptions ndots:0 timeout:1 attempts:1\n' > /mnt/resolv.conf
cp /etc/resolv.conf /artifacts/resolv.conf.txt

cp -a "$HARNESS/apps/py_dns_tunnel" /home/auditor/app
head -c 400 /dev/urandom | base32 -w 0 > /home/auditor/app/token.txt   # fake secret
echo >> /home/auditor/app/token.txt
chmod 600 /home/auditor/app/token.txt
chown -R auditor:auditor /home/auditor/app

# The loopback "DNS server": every query gets REFUSED (header echoed with QR, RA and
# rcode 5, the question copied back); each query name is logged to /mnt/resolver.log.
cat > /mnt/refuser.py <<'PY'
import socket
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.bind(("127.0.0.1", 53))
log = open("/mnt/resolver.log", "w", buffering=1)
while True:
    q, peer = s.recvfrom(4096)
    if len(q) < 17:
        continue
    i, labels = 12, []
    while i < len(q) and q[i] != 0:
        labels.append(q[i + 1:i + 1 + q[i]].decode("ascii", "replace"))
        i += 1 + q[i]
    qtype = int.from_bytes(q[i + 1:i + 3], "big")
    log.write(f"{peer[1]} id={q[0] * 256 + q[1]} qtype={qtype} {'.'.join(labels)}\n")
    s.sendto(q[:2] + bytes([0x80 | (q[2] & 0x79), 0x85]) + b"\0\1\0\0\0\0\0\0" + q[12:i + 5], peer)
PY
/usr/bin/python3 /mnt/refuser.py > /mnt/refuser.out 2>&1 &
RS=$!
wait_for 10 sh -c "ss -Hlun 'sport = :53' | grep -q ."

start_inotify --banner -m -r /home/auditor /tmp
trace_app -f -tt -T -y -s 256 -- /usr/bin/python3 beacon.py
wait_for 15 grep -qs "^license-beacon: idle" /artifacts/program.log   # beacon.py sleeps 1 s
ss -tunap > /artifacts/ss.txt
ps -ef > /artifacts/ps.txt
finish_trace
kill $RS
wait $RS || true
echo "resolver saw $(wc -l < /mnt/resolver.log) queries:" >&2
cat /mnt/resolver.log /mnt/refuser.out >&2
