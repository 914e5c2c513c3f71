#!/usr/bin/env python3
"""Damage sweep: every capture folder in testdata/ is copied, its files damaged (truncated,
random binary inserted, CRLF, a 10 MiB line, NUL bytes, shuffled lines, emptied), and
`build/rundown analyze` must still answer with a verdict (exit 0, 1 or 3) and a report in
both formats. Copies of folders that make it fail are kept for the bug report.

    scripts/damage-sweep.py [WORKDIR]      # default /tmp/rundown-damage-sweep
"""
import os, random, shutil, subprocess, sys
work = sys.argv[1] if len(sys.argv) > 1 else "/tmp/rundown-damage-sweep"
os.makedirs(work, exist_ok=True)
random.seed(7)
root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "testdata")
cases = ["p1_chat_clean_ff", "p2_chat_clean_single", "p3_missing_module", "p4_shell_spawn"] + \
        ["cases/" + c for c in sorted(os.listdir(root + "/cases")) if os.path.isdir(root + "/cases/" + c)]
def mutate(data, kind):
    if not data: return data
    if kind == "truncate": return data[: random.randrange(len(data))]
    if kind == "garbage":
        p = random.randrange(len(data)); return data[:p] + os.urandom(random.randrange(1, 4000)) + data[p:]
    if kind == "crlf": return data.replace(b"\n", b"\r\n")
    if kind == "hugeline":
        p = data.find(b"\n", random.randrange(len(data)))
        return data[:p+1] + b"A" * (10 << 20) + b"\n" + data[p+1:] if p >= 0 else data
    if kind == "nul": return data.replace(b"(", b"\0", 3)
    if kind == "shuffle":
        lines = data.split(b"\n"); random.shuffle(lines); return b"\n".join(lines)
    if kind == "empty": return b""
    return data
bad = 0
for case in cases:
    for kind in ["truncate", "garbage", "crlf", "hugeline", "nul", "shuffle", "empty"]:
        d = os.path.join(work, "w"); shutil.rmtree(d, ignore_errors=True); shutil.copytree(f"{root}/{case}", d)
        for name in os.listdir(d):
            path = f"{d}/{name}"
            if name == "EXPECTED.md" or not os.path.isfile(path): continue
            if random.random() < 0.6:
                data = open(path, "rb").read(); open(path, "wb").write(mutate(data, kind))
        for fmt in ["json", "md"]:
            r = subprocess.run([os.path.join(root, "..", "build", "rundown"), "analyze", d, "--format", fmt], capture_output=True, timeout=120)
            if r.returncode not in (0, 1, 3) or (fmt == "json" and not r.stdout.startswith(b"{")):
                bad += 1; print("BAD", case, kind, fmt, r.returncode, r.stderr[-300:]); shutil.copytree(d, os.path.join(work, f"bad_{bad}"))
print("done, bad =", bad)
sys.exit(1 if bad else 0)
