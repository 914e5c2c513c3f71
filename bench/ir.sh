#!/usr/bin/env bash
# Instruction counts of a parse (docs/BENCHMARKS.md "Instruction counts"): runs `rundown parse`
# under valgrind's callgrind and prints the instructions executed (Ir) per line and per byte,
# with the cost of parsing an empty file (start-up, rule-free set-up) taken off, and the
# functions that execute most. Unlike wall time, the count does not move with the load of a
# shared machine: compare two builds with it, then confirm with bench/bench.sh on a quiet one.
# Instructions are not time (a SIMD compare is one instruction, a cache miss is none).
#
#   bench/ir.sh                                   # 16 MiB f-tt-T-y trace, build/rundown
#   bench/ir.sh --base /tmp/rundown-before        # and another binary, with the ratio
#   bench/ir.sh --file testdata/cases/x/strace_log --top 30
#
# Exit status: 0 ok, 1 a command failed, 2 usage.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD=${BUILD_DIR:-$ROOT/build}
SIZE=16M
VARIANT=f-tt-T-y
SEED=1
FILE=""
RUNDOWN=""
BASE=""
TOP=20

usage() {
  sed -n '2,13p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
  cat <<EOF
options:
  --file PATH        trace to parse (default: a generated one, see --size/--variant/--seed)
  --size SIZE        generated trace size (default $SIZE)
  --variant NAME     generator variant (default $VARIANT)
  --seed N           generator seed (default $SEED)
  --build DIR        build directory with rundown and rundown_gen_trace (default $BUILD)
  --rundown PATH     binary to measure (default \$BUILD/rundown)
  --base PATH        a second binary to measure on the same file (before/after)
  --top N            functions to list per binary (default $TOP; 0 for none)
EOF
}

while [[ $# -gt 0 ]]; do
  case "$1" in
    --file) FILE=$2; shift 2 ;;
    --size) SIZE=$2; shift 2 ;;
    --variant) VARIANT=$2; shift 2 ;;
    --seed) SEED=$2; shift 2 ;;
    --build) BUILD=$2; shift 2 ;;
    --rundown) RUNDOWN=$2; shift 2 ;;
    --base) BASE=$2; shift 2 ;;
    --top) TOP=$2; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "ir.sh: unknown option $1" >&2; usage >&2; exit 2 ;;
  esac
done

command -v valgrind >/dev/null || { echo "ir.sh: valgrind is not installed (apt-get install valgrind)" >&2; exit 1; }
RUNDOWN=${RUNDOWN:-$BUILD/rundown}
[[ -x $RUNDOWN ]] || { echo "ir.sh: no binary at $RUNDOWN (build it first)" >&2; exit 1; }
[[ -z $BASE || -x $BASE ]] || { echo "ir.sh: no binary at $BASE" >&2; exit 1; }

SCRATCH=$(mktemp -d)
trap 'rm -rf "$SCRATCH"' EXIT
if [[ -z $FILE ]]; then
  mkdir -p "$BUILD/bench-data"
  FILE=$BUILD/bench-data/ir-$VARIANT-$SIZE-seed$SEED.strace
  [[ -s $FILE ]] || "$BUILD/rundown_gen_trace" --out "$FILE" --size "$SIZE" --variant "$VARIANT" --seed "$SEED" --quiet
fi
[[ -f $FILE ]] || { echo "ir.sh: $FILE is not a file" >&2; exit 1; }
: > "$SCRATCH/empty.strace"
LINES=$(wc -l < "$FILE")
BYTES=$(stat -c %s "$FILE")

# Total Ir of one `rundown parse` of $2 by binary $1; the callgrind output goes to $3.
total_ir() {
  valgrind --tool=callgrind --callgrind-out-file="$3" "$1" parse "$2" --stats --threads 1 \
    > /dev/null 2> "$3.log" || { cat "$3.log" >&2; exit 1; }
  callgrind_annotate "$3" 2>/dev/null | awk '/PROGRAM TOTALS/ && !done { gsub(",", "", $1); print $1; done = 1 }'
}

# Measures binary $1 (label $2): prints a table row and keeps the parse's Ir in $SCRATCH/$2.ir.
measure() {
  local fixed parse
  fixed=$(total_ir "$1" "$SCRATCH/empty.strace" "$SCRATCH/$2.empty.cg")
  parse=$(total_ir "$1" "$FILE" "$SCRATCH/$2.cg")
  echo $((parse - fixed)) > "$SCRATCH/$2.ir"
  awk -v name="$1" -v p="$parse" -v f="$fixed" -v l="$LINES" -v b="$BYTES" 'BEGIN {
    n = p - f
    printf "%-40s %10.1f M %10.1f M %9.0f %8.2f\n", name, n / 1e6, f / 1e6, n / l, n / b }'
}

echo "file: $FILE ($BYTES bytes, $LINES lines)"
printf "%-40s %12s %12s %9s %8s\n" "binary" "parse Ir" "fixed Ir" "Ir/line" "Ir/byte"
measure "$RUNDOWN" new
[[ -z $BASE ]] || measure "$BASE" base
if [[ -n $BASE ]]; then
  awk -v n="$(cat "$SCRATCH/new.ir")" -v b="$(cat "$SCRATCH/base.ir")" \
    'BEGIN { printf "ratio %s / base: %.3f\n", "new", n / b }'
fi
if [[ $TOP -gt 0 ]]; then
  for label in new base; do
    [[ -f $SCRATCH/$label.cg ]] || continue
    echo "top $TOP functions ($label), Ir and share of the whole run:"
    callgrind_annotate "$SCRATCH/$label.cg" 2>/dev/null \
      | awk -v top="$TOP" '/file:function/ { on = 1; next } on && NF && !/^-+$/ && shown < top { print; shown++ }' \
      | sed -E 's/ \[[^]]*\]$//; s/\(std::basic_string_view<char, std::char_traits<char> >/(string_view/g' | cut -c1-150
  done
fi
