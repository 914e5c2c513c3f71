#!/usr/bin/env python3
"""Makes a process-heavy `strace -f -tt` trace from a real one by replicating its middle.

The root's lines before its first fork and after its last reaped child are kept once; every
line between is written COPIES times, each copy's child pids shifted past the last copy's
(in the pid column, fork/clone/wait4/kill results and arguments, si_pid=) and its times moved
by the window's length. A real shell loop of 3 000 `/bin/true` (13 MiB) becomes 51 000
processes at 17 copies, 240 000 and 1 GiB at 80 (docs/BENCHMARKS.md, "analysis stage").

Usage: bench/replicate_trace.py IN OUT COPIES      (keep OUT out of git: build/ or /tmp)
"""
import re
import sys

TIME = re.compile(r'^(\d+) +(\d\d):(\d\d):(\d\d)\.(\d{6}) ')
PID_PLACES = re.compile(r'(^\d+|si_pid=\d+|= \d+|wait4\(\d+|kill\(\d+)')
CARRIES_PID = re.compile(r'\b(clone3?|vfork|fork|wait4|kill)\(|resumed>|si_pid=')


def micros(line):
    m = TIME.match(line)
    return ((int(m[2]) * 60 + int(m[3])) * 60 + int(m[4])) * 1_000_000 + int(m[5])


def main(src, dst, copies):
    lines = open(src, encoding='latin-1').read().splitlines(keepends=True)
    root = int(lines[0].split()[0])
    own = [i for i, l in enumerate(lines) if l.startswith(f'{root} ')]
    first = next(i for i in own if re.search(r'\b(clone3?|vfork|fork)\(', lines[i]))
    last = max(i for i in own if 'wait4' in lines[i] and re.search(r'= \d+', lines[i]))
    children = {int(l.split()[0]) for l in lines} - {root}
    lo, hi = min(children), max(children)
    window = micros(lines[last]) - micros(lines[first]) + 1000

    def shifted(line, dpid, dtime):
        m = TIME.match(line)
        h, r = divmod(micros(line) + dtime, 3_600_000_000)
        mi, r = divmod(r, 60_000_000)
        s, u = divmod(r, 1_000_000)
        pid = int(m[1])
        pid = pid if pid == root else pid + dpid
        rest = line[m.end():]

        def move(mm):
            n = int(re.search(r'\d+', mm[0])[0])
            return re.sub(r'\d+', str(n + dpid), mm[0], count=1) if lo <= n <= hi else mm[0]

        if CARRIES_PID.search(rest):
            rest = PID_PLACES.sub(move, rest)
        return f'{pid:<5} {h:02d}:{mi:02d}:{s:02d}.{u:06d} ' + rest

    with open(dst, 'w', encoding='latin-1') as out:
        out.writelines(lines[:first])
        for c in range(copies):
            for line in lines[first:last + 1]:
                out.write(line if c == 0 else shifted(line, c * (hi - lo + 1), c * window))
        for line in lines[last + 1:]:
            out.write(shifted(line, 0, (copies - 1) * window))


if __name__ == '__main__':
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]))
