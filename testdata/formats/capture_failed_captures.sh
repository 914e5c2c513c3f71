#!/bin/bash
# Re-captures captures that failed (testdata/formats/strace/honest_*.txt and, for each, what
# strace itself wrote on its stderr, as a reviewer's program.log holds it:
# testdata/formats/program_log/strace_*.txt), and the strace -qq runs. Run as root:
# testdata/formats/capture_failed_captures.sh. Pids and times differ on every run; the tests
# pin what they assert (re-check them after a re-capture). Nothing here uses the network.
set -uo pipefail
F=$(cd "$(dirname "$0")" && pwd)
S=$F/strace L=$F/program_log
W=$(mktemp -d /tmp/rdfail.XXXX)
cd "$W"
NB=(setpriv --reuid=65534 --regid=65534 --clear-groups)

# strace cannot exec the target: no execute permission, not a program, a #! interpreter
# that is not installed. The trace holds the failed execve and strace's own exit only.
printf 'echo hi\n' > noexec.sh && chmod 644 noexec.sh
strace -f -tt -T -y -o "$S/honest_f_tt_T_y_exec_eacces.txt" ./noexec.sh 2> "$L/strace_exec_eacces.txt"
printf '\x7fELFgarbage' > badelf && chmod 755 badelf
strace -f -tt -T -y -o "$S/honest_f_tt_T_y_exec_enoexec.txt" ./badelf 2> "$L/strace_exec_enoexec.txt"
printf '#!/usr/bin/python9\nprint(1)\n' > badinterp.py && chmod 755 badinterp.py
strace -f -tt -T -y -o "$S/honest_f_tt_T_y_exec_bad_interpreter.txt" ./badinterp.py \
  2> "$L/strace_exec_bad_interpreter.txt"
# strace cannot trace at all: run under another strace, its child's PTRACE_TRACEME fails
# (as in a sandbox whose seccomp policy or Yama setting refuses ptrace). The trace holds one
# "+++ exited with 1 +++" line.
strace -f -o /dev/null strace -f -tt -T -y -o "$S/honest_f_tt_T_y_traceme_eperm.txt" true \
  2> "$L/strace_traceme_eperm.txt"

# strace -qq: no "+++ exited with N +++" lines; python3 failing an import, and succeeding.
strace -f -qq -tt -T -y -o "$S/honest_f_qq_tt_T_y_exit1.txt" "${NB[@]}" /usr/bin/python3 -c "import yaml_left_pad" \
  > /dev/null 2>&1
strace -f -qq -tt -T -y -o "$S/honest_f_qq_tt_T_y_exit0.txt" "${NB[@]}" /usr/bin/python3 -c "print('ok')" > /dev/null
# strace killed (SIGKILL) 0.25 s into the target's start-up (testdata/harness/apps/
# startup_loop.py: 100000 stats, then "ready"); the target goes on untraced and is stopped.
chmod 755 "$W" && cp "$F/../harness/apps/startup_loop.py" . && chmod 644 startup_loop.py
strace -f -tt -T -y -o "$W/killed.txt" "${NB[@]}" /usr/bin/python3 "$W/startup_loop.py" > /dev/null 2>&1 &
ST=$!
sleep 0.25
kill -9 "$ST"
wait "$ST" 2>/dev/null
cp "$W/killed.txt" "$S/honest_f_tt_T_y_strace_killed_startup.txt"
TARGET=$(pgrep -f "^/usr/bin/python3 $W/startup_loop.py$") && kill "$TARGET"  # strace is gone: stop the target
# Two strace -A runs appending to one file at once: each writes a call's first half at entry
# and the rest at exit, so lines of one run land inside lines of the other.
strace -f -tt -T -y -A -o "$W/a.txt" /usr/bin/python3 -c "import json, os; [os.stat('/tmp') for i in range(300)]" &
strace -f -tt -T -y -A -o "$W/a.txt" /usr/bin/python3 -c "import os; [os.stat('/etc') for i in range(300)]" &
wait
cp "$W/a.txt" "$S/honest_f_tt_T_y_A_concurrent.txt"
rm -rf "$W"
