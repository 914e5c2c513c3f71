// The analysis path every command shares: an artifacts folder (or an archive of one) is
// discovered, ingested, modelled, checked by the rules and turned into a Report. `analyze`
// renders that Report; `batch` keeps a BatchRow of it per folder; `events` stops after the
// model. There is no other implementation of the analysis.
//
//   auto rules = LoadRules({"team.rules"});                  // once, shared by every folder
//   auto a = AnalyzeFolder("audits/17", options, *rules);    // a->report, a->files
//
// Thread-safety: AnalyzeFolder may run for several folders at once with the same RuleSet (a
// RuleSet is immutable once loaded); each call owns its store, model and temporary folder.
#ifndef RUNDOWN_CLI_ANALYSIS_H_
#define RUNDOWN_CLI_ANALYSIS_H_

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "engine/event_store.h"
#include "engine/ingest.h"
#include "parsers/archive_bundle.h"
#include "parsers/source_sniffer.h"
#include "reports/report.h"
#include "rules/rule_set.h"

namespace rundown::cli {

// Options that shape how a folder is read, common to analyze, parse, events and batch.
struct CommonOptions {
  int threads = 0;                   // 0 = all cores
  std::vector<std::string> sources;  // KIND=PATH overrides
  std::string inotify_format, inotify_timefmt;
};

// The built-in pack plus `files`, in order; the first file that does not load is the error.
absl::StatusOr<rules::RuleSet> LoadRules(const std::vector<std::string>& files);

// Parses --allow-missing values (strace, ss, netstat, ps, inotify, program_log, all) into
// `out`. InvalidArgument names the first bad value.
absl::Status ParseAllowMissing(const std::vector<std::string>& values, std::set<reports::StandardSource>* out);

// Applies --source KIND=PATH: the file is used as KIND, replacing a discovered file of the
// same path. NotFound when PATH cannot be opened.
absl::Status ApplySourceOverrides(const std::vector<std::string>& specs, Discovery* d);

IngestOptions MakeIngestOptions(const CommonOptions& c);

// Discovers the sources of a folder (plus --source overrides) and ingests them. A file that
// was found but cannot be read keeps its SourceFile::error (and a diagnostic): the rest of
// the folder is still read, and the report counts the file as not assessed. An archive given
// instead of a folder (audit.tar.gz, artifacts.zip) is extracted into `*bundle`, which the
// caller keeps until the cited lines have been read.
absl::StatusOr<EventStore> IngestFolder(const std::string& dir, const CommonOptions& common,
                                        std::vector<SkippedFile>* skipped, std::optional<ExtractedBundle>* bundle);

struct Analysis {
  reports::Report report;
  size_t files = 0;    // source files ingested (0: nothing in the folder was recognised)
  size_t events = 0;   // events in the store
  size_t rules = 0;    // rules evaluated
  double parse_seconds = 0, model_seconds = 0, rules_seconds = 0, report_seconds = 0;
};

// The whole analysis of `dir` (steps 1-6 of docs/ARCHITECTURE.md). The report's files are
// named as given: `dir/strace_log.28`, or `audit.tar.gz/strace_log.28` for an archive. An
// error only when the folder cannot be read (missing, unreadable, bad archive, a --source
// that cannot be opened); missing sources are the report's business (INCONCLUSIVE).
absl::StatusOr<Analysis> AnalyzeFolder(const std::string& dir, const CommonOptions& common,
                                       const std::set<reports::StandardSource>& allow_missing,
                                       const rules::RuleSet& rules);

}  // namespace rundown::cli

#endif  // RUNDOWN_CLI_ANALYSIS_H_
