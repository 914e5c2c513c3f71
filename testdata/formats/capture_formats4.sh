#!/bin/bash
# Re-captures the files of the rt-formats4 red-team pass: ss and netstat without -n (service
# names for ports: "[::1]:ssh", netstat's "::1:ssh"), BusyBox 1.35 ps ("{comm} argv"),
# inotifywait with the man page's "%Xe" typed as written and a file name that is not UTF-8,
# and program output written for a terminal (ANSI colours). Run as root (apt-get install
# busybox first): testdata/formats/capture_formats4.sh. Pids, ports and times differ on every
# run; the tests pin what they assert (re-check them after a re-capture). Only 127.0.0.1 / ::1.
set -uo pipefail
F=$(cd "$(dirname "$0")" && pwd)

if [[ "${1:-}" == "--net-inside" ]]; then  # private net+pid namespace: only these sockets
  ip link set lo up
  python3 - <<'PY' &
import socket, time
def listener(fam, addr):
    s = socket.socket(fam); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1); s.bind(addr); s.listen(5); return s
s80 = listener(socket.AF_INET, ('127.0.0.1', 80)); s22 = listener(socket.AF_INET6, ('::1', 22))
sany = listener(socket.AF_INET, ('0.0.0.0', 8080))
c = socket.create_connection(('127.0.0.1', 80)); a, _ = s80.accept(); c.send(b'x' * 5000)
r = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_ICMP)
r6 = socket.socket(socket.AF_INET6, socket.SOCK_RAW, 58)
u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); u.bind(('0.0.0.0', 53))
x = socket.socket(socket.AF_UNIX); x.bind('/tmp/rt4_sock'); x.listen()
xa = socket.socket(socket.AF_UNIX); xa.bind('\0abstract name'); xa.listen()
open('/tmp/rt4_ss.ready', 'w').write('ok'); time.sleep(30)
PY
  for _ in $(seq 50); do [[ -f /tmp/rt4_ss.ready ]] && break; sleep 0.1; done
  ss -l > "$F/ss/l_names.txt"; ss -tupa > "$F/ss/tupa_names.txt"
  netstat -ta > "$F/netstat/ta_names.txt"; netstat -l > "$F/netstat/l_names.txt"
  rm -f /tmp/rt4_ss.ready /tmp/rt4_sock; kill $(jobs -p)
  exit 0
fi
if [[ "${1:-}" == "--ps-inside" ]]; then  # private pid namespace
  python3 -c 'import threading,time
for _ in range(2): threading.Thread(target=time.sleep,args=(30,),daemon=True).start()
time.sleep(30)' &
  sleep 1
  busybox ps -T > "$F/ps/busybox_ps_T.txt"
  kill $(jobs -p)
  # python3 renamed "kworker/0:1" with prctl(PR_SET_NAME): busybox prints "{kworker/0:1} argv".
  python3 -c 'import ctypes,time
ctypes.CDLL("libc.so.6").prctl(15, b"kworker/0:1", 0, 0, 0); time.sleep(30)' &
  sleep 1
  busybox ps > "$F/ps/busybox_ps_renamed.txt"; busybox ps -o pid,ppid,user,args > "$F/ps/busybox_ps_o_renamed.txt"
  kill $(jobs -p)
  exit 0
fi

unshare -n -p -f --mount-proc "$0" --net-inside
unshare -p -f --mount-proc "$0" --ps-inside

# inotifywait: a name of bytes ff fe, then files kept and deleted, a sub-directory.
W=/tmp/rt4w I=$F/inotify
scenario() {
  cd "$W/app"; echo hi > "$(printf 'bad\xff\xfename.txt')"; echo a > keep.js; echo b > skip.log
  mkdir sub; echo c > sub/x.js; rm keep.js; cd /
}
watch() {  # OUTPUT inotifywait-args...
  local out=$1; shift
  rm -rf "$W"; mkdir -p "$W/app"
  inotifywait "$@" "$W" > "$I/$out" 2>&1 & local p=$!
  sleep 0.5; scenario; sleep 0.5; kill $p 2>/dev/null; wait $p 2>/dev/null
}
watch m_r_non_utf8_name.txt -m -r
watch csv_non_utf8_name.txt -m -r --csv
watch format_w_f_Xe_pipe.txt -m -r --format '%w|%f|%Xe'
rm -rf "$W"

# Program output written for a terminal: node 20 with FORCE_COLOR=1 (an unhandled rejection;
# a missing module), and python3 printing its own colours, a \r progress bar, a 70000-byte
# line and bytes 00-ff before an uncaught exception.
P=$F/program_log A=$(mktemp -d)
(cd "$A" && FORCE_COLOR=1 node -e 'Promise.reject(new TypeError("colored rejection"))' > "$P/node_force_color_rejection.txt" 2>&1
 echo 'const ws = require("ws");' > x.js && FORCE_COLOR=1 node x.js > "$P/node_force_color_missing_module.txt" 2>&1)
python3 -c '
import sys
print("\x1b[32mINFO\x1b[0m server starting on \x1b[1m127.0.0.1:3000\x1b[0m")
print("\x1b[33mWARN\x1b[0m config file missing, using defaults")
for i in range(0,101,25):
    sys.stdout.write("\rDownloading [%-20s] %3d%%" % ("#"*(i//5), i)); sys.stdout.flush()
print()
print("\x1b[31mERROR\x1b[0m failed to open /etc/app.conf: Permission denied")
print("x"*70000)
sys.stdout.buffer.write(bytes(range(256))+b"\n")
raise RuntimeError("boom \x1b[31mred\x1b[0m")
' > "$P/py_colour_levels_progress_binary.txt" 2>&1
# A progress bar that an error redraws on the same line (no newline between them), and
# curl's progress meter (\r steps without a letter) before its refused connection.
python3 -c '
import sys
print("fetching model weights")
for i in range(0,61,20):
    sys.stderr.write("\rDownloading weights.bin %3d%%" % i); sys.stderr.flush()
sys.stderr.write("\rERROR: download failed: [Errno 111] Connection refused\n")
sys.exit(1)
' > "$P/py_progress_then_error.txt" 2>&1
curl http://127.0.0.1:9/x -o /dev/null > "$P/curl_meter_refused.txt" 2>&1
# Command-line tools' own error forms (no level word): coreutils/tar/python/wget end with
# strerror's text (perror's form), GCC and git name the level after the program, curl its
# error number.
(cd "$A" && { ls x; tar xf nonexist.tar; python3 /nonexist.py; git status; wget http://127.0.0.1:9/;
  curl -sS http://127.0.0.1:9/x; gcc /nonexist.c; gcc -x c - -o /dev/null <<< 'int main( { }'; } \
  > "$P/cli_tool_errors.txt" 2>&1)
rm -rf "$A"
