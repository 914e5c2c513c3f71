#!/bin/bash
# Captures strace's own messages when it writes no trace, and shells reporting a #!
# interpreter that is not installed, into testdata/formats/program_log/. Run as root:
# testdata/formats/program_log/capture_strace_refusals.sh. Pids differ on every run.
set -uo pipefail
L=$(cd "$(dirname "$0")" && pwd)
W=$(mktemp -d /tmp/rdrefuse.XXXX)
chmod 777 "$W"
cd "$W"
NB=(setpriv --reuid=65534 --regid=65534 --clear-groups)

# No such target: strace exits 1 before it forks; the -o file is created empty.
strace -f -tt -T -y -o "$W/cant_stat.txt" /app/x 2> "$L/strace_cant_stat.txt"
# strace -p refused (another user's process): "attach: ptrace(PTRACE_SEIZE, N)"; empty -o file.
sleep 5 & SP=$!
"${NB[@]}" strace -f -tt -T -y -o "$W/seize.txt" -p "$SP" 2> "$L/strace_attach_seize_eperm.txt"
# strace -p allowed: its note on attaching, not an error.
strace -o /dev/null -p "$SP" 2> "$L/strace_p_attached.txt" & TP=$!
sleep 0.5; kill "$SP"; wait "$TP" 2>/dev/null

# A script whose #! interpreter is missing, run by bash 5.2 (a script and -c) and dash; and
# one whose interpreter is not executable (bash's "bad interpreter" form).
printf '#!/usr/bin/python9\nprint(1)\n' > badinterp.py && chmod 755 badinterp.py
printf 'x\n' > notexec && chmod 644 notexec
printf '#!%s/notexec\necho hi\n' "$W" > badperm.sh && chmod 755 badperm.sh
printf '#!/bin/bash\n./badinterp.py\necho after $?\n./badperm.sh\n' > run_bash.sh
printf '#!/bin/sh\n./badinterp.py\necho after $?\n' > run_dash.sh
chmod 755 run_bash.sh run_dash.sh
{ ./run_bash.sh; bash -c './badinterp.py; true'; ./run_dash.sh; } > "$L/sh_missing_interpreter.txt" 2>&1
rm -rf "$W"
