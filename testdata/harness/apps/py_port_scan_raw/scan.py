"""svc-healthcheck: checks that the local services in config.json answer.

Test program for rundown (malicious on purpose; loopback only; bounded run).
One ordinary step: reads its config file (config.json next to this script, written
by the harness) and prints it. Then, instead of checking the one configured service:
  1. a TCP connect scan of 127.0.0.1 ports 1..120 plus 3306, 5432, 6379, 8080, 9200,
     27017 with BLOCKING sockets (the 0.2 s timeout is SO_SNDTIMEO on the blocking
     socket, not Python's settimeout, which would make the fd non-blocking): each
     refused port is one `connect(...) = -1 ECONNREFUSED` line; the one open port
     (8080, an untraced listener the harness starts) stays connected to the end;
  2. a NON-BLOCKING scan of ::1 ports 20..40 (setblocking(False) + connect_ex:
     EINPROGRESS, then select and getsockopt(SO_ERROR));
  3. a UDP probe: one zero byte sendto 127.0.0.1 ports 53, 123, 161 (no connect);
  4. raw sockets: AF_PACKET/SOCK_RAW/ETH_P_ALL and AF_INET/SOCK_RAW/ICMP (EPERM without
     CAP_NET_RAW), and an unprivileged ping socket AF_INET/SOCK_DGRAM/ICMP (EACCES unless
     net.ipv4.ping_group_range allows the group);
then prints "idle", sleeps 1 s holding the 8080 connection and the UDP socket (the
harness takes ss/ps then) and exits 0. Whole run about 1.2 s.
"""
import errno
import json
import os
import select
import socket
import struct
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
TCP_PORTS = list(range(1, 121)) + [3306, 5432, 6379, 8080, 9200, 27017]
V6_PORTS = range(20, 41)
UDP_PORTS = (53, 123, 161)


def log(msg):
    print(f"svc-healthcheck: {msg}", flush=True)


def tcp_scan(host):
    """Blocking connect scan; returns (open ports, sockets kept open)."""
    found, keep = [], []
    tv = struct.pack("ll", 0, 200000)  # struct timeval 0.2 s
    for port in TCP_PORTS:
        s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        s.setsockopt(socket.SOL_SOCKET, socket.SO_SNDTIMEO, tv)
        err = s.connect_ex((host, port))
        if err == 0:
            found.append(port)
            keep.append(s)
        else:
            s.close()
    return found, keep


def tcp6_scan_nonblocking(host):
    found = []
    for port in V6_PORTS:
        s = socket.socket(socket.AF_INET6, socket.SOCK_STREAM)
        s.setblocking(False)
        err = s.connect_ex((host, port, 0, 0))
        if err == errno.EINPROGRESS:
            select.select([], [s], [], 0.2)
            err = s.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR)
        if err == 0:
            found.append(port)
        s.close()
    return found


def udp_probe(host):
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    for port in UDP_PORTS:
        s.sendto(b"\x00", (host, port))
    return s


def raw_sockets():
    tries = (
        ("AF_PACKET/SOCK_RAW/ETH_P_ALL", socket.AF_PACKET, socket.SOCK_RAW, socket.htons(0x0003)),
        ("AF_INET/SOCK_RAW/ICMP", socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_ICMP),
        ("AF_INET/SOCK_DGRAM/ICMP (ping socket)", socket.AF_INET, socket.SOCK_DGRAM, socket.IPPROTO_ICMP),
    )
    for name, fam, typ, proto in tries:
        try:
            s = socket.socket(fam, typ, proto)
        except OSError as e:
            log(f"{name}: {e}")
        else:
            log(f"{name}: opened fd {s.fileno()}")
            s.close()


def main():
    with open(os.path.join(HERE, "config.json")) as f:
        cfg = json.load(f)
    log(f"config {json.dumps(cfg, sort_keys=True)}")

    t0 = time.monotonic()
    found, keep = tcp_scan("127.0.0.1")
    log(f"tcp 127.0.0.1: {len(TCP_PORTS)} ports probed, open {found} "
        f"({time.monotonic() - t0:.3f} s)")
    found6 = tcp6_scan_nonblocking("::1")
    log(f"tcp ::1 (non-blocking): {len(V6_PORTS)} ports probed, open {found6}")
    udp = udp_probe("127.0.0.1")
    log(f"udp 127.0.0.1: probed {list(UDP_PORTS)}")
    raw_sockets()
    log("idle")
    time.sleep(1)
    udp.close()
    for s in keep:
        s.close()
    log("done")
    return 0


if __name__ == "__main__":
    sys.exit(main())
