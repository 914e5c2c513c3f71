#!/bin/bash
# Case node_shebang_env: a Node.js CLI run directly through its shebang (`#!/usr/bin/env node`, mode 0755):
# `./csvsum.js data/jan.csv data/feb.csv` (apps/node_shebang_cli): requires its own ./lib/parse
# and the hand-vendored node_modules/tiny-table, prints a table, writes out/sums.json; exit 0.
# ss/ps are taken after the run. Run as root: testdata/harness/node_shebang_env.sh
set -euo pipefail
CASE_HOSTNAME=7c3e1a5d9b20
source "$(dirname "$(readlink -f "$0")")/lib.sh"
enter_sandbox node_shebang_env
# ---- from here on: PID 1 inside the sandbox ----
install_app node_shebang_cli


start_inotify -m -r /home/auditor
trace_app -f -tt -T -y -s 96 -- ./csvsum.js data/jan.csv data/feb.csv
finish_cli plain_snapshots
