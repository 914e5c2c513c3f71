#include "rules/parser.h"

#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "rules/lexer.h"

namespace rundown::rules {
namespace {

std::string ParseOrError(std::string_view text) {
  SourceText src("x.rules", std::string(text));
  DiagSink sink;
  Module m;
  if (!ParseModule(src, &sink, &m)) return std::string(sink.ToStatus().message());
  return Dump(m);
}

std::string ParseExprOrError(std::string_view text) {
  SourceText src("<where>", std::string(text));
  DiagSink sink;
  auto e = ParseExpression(src, &sink);
  if (!e) return std::string(sink.ToStatus().message());
  return Dump(*e);
}

// Replaces every space outside string literals with `with`.
std::string Respace(std::string_view text, std::string_view with) {
  std::string out;
  char quote = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (quote == 0 && text.substr(i, 3) == "\"\"\"") {
      size_t end = text.find("\"\"\"", i + 3);
      out.append(text.substr(i, end + 3 - i));
      i = end + 2;
      continue;
    }
    if (quote != 0) {
      out.push_back(c);
      if (c == '\\' && quote == '"' && i + 1 < text.size()) out.push_back(text[++i]);
      else if (c == quote) quote = 0;
      continue;
    }
    if (c == '"' || c == '\'') quote = c;
    if (c == ' ') out.append(with);
    else out.push_back(c);
  }
  return out;
}

struct Case {
  std::string_view source;
  std::string_view dump;
};

// Expressions: every operator and form, with its canonical dump.
const Case kExprCases[] = {
    {"a", "ref{a}"},
    {"a and not b", "and{ref{a} not{ref{b}}}"},
    {"a or b and c", "or{ref{a} and{ref{b} ref{c}}}"},
    {"(a or b) and c", "and{or{ref{a} ref{b}} ref{c}}"},
    {"a and b and c", "and{ref{a} ref{b} ref{c}}"},
    {"a or b or c", "or{ref{a} ref{b} ref{c}}"},
    {"not not a", "not{not{ref{a}}}"},
    {"true or false", "or{bool{true} bool{false}}"},
    {"proc.pid = 5", "eq{field{proc.pid} int{5}}"},
    {"proc.pid != -1", "ne{field{proc.pid} int{-1}}"},
    {"proc.pid < 0x10", "lt{field{proc.pid} int{16}}"},
    {"evt.result <= 0", "le{field{evt.result} int{0}}"},
    {"evt.reltime > 30s", "gt{field{evt.reltime} dur{30000000000}}"},
    {"evt.reltime >= 500ms", "ge{field{evt.reltime} dur{500000000}}"},
    {"run.duration < 2m", "lt{field{run.duration} dur{120000000000}}"},
    {"run.duration < 1h", "lt{field{run.duration} dur{3600000000000}}"},
    {"evt.reltime < 10us", "lt{field{evt.reltime} dur{10000}}"},
    {"evt.reltime < 7ns", "lt{field{evt.reltime} dur{7}}"},
    {"proc.cmdline = \"sh -c \\\"id\\\"\"", "eq{field{proc.cmdline} str{\"sh -c \\\"id\\\"\"}}"},
    {"file.path = '/tmp/a b'", "eq{field{file.path} str{\"/tmp/a b\"}}"},
    {"file.path regex '^/tmp/\\w+$'", "regex{field{file.path} str{\"^/tmp/\\\\w+$\"}}"},
    {"file.path regex \"\\d+\"", "regex{field{file.path} str{\"\\\\d+\"}}"},
    {"exec.ok = true", "eq{field{exec.ok} bool{true}}"},
    {"thread.tid = proc.pid", "eq{field{thread.tid} field{proc.pid}}"},
    {"exec.path in (\"/bin/sh\", \"/bin/bash\")", "in{field{exec.path} list{str{\"/bin/sh\"} str{\"/bin/bash\"}}}"},
    {"exec.path in (\"/bin/sh\",)", "in{field{exec.path} list{str{\"/bin/sh\"}}}"},
    {"exec.path in shells", "in{field{exec.path} listref{shells}}"},
    {"exec.path not in shells", "not{in{field{exec.path} listref{shells}}}"},
    {"net.remote_ip in 10.0.0.0/8", "in{field{net.remote_ip} ip{10.0.0.0/8}}"},
    {"net.remote_ip in (10.0.0.0/8, 192.168.0.0/16, \"fc00::/7\")",
     "in{field{net.remote_ip} list{ip{10.0.0.0/8} ip{192.168.0.0/16} str{\"fc00::/7\"}}}"},
    {"net.remote_ip = 127.0.0.1", "eq{field{net.remote_ip} ip{127.0.0.1}}"},
    {"file.path startswith \"/tmp/\"", "startswith{field{file.path} str{\"/tmp/\"}}"},
    {"file.path startswith (\"/tmp/\", \"/dev/shm/\")",
     "startswith{field{file.path} list{str{\"/tmp/\"} str{\"/dev/shm/\"}}}"},
    {"file.path endswith \".sh\"", "endswith{field{file.path} str{\".sh\"}}"},
    {"file.path not endswith \".sh\"", "not{endswith{field{file.path} str{\".sh\"}}}"},
    {"proc.cmdline contains \"curl\"", "contains{field{proc.cmdline} str{\"curl\"}}"},
    {"clone.flags contains \"CLONE_THREAD\"", "contains{field{clone.flags} str{\"CLONE_THREAD\"}}"},
    {"file.path glob \"/home/*/.ssh/*\"", "glob{field{file.path} str{\"/home/*/.ssh/*\"}}"},
    {"file.path glob secret_globs", "glob{field{file.path} listref{secret_globs}}"},
    {"proc.user exists", "exists{field{proc.user}}"},
    {"not proc.user exists", "not{exists{field{proc.user}}}"},
    {"a and (b or (c and not d))", "and{ref{a} or{ref{b} and{ref{c} not{ref{d}}}}}"},
    {"proc.pid=5 and(proc.ppid=1)", "and{eq{field{proc.pid} int{5}} eq{field{proc.ppid} int{1}}}"},
};

TEST(RuleParser, ExpressionsDumpCanonically) {
  for (const Case& c : kExprCases) {
    EXPECT_EQ(ParseExprOrError(c.source), c.dump) << c.source;
    EXPECT_EQ(ParseExprOrError(Respace(c.source, "\n")), c.dump) << "newlines: " << c.source;
    EXPECT_EQ(ParseExprOrError(Respace(c.source, "\t \t")), c.dump) << "tabs: " << c.source;
    EXPECT_EQ(ParseExprOrError(Respace(c.source, " # comment\n")), c.dump) << "comments: " << c.source;
  }
}

// Declarations: every clause and top-level form.
const Case kModuleCases[] = {
    {"include \"net.rules\"", "include{\"net.rules\"}"},
    {"list shells = (\"/bin/sh\", \"/bin/bash\")", "list{shells = str{\"/bin/sh\"} str{\"/bin/bash\"}}"},
    {"list shells += (\"/bin/zsh\", more_shells)", "list{shells += str{\"/bin/zsh\"} listref{more_shells}}"},
    {"list ports = (22, 3306,)", "list{ports = int{22} int{3306}}"},
    {"list empty = ()", "list{empty = }"},
    {"list nets = (10.0.0.0/8, \"fc00::/7\")", "list{nets = ip{10.0.0.0/8} str{\"fc00::/7\"}}"},
    {"macro spawned = evt.op = \"exec\" and not exec.initial",
     "macro{spawned and{eq{field{evt.op} str{\"exec\"}} not{ref{exec.initial}}}}"},
    {"rule r { category process severity high when spawned observation \"spawned {exec.path}\" }",
     "rule{r category{process} severity{high} when{ref{spawned}} observation{\"spawned {exec.path}\"}}"},
    {"rule r { when a recommendation \"do x\" references \"T1059\", \"T1059.004\" tags shell, spawn }",
     "rule{r when{ref{a}} recommendation{\"do x\"} references{\"T1059\" \"T1059.004\"} tags{\"shell\" \"spawn\"}}"},
    {"rule r { references T1059.004 }", "rule{r references{\"T1059.004\"}}"},
    {"rule r { requires strace, ss|netstat none evt.op = \"connect\" }",
     "rule{r requires{strace ss|netstat} none{eq{field{evt.op} str{\"connect\"}}}}"},
    {"rule r { when evt.op = \"connect\" count by proc.pid > 50 }",
     "rule{r when{eq{field{evt.op} str{\"connect\"}}} count{by{proc.pid} gt 50}}"},
    {"rule r { when a count distinct net.remote by proc.pid, thread.tid >= 10 }",
     "rule{r when{ref{a}} count{distinct{net.remote} by{proc.pid thread.tid} ge 10}}"},
    {"rule r { when a count > 3 }", "rule{r when{ref{a}} count{gt 3}}"},
    {"rule r { sequence by proc.pid within 30s { step secret: a step out: b and c } }",
     "rule{r sequence{by{proc.pid} within{30000000000} step{secret ref{a}} step{out and{ref{b} ref{c}}}}}"},
    {"rule r { sequence { step a step b } }", "rule{r sequence{step{ref{a}} step{ref{b}}}}"},
    {"rule r { when a except when b except build when c }",
     "rule{r when{ref{a}} except{ref{b}} except{build ref{c}}}"},
    {"except shell_spawned when proc.cmdline = \"npm run build\"",
     "except{shell_spawned eq{field{proc.cmdline} str{\"npm run build\"}}}"},
    {"except shell_spawned build_tools when exec.name = \"make\"",
     "except{shell_spawned build_tools eq{field{exec.name} str{\"make\"}}}"},
    {"test t { file \"strace_log.91\" \"\"\"\n    91 execve(\"/bin/sh\") = 0\n    \"\"\" expect r fired 2 expect s held "
     "expect u not_assessed expect v silent }",
     "test{t file{\"strace_log.91\" \"91 execve(\\\"/bin/sh\\\") = 0\\n\"} expect{r fired 2} expect{s held} "
     "expect{u not_assessed} expect{v silent}}"},
    {"test t { file strace \"trace.txt\" \"x\" }", "test{t file{strace \"trace.txt\" \"x\"}}"},
    {"list a = (\"x\") macro m = true rule r { when m }",
     "list{a = str{\"x\"}}\nmacro{m bool{true}}\nrule{r when{ref{m}}}"},
};

TEST(RuleParser, DeclarationsDumpCanonically) {
  for (const Case& c : kModuleCases) {
    EXPECT_EQ(ParseOrError(c.source), c.dump) << c.source;
    EXPECT_EQ(ParseOrError(Respace(c.source, "\n")), c.dump) << "newlines: " << c.source;
    EXPECT_EQ(ParseOrError(Respace(c.source, "\t\n\t")), c.dump) << "tabs: " << c.source;
  }
}

TEST(RuleParser, CommentsAreIgnored) {
  EXPECT_EQ(ParseOrError("# only a comment\n"), "");
  EXPECT_EQ(ParseOrError("rule r { # the rule\n when a # and b\n }"), "rule{r when{ref{a}}}");
}

TEST(RuleParser, TripleQuotedFixturesLoseCommonIndentation) {
  EXPECT_EQ(ParseOrError("test t { file \"a\" \"\"\"\n  x\n    y\n  z\n  \"\"\" }"),
            "test{t file{\"a\" \"x\\n  y\\nz\\n\"}}");
}

struct ErrorCase {
  std::string_view source;
  std::string_view message;
};

const ErrorCase kErrorCases[] = {
    {"rule r {\n  when proc.name = \"sh\n}\n",
     "x.rules:2:20: unterminated string\n  when proc.name = \"sh\n                   ^"},
    {"rule r {\n  when proc.pid = \n}",
     "x.rules:3:1: expected a value after the comparison, found '}'\n}\n^"},
    {"rule r { wen a }",
     "x.rules:1:10: unknown rule clause 'wen' (did you mean 'when'?)\nrule r { wen a }\n         ^"},
    {"rule r { when a and }",
     "x.rules:1:21: expected a condition (a field comparison, a macro or '('), found '}'\nrule r { when a and }\n"
     "                    ^"},
    {"rule r { when (a or b }",
     "x.rules:1:23: expected ')' to close '(', found '}'\nrule r { when (a or b }\n                      ^"},
    {"rule r { when a when b }",
     "x.rules:1:17: a rule has one of 'when', 'none' or 'sequence'\nrule r { when a when b }\n                ^"},
    {"rule and { }", "x.rules:1:6: 'and' is a reserved word and cannot be a rule name\nrule and { }\n     ^"},
    {"macro m.x = a", "x.rules:1:7: 'm.x' cannot be a macro name: names of lists, macros, rules and steps have no "
                      "'.'\nmacro m.x = a\n      ^"},
    {"rules r { }",
     "x.rules:1:1: expected 'rule', 'list', 'macro', 'except', 'include' or 'test', found 'rules'\nrules r { }\n^"},
    {"rule r { when a count by proc.pid 5 }",
     "x.rules:1:35: expected a comparison (> 50, >= 10 ...) in 'count', found number 5\n"
     "rule r { when a count by proc.pid 5 }\n                                  ^"},
    {"rule r { sequence within 30 { step a } }",
     "x.rules:1:26: expected a duration (30s, 500ms ...) after 'within', found number 30\n"
     "rule r { sequence within 30 { step a } }\n                         ^"},
    {"rule r { sequence { } }",
     "x.rules:1:21: expected 'step' in the sequence, found '}'\nrule r { sequence { } }\n                    ^"},
    {"rule r { when evt.reltime > 5sec }",
     "x.rules:1:30: unknown unit 'sec' (use ns, us, ms, s, m or h)\nrule r { when evt.reltime > 5sec }\n"
     "                             ^"},
    {"rule r { when proc.pid=5and b }",
     "x.rules:1:25: unknown unit 'and' (use ns, us, ms, s, m or h)\nrule r { when proc.pid=5and b }\n"
     "                        ^"},
    {"rule r { when a ! b }",
     "x.rules:1:17: unexpected character '!' (did you mean '!=' or 'not'?)\nrule r { when a ! b }\n                ^"},
    {"rule r { when x in () }",
     "x.rules:1:21: empty list: write at least one value between '(' and ')'\nrule r { when x in () }\n"
     "                    ^"},
    {"test t { file \"a\" \"\"\"\nabc\n }",
     "x.rules:1:19: unterminated string\ntest t { file \"a\" \"\"\"\n                  ^"},
    {"rule r {\n\twhen\ta =\t}", "x.rules:2:11: expected a value after the comparison, found '}'\n\twhen\ta =\t}\n\t    \t   \t^"},
    {"rule r { category process category file }",
     "x.rules:1:27: duplicate 'category' clause\nrule r { category process category file }\n"
     "                          ^"},
};

TEST(RuleParser, ErrorsArePositionedWithACaret) {
  for (const ErrorCase& c : kErrorCases) EXPECT_EQ(ParseOrError(c.source), c.message) << c.source;
}

TEST(RuleParser, DepthIsBounded) {
  std::string deep = "rule r { when " + std::string(200, '(') + "a" + std::string(200, ')') + " }";
  EXPECT_EQ(ParseOrError(deep).substr(0, 64), "x.rules:1:79: expression nested too deeply (more than 64 levels)");
  std::string nots = "rule r { when ";
  for (int i = 0; i < 100; ++i) nots += "not ";
  nots += "a }";
  EXPECT_NE(ParseOrError(nots).find("nested too deeply"), std::string::npos);
  std::string ok = "rule r { when " + std::string(60, '(') + "a" + std::string(60, ')') + " }";
  EXPECT_EQ(ParseOrError(ok), "rule{r when{ref{a}}}");
}

TEST(RuleParser, ColumnsCountCharactersNotBytes) {
  EXPECT_EQ(ParseOrError("rule r { observation \"é\" when a = }"),
            "x.rules:1:35: expected a value after the comparison, found '}'\n"
            "rule r { observation \"é\" when a = }\n"
            "                                  ^");
}

TEST(RuleLexer, StringCharOffsetSkipsEscapes) {
  std::string_view src = R"(x "a\"b{c}")";
  EXPECT_EQ(StringCharOffset(src, 2, 0), 3u);
  EXPECT_EQ(StringCharOffset(src, 2, 3), 7u);  // '{' after a, \", b
}

}  // namespace
}  // namespace rundown::rules
