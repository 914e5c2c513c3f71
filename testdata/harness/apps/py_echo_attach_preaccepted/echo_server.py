#!/usr/bin/python3
"""Line echo service on 127.0.0.1:8161: one thread, a select loop; each line is answered
with "echo: <line>". Benign; run untraced, strace attached later."""
import select
import socket

srv = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
srv.bind(("127.0.0.1", 8161))
srv.listen(8)
print("echo: listening on 127.0.0.1:8161", flush=True)
conns = []
while True:
    ready, _, _ = select.select([srv] + conns, [], [])
    for s in ready:
        if s is srv:
            c, _ = srv.accept()
            conns.append(c)
            continue
        data = s.recv(4096)
        if not data:
            conns.remove(s)
            s.close()
            continue
        s.sendall(b"echo: " + data)
