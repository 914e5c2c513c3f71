# Shared by run-sample.sh and test.sh: install what is missing, configure once, build
# incrementally. Sourced, not executed.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

# Debian packages the build and the tests need (see README "Dependencies").
RUNDOWN_PACKAGES=(g++ cmake ninja-build pkg-config libre2-dev libsimdjson-dev libabsl-dev
  libtbb-dev libgtest-dev libbenchmark-dev libcli11-dev libarchive-dev zlib1g-dev clang libclang-rt-14-dev python3)

ensure_packages() {
  local missing=()
  for p in "${RUNDOWN_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if ((${#missing[@]})); then
    echo "rundown: installing missing Debian packages: ${missing[*]}" >&2
    local sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
}

# build DIR [cmake args...] -- [targets...]
build() {
  local dir="$1"; shift
  local args=() targets=()
  while (($#)); do
    if [ "$1" = "--" ]; then shift; targets=("$@"); break; fi
    args+=("$1"); shift
  done
  if [ ! -f "$ROOT/$dir/build.ninja" ]; then
    cmake -S "$ROOT" -B "$ROOT/$dir" -G Ninja "${args[@]}" >/dev/null
  fi
  # Progress lines are dropped; warnings and errors go to stderr, so stdout stays the report
  # (run-sample.sh > report.md). The build's own status decides.
  local status=0
  ninja -C "$ROOT/$dir" "${targets[@]}" > >(grep -v -e '^\[' -e '^ninja: Entering directory' -e '^ninja: no work to do' >&2 || true) || status=$?
  return "$status"
}
