#!/bin/bash
# Case py_spawn_pool: "checksum-batch" (apps/py_spawn_pool/batch.py), a Python CLI hashing
# data/* with multiprocessing.get_context("spawn").Pool(2): python3 re-executes itself as
# `python3 -c "from multiprocessing.resource_tracker import main;main(N)"` and twice as
# `python3 -c "from multiprocessing.spawn import spawn_main; spawn_main(...)" --multiprocessing-fork`;
# writes out/checksums.json, exit 0. Run as root: testdata/harness/py_spawn_pool.sh
set -euo pipefail
CASE_HOSTNAME=b5e3a9d1c072
source "$(dirname "$(readlink -f "$0")")/lib.sh"
enter_sandbox py_spawn_pool
# ---- from here on: PID 1 inside the sandbox ----
install_app py_spawn_pool

start_inotify -m -r -e create,modify,close_write,delete,moved_to /home/auditor /tmp
trace_app -ff -tt -T -y -s 128 -- python3 batch.py
snapshots() {
  ss -tunap > /artifacts/ss.txt
  ps -ef > /artifacts/ps.txt
}
finish_cli snapshots
