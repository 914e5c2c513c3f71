// Environment variables that make the dynamic loader or an interpreter run code the program
// it starts did not ship. An execve printed with strace -v shows its environment; a program
// that puts LD_PRELOAD=/tmp/x.so or NODE_OPTIONS="--require /tmp/h.js" into a child's
// environment plants its code in that child (MITRE T1574.006, T1546).
//
//   LD_PRELOAD, LD_AUDIT                         the libraries the loader maps first
//   BASH_ENV                                     the file every non-interactive bash sources
//   NODE_OPTIONS                                 with --require / -r / --import / --loader /
//                                                --experimental-loader
//   JAVA_TOOL_OPTIONS, _JAVA_OPTIONS,            with -javaagent: / -agentpath:
//   JDK_JAVA_OPTIONS
//   PERL5OPT                                     with -M / -m / -d (a module or debugger)
//   RUBYOPT                                      with -r (a library)
//
// A hook counts only when it names code outside the system directories (/usr, /lib, /lib64,
// /etc): container images preload jemalloc from /usr/lib, bundler sets
// RUBYOPT=-rbundler/setup (a module name, found on the interpreter's own path, unlike
// "./x.rb" or "/tmp/x.rb"), and options that only tune the runtime
// (NODE_OPTIONS=--max-old-space-size=4096, -Xmx2g) load nothing.
// Search-path variables (LD_LIBRARY_PATH, PYTHONPATH) are left out: setting them is ordinary,
// and a library they make the loader pick up from a temporary directory is seen where it is
// mapped (rule library_from_temp).
#ifndef RUNDOWN_PARSERS_ENV_HOOKS_H_
#define RUNDOWN_PARSERS_ENV_HOOKS_H_

#include <string>
#include <string_view>
#include <vector>

namespace rundown {

// True when `assignment` ("NAME=value", unquoted) is one of the hooks above.
bool IsCodeHook(std::string_view assignment);

// True when `assignment` keeps a shell's commands out of its history file: HISTFILE=/dev/null
// or empty, HISTSIZE=0, HISTFILESIZE=0 (bash, zsh's SAVEHIST=0 too).
bool TurnsHistoryOff(std::string_view assignment);

// Hooks are kept as one text, "LD_PRELOAD=/tmp/x.so NODE_OPTIONS=--require /tmp/h.js": the
// assignments in environment order joined by single spaces. A value may hold spaces, so the
// text is split where a hook's name follows a space, not at every space.
void AppendHook(std::string_view assignment, std::string* joined);
std::vector<std::string_view> SplitHooks(std::string_view joined);

}  // namespace rundown

#endif  // RUNDOWN_PARSERS_ENV_HOOKS_H_
