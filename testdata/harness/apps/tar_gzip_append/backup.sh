#!/bin/sh
# backup.sh: packs data/ into out/data-<N>.tar.gz with tar | gzip, lists it back, writes a
# sha256 manifest. Run twice by its harness (N=1, N=2).
set -e
mkdir -p out
tar -cf - data | gzip -6 > "out/data-$1.tar.gz"
tar -tzf "out/data-$1.tar.gz" | wc -l
sha256sum "out/data-$1.tar.gz" > "out/data-$1.sha256"
echo "backup $1: done"
