// `rundown batch`: many artifacts folders analysed side by side, one BatchRow each.
//
// Which folders a DIR argument stands for (ExpandBatchFolders), decided by what source
// discovery sees directly in DIR:
//   - DIR holds a known source itself (a file that ClassifyFile places: strace_log.28,
//     ps.txt, a sniffed trace ...), or DIR is an archive (audit-17.tar.gz): DIR is one
//     artifacts folder, analysed as `rundown analyze DIR` would (sub-folders included).
//   - Otherwise DIR is a collection: each of its sub-folders (a symlink to a folder counts;
//     hidden folders, node_modules, __pycache__ and venv do not, as in discovery) and each
//     archive in it (libarchive reads it, or its name says .tar*, .tgz, .zip, .7z ...) is
//     one artifacts folder. Other files directly in DIR (README.md) are
//     no folder and are left out.
//   - A collection without sub-folders or archives (an empty folder) is itself one folder,
//     whose row will say that nothing in it is a known source. A DIR that does not exist
//     is a row with that error. Nothing given is dropped in silence.
// The folders are sorted (numeric-aware: audit-9 before audit-10) and deduplicated, so the
// rows' order never depends on the argument order's accidents or on the thread count.
//
// AnalyzeBatch runs cli/analysis.h's AnalyzeFolder for every folder in a TBB parallel_for
// and keeps only the BatchRow of each: a folder's store and model are freed when its row is
// made. Each folder runs isolated (this_task_arena::isolate), so a thread waiting inside one
// analysis never starts another folder: at most `threads` models are alive at once.
#ifndef RUNDOWN_CLI_BATCH_H_
#define RUNDOWN_CLI_BATCH_H_

#include <set>
#include <string>
#include <vector>

#include "cli/analysis.h"
#include "reports/batch_row.h"

namespace rundown::cli {

std::vector<std::string> ExpandBatchFolders(const std::vector<std::string>& dirs);

// One row per folder, in the order given. A folder that cannot be analysed (missing,
// unreadable, a bad archive, no known source in it) is an error row; the others go on.
std::vector<reports::BatchRow> AnalyzeBatch(const std::vector<std::string>& folders, const CommonOptions& common,
                                            const std::set<reports::StandardSource>& allow_missing,
                                            const rules::RuleSet& rules);

}  // namespace rundown::cli

#endif  // RUNDOWN_CLI_BATCH_H_
