# Sleeps the way a sandbox-evading sample does, next to the waits every program makes: runs
# `sleep 1` (coreutils: clock_nanosleep(CLOCK_REALTIME, 0, {tv_sec=1 ...})), time.sleep(0.2)
# (CPython: clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, ...): an absolute deadline) and an
# epoll_wait with a 300 ms timeout (an event loop, not a sleep); starts `sleep 90` and stops
# it after half a second (SIGTERM); forks a child that asks the raw nanosleep system call for
# 120 s and kills it (SIGKILL: the call stays unfinished); then asks libc's nanosleep for
# 600 s and is stopped by the harness's SIGTERM while asleep. Capture (as root):
#   env -i PATH=/usr/bin:/bin HOME=/home/auditor LANG=C.UTF-8 strace -f -tt -T -y -o OUT
#     setpriv --reuid=1001 --regid=1001 --clear-groups /usr/bin/python3 sleep_probe.py &
#   sleep 4; kill -TERM <pid of the python3 process>
# testdata/formats/strace/f_tt_T_y_long_sleep.txt.
import ctypes, os, select, signal, subprocess, time


class Timespec(ctypes.Structure):
    _fields_ = [("tv_sec", ctypes.c_long), ("tv_nsec", ctypes.c_long)]


subprocess.run(["sleep", "1"])
time.sleep(0.2)
select.epoll().poll(0.3)
p = subprocess.Popen(["sleep", "90"])
time.sleep(0.5)
p.terminate()
p.wait()
libc = ctypes.CDLL(None)
child = os.fork()
if child == 0:
    libc.syscall(35, ctypes.byref(Timespec(120, 0)), None)  # SYS_nanosleep on x86-64
    os._exit(0)
time.sleep(0.3)
os.kill(child, signal.SIGKILL)
os.waitpid(child, 0)
print("asleep", flush=True)
libc.nanosleep(ctypes.byref(Timespec(600, 0)), None)
