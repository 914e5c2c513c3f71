#!/usr/bin/env bash
# Runs every built libFuzzer target for N seconds (default 10) on a scratch copy of its seed
# corpus, as many at a time as there are cores (each fuzzer is one process). Any crash, leak,
# timeout or out-of-memory fails the run; the reproducer is kept in build-fuzz/artifacts/.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
seconds="${1:-10}"
slots=$(nproc)
cd "$ROOT/build-fuzz"
mkdir -p artifacts
shopt -s nullglob

# run_one NAME: one fuzzer; its log is NAME.log, its status the fuzzer's.
run_one() {
  local name="$1" work="corpus-work/$1" seeds="$ROOT/fuzz/corpus/$1"
  mkdir -p "$work"
  [ -d "$seeds" ] || seeds=""
  "./${name}_fuzzer" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=0 \
    -artifact_prefix=artifacts/"$name"- "$work" $seeds 2>"$name.log"
}

names=()
for fuzzer in ./*_fuzzer; do names+=("$(basename "$fuzzer" _fuzzer)"); done
[ "${#names[@]}" -gt 0 ] || { echo "no fuzzer was built"; exit 1; }

declare -A pid_of=()
failed=()
# Waits for one running fuzzer and records a failure.
reap() {
  local done_pid name status=0
  wait -n -p done_pid || status=$?
  for name in "${!pid_of[@]}"; do
    if [ "${pid_of[$name]}" = "$done_pid" ]; then
      unset "pid_of[$name]"
      if [ "$status" -ne 0 ]; then failed+=("$name"); fi
      echo "-- $name: ${seconds}s, $([ "$status" -eq 0 ] && echo ok || echo "FAILED ($status)") $(grep -E '^#[0-9]+.*DONE' "$name.log" | tail -1)"
    fi
  done
}
for name in "${names[@]}"; do
  while [ "${#pid_of[@]}" -ge "$slots" ]; do reap; done
  run_one "$name" &
  pid_of[$name]=$!
done
while [ "${#pid_of[@]}" -gt 0 ]; do reap; done

for name in "${failed[@]}"; do
  echo "fuzzer $name failed:"
  tail -40 "$name.log"
done
[ "${#failed[@]}" -eq 0 ] || exit 1
echo "fuzzers: all passed"
