#!/bin/bash
# Re-captures testdata/formats/ps/cpu_*.txt and busybox_cpu*.txt: the CPU columns of ps
# (%CPU, C, TIME, ELAPSED; BusyBox's top: %CPU) for processes that spin and ones that do not.
# Inside fresh pid and mount namespaces: pid 1 this script; chatd
# (testdata/harness/apps/c_busy_chat/chatd.c: listens on 127.0.0.1:7071, two threads spin); a
# second chatd on 7072 with 8 spinning threads; an idle `sleep 60`; a `gzip -1` batch fed by
# head -c of /dev/zero. The snapshots are taken about 5 s after they start. The machine's
# other load (2 cores shared with other jobs) shows in the numbers: the tests pin them.
# Run as root from anywhere: testdata/formats/capture_cpu.sh
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)

if [[ "${1:-}" != "--inside" ]]; then
  exec unshare --net --pid --fork --mount-proc "$0" --inside
fi

ip link set lo up
gcc -O1 -Wall -pthread -o /tmp/rd_chatd "$HERE/../harness/apps/c_busy_chat/chatd.c"
/tmp/rd_chatd 7071 > /dev/null &
/tmp/rd_chatd 7072 8 > /dev/null &  # 8 spinning threads: above 80 % of a core even on a loaded host
sleep 60 &
head -c 2000000000 /dev/zero | gzip -1 > /dev/null &
sleep 5
out=$HERE/ps
ps aux > "$out/cpu_aux.txt"
ps -ef > "$out/cpu_ef.txt"
ps -eo pid,ppid,pcpu,time,etimes,args > "$out/cpu_eo_pcpu_time_etimes.txt"
ps -eo pid,cputime,etime,comm,args > "$out/cpu_eo_cputime_etime.txt"
ps -eLo pid,lwp,pcpu,time,comm,args > "$out/cpu_eLo_pcpu.txt"
busybox ps > "$out/busybox_cpu.txt"  # this BusyBox has no -o time, etime

busybox top -b -n 1 > "$out/busybox_top_cpu.txt"
top -b -n 1 -w 200 > "$out/top_b_cpu.txt"
kill %1 %2 %3 %4 2>/dev/null || true
