#!/bin/bash
# Case node_addon_missing: a Node.js CLI (`node cli.js`, apps/node_addon_missing) whose native
# addon was never built (deployed without `npm install`'s node-gyp step): lib/native.js's
# require('../build/Release/x.node') throws "Error: Cannot find module
# '../build/Release/x.node'" at start-up, exit 1. ss/ps are taken after the run.
# Run as root: testdata/harness/node_addon_missing.sh
set -euo pipefail
CASE_HOSTNAME=6f1d83b0c2e9
source "$(dirname "$(readlink -f "$0")")/lib.sh"
enter_sandbox node_addon_missing
# ---- from here on: PID 1 inside the sandbox ----
install_app node_addon_missing
start_inotify -m -r /home/auditor
trace_app -ff -tt -T -y -s 128 -- /usr/bin/node cli.js
finish_cli plain_snapshots
