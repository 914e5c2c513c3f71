# Stand-in for dockerd and podman during the capture of runtime_socket_probe.py: binds
# /run/docker.sock (mode 0666) and /run/podman/podman.sock (mode 0600, root only), answers
# each connection with an empty JSON list, removes both sockets on SIGTERM. Never traced.
import os, select, signal, socket, sys

paths = {"/run/docker.sock": 0o666, "/run/podman/podman.sock": 0o600}
os.makedirs("/run/podman", exist_ok=True)
socks = []
for path, mode in paths.items():
    if os.path.exists(path):
        os.unlink(path)
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s.bind(path)
    os.chmod(path, mode)
    s.listen(8)
    socks.append(s)


def stop(*_):
    for path in paths:
        if os.path.exists(path):
            os.unlink(path)
    os.rmdir("/run/podman")
    sys.exit(0)


signal.signal(signal.SIGTERM, stop)
while True:
    ready, _, _ = select.select(socks, [], [])
    for s in ready:
        c, _ = s.accept()
        c.settimeout(1)
        try:
            c.recv(4096)
            c.sendall(b"HTTP/1.0 200 OK\r\nContent-Type: application/json\r\n\r\n[]\n")
        except OSError:
            pass
        c.close()
