#!/bin/bash
# Case go_exec_beacon: "updater" (apps/go_exec_beacon/main.go), a Go 1.19 static binary
# (CGO_ENABLED=0, standard library only) built here and run as auditor: reads the fake
# ~/.ssh/id_rsa and ~/.aws/credentials, runs `sh -c "uname -a; id"` (os/exec: clone(CLONE_VM|
# CLONE_VFORK) + execve, PATH search), writes /tmp/.updater/update.sh, chmods it 0755 and
# runs it, then net.Dial("tcp", "127.0.0.1:4444") three times 300 ms apart (nothing listens:
# the netpoller's EINPROGRESS connect, epoll, getsockopt(SO_ERROR) = ECONNREFUSED). Idles 2 s
# (ss/ps are taken then) and exits 0.
# Run as root: testdata/harness/go_exec_beacon.sh (needs golang-go; builds offline)
set -euo pipefail
CASE_HOSTNAME=5d0e8a2c4b17
source "$(dirname "$(readlink -f "$0")")/lib.sh"
enter_sandbox go_exec_beacon
# ---- from here on: PID 1 inside the sandbox ----
go_build_app updater "$HARNESS/apps/go_exec_beacon"

start_inotify --banner -m -r /home/auditor /tmp
trace_app -f -ttt -T -y -s 128 -- ./updater
wait_for 10 grep -qs "no update server" /artifacts/program.log
ss -tunap > /artifacts/ss.txt
ps -ef > /artifacts/ps.txt
finish_trace
