// Verdict and table logic of the report model, on findings built in code (the rules are
// tested in rules/, the model in engine/).
#include "reports/report.h"

#include <string>
#include <vector>

#include "engine/ingest.h"
#include "gtest/gtest.h"
#include "reports/writers.h"

namespace rundown::reports {
namespace {

using rules::Category;
using rules::Finding;
using rules::FindingStatus;
using rules::Severity;

class ReportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto store = IngestBuffers({}, IngestOptions{});
    ASSERT_TRUE(store.ok());
    store_ = std::move(*store);
    model_ = BuildModel(store_, 1);
  }
  static Finding Make(std::string rule, Category c, Severity s, FindingStatus st, std::string obs) {
    Finding f;
    f.rule = std::move(rule);
    f.category = c;
    f.severity = s;
    f.status = st;
    f.observation = std::move(obs);
    f.recommendation = "fix " + f.rule;
    f.count = st == FindingStatus::kFired ? 1 : 0;
    return f;
  }
  ReportOptions AllowAll() {
    ReportOptions o;
    std::vector<StandardSource> all;
    EXPECT_TRUE(ParseStandardSource("all", &all));
    o.allow_missing.insert(all.begin(), all.end());
    return o;
  }
  const TableRow& Row(const Report& r, Category c) {
    for (const TableRow& t : r.table)
      if (t.category == c) return t;
    ADD_FAILURE() << "no row";
    return r.table.front();
  }
  EventStore store_;
  Model model_;
};

TEST_F(ReportTest, MissingSourcesMakeInconclusiveAndNamedReasons) {
  Report r = BuildReport(model_, {}, ReportOptions{});
  EXPECT_EQ(r.verdict, Verdict::kInconclusive);
  EXPECT_EQ(ExitCodeFor(r.verdict), 3);
  ASSERT_EQ(r.verdict_reasons.size(), 5u);
  EXPECT_EQ(r.verdict_reasons[0], "missing or empty source: system-call trace (strace_log*)");
  EXPECT_EQ(r.verdict_reasons[2], "missing or empty source: process snapshot (ps.txt)");
  ASSERT_EQ(r.table.size(), 7u);
  for (const TableRow& t : r.table) EXPECT_EQ(t.risk, Risk::kNotAssessed);
}

// Nothing fired, so nothing to fix: the recommendation still says what the run could not
// clear instead of "no action required".
TEST_F(ReportTest, NothingAssessedRecommendsCapturingAgain) {
  Report r = BuildReport(model_, {}, AllowAll());
  EXPECT_EQ(r.verdict, Verdict::kInconclusive);
  ASSERT_EQ(r.recommendations.size(), 1u);
  EXPECT_EQ(r.recommendations[0], "Nothing in this run can be cleared (see the verdict's reasons): capture the missing "
                                  "sources and run the program again before deciding.");
}

TEST_F(ReportTest, CleanRunWithAcceptedGapsNamesTheRowsNotAssessed) {
  Report r = BuildReport(model_, {Make("no_sensitive_read", Category::kFile, Severity::kInfo, FindingStatus::kHeld,
                                       "no sensitive file read")},
                         AllowAll());
  ASSERT_EQ(r.verdict, Verdict::kPass);
  ASSERT_EQ(r.recommendations.size(), 1u);
  EXPECT_EQ(r.recommendations[0], "No action required for what was assessed; process, network, privilege, "
                                  "dependencies, stability, backdoor not assessed (their sources were accepted as "
                                  "missing): capture them in the next run to clear those categories.");
}

// A rule of the row that could not run (its source missing) leaves a harmless finding as a
// floor, not a clean row; a worse finding keeps its risk and the comment names the gap.
TEST_F(ReportTest, FiredRowWithARuleNotAssessedSaysSo) {
  Finding tool = Make("network_tool_not_found", Category::kNetwork, Severity::kHigh, FindingStatus::kNotAssessed,
                      "nc not found");
  tool.missing_sources = {SourceKind::kProgramLog};
  const Finding loopback =
      Make("loopback_connect", Category::kNetwork, Severity::kInfo, FindingStatus::kFired, "connects to 127.0.0.1:9");
  Report info = BuildReport(model_, {loopback, tool}, AllowAll());
  EXPECT_EQ(Row(info, Category::kNetwork).risk, Risk::kNotAssessed);
  EXPECT_EQ(Row(info, Category::kNetwork).observation, "connects to 127.0.0.1:9");
  EXPECT_EQ(Row(info, Category::kNetwork).comments, "missing source: program_log");
  Report medium = BuildReport(model_,
                              {Make("abstract_socket_connect", Category::kNetwork, Severity::kMedium,
                                    FindingStatus::kFired, "connects to @x"),
                               tool},
                              AllowAll());
  EXPECT_EQ(Row(medium, Category::kNetwork).risk, Risk::kMedium);
  EXPECT_EQ(Row(medium, Category::kNetwork).comments, "missing source: program_log");
}

TEST_F(ReportTest, HighFindingFailsEvenWithSourcesMissing) {
  Report r = BuildReport(model_, {Make("shell_spawn", Category::kProcess, Severity::kHigh, FindingStatus::kFired,
                                       "node spawned /bin/sh")},
                         ReportOptions{});
  EXPECT_EQ(r.verdict, Verdict::kFail);
  EXPECT_EQ(ExitCodeFor(r.verdict), 1);
  ASSERT_EQ(r.verdict_reasons.size(), 1u);
  EXPECT_EQ(r.verdict_reasons[0], "high: node spawned /bin/sh");
  EXPECT_EQ(Row(r, Category::kProcess).risk, Risk::kHigh);
  EXPECT_EQ(Row(r, Category::kProcess).observation, "node spawned /bin/sh");
  EXPECT_EQ(r.recommendations.front(), "fix shell_spawn");
}

TEST_F(ReportTest, MediumWarnsLowPassesWhenMissingSourcesAreAccepted) {
  Report warn = BuildReport(model_, {Make("listen_any", Category::kNetwork, Severity::kMedium, FindingStatus::kFired,
                                          "listens on 0.0.0.0:3001")},
                            AllowAll());
  EXPECT_EQ(warn.verdict, Verdict::kWarn);
  EXPECT_EQ(ExitCodeFor(warn.verdict), 0);
  Report pass = BuildReport(model_, {Make("x", Category::kFile, Severity::kLow, FindingStatus::kFired, "low thing")},
                            AllowAll());
  EXPECT_EQ(pass.verdict, Verdict::kPass);
  EXPECT_EQ(Row(pass, Category::kFile).risk, Risk::kLow);
}

TEST_F(ReportTest, HeldAbsenceIsSafeAndNotAssessedNamesTheSource) {
  Finding held = Make("no_child_process", Category::kProcess, Severity::kInfo, FindingStatus::kHeld,
                      "No subprocess creation");
  Finding na = Make("no_outbound", Category::kNetwork, Severity::kInfo, FindingStatus::kNotAssessed, "");
  na.missing_sources = {SourceKind::kStrace};
  Report r = BuildReport(model_, {held, na}, AllowAll());
  EXPECT_EQ(Row(r, Category::kProcess).risk, Risk::kSafe);
  EXPECT_EQ(Row(r, Category::kProcess).observation, "No subprocess creation");
  EXPECT_EQ(Row(r, Category::kNetwork).risk, Risk::kNotAssessed);
  EXPECT_EQ(Row(r, Category::kNetwork).comments, "missing source: strace");
  EXPECT_EQ(Row(r, Category::kBackdoor).comments, "no rule covers this category");
}

// A process rule tagged `backdoor` (exec_from_temp) is what breaks no_backdoor_indicator; its
// finding is listed in the backdoor row too, which otherwise said "no rule covers this
// category" (testdata/cases/go_exec_beacon: /tmp/.updater/update.sh run, nothing else of the
// backdoor kind). The tag does not add a second finding: the verdict counts findings.
TEST_F(ReportTest, FindingTaggedWithAnotherCategoryIsListedInItsRowToo) {
  Finding temp = Make("exec_from_temp", Category::kProcess, Severity::kHigh, FindingStatus::kFired,
                      "a program was executed from a temporary directory: /tmp/.updater/update.sh");
  temp.tags = {"dropper", "backdoor"};
  Finding shell = Make("shell_spawned", Category::kProcess, Severity::kHigh, FindingStatus::kFired,
                       "the program started a shell");
  shell.tags = {"shell", "execution"};
  Report r = BuildReport(model_, {temp, shell}, AllowAll());
  EXPECT_EQ(Row(r, Category::kBackdoor).risk, Risk::kHigh);
  EXPECT_EQ(Row(r, Category::kBackdoor).observation,
            "a program was executed from a temporary directory: /tmp/.updater/update.sh");
  EXPECT_EQ(Row(r, Category::kProcess).observation,
            "a program was executed from a temporary directory: /tmp/.updater/update.sh; the program started a shell");
  EXPECT_EQ(Row(r, Category::kNetwork).comments, "no rule covers this category");
  EXPECT_EQ(r.findings.size(), 2u);
  ASSERT_EQ(r.verdict_reasons.size(), 2u);
  // A tag on a finding that did not fire lists nothing.
  Finding na = Make("exec_from_temp", Category::kProcess, Severity::kHigh, FindingStatus::kNotAssessed, "");
  na.tags = {"backdoor"};
  Report none = BuildReport(model_, {na}, AllowAll());
  EXPECT_EQ(Row(none, Category::kBackdoor).comments, "no rule covers this category");
}

TEST_F(ReportTest, JsonIsValidAndEscaped) {
  Report r = BuildReport(model_, {Make("q", Category::kFile, Severity::kLow, FindingStatus::kFired,
                                       "quote \" backslash \\ newline \n bad \xff byte")},
                         AllowAll());
  std::string json = RenderJson(r);
  EXPECT_NE(json.find("\"schema\":\"rundown.report/1\""), std::string::npos);
  EXPECT_NE(json.find("\"verdict\":\"PASS\""), std::string::npos);
  EXPECT_NE(json.find("quote \\\" backslash \\\\ newline \\n bad \xEF\xBF\xBD byte"), std::string::npos);
  EXPECT_EQ(JsonQuote(std::string("\x01", 1)), "\"\\u0001\"");
  // Ill-formed UTF-8 that a lax check lets through: an overlong '/', a surrogate, a code
  // point above U+10FFFF. Each byte becomes U+FFFD; well-formed text is kept.
  EXPECT_EQ(JsonQuote("a\xC0\xAF" "b"), "\"a\xEF\xBF\xBD\xEF\xBF\xBD" "b\"");
  EXPECT_EQ(JsonQuote("\xED\xA0\x80"), "\"\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\"");
  EXPECT_EQ(JsonQuote("\xF4\x90\x80\x80"), "\"\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\"");
  EXPECT_EQ(JsonQuote("caf\xC3\xA9 \xF0\x9F\x94\x92"), "\"caf\xC3\xA9 \xF0\x9F\x94\x92\"");
}

// A raw line with a terminal escape sequence and binary bytes (a program's own output, a
// damaged file) is shown escaped in the Markdown report: nothing reaches the terminal raw.
TEST_F(ReportTest, MarkdownEscapesControlBytesAndBrokenUtf8) {
  Report r = BuildReport(model_, {Make("q", Category::kFile, Severity::kLow, FindingStatus::kFired,
                                       "\x1b[31mred\x1b[0m \xff\xc0 caf\xC3\xA9")},
                         AllowAll());
  const std::string md = RenderMarkdown(r);
  EXPECT_EQ(md.find('\x1b'), std::string::npos);
  EXPECT_NE(md.find("\\x1b[31mred\\x1b[0m \\xff\\xc0 caf\xC3\xA9"), std::string::npos) << md;
}

TEST(Verdict, NamesAndSourceParsing) {
  EXPECT_EQ(VerdictName(Verdict::kInconclusive), "INCONCLUSIVE");
  EXPECT_EQ(RiskName(Risk::kNotAssessed), "not-assessed");
  std::vector<StandardSource> v;
  EXPECT_TRUE(ParseStandardSource("netstat", &v));
  EXPECT_EQ(v.back(), StandardSource::kSockets);
  EXPECT_FALSE(ParseStandardSource("dns", &v));
}

}  // namespace
}  // namespace rundown::reports
