# Time-based sandbox evasion the way Python samples do it: time.sleep() (CPython 3.11 waits
# for an absolute CLOCK_MONOTONIC deadline: clock_nanosleep(..., TIMER_ABSTIME, ...), so the
# call shows no length) before the next step. With an argument the sleep is that many
# seconds and the script then tries its (local) server. Captures:
#   strace -f -tt -T -y -o OUT1 setpriv --reuid=65534 ... python3 py_sleep_evasion.py 70
#   strace -f -tt -T -y -o OUT2 setpriv ... python3 py_sleep_evasion.py 600 & sleep 15; kill -TERM <python3>
#   strace -f -tt -o OUT3 setpriv ... python3 py_sleep_evasion.py 65          (no -T)
import socket, sys, time

print("starting", flush=True)
time.sleep(float(sys.argv[1]) if len(sys.argv) > 1 else 600)
s = socket.socket()
try:
    s.connect(("127.0.0.1", 9))
except OSError as e:
    print("connect:", e, flush=True)
