# Ten loopback services, each reached with a non-blocking connect (the way an event loop
# opens connections): EINPROGRESS, select says writable, SO_ERROR reads [0]. Capture:
#   strace -f -tt -T -yy -e trace=%network,pselect6,close -o fanout.strace /usr/bin/python3 nonblocking_fanout.py
# testdata/formats/strace/f_tt_T_yy_nonblocking_fanout.txt
import socket, select
servers = []
for _ in range(10):
    s = socket.socket(); s.bind(("127.0.0.1", 0)); s.listen(8); servers.append(s)
for srv in servers:
    c = socket.socket(); c.setblocking(False)
    c.connect_ex(srv.getsockname())
    select.select([], [c], [], 2)
    c.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR)
    c.close()
