#!/bin/bash
# Case php_cli_autoload: "build-index" (apps/php_cli_autoload/bin/build-index.php), a PHP 8.2 CLI
# script with a hand-written Composer-style vendor/autoload.php (PSR-4 prefixes in
# vendor/composer/autoload_psr4.php, spl_autoload_register): two vendored packages
# (vendor/acme/slugify, vendor/monolog-lite/logger) and its own src/ classes loaded on first
# use. Reads data/posts.json, writes out/index.json (.tmp, rename) and var/log/build.log;
# exit 0. Run as root: testdata/harness/php_cli_autoload.sh (needs php-cli)
set -euo pipefail
CASE_HOSTNAME=d2a7c5e91b40
source "$(dirname "$(readlink -f "$0")")/lib.sh"
enter_sandbox php_cli_autoload
# ---- from here on: PID 1 inside the sandbox ----
install_app php_cli_autoload

start_inotify -m -r --timefmt '%T' --format '%T %w%f %e' /home/auditor /tmp
trace_app -f -tt -T -yy -s 128 -- php bin/build-index.php
finish_cli plain_snapshots
