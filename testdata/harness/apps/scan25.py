# Connects to 25 closed loopback ports (a port scan that finds nothing).
import socket
for port in range(1, 26):
    s = socket.socket()
    try:
        s.connect(("127.0.0.1", port))
    except OSError:
        pass
    s.close()
