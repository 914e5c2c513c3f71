#!/bin/bash
# Case py_venv_local_pkg: "sales-report" (apps/py_venv_local_pkg/report.py), a Python CLI run
# with the interpreter of a venv inside its app dir (`python3 -m venv .venv`, Debian's
# python3.11, so setuptools/pip/_distutils_hack and its distutils-precedence.pth are there too),
# importing `tinyfmt` from the venv's site-packages: a package built here into a wheel from
# pkgs/tinyfmt and installed with `pip install --no-index` (offline, untraced, before the run).
# Sums input/*.csv into out/report.txt; exit 0. Run as root: testdata/harness/py_venv_local_pkg.sh
set -euo pipefail
CASE_HOSTNAME=c81e4f07a2d9
source "$(dirname "$(readlink -f "$0")")/lib.sh"
enter_sandbox py_venv_local_pkg
# ---- from here on: PID 1 inside the sandbox ----
install_app py_venv_local_pkg
cd /home/auditor/app
as_auditor "${APP_ENV[@]}" sh -c '
  /usr/bin/python3 -m venv .venv &&
  /usr/bin/python3 -m pip wheel -q --no-index --no-build-isolation --no-deps -w wheels ./pkgs/tinyfmt &&
  .venv/bin/pip install -q --no-index --no-cache-dir wheels/tinyfmt-0.3.1-py3-none-any.whl' > /mnt/setup.log 2>&1 ||
  { cat /mnt/setup.log >&2; exit 1; }

start_inotify -m -r -e create,modify,close_write,delete,moved_to /home/auditor /tmp
trace_app -f -tt -T -y -s 96 -- .venv/bin/python report.py
snapshots() {
  ss -tunap > /artifacts/ss.txt
  ps -ef > /artifacts/ps.txt
}
finish_cli snapshots
