#!/bin/bash
# Case node_shebang_nosuffix: the node_shebang_direct CLI renamed to `csvsum` (no suffix), first line `#!/usr/bin/node`:
# `./csvsum data/jan.csv data/feb.csv` (apps/node_shebang_cli): requires its own ./lib/parse
# and the hand-vendored node_modules/tiny-table, prints a table, writes out/sums.json; exit 0.
# ss/ps are taken after the run. Run as root: testdata/harness/node_shebang_nosuffix.sh
set -euo pipefail
CASE_HOSTNAME=2a8f6c0e4d13
source "$(dirname "$(readlink -f "$0")")/lib.sh"
enter_sandbox node_shebang_nosuffix
# ---- from here on: PID 1 inside the sandbox ----
install_app node_shebang_cli
sed -i '1s|.*|#!/usr/bin/node|' /home/auditor/app/csvsum.js && mv /home/auditor/app/csvsum.js /home/auditor/app/csvsum

start_inotify -m -r /home/auditor
trace_app -f -tt -T -y -s 96 -- ./csvsum data/jan.csv data/feb.csv
finish_cli plain_snapshots
