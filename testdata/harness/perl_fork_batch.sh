#!/bin/bash
# Case perl_fork_batch: a Perl batch job (apps/perl_fork_batch/digest.pl) that forks one worker
# per input/*.log (3, no exec), each writes out/<name>.count; the parent reaps them, merges
# into out/levels.txt (.tmp + rename), unlinks the parts; exit 0. No network.
# strace -e trace=%network,%process: no file call is in the trace.
# Run as root: testdata/harness/perl_fork_batch.sh
set -euo pipefail
CASE_HOSTNAME=47b9e2d0c5a1
source "$(dirname "$(readlink -f "$0")")/lib.sh"
enter_sandbox perl_fork_batch
# ---- from here on: PID 1 inside the sandbox ----
install_app perl_fork_batch
start_inotify -m -r -e create,modify,delete,moved_to,close_write /home/auditor
trace_app -f -tt -T -e trace=%network,%process -- perl digest.pl
finish_cli plain_snapshots
