"""notes-viewer: a tiny read-only web app on http.server (stdlib only)."""
import json
import os
import sys
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

HERE = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(HERE, "config.json")) as f:
    CONFIG = json.load(f)
STARTED = time.time()
os.makedirs(os.path.join(HERE, "data"), exist_ok=True)
HITS = os.path.join(HERE, "data", "hits.log")


class Handler(SimpleHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, directory=os.path.join(HERE, "public"), **kwargs)

    def do_GET(self):
        with open(HITS, "a") as f:
            f.write(f"{time.time():.3f} {self.path}\n")
        if self.path == "/api/status":
            body = json.dumps({"name": CONFIG["name"], "uptime": round(time.time() - STARTED, 3)}).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        super().do_GET()


def main():
    addr = (CONFIG["host"], CONFIG["port"])
    httpd = ThreadingHTTPServer(addr, Handler)
    print(f"{CONFIG['name']}: serving {HERE}/public on http://{addr[0]}:{addr[1]}/", file=sys.stderr, flush=True)
    httpd.serve_forever()


if __name__ == "__main__":
    main()
