#!/bin/bash
# Case perl_optional_module: a Perl 5 batch CLI ("disk-report", apps/perl_optional_module) whose
# optional `require JSON::XS` fails (not installed) inside an eval: Perl probes each @INC
# directory (its own lib/ first, via FindBin + use lib) and falls back to core JSON::PP; its own
# Report::Table from lib/. Writes out/report.json and a warning line on stderr; exit 0. ss/ps
# after the run. Run as root: testdata/harness/perl_optional_module.sh
set -euo pipefail
CASE_HOSTNAME=e3a7c5b9d146
source "$(dirname "$(readlink -f "$0")")/lib.sh"
enter_sandbox perl_optional_module
# ---- from here on: PID 1 inside the sandbox ----
install_app perl_optional_module

start_inotify -m -r /home/auditor
trace_app -f -tt -T -y -s 96 -- perl report.pl
finish_cli plain_snapshots
