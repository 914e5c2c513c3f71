#!/bin/bash
# Case py_httpserver_v6_qq: `python3 -m http.server --bind ::1 8151` serving a static folder,
# an untraced client GETs 4 paths over ::1 (one 404); SIGTERM (no handler: killed by it).
# strace with -qq: no "+++ exited/killed" lines, so how the program ended is not in the trace.
# Run as root: testdata/harness/py_httpserver_v6_qq.sh
set -euo pipefail
CASE_HOSTNAME=2c7f0a5e9d13
source "$(dirname "$(readlink -f "$0")")/lib.sh"
enter_sandbox py_httpserver_v6_qq
# ---- from here on: PID 1 inside the sandbox ----
install_app busybox_httpd_attach
start_inotify -m -r --csv /home/auditor
trace_app -f -qq -tt -T -y -- python3 -m http.server --bind ::1 --directory www 8151
for i in $(seq 100); do ss -Hltn 'sport = :8151' | grep -q . && break; sleep 0.1; done
as_auditor /usr/bin/python3 -c '
import urllib.request, urllib.error
for p in ["/", "/index.html", "/health.txt", "/missing"]:
    try:
        r = urllib.request.urlopen("http://[::1]:8151" + p, timeout=5); print(p, r.status, len(r.read()))
    except urllib.error.HTTPError as e: print(p, e.code)
' > /mnt/client.out 2>&1
ss -tanp > /artifacts/ss.txt
ps aux > /artifacts/ps.txt
sleep 0.3
stop_app
finish_trace
cat /mnt/client.out >&2
