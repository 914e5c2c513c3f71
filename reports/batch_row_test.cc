#include "reports/batch_row.h"

#include "gtest/gtest.h"

namespace rundown::reports {
namespace {

Report SmallReport() {
  Report r;
  r.folder = "audits/7";
  r.verdict = Verdict::kFail;
  r.verdict_reasons = {"high: the program started a shell"};
  r.table = {{rules::Category::kProcess, "a shell", Risk::kHigh, ""},
             {rules::Category::kNetwork, "", Risk::kNotAssessed, ""}};
  ReportFinding fired;
  fired.rule = "shell_spawned";
  fired.category = rules::Category::kProcess;
  fired.severity = rules::Severity::kHigh;
  fired.count = 2;
  fired.evidence = {{"audits/7/strace_log.91", 42, "execve(\"/bin/sh\", ...) = 0"}, {"audits/7/strace_log.91", 50, ""}};
  ReportFinding held = fired;
  held.rule = "no_privilege_operation";
  held.status = rules::FindingStatus::kHeld;
  r.findings = {fired, held};
  r.diagnostics_total = 3;
  r.missing_sources = {"socket snapshot"};
  return r;
}

TEST(BatchRow, KeepsTheVerdictRisksAndFiredFindingsWithEvidenceNamedFromTheFolder) {
  EXPECT_EQ(RenderBatchRow(MakeBatchRow(SmallReport())),
            R"({"schema":"rundown.batch/1","folder":"audits/7","verdict":"FAIL","exit_code":1,)"
            R"("verdict_reasons":["high: the program started a shell"],"risk":{"process":"high","network":"not-assessed"},)"
            R"("findings":[{"rule":"shell_spawned","category":"process","severity":"high","count":2,)"
            R"("evidence":"strace_log.91:42"}],"diagnostics":3,)"
            R"("missing_sources":["socket snapshot"],"error":null})"
            "\n");
  EXPECT_EQ(RenderBatchRow(MakeErrorRow("audits/8", "audits/8: no such folder")),
            R"({"schema":"rundown.batch/1","folder":"audits/8","verdict":"ERROR","exit_code":2,"verdict_reasons":[],)"
            R"("risk":{},"findings":[],"diagnostics":0,"missing_sources":[],"error":"audits/8: no such folder"})"
            "\n");
}

TEST(BatchRow, ReadsBackWhatItWrites) {
  for (const BatchRow& row : {MakeBatchRow(SmallReport()), MakeErrorRow("a \"quoted\" | folder", "bad\narchive")}) {
    const std::string line = RenderBatchRow(row);
    auto back = ParseBatchRow(line);
    ASSERT_TRUE(back.ok()) << back.status().message();
    EXPECT_EQ(RenderBatchRow(*back), line);
  }
}

TEST(BatchRow, RejectsLinesThatAreNoRowWithTheReason) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"", "not JSON (Empty: no JSON found)"},
      {"42", "not a JSON object"},
      {R"({"folder":"a"})", "key \"schema\" missing or not a string"},
      {R"({"schema":"rundown.batch/2","folder":"a"})", "schema \"rundown.batch/2\", expected \"rundown.batch/1\""},
      {R"({"schema":"rundown.batch/1","folder":"","verdict":"PASS"})", "empty \"folder\""},
      {R"({"schema":"rundown.batch/1","folder":"a","verdict":"PASS","exit_code":"0"})",
       "key \"exit_code\" missing or not an integer"},
      {R"({"schema":"rundown.batch/1","folder":"a","verdict":"PASS","exit_code":0,"verdict_reasons":[],)"
       R"("missing_sources":[],"risk":{},"findings":[{"rule":"r","category":"c","severity":"low","evidence":""}],)"
       R"("diagnostics":0,"error":null})",
       "key \"findings[].count\" missing or not a count"},
      {R"({"schema":"rundown.batch/1","folder":"a","verdict":"PASS","exit_code":0,"verdict_reasons":[],)"
       R"("missing_sources":[],"risk":{},"findings":[],"diagnostics":0,"error":"lost"})",
       "verdict \"PASS\" with error \"lost\""},
  };
  for (const auto& [line, message] : cases) {
    auto row = ParseBatchRow(line);
    ASSERT_FALSE(row.ok()) << line;
    EXPECT_EQ(std::string(row.status().message()), message) << line;
  }
}

}  // namespace
}  // namespace rundown::reports
