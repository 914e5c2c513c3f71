#!/usr/bin/env bash
# The whole test suite: installs what is missing, then
#   1. builds and runs every test (ctest) in build/,
#   2. rebuilds and reruns them with AddressSanitizer + UndefinedBehaviorSanitizer in build-asan/,
#   3. builds the libFuzzer targets with clang in build-fuzz/ and runs each briefly on its
#      seed corpus (FUZZ_SECONDS each, default 10; one per core at a time).
# Quick when nothing changed: configure once, ninja builds incrementally.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
ensure_packages
jobs=$(nproc)
# Each phase says how long it took (the suite should stay well under 10 minutes on 2 cores).
phase_start=$SECONDS
took() { echo "   ($1: $((SECONDS - phase_start)) s)"; phase_start=$SECONDS; }

echo "== build + unit/e2e tests (build/)"
build build -DCMAKE_BUILD_TYPE=Release -- rundown rundown_tests
(cd "$ROOT/build" && ctest --output-on-failure -j"$jobs" --timeout 120)
took "build + ctest"

echo "== ASan + UBSan (build-asan/)"
build build-asan -DCMAKE_BUILD_TYPE=Debug -DRUNDOWN_SANITIZE=ON -DRUNDOWN_BENCH=OFF -- rundown rundown_tests
(cd "$ROOT/build-asan" && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
  ctest --output-on-failure -j"$jobs" --timeout 300)
took "ASan + UBSan build + ctest"

echo "== fuzzers (build-fuzz/, ${FUZZ_SECONDS:-10} s each)"
CC=clang CXX=clang++ build build-fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo -DRUNDOWN_FUZZ=ON -DRUNDOWN_BENCH=OFF -- fuzzers
took "fuzzer build"
"$ROOT/scripts/run-fuzzers.sh" "${FUZZ_SECONDS:-10}"
took "fuzzers"
