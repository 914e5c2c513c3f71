#!/bin/bash
# stage 2: "pool" beacon, 3 tries to 127.0.0.1:3333 (nothing listens there), then exit.
for i in 1 2 3; do
  if exec 3<>/dev/tcp/127.0.0.1/3333; then
    echo "login worker$i" >&3
    exec 3>&-
  fi
  sleep 1
done
