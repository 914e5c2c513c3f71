# Resolves a name the system's way (getaddrinfo: resolv.conf's servers), then asks 8.8.8.8
# directly with a hand-made query, as malware that picks its own resolver does.
import socket, struct
try:
    socket.getaddrinfo("updates.example.com", 443, socket.AF_INET, socket.SOCK_STREAM)
except OSError as e:
    print("system resolver:", e)
q = struct.pack(">HHHHHH", 0x1234, 0x0100, 1, 0, 0, 0) + b"".join(bytes([len(p)]) + p for p in b"c2.example.net".split(b".")) + b"\0\0\1\0\1"
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
try:
    s.sendto(q, ("8.8.8.8", 53))
except OSError as e:
    print("own resolver:", e)
