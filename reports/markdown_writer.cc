#include <cstdio>

#include "parsers/text_encoding.h"
#include "parsers/text_util.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "reports/writers.h"

namespace rundown::reports {
namespace {

std::string Title(rules::Category c) {
  switch (c) {
    case rules::Category::kProcess: return "Process spawning";
    case rules::Category::kNetwork: return "Network";
    case rules::Category::kFile: return "File access";
    case rules::Category::kPrivilege: return "Privilege operations";
    case rules::Category::kDependencies: return "Dependencies";
    case rules::Category::kStability: return "Code stability";
    case rules::Category::kBackdoor: return "Backdoor indicators";
  }
  return "";
}

std::string RiskLabel(Risk r) {
  std::string n(RiskName(r));
  if (r == Risk::kHigh || r == Risk::kCritical) return "**" + n + "**";
  return n;
}

std::string Fence(std::string_view text) {
  // Raw lines may contain backticks; a code span with a longer fence holds them.
  std::string fence = "`";
  while (text.find(fence) != std::string_view::npos) fence += '`';
  return StrCat(fence, text.front() == '`' || text.back() == '`' ? " " : "", text,
                      text.back() == '`' || text.front() == '`' ? " " : "", fence);
}

}  // namespace

std::string MarkdownCell(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '|') out += "\\|";
    else if (c == '\n' || c == '\r') out += ' ';
    else out += c;
  }
  return out;
}

std::string RenderMarkdown(const Report& r) {
  std::string o;
  StrAppend(&o, "# rundown report: ", r.folder.empty() ? "(in-memory)" : r.folder, "\n\n");
  StrAppend(&o, "**Verdict: ", VerdictName(r.verdict), "**\n\n");
  for (const std::string& why : r.verdict_reasons) StrAppend(&o, "- ", why, "\n");
  StrAppend(&o, "\n## Overview\n\n");
  StrAppend(&o, "| | |\n|---|---|\n");
  StrAppend(&o, "| Target | ", MarkdownCell(!r.target.empty() ? r.target
                                                            : r.root_pid > 0 ? "(its command is not in the trace)"
                                                                             : "(no traced process)"), " |\n");
  StrAppend(&o, "| Root pid | ", r.root_pid, " |\n");
  if (!r.user.empty()) StrAppend(&o, "| User | ", MarkdownCell(r.user), " |\n");
  if (!r.started.empty()) StrAppend(&o, "| Started | ", r.started, " |\n");
  if (!r.ended.empty()) StrAppend(&o, "| Ended | ", r.ended, " |\n");
  if (r.duration_s >= 0) {
    char buf[32];
    std::snprintf(buf, sizeof(buf), "%.3f s", r.duration_s);
    StrAppend(&o, "| Duration | ", buf, " |\n");
  }
  StrAppend(&o, "| Exit status | ", MarkdownCell(r.exit_status), " |\n");
  StrAppend(&o, "| Run life | ", MarkdownCell(r.life), " |\n");
  for (const auto& [k, v] : r.sandbox) StrAppend(&o, "| Sandbox: ", MarkdownCell(k), " | ", MarkdownCell(v), " |\n");
  StrAppend(&o, "\n");

  StrAppend(&o, "### Sources\n\n| Source | Files | Lines | Events | Unparsed | Time span | Overlaps the trace |\n"
                "|---|---|---|---|---|---|---|\n");
  for (const CoverageRow& c : r.coverage) {
    std::vector<std::string> names;
    for (const std::string& f : c.files) names.push_back(f.substr(f.rfind('/') + 1));
    std::string files = names.size() > 4 ? StrCat(names.front(), " … ", names.back(), " (", names.size(), " files)")
                                         : absl::StrJoin(names, ", ");
    const std::string span = c.first_time.empty() ? "no timestamps" : StrCat(c.first_time, " – ", c.last_time);
    StrAppend(&o, "| ", c.source, " | ", MarkdownCell(files), " | ", c.lines, " | ", c.events, " | ", c.unparsed, " | ",
              MarkdownCell(span), " | ", c.overlaps_trace.empty() ? "—" : c.overlaps_trace, " |\n");
  }
  for (const std::string& m : r.missing_sources) StrAppend(&o, "\n- **Missing:** ", m);
  for (const SkippedFile& s : r.skipped) StrAppend(&o, "\n- Skipped `", s.path, "`: ", s.reason);
  StrAppend(&o, "\n\n## Process tree\n\n```\n");
  for (const std::string& l : r.process_tree) StrAppend(&o, l, "\n");
  if (r.process_tree.empty()) StrAppend(&o, "(no traced process)\n");
  StrAppend(&o, "```\n\n## File system activity\n\n```\n");
  for (const std::string& l : r.file_activity) StrAppend(&o, l, "\n");
  if (r.file_activity.empty()) StrAppend(&o, "(none recorded)\n");
  StrAppend(&o, "```\n\n## Network activity\n\n```\n");
  for (const std::string& l : r.network_activity) StrAppend(&o, l, "\n");
  StrAppend(&o, "```\n\n## System call summary\n\n");
  StrAppend(&o, Counted(r.syscall_total, "call(s)"), ", ", r.syscalls.size(), " distinct.\n\n| Syscall | Calls | Errors |\n|---|---|---|\n");
  for (size_t i = 0; i < r.syscalls.size() && i < 25; ++i)
    StrAppend(&o, "| ", r.syscalls[i].first, " | ", r.syscalls[i].second.first, " | ", r.syscalls[i].second.second, " |\n");
  if (r.syscalls.size() > 25) StrAppend(&o, "| … ", r.syscalls.size() - 25, " more | | |\n");

  StrAppend(&o, "\n## Security assessment\n\n| Category | Observation | Risk | Comments |\n|---|---|---|---|\n");
  for (const TableRow& t : r.table)
    StrAppend(&o, "| ", Title(t.category), " | ", MarkdownCell(t.observation), " | ", RiskLabel(t.risk), " | ",
                    MarkdownCell(t.comments), " |\n");

  StrAppend(&o, "\n## Findings\n");
  int n = 0;
  for (const ReportFinding& f : r.findings) {
    if (f.status != rules::FindingStatus::kFired) continue;
    StrAppend(&o, "\n### ", ++n, ". [", rules::SeverityName(f.severity), "] ", f.observation, "\n\n");
    StrAppend(&o, "Rule `", f.rule, "` (", rules::CategoryName(f.category), "), ", Counted(f.count, "matching event(s)"));
    if (!f.references.empty()) StrAppend(&o, "; references: ", absl::StrJoin(f.references, ", "));
    StrAppend(&o, ".\n\n");
    for (const EvidenceLine& e : f.evidence)
      StrAppend(&o, "- `", e.file, ":", e.line, "` ", e.text.empty() ? "(line not readable)" : Fence(e.text), "\n");
    if (f.evidence_cut_at > 0) StrAppend(&o, "- … only the first ", f.evidence_cut_at, " of its events are cited\n");
  }
  if (n == 0) StrAppend(&o, "\nNo rule fired.\n");

  StrAppend(&o, "\n## Recommendations\n\n");
  for (size_t i = 0; i < r.recommendations.size(); ++i) StrAppend(&o, i + 1, ". ", r.recommendations[i], "\n");

  // Every reason, not only the first: a FAIL for a shell and a secret read names both.
  StrAppend(&o, "\n## Conclusion\n\n**", VerdictName(r.verdict), "**");
  if (r.verdict_reasons.size() == 1) StrAppend(&o, ": ", r.verdict_reasons.front());
  StrAppend(&o, "\n");
  if (r.verdict_reasons.size() > 1) {
    StrAppend(&o, "\n");
    for (const std::string& why : r.verdict_reasons) StrAppend(&o, "- ", why, "\n");
  }
  if (r.diagnostics_total > 0) {
    StrAppend(&o, "\n## Input diagnostics\n\n", Counted(r.diagnostics_total, "line(s)"), " could not be fully read",
                    r.diagnostics_total > r.diagnostics.size() ? StrCat(" (first ", r.diagnostics.size(), " shown)") : "",
                    ":\n\n");
    for (const DiagnosticLine& d : r.diagnostics)
      StrAppend(&o, "- `", d.file, ":", d.line, "`: ", d.message, d.text.empty() ? "" : " — " + Fence(d.text), "\n");
  }
  for (const std::string& note : r.notes) StrAppend(&o, "\nNote: ", note, "\n");
  return PrintableText(o);  // raw lines and names come from the inputs
}

}  // namespace rundown::reports
