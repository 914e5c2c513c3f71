#!/bin/bash
# Case py_console_script: a Python console script without a suffix (bin/word-stats, its first
# line `#!/usr/bin/python3`) executed directly, so the trace's only execve is the script's:
# the kernel ran the interpreter. It imports its own module wordstats.py (PYTHONPATH=the
# project), counts the words of notes.txt and prints the top three, exit 0. Nothing else.
# ss/ps are taken after the run. Run as root: testdata/harness/py_console_script.sh
set -euo pipefail
CASE_HOSTNAME=8e3c5a1f0b27
source "$(dirname "$(readlink -f "$0")")/lib.sh"
enter_sandbox py_console_script
# ---- from here on: PID 1 inside the sandbox ----
install_app py_console_script

start_inotify -m -r /home/auditor
trace_app -f -tt -T -y -s 96 -- /usr/bin/env PYTHONPATH=/home/auditor/app PYTHONDONTWRITEBYTECODE=1 /home/auditor/app/bin/word-stats
finish_cli plain_snapshots
