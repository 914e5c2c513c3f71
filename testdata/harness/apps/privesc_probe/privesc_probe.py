# Runs sudo -n id, su -c id root, sudo -l -n (each refused: no password) and a C program that
# starts /usr/bin/su with an empty argv. Capture (as root, sudo installed; strace as root lets
# the setuid bits work): gcc -o pwnkit_shape pwnkit_shape.c; env -i PATH=/usr/local/sbin:
# /usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin HOME=/home/auditor LANG=C.UTF-8 strace -f -tt -T
# -y -o OUT setpriv --reuid=1001 --regid=1001 --clear-groups /usr/bin/python3 privesc_probe.py
# (testdata/formats/strace/f_tt_T_y_privesc.txt).
import subprocess, os
for cmd in (["sudo", "-n", "id"], ["su", "-c", "id", "root"], ["sudo", "-l", "-n"]):
    try:
        r = subprocess.run(cmd, stdin=subprocess.DEVNULL, capture_output=True, timeout=5)
        print(cmd[0], r.returncode, r.stderr[:80])
    except Exception as e:
        print(cmd[0], "error", e)
subprocess.run(["./pwnkit_shape"], stdin=subprocess.DEVNULL, capture_output=True, timeout=5)
