# Opens kernel-memory, disk, input, camera, sound and frame-buffer devices and /proc/1 files
# one by one (each refused or absent in a sandbox): the capture testdata/formats/strace/
# f_tt_y_devices.txt. Run: strace -f -tt -y -o OUT setpriv --reuid=1001 --regid=1001
# --clear-groups /usr/bin/python3 dev_probe.py
import os
for p in ["/dev/urandom", "/dev/tty", "/dev/mem", "/dev/kmem", "/dev/port", "/proc/kcore", "/dev/vda",
          "/dev/kmsg", "/dev/input/event0", "/dev/input/mice", "/dev/video0", "/dev/snd/pcmC0D0c", "/dev/fb0",
          "/proc/1/environ", "/proc/1/mem", "/proc/self/environ"]:
    try:
        fd = os.open(p, os.O_RDONLY | os.O_NONBLOCK)
        os.close(fd)
        print(p, "ok")
    except OSError as e:
        print(p, e.strerror)
try:
    fd = os.open("/dev/vda", os.O_WRONLY)
except OSError as e:
    print("w /dev/vda", e.strerror)
