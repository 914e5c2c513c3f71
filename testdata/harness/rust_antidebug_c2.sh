#!/bin/bash
# Case rust_antidebug_c2: "sysagent" (apps/rust_antidebug_c2/main.rs), a Rust program (std
# only, built here with Debian's rustc 1.63; its dropped library libhook.so built with gcc
# and embedded with include_bytes!) run as auditor: ptrace(PTRACE_TRACEME) (EPERM under
# strace) and TracerPid from /proc/self/status; reads /proc/<pid>/cmdline and environ of
# every other process (the harness's: environ EACCES); drops /tmp/.X11-unix/.libXau.so.6,
# tries to append it to /etc/ld.so.preload (EACCES), sets LD_PRELOAD for its children;
# connects to the abstract UNIX socket @.X11-session-7 (an untraced stand-in C2 run as
# auditor, apps/rust_antidebug_c2/c2.py), reports, receives "RUN id; uname -n", runs it with
# /bin/sh -c (LD_PRELOAD in its environment), sends the output back, unlinks its own
# executable and exits 0.
# Run as root: testdata/harness/rust_antidebug_c2.sh (needs Debian's rustc and gcc)
set -euo pipefail
CASE_HOSTNAME=8c41f07a2e95
source "$(dirname "$(readlink -f "$0")")/lib.sh"
enter_sandbox rust_antidebug_c2
# ---- from here on: PID 1 inside the sandbox ----
src=/var/tmp/rd-rust-build
rm -rf "$src" && mkdir -p "$src" /home/auditor/app
cp "$HARNESS"/apps/rust_antidebug_c2/{main.rs,libhook.c} "$src"/
gcc -shared -fPIC -O2 -o "$src/libhook.so" "$src/libhook.c"
/usr/bin/rustc -O -C debuginfo=0 --edition 2021 -o /home/auditor/app/sysagent "$src/main.rs"
chown -R auditor:auditor /home/auditor/app
cp "$HARNESS/apps/rust_antidebug_c2/c2.py" /opt/harness/
as_auditor /usr/bin/python3 /opt/harness/c2.py /mnt/sync/c2-ready > /mnt/c2.out 2>&1 &
C2=$!
wait_for 10 test -f /mnt/sync/c2-ready

start_inotify -m -r --format '%w%f %e' /home/auditor /tmp
trace_app -f -tt -T -yy -v -s 256 -- ./sysagent
wait_for 10 grep -qs "sysagent: done" /artifacts/program.log
ss -xap > /artifacts/ss.txt
ps -eo pid,ppid,user,stat,args > /artifacts/ps.txt
finish_trace
wait $C2 || true
echo "c2 saw:" >&2
cat /mnt/c2.out >&2
