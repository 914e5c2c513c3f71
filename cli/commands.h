// The command-line front end: `rundown analyze|parse|events|rules ...`. RunCli is the whole
// program behind main(), writing to the given streams, so end-to-end tests run it in-process.
//
// Exit codes: 0 PASS or WARN (or a command that succeeded), 1 FAIL, 3 INCONCLUSIVE,
// 2 usage or input error (message on stderr).
#ifndef RUNDOWN_CLI_COMMANDS_H_
#define RUNDOWN_CLI_COMMANDS_H_

#include <ostream>

namespace rundown::cli {

inline constexpr int kExitUsage = 2;

int RunCli(int argc, const char* const* argv, std::ostream& out, std::ostream& err);

}  // namespace rundown::cli

#endif  // RUNDOWN_CLI_COMMANDS_H_
