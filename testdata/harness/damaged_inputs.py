#!/usr/bin/python3
"""Builds testdata/cases/damaged_inputs/ from the real capture testdata/cases/py_http_clean/.

Deterministic (seeded); re-run after re-capturing py_http_clean, then fix the line numbers
in damaged_inputs/EXPECTED.md. Damages, as real files get damaged:
  strace_log   3 garbage lines inserted after line GARBAGE_AFTER (binary; NULs; both),
               and the file cut in the middle of its second-to-last line (last line lost,
               no final newline), as when the writer was killed or the disk filled up
  ps.txt       CRLF line endings (file passed through a Windows tool)
  program.log  one 2 MiB line (a debug dump) inserted after line LONG_AFTER
  ss.txt       header row replaced by an unknown one (another tool's/version's columns)
  inotify.log  unchanged

and testdata/cases/damaged_lost_data/ from the same capture, with text that is lost rather
than garbled (the verdict cannot be PASS: what was lost is not assessed):
  strace_log      a 64 KiB hole of NUL bytes written over the file at a page-aligned offset
                  (HOLE_AT), as a filesystem that crashed leaves blocks it never wrote
  inotify.log.gz  the inotify log gzipped and cut after half its compressed bytes (a copy
                  that stopped), so its text breaks off
  ps.txt, ss.txt, program.log  unchanged

and testdata/cases/damaged_cut_trace/ from the same capture: strace_log cut at CUT_TRACE_AT
bytes, inside the line after bind() and before listen(), as when strace is killed (or its copy
stops) while the program is still starting; program.log, written by the program itself, still
says it listened. The trace cannot clear what the program did once it served.
  inotify.log, ps.txt, ss.txt, program.log  unchanged
"""
import gzip
import os
import random
import shutil

HERE = os.path.dirname(os.path.abspath(__file__))
SRC = os.path.join(HERE, "..", "cases", "py_http_clean")
DST = os.path.join(HERE, "..", "cases", "damaged_inputs")
GARBAGE_AFTER = 1000
CUT_KEEP = 57          # bytes kept of the second-to-last strace line
LONG_AFTER = 5
LONG_BYTES = 2 * 1024 * 1024
HOLE_AT = 128 * 1024   # page-aligned, as a filesystem loses whole blocks
HOLE_BYTES = 64 * 1024
LOST = os.path.join(HERE, "..", "cases", "damaged_lost_data")
CUT = os.path.join(HERE, "..", "cases", "damaged_cut_trace")
CUT_TRACE_AT = 200000  # inside line 1368, after bind() (1358) and before listen() (1429)

rng = random.Random(20261123)


def read(name):
    with open(os.path.join(SRC, name), "rb") as f:
        return f.read()


def write(name, data):
    with open(os.path.join(DST, name), "wb") as f:
        f.write(data)


def garbage(n):
    return bytes(b for b in (rng.randrange(256) for _ in range(n * 2)) if b not in (10, 13))[:n]


os.makedirs(DST, exist_ok=True)

lines = read("strace_log").splitlines(keepends=True)
junk = [garbage(120) + b"\n",
        b"\0" * 512 + b"\n",
        garbage(40) + b"\0" * 64 + garbage(40) + b"\n"]
lines[GARBAGE_AFTER:GARBAGE_AFTER] = junk
lines[-2] = lines[-2][:CUT_KEEP]
del lines[-1]
write("strace_log", b"".join(lines))

write("ps.txt", read("ps.txt").replace(b"\n", b"\r\n"))

log = read("program.log").splitlines(keepends=True)
item = b'{"id":%d,"path":"/home/auditor/app/public/index.html","size":181,"etag":"%08x"},'
body = bytearray(b"DEBUG notes-viewer: cache dump: {\"items\":[")
i = 0
while len(body) < LONG_BYTES - 64:
    body += item % (i, rng.getrandbits(32))
    i += 1
body = bytes(body[:LONG_BYTES - 3]) + b"]}\n"
log[LONG_AFTER:LONG_AFTER] = [body]
write("program.log", b"".join(log))

ss = read("ss.txt").splitlines(keepends=True)
ss[0] = b"Proto  Status  RxQ  TxQ  Local Endpoint       Remote Endpoint      Owner\n"
write("ss.txt", b"".join(ss))

shutil.copy(os.path.join(SRC, "inotify.log"), os.path.join(DST, "inotify.log"))
print("built", DST)

os.makedirs(LOST, exist_ok=True)
trace = bytearray(read("strace_log"))
trace[HOLE_AT:HOLE_AT + HOLE_BYTES] = b"\0" * HOLE_BYTES
with open(os.path.join(LOST, "strace_log"), "wb") as f:
    f.write(bytes(trace))
packed = gzip.compress(read("inotify.log"), mtime=0)
with open(os.path.join(LOST, "inotify.log.gz"), "wb") as f:
    f.write(packed[:len(packed) // 2])
for name in ("ps.txt", "ss.txt", "program.log"):
    shutil.copy(os.path.join(SRC, name), os.path.join(LOST, name))
print("built", LOST)

os.makedirs(CUT, exist_ok=True)
with open(os.path.join(CUT, "strace_log"), "wb") as f:
    f.write(read("strace_log")[:CUT_TRACE_AT])
for name in ("inotify.log", "ps.txt", "ss.txt", "program.log"):
    shutil.copy(os.path.join(SRC, name), os.path.join(CUT, name))
print("built", CUT)
