#!/bin/bash
# Case mosquitto_clean: Debian's Mosquitto 2.0 MQTT broker run as auditor in the foreground
# (`mosquitto -c ~/app/mosquitto.conf`, apps/mosquitto_clean/mosquitto.conf): 127.0.0.1:18830,
# anonymous clients, retained messages persisted to data/mosquitto.db (autosave every second:
# written as a temp file and renamed), log on stdout. Untraced mosquitto_pub/mosquitto_sub
# clients (as auditor) publish 3 retained messages and 5 plain ones, a subscriber holds its
# connection while ss and ps run; then SIGTERM: it saves the database and exits 0.
# Needs: apt-get install mosquitto mosquitto-clients. Run as root: testdata/harness/mosquitto_clean.sh
set -euo pipefail
CASE_HOSTNAME=0b7d2e94f5a1
source "$(dirname "$(readlink -f "$0")")/lib.sh"
enter_sandbox mosquitto_clean
# ---- from here on: PID 1 inside the sandbox ----
install_app mosquitto_clean

start_inotify -m -r --format '%e|%w|%f' /home/auditor /tmp
trace_app -f -t -y -s 48 -- /usr/sbin/mosquitto -c /home/auditor/app/mosquitto.conf
wait_port 18830
sleep 0.3
pub() { as_auditor mosquitto_pub -h 127.0.0.1 -p 18830 "$@"; }
for room in kitchen hall garage; do pub -r -t "sensors/$room/temp" -m "2$RANDOM"; done
as_auditor mosquitto_sub -h 127.0.0.1 -p 18830 -t 'sensors/#' -W 3 -v > /mnt/sub.out 2>&1 &
sub=$!
sleep 0.5
for i in 1 2 3 4 5; do pub -t sensors/hall/motion -m "event $i"; done
ss -tanp > /artifacts/ss.txt
ps -o pid,ppid,user,stat,lstart,args -e > /artifacts/ps.txt
wait "$sub" || true
sleep 1.2
stop_app
finish_trace
cat /mnt/sub.out >&2
