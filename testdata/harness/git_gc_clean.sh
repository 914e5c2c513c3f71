#!/bin/bash
# Case git_gc_clean: `git gc` run as auditor in a small repository (apps/git_gc_clean, made
# into a repository with 3 commits and a tag by untraced git commands as auditor, identity
# given with -c, nothing written to ~/.gitconfig). git gc runs its helpers as git children
# (pack-refs, reflog expire, repack -> pack-objects, prune, worktree prune, rerere gc): fork +
# exec of /usr/bin/git (and /usr/lib/git-core), lock files, packs written under .git with
# .tmp/rename. No network. Exit 0; ss/ps are taken after the run. Traced with -t (seconds),
# without -T and without read, lseek, fcntl, close, access, brk, munmap, mprotect, signal
# and futex calls: every helper scans .git/objects/00..ff (under 300 KB).
# Needs: apt-get install git. Run as root: testdata/harness/git_gc_clean.sh
set -euo pipefail
CASE_HOSTNAME=2c8d5f0a7b39
source "$(dirname "$(readlink -f "$0")")/lib.sh"
enter_sandbox git_gc_clean
# ---- from here on: PID 1 inside the sandbox ----
install_app git_gc_clean
g() { (cd /home/auditor/app && as_auditor "${APP_ENV[@]}" git -c user.name=Auditor -c user.email=auditor@example.invalid "$@" > /dev/null); }
g init -q -b main
g add README.md && g commit -q -m "readme"
g add src && g commit -q -m "hello"
echo 'print("hello, world")' > /home/auditor/app/src/hello.py && chown auditor:auditor /home/auditor/app/src/hello.py
g commit -q -am "greet the world" && g tag v1.0

start_inotify -m -r -e create,modify,delete,moved_to,close_write /home/auditor /tmp
trace_app -f -t -yy -s 32 -e 'trace=!read,lseek,fcntl,close,access,brk,munmap,mprotect,rt_sigaction,rt_sigprocmask,futex' -- git gc
snapshots() {
  ss -tunap > /artifacts/ss.txt
  ps -ef > /artifacts/ps.txt
}
finish_cli snapshots
