# Two user processes that look like kernel threads, next to real kernel threads, in four ps
# layouts (testdata/formats/ps/kthread_*.txt: `python3 kernel_thread_lookalikes.py kthread`, as
# root on a host where ps sees the kernel threads): one started with argv[0] "[kworker/0:1H]"
# (still running: memory in VSZ/RSS), one that renamed itself "kworker/1:2" with prctl and
# exited unreaped (a zombie: VSZ/RSS 0, STAT Z, "<defunct>").
import ctypes, os, subprocess, sys, time
m = os.fork()
if m == 0:
    os.execv("/bin/sleep", ["[kworker/0:1H]", "5"])
z = os.fork()
if z == 0:
    ctypes.CDLL(None).prctl(15, b"kworker/1:2", 0, 0, 0)
    os._exit(0)
time.sleep(0.3)
pids = f"2,3,{m},{z}"
for name, args in [("u", ["ps", "u", "-p", pids]),
                   ("o_vsz_stat", ["ps", "-o", "pid,ppid,user,vsz,rss,stat,args", "-p", pids]),
                   ("o_noppid", ["ps", "-o", "pid,user,vsz,rss,args", "-p", pids]),
                   ("ly", ["ps", "-ly", "-p", pids])]:
    with open(f"{sys.argv[1]}_{name}.txt", "w") as f:
        subprocess.run(args, stdout=f, check=True)
os.kill(m, 9)
os.waitpid(m, 0)
os.waitpid(z, 0)
