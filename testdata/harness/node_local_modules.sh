#!/bin/bash
# Case node_local_modules: a Node.js batch CLI (`node app.js`) that requires its own module
# (./lib/format.js) and two packages vendored by hand in its node_modules (left-pad-lite, the
# scoped @acme/log; no registry). It prints a three-row table and exits 0; nothing else.
# ss/ps are taken after the run. Run as root: testdata/harness/node_local_modules.sh
set -euo pipefail
CASE_HOSTNAME=6b1d3e9a2c40
source "$(dirname "$(readlink -f "$0")")/lib.sh"
enter_sandbox node_local_modules
# ---- from here on: PID 1 inside the sandbox ----
install_app node_local_modules

start_inotify -m -r /home/auditor
trace_app -f -tt -T -y -s 96 -- node app.js
finish_cli plain_snapshots
