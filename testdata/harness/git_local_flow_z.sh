#!/bin/bash
# Case git_local_flow_z: a shell script (apps/git_local_flow/flow.sh) that clones a local bare
# repository by path (../upstream.git, made untraced by the harness), commits a change, shows
# the log and pushes back to the bare repository; exit 0. No network.
# strace -Z (--failed-only): only the calls that failed are in the trace.
# Run as root: testdata/harness/git_local_flow_z.sh
set -euo pipefail
CASE_HOSTNAME=19f7d2c4e8a0
source "$(dirname "$(readlink -f "$0")")/lib.sh"
enter_sandbox git_local_flow_z
# ---- from here on: PID 1 inside the sandbox ----
install_app git_local_flow
(cd /home/auditor && git init -q --bare -b main upstream.git && git clone -q upstream.git seed 2>/dev/null \
  && cd seed && echo v1 > VERSION && git add VERSION \
  && git -c user.email=h@example.invalid -c user.name=H commit -q -m init && git push -q origin HEAD:main \
  && cd .. && rm -rf seed)
chown -R auditor:auditor /home/auditor/upstream.git /home/auditor/app
start_inotify -m -r -e create,modify,delete,moved_to,close_write /home/auditor
trace_app -f -Z -tt -T -y -s 64 -- ./flow.sh
finish_cli plain_snapshots
