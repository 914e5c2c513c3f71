#!/usr/bin/env python3
"""Untraced stand-in for an unreachable server: listens on 127.0.0.1:PORT with a backlog of 0,
never accepts, and fills its accept queue itself, so the kernel drops every later SYN and a
client's connect() waits (retransmitting) as it would for a blackholed address."""
import socket, sys, time
port = int(sys.argv[1])
srv = socket.socket()
srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
srv.bind(("127.0.0.1", port))
srv.listen(0)
held = []
for _ in range(2):
    c = socket.socket()
    c.setblocking(False)
    c.connect_ex(("127.0.0.1", port))
    held.append(c)
time.sleep(0.3)
open(sys.argv[2], "w").close()  # ready marker
time.sleep(60)
