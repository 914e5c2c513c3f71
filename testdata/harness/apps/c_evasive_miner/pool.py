# A stand-in stratum pool on 127.0.0.1:3333 (untraced, run as nobody by the harness): accepts
# one connection, reads the login line, answers with a job, closes, and exits.
import socket, sys

srv = socket.socket()
srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
srv.bind(("127.0.0.1", 3333))
srv.listen(1)
conn, _ = srv.accept()
line = conn.makefile("rb").readline()
sys.stdout.write("login: %s" % line.decode(errors="replace"))
conn.sendall(b'{"id":1,"jsonrpc":"2.0","error":null,"result":{"id":"1","job":{"blob":"0707","job_id":"1",'
             b'"target":"b88d0600","algo":"rx/0"},"status":"OK"}}\n')
conn.close()
