#!/bin/bash
# Case c_segv_startup: "metricsd" (apps/c_segv_startup/metricsd.c, gcc -O0) run as auditor
# without METRICSD_HOME: strlen(NULL) at start-up, killed by SIGSEGV (no core: ulimit -c 0)
# a few ms after start, before it listens. ss/ps are taken after the run.
# Run as root: testdata/harness/c_segv_startup.sh
set -euo pipefail
CASE_HOSTNAME=6e0d2b9a17c4
source "$(dirname "$(readlink -f "$0")")/lib.sh"
enter_sandbox c_segv_startup
# ---- from here on: PID 1 inside the sandbox ----
install_app c_segv_startup
gcc -O0 -Wall -o /home/auditor/app/metricsd /home/auditor/app/metricsd.c
chown auditor:auditor /home/auditor/app/metricsd

start_inotify -m -r --format '%w%f %e' /home/auditor /tmp
ulimit -c 0
trace_app -f -ttt -y -s 64 -- ./metricsd
snapshots() {
  ss -tanp > /artifacts/ss.txt
  ps aux > /artifacts/ps.txt
}
finish_cli snapshots
