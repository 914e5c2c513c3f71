#!/bin/bash
# Case su_sh_c_py_cli: the script_qc_py_cli batch CLI (apps/script_qc_py_cli/report.py) started
# the way a reviewer who runs the sandbox as root drops to the app's user: `su -s /bin/sh
# auditor -c "python3 report.py input"`, traced through the wrapper as root (strace without -u:
# su must stay setuid). su sets up PAM, forks, its child sets the ids (setgid, setuid) and
# runs `sh -c "python3 report.py input"`; dash does not exec the one command but vforks it and
# waits; su waits and exits with its status. The program writes out/report.json and exits 0.
# ss/ps are taken after the run. Run as root: testdata/harness/su_sh_c_py_cli.sh
set -euo pipefail
CASE_HOSTNAME=5c0e7b3a9d12
source "$(dirname "$(readlink -f "$0")")/lib.sh"
enter_sandbox su_sh_c_py_cli
# ---- from here on: PID 1 inside the sandbox ----
install_app script_qc_py_cli
start_inotify -m -r --csv /home/auditor
cd /home/auditor/app
"${APP_ENV[@]}" HOSTNAME="$(hostname)" \
  strace -f -tt -T -y -s 64 -o /artifacts/strace_log su -s /bin/sh auditor -c "python3 report.py input" \
  > /artifacts/program.log 2>&1 &
ST=$!
finish_cli plain_snapshots
