#!/usr/bin/env bash
# Regenerates the compressed copies of a real capture (p1_chat_clean_ff/strace_log.35, the
# 23-line trace of one Node.js worker thread) that the InputFile and ingest tests read:
# each tool's default output, a gzip file of two members (`cat a.gz b.gz`, what pigz and
# log rotation produce), and a gzip file cut in the middle (a copy that stopped early).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
src=../../p1_chat_clean_ff/strace_log.35
gzip -n -c "$src" > strace_log.35.gz
xz -c "$src" > strace_log.35.xz
zstd -q -c "$src" > strace_log.35.zst
bzip2 -c "$src" > strace_log.35.bz2
lz4 -q -c "$src" > strace_log.35.lz4
{ head -n 10 "$src" | gzip -n -c; tail -n +11 "$src" | gzip -n -c; } > two_members_strace_log.35.gz
gzip -n -c "$src" | head -c 700 > cut_strace_log.35.gz
# The end-to-end test swaps p4's shell-spawning trace file for this copy.
gzip -n -c ../../p4_shell_spawn/strace_log.91 > p4_strace_log.91.gz
