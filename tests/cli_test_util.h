// Helpers of the end-to-end tests: run `rundown ...` in-process through the RunCli that
// main() calls, and name the captures in testdata/.
#ifndef RUNDOWN_TESTS_CLI_TEST_UTIL_H_
#define RUNDOWN_TESTS_CLI_TEST_UTIL_H_

#include <sstream>
#include <string>
#include <vector>

#include "cli/commands.h"

namespace rundown {

struct CliRun {
  int code = -1;
  std::string out, err;
};

inline CliRun Cli(std::vector<std::string> args) {
  args.insert(args.begin(), "rundown");
  std::vector<const char*> argv;
  for (const std::string& a : args) argv.push_back(a.c_str());
  std::ostringstream out, err;
  CliRun r;
  r.code = cli::RunCli(static_cast<int>(argv.size()), argv.data(), out, err);
  r.out = out.str();
  r.err = err.str();
  return r;
}

inline std::string Case(const std::string& name) { return std::string(RUNDOWN_TESTDATA) + "/" + name; }

}  // namespace rundown

#endif  // RUNDOWN_TESTS_CLI_TEST_UTIL_H_
