// Lexical path helpers shared by the strace parser (resolving a relative path against the
// dirfd's -y annotation), the ps parser and the model (cwd, app directory, programs). No file
// system access.
#ifndef RUNDOWN_PARSERS_PATH_UTIL_H_
#define RUNDOWN_PARSERS_PATH_UTIL_H_

#include <string>
#include <string_view>

namespace rundown {

// Joins `dir` and a relative `path`, folding "." and ".." lexically ("/a/b" + "../c" ->
// "/a/c"). An absolute `path` is returned normalized.
std::string JoinPath(std::string_view dir, std::string_view path);
// The absolute `path` names its file in another spelling than JoinPath's: a doubled slash, a
// "." or ".." segment ("/app/data//x.db" is "/app/data/x.db" to the kernel). A trailing slash
// alone does not count. REQUIRES: path starts with '/'.
bool NeedsFolding(std::string_view path);
std::string_view Dirname(std::string_view path);
std::string_view Basename(std::string_view path);
// The program a command line runs: the basename of its first word ("node" from
// "/usr/bin/node app.js").
std::string_view ProgramOf(std::string_view cmdline);

}  // namespace rundown

#endif  // RUNDOWN_PARSERS_PATH_UTIL_H_
