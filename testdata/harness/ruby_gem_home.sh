#!/bin/bash
# Case ruby_gem_home: a Ruby 3.1 batch CLI (apps/ruby_gem_home/report.rb, "latency-report") that
# requires the `tinystats` gem from the app's own GEM_HOME (vendor/gems). The gem is built here
# from apps/ruby_gem_home/gemsrc (`gem build`) and installed with `gem install --local
# --install-dir vendor/gems` before the trace (offline; gemsrc removed). Run with
# GEM_HOME=/home/auditor/app/vendor/gems: prints mean, median and a histogram, writes
# out/report.txt; exit 0. ss/ps after the run. Needs: ruby. Run as root:
# testdata/harness/ruby_gem_home.sh
set -euo pipefail
CASE_HOSTNAME=9d2b6f1c3e58
source "$(dirname "$(readlink -f "$0")")/lib.sh"
enter_sandbox ruby_gem_home
# ---- from here on: PID 1 inside the sandbox ----
install_app ruby_gem_home
(cd /home/auditor/app/gemsrc && gem build tinystats.gemspec >&2 &&
   gem install --local --install-dir ../vendor/gems --no-document tinystats-0.2.0.gem >&2)
rm -rf /home/auditor/app/gemsrc
chown -R auditor:auditor /home/auditor/app

APP_ENV+=(GEM_HOME=/home/auditor/app/vendor/gems)
start_inotify -m -r /home/auditor
trace_app -f -tt -T -y -s 64 -e 'trace=!readlink,newfstatat,ioctl,fcntl' -- ruby report.rb
finish_cli plain_snapshots
