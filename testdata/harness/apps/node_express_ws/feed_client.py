#!/usr/bin/python3
"""Untraced test client of node_express_ws (runs as auditor, loopback only).

HTTP: GET /, /health, /api/notes, /missing (404), POST two notes; WebSocket:
opens /feed by hand (RFC 6455 upgrade), reads the hello and the note pushed by
a POST, sends one masked text frame and reads its echo, then closes.
"""
import base64
import http.client
import json
import os
import socket
import struct
import sys

PORT = int(sys.argv[1])


def http_call(method, path, body=None):
    c = http.client.HTTPConnection("127.0.0.1", PORT, timeout=5)
    hdrs = {"Content-Type": "application/json"} if body is not None else {}
    c.request(method, path, body=json.dumps(body) if body is not None else None, headers=hdrs)
    r = c.getresponse()
    data = r.read()
    print(f"client: {method} {path} -> {r.status} ({len(data)} bytes)", flush=True)
    c.close()


def ws_frame(text):
    payload = text.encode()
    mask = os.urandom(4)
    masked = bytes(b ^ mask[i % 4] for i, b in enumerate(payload))
    return bytes([0x81, 0x80 | len(payload)]) + mask + masked


def ws_read(f):
    b0, b1 = f.read(2)
    n = b1 & 0x7F
    if n == 126:
        n = struct.unpack(">H", f.read(2))[0]
    return b0 & 0x0F, f.read(n)


for p in ("/", "/health", "/api/notes", "/missing"):
    http_call("GET", p)
s = socket.create_connection(("127.0.0.1", PORT), timeout=5)
key = base64.b64encode(os.urandom(16)).decode()
s.sendall((f"GET /feed HTTP/1.1\r\nHost: 127.0.0.1:{PORT}\r\nUpgrade: websocket\r\n"
           f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\n"
           "Sec-WebSocket-Version: 13\r\n\r\n").encode())
f = s.makefile("rb")
while f.readline() not in (b"\r\n", b""):
    pass
print("client: feed", ws_read(f)[1].decode(), flush=True)
http_call("POST", "/api/notes", {"text": "buy milk"})
print("client: feed", ws_read(f)[1].decode(), flush=True)
s.sendall(ws_frame("ping from client"))
print("client: feed", ws_read(f)[1].decode(), flush=True)
s.sendall(bytes([0x88, 0x80]) + os.urandom(4))  # close frame, empty masked payload
print("client: feed close", ws_read(f)[0], flush=True)
s.close()
http_call("POST", "/api/notes", {"text": "call bob"})
http_call("GET", "/api/notes")
