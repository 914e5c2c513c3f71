"""checksum-batch: a benign Python CLI that hashes the files of data/ with a multiprocessing Pool
of 2 workers started with the "spawn" method (the default on macOS and Windows, chosen here
explicitly): the interpreter re-executes itself for the resource tracker and each worker. The
results go to out/checksums.json; exit 0. The harness's case of a spawn-started worker pool."""
import hashlib
import json
import multiprocessing as mp
import os


def digest(path):
    with open(path, "rb") as f:
        return os.path.basename(path), hashlib.sha256(f.read()).hexdigest()


if __name__ == "__main__":
    files = sorted(os.path.join("data", n) for n in os.listdir("data"))
    with mp.get_context("spawn").Pool(2) as pool:
        sums = dict(pool.map(digest, files))
    os.makedirs("out", exist_ok=True)
    with open("out/checksums.json", "w") as f:
        json.dump(sums, f, indent=1)
    print(f"checksum-batch: {len(sums)} file(s) hashed")
