#!/bin/bash
# Case py_ssh_key_persist: a Python "deploy-key sync" (apps/py_ssh_key_persist/keysync.py, run
# as auditor) that installs persistence through ssh and git by atomic replacement: mkstemp in
# the same folder, write, fsync, chmod, os.replace onto ~/.ssh/authorized_keys (an attacker's
# key), ~/.ssh/config (Host * ProxyCommand) and ~/projects/demo/.git/hooks/post-checkout (mode
# 755, in a repository git-init'ed by the harness before the run); then `sed -i` appends a
# PROMPT_COMMAND to ~/.bashrc (sed's own temporary file renamed over it). No network.
# Ends by itself; ss/ps are taken after the run.
# Run as root: testdata/harness/py_ssh_key_persist.sh
set -euo pipefail
CASE_HOSTNAME=2c8e5a1f9d40
source "$(dirname "$(readlink -f "$0")")/lib.sh"
enter_sandbox py_ssh_key_persist
# ---- from here on: PID 1 inside the sandbox ----
install_app py_ssh_key_persist
mkdir -p /home/auditor/projects/demo
git -C /home/auditor/projects/demo init -q
chown -R auditor:auditor /home/auditor/projects
start_inotify -m -r -e create,modify,attrib,delete,moved_to,close_write /home/auditor /tmp
trace_app -f -tt -T -yy -s 128 \
  -e 'trace=!brk,rt_sigaction,rt_sigprocmask,mprotect,lseek,futex,pread64,getdents64,ioctl' \
  -- python3 keysync.py
finish_cli plain_snapshots
