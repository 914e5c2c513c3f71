// BatchRow: what `rundown batch` keeps of one folder's Report (the verdict, the risk per
// category, the fired findings with their first evidence), so that hundreds of folders can
// be analysed without keeping their models, and two batch outputs can be compared
// (reports/batch_diff.h).
//
// JSON Lines schema "rundown.batch/1" (a contract: extend it, never break it), one object
// per folder and line, every key always present:
//   {"schema":"rundown.batch/1", "folder", "verdict" (PASS|WARN|FAIL|INCONCLUSIVE, or ERROR
//    when the folder could not be analysed), "exit_code" (what `rundown analyze FOLDER`
//    exits with: 0, 1, 3; 2 for ERROR), "verdict_reasons":[...], "risk":{category: risk},
//    "findings":[{rule, category, severity, count, evidence: "file:line"}], "diagnostics"
//    (count of unreadable input lines), "missing_sources":[...], "error" (null, or why the
//    folder could not be analysed)}
// Findings are the fired ones, in report order; `evidence` is the first cited line with
// the file named relative to the folder ("strace_log.91:42"; "" when nothing is cited), so
// rows of the same audits stored elsewhere compare equal.
#ifndef RUNDOWN_REPORTS_BATCH_ROW_H_
#define RUNDOWN_REPORTS_BATCH_ROW_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "reports/report.h"

namespace rundown::reports {

inline constexpr std::string_view kBatchSchema = "rundown.batch/1";
inline constexpr std::string_view kErrorVerdict = "ERROR";

struct BatchFinding {
  std::string rule, category, severity;
  uint64_t count = 0;
  std::string evidence;  // "strace_log.91:42", relative to the folder
  bool operator==(const BatchFinding&) const = default;
};

// Names are kept as text, not enums: a row read back may come from another version of
// rundown, whose categories or verdicts this one does not know.
struct BatchRow {
  std::string folder;
  std::string verdict;
  int exit_code = 2;
  std::vector<std::string> verdict_reasons;
  std::vector<std::pair<std::string, std::string>> risk;  // category -> risk, table order
  std::vector<BatchFinding> findings;
  uint64_t diagnostics = 0;
  std::vector<std::string> missing_sources;
  std::string error;  // non-empty: the folder could not be analysed

  bool is_error() const { return !error.empty(); }
};

// The row of an analysed folder; `folder` is report.folder.
BatchRow MakeBatchRow(const Report& report);
// The row of a folder that could not be analysed. REQUIRES: !message.empty().
BatchRow MakeErrorRow(std::string folder, std::string message);

// One JSON object and '\n'.
std::string RenderBatchRow(const BatchRow& row);
// Reads one line written by RenderBatchRow (or by a later version: unknown keys are
// ignored). InvalidArgument says what is wrong: not JSON, another schema, a missing or
// mistyped key.
absl::StatusOr<BatchRow> ParseBatchRow(std::string_view line);

// The Markdown summary: one table row per folder (folder | verdict | risk per category |
// findings), then the totals per verdict.
std::string RenderBatchMarkdown(const std::vector<BatchRow>& rows);

}  // namespace rundown::reports

#endif  // RUNDOWN_REPORTS_BATCH_ROW_H_
