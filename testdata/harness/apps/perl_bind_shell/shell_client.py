#!/usr/bin/python3
"""Untraced loopback client of the perl_bind_shell case: connects to 127.0.0.1:PORT,
writes the --ready marker, waits --hold seconds (the harness takes its snapshots then),
sends the commands and prints what the shell answered until it closes."""
import argparse
import socket
import time

ap = argparse.ArgumentParser()
ap.add_argument("--port", type=int, required=True)
ap.add_argument("--send", default="id; exit\n")
ap.add_argument("--ready")
ap.add_argument("--hold", type=float, default=1.5)
a = ap.parse_args()
s = socket.create_connection(("127.0.0.1", a.port))
if a.ready:
    open(a.ready, "w").close()
time.sleep(a.hold)
s.sendall(a.send.encode())
s.settimeout(10)
out = b""
while True:
    chunk = s.recv(4096)
    if not chunk:
        break
    out += chunk
s.close()
print("shell_client: received", out, flush=True)
