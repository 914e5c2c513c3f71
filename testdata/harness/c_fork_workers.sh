#!/bin/bash
# Case c_fork_workers: "wordcount" (apps/c_fork_workers/wordcount.c), a benign batch CLI built
# with gcc: forks one worker per input/*.txt (fork without exec, 4 workers), each writes
# out/part-N.txt and _exits; the parent waits, merges them into out/summary.txt (.tmp + rename),
# unlinks the parts and exits 0 in a few ms. No network. ss/ps are taken after the run.
# Run as root: testdata/harness/c_fork_workers.sh
set -euo pipefail
CASE_HOSTNAME=5c0a7e21f98b
source "$(dirname "$(readlink -f "$0")")/lib.sh"
enter_sandbox c_fork_workers
# ---- from here on: PID 1 inside the sandbox ----
install_app c_fork_workers
gcc -O2 -Wall -o /home/auditor/app/wordcount /home/auditor/app/wordcount.c
chown auditor:auditor /home/auditor/app/wordcount

start_inotify -m -r --timefmt '%T' --format '%T %w%f %e' /home/auditor
trace_app -ff -ttt -T -yy -- ./wordcount
snapshots() {
  ss -tunap > /artifacts/ss.txt
  ps -ef > /artifacts/ps.txt
}
finish_cli snapshots
