#!/bin/bash
# Case rust_panic_startup: "ingestd" (apps/rust_panic_startup/main.rs, Debian rustc, std only)
# run as auditor without its ingestd.conf: `read_to_string(...).unwrap()` panics at start-up,
# exit 101, before it binds 127.0.0.1:8096. The client's requests are refused (nothing
# listens). Run as root: testdata/harness/rust_panic_startup.sh
set -euo pipefail
CASE_HOSTNAME=a4c8e1f03b72
source "$(dirname "$(readlink -f "$0")")/lib.sh"
enter_sandbox rust_panic_startup
# ---- from here on: PID 1 inside the sandbox ----
install_app rust_panic_startup
(cd /home/auditor/app && rustc -O -o ingestd main.rs && rm main.rs && chown auditor:auditor ingestd)

start_inotify -m -r /home/auditor
trace_app -f -tt -T -yy -- ./ingestd
sleep 1
as_auditor /usr/bin/python3 /opt/harness/client.py --port 8096 --paths /,/health \
  --hold-conns 0 --hold 0.5 --ready /mnt/sync/holding > /mnt/client.out 2>&1 || true
ss -tunap > /artifacts/ss.txt
ps -ef > /artifacts/ps.txt
finish_trace
cat /mnt/client.out >&2
