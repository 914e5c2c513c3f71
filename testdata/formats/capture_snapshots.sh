#!/bin/bash
# Re-captures testdata/formats/{ss,netstat,ps}/ (inside fresh net+pid+mount namespaces, so
# only this script's own loopback sockets and processes appear) and testdata/formats/inotify/.
# Run as root from anywhere: testdata/formats/capture_snapshots.sh
# PIDs, inodes and times differ on every run; the tests pin what they assert.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)

if [[ "${1:-}" != "--inside" ]]; then
  exec unshare --net --pid --fork --mount-proc "$0" --inside
fi

ip link set lo up
mkdir -p "/tmp/rd cap"
cat > /tmp/rd_servers.py <<'PY'
import os, socket, time
def listener(fam, addr, v6only=None):
    s = socket.socket(fam)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    if v6only is not None:
        s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, v6only)
    s.bind(addr); s.listen(5); return s
s4 = listener(socket.AF_INET, ('127.0.0.1', 3000))
s6 = listener(socket.AF_INET6, ('::1', 3001))
sd = listener(socket.AF_INET6, ('::', 3002), v6only=0)
u = socket.socket(socket.AF_UNIX); u.bind('/tmp/rd cap/app.sock'); u.listen(5)
ua = socket.socket(socket.AF_UNIX); ua.bind('\0rundown-abstract'); ua.listen(5)
ud = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); ud.bind(('127.0.0.1', 5300))
c4 = socket.create_connection(('127.0.0.1', 3000)); a4, _ = s4.accept()
c6 = socket.create_connection(('::1', 3001)); a6, _ = s6.accept()
cd = socket.create_connection(('127.0.0.1', 3002)); ad, _ = sd.accept()
cu = socket.socket(socket.AF_UNIX); cu.connect('/tmp/rd cap/app.sock'); au, _ = u.accept()
c4.send(b'x' * 1000)
t = socket.create_connection(('127.0.0.1', 3000)); at, _ = s4.accept(); at.close(); t.close()
if os.fork() == 0:           # the child shares every socket: ss lists two users
    time.sleep(60); os._exit(0)
open('/tmp/rd_servers.ready', 'w').write('ok')
time.sleep(60)
PY
python3 /tmp/rd_servers.py &
# node as an unprivileged user: a threaded process for ps -eLf, a listener owned by nobody
setpriv --reuid=nobody --regid=nogroup --clear-groups \
  node -e "require('http').createServer(()=>{}).listen(8080, '127.0.0.1'); setInterval(()=>{}, 1000)" &
for _ in $(seq 50); do [[ -f /tmp/rd_servers.ready ]] && ss -ltn | grep -q :8080 && break; sleep 0.1; done

S="$HERE/ss"; N="$HERE/netstat"; P="$HERE/ps"
ss -tunap > "$S/tunap.txt";   ss -tulpn > "$S/tulpn.txt";  ss -a > "$S/a.txt"
ss -x > "$S/x.txt";           ss -xp > "$S/xp.txt";        ss -tanpei > "$S/tanpei.txt"
ss -tm > "$S/tm.txt";         ss -t > "$S/t.txt";          ss -ltn > "$S/ltn.txt"
ss -uan > "$S/uan.txt";       ss -tanpo > "$S/tanpo.txt";  ss -tulpne > "$S/tulpne.txt"
ss -s > "$S/s.txt"
netstat -tulpn > "$N/tulpn.txt"; netstat -anp > "$N/anp.txt";   netstat -tn > "$N/tn.txt"
netstat -tulp > "$N/tulp.txt";   netstat -tanpe > "$N/tanpe.txt"; netstat -tanpo > "$N/tanpo.txt"
netstat -rn > "$N/rn.txt" 2>&1 || true; netstat -i > "$N/i.txt" 2>&1 || true
ps aux > "$P/aux.txt";   ps -ef > "$P/ef.txt";   ps -eo pid,ppid,user,args > "$P/eo_pid_ppid_user_args.txt"
ps -ejH > "$P/ejH.txt";  ps axjf > "$P/axjf.txt"; ps -eLf > "$P/eLf.txt"; ps -o pid,comm > "$P/o_pid_comm.txt"
ps -ef --forest > "$P/ef_forest.txt"; ps auxf > "$P/auxf.txt"
ps -eo pid,ppid,user,uid,comm,lwp,nlwp,stat,start,etime,args > "$P/eo_many.txt"
ps -eo pid,lstart,cmd > "$P/eo_lstart.txt"; ps -eLo pid,lwp,nlwp,comm > "$P/eLo.txt"
ps -eo pid=PID,ppid=PARENT,user=OWNER,args=CMDLINE > "$P/eo_renamed_headers.txt"
# A reviewer's watch loop: snapshots with date(1) between them, in date's forms.
{ date; ss -tunap; date -R; ss -tunap; echo "=== $(date -Iseconds) ==="; ss -tunap; } > "$S/date_loop.txt"
{ date +%s; netstat -tanp; date --rfc-3339=ns; netstat -tanp; } > "$N/date_loop.txt"
{ date -u; ps -ef; echo "--- $(date '+%F %T') ---"; ps -ef; } > "$P/date_loop.txt"
top -b -n 2 -d 0.2 > "$P/top_b_n2.txt"; top -b -H -n 1 > "$P/top_b_H.txt"; top -b -c -w 200 -n 1 > "$P/top_b_c_w200.txt"
kill $(jobs -p) 2>/dev/null || true
rm -rf "/tmp/rd cap" /tmp/rd_servers.py /tmp/rd_servers.ready

# inotifywait: every output format, one watcher at a time (a watcher setting up its watches
# walks the tree, which another watcher would report).
I="$HERE/inotify"; W=/tmp/rdwatch
source "$HERE/inotify_scenario.sh"
watch() {  # watch OUTPUT inotifywait-args...
  local out=$1; shift
  rm -rf "$W"; mkdir -p "$W/app/lib" "$W/app/old dir"; echo x > "$W/app/lib/a.js"; echo y > "$W/app/old dir/f"
  inotifywait -m -r "$@" "$W" > "$I/$out" 2>&1 &
  local pid=$!
  sleep 0.5; scenario; sleep 0.5
  kill $pid; wait $pid 2>/dev/null || true
}
watch m_r.txt
watch m_r_q.txt -q
watch csv.txt --csv
watch format_F_T.txt -q --timefmt '%F %T' --format '%T %w%f %e'
watch format_epoch_pipe.txt -q --timefmt '%s' --format '%T|%w|%f|%:e'
watch format_iso_offset.txt -q --timefmt '%Y-%m-%dT%H:%M:%S%z' --format '%T %e %w%f'
watch format_time_only.txt -q --timefmt '%H:%M:%S' --format '[%T] %w %f %e'
rm -rf "$W"
