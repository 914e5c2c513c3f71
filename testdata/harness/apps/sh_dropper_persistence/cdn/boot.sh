echo "[*] boot: kernel $(uname -r)"
