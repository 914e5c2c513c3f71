# A blocking connect() that never returns, for the strace captures
# testdata/formats/strace/f_tt_T_y_connect_*.txt (see engine/model_test.cc).
#
# A listener that never accepts, with backlog 0 filled by three non-blocking connects: the
# next SYN is dropped and a blocking connect() waits (the kernel retries the SYN for about two
# minutes). The capture kills the program, or strace, while it waits. With --ticker a child
# keeps writing, so strace -f prints the parent's blocked call as "<unfinished ...>".
import os
import socket
import sys
import time

srv = socket.socket()
srv.bind(("127.0.0.1", 0))
srv.listen(0)
port = srv.getsockname()[1]
held = []
for _ in range(3):
    c = socket.socket()
    c.setblocking(False)
    try:
        c.connect(("127.0.0.1", port))
    except BlockingIOError:
        pass
    held.append(c)
if "--ticker" in sys.argv and os.fork() == 0:
    for _ in range(8):
        os.write(1, b"tick\n")
        time.sleep(0.2)
    os._exit(0)
time.sleep(0.2)
s = socket.socket()
s.connect(("127.0.0.1", port))
