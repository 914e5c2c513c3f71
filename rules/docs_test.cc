// docs/RULES.md stays true: its grammar block is the EBNF at the top of rules/parser.h, and
// its field reference lists every field of the table with its type.
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

#include "gtest/gtest.h"
#include "parsers/text_util.h"
#include "rules/fields.h"
#include "rules/rule_set.h"
#include "rules/test_util.h"

namespace rundown::rules {
namespace {

std::string ReadAll(const std::string& path) {
  std::ifstream f(path);
  std::stringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

// The EBNF of parser.h without the comment markers.
std::string HeaderGrammar() {
  std::istringstream in(ReadAll(std::string(RUNDOWN_RULES_DIR) + "/parser.h"));
  std::string line, out;
  bool inside = false;
  while (std::getline(in, line)) {
    if (line.starts_with("//   file ")) inside = true;
    if (inside && !line.starts_with("//")) break;
    if (inside && line == "//") break;
    if (inside) out += line.substr(line.size() > 2 ? 3 : 2) + "\n";
  }
  return out;
}

TEST(RulesDoc, GrammarMatchesParserHeader) {
  std::string grammar = HeaderGrammar();
  ASSERT_GT(grammar.size(), 500u);
  std::string doc = ReadAll(std::string(RUNDOWN_RULES_DIR) + "/../docs/RULES.md");
  EXPECT_NE(doc.find(grammar), std::string::npos) << "docs/RULES.md must contain, verbatim:\n" << grammar;
}

TEST(RulesDoc, EveryFieldIsDocumented) {
  std::string doc = ReadAll(std::string(RUNDOWN_RULES_DIR) + "/../docs/RULES.md");
  for (const FieldInfo& f : FieldTable())
    EXPECT_NE(doc.find(StrCat("| `", f.name, "` | ", f.type, " |")), std::string::npos) << f.name;
}

TEST(RulesDoc, DISABLED_PrintFieldTable) {
  for (const FieldInfo& f : FieldTable()) std::cout << "| `" << f.name << "` | " << f.type << " | " << f.doc << " |\n";
}

}  // namespace
}  // namespace rundown::rules
