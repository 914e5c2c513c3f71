#!/bin/bash
# Case script_qc_py_cli: a Python batch CLI (apps/script_qc_py_cli/report.py) run under
# util-linux `script -qc "python3 report.py input" /dev/null` (a pseudo-terminal for the
# program), traced through the wrapper: script forks, its child runs `bash -c "python3
# report.py input"`, which execs python3; the program writes out/report.json and exits 0.
# ss/ps are taken after the run. Run as root: testdata/harness/script_qc_py_cli.sh
set -euo pipefail
CASE_HOSTNAME=8a3f5d21c6b0
source "$(dirname "$(readlink -f "$0")")/lib.sh"
enter_sandbox script_qc_py_cli
# ---- from here on: PID 1 inside the sandbox ----
install_app script_qc_py_cli
start_inotify -m -r --csv /home/auditor
trace_app -f -ttt -T -yy -s 64 -- script -qc "python3 report.py input" /dev/null
finish_cli plain_snapshots
