#!/bin/bash
# Captures testdata/formats/ps/*_renamed_thread.txt: ps listings of a Python process (as
# nobody, in a fresh pid namespace) one of whose threads renamed itself "kworker/0:2H"
# through /proc/self/task/TID/comm, as a masquerading implant does; a second thread keeps
# its name. Run as root: testdata/formats/capture_renamed_thread.sh
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
if [[ "${1:-}" != "--inside" ]]; then
  exec unshare --pid --fork --mount-proc "$0" --inside
fi
cat > /tmp/rd_thread.py <<'PY'
import threading, time
def hide():
    with open(f"/proc/self/task/{threading.get_native_id()}/comm", "w") as f:
        f.write("kworker/0:2H")
    time.sleep(3)
threading.Thread(target=hide).start()
threading.Thread(target=lambda: time.sleep(3)).start()
time.sleep(3)
PY
setpriv --reuid=65534 --regid=65534 --clear-groups /usr/bin/python3 /tmp/rd_thread.py &
sleep 1
P="$HERE/ps"
ps -eL > "$P/eL_renamed_thread.txt"
ps -eLo pid,lwp,ppid,user,stat,comm,args > "$P/eLo_renamed_thread.txt"
ps -eLf > "$P/eLf_renamed_thread.txt"
ps -e -T -o pid,spid,comm,args > "$P/T_renamed_thread.txt"
wait
