#!/bin/bash
# Case lua_cli_modules: "wordfreq" (apps/lua_cli_modules/wordfreq.lua), a Lua 5.4 CLI script
# that puts its own lib/ first on package.path and requires its modules textstats
# (lib/textstats/init.lua) and textstats.fmt (lib/textstats/fmt.lua): package.searchpath tries
# ./lib/textstats.lua first (ENOENT). Counts the words of the files input/files.lst names,
# writes out/top.txt; exit 0. Run as root: testdata/harness/lua_cli_modules.sh (needs lua5.4)
set -euo pipefail
CASE_HOSTNAME=f0c3a8e26b15
source "$(dirname "$(readlink -f "$0")")/lib.sh"
enter_sandbox lua_cli_modules
# ---- from here on: PID 1 inside the sandbox ----
install_app lua_cli_modules

start_inotify -m -r -e create,modify,close_write,delete,moved_to /home/auditor /tmp
trace_app -f -ttt -T -yy -s 96 -- lua5.4 wordfreq.lua
finish_cli plain_snapshots
