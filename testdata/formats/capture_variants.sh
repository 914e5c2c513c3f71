#!/bin/bash
# Re-captures the flag combinations added after capture_snapshots.sh: strace
# --decode-pids=pidns, -b execve, -c/-C with -U; ss with a one-state filter; ps -m; inotifywait
# --timefmt '%c' / '%s.%N', names with a newline, -d -o, and inotifywatch. Run as root:
# testdata/formats/capture_variants.sh. Pids, ports and times differ on every run; the tests
# pin what they assert (re-check them after a re-capture). Only 127.0.0.1 / ::1 are used.
set -uo pipefail
F=$(cd "$(dirname "$0")" && pwd)

if [[ "${1:-}" == "--ss-inside" ]]; then  # a private net+pid namespace: only our sockets
  ip link set lo up
  python3 - <<'PY' &
import os, socket, time
def listener(fam, addr, v6only=None):
    s = socket.socket(fam); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    if v6only is not None: s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, v6only)
    s.bind(addr); s.listen(5); return s
s4 = listener(socket.AF_INET, ('127.0.0.1', 3000)); s6 = listener(socket.AF_INET6, ('::1', 3001))
sd = listener(socket.AF_INET6, ('::', 3002), v6only=0)
c4 = socket.create_connection(('127.0.0.1', 3000)); a4, _ = s4.accept()
c6 = socket.create_connection(('::1', 3001)); a6, _ = s6.accept()
cd = socket.create_connection(('127.0.0.1', 3002)); ad, _ = sd.accept()
c4.send(b'x' * 1000)
t = socket.create_connection(('127.0.0.1', 3000)); at, _ = s4.accept(); at.close(); t.close()
if os.fork() == 0: time.sleep(30); os._exit(0)
open('/tmp/rd_variants.ready', 'w').write('ok'); time.sleep(30)
PY
  for _ in $(seq 50); do [[ -f /tmp/rd_variants.ready ]] && break; sleep 0.1; done
  S="$F/ss"
  ss -tnp state established > "$S/tnp_state_established.txt"; ss -ltnp state listening > "$S/ltnp_state_listening.txt"
  ss -H -tn state established > "$S/H_tn_state_established.txt"; ss -tan state time-wait > "$S/tan_state_time_wait.txt"
  kill $(jobs -p) 2>/dev/null; rm -f /tmp/rd_variants.ready
  exit 0
fi
if [[ "${1:-}" == "--ps-inside" ]]; then  # a private pid namespace: python3 pid 2 with 4 threads
  python3 -c '
import threading, time
for _ in range(3): threading.Thread(target=time.sleep, args=(30,), daemon=True).start()
open("/tmp/rd_threads.ready","w").write("ok"); time.sleep(30)' &
  for _ in $(seq 50); do [[ -f /tmp/rd_threads.ready ]] && break; sleep 0.1; done
  P="$F/ps"
  ps axm > "$P/m_axm.txt"; ps -efm > "$P/m_efm.txt"
  ps -em -o pid,lwp,nlwp,args > "$P/m_em_o_lwp_nlwp.txt"; ps -emo pid,ppid,lwp,args > "$P/m_emo_lwp.txt"
  kill $(jobs -p); rm -f /tmp/rd_threads.ready
  exit 0
fi

# strace: a small C program (listener, connects over 127.0.0.1 and ::1, files, a thread, a
# fork+exec of sh), traced from /tmp/hb as the committed captures were.
mkdir -p /tmp/hb && cd /tmp/hb
cat > prog.c <<'C'
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>
static void* worker(void* p) { (void)p; int fd = open("/etc/hostname", O_RDONLY); char b[64]; if (fd >= 0) { read(fd, b, sizeof b); close(fd); } return 0; }
int main(void) {
  int l = socket(AF_INET, SOCK_STREAM, 0);
  struct sockaddr_in a; memset(&a, 0, sizeof a); a.sin_family = AF_INET; a.sin_addr.s_addr = htonl(0x7f000001);
  bind(l, (struct sockaddr*)&a, sizeof a); listen(l, 4);
  socklen_t al = sizeof a; getsockname(l, (struct sockaddr*)&a, &al);
  int c = socket(AF_INET, SOCK_STREAM, 0); connect(c, (struct sockaddr*)&a, sizeof a);
  int s = accept(l, 0, 0); write(c, "hello", 5); char b[16]; read(s, b, 5); close(s); close(c);
  struct sockaddr_in6 b6; memset(&b6, 0, sizeof b6); b6.sin6_family = AF_INET6; b6.sin6_addr = in6addr_loopback; b6.sin6_port = htons(9);
  int c6 = socket(AF_INET6, SOCK_STREAM, 0); connect(c6, (struct sockaddr*)&b6, sizeof b6); close(c6);
  open("/nonexistent/file", O_RDONLY);
  int w = open("/tmp/hb/out.txt", O_WRONLY|O_CREAT|O_TRUNC, 0644); write(w, "x\n", 2); close(w); unlink("/tmp/hb/out.txt");
  pthread_t t; pthread_create(&t, 0, worker, 0); pthread_join(t, 0);
  pid_t p = fork();
  if (p == 0) { execl("/bin/sh", "sh", "-c", "id -u >/dev/null; exit 3", (char*)0); _exit(127); }
  int st; waitpid(p, &st, 0); kill(getpid(), SIGCHLD);
  return 0;
}
C
gcc -O1 -pthread -o prog prog.c
T="$F/strace"
strace -f --decode-pids=pidns -tt -o "$T/f_tt_pidns.txt" unshare -pf --mount-proc ./prog
strace -f --decode-pids=pidns,comm -tt -o "$T/f_tt_Y_pidns.txt" unshare -pf --mount-proc ./prog
strace -f -b execve -tt -o "$T/f_tt_b_execve.txt" ./prog
strace -f -c -U name,calls,errors,time-percent,max-time,min-time,avg-time,total-time -o "$T/c_U_columns.txt" ./prog
strace -f -C -U name,calls -o "$T/f_C_U_name_calls.txt" ./prog

unshare --net --pid --fork --mount-proc "$0" --ss-inside
unshare --pid --fork --mount-proc "$0" --ps-inside

# inotifywait: the scenario of capture_snapshots.sh, then a file whose name holds a newline.
I="$F/inotify"; W=/tmp/rdwatch
source "$F/inotify_scenario.sh"
fresh() { rm -rf "$W"; mkdir -p "$W/app/lib" "$W/app/old dir"; echo x > "$W/app/lib/a.js"; echo y > "$W/app/old dir/f"; }
watch() {  # watch OUTPUT inotifywait-args...
  local out=$1; shift
  fresh; inotifywait -m -r "$@" "$W" > "$I/$out" 2>&1 &
  local pid=$!
  sleep 0.5; scenario; sleep 0.5
  kill $pid; wait $pid 2>/dev/null || true
}
watch format_c.txt -q --timefmt '%c' --format '%T %w%f %e'
watch format_s_N.txt -q --timefmt '%s.%N' --format '%T %w%f %e'
watch format_dmY_HM.txt -q --timefmt '%d.%m.%Y %H:%M' --format '%T %w%f %e'
NEWLINE=1 watch m_r_newline_name.txt
NEWLINE=1 watch csv_newline_name.txt --csv
fresh; : > "$I/d_o_format_F_T_newline_name.txt"
inotifywait -d -r -o "$I/d_o_format_F_T_newline_name.txt" --timefmt '%F %T' --format '%T %w%f %e' "$W"
sleep 0.5; NEWLINE=1 scenario; sleep 0.5; kill $(pgrep -f "d_o_format_F_T_newline_name.txt")
fresh; inotifywatch -r -t 2 "$W" > "$I/inotifywatch_r.txt" 2>&1 & sleep 0.5; scenario; wait
rm -rf "$W"

# ss -tunap with zones: fe80::1 on lo and 127.0.0.53 bound to lo (SO_BINDTODEVICE), in a
# private net namespace -> ss/tunap_scope.txt ("[fe80::1]%lo:8097", "127.0.0.53%lo:53").
unshare -n bash -c 'ip link set lo up; ip addr add fe80::1/64 dev lo; python3 -c "
import socket, subprocess
s = socket.socket(socket.AF_INET6); s.bind((\"fe80::1\", 8097, 0, 1)); s.listen()
c = socket.socket(socket.AF_INET6); c.connect((\"fe80::1\", 8097, 0, 1)); a, _ = s.accept()
u = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM); u.bind((\"fe80::1\", 5353, 0, 1))
d = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); d.setsockopt(socket.SOL_SOCKET, socket.SO_BINDTODEVICE, b\"lo\"); d.bind((\"127.0.0.53\", 53))
t = socket.socket(); t.setsockopt(socket.SOL_SOCKET, socket.SO_BINDTODEVICE, b\"lo\"); t.bind((\"127.0.0.53\", 53)); t.listen()
open(\"'"$F"'/ss/tunap_scope.txt\", \"w\").write(subprocess.run([\"ss\", \"-tunap\"], capture_output=True, text=True).stdout)
"'

# DNS sent to a server resolv.conf names or not (net.resolver_listed): own_resolver.py resolves
# a name with getaddrinfo, then sends its own query to 8.8.8.8, in a net namespace with only lo
# (every packet to 8.8.x.x fails with ENETUNREACH: nothing leaves the host), with a Docker-style
# resolv.conf naming 8.8.8.8/8.8.4.4 (-> strace/f_tt_T_y_s256_resolver_docker_listed.txt) and
# Docker's embedded-DNS one naming 127.0.0.11 (-> strace/f_tt_T_y_s256_resolver_bypass.txt).
R=$(mktemp -d)
printf '%s\n' '# Generated by Docker Engine.' \
  '# This file can be edited; Docker Engine will not make further changes once it' '# has been modified.' '' \
  'nameserver 8.8.8.8' 'nameserver 8.8.4.4' 'search .' 'options timeout:1 attempts:1' '' \
  "# Based on host file: '/etc/resolv.conf' (legacy)" '# Overrides: []' > "$R/docker.conf"
printf '%s\n' 'nameserver 127.0.0.11' 'options ndots:0 timeout:1 attempts:1' > "$R/embedded.conf"
cp "$F/../harness/apps/own_resolver.py" "$R/"
for v in docker:resolver_docker_listed embedded:resolver_bypass; do
  unshare -n -m sh -c "ip link set lo up; mount --bind $R/${v%%:*}.conf /etc/resolv.conf; cd $R;
    strace -f -tt -T -y -s 256 -e trace=execve,openat,read,close,socket,connect,sendto -e signal=none \
      -o $F/strace/f_tt_T_y_s256_${v#*:}.txt /usr/bin/python3 -S -I own_resolver.py" > /dev/null
done
rm -rf "$R"

# Shell history turned off in a child's environment (exec.history_off_added), strace -f -v:
# python3 runs sh with HISTFILE=/dev/null HISTSIZE=0 added (-> strace/f_v_history_off_child_env.txt),
# and the same run launched with HISTFILE=/dev/null already set (-> f_v_history_off_inherited.txt).
(cd "$(mktemp -d)" &&
 env -i PATH=/usr/bin:/bin HOME=/tmp strace -f -v -s 128 -e trace=execve,clone,clone3,vfork,exit_group \
   -o "$F/strace/f_v_history_off_child_env.txt" /usr/bin/python3 -c 'import os,subprocess; subprocess.run(["/bin/sh","-c","echo hi; id -u"], env={**os.environ, "HISTFILE":"/dev/null", "HISTSIZE":"0"})' &&
 env -i PATH=/usr/bin:/bin HOME=/tmp HISTFILE=/dev/null strace -f -v -s 128 -e trace=execve,clone,clone3,vfork,exit_group \
   -o "$F/strace/f_v_history_off_inherited.txt" /usr/bin/python3 -c 'import subprocess; subprocess.run(["/bin/sh","-c","echo hi; id -u"])') > /dev/null
