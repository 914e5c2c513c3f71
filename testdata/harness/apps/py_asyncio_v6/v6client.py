#!/usr/bin/python3
"""Untraced test client: N line sessions to [::1]:PORT, then touches READY and holds one
connection for HOLD seconds. Loopback only."""
import socket, sys, time
port, n, ready, hold = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3], float(sys.argv[4])
for i in range(n):
    s = socket.create_connection(("::1", port), timeout=5)
    s.sendall(f"SET k{i} v{i}\nGET k{i}\nQUIT\n".encode())
    data = b""
    while True:
        b = s.recv(100)
        if not b:
            break
        data += b
    print("client:", data.decode().split(), flush=True)
    s.close()
h = socket.create_connection(("::1", port), timeout=5)
open(ready, "w").close()
time.sleep(hold)
h.close()
print("client: done", flush=True)
