# Shared sandbox for the capture scripts in this folder; sourced, never run.
#
# A case script calls `enter_sandbox <case>` first. Outside the sandbox that
# re-runs the script as PID 1 of fresh pid, mount, UTS and network namespaces
# (the stand-in for `docker run --network=none` described in
# /work/shared/artifacts/README.md), then copies what the run wrote to
# /artifacts into testdata/cases/<case>/. Inside, it sets the sandbox up and
# returns, and the case script runs its own commands.
#
# Inside the sandbox:
#   hostname      container-id-like (CASE_HOSTNAME)
#   network       only `lo`, brought up: nothing but 127.0.0.1/::1 is reachable
#   /tmp          fresh tmpfs
#   /home/auditor fresh tmpfs: /etc/skel + the case's app + FAKE secrets
#                 (random text, generated here; no real secret is ever read)
#   /etc/hosts, /etc/resolv.conf, /etc/hostname  container-like, bound from /mnt
#                 (resolv.conf names 127.0.0.11, a loopback address)
#   /mnt/sync     mode 1777, for the test clients' ready markers
#   /opt/harness  copies of the clients in this folder
#   /artifacts    the output folder (a staging dir under /var/tmp)
# The program under test runs as `auditor` (uid/gid 1001): `useradd -m -u 1001 auditor`.

HARNESS=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# RD_CASES_DIR captures somewhere else (to check a script without replacing its case).
CASES=${RD_CASES_DIR:-$(cd "$HARNESS/.." && pwd)/cases}
APP_ENV=(env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
         HOME=/home/auditor USER=auditor LOGNAME=auditor SHELL=/bin/bash LANG=C.UTF-8)

enter_sandbox() {
  local case=$1
  if [[ "${RD_INSIDE:-}" == 1 ]]; then
    setup_sandbox
    return
  fi
  id auditor >/dev/null 2>&1 || useradd -m -u 1001 -s /bin/bash auditor
  mkdir -p /artifacts
  local stage
  stage=$(mktemp -d /var/tmp/rd-capture.XXXXXX)
  chmod 755 "$stage"
  RD_INSIDE=1 RD_STAGE=$stage timeout -s KILL 120 \
    unshare --pid --fork --kill-child --mount-proc --uts --net setsid "$0" || echo "sandbox exit: $?" >&2
  if ! compgen -G "$stage/*" > /dev/null; then
    echo "nothing captured; $CASES/$case left as it was" >&2
    rm -rf "$stage"
    exit 1
  fi
  rm -rf "${CASES:?}/$case.new"
  mkdir -p "$CASES/$case.new"
  cp "$stage"/* "$CASES/$case.new/"
  chmod 644 "$CASES/$case.new"/*
  rm -rf "$stage"
  if [[ -f "$CASES/$case/EXPECTED.md" ]]; then
    cp "$CASES/$case/EXPECTED.md" "$CASES/$case.new/EXPECTED.md.old"
  fi
  rm -rf "${CASES:?}/$case"
  mv "$CASES/$case.new" "$CASES/$case"
  echo "captured into $CASES/$case:" >&2
  ls -l "$CASES/$case" >&2
  exit 0
}

setup_sandbox() {
  hostname "${CASE_HOSTNAME:-3f2a9c1b7d4e}"
  ip link set lo up
  mount --make-rprivate /
  mount --bind "$RD_STAGE" /artifacts
  mount -t tmpfs -o mode=1777,size=64m tmpfs /tmp
  mount -t tmpfs -o mode=755,size=4m tmpfs /mnt
  printf '127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n127.0.0.1\t%s\n' \
    "$(hostname)" > /mnt/hosts
  printf 'nameserver 127.0.0.11\noptions ndots:0\n' > /mnt/resolv.conf
  hostname > /mnt/hostname
  mkdir -m 1777 /mnt/sync    # client "ready" markers, outside every watched tree
  for f in hosts resolv.conf hostname; do mount --bind "/mnt/$f" "/etc/$f"; done
  mount -t tmpfs -o mode=755,size=64m tmpfs /home/auditor
  cp -a /etc/skel/. /home/auditor/
  make_fake_secrets
  mount -t tmpfs -o mode=755,size=16m tmpfs /opt
  mkdir -p /opt/harness
  cp "$HARNESS"/client.py "$HARNESS"/sock_client.py /opt/harness/
  chmod 755 /opt/harness/*
}

# Fake credentials: random text, created fresh in the tmpfs home.
make_fake_secrets() {
  local h=/home/auditor
  mkdir -p "$h/.ssh" "$h/.aws"
  {
    echo "-----BEGIN OPENSSH PRIVATE KEY-----"
    head -c 600 /dev/urandom | base64 -w 70
    echo "-----END OPENSSH PRIVATE KEY-----"
  } > "$h/.ssh/id_rsa"
  echo "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKE auditor@sandbox" \
    > "$h/.ssh/id_rsa.pub"
  printf '[default]\naws_access_key_id = AKIAFAKEFAKEFAKE0000\naws_secret_access_key = %s\n' \
    "$(head -c 30 /dev/urandom | base64)" > "$h/.aws/credentials"
  chmod 700 "$h/.ssh"
  chmod 600 "$h/.ssh/id_rsa" "$h/.aws/credentials"
  chown -R 1001:1001 "$h"
}

# wait_port PORT [TRIES]: until something listens on TCP PORT (0.1 s steps).
wait_port() {
  local i
  for ((i = 0; i < ${2:-100}; i++)); do
    ss -Hltn "sport = :$1" | grep -q . && return 0
    sleep 0.1
  done
  echo "port $1 never listened" >&2
  return 1
}

# start_loopback_http DIR PORT: an untraced `python3 -m http.server` run as nobody on
# 127.0.0.1:PORT serving a copy of DIR (a test's "CDN"), its log in /mnt/http-PORT.log;
# HTTP is its pid. Returns once the port listens.
start_loopback_http() {
  local root=/opt/harness/www-$2
  cp -a "$1" "$root"
  setpriv --reuid=nobody --regid=nogroup --clear-groups \
    /usr/bin/python3 -m http.server --bind 127.0.0.1 --directory "$root" "$2" > "/mnt/http-$2.log" 2>&1 &
  HTTP=$!
  wait_port "$2"
}

# wait_for SECONDS CMD...: until CMD succeeds (0.05 s steps); fails after SECONDS.
wait_for() {
  local deadline=$((SECONDS + $1)); shift
  until "$@"; do
    ((SECONDS < deadline)) || { echo "timed out waiting for: $*" >&2; return 1; }
    sleep 0.05
  done
}

# as_auditor CMD...: run CMD as auditor, untraced (test clients).
as_auditor() {
  setpriv --reuid=auditor --regid=auditor --init-groups "$@"
}

# start_inotify [--banner] ARGS...: inotifywait ARGS in the background, its events in
# /artifacts/inotify.log, until its watches are established; INO is its pid. With --banner
# its two "Setting up watches" lines go into the log too (stderr redirected into it, as the
# shared captures p1 and p3 have it); else they go to /mnt/inotify.err.
start_inotify() {
  local banner=/mnt/inotify.err
  if [[ "$1" == --banner ]]; then
    shift
    banner=/artifacts/inotify.log
    inotifywait "$@" > /artifacts/inotify.log 2>&1 &
  else
    inotifywait "$@" > /artifacts/inotify.log 2> "$banner" &
  fi
  INO=$!
  wait_for 10 grep -q "Watches established" "$banner"
}

# trace_app STRACE_FLAGS... -- CMD...: runs CMD from /home/auditor/app as auditor under
# `strace STRACE_FLAGS -o /artifacts/strace_log -u auditor`, with the case's environment,
# stdout+stderr into /artifacts/program.log, in the background; ST is strace's pid. Its stdin is
# APP_STDIN (a fifo a case holds open, say), else /dev/null (what bash gives a background job).
trace_app() {
  local flags=()
  while [[ "$1" != -- ]]; do flags+=("$1"); shift; done
  shift
  cd /home/auditor/app
  "${APP_ENV[@]}" HOSTNAME="$(hostname)" \
    strace "${flags[@]}" -o /artifacts/strace_log -u auditor "$@" < "${APP_STDIN:-/dev/null}" > /artifacts/program.log 2>&1 &
  ST=$!
}

# serve_client SNAPSHOTS CLIENT_ARGS...: runs the untraced test client (client.py, as
# auditor, with CLIENT_ARGS and its --ready marker in /mnt/sync) and, once it holds its
# connections, calls the case's function SNAPSHOTS (its ss/netstat and ps commands); returns
# when the client has finished.
serve_client() {
  local snapshots=$1
  shift
  as_auditor /usr/bin/python3 /opt/harness/client.py "$@" --ready /mnt/sync/holding > /mnt/client.out 2>&1 &
  local client=$!
  wait_for 15 test -f /mnt/sync/holding
  sleep 0.3
  "$snapshots"
  wait "$client" || true
}

# stop_app: SIGTERM to the traced program (strace's child), as `docker stop` sends it.
stop_app() {
  kill -TERM "$(pgrep -P "$ST")"
}

# finish_trace: waits for the traced program to end, then stops inotifywait.
finish_trace() {
  wait "$ST" || echo "strace exit: $?" >&2
  sleep 0.3
  kill "$INO"
  wait "$INO" || true
}

# finish_cli SNAPSHOTS: for a program that ends by itself: waits for it, calls the case's
# function SNAPSHOTS (its ss/netstat and ps commands, so taken after the run), then stops
# inotifywait.
finish_cli() {
  wait "$ST" || echo "strace exit: $?" >&2
  "$1"
  sleep 0.3
  kill "$INO"
  wait "$INO" || true
}

# plain_snapshots: the snapshots most CLI cases take after the run (`finish_cli
# plain_snapshots`): `ss -tunap` and `ps -ef`.
plain_snapshots() {
  ss -tunap > /artifacts/ss.txt
  ps -ef > /artifacts/ps.txt
}

# install_app CASE [HELPER...]: copies apps/CASE to /home/auditor/app, owned by auditor,
# except the HELPERs (the case's untraced test clients or stand-in servers, files of
# apps/CASE), which go to /opt/harness instead, outside every watched tree.
install_app() {
  local app=$HARNESS/apps/$1 helper
  shift
  cp -a "$app" /home/auditor/app
  for helper in "$@"; do
    rm -f "/home/auditor/app/$helper"
    cp "$app/$helper" /opt/harness/
    chmod 755 "/opt/harness/$helper"
  done
  chown -R auditor:auditor /home/auditor/app
}

# c_build_app CASE NAME [HELPER...]: install_app CASE [HELPER...], then builds NAME.c of the app
# into /home/auditor/app/NAME (gcc -O1 -g -Wall; CFLAGS adds to it) and removes the source.
c_build_app() {
  local app=$1 name=$2
  shift 2
  install_app "$app" "$@"
  # shellcheck disable=SC2086  # CFLAGS is a list of flags
  gcc -O1 -g -Wall ${CFLAGS:-} -o "/home/auditor/app/$name" "/home/auditor/app/$name.c"
  rm "/home/auditor/app/$name.c"
  chown -R auditor:auditor /home/auditor/app
}

# go_build_app NAME SRCDIR: builds the Go program in SRCDIR (standard library only) as the
# static binary /home/auditor/app/NAME, owned by auditor; offline, the build cache outside the
# sandbox's watched trees.
go_build_app() {
  mkdir -p /home/auditor/app
  (cd "$2" && GOPROXY=off GOFLAGS=-mod=mod GOCACHE=/var/tmp/rd-gocache GOPATH=/var/tmp/rd-gopath \
     CGO_ENABLED=0 go build -trimpath -o "/home/auditor/app/$1" .)
  chown -R auditor:auditor /home/auditor/app
}
