#!/usr/bin/env python3
"""Regenerates the archives the bundle tests read (deterministic: fixed mtimes and owners).

bundle.tar.gz   an artifacts folder as people archive it: artifacts/strace_log.35 (a real
                23-line trace from p1_chat_clean_ff) and artifacts/ps.txt (p4's real ps -ef),
                plus what a hostile archive carries and must not be extracted: a member named
                ../escaped.txt, one with an absolute name (/abs/ps.txt, extracted as abs/ps.txt),
                a symlink to /etc/passwd, a hard link, a FIFO; and artifacts/ps.txt twice (the
                later copy wins, as with tar).
bundle.zip      the same two real files in a zip.
cut.tar.gz      bundle.tar.gz's first members, cut inside the trace's data.
"""
import gzip, io, os, tarfile, zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
TESTDATA = os.path.dirname(os.path.dirname(HERE))
trace = open(os.path.join(TESTDATA, "p1_chat_clean_ff/strace_log.35"), "rb").read()
ps = open(os.path.join(TESTDATA, "p4_shell_spawn/ps.txt"), "rb").read()

def info(name, size=0, kind=tarfile.REGTYPE, link=""):
    t = tarfile.TarInfo(name)
    t.size, t.type, t.linkname, t.mtime, t.mode, t.uid, t.gid = size, kind, link, 1795395518, 0o644, 0, 0
    return t

def tar_bytes(members):
    raw = io.BytesIO()
    with tarfile.open(fileobj=raw, mode="w", format=tarfile.GNU_FORMAT) as t:
        for m, data in members:
            t.addfile(m, io.BytesIO(data) if data is not None else None)
    return raw.getvalue()

members = [
    (info("artifacts/", kind=tarfile.DIRTYPE), None),
    (info("artifacts/ps.txt", 5), b"stale"),
    (info("artifacts/strace_log.35", len(trace)), trace),
    (info("artifacts/ps.txt", len(ps)), ps),
    (info("../escaped.txt", 4), b"evil"),
    (info("/abs/ps.txt", len(ps)), ps),
    (info("artifacts/passwd_link", kind=tarfile.SYMTYPE, link="/etc/passwd"), None),
    (info("artifacts/hard_link", kind=tarfile.LNKTYPE, link="artifacts/ps.txt"), None),
    (info("artifacts/fifo", kind=tarfile.FIFOTYPE), None),
]
tar = tar_bytes(members)
with open(os.path.join(HERE, "bundle.tar.gz"), "wb") as f:
    f.write(gzip.compress(tar, mtime=0))
with zipfile.ZipFile(os.path.join(HERE, "bundle.zip"), "w") as z:
    for name, data in (("artifacts/strace_log.35", trace), ("artifacts/ps.txt", ps)):
        z.writestr(zipfile.ZipInfo(name, date_time=(2026, 11, 22, 19, 31, 4)), data)
# Cut 1000 bytes into the trace's data (its header block starts at 1024: the stale ps.txt
# takes 512 + 512 bytes after the directory's 512, then the trace's header).
cut_at = tar.index(trace[:64]) + 1000
with open(os.path.join(HERE, "cut.tar.gz"), "wb") as f:
    f.write(gzip.compress(tar[:cut_at], mtime=0))
