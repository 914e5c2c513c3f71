#!/bin/bash
# Case npm_install_local_tarball: `npm install --offline --no-audit --no-fund
# --foreground-scripts ./tiny-slugify-1.2.0.tgz` in a private app (blog-tools). The tarball is
# packed here from apps/npm_install_local_tarball/tiny-slugify (npm pack, outside the trace);
# its harmless `postinstall` (`node scripts/build-table.js`) writes table.json into the
# installed package. npm runs the hook through `sh -c`; nothing leaves the machine (--offline,
# a local tarball). Exit 0. ss/ps are taken after the run. The trace leaves out read, statx
# (node's module resolution: 4400 calls), close, futex, epoll, id, memory and signal-mask calls (mmap
# kept) and has no -y, to stay under 300 KiB.
# npm_prefix_install_tarball.sh runs this script with NPM_CASE, NPM_OPTS (options before npm's
# command) and CASE_HOSTNAME set.
# Run as root: testdata/harness/npm_install_local_tarball.sh
set -euo pipefail
CASE_HOSTNAME=${CASE_HOSTNAME:-4d81c2e7a0b9}
source "$(dirname "$(readlink -f "$0")")/lib.sh"
enter_sandbox "${NPM_CASE:-npm_install_local_tarball}"
# ---- from here on: PID 1 inside the sandbox ----
install_app npm_install_local_tarball
(cd /home/auditor/app/tiny-slugify && HOME=/var/tmp npm pack --pack-destination .. >/dev/null 2>&1)
rm -rf /home/auditor/app/tiny-slugify
chown -R auditor:auditor /home/auditor/app

start_inotify -m -r -e create,modify,close_write,delete,moved_to /home/auditor
trace_app -f -tt -T -s 64 -e 'trace=!read,pread64,statx,futex,mprotect,epoll_pwait,epoll_ctl,munmap,madvise,rt_sigaction,rt_sigprocmask,brk,getpid,fstat,fcntl,close,getuid,getgid,geteuid,getegid,capget' -- npm ${NPM_OPTS:-} install --offline --no-audit --no-fund --foreground-scripts \
  ./tiny-slugify-1.2.0.tgz
snapshots() {
  ss -tunap > /artifacts/ss.txt
  ps -ef > /artifacts/ps.txt
}
finish_cli snapshots
