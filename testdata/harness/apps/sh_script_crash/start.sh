#!/bin/sh
# feedsync launcher: waits for the database, then starts the worker.
cd "$(dirname "$0")"
echo "start.sh: feedsync launcher, pid $$"
wait-for-it 127.0.0.1:5432 --timeout=1 || echo "start.sh: wait-for-it unavailable, continuing"
exec python3 -S feedsync.py --config feedsync.ini
