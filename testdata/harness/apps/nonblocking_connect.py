# Non-blocking connects on loopback and how each one ends: connected (SO_ERROR [0] after the
# socket became writable), refused (SO_ERROR [ECONNREFUSED]), connected as shown only by a
# send on ::1, and pending (a listener with backlog 0 that never accepts: select times out,
# SO_ERROR still reads [0] and the -yy annotation already names the peer). Capture:
#   strace -f -tt -T -yy -e trace=%network,pselect6,close -o nb.strace /usr/bin/python3 nonblocking_connect.py
# testdata/formats/strace/f_tt_T_yy_nonblocking_connect.txt; with -X raw / -X verbose and
# -e trace=connect,getsockopt: f_X_raw_so_error.txt, f_X_verbose_so_error.txt (first two
# cases only); -e raw=getsockopt: f_e_raw_getsockopt.txt.
import socket, select, sys, errno
# an open port (a listener in this process, accepted later) and a closed one
srv = socket.socket(); srv.bind(("127.0.0.1", 0)); srv.listen(8)
open_port = srv.getsockname()[1]
probe = socket.socket(); probe.bind(("127.0.0.1", 0)); closed_port = probe.getsockname()[1]; probe.close()
for port in (open_port, closed_port):
    s = socket.socket(); s.setblocking(False)
    rc = s.connect_ex(("127.0.0.1", port))
    select.select([], [s], [], 2)
    err = s.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR)
    s.close()
# ::1, connected, settled only by a send (no getsockopt)
srv6 = socket.socket(socket.AF_INET6); srv6.bind(("::1", 0)); srv6.listen(8)
p6 = srv6.getsockname()[1]
s = socket.socket(socket.AF_INET6); s.setblocking(False)
s.connect_ex(("::1", p6)); select.select([], [s], [], 2)
s.send(b"hi"); s.close()
# SYN_SENT: listener with a full backlog that never accepts
full = socket.socket(); full.bind(("127.0.0.1", 0)); full.listen(0)
fp = full.getsockname()[1]
fillers = []
for _ in range(3):
    f = socket.socket(); f.setblocking(False); f.connect_ex(("127.0.0.1", fp)); fillers.append(f)
s = socket.socket(); s.setblocking(False)
s.connect_ex(("127.0.0.1", fp))
select.select([], [s], [], 0.3)
s.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR)
s.close()
