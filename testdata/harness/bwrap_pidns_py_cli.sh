#!/bin/bash
# Case bwrap_pidns_py_cli: the script_qc_py_cli batch CLI (apps/script_qc_py_cli/report.py) run
# by auditor inside bubblewrap with its own pid namespace: `bwrap --unshare-pid --ro-bind / /
# --bind APP APP --proc /proc --dev /dev --chdir APP python3 report.py input`, traced through
# the wrapper. bwrap (no setuid: a user namespace) clones its init with CLONE_NEWPID, and the
# init forks the command: strace 6.1 prints that fork's result as the namespace numbers it
# ("= 2"), the command's lines under the pid the tracer sees. The program writes
# out/report.json and exits 0. ss/ps are taken after the run.
# Run as root: testdata/harness/bwrap_pidns_py_cli.sh
set -euo pipefail
CASE_HOSTNAME=e41c9a07b5d3
source "$(dirname "$(readlink -f "$0")")/lib.sh"
enter_sandbox bwrap_pidns_py_cli
# ---- from here on: PID 1 inside the sandbox ----
install_app script_qc_py_cli
start_inotify -m -r /home/auditor
trace_app -f -tt -T -y -s 64 -- bwrap --unshare-pid --ro-bind / / --bind /home/auditor/app /home/auditor/app \
  --proc /proc --dev /dev --chdir /home/auditor/app python3 report.py input
finish_cli plain_snapshots
