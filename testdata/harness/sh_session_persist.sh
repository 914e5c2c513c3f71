#!/bin/bash
# Case sh_session_persist: a bash "theme-installer" (apps/sh_session_persist/themeinstall.sh,
# run as auditor) that writes an agent script to ~/.cache/.theme-agent and installs it where it
# runs with no user action: a podman Quadlet file ~/.config/containers/systemd/theme-sync.container,
# an `exec` line appended to ~/.config/i3/config, a GNOME Shell extension's extension.js,
# ~/.forward ("|agent"), and `pinentry-program` in ~/.gnupg/gpg-agent.conf. No network.
# Ends by itself; ss/ps are taken after the run.
# Run as root: testdata/harness/sh_session_persist.sh
set -euo pipefail
CASE_HOSTNAME=8e2c4a6f1d93
source "$(dirname "$(readlink -f "$0")")/lib.sh"
enter_sandbox sh_session_persist
# ---- from here on: PID 1 inside the sandbox ----
install_app sh_session_persist
start_inotify -m -r -e create,modify,attrib,delete,moved_to,close_write /home/auditor /tmp
trace_app -f -tt -T -yy -s 128 \
  -e 'trace=!brk,rt_sigaction,rt_sigprocmask,mprotect,lseek,futex,pread64,newfstatat' \
  -- ./themeinstall.sh
finish_cli plain_snapshots
