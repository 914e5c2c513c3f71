#!/usr/bin/python3
# Untraced stand-in stratum pool for c_stealth_implant on 127.0.0.1:3333: reads the
# subscribe and authorize lines and answers them.
import socket
srv = socket.socket()
srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
srv.bind(("127.0.0.1", 3333))
srv.listen(1)
conn, _ = srv.accept()
data = b""
while data.count(b"\n") < 2:
    chunk = conn.recv(4096)
    if not chunk:
        break
    data += chunk
print("pool got:", data.decode(errors="replace").strip().replace("\n", " | "), flush=True)
conn.sendall(b'{"id":1,"result":[["mining.notify","ae6812eb4cd7735a302a8a9dd95cf71f"],"08000002",4],"error":null}\n')
conn.close()
