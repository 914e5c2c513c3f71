#!/usr/bin/env bash
# The end-to-end parse benchmark (docs/BENCHMARKS.md): generates a trace if missing, warms the
# page cache, then times `wc -l` and `rundown parse --threads 1|2` on the same file in the same
# run and prints medians, MB/s, events/s, the ratio to wc -l and peak RSS. It also checks that
# the parse counts equal the generator's manifest and fails loudly when they do not.
#
#   bench/bench.sh                          # 1 GiB -f -tt -T -y trace, 5 runs each
#   bench/bench.sh --size 256M --runs 3
#   bench/bench.sh --variant ff-tt-T-y      # -ff: a directory of strace_log.<tid> files
#   bench/bench.sh --check-targets          # exit 3 when a target is missed
#
# Exit status: 0 ok, 1 parse counts differ from the manifest (or a command failed),
# 2 usage, 3 a target missed (with --check-targets).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD=${BUILD_DIR:-$ROOT/build}
SIZE=1G
VARIANT=f-tt-T-y
RUNS=5
SEED=1
DIR=""
RUNDOWN=""
GEN=""
CLEAN=0
CHECK_TARGETS=0
THREADS_LIST="1 2"

usage() {
  sed -n '2,14p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
  cat <<EOF
options:
  --size SIZE        trace size (default $SIZE)
  --variant NAME     generator variant (default $VARIANT; rundown_gen_trace --list-variants)
  --runs N           runs per command (default $RUNS)
  --seed N           generator seed (default $SEED)
  --dir DIR          scratch directory (default \$BUILD/bench-data, never committed)
  --build DIR        build directory with rundown and rundown_gen_trace (default $BUILD)
  --rundown PATH     rundown binary (default \$BUILD/rundown)
  --gen PATH         rundown_gen_trace binary (default \$BUILD/rundown_gen_trace)
  --threads "1 2"    thread counts to run (default "$THREADS_LIST")
  --clean            delete the generated trace afterwards
  --check-targets    exit 3 when a target is missed
EOF
}

while [[ $# -gt 0 ]]; do
  case "$1" in
    --size) SIZE=$2; shift 2 ;;
    --variant) VARIANT=$2; shift 2 ;;
    --runs) RUNS=$2; shift 2 ;;
    --seed) SEED=$2; shift 2 ;;
    --dir) DIR=$2; shift 2 ;;
    --build) BUILD=$2; shift 2 ;;
    --rundown) RUNDOWN=$2; shift 2 ;;
    --gen) GEN=$2; shift 2 ;;
    --threads) THREADS_LIST=$2; shift 2 ;;
    --clean) CLEAN=1; shift ;;
    --check-targets) CHECK_TARGETS=1; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "bench.sh: unknown argument '$1'" >&2; usage >&2; exit 2 ;;
  esac
done
DIR=${DIR:-$BUILD/bench-data}
RUNDOWN=${RUNDOWN:-$BUILD/rundown}
GEN=${GEN:-$BUILD/rundown_gen_trace}
[[ "$RUNS" =~ ^[1-9][0-9]*$ ]] || { echo "bench.sh: --runs needs a positive number" >&2; exit 2; }

die() { echo "bench.sh: $*" >&2; exit 1; }
[[ -x "$GEN" ]] || die "no generator at $GEN (ninja -C $BUILD rundown_gen_trace)"
[[ -x "$RUNDOWN" ]] || die "no rundown at $RUNDOWN (ninja -C $BUILD rundown)"
TIME_BIN=/usr/bin/time
if [[ ! -x $TIME_BIN ]]; then
  echo "bench.sh: /usr/bin/time missing (apt-get install time); peak RSS comes from rundown's JSON, wc -l gets none" >&2
  TIME_BIN=""
fi

# ---- the trace ----------------------------------------------------------------------------
mkdir -p "$DIR"
case "$VARIANT" in
  ff|ff-*) PER_TID=1 ;;
  *) PER_TID=0 ;;
esac
TRACE="$DIR/trace-$VARIANT-$SIZE-seed$SEED"
if [[ $PER_TID == 1 ]]; then
  MANIFEST="$TRACE/manifest.json"
else
  TRACE="$TRACE.strace"
  MANIFEST="$TRACE.manifest.json"
fi
if [[ ! -e "$TRACE" || ! -s "$MANIFEST" ]]; then
  echo "generating $TRACE ..."
  rm -rf "$TRACE" "$MANIFEST"
  "$GEN" --out "$TRACE" --size "$SIZE" --variant "$VARIANT" --seed "$SEED"
fi
if [[ $PER_TID == 1 ]]; then
  FILES=("$TRACE"/strace_log.*)
else
  FILES=("$TRACE")
fi

# First numeric value of "key" in a JSON file (flat objects; the manifest's top-level keys
# come before its per-file entries).
jget() {
  sed -n "s/.*\"$2\": *\([-0-9.eE+]*\).*/\1/p" "$1" | head -n 1
}
jstr() {
  sed -n "s/.*\"$2\": *\"\([^\"]*\)\".*/\1/p" "$1" | head -n 1
}
median() { sort -g | awk '{a[NR]=$1} END {if (NR % 2) print a[(NR+1)/2]; else printf "%.6f\n", (a[NR/2]+a[NR/2+1])/2}'; }

BYTES=$(jget "$MANIFEST" bytes)
LINES=$(jget "$MANIFEST" lines)
EVENTS=$(jget "$MANIFEST" events)
FLAGS=$(jstr "$MANIFEST" strace_flags)

# ---- runs ---------------------------------------------------------------------------------
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
cat "${FILES[@]}" > /dev/null  # page cache

# run NAME CMD...: one timed run; appends "seconds rss_kib" to $WORK/NAME.times and keeps
# stdout in $WORK/NAME.out.
run() {
  local name=$1; shift
  local t0 t1 rss=""
  t0=$(date +%s%N)
  if [[ -n $TIME_BIN ]]; then
    "$TIME_BIN" -f "%M" -o "$WORK/rss" "$@" > "$WORK/$name.out" || die "'$*' failed"
    rss=$(tail -n 1 "$WORK/rss")
  else
    "$@" > "$WORK/$name.out" || die "'$*' failed"
  fi
  t1=$(date +%s%N)
  local ns=$(( t1 - t0 ))
  printf '%d.%06d %s\n' $(( ns / 1000000000 )) $(( ns / 1000 % 1000000 )) "${rss:--}" >> "$WORK/$name.times"
}

echo "timing $RUNS runs each on ${#FILES[@]} file(s), $BYTES bytes ..."
for ((i = 1; i <= RUNS; i++)); do
  run wc wc -l "${FILES[@]}"
  for t in $THREADS_LIST; do
    run "parse$t" "$RUNDOWN" parse "${FILES[@]}" --stats --format json --threads "$t"
    cp "$WORK/parse$t.out" "$WORK/parse$t.run$i.json"
  done
done

# ---- counts vs manifest -------------------------------------------------------------------
FAILED=0
check_counts() {
  local json=$1 label=$2 bad=""
  for key in bytes lines syscalls stitched signals exits errors unfinished events; do
    local want got
    want=$(jget "$MANIFEST" "$key")
    got=$(jget "$json" "$key")
    [[ -z $got ]] && { [[ $key == unfinished || $key == events ]] && continue; got="(missing)"; }
    [[ "$got" == "$want" ]] || bad+=" $key=$got (manifest $want)"
  done
  local diag
  diag=$(jget "$json" diagnostics)
  [[ "${diag:-missing}" == 0 ]] || bad+=" diagnostics=${diag:-missing} (want 0)"
  if [[ -n $bad ]]; then
    echo "FAIL: $label: parse counts differ from the generator manifest:$bad" >&2
    FAILED=1
  fi
}
for t in $THREADS_LIST; do
  for ((i = 1; i <= RUNS; i++)); do check_counts "$WORK/parse$t.run$i.json" "threads=$t run $i"; done
done

# ---- table --------------------------------------------------------------------------------
WC_S=$(awk '{print $1}' "$WORK/wc.times" | median)
row() {  # name label
  local s rss_kib rss
  s=$(awk '{print $1}' "$WORK/$1.times" | median)
  rss_kib=$(awk '$2 != "-" {print $2}' "$WORK/$1.times" | median)
  if [[ -z $rss_kib && $1 == parse* ]]; then
    rss_kib=$(( $(jget "$WORK/$1.out" peak_rss_bytes) / 1024 ))
  fi
  rss=${rss_kib:+$(awk -v k="$rss_kib" 'BEGIN {printf "%.0f", k / 1024}')}
  awk -v n="$2" -v s="$s" -v b="$BYTES" -v e="${3:-}" -v w="$WC_S" -v r="${rss:--}" 'BEGIN {
    printf "%-28s %9.3f %9.0f %12s %8.2f %12s\n", n, s, b / s / 1e6,
      (e == "" ? "-" : sprintf("%.0f", e / s)), s / w, r }'
  echo "$s ${rss:-}" > "$WORK/$1.median"
}

echo
echo "rundown bench: $TRACE"
echo "  strace ${FLAGS:-(no flags)}; $BYTES bytes, $LINES lines, $EVENTS events (manifest)"
echo "  $(nproc) cores: $(lscpu | sed -n 's/^Model name: *//p' | head -n 1); $RUNS runs each, medians, page cache warm"
echo
printf "%-28s %9s %9s %12s %8s %12s\n" "command" "median s" "MB/s" "events/s" "x wc -l" "peak RSS MiB"
row wc "wc -l"
for t in $THREADS_LIST; do row "parse$t" "rundown parse --threads $t" "$EVENTS"; done
echo

# ---- targets ------------------------------------------------------------------------------
MISSED=0
target() {  # label ok(1/0) detail
  if [[ $2 == 1 ]]; then echo "  PASS  $1 ($3)"; else echo "  MISS  $1 ($3)"; MISSED=1; fi
}
echo "targets (docs/BENCHMARKS.md; defined for a 1 GiB f-tt-T-y trace on 2 cores):"
for t in $THREADS_LIST; do
  read -r s rss < "$WORK/parse$t.median"
  ratio=$(awk -v s="$s" -v w="$WC_S" 'BEGIN {printf "%.2f", s / w}')
  case $t in
    1) limit=5 ;;
    2) limit=3 ;;
    *) limit="" ;;
  esac
  if [[ -n $limit ]]; then
    target "threads=$t wall <= ${limit}x wc -l" "$(awk -v r="$ratio" -v l="$limit" 'BEGIN {print (r <= l) ? 1 : 0}')" "${ratio}x"
  fi
  if [[ -n ${rss:-} ]]; then
    target "threads=$t peak RSS <= 512 MiB" "$(( rss <= 512 ? 1 : 0 ))" "${rss} MiB"
  fi
done
echo

if [[ $FAILED == 1 ]]; then
  echo "FAIL: the parse of the generated trace does not yield the counts the generator wrote" >&2
else
  echo "counts: every run matches the manifest (bytes, lines, syscalls, stitched, signals, exits, errors, unfinished, events; 0 diagnostics)"
fi
if [[ $CLEAN == 1 ]]; then rm -rf "$TRACE" "$MANIFEST"; fi
[[ $FAILED == 1 ]] && exit 1
[[ $CHECK_TARGETS == 1 && $MISSED == 1 ]] && exit 3
exit 0
