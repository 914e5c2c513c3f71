"""Untraced stand-in collector: accepts POSTs on 127.0.0.1:PORT, logs path and body size to
stderr, answers 202."""
import http.server, sys

class H(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        sys.stderr.write(f"POST {self.path} {len(body)} bytes\n")
        self.send_response(202)
        self.send_header("Content-Length", "0")
        self.end_headers()

http.server.HTTPServer(("127.0.0.1", int(sys.argv[1])), H).serve_forever()
