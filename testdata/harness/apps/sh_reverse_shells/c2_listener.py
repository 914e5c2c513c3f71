#!/usr/bin/python3
"""Untraced loopback "C2" of the sh_reverse_shells case: listens on 127.0.0.1:PORT, writes
the --ready marker, then for each of COUNT connections sends the commands, reads what the
shell answers until it closes (or --timeout) and prints it."""
import argparse
import socket

ap = argparse.ArgumentParser()
ap.add_argument("--port", type=int, required=True)
ap.add_argument("--count", type=int, default=1)
ap.add_argument("--send", default="id\nexit\n")
ap.add_argument("--ready")
ap.add_argument("--timeout", type=float, default=5)
a = ap.parse_args()
srv = socket.socket()
srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
srv.bind(("127.0.0.1", a.port))
srv.listen(4)
if a.ready:
    open(a.ready, "w").close()
for i in range(a.count):
    conn, peer = srv.accept()
    conn.settimeout(a.timeout)
    if a.send:
        conn.sendall(a.send.encode().decode("unicode_escape").encode())
    out = b""
    try:
        while True:
            chunk = conn.recv(65536)
            if not chunk:
                break
            out += chunk
    except socket.timeout:
        pass
    conn.close()
    print(f"c2_listener: connection {i + 1} from {peer}: {len(out)} bytes: {out[:200]!r}", flush=True)
