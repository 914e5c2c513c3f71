# The file operations every inotify capture watches (sourced by capture_snapshots.sh and
# capture_variants.sh): W is the watched tree, prepared with app/lib/a.js and "app/old dir/f".
# With NEWLINE set, also a file whose name holds a newline, and skip.log.
scenario() {
  cd "$W/app"
  echo hello > "my notes.txt"; cat "my notes.txt" > /dev/null; chmod 600 "my notes.txt"
  mv "my notes.txt" "renamed notes.txt"; mv "renamed notes.txt" lib/
  mkdir "new dir"; echo data >> lib/a.js; rm lib/a.js; rm -r "old dir"
  echo 'a,"b' > 'odd,"name.txt'
  if [[ "${NEWLINE:-}" ]]; then echo nl > $'new\nline.txt'; echo x > skip.log; fi
  cd /
}
