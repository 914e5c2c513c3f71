#!/bin/sh
# build.sh: configure with CMake for Ninja in build/, build with 2 jobs, run the program.
set -e
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release > build.log
ninja -C build -j2 >> build.log
./build/tally "x,y,z,w"
