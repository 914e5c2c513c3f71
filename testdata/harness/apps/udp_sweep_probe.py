# Capture: env -i PATH=/usr/bin:/bin HOME=/home/auditor LANG=C.UTF-8 strace -f -tt -T -y -o OUT
# setpriv --reuid=1001 --regid=1001 --clear-groups /usr/bin/python3 udp_sweep_probe.py
# (testdata/formats/strace/f_tt_T_y_udp_sweep.txt).
# A UDP sweep of 127.0.0.1 ports 1..40 (one empty datagram each, no connect), reading any
# ICMP-refused errors back; then exits 0.
import socket
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.settimeout(0.01)
for port in range(1, 41):
    try:
        s.sendto(b"", ("127.0.0.1", port))
        s.recvfrom(512)
    except OSError:
        pass
print("swept 40 ports")
