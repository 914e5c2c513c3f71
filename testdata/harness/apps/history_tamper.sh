#!/bin/sh
# Shell and REPL history made useless without a plain delete: shred -u (overwrites, renames
# the file to zeros, then unlinks the new name), a symlink to /dev/null in place of a
# history that does not exist yet (nothing is ever written again), and one replaced by a
# rename of an empty file over it. Fake history files under a temporary HOME.
set -u
echo "ls; curl x" > "$HOME/.zsh_history"
shred -u "$HOME/.zsh_history"
ln -sf /dev/null "$HOME/.bash_history"
: > "$HOME/.empty"
mv "$HOME/.empty" "$HOME/.python_history"
exit 0
