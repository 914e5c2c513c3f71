#!/usr/bin/env python3
"""report: counts the words of input/*.txt into out/report.json (a benign batch CLI)."""
import json
import os
import sys

counts = {}
for name in sorted(os.listdir(sys.argv[1])):
    with open(os.path.join(sys.argv[1], name)) as f:
        counts[name] = len(f.read().split())
os.makedirs("out", exist_ok=True)
with open("out/report.json", "w") as f:
    json.dump(counts, f)
print(f"report: {len(counts)} files")
