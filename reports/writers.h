// Renderers of a Report. Both read only the Report; neither computes anything, so the
// markdown a reviewer reads and the JSON a script reads always agree.
//
// JSON schema "rundown.report/1" (a contract: extend it, never break it):
//   {"schema", "verdict", "verdict_reasons", "overview", "coverage":[{source, files, lines,
//    events, unparsed, first_time, last_time, overlaps_trace}], "missing_sources", "table":[{category, observation, risk, comments}],
//    "findings":[{rule, category, severity, status, observation, recommendation, references,
//    count, evidence:[{file, line, text}], evidence_cut_at (the events cited when the rule
//    held more, else 0), missing_sources}], "recommendations",
//    "process_tree", "file_activity", "network_activity", "syscalls", "diagnostics":[{file,
//    line, message, text}], "diagnostics_total", "skipped":[{file, reason}], "notes"}
#ifndef RUNDOWN_REPORTS_WRITERS_H_
#define RUNDOWN_REPORTS_WRITERS_H_

#include <string>

#include "reports/report.h"

namespace rundown::reports {

std::string RenderMarkdown(const Report& report);
std::string RenderJson(const Report& report);

// A Markdown table cell: '|' escaped, line breaks as spaces.
std::string MarkdownCell(std::string_view s);

// JSON string literal for `s` (quotes included); invalid UTF-8 bytes become U+FFFD.
std::string JsonQuote(std::string_view s);

}  // namespace rundown::reports

#endif  // RUNDOWN_REPORTS_WRITERS_H_
