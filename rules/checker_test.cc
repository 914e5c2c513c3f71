// Checker errors and lint warnings, each with its exact message and position.
#include "rules/checker.h"

#include <string>

#include "gtest/gtest.h"
#include "parsers/text_util.h"
#include "rules/rule_set.h"

namespace rundown::rules {
namespace {

std::string Load(std::string_view text) {
  RuleSet set;
  absl::Status s = set.AddText("x.rules", text);
  return s.ok() ? "ok" : std::string(s.message());
}

// A rule around a condition, on line 3 column 8 onwards ("  when " is 7 characters).
std::string Rule(std::string_view cond, std::string_view extra = "") {
  return StrCat("rule r {\n  category process severity info\n  when ", cond,
                "\n  observation \"o\"", extra, "\n}\n");
}

struct ErrorCase {
  std::string source;
  std::string message;
};

TEST(RuleChecker, ErrorsHaveExactMessagesAndPositions) {
  const ErrorCase cases[] = {
      {Rule("proc.cmdlin = \"x\""),
       "x.rules:3:8: unknown field 'proc.cmdlin' (did you mean 'proc.cmdline'?)\n  when proc.cmdlin = \"x\"\n       ^"},
      {Rule("net.remot = \"1.2.3.4:80\""),
       "x.rules:3:8: unknown field 'net.remot' (did you mean 'net.remote'?)\n  when net.remot = \"1.2.3.4:80\"\n       ^"},
      {Rule("file.path regex '(a'"),
       "x.rules:3:24: bad regex '(a': missing ): (a\n  when file.path regex '(a'\n                       ^"},
      {Rule("file.path glob \"/tmp/[ab\""),
       "x.rules:3:23: bad glob '/tmp/[ab': unclosed '[' at character 6\n  when file.path glob \"/tmp/[ab\"\n"
       "                      ^"},
      {Rule("spawnd"), "x.rules:3:8: undefined macro 'spawnd'\n  when spawnd\n       ^"},
      {"macro spawned = evt.op = \"exec\"\n" + Rule("spawnd"),
       "x.rules:4:8: undefined macro 'spawnd' (did you mean 'spawned'?)\n  when spawnd\n       ^"},
      {"list shells = (\"/bin/sh\")\n" + Rule("exec.path in shels"),
       "x.rules:4:21: undefined list 'shels' (did you mean 'shells'?)\n  when exec.path in shels\n                    ^"},
      {Rule("proc.pid = \"abc\""),
       "x.rules:3:19: type mismatch: 'proc.pid' is int but \"abc\" is a string\n  when proc.pid = \"abc\"\n"
       "                  ^"},
      {"list pids = (1, \"two\")\n" + Rule("proc.pid in pids"),
       "x.rules:1:17: type mismatch: 'proc.pid' is int but \"two\" is a string\nlist pids = (1, \"two\")\n"
       "                ^"},
      {Rule("evt.reltime > 5"),
       "x.rules:3:22: type mismatch: 'evt.reltime' is a duration: write a unit (5s, 5ms ...)\n"
       "  when evt.reltime > 5\n                     ^"},
      {Rule("evt.op = \"exce\""),  // two letters swapped: one edit
       "x.rules:3:17: unknown value \"exce\" for evt.op (did you mean \"exec\"?)\n  when evt.op = \"exce\"\n"
       "                ^"},
      {Rule("evt.op = \"conect\""),
       "x.rules:3:17: unknown value \"conect\" for evt.op (did you mean \"connect\"?)\n  when evt.op = \"conect\"\n"
       "                ^"},
      {Rule("clone.flags contains \"CLONE_THRED\""),
       "x.rules:3:29: unknown flag \"CLONE_THRED\" for clone.flags (did you mean \"CLONE_THREAD\"?)\n"
       "  when clone.flags contains \"CLONE_THRED\"\n                            ^"},
      {Rule("clone.flags = \"CLONE_THREAD\""),
       "x.rules:3:8: operator '=' does not apply to flags field 'clone.flags' (use 'clone.flags contains \"CLONE_VM\"')\n"
       "  when clone.flags = \"CLONE_THREAD\"\n       ^"},
      {Rule("proc.name < \"b\""),
       "x.rules:3:8: operator '<' does not apply to string field 'proc.name'\n  when proc.name < \"b\"\n       ^"},
      {Rule("proc.pid"),
       "x.rules:3:8: field 'proc.pid' is int, not a condition: compare it ('proc.pid = ...') or test 'proc.pid exists'\n"
       "  when proc.pid\n       ^"},
      {Rule("proc.pid = proc.name"),
       "x.rules:3:19: type mismatch: 'proc.pid' is int but 'proc.name' is string\n  when proc.pid = proc.name\n"
       "                  ^"},
      {Rule("net.remote_ip in 10.0.0.0/33"),
       "x.rules:3:25: bad address '10.0.0.0/33' for net.remote_ip (expected 10.0.0.0/8, 127.0.0.1 or \"fc00::/7\")\n"
       "  when net.remote_ip in 10.0.0.0/33\n                        ^"},
      {Rule("net.remote_ip = 10.0.0.0/8"),
       "x.rules:3:24: a range needs 'in': net.remote_ip in 10.0.0.0/8\n  when net.remote_ip = 10.0.0.0/8\n"
       "                       ^"},
      {"macro a = b\nmacro b = a\n" + Rule("a"), "x.rules:2:11: macro 'a' refers to itself\nmacro b = a\n          ^"},
      {"list a = (b)\nlist b = (a)\n" + Rule("proc.name in a"), "x.rules:2:11: list 'a' includes itself\nlist b = (a)\n          ^"},
      {Rule("true") + Rule("true"),
       "x.rules:6:6: rule 'r' is already defined at x.rules:1:6\nrule r {\n     ^"},
      {"rule r { category proces severity info when true observation \"o\" }",
       "x.rules:1:19: unknown category 'proces' (did you mean 'process'?)\n"
       "rule r { category proces severity info when true observation \"o\" }\n                  ^"},
      {"rule r { category process severity hi when true observation \"o\" }",
       "x.rules:1:36: unknown severity 'hi'\nrule r { category process severity hi when true observation \"o\" }\n"
       "                                   ^"},
      {"rule r { category process severity info observation \"o\" }",
       "x.rules:1:6: rule 'r' has no condition: add 'when', 'none' or 'sequence'\n"
       "rule r { category process severity info observation \"o\" }\n     ^"},
      {"rule r { category process severity info when true }",
       "x.rules:1:6: rule 'r' has no observation\nrule r { category process severity info when true }\n     ^"},
      {"rule r { severity info when true observation \"o\" }",
       "x.rules:1:6: rule 'r' has no category\nrule r { severity info when true observation \"o\" }\n     ^"},
      {"rule r { category process severity info none true count > 5 observation \"o\" }",
       "x.rules:1:51: 'count' needs a 'when' condition\n"
       "rule r { category process severity info none true count > 5 observation \"o\" }\n"
       "                                                  ^"},
      {Rule("true") + "except rr when true\n",
       "x.rules:6:8: exception for unknown rule 'rr' (did you mean 'r'?)\nexcept rr when true\n       ^"},
      {Rule("true", "\n  except builds when true") + "except r build when true\n",
       "x.rules:7:10: rule 'r' has no exception 'build' (did you mean 'builds'?)\nexcept r build when true\n         ^"},
      {"rule r { category process severity info none evt.op = \"exec\" observation \"pid {proc.pid}\" }",
       "x.rules:1:80: an absence rule has no matching event to take 'proc.pid' from (use run.* fields or plain text)\n"
       "rule r { category process severity info none evt.op = \"exec\" observation \"pid {proc.pid}\" }\n"
       "                                                                               ^"},
      {Rule("true", "\n  observation2 \"x\""),
       "x.rules:5:3: unknown rule clause 'observation2' (did you mean 'observation'?)\n  observation2 \"x\"\n  ^"},
      {"rule r { category process severity info when true observation \"{proc.pdi} and {count}\" }",
       "x.rules:1:65: unknown field 'proc.pdi' in the template (did you mean 'proc.pid'?)\n"
       "rule r { category process severity info when true observation \"{proc.pdi} and {count}\" }\n"
       "                                                                ^"},
      {"rule r { category process severity info when true observation \"{proc.pid\" }",
       "x.rules:1:64: unterminated '{' in the template (write '{{' for a brace)\n"
       "rule r { category process severity info when true observation \"{proc.pid\" }\n"
       "                                                               ^"},
      {"rule r { category process severity info sequence { step a: true } observation \"o\" }",
       "x.rules:1:41: a sequence needs at least two steps (use 'when' for one)\n"
       "rule r { category process severity info sequence { step a: true } observation \"o\" }\n"
       "                                        ^"},
      {"rule r { category process severity info requires strac when true observation \"o\" }",
       "x.rules:1:50: unknown source kind 'strac' (did you mean 'strace'?)\n"
       "rule r { category process severity info requires strac when true observation \"o\" }\n"
       "                                                 ^"},
      {"list a += (\"x\")\n", "x.rules:1:6: '+=' to undefined list 'a'\nlist a += (\"x\")\n     ^"},
      {"include \"does_not_exist.rules\"\n",
       "x.rules:1:9: cannot include 'does_not_exist.rules': does_not_exist.rules: cannot read the rule file\n"
       "include \"does_not_exist.rules\"\n        ^"},
      {"rule r { category process severity info when true count by run.exit_code > 1 observation \"o\" }",
       "x.rules:1:60: 'run.exit_code' is the same for every event and cannot group or join them\n"
       "rule r { category process severity info when true count by run.exit_code > 1 observation \"o\" }\n"
       "                                                           ^"},
  };
  for (const ErrorCase& c : cases) EXPECT_EQ(Load(c.source), c.message) << c.source;
}

TEST(RuleChecker, MacroNestingIsBounded) {
  std::string text;
  for (int i = 0; i < 100; ++i) text += StrCat("macro m", i, " = m", i + 1, " and true\n");
  text += "macro m100 = true\n" + Rule("m0");
  EXPECT_NE(Load(text).find("macros nested too deeply (more than 64 levels)"), std::string::npos);
  std::string ok;
  for (int i = 0; i < 30; ++i) ok += StrCat("macro m", i, " = m", i + 1, " and true\n");
  ok += "macro m30 = true\n" + Rule("m0");
  EXPECT_EQ(Load(ok), "ok");
}

TEST(RuleChecker, ReportsEveryErrorOfAFile) {
  std::string msg = Load(Rule("proc.pdi = 1 and file.pth = \"x\""));
  EXPECT_NE(msg.find("unknown field 'proc.pdi'"), std::string::npos) << msg;
  EXPECT_NE(msg.find("unknown field 'file.pth'"), std::string::npos) << msg;
}

TEST(RuleChecker, AFailedAddLeavesTheSetUnchanged) {
  RuleSet set;
  ASSERT_TRUE(set.AddText("a.rules", Rule("true")).ok());
  EXPECT_FALSE(set.AddText("b.rules", "rule s { when nope }").ok());
  EXPECT_EQ(set.RuleNames(), std::vector<std::string>{"r"});
}

std::vector<std::string> Warnings(std::string_view text) {
  RuleSet set;
  absl::Status s = set.AddText("x.rules", text);
  EXPECT_TRUE(s.ok()) << s;
  std::vector<std::string> out;
  for (const Message& m : set.Warnings()) out.push_back(m.rendered);
  return out;
}

TEST(RuleChecker, LintWarnings) {
  EXPECT_EQ(Warnings("list unused = (\"a\")\n" + Rule("true")),
            std::vector<std::string>{"x.rules:1:6: warning: list 'unused' is never used\nlist unused = (\"a\")\n     ^"});
  EXPECT_EQ(Warnings("macro m = true\n" + Rule("true")),
            std::vector<std::string>{"x.rules:1:7: warning: macro 'm' is never used\nmacro m = true\n      ^"});
  EXPECT_EQ(Warnings("macro m = true\nmacro m = evt.op = \"exec\"\n" + Rule("m")),
            std::vector<std::string>{
                "x.rules:2:7: warning: macro 'm' shadows the definition at x.rules:1:7\nmacro m = evt.op = \"exec\"\n      ^"});
  EXPECT_EQ(Warnings(Rule("evt.op = \"exec\" and evt.op = \"open\"")),
            std::vector<std::string>{"x.rules:3:3: warning: the condition of rule 'r' can never match\n"
                                     "  when evt.op = \"exec\" and evt.op = \"open\"\n  ^"});
  EXPECT_EQ(Warnings(Rule("exec.path = \"/bin/sh\" and evt.op = \"connect\"")).size(), 1u);
  EXPECT_EQ(Warnings(Rule("proc.name = \"a\" and proc.name = \"b\"")).size(), 1u);
  EXPECT_EQ(Warnings(Rule("proc.pid in (1, 2) and proc.pid = 3")).size(), 1u);
  EXPECT_EQ(Warnings(Rule("proc.pid in (1, 2) and proc.pid = 2")).size(), 0u);
  EXPECT_EQ(Warnings(Rule("proc.name = \"a\" or proc.name = \"b\"")).size(), 0u);
  EXPECT_EQ(Warnings("rule r { category process severity high when true observation \"o\" }"),
            std::vector<std::string>{"x.rules:1:6: warning: rule 'r' has no recommendation\n"
                                     "rule r { category process severity high when true observation \"o\" }\n     ^"});
  EXPECT_EQ(Warnings("list a = (\"x\")\nlist a = (\"y\")\n" + Rule("proc.name in a")),
            std::vector<std::string>{"x.rules:2:6: warning: list 'a' replaces the definition at x.rules:1:6 (use '+=' "
                                     "to add to it)\nlist a = (\"y\")\n     ^"});
  EXPECT_TRUE(Warnings("list a = (\"x\")\nlist a += (\"y\")\n" + Rule("proc.name in a")).empty());
}

TEST(RuleChecker, CheckFilesReportsErrorsAndWarningsOfTheGivenFilesOnly) {
  std::string path = ::testing::TempDir() + "/check_me.rules";
  {
    FILE* f = std::fopen(path.c_str(), "w");
    std::fputs("list unused = (\"a\")\nrule mine { category file severity info when file.pth exists observation \"o\" }\n", f);
    std::fclose(f);
  }
  auto msgs = CheckFiles({path});
  ASSERT_TRUE(msgs.ok()) << msgs.status();
  ASSERT_EQ(msgs->size(), 2u);
  EXPECT_EQ((*msgs)[1].level, Message::Level::kWarning);
  EXPECT_EQ((*msgs)[1].text, "list 'unused' is never used");
  EXPECT_EQ((*msgs)[0].level, Message::Level::kError);
  EXPECT_EQ((*msgs)[0].line, 2u);
  EXPECT_EQ((*msgs)[0].column, 46u);
  EXPECT_EQ((*msgs)[0].text, "unknown field 'file.pth' (did you mean 'file.path'?)");
  EXPECT_FALSE(CheckFiles({"/nonexistent/x.rules"}).ok());
}

TEST(RuleChecker, GlobsTranslateToAnchoredRegexes) {
  std::string re, err;
  ASSERT_TRUE(GlobToRegex("/home/*/.ssh/*", &re, &err));
  EXPECT_EQ(re, "^/home/[^/]*/\\.ssh/[^/]*$");
  ASSERT_TRUE(GlobToRegex("**/.bashrc", &re, &err));
  EXPECT_EQ(re, "^.*/\\.bashrc$");
  ASSERT_TRUE(GlobToRegex("/tmp/?[!a-c].sh", &re, &err));
  EXPECT_EQ(re, "^/tmp/[^/][^a-c]\\.sh$");
}

}  // namespace
}  // namespace rundown::rules
