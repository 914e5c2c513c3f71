#!/usr/bin/env python3
"""Untraced loopback stand-ins for tor_proxy.c: a SOCKS5 proxy on 127.0.0.1:1080 that accepts
the no-authentication method and any CONNECT, then answers one request with a fixed task,
and an HTTP proxy on 127.0.0.1:3128 that answers CONNECT with 200. Each serves one client."""
import socket
import threading


def serve(port, handler):
    s = socket.socket()
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind(("127.0.0.1", port))
    s.listen(1)
    c, _ = s.accept()
    handler(c)
    c.close()
    s.close()


def socks(c):
    c.recv(16)
    c.sendall(b"\x05\x00")
    c.recv(300)
    c.sendall(b"\x05\x00\x00\x01\x7f\x00\x00\x01\x01\xbb")
    c.recv(300)
    c.sendall(b"HTTP/1.0 200 OK\r\n\r\nsleep 60")


def http(c):
    c.recv(300)
    c.sendall(b"HTTP/1.1 200 Connection established\r\n\r\n")


threads = [threading.Thread(target=serve, args=a) for a in ((1080, socks), (3128, http))]
for t in threads:
    t.start()
for t in threads:
    t.join()
