#!/usr/bin/env bash
# Runs every built libFuzzer target for N seconds (default 10) on a scratch copy of its seed
# corpus. Any crash, leak, timeout or out-of-memory fails the run; the reproducer is kept in
# build-fuzz/artifacts/.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
seconds="${1:-10}"
cd "$ROOT/build-fuzz"
mkdir -p artifacts
shopt -s nullglob
found=0
for fuzzer in ./*_fuzzer; do
  name=$(basename "$fuzzer" _fuzzer)
  found=1
  work="corpus-work/$name"
  mkdir -p "$work"
  seeds="$ROOT/fuzz/corpus/$name"
  [ -d "$seeds" ] || seeds=""
  echo "-- $name: ${seconds}s"
  "$fuzzer" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=0 \
    -artifact_prefix=artifacts/"$name"- "$work" $seeds 2>"$name.log" || {
      echo "fuzzer $name failed:"; tail -40 "$name.log"; exit 1; }
  grep -E "^#[0-9]+.*DONE" "$name.log" | tail -1 || true
done
[ "$found" -eq 1 ] || { echo "no fuzzer was built"; exit 1; }
echo "fuzzers: all passed"
