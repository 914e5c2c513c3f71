#!/bin/sh
# Writes the shell start-up file of $HOME without an open() of ~/.bashrc for writing by the
# program itself: rename of a temp file over it, a hard link made then written, tee -a,
# sed -i (writes a temp file and renames it over), and a symlink planted then written.
# One mode per run ($1). The line added is harmless (an echo).
line='echo rundown-probe >/dev/null'
rc="$HOME/.bashrc"
case "$1" in
  rename)  cp "$rc" "$HOME/.cache-rc" 2>/dev/null; echo "$line" >> "$HOME/.cache-rc"; mv "$HOME/.cache-rc" "$rc" ;;
  hardlink) ln "$rc" "$HOME/.cache-hl" && echo "$line" >> "$HOME/.cache-hl" ;;
  tee)     echo "$line" | tee -a "$rc" >/dev/null ;;
  sed)     sed -i "\$a $line" "$rc" ;;
  symlink) ln -sf "$rc" /tmp/.x-rc && echo "$line" >> /tmp/.x-rc ;;
  python)  python3 -c "
import os
h=os.environ['HOME']
os.symlink(h+'/.profile', '/tmp/.p')
open('/tmp/.p','a').write('$line\n')" ;;
esac
