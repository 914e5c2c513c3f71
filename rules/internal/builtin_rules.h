// The built-in rule pack, embedded at build time from rules/builtin/*.rules by
// rules/embed_rules.cmake into builtin_rules.cc in the build tree.
#ifndef RUNDOWN_RULES_INTERNAL_BUILTIN_RULES_H_
#define RUNDOWN_RULES_INTERNAL_BUILTIN_RULES_H_

#include <cstddef>
#include <string_view>

namespace rundown::rules::internal {

struct EmbeddedFile {
  std::string_view name;  // "builtin/process.rules"
  std::string_view text;
};

extern const EmbeddedFile kBuiltinRules[];
extern const size_t kBuiltinRuleCount;

}  // namespace rundown::rules::internal

#endif  // RUNDOWN_RULES_INTERNAL_BUILTIN_RULES_H_
