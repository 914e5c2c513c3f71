#!/bin/bash
# Case c_segv_buffered: "wordfreq" (apps/c_segv_buffered/wordfreq.c), a benign C batch CLI: it
# reads data/index.txt, then counts the words of data/alpha.txt and data/beta.txt, printing a
# line per file with printf into a fully buffered stdout (program.log is a file); on
# data/gamma.txt (an empty first line) strlen(NULL) crashes it with SIGSEGV, and the buffered
# lines die with it: program.log stays empty. No core (ulimit -c 0). ss/ps after the run.
# Run as root: testdata/harness/c_segv_buffered.sh
set -euo pipefail
CASE_HOSTNAME=8b5e2d14f7a0
source "$(dirname "$(readlink -f "$0")")/lib.sh"
enter_sandbox c_segv_buffered
# ---- from here on: PID 1 inside the sandbox ----
CFLAGS=-O0 c_build_app c_segv_buffered wordfreq
start_inotify -m -r /home/auditor
ulimit -c 0
trace_app -f -tt -T -y -s 64 -- ./wordfreq
finish_cli plain_snapshots
