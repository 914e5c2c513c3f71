#include <cstdio>

#include "parsers/text_encoding.h"
#include "parsers/text_util.h"
#include "reports/json_out.h"
#include "reports/writers.h"

namespace rundown::reports {

std::string JsonQuote(std::string_view s) {
  std::string out = "\"";
  for (size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    switch (c) {
      case '"': out += "\\\""; ++i; continue;
      case '\\': out += "\\\\"; ++i; continue;
      case '\n': out += "\\n"; ++i; continue;
      case '\r': out += "\\r"; ++i; continue;
      case '\t': out += "\\t"; ++i; continue;
      default: break;
    }
    if (c < 0x20) {
      char buf[8];
      std::snprintf(buf, sizeof(buf), "\\u%04x", c);
      out += buf;
      ++i;
      continue;
    }
    size_t n = Utf8SequenceLength(s, i);
    if (n == 0) {
      out += "\xEF\xBF\xBD";
      ++i;
      continue;
    }
    out.append(s.substr(i, n));
    i += n;
  }
  out += '"';
  return out;
}

std::string RenderJson(const Report& r) {
  JsonOut j;
  j.Open('{');
  j.Key("schema"); j.Str("rundown.report/1");
  j.Key("verdict"); j.Str(VerdictName(r.verdict));
  j.StrList("verdict_reasons", r.verdict_reasons);
  j.Key("overview"); j.Open('{');
  j.Key("folder"); j.Str(r.folder);
  j.Key("target"); j.Str(r.target);
  j.Key("user"); j.Str(r.user);
  j.Key("root_pid"); j.Int(r.root_pid);
  j.Key("started"); j.Str(r.started);
  j.Key("ended"); j.Str(r.ended);
  j.Key("duration_s"); j.Num(r.duration_s);
  j.Key("exit_status"); j.Str(r.exit_status);
  j.Key("life"); j.Str(r.life);
  j.Key("sandbox"); j.Open('{');
  for (const auto& [k, v] : r.sandbox) {
    j.Key(k);
    j.Str(v);
  }
  j.Close('}');
  j.Close('}');
  j.ObjectList("coverage", r.coverage, [&](const CoverageRow& c) {
    j.Key("source"); j.Str(c.source);
    j.StrList("files", c.files);
    j.Key("lines"); j.Int(static_cast<int64_t>(c.lines));
    j.Key("events"); j.Int(static_cast<int64_t>(c.events));
    j.Key("unparsed"); j.Int(static_cast<int64_t>(c.unparsed));
    j.Key("first_time"); j.Str(c.first_time);
    j.Key("last_time"); j.Str(c.last_time);
    j.Key("overlaps_trace"); j.Str(c.overlaps_trace);
  });
  j.StrList("missing_sources", r.missing_sources);
  j.ObjectList("table", r.table, [&](const TableRow& t) {
    j.Key("category"); j.Str(rules::CategoryName(t.category));
    j.Key("observation"); j.Str(t.observation);
    j.Key("risk"); j.Str(RiskName(t.risk));
    j.Key("comments"); j.Str(t.comments);
  });
  j.ObjectList("findings", r.findings, [&](const ReportFinding& f) {
    j.Key("rule"); j.Str(f.rule);
    j.Key("category"); j.Str(rules::CategoryName(f.category));
    j.Key("severity"); j.Str(rules::SeverityName(f.severity));
    j.Key("status");
    j.Str(f.status == rules::FindingStatus::kFired ? "fired"
          : f.status == rules::FindingStatus::kHeld ? "held" : "not-assessed");
    j.Key("observation"); j.Str(f.observation);
    j.Key("recommendation"); j.Str(f.recommendation);
    j.StrList("references", f.references);
    j.Key("count"); j.Int(static_cast<int64_t>(f.count));
    j.ObjectList("evidence", f.evidence, [&](const EvidenceLine& e) {
      j.Key("file"); j.Str(e.file);
      j.Key("line"); j.Int(e.line);
      j.Key("text"); j.Str(e.text);
    });
    j.Key("evidence_cut_at"); j.Int(static_cast<int64_t>(f.evidence_cut_at));
    j.StrList("missing_sources", f.missing_sources);
  });
  j.StrList("recommendations", r.recommendations);
  j.StrList("process_tree", r.process_tree);
  j.StrList("file_activity", r.file_activity);
  j.StrList("network_activity", r.network_activity);
  j.ObjectList("syscalls", r.syscalls, [&](const auto& entry) {
    const auto& [name, c] = entry;
    j.Key("name"); j.Str(name);
    j.Key("calls"); j.Int(static_cast<int64_t>(c.first));
    j.Key("errors"); j.Int(static_cast<int64_t>(c.second));
  });
  j.ObjectList("diagnostics", r.diagnostics, [&](const DiagnosticLine& d) {
    j.Key("file"); j.Str(d.file);
    j.Key("line"); j.Int(d.line);
    j.Key("message"); j.Str(d.message);
    j.Key("text"); j.Str(d.text);
  });
  j.Key("diagnostics_total"); j.Int(static_cast<int64_t>(r.diagnostics_total));
  j.ObjectList("skipped", r.skipped, [&](const SkippedFile& s) {
    j.Key("file"); j.Str(s.path);
    j.Key("reason"); j.Str(s.reason);
  });
  j.StrList("notes", r.notes);
  j.Close('}');
  j.out() += '\n';
  return j.out();
}

}  // namespace rundown::reports
