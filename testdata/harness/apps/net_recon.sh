#!/bin/sh
# Local network reconnaissance the way stealers and worms start: the machine's addresses,
# routes, neighbours (ARP), open connections and listeners, name servers, read from /proc/net
# and with the usual tools; the result would be sent home with the next request. Run as an
# unprivileged user; nothing leaves the machine.
out=/tmp/.netinfo
{
  cat /proc/net/tcp /proc/net/tcp6 /proc/net/udp
  cat /proc/net/arp /proc/net/route /proc/net/fib_trie
  cat /etc/resolv.conf /etc/hosts
  hostname -I
  ip -o addr show
  ip route
  ip neigh
  ifconfig -a
  arp -an
  netstat -tunap
  ss -tunap
  route -n
} > "$out" 2>&1
wc -c "$out"
