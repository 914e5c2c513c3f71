#!/usr/bin/python3
"""Loopback-only socket client for the capture harness (runs as auditor, never traced).

--udp PORT: send "ping" to 127.0.0.1:PORT and wait up to 1 s for the answer.
--abstract NAME: connect to the abstract unix socket @NAME and hold it --hold seconds.
"""
import argparse
import socket
import time

ap = argparse.ArgumentParser()
ap.add_argument("--udp", type=int)
ap.add_argument("--abstract")
ap.add_argument("--hold", type=float, default=2.0)
a = ap.parse_args()
if a.udp:
    u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    u.settimeout(1)
    u.sendto(b"ping\n", ("127.0.0.1", a.udp))
    try:
        print("sock_client: udp reply", u.recvfrom(64)[0], flush=True)
    except OSError as e:
        print("sock_client: udp", e, flush=True)
held = []
if a.abstract:
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s.connect("\0" + a.abstract)
    held.append(s)
time.sleep(a.hold)
for s in held:
    s.close()
print("sock_client: done", flush=True)
