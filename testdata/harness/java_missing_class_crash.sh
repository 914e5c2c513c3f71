#!/bin/bash
# Case java_missing_class_crash: "report-job" (apps/java_missing_class_crash/ReportJob.java)
# run as `java -cp .:lib/formatter.jar ReportJob`, but lib/formatter.jar was never deployed:
# the JVM prints "report-job starting", then dies with java.lang.NoClassDefFoundError
# com/example/fmt/Formatter, exit 1, well under a second after start. Traced with -ff (one file
# per JVM thread). ss/ps are taken after the run.
# Run as root: testdata/harness/java_missing_class_crash.sh
set -euo pipefail
CASE_HOSTNAME=91d3f0b6a2c8
source "$(dirname "$(readlink -f "$0")")/lib.sh"
enter_sandbox java_missing_class_crash
# ---- from here on: PID 1 inside the sandbox ----
install_app java_missing_class_crash
(cd /home/auditor/app && javac -d . ReportJob.java com/example/fmt/Formatter.java &&
   rm -rf com ReportJob.java && chown -R auditor:auditor .)

start_inotify -m -r /home/auditor /tmp
trace_app -ff -tt -y -- java -cp .:lib/formatter.jar ReportJob
snapshots() {
  ss -tunap > /artifacts/ss.txt
  ps -ef > /artifacts/ps.txt
}
finish_cli snapshots
