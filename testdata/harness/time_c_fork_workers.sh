#!/bin/bash
# Case time_c_fork_workers: the c_fork_workers batch CLI ("wordcount", 4 workers forked
# without exec) run under GNU `/usr/bin/time -v`, traced through the wrapper: `strace -ff ...
# /usr/bin/time -v ./wordcount`. time forks, its child execs ./wordcount, time waits for it
# (wait4 with rusage) and prints its resource report to stderr; both exit 0. ss/ps are taken
# after the run. Run as root: testdata/harness/time_c_fork_workers.sh
set -euo pipefail
CASE_HOSTNAME=2d94c1a7e05b
source "$(dirname "$(readlink -f "$0")")/lib.sh"
enter_sandbox time_c_fork_workers
# ---- from here on: PID 1 inside the sandbox ----
install_app c_fork_workers
gcc -O2 -Wall -o /home/auditor/app/wordcount /home/auditor/app/wordcount.c
chown auditor:auditor /home/auditor/app/wordcount

start_inotify -m -r --timefmt '%T' --format '%T %w%f %e' /home/auditor
trace_app -ff -ttt -T -yy -- /usr/bin/time -v ./wordcount
finish_cli plain_snapshots
