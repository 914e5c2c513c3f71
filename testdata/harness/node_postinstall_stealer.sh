#!/bin/bash
# Case node_postinstall_stealer: an npm package's postinstall hook (`node postinstall.js`,
# run as auditor the way npm runs a hook: from the package folder, npm_* variables set)
# that reads fake ~/.npmrc, ~/.ssh/id_rsa and ~/.aws/credentials, dumps process.env to
# /tmp, runs `sh -c "uname -a; id; cat /etc/passwd"`, downloads a stage 2 from a loopback
# "CDN" (127.0.0.1:8088, an untraced python http.server run as nobody), writes it to
# /tmp/.cache/update.js and runs it with node, appends to ~/.bashrc and beacons 3 times to
# a CLOSED port (127.0.0.1:4243, ECONNREFUSED); exit 0.
# Run as root: testdata/harness/node_postinstall_stealer.sh
set -euo pipefail
CASE_HOSTNAME=7b1e4c9a02d6
source "$(dirname "$(readlink -f "$0")")/lib.sh"
enter_sandbox node_postinstall_stealer
# ---- from here on: PID 1 inside the sandbox ----
cp -a "$HARNESS/apps/node_postinstall_stealer" /home/auditor/app
rm -rf /home/auditor/app/cdn
printf '//registry.npmjs.org/:_authToken=npm_%s\nemail=auditor@example.invalid\n' \
  "$(head -c 27 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 36)" > /home/auditor/.npmrc
chmod 600 /home/auditor/.npmrc
chown -R auditor:auditor /home/auditor/app /home/auditor/.npmrc
start_loopback_http "$HARNESS/apps/node_postinstall_stealer/cdn" 8088

start_inotify -m -r --timefmt '%FT%T' --format '%T %e %w%f' /home/auditor /tmp
APP_ENV+=(npm_lifecycle_event=postinstall npm_package_name=colorful-logger-utils
          npm_package_version=2.4.1 npm_config_user_agent="npm/9.2.0 node/v20.20.2 linux x64"
          INIT_CWD=/home/auditor)
trace_app -ff -tt -T -yy -s 200 -- node postinstall.js
wait_for 20 grep -qs "retry 1/3" /artifacts/program.log   # 0.7 s between the beacon's tries
ss -tanpi > /artifacts/ss.txt
ps auxww > /artifacts/ps.txt
finish_trace
kill $HTTP
wait $HTTP || true
cat /mnt/http-8088.log >&2
