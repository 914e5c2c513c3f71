#!/usr/bin/python3
"""Test client (untraced, loopback only): connection A is opened and used before strace
attaches (it waits for /mnt/sync/attached), then used again; connection B is opened after.
Touches /mnt/sync/connected once A has its first answer."""
import os
import socket
import time

def talk(s, line):
    s.sendall(line)
    print("client:", s.recv(4096), flush=True)

a = socket.create_connection(("127.0.0.1", 8161))
talk(a, b"before attach\n")
open("/mnt/sync/connected", "w").close()
while not os.path.exists("/mnt/sync/attached"):
    time.sleep(0.05)
time.sleep(0.3)
talk(a, b"after attach on the old connection\n")
b = socket.create_connection(("127.0.0.1", 8161))
talk(b, b"new connection\n")
open("/mnt/sync/holding", "w").close()
time.sleep(1.0)
b.close()
a.close()
time.sleep(0.2)
