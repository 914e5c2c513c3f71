#!/bin/bash
# Case node_fork_worker: a Node.js batch CLI ("thumbs-batch", apps/node_fork_worker, `node
# main.js`) that starts one worker with child_process.fork() (libuv clone + exec of
# /usr/bin/node worker.js --id 1, NODE_CHANNEL_FD and an IPC socketpair), sends it 3 files to
# digest over IPC, writes out/digests.json from the answers, tells the worker to exit; exit 0.
# ss/ps after the run. Run as root: testdata/harness/node_fork_worker.sh
set -euo pipefail
CASE_HOSTNAME=1f9a3d7c5e02
source "$(dirname "$(readlink -f "$0")")/lib.sh"
enter_sandbox node_fork_worker
# ---- from here on: PID 1 inside the sandbox ----
install_app node_fork_worker

start_inotify -m -r /home/auditor
trace_app -f -tt -T -y -s 96 -e 'trace=!futex,madvise,munmap,brk' -- node main.js
finish_cli plain_snapshots
