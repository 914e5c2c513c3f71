#!/bin/bash
# Case py_stdlib_shadow_pth: a Python batch CLI (`python3 report.py`) whose folder holds a
# socket.py (apps/py_stdlib_shadow_pth/socket.py) that `import socket` loads instead of the
# standard library's; the stand-in prints a line and loads the real module by path. The
# user's site-packages (~/.local/lib/python3.11/site-packages, PYTHONUSERBASE) holds a .pth
# whose import line prints a line at interpreter start. Nothing else is done: the run prints the
# host name and a checksum, exit 0. ss/ps are taken after the run.
# Run as root: testdata/harness/py_stdlib_shadow_pth.sh
set -euo pipefail
CASE_HOSTNAME=4d8a1f02c6b3
source "$(dirname "$(readlink -f "$0")")/lib.sh"
enter_sandbox py_stdlib_shadow_pth
# ---- from here on: PID 1 inside the sandbox ----
install_app py_stdlib_shadow_pth
site=/home/auditor/.local/lib/python3.11/site-packages
mkdir -p "$site"
mv /home/auditor/app/zz_hook.pth "$site/"
chown -R auditor:auditor /home/auditor/.local

start_inotify -m -r /home/auditor
trace_app -f -tt -T -y -s 96 -- /usr/bin/env PYTHONUSERBASE=/home/auditor/.local /usr/bin/python3 report.py
finish_cli plain_snapshots
