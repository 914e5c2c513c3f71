#!/bin/bash
# Case java_own_jar: a Java 17 CLI ("wordtop") whose own classes are in a jar of its own:
# `java -cp app.jar:lib/textutil.jar app.Main` (apps/java_own_jar; both jars built here with
# javac + jar by the app's build.sh before the trace, which removes the sources). It counts the
# words of data/*.txt and writes the five most frequent to out/top.txt; exit 0. ss/ps after the
# run. Needs: default-jdk. Run as root: testdata/harness/java_own_jar.sh
set -euo pipefail
CASE_HOSTNAME=4b8e2a6d0c97
source "$(dirname "$(readlink -f "$0")")/lib.sh"
enter_sandbox java_own_jar
# ---- from here on: PID 1 inside the sandbox ----
install_app java_own_jar
/home/auditor/app/build.sh
chown -R auditor:auditor /home/auditor/app

start_inotify -m -r -e create,modify,delete,moved_to,close_write /home/auditor
trace_app -f -tt -T -y -s 64 -e 'trace=!futex,epoll_wait' -- java -Xshare:auto -XX:TieredStopAtLevel=1 -cp app.jar:lib/textutil.jar app.Main
finish_cli plain_snapshots
