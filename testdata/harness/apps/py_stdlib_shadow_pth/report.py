# A batch CLI: prints the host name and a checksum of its input. `import socket` finds the
# socket.py beside this script first (sys.path[0]): the shadow under test.
import hashlib
import socket

print("host:", socket.gethostname())
print("sum:", hashlib.sha256(b"rows=3").hexdigest()[:16])
