#!/bin/bash
# Case make_gcc_build: `make all check` of a small C project (apps/make_gcc_build: two
# .c files, a header, a Makefile) run as auditor: make forks `sh -c` per recipe line, gcc
# (the driver) runs cc1 and as for each file with temporary files in /tmp (ccXXXXXX.s, .o),
# then collect2/ld links build/meanstat; `check` runs the built program and grep. No
# network. Exit 0; ss/ps are taken after the run. Traced without -T and without read, lseek,
# readlink, fcntl, munmap, brk, mprotect, signal, futex and per-exec start-up calls (ld and
# cc1 make thousands), to keep the trace under 300 KB.
# Needs: apt-get install make gcc. Run as root: testdata/harness/make_gcc_build.sh
set -euo pipefail
CASE_HOSTNAME=7a2f5c8e01d4
source "$(dirname "$(readlink -f "$0")")/lib.sh"
enter_sandbox make_gcc_build
# ---- from here on: PID 1 inside the sandbox ----
install_app make_gcc_build

start_inotify -m -r -e create,modify,delete,moved_to,close_write /home/auditor /tmp
trace_app -f -tt -y -s 32 -e 'trace=!readlink,lseek,read,pread64,fcntl,munmap,brk,rt_sigaction,rt_sigprocmask,futex,mprotect,arch_prctl,set_tid_address,set_robust_list,rseq,prlimit64' -- make all check
snapshots() {
  ss -tunap > /artifacts/ss.txt
  ps -ef > /artifacts/ps.txt
}
finish_cli snapshots
