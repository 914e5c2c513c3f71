#!/usr/bin/python3
"""Loopback-only DNS client for the capture harness (runs as auditor, never traced).

dns_client.py PORT NAME...: one A query per NAME to 127.0.0.1:PORT over UDP; prints the rcode
and the answers' addresses (1 s timeout each).
"""
import random
import socket
import struct
import sys

port = int(sys.argv[1])
for name in sys.argv[2:]:
    qid = random.randrange(65536)
    q = struct.pack(">HHHHHH", qid, 0x0100, 1, 0, 0, 0)
    q += b"".join(bytes([len(p)]) + p.encode() for p in name.split(".")) + b"\0"
    q += struct.pack(">HH", 1, 1)
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.settimeout(1.0)
    s.sendto(q, ("127.0.0.1", port))
    try:
        r = s.recv(512)
        rcode = r[3] & 0xF
        ancount = struct.unpack(">H", r[6:8])[0]
        ips = []
        if ancount:
            ips = [socket.inet_ntoa(r[-4:])]
        print(f"dns_client: {name} rcode={rcode} answers={ancount} {' '.join(ips)}", flush=True)
    except socket.timeout:
        print(f"dns_client: {name} timeout", flush=True)
    s.close()
