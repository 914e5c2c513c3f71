// Helpers shared by the rules tests: load a real capture folder or in-memory fixture files
// through the real pipeline (engine/test_util.h, re-exported here), and summarize findings.
#ifndef RUNDOWN_RULES_TEST_UTIL_H_
#define RUNDOWN_RULES_TEST_UTIL_H_

#include <string>
#include <vector>

#include "engine/test_util.h"
#include "gtest/gtest.h"
#include "parsers/text_util.h"
#include "rules/rule_set.h"

// The rules/ source directory (builtin_tests/, parser.h, ../docs): given by the rules test
// target, derived from the test data directory in the project-wide test binary.
#ifndef RUNDOWN_RULES_DIR
#define RUNDOWN_RULES_DIR RUNDOWN_TESTDATA "/../rules"
#endif

namespace rundown::rules::testing {

using engine_test::Loaded;
using engine_test::LoadFiles;
using engine_test::LoadFolder;

// "rule status count" per finding, e.g. "shell_spawned fired 1", "no_subprocess_creation held".
inline std::vector<std::string> Summary(const std::vector<Finding>& findings) {
  std::vector<std::string> out;
  for (const Finding& f : findings) {
    std::string s = StrCat(f.rule, " ", FindingStatusName(f.status));
    if (f.status == FindingStatus::kFired) StrAppend(&s, " ", f.count);
    out.push_back(std::move(s));
  }
  return out;
}

inline const Finding* FindRule(const std::vector<Finding>& findings, std::string_view rule) {
  for (const Finding& f : findings)
    if (f.rule == rule) return &f;
  return nullptr;
}

}  // namespace rundown::rules::testing

#endif  // RUNDOWN_RULES_TEST_UTIL_H_
