#!/usr/bin/env bash
# Same events before and after a parser change: compares `rundown parse --digest` of two
# binaries on every testdata strace file (1 thread) and, when bench/ir.sh has generated it,
# on the 16 MiB f-tt-T-y trace at 1, 2 and 8 threads. Prints a DIFF line per difference.
#
#   scripts/digest_check.sh NEW_BINARY BASE_BINARY
#
# Exit status: 0 the same everywhere, 1 a difference, 2 usage.
set -uo pipefail
[[ $# -eq 2 && -x $1 && -x $2 ]] || { sed -n '2,8p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2; exit 2; }
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
NEW=$1 BASE=$2 rc=0
digest() { "$1" parse "${@:2}" --digest 2>/dev/null | awk '/^digest/ {print $2}'; }
while IFS= read -r f; do
  a=$(digest "$BASE" "$f" --threads 1) b=$(digest "$NEW" "$f" --threads 1)
  [[ $a == "$b" ]] || { echo "DIFF $f base=$a new=$b"; rc=1; }
done < <(find "$ROOT/testdata" -path '*strace*' -type f ! -name '*.md' | sort)
trace=${BUILD_DIR:-$ROOT/build}/bench-data/ir-f-tt-T-y-16M-seed1.strace
if [[ -f $trace ]]; then
  a=$(digest "$BASE" "$trace" --threads 1)
  for n in 1 2 8; do
    b=$(digest "$NEW" "$trace" --threads "$n")
    [[ $a == "$b" ]] || { echo "DIFF $trace threads=$n base=$a new=$b"; rc=1; }
  done
else
  echo "digest_check: no $trace (run bench/ir.sh once to generate it); testdata only" >&2
fi
echo "digest_check: rc=$rc"
exit $rc
