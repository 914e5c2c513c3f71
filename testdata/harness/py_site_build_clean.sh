#!/bin/bash
# Case py_site_build_clean: a static-site builder, benign (apps/py_site_build_clean/build.py,
# run as auditor): python3 writes 24 pages into ~/site-out/ (open "w": O_CREAT|O_TRUNC, no
# stat first), removes them all (its own `clean` step) and writes them again. ~/site-out is
# there, empty, before the run (a project's output folder), so strace shows nothing of the
# pages before the first open; inotifywait, watching it from the start, shows the CREATE of
# every page: the files it deletes are the ones it made, not the user's.
# No network. Ends by itself; ss/ps are taken after the run. Expected PASS.
# Run as root: testdata/harness/py_site_build_clean.sh
set -euo pipefail
CASE_HOSTNAME=5e1a9c03b7d2
source "$(dirname "$(readlink -f "$0")")/lib.sh"
enter_sandbox py_site_build_clean
# ---- from here on: PID 1 inside the sandbox ----
install_app py_site_build_clean
mkdir /home/auditor/site-out
chown auditor:auditor /home/auditor/site-out
start_inotify -m -r /home/auditor
trace_app -f -tt -T -y -- python3 build.py
finish_cli plain_snapshots
