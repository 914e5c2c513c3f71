// libFuzzer target for the rule language: the input (capped at 64 KiB) is parsed as a rule
// file and, when it parses, checked and compiled as a rule set (lists, macros, exceptions,
// templates, regexes, globs, CIDRs); it is also compiled as a standalone `--where`
// expression. Invariants: no crash, no hang (the parser bounds nesting), and every error
// is positioned inside the input. Seeds: rules/builtin/*.rules and rules/builtin_tests/.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "rules/parser.h"
#include "rules/rule_set.h"
#include "rules/source_text.h"

namespace {

constexpr size_t kMaxInput = 64 << 10;

void CheckPositions(const rundown::rules::DiagSink& sink, size_t size) {
  for (const rundown::rules::Diag& d : sink.diags())
    if (d.offset > size) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > kMaxInput) return 0;
  std::string text(reinterpret_cast<const char*>(data), size);
  rundown::rules::SourceText src("fuzz.rules", text);
  rundown::rules::DiagSink sink;
  rundown::rules::Module module;
  bool parsed = rundown::rules::ParseModule(src, &sink, &module);
  CheckPositions(sink, size);
  if (!parsed && !sink.has_errors()) std::abort();  // a failed parse always says why
  if (parsed) {
    (void)rundown::rules::Dump(module);
    // Includes resolve relative to the file name; a name with no directory keeps them in
    // the working directory, where the fuzzer finds nothing to read.
    rundown::rules::RuleSet set;
    (void)set.AddText("fuzz.rules", text);
  }
  rundown::rules::DiagSink expr_sink;
  auto expr = rundown::rules::ParseExpression(src, &expr_sink);
  CheckPositions(expr_sink, size);
  if (expr) (void)rundown::rules::Dump(*expr);
  return 0;
}
