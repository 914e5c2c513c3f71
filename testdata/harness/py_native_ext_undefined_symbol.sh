#!/bin/bash
# Case py_native_ext_undefined_symbol: a Python batch CLI (`python3 report.py`) whose native
# module lib/fastcsv.cpython-311-x86_64-linux-gnu.so (apps/py_native_ext_undefined_symbol/fastcsv.c,
# built here with gcc against Debian's python3.11 headers) was linked without the helper
# library that defines fastcsv_simd_sum: `import fastcsv` fails in dlopen with
# "ImportError: ...: undefined symbol: fastcsv_simd_sum", traceback, exit 1 at start-up.
# ss/ps are taken after the run.
# Run as root: testdata/harness/py_native_ext_undefined_symbol.sh
set -euo pipefail
CASE_HOSTNAME=9e27b4c1d05a
source "$(dirname "$(readlink -f "$0")")/lib.sh"
enter_sandbox py_native_ext_undefined_symbol
# ---- from here on: PID 1 inside the sandbox ----
install_app py_native_ext_undefined_symbol
mkdir -p /home/auditor/app/lib
gcc -O2 -Wall -shared -fPIC -I/usr/include/python3.11 -o /home/auditor/app/lib/fastcsv.cpython-311-x86_64-linux-gnu.so \
  /home/auditor/app/fastcsv.c
rm /home/auditor/app/fastcsv.c
chown -R auditor:auditor /home/auditor/app

start_inotify -m -r /home/auditor
trace_app -f -tt -T -y -s 96 -- /usr/bin/python3 report.py
snapshots() {
  ss -tunap > /artifacts/ss.txt
  ps -ef > /artifacts/ps.txt
}
finish_cli snapshots
