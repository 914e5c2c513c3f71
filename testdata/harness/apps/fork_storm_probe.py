# Capture: env -i PATH=/usr/bin:/bin HOME=/home/auditor LANG=C.UTF-8 strace -f -tt -y -o OUT
# setpriv --reuid=1001 --regid=1001 --clear-groups bash -c "ulimit -u 60; exec /usr/bin/python3
# fork_storm_probe.py" (testdata/formats/strace/f_tt_y_fork_storm.txt).
# A bounded fork storm: up to 150 children that sleep, under a process limit of 60 (ulimit -u),
# so fork fails with EAGAIN once the limit is reached; then reaps them all and exits 0.
import os, time
kids, failed = [], 0
for i in range(150):
    try:
        pid = os.fork()
    except OSError as e:
        failed += 1
        continue
    if pid == 0:
        time.sleep(0.5)
        os._exit(0)
    kids.append(pid)
for k in kids:
    os.waitpid(k, 0)
print("children", len(kids), "fork failures", failed)
