import os, socket, subprocess, threading, time
def worker():
    s = socket.socket(); s.settimeout(0.2)
    try: s.connect(("127.0.0.1", 9))
    except OSError: pass
    s.close()
t = threading.Thread(target=worker); t.start(); t.join()
open("/tmp/sweep/out.txt", "w").write("hi\n")
subprocess.run(["/bin/sh", "-c", "id; cat /etc/hostname >/dev/null"])
u = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM); u.sendto(b"x", ("::1", 5353)); u.close()
os.rename("/tmp/sweep/out.txt", "/tmp/sweep/out2.txt"); os.unlink("/tmp/sweep/out2.txt")
time.sleep(0.05)
