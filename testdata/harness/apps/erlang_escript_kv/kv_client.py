#!/usr/bin/python3
"""Untraced loopback client for erlang_escript_kv: 3 connections in turn, the last held."""
import argparse, socket, time
ap = argparse.ArgumentParser()
ap.add_argument("--port", type=int, required=True)
ap.add_argument("--ready", default="")
ap.add_argument("--hold", type=float, default=1.0)
a = ap.parse_args()
def talk(s, line):
    s.sendall(line.encode() + b"\n")
    return s.makefile("rb").readline().decode().strip()
for i, cmds in enumerate([["SET colour teal", "GET colour"], ["SET size 3", "DEL size", "GET size"],
                          ["GET colour", "PING"]]):
    s = socket.create_connection(("127.0.0.1", a.port))
    for c in cmds:
        print(f"conn {i}: {c} -> {talk(s, c)}", flush=True)
    if i == 2:
        if a.ready:
            open(a.ready, "w").close()
        time.sleep(a.hold)
    s.sendall(b"QUIT\n")
    s.close()
print("kv_client: done", flush=True)
