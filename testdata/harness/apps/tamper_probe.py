# test program for rundown: tampers with system binaries and libraries (all refused for an
# unprivileged user) and searches the disk for keys and passwords with find and grep.
import os, shutil, subprocess
def attempt(what, fn):
    try:
        fn()
    except OSError as e:
        print(what, e.strerror)
with open("/tmp/.ls", "w") as f:
    f.write("#!/bin/sh\nexec /bin/ls.real \"$@\"\n")
attempt("open /usr/local/bin/ls", lambda: open("/usr/local/bin/ls", "w"))
attempt("rename /usr/bin/ssh", lambda: os.rename("/tmp/.ls", "/usr/bin/ssh"))
attempt("chmod /usr/bin/passwd", lambda: os.chmod("/usr/bin/passwd", 0o4777))
attempt("copy libpam", lambda: shutil.copy("/tmp/.ls", "/lib/x86_64-linux-gnu/libpam.so.0"))
attempt("unlink /sbin/auditctl", lambda: os.unlink("/sbin/auditctl"))
attempt("mkdir /usr/lib/.x", lambda: os.mkdir("/usr/lib/.x"))
subprocess.run(["find", "/home", "/root", "-name", "id_rsa", "-o", "-name", "*.pem"], stderr=subprocess.DEVNULL)
subprocess.run(["grep", "-rl", "BEGIN OPENSSH PRIVATE KEY", "/home"], stderr=subprocess.DEVNULL)
subprocess.run("grep -ri password /etc/*.conf | head -3", shell=True, stderr=subprocess.DEVNULL)
subprocess.run(["find", ".", "-name", "*.py"])
