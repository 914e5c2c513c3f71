#!/bin/bash
# Case npm_prefix_install_tarball: npm_install_local_tarball (its harness, its app, its trace
# filter) with the folder given as an option and its value before npm's command, the way a
# reviewer installs into another folder: `npm --prefix /home/auditor/app install --offline
# --no-audit --no-fund --foreground-scripts ./tiny-slugify-1.2.0.tgz`. The postinstall hook
# (`sh -c "node scripts/build-table.js"`) writes table.json into the installed package; exit 0.
# Run as root: testdata/harness/npm_prefix_install_tarball.sh
set -euo pipefail
NPM_CASE=npm_prefix_install_tarball NPM_OPTS="--prefix /home/auditor/app" CASE_HOSTNAME=7b2e90c4d1a6 \
  exec "$(dirname "$(readlink -f "$0")")/npm_install_local_tarball.sh"
