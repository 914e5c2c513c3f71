#!/bin/bash
# Case c_abort_midrun: "ledger" (apps/c_abort_midrun/ledger.c), a benign C batch CLI built with
# gcc (asserts on): sums input/ledger.csv into out/totals.txt, printing progress; its 5th record
# has a missing field and trips `assert(fields == 2)`: abort(), killed by SIGABRT after 4
# records were processed and written. No core (ulimit -c 0). ss/ps are taken after the run.
# Run as root: testdata/harness/c_abort_midrun.sh
set -euo pipefail
CASE_HOSTNAME=a4c09e3b71d2
source "$(dirname "$(readlink -f "$0")")/lib.sh"
enter_sandbox c_abort_midrun
# ---- from here on: PID 1 inside the sandbox ----
install_app c_abort_midrun
gcc -O1 -g -Wall -o /home/auditor/app/ledger /home/auditor/app/ledger.c
rm /home/auditor/app/ledger.c /home/auditor/app/out/.keep
chown -R auditor:auditor /home/auditor/app

start_inotify -m -r /home/auditor
ulimit -c 0
trace_app -f -tt -T -yy -s 96 -- ./ledger
finish_cli plain_snapshots
