# Capture: env -i PATH=/usr/bin:/bin HOME=/home/auditor LANG=C.UTF-8 strace -f -tt -y -o OUT
# setpriv --reuid=1001 --regid=1001 --clear-groups bash -c "ulimit -v 400000; exec /usr/bin/python3
# memory_hog_probe.py" (testdata/formats/strace/f_tt_y_enomem.txt).
# Allocates 64 MiB blocks until the address-space limit (ulimit -v) refuses one, frees them,
# prints how far it got and exits 0.
blocks = []
try:
    while True:
        blocks.append(bytearray(64 << 20))
except MemoryError:
    pass
print("allocated", len(blocks) * 64, "MiB before MemoryError")
blocks.clear()
