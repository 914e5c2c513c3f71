# Fills the file system it writes to (a denial of service, or a miner's or wiper's side
# effect): appends 256 KiB blocks to a file until the kernel refuses with ENOSPC, then tries
# one more small file. Run it on a small tmpfs (1 MiB) so nothing real fills up.
import os, sys

d = sys.argv[1]
block = b"\0" * 262144
with open(os.path.join(d, "fill.bin"), "wb", buffering=0) as fh:
    try:
        while True:
            fh.write(block)
    except OSError as e:
        print("stopped:", e)
try:
    with open(os.path.join(d, "marker.txt"), "w") as fh:
        fh.write("x" * 8192)
except OSError as e:
    print("marker:", e)
