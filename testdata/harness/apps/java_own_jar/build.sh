#!/bin/sh
# Builds lib/textutil.jar and app.jar from the sources, then removes the sources (javac, jar).
set -e
cd "$(dirname "$0")"
mkdir -p build/lib build/app lib
javac -d build/lib libsrc/textutil/WordCount.java
jar cf lib/textutil.jar -C build/lib .
javac -cp lib/textutil.jar -d build/app src/app/*.java
jar cf app.jar -C build/app .
rm -rf build src libsrc build.sh
