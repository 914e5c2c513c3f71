#!/bin/bash
# Case cmake_ninja_build: a 2-file C project configured with CMake for Ninja and built with
# `ninja -j2` (apps/cmake_ninja_build/build.sh): cmake's compiler checks (try_compile in
# build/CMakeFiles/CMakeScratch), gcc/cc1/as/ar/ld, then the built program runs; exit 0.
# strace -e 'trace=%process,%network' (no file, memory or read/write calls: the trace of a
# full configure is several MiB otherwise).
# Needs: cmake, ninja-build, gcc. Run as root: testdata/harness/cmake_ninja_build.sh
set -euo pipefail
CASE_HOSTNAME=5d8e0a3b7c12
source "$(dirname "$(readlink -f "$0")")/lib.sh"
enter_sandbox cmake_ninja_build
# ---- from here on: PID 1 inside the sandbox ----
install_app cmake_ninja_build
start_inotify -m -r -e create,modify,delete,moved_to,close_write /home/auditor
trace_app -f -tt -y -s 32 -e 'trace=%process,%network' -- ./build.sh
finish_cli plain_snapshots
