# Talks to the container runtime's API sockets: a real HTTP request over /var/run/docker.sock
# (a stand-in listener, runtime_socket_listener.py, bound at /run/docker.sock), the same
# through curl --unix-socket, one refused (/run/podman/podman.sock, mode 0600, root's), one
# absent (containerd), an open() of the socket file (ENXIO); then the sockets every program
# may touch (D-Bus, nscd), which are not the runtime. Capture (as root):
#   python3 runtime_socket_listener.py &   # binds /run/docker.sock and /run/podman/podman.sock
#   env -i PATH=/usr/bin:/bin HOME=/home/auditor LANG=C.UTF-8 strace -f -tt -T -y -o OUT
#     setpriv --reuid=1001 --regid=1001 --clear-groups /usr/bin/python3 runtime_socket_probe.py
#   (then kill the listener: it removes both sockets)
# testdata/formats/strace/f_tt_T_y_runtime_socket.txt; with -yy instead of -y:
# f_tt_T_yy_runtime_socket.txt.
import os, socket, subprocess


def ask(path, request=b""):
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        s.connect(path)
        if request:
            s.sendall(request)
            print(path, s.recv(200)[:40])
        else:
            print(path, "connected")
    except OSError as e:
        print(path, e.strerror)
    finally:
        s.close()


ask("/var/run/docker.sock", b"GET /containers/json HTTP/1.0\r\nHost: docker\r\n\r\n")
subprocess.run(["curl", "-s", "--unix-socket", "/run/docker.sock", "http://docker/version"], timeout=5)
ask("/run/podman/podman.sock")
ask("/run/containerd/containerd.sock")
try:
    os.open("/run/docker.sock", os.O_RDWR)
except OSError as e:
    print("open", e.strerror)
ask("/run/dbus/system_bus_socket")
ask("/var/run/nscd/socket")
