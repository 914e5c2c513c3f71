#!/bin/bash
# Case sh_user_unit_persistence: a bash "telemetry installer" (run as auditor) that writes an
# agent script into ~/.local/share/dbus-sync and a systemd user unit that runs it into
# ~/.local/share/systemd/user, then enables the unit by hand (the default.target.wants/ link
# `systemctl --user enable` would make; no systemctl runs). Ends by itself.
# Run as root: testdata/harness/sh_user_unit_persistence.sh
set -euo pipefail
CASE_HOSTNAME=5e1d2c3b4a69
source "$(dirname "$(readlink -f "$0")")/lib.sh"
enter_sandbox sh_user_unit_persistence
# ---- from here on: PID 1 inside the sandbox ----
install_app sh_user_unit_persistence
start_inotify -m -r -e create,modify,attrib,delete,moved_to,close_write \
  --timefmt %s --format '%T|%w|%f|%e' /home/auditor /tmp
trace_app -f -ttt -T -yy -s 256 -- ./install.sh
finish_cli plain_snapshots
