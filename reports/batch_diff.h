// BatchDiff: what changed between two `rundown batch --format jsonl` outputs, e.g. the same
// audits under the old and the new rule pack, or under two builds of rundown. Folders are
// matched by their "folder" text, then the ones left on both sides by their path under their
// batch's root (the longest folder prefix all rows of that file share: `batch audits/` run
// from /srv and `batch /srv/audits` give audits/p1 and /srv/audits/p1, both p1 under their
// root); a folder matched neither way is only in one file. Findings match by rule name.
//
//   auto old_file = ReadBatchFile("old.jsonl");   // rows + "old.jsonl:7: message" errors
//   BatchDiff d = DiffBatches(old_file->rows, new_file->rows);
//   std::string md = RenderDiffMarkdown(d, {...});
//
// A folder has changed when its verdict, its error, the risk of a category, or a finding
// (added, removed, another count or severity) differs. The first evidence line of a finding
// is shown but not compared: a new parser may cite another line of the same event.
//
// JSON schema "rundown.batch-diff/1" (RenderDiffJson; extend it, never break it):
//   {"schema", "old", "new", "unchanged", "malformed_lines", "old_root", "new_root" (both ""
//    when every match was by the folder text), "changed":[{folder, new_folder, verdict:
//    {old, new}, error:{old, new}, risk:[{category, old, new}], added:[finding],
//    removed:[finding], count_changed:[{rule, old_count, new_count, old_severity,
//    new_severity}]}], "only_in_old":[{folder, verdict}], "only_in_new":[{folder, verdict}]}
// where a finding is {rule, category, severity, count, evidence} as in rundown.batch/1.
#ifndef RUNDOWN_REPORTS_BATCH_DIFF_H_
#define RUNDOWN_REPORTS_BATCH_DIFF_H_

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "reports/batch_row.h"

namespace rundown::reports {

// A batch output read back. A malformed line (not JSON, another schema, a missing key, a
// folder already seen) is not a row: it is one entry of `errors`, "path:line: message", and
// reading goes on. Blank lines are ignored.
struct BatchFile {
  std::string path;
  std::vector<BatchRow> rows;        // file order
  std::vector<std::string> errors;
};
// NotFound / PermissionDenied when the file cannot be read.
absl::StatusOr<BatchFile> ReadBatchFile(const std::string& path);

struct FindingChange {
  BatchFinding old_finding, new_finding;  // same rule, other count or severity
};

struct FolderDiff {
  std::string folder;      // the old row's
  std::string new_folder;  // the new row's: another text when matched under the roots
  std::string old_verdict, new_verdict;
  std::string old_error, new_error;
  struct RiskChange {
    std::string category, old_risk, new_risk;  // "" when the category is absent on that side
  };
  std::vector<RiskChange> risk;
  std::vector<BatchFinding> added, removed;  // in the order of the row that has them
  std::vector<FindingChange> count_changed;

  bool verdict_changed() const { return old_verdict != new_verdict; }
};

struct BatchDiff {
  std::vector<FolderDiff> changed;                           // by folder name
  std::vector<std::pair<std::string, std::string>> only_in_old, only_in_new;  // folder, verdict
  size_t unchanged = 0;
  // The roots the folders left after the match by text were matched under; "" when none was.
  std::string old_root, new_root;

  bool empty() const { return changed.empty() && only_in_old.empty() && only_in_new.empty(); }
};

BatchDiff DiffBatches(const std::vector<BatchRow>& old_rows, const std::vector<BatchRow>& new_rows);

// What the renderers say about the inputs beside the diff itself.
struct DiffInputs {
  std::string old_path, new_path;
  size_t malformed_lines = 0;  // both files
};
std::string RenderDiffMarkdown(const BatchDiff& diff, const DiffInputs& inputs);
std::string RenderDiffJson(const BatchDiff& diff, const DiffInputs& inputs);

}  // namespace rundown::reports

#endif  // RUNDOWN_REPORTS_BATCH_DIFF_H_
