#!/bin/bash
# Captures inotifywait --format ... --no-newline (inotify-tools 3.22.6.0): every record on one
# line, ended only by the format's last literal, into testdata/formats/inotify/. The watched
# operations are those of ../inotify_scenario.sh (41 events). Run as root or any user:
# testdata/formats/inotify/capture_no_newline.sh. Times differ on every run.
set -uo pipefail
I=$(cd "$(dirname "$0")" && pwd)
W=/tmp/rdwatch
source "$I/../inotify_scenario.sh"
# Each capture: OUTPUT^ARG^ARG...: inotifywait's format arguments (-m -r -q and the tree are common).
captures=(
  "format_no_newline_pipe.txt^--format^%w%f %e|^--no-newline"
  "format_no_newline_no_separator.txt^--format^%w%f %e^--no-newline"
  "format_no_newline_F_T_semicolon.txt^--timefmt^%F %T^--format^%T %w %f %e;^--no-newline"
  "format_no_newline_space.txt^--format^%w%f %e ^--no-newline"
  "format_no_newline_events_first_backslash_t.txt^--format^%e %w%f\\t^--no-newline"  # printed as "\t"
  "format_no_newline_events_first_no_separator.txt^--format^%e %w%f^--no-newline"  # cannot be cut
  "csv_no_newline_refused.txt^--csv^--no-newline"  # "--no-newline cannot be specified without --format."
)
for spec in "${captures[@]}"; do
  IFS='^' read -r -a args <<< "$spec"
  out=${args[0]}
  rm -rf "$W"; mkdir -p "$W/app/lib" "$W/app/old dir"; echo x > "$W/app/lib/a.js"; echo y > "$W/app/old dir/f"
  inotifywait -m -r -q "${args[@]:1}" "$W" > "$I/$out" 2>&1 &
  pid=$!
  sleep 0.5; scenario; sleep 0.5
  kill $pid 2>/dev/null; wait $pid 2>/dev/null || true
done
rm -rf "$W"
