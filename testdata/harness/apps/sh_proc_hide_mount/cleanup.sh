#!/bin/bash
# "tmp-cleanup": says it tidies /tmp. Really: checks for a tracer, drops a helper disguised as
# a cron helper (a copy of sleep), starts it, tries to hide it from ps by bind-mounting an
# empty folder over its /proc/PID (refused without privileges, then done in a user and mount
# namespace of its own), and dates the helper like /bin/ls.
echo "tmp-cleanup: start"
grep -q 'TracerPid:[[:space:]]*0' /proc/self/status || echo "tmp-cleanup: tracer present"
cp /bin/sleep /tmp/.cron-helper
/tmp/.cron-helper 2 &
hp=$!
mkdir -p /tmp/.empty
mount --bind /tmp/.empty "/proc/$hp" 2>/dev/null || echo "tmp-cleanup: mount refused"
unshare -rm sh -c "mount --bind /tmp/.empty /proc/$hp && ls /proc/$hp | wc -l"
touch -r /bin/ls /tmp/.cron-helper
wait "$hp"
echo "tmp-cleanup: done"
