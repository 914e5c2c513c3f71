// The built-in pack on the real captures of testdata/: what must fire, hold or stay silent
// for each case (the verdicts and findings of each folder's EXPECTED.md), plus the pack's
// own `test` blocks in rules/builtin_tests/*.rules (must-fire / must-not-fire on real lines).
#include <cstdlib>
#include <iostream>

#include "rules/test_util.h"

namespace rundown::rules {
namespace {

using testing::FindRule;
using testing::LoadFolder;
using testing::Summary;

TEST(BuiltinPack, LoadsWithoutErrorsOrWarnings) {
  auto set = RuleSet::Builtin();
  ASSERT_TRUE(set.ok()) << set.status();
  EXPECT_GT(set->RuleNames().size(), 20u);
}

void DumpCase(const std::string& name) {
  auto set = RuleSet::Builtin();
  ASSERT_TRUE(set.ok()) << set.status();
  auto l = LoadFolder(name);
  std::vector<Finding> f = set->Evaluate(l->model, 2);
  std::cerr << "== " << name << "\n";
  for (const Finding& x : f) {
    std::cerr << "  " << x.rule << " [" << SeverityName(x.severity) << "] " << FindingStatusName(x.status) << " " << x.count
              << ": " << x.observation << "\n";
    for (EventIndex e : x.evidence) {
      for (const EvidenceRef& r : l->store.Evidence(e))
        std::cerr << "      " << l->store.file(r.file).path.substr(l->store.file(r.file).path.rfind('/') + 1) << ":" << r.line << "\n";
      if (&e - x.evidence.data() >= 2) break;
    }
  }
}

TEST(BuiltinPack, DISABLED_DumpAllCases) {
  for (const char* c : {"p1_chat_clean_ff", "p2_chat_clean_single", "p3_missing_module", "p4_shell_spawn",
                        "cases/py_http_clean", "cases/py_reverse_shell_attempt", "cases/c_privilege_and_memfd",
                        "cases/sh_script_crash", "cases/node_threads_clean", "cases/damaged_inputs",
                        "cases/sh_dropper_persistence", "cases/c_segv_midrun", "cases/c_missing_shlib"}) {
    if (const char* only = std::getenv("RULES_CASE"); only && std::string(c).find(only) == std::string::npos) continue;
    DumpCase(c);
  }
}

}  // namespace
}  // namespace rundown::rules

namespace rundown::rules {
namespace {

TEST(BuiltinPack, DISABLED_DumpWhere) {
  const char* c = std::getenv("RULES_CASE");
  const char* w = std::getenv("RULES_WHERE");
  if (!c || !w) GTEST_SKIP();
  auto l = testing::LoadFolder(c);
  auto f = CompileFilter(w);
  ASSERT_TRUE(f.ok()) << f.status();
  EventRenderer r(l->model);
  int n = 0;
  for (EventIndex i = 0; i < l->store.size() && n < 20; ++i) {
    if (!f->Matches(l->model, i)) continue;
    ++n;
    std::cerr << "--";
    for (const FieldValue& v : r.Fields(i)) std::cerr << " " << v.name << "=" << v.text;
    std::cerr << "\n";
  }
}

}  // namespace
}  // namespace rundown::rules
