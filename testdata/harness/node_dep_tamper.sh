#!/bin/bash
# Case node_dep_tamper: "devenv-bootstrap" (apps/node_dep_tamper/setup.js), a Node.js CLI
# run as auditor from its app folder that does what a supply-chain implant does after it
# lands: reads fake ~/.aws/sso/cache/<id>.json (SSO session token), ~/.my.cnf (MySQL
# password) and ~/.config/hub (GitHub token); appends a line to another installed package's
# code (the app's node_modules/lodash/index.js) and rewrites the user's Python package
# ~/.local/lib/python3.11/site-packages/requests/__init__.py (a .tmp copy renamed over it);
# downloads plugin.js from a loopback "CDN" (127.0.0.1:8088, an untraced python http.server
# run as nobody) into ~/.cache/.node-helper/ and require()s it; exit 0.
# Run as root: testdata/harness/node_dep_tamper.sh
set -euo pipefail
CASE_HOSTNAME=5c8e2d71a9f3
source "$(dirname "$(readlink -f "$0")")/lib.sh"
enter_sandbox node_dep_tamper
# ---- from here on: PID 1 inside the sandbox ----
h=/home/auditor
install_app node_dep_tamper
rm -rf "$h/app/cdn"   # the CDN's files are served from /opt/harness, not deployed
mkdir -p "$h/.aws/sso/cache" "$h/.config" "$h/.local/lib/python3.11/site-packages/requests"
printf '{"startUrl": "https://example.invalid/start", "region": "eu-west-1", "accessToken": "%s", "expiresAt": "2030-01-01T00:00:00Z"}\n' \
  "$(head -c 48 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')" > "$h/.aws/sso/cache/3f1c0a9e.json"
printf '[client]\nuser=app\npassword=%s\n' "$(head -c 12 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')" > "$h/.my.cnf"
printf 'github.com:\n- user: auditor\n  oauth_token: ghp_%s\n  protocol: https\n' \
  "$(head -c 30 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 36)" > "$h/.config/hub"
printf '"""Fake stand-in for the requests package."""\n__version__ = "2.31.0"\n' \
  > "$h/.local/lib/python3.11/site-packages/requests/__init__.py"
chmod 600 "$h/.aws/sso/cache/3f1c0a9e.json" "$h/.my.cnf" "$h/.config/hub"
chown -R auditor:auditor "$h"
start_loopback_http "$HARNESS/apps/node_dep_tamper/cdn" 8088

start_inotify -m -r --timefmt '%T' --format '%T %w%f %e' /home/auditor /tmp
trace_app -f -tt -T -yy -s 128 -- node setup.js
snapshots() {
  ss -tanp > /artifacts/ss.txt
  ps -ef > /artifacts/ps.txt
}
finish_cli snapshots
kill $HTTP
wait $HTTP || true
cat /mnt/http-8088.log >&2
