#!/usr/bin/python3
"""Test client for the capture harness (runs as auditor, never traced).

Fetches each PATH from http://127.0.0.1:PORT, then holds --hold-conns
keep-alive connections open for --hold seconds (the ss/ps snapshots are
taken then; it touches --ready FILE when holding), fetches --after paths,
and exits. Loopback only: the host is fixed to 127.0.0.1.
"""
import argparse
import http.client
import os
import socket
import time

ap = argparse.ArgumentParser()
ap.add_argument("--port", type=int, required=True)
ap.add_argument("--paths", default="/")
ap.add_argument("--after", default="")
ap.add_argument("--post", default="", help="PATH=BODY, sent once before holding")
ap.add_argument("--hold", type=float, default=2.0)
ap.add_argument("--hold-conns", type=int, default=2)
ap.add_argument("--idle", type=int, default=0, help="raw connections held open, nothing sent")
ap.add_argument("--ready", default="")
a = ap.parse_args()


def get(path, conn=None):
    c = conn or http.client.HTTPConnection("127.0.0.1", a.port, timeout=5)
    try:
        c.request("GET", path)
        r = c.getresponse()
        body = r.read()
        print(f"client: GET {path} -> {r.status} ({len(body)} bytes)", flush=True)
    except OSError as e:
        print(f"client: GET {path} failed: {e}", flush=True)
    if conn is None:
        c.close()


for p in filter(None, a.paths.split(",")):
    get(p)
if a.post:
    path, body = a.post.split("=", 1)
    c = http.client.HTTPConnection("127.0.0.1", a.port, timeout=5)
    c.request("POST", path, body=body.encode(), headers={"Content-Type": "text/plain"})
    r = c.getresponse()
    print(f"client: POST {path} -> {r.status} ({len(r.read())} bytes)", flush=True)
    c.close()
held = [http.client.HTTPConnection("127.0.0.1", a.port, timeout=5) for _ in range(a.hold_conns)]
idle = [socket.create_connection(("127.0.0.1", a.port), timeout=5) for _ in range(a.idle)]
for c in held:
    get("/", c)
if a.ready:
    open(a.ready, "w").close()
time.sleep(a.hold)
for c in held + idle:
    c.close()
for p in filter(None, a.after.split(",")):
    get(p)
print("client: done", flush=True)
