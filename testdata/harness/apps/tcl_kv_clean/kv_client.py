"""Untraced test client for kvd: N connections in turn, each a few SET/GET/DEL commands, one
bad command; holds the last connection open, touches --ready, waits --hold seconds, QUITs."""
import argparse, pathlib, socket, time
ap = argparse.ArgumentParser()
ap.add_argument("--port", type=int, required=True)
ap.add_argument("--conns", type=int, default=4)
ap.add_argument("--ready", required=True)
ap.add_argument("--hold", type=float, default=1.0)
a = ap.parse_args()

def talk(f, line):
    f.write(line + "\n"); f.flush()
    return f.readline().strip()

for n in range(a.conns):
    s = socket.create_connection(("127.0.0.1", a.port))
    f = s.makefile("rw")
    for k in range(3):
        print(talk(f, f"SET user{n}.{k} value-{n}-{k}"))
    print(talk(f, f"GET user{n}.1"), talk(f, "GET missing"), talk(f, f"DEL user{n}.0"), talk(f, "KEYS"))
    if n == 1:
        print(talk(f, "FLUSHALL"))
    if n == a.conns - 1:
        pathlib.Path(a.ready).touch()
        time.sleep(a.hold)
    print(talk(f, "QUIT"))
    s.close()
    time.sleep(0.2)
