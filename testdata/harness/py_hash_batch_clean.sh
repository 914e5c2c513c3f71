#!/bin/bash
# Case py_hash_batch_clean: a CPU-heavy batch job, benign (apps/py_hash_batch/digest.py, run as
# auditor): python3 chains SHA-256 over input.txt for about 4 s of CPU time, writes
# input.txt.sha and exits 0. It never listens. ps aux is taken while it computes (about 2 s
# in), ss after the run. Expected PASS: a batch job that keeps the CPU busy is doing its work.
# Run as root: testdata/harness/py_hash_batch_clean.sh
set -euo pipefail
CASE_HOSTNAME=b81e0d4c7f36
source "$(dirname "$(readlink -f "$0")")/lib.sh"
enter_sandbox py_hash_batch_clean
# ---- from here on: PID 1 inside the sandbox ----
install_app py_hash_batch
chown -R auditor:auditor /home/auditor/app
start_inotify -m -r /home/auditor
trace_app -f -tt -T -y -- python3 digest.py input.txt
sleep 2
ps aux > /artifacts/ps.txt
finish_cli true
ss -tunap > /artifacts/ss.txt
