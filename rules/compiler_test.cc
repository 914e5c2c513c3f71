// The compiler's plan: operands ordered cheapest first, literal lists as sets, several
// patterns in one RE2::Set, and the event classes a rule can match.
#include "rules/compiler.h"

#include <algorithm>

#include "gtest/gtest.h"
#include "parsers/text_util.h"
#include "rules/parser.h"

namespace rundown::rules {
namespace {

CompiledProgram CompileText(std::string_view text) {
  SourceText src("x.rules", std::string(text));
  DiagSink sink;
  Module m;
  EXPECT_TRUE(ParseModule(src, &sink, &m));
  Program p;
  Checker checker({{&src, &m, false}}, &sink);
  EXPECT_TRUE(checker.CheckProgram(&p)) << sink.ToStatus();
  return Compile(std::move(p));
}

std::string Rule(std::string_view cond) {
  return StrCat("rule r { category file severity info when ", cond, " observation \"o\" }");
}

TEST(RuleCompiler, OperandsRunCheapestFirst) {
  CompiledProgram p = CompileText(Rule(
      "file.path regex '^/x' and file.class = \"sensitive\" and proc.name = \"a\" and evt.op = \"open\""));
  std::string dump = p.plan.Dump(p.rules[0].cond);
  size_t op = dump.find("evt.op"), name = dump.find("proc.name"), cls = dump.find("file.class"),
         re = dump.find("file.path");
  EXPECT_LT(op, name) << dump;
  EXPECT_LT(name, cls) << dump;
  EXPECT_LT(cls, re) << dump;
}

TEST(RuleCompiler, ListsBecomeSetsAndPatternListsOneRegexSet) {
  CompiledProgram p = CompileText(Rule(
      "proc.name in (\"a\", \"b\", \"c\") and file.path regex ('^/a', '^/b') and proc.pid in (1, 2)"));
  std::vector<PlanNode::Kind> kinds;
  for (size_t i = 0; i < p.plan.size(); ++i) kinds.push_back(p.plan.node(i).kind);
  auto has = [&](PlanNode::Kind k) { return std::find(kinds.begin(), kinds.end(), k) != kinds.end(); };
  EXPECT_TRUE(has(PlanNode::Kind::kStrSet));
  EXPECT_TRUE(has(PlanNode::Kind::kRegexSet));
  EXPECT_TRUE(has(PlanNode::Kind::kIntSet));
  EXPECT_FALSE(has(PlanNode::Kind::kRegex));
}

TEST(RuleCompiler, RulesKnowWhichEventsTheyCanMatch) {
  CompiledProgram p = CompileText(Rule("evt.op = \"connect\" and net.class = \"external\""));
  const ClassMask& m = p.rules[0].mask;
  auto cls = [](EventType t, Op op) { return static_cast<size_t>(t) * kOpSlots + static_cast<size_t>(op); };
  EXPECT_TRUE(m.test(cls(EventType::kSyscall, Op::kConnect)));
  EXPECT_TRUE(m.test(cls(EventType::kUnfinished, Op::kConnect)));
  EXPECT_FALSE(m.test(cls(EventType::kSyscall, Op::kOpen)));
  EXPECT_FALSE(m.test(cls(EventType::kSocketRow, Op::kOther)));
  EXPECT_FALSE(m.test(cls(EventType::kLogLine, Op::kOther)));
  EXPECT_EQ(m.count(), 3u);  // connect as a complete, unfinished or resumed call
}

}  // namespace
}  // namespace rundown::rules
