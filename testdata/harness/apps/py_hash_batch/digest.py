"""digest: a batch job that computes hard and serves nothing (benign, for
testdata/cases/py_hash_batch_clean): chains SHA-256 over its input for about 4 s of CPU,
then writes the final digest next to it and exits 0."""
import hashlib
import sys
import time

data = open(sys.argv[1], "rb").read()
h = data
rounds = 0
deadline = time.process_time() + 4.0
while time.process_time() < deadline:
    for _ in range(20000):
        h = hashlib.sha256(h).digest()
    rounds += 20000
with open(sys.argv[1] + ".sha", "w") as out:
    out.write(h.hex() + "\n")
print(f"digest: {rounds} rounds, {h.hex()[:16]}")
