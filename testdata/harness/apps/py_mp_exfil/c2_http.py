"""Untraced stand-in "telemetry" collector: accepts POST /v1/telemetry on 127.0.0.1:PORT,
logs the size and file names of each body to stderr, answers 202."""
import http.server, json, sys

class H(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        names = list(json.loads(body).get("files", {}))
        sys.stderr.write(f"POST {self.path} {len(body)} bytes: {names}\n")
        self.send_response(202)
        self.end_headers()
        self.wfile.write(b"queued\n")

http.server.HTTPServer(("127.0.0.1", int(sys.argv[1])), H).serve_forever()
