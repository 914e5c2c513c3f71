// The report model: everything a reviewer's hand-written report holds, computed once from
// the run model and the rule findings, then rendered by the writers (markdown, JSON).
//
//   overview (what ran, as whom, how long, how it ended) -> process tree -> file and network
//   activity -> syscall summary -> security table (one row per category) -> findings with
//   evidence (file:line and the raw line) -> numbered recommendations -> verdict.
//
// Honesty rules live here: a category whose sources are missing is not-assessed (never
// safe); a run that died during start-up, or a missing standard source, makes the verdict
// INCONCLUSIVE unless the user accepted that source's absence (--allow-missing); evidence of
// harm (a high or critical finding) is FAIL whatever else is missing.
#ifndef RUNDOWN_REPORTS_REPORT_H_
#define RUNDOWN_REPORTS_REPORT_H_

#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "engine/model.h"
#include "parsers/source_sniffer.h"
#include "rules/rule_set.h"

namespace rundown::reports {

enum class Verdict { kPass, kWarn, kFail, kInconclusive };
enum class Risk { kSafe, kLow, kMedium, kHigh, kCritical, kNotAssessed };

// The five standard sources a complete capture has.
enum class StandardSource { kStrace, kSockets, kProcesses, kFileEvents, kProgramOutput };

struct EvidenceLine {
  std::string file;   // path as given on the command line / discovered
  uint32_t line = 0;
  std::string text;   // raw line, capped
};

struct ReportFinding {
  std::string rule;
  rules::Category category = rules::Category::kProcess;
  rules::Severity severity = rules::Severity::kInfo;
  rules::FindingStatus status = rules::FindingStatus::kFired;
  std::string observation;
  std::string recommendation;
  std::vector<std::string> references;
  // The rule's tags. A tag that is a category name ("backdoor") also lists a fired finding in
  // that category's table row: a rule reports in one category, but what it saw can be an
  // indicator of another (a program run from /tmp is a process finding and a dropper sign).
  std::vector<std::string> tags;
  uint64_t count = 0;
  std::vector<EvidenceLine> evidence;
  // The number of events `evidence` cites when the rule held more (ReportOptions::
  // max_evidence_per_finding); 0 when it cites all. `count` alone cannot say it: a count is of
  // groups for `count ... by` rules, and an event may cite two lines (strace's unfinished and
  // resumed halves).
  size_t evidence_cut_at = 0;
  std::vector<std::string> missing_sources;
};

struct TableRow {
  rules::Category category = rules::Category::kProcess;
  std::string observation;
  Risk risk = Risk::kNotAssessed;
  std::string comments;
  bool source_missing = false;  // not assessed because a rule's source is absent; the trace's
                                // own checks of the row did run
};

struct CoverageRow {
  std::string source;               // strace|inotify|ss|netstat|ps|program_log|container
  std::vector<std::string> files;
  uint64_t lines = 0, events = 0, unparsed = 0;
  std::string first_time, last_time;  // the span its timestamps cover ("" without times)
  std::string overlaps_trace;         // "yes", "no", "unknown (...)"; "" for strace itself
};

struct DiagnosticLine {
  std::string file;
  uint32_t line = 0;
  std::string message;
  std::string text;
};

struct ReportOptions {
  std::string folder;
  std::set<StandardSource> allow_missing;
  std::vector<SkippedFile> skipped;
  size_t max_evidence_per_finding = 10;
  size_t max_diagnostics = 200;
};

struct Report {
  std::string folder;
  Verdict verdict = Verdict::kInconclusive;
  std::vector<std::string> verdict_reasons;
  // Overview
  std::string target;        // command line of the root process
  std::string user;
  int32_t root_pid = 0;
  std::string started, ended; // human-readable times when known
  double duration_s = -1;
  std::string exit_status;   // "exited with 0", "killed by SIGSEGV", "unknown"
  std::string life;          // steady-state / crash explanation
  // Sandbox settings from container metadata (docker inspect): setting -> value.
  std::vector<std::pair<std::string, std::string>> sandbox;
  std::vector<std::string> process_tree;   // pre-rendered lines
  std::vector<std::string> file_activity;  // pre-rendered lines
  std::vector<std::string> network_activity;
  std::vector<std::pair<std::string, std::pair<uint64_t, uint64_t>>> syscalls;  // name, (calls, errors)
  uint64_t syscall_total = 0;
  std::vector<TableRow> table;
  std::vector<ReportFinding> findings;
  std::vector<std::string> recommendations;
  std::vector<CoverageRow> coverage;
  std::vector<std::string> missing_sources;  // human text: "process snapshot (ps.txt)"
  std::vector<DiagnosticLine> diagnostics;
  uint64_t diagnostics_total = 0;
  std::vector<SkippedFile> skipped;
  std::vector<std::string> notes;
};

Report BuildReport(const Model& model, const std::vector<rules::Finding>& findings,
                   const ReportOptions& options);

// Names the files under folder `root` as `label/...` (an extracted archive: its temporary
// folder becomes the archive's name) in evidence, coverage, diagnostics and skipped files.
void RelabelFiles(Report* report, std::string_view root, std::string_view label);

std::string_view VerdictName(Verdict v);  // "PASS", "WARN", "FAIL", "INCONCLUSIVE"
std::string_view RiskName(Risk r);        // "safe", ..., "not-assessed"
bool ParseStandardSource(std::string_view name, std::vector<StandardSource>* out);  // "all" too
// 0 PASS/WARN, 1 FAIL, 3 INCONCLUSIVE.
int ExitCodeFor(Verdict v);

}  // namespace rundown::reports

#endif  // RUNDOWN_REPORTS_REPORT_H_
