// The compiler's plan: operands ordered cheapest first, literal lists as sets, several
// patterns in one RE2::Set, the event classes a rule can match, and what a condition is for
// a whole group of events from the fields they share (EvalKnown, Residual).
#include "rules/compiler.h"

#include <algorithm>

#include "gtest/gtest.h"
#include "parsers/text_util.h"
#include "rules/parser.h"
#include "rules/test_util.h"

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

// Three calls of process 100: 1 read, 2 mprotect with PROT_EXEC, 3 kill (refused).
auto ReadMprotectKill() {
  return testing::LoadFiles({{"strace_log", SourceKind::kStrace,
                              "100   10:00:00.150000 read(3</home/u/app/.env>, \"PORT=1\\n\", 4096) = 7\n"
                              "100   10:00:01.300000 mprotect(0x7f00, 4096, PROT_READ|PROT_EXEC) = 0\n"
                              "100   10:00:02.000000 kill(1, SIGTERM) = -1 EPERM (Operation not permitted)\n"}});
}

// EvalKnown with evt.name and log.fatal known (the evaluator's groups share those): Kleene
// logic over the rest.
TEST(RuleCompiler, KnownFieldsDecideForAWholeGroup) {
  auto l = ReadMprotectKill();
  ASSERT_EQ(l->store.size(), 3u);
  const EventContext ctx(l->model);
  auto known = [](FieldId f) { return f == FieldId::kEvtName || f == FieldId::kLogFatal; };
  struct Case {
    const char* cond;
    Tri read, mprotect, kill;
  };
  const Case cases[] = {
      {"evt.name = \"mprotect\" and mem.exec", Tri::kFalse, Tri::kUnknown, Tri::kFalse},
      {"evt.name = \"mprotect\" or mem.exec", Tri::kUnknown, Tri::kTrue, Tri::kUnknown},
      {"not (evt.name in (\"read\", \"kill\")) and proc.pid = 100", Tri::kFalse, Tri::kUnknown, Tri::kFalse},
      {"log.fatal or evt.name = \"kill\"", Tri::kFalse, Tri::kFalse, Tri::kTrue},
      {"evt.name = \"kill\" and not log.fatal", Tri::kFalse, Tri::kFalse, Tri::kTrue},
      {"mem.exec", Tri::kUnknown, Tri::kUnknown, Tri::kUnknown},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.cond);
    CompiledProgram p = CompileText(Rule(c.cond));
    const uint32_t cond = p.rules[0].cond;
    EXPECT_EQ(p.plan.EvalKnown(cond, ctx, 0, known), c.read);
    EXPECT_EQ(p.plan.EvalKnown(cond, ctx, 1, known), c.mprotect);
    EXPECT_EQ(p.plan.EvalKnown(cond, ctx, 2, known), c.kill);
    // Whatever is decided is what the full evaluation says, and the residual the evaluator
    // runs for the event's group (what is left undecided) says the same as the whole plan.
    for (EventIndex i = 0; i < 3; ++i) {
      const Tri t = p.plan.EvalKnown(cond, ctx, i, known);
      if (t != Tri::kUnknown) {
        EXPECT_EQ(p.plan.Eval(cond, ctx, i), t == Tri::kTrue) << i;
      }
      // (EvalKnown is the residual's root: compare the root with the table, not with it.)
      const Tri want[3] = {c.read, c.mprotect, c.kill};
      Residual r;
      const uint32_t root = r.Add(p.plan, cond, ctx, i, known);
      EXPECT_EQ(root == Residual::kFalse, want[i] == Tri::kFalse) << i;
      EXPECT_EQ(root == Residual::kTrue, want[i] == Tri::kTrue) << i;
      PlanMemo memo(p.plan);
      memo.Reset(i);
      EXPECT_EQ(r.Eval(p.plan, root, ctx, &memo), p.plan.Eval(cond, ctx, i)) << i;
    }
  }
}

// The same expression in two rules is one node, kept per event by a PlanMemo; with the memo
// or without, every condition says the same for every event.
TEST(RuleCompiler, SharedExpressionsAreOneNodeEvaluatedOncePerEvent) {
  auto l = ReadMprotectKill();
  ASSERT_EQ(l->store.size(), 3u);
  const EventContext ctx(l->model);
  CompiledProgram p = CompileText(
      "rule a { category file severity info when proc.pid = 100 and (mem.exec or evt.failed) observation \"o\" }\n"
      "rule b { category file severity info when proc.pid = 100 and (mem.exec or evt.failed) observation \"o\" }\n"
      "rule c { category file severity info when not mem.exec observation \"o\" }\n");
  ASSERT_EQ(p.rules.size(), 3u);
  EXPECT_EQ(p.rules[0].cond, p.rules[1].cond);
  const PlanNode& c = p.plan.node(p.rules[2].cond);  // not{mem.exec}: the mem.exec of a and b
  ASSERT_EQ(c.kind, PlanNode::Kind::kNot);
  const PlanNode& a = p.plan.node(p.rules[0].cond);
  const PlanNode& a_or = p.plan.node(p.plan.kid(a, 0));  // cheaper than proc.pid = 100
  ASSERT_EQ(a_or.kind, PlanNode::Kind::kOr);
  EXPECT_EQ(p.plan.kid(c, 0), p.plan.kid(a_or, 0));
  EXPECT_EQ(p.plan.size(), 6u);  // proc.pid, mem.exec, evt.failed, or{}, and{}, not{}
  PlanMemo memo(p.plan);
  const bool expected[3][3] = {{false, false, true}, {true, true, false}, {true, true, true}};
  for (EventIndex i = 0; i < 3; ++i) {
    memo.Reset(i);
    for (size_t r = 0; r < 3; ++r) {
      EXPECT_EQ(p.plan.Eval(p.rules[r].cond, ctx, i), expected[i][r]) << i << " " << r;
      EXPECT_EQ(p.plan.Eval(p.rules[r].cond, ctx, &memo), expected[i][r]) << i << " " << r;
    }
  }
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
