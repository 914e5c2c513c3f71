#!/bin/bash
# Case java_pool_jar: a Java 17 batch CLI run with `-cp classes:lib/checksum.jar`
# (apps/java_pool_jar: util.Checksum packed into lib/checksum.jar by the harness, untraced):
# a fixed pool of 3 threads checksums input/*.txt, writes out/checksums.txt; exit 0.
# strace -e 'trace=!futex,epoll_wait': the JVM's futex waits are left out.
# Run as root: testdata/harness/java_pool_jar.sh
set -euo pipefail
CASE_HOSTNAME=7a3c9e1f0b54
source "$(dirname "$(readlink -f "$0")")/lib.sh"
enter_sandbox java_pool_jar
# ---- from here on: PID 1 inside the sandbox ----
install_app java_pool_jar
(cd /home/auditor/app && mkdir -p lib classes jarbuild \
  && javac -d jarbuild src/util/Checksum.java && jar cf lib/checksum.jar -C jarbuild util \
  && javac -cp lib/checksum.jar -d classes src/app/Main.java && rm -rf jarbuild)
chown -R auditor:auditor /home/auditor/app
start_inotify -m -r -e create,modify,delete,moved_to,close_write /home/auditor
trace_app -f -tt -T -y -s 64 -e 'trace=!futex,epoll_wait' -- java -Xshare:auto -XX:TieredStopAtLevel=1 -cp classes:lib/checksum.jar app.Main
finish_cli plain_snapshots
