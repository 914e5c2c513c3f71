#!/bin/bash
# Case java_cli_gzip: "digest" (apps/java_cli_gzip/Digest.java), a Java CLI run as auditor:
# reads input/*.csv, writes out/digest.txt, runs `gzip -kf out/digest.txt` with ProcessBuilder
# (the JDK's jspawnhelper: vfork+exec of jspawnhelper, which execs gzip), exit 0.
# Run as root: testdata/harness/java_cli_gzip.sh
set -euo pipefail
CASE_HOSTNAME=48b2e7c5d013
source "$(dirname "$(readlink -f "$0")")/lib.sh"
enter_sandbox java_cli_gzip
# ---- from here on: PID 1 inside the sandbox ----
install_app java_cli_gzip
(cd /home/auditor/app && javac -d . Digest.java && rm Digest.java && chown -R auditor:auditor .)

start_inotify -m -r --csv /home/auditor /tmp
trace_app -f -ttt -T -yy -s 64 -- java -cp . Digest
wait "$ST" || echo "strace exit: $?" >&2
ss -tunap > /artifacts/ss.txt
ps -eo pid,ppid,user,stat,args > /artifacts/ps.txt
sleep 0.3
kill "$INO"
wait "$INO" || true
