#!/bin/bash
# Cases py_httpserver_filter_*: `python3 -m http.server --bind 127.0.0.1 8000` under
# `strace -f -tt -T -e trace=FILTER`, exercised by the untraced client (GETs, two held
# keep-alive connections), snapshots (`ss -tunap`, `ps -ef`, strace's own row with its filter)
# while it holds them, stopped by SIGTERM. One capture per filter form.
# Run as root: testdata/harness/py_httpserver_filtered.sh CASE 'FILTER'
#   py_httpserver_filter_network       %network
#   py_httpserver_filter_process       %process
#   py_httpserver_filter_file          %file
#   py_httpserver_filter_netproc       network,process
#   py_httpserver_filter_notfutex      '!futex'
#   py_httpserver_filter_connaccept    connect,accept4
#   py_httpserver_filter_regex         '/^(read|write)$'
#   py_batch_filter_netproc            %network,%process cli
# With a third word `cli` the program is instead a batch job with no network: a Python loop
# that writes out/report.txt over ~2 s, ps taken while it runs, then it exits 0.
set -euo pipefail
CASE_HOSTNAME=5c0d8e2a71f4
if [[ "${RD_INSIDE:-}" != 1 ]]; then
  export RD_FILTER_CASE=$1 RD_FILTER=$2 RD_FILTER_MODE=${3:-server}
fi
source "$(dirname "$(readlink -f "$0")")/lib.sh"
enter_sandbox "$RD_FILTER_CASE"
# ---- from here on: PID 1 inside the sandbox ----
mkdir -p /home/auditor/app
echo '<p>hello</p>' > /home/auditor/app/index.html
echo 'body{}' > /home/auditor/app/style.css
chown -R auditor:auditor /home/auditor/app
start_inotify -m -r -e create,modify,delete,moved_to,close_write /home/auditor
snapshots() {
  ss -tunap > /artifacts/ss.txt
  ps -ef > /artifacts/ps.txt
}
if [[ "$RD_FILTER_MODE" == cli ]]; then
  cat > /home/auditor/app/batch.py <<'PY'
import os, time
os.makedirs("out", exist_ok=True)
with open("out/report.txt", "w") as f:
    for i in range(20):
        f.write(f"line {i}\n")
        f.flush()
        time.sleep(0.1)
print("batch: 20 lines written")
PY
  chown auditor:auditor /home/auditor/app/batch.py
  trace_app -f -tt -T -e "trace=$RD_FILTER" -- python3 batch.py
  sleep 1
  snapshots
  finish_trace
  exit 0
fi
trace_app -f -tt -T -e "trace=$RD_FILTER" -- python3 -m http.server --bind 127.0.0.1 8000
wait_port 8000
serve_client snapshots --port 8000 --paths /,/style.css,/missing --hold 1
stop_app
finish_trace
