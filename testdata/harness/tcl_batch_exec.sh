#!/bin/bash
# Case tcl_batch_exec: a Tcl 8.6 batch script (apps/tcl_batch_exec/report.tcl, no expect) that
# runs system tools through Tcl's `exec` (sort per input file, gzip -c, wc -l: Tcl forks and
# execs them directly, no shell), writes out/report.txt and out/report.txt.gz; exit 0.
# Run as root: testdata/harness/tcl_batch_exec.sh
set -euo pipefail
CASE_HOSTNAME=b26d0f4a9e13
source "$(dirname "$(readlink -f "$0")")/lib.sh"
enter_sandbox tcl_batch_exec
# ---- from here on: PID 1 inside the sandbox ----
install_app tcl_batch_exec
start_inotify -m -r -e create,modify,delete,moved_to,close_write /home/auditor
trace_app -ff -tt -T -yy -s 64 -- tclsh report.tcl
finish_cli plain_snapshots
