#!/usr/bin/python3
"""Untraced test client: N echo round trips on fresh connections to 127.0.0.1:PORT, then
touches READY and holds 2 connections for HOLD seconds."""
import socket, sys, time
port, n, ready, hold = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3], float(sys.argv[4])
for i in range(n):
    s = socket.create_connection(("127.0.0.1", port), timeout=5)
    s.sendall(b"ping %d\n" % i)
    print("client:", s.recv(100), flush=True)
    s.close()
held = [socket.create_connection(("127.0.0.1", port), timeout=5) for _ in range(2)]
open(ready, "w").close()
time.sleep(hold)
for s in held:
    s.close()
print("client: done", flush=True)
