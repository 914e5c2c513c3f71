#!/bin/bash
# Case sh_c_cd_py_cli_s32: the script_qc_py_cli batch CLI (apps/script_qc_py_cli/report.py)
# started as `sh -c "cd /home/auditor/app && python3 report.py input"`, traced with strace's
# default string size (-s 32): the -c command string (46 bytes) is cut in the execve line
# ("cd /home/auditor/app && python3 "...), so the shell's own argv no longer shows the program.
# dash runs `cd`, then forks python3 and waits (or execs it; the trace says which). The program
# writes out/report.json and exits 0. ss/ps are taken after the run.
# Run as root: testdata/harness/sh_c_cd_py_cli_s32.sh
set -euo pipefail
CASE_HOSTNAME=2d7f4a1c8e93
source "$(dirname "$(readlink -f "$0")")/lib.sh"
enter_sandbox sh_c_cd_py_cli_s32
# ---- from here on: PID 1 inside the sandbox ----
install_app script_qc_py_cli
start_inotify -m -r --csv /home/auditor
cd /
trace_app -f -tt -T -y -s 32 -- /bin/sh -c "cd /home/auditor/app && python3 report.py input"
finish_cli plain_snapshots
