#!/bin/bash
# Case rust_echo_killed: a Rust std-only TCP echo service (apps/rust_echo_killed, built offline
# with cargo, no crates) on 127.0.0.1:8154, a thread per connection; 4 untraced loopback
# sessions. The reviewer's strace is then killed with SIGKILL mid-run (the trace ends without
# "+++ exited", its last call unfinished), the server keeps running detached and is stopped
# with SIGTERM afterwards. ps/ss are taken while it runs.
# Needs: cargo (rustup or Debian). Run as root: testdata/harness/rust_echo_killed.sh
set -euo pipefail
CASE_HOSTNAME=a70c5e3d91f4
source "$(dirname "$(readlink -f "$0")")/lib.sh"
enter_sandbox rust_echo_killed
# ---- from here on: PID 1 inside the sandbox ----
install_app rust_echo_killed
(cd /home/auditor/app && CARGO_TARGET_DIR=/var/tmp/rd-cargo-echod cargo build --offline --release -q \
  && cp /var/tmp/rd-cargo-echod/release/echod /home/auditor/app/echod)
chown -R auditor:auditor /home/auditor/app
start_inotify -m -r /home/auditor
trace_app -f -tt -T -y -- ./echod
wait_port 8154
as_auditor /usr/bin/python3 -c '
import socket
for i in range(4):
    s = socket.create_connection(("127.0.0.1", 8154), timeout=5); s.sendall(b"hello %d\n" % i); print(s.recv(100)); s.close()
' > /mnt/client.out 2>&1
sleep 0.3
ss -tanp > /artifacts/ss.txt
ps -eLf > /artifacts/ps.txt
APP=$(pgrep -P "$ST")
kill -KILL "$ST"
wait "$ST" || true
sleep 0.3
kill -TERM "$APP" || true
sleep 0.3
kill $INO; wait $INO || true
cat /mnt/client.out >&2
