#include "reports/batch_row.h"

#include <algorithm>
#include <map>

#include "parsers/text_encoding.h"
#include "parsers/text_util.h"
#include "reports/json_out.h"
#include "reports/writers.h"
#include "simdjson.h"

namespace rundown::reports {
namespace {

// Evidence files are named as the report names them (`FOLDER/strace_log.91`); the row names
// them from the folder so that the same audits stored elsewhere give equal rows.
std::string RelativeTo(std::string_view folder, std::string_view file) {
  std::string prefix(folder);
  if (!prefix.empty() && prefix.back() != '/') prefix += '/';
  if (!prefix.empty() && file.starts_with(prefix)) file.remove_prefix(prefix.size());
  return std::string(file);
}

using simdjson::dom::element;

absl::Status Missing(std::string_view key, std::string_view what) {
  return absl::InvalidArgumentError(StrCat("key \"", key, "\" missing or not ", what));
}

absl::Status GetString(element e, std::string_view key, std::string* out) {
  std::string_view v;
  if (e[key].get(v) != simdjson::SUCCESS)
    return Missing(key, "a string");
  *out = std::string(v);
  return absl::OkStatus();
}

absl::Status GetStrings(element e, std::string_view key, std::vector<std::string>* out) {
  simdjson::dom::array a;
  if (e[key].get(a) != simdjson::SUCCESS) return Missing(key, "an array");
  for (element item : a) {
    std::string_view v;
    if (item.get(v) != simdjson::SUCCESS) return Missing(key, "an array of strings");
    out->emplace_back(v);
  }
  return absl::OkStatus();
}

absl::Status GetFinding(element e, BatchFinding* f) {
  for (auto [key, field] : {std::pair{"rule", &f->rule}, {"category", &f->category}, {"severity", &f->severity},
                            {"evidence", &f->evidence}}) {
    if (absl::Status s = GetString(e, key, field); !s.ok()) return Missing(StrCat("findings[].", key), "a string");
  }
  if (e["count"].get(f->count) != simdjson::SUCCESS) return Missing("findings[].count", "a count");
  return absl::OkStatus();
}

absl::Status GetRow(element e, BatchRow* row) {
  std::string schema;
  if (absl::Status s = GetString(e, "schema", &schema); !s.ok()) return s;
  if (schema != kBatchSchema)
    return absl::InvalidArgumentError(StrCat("schema \"", schema, "\", expected \"", kBatchSchema, "\""));
  for (auto [key, field] : {std::pair{"folder", &row->folder}, {"verdict", &row->verdict}}) {
    if (absl::Status s = GetString(e, key, field); !s.ok()) return s;
  }
  if (row->folder.empty()) return absl::InvalidArgumentError("empty \"folder\"");
  int64_t code = 0;
  if (e["exit_code"].get(code) != simdjson::SUCCESS) return Missing("exit_code", "an integer");
  row->exit_code = static_cast<int>(code);
  if (absl::Status s = GetStrings(e, "verdict_reasons", &row->verdict_reasons); !s.ok()) return s;
  if (absl::Status s = GetStrings(e, "missing_sources", &row->missing_sources); !s.ok()) return s;
  simdjson::dom::object risk;
  if (e["risk"].get(risk) != simdjson::SUCCESS) return Missing("risk", "an object");
  for (auto [category, value] : risk) {
    std::string_view v;
    if (value.get(v) != simdjson::SUCCESS) return Missing(StrCat("risk.", category), "a string");
    row->risk.emplace_back(std::string(category), std::string(v));
  }
  simdjson::dom::array findings;
  if (e["findings"].get(findings) != simdjson::SUCCESS) return Missing("findings", "an array");
  for (element f : findings) {
    if (absl::Status s = GetFinding(f, &row->findings.emplace_back()); !s.ok()) return s;
  }
  if (e["diagnostics"].get(row->diagnostics) != simdjson::SUCCESS) return Missing("diagnostics", "a count");
  element error;
  if (e["error"].get(error) != simdjson::SUCCESS) return Missing("error", "null or a string");
  if (!error.is_null()) {
    std::string_view v;
    if (error.get(v) != simdjson::SUCCESS || v.empty()) return Missing("error", "null or a non-empty string");
    row->error = std::string(v);
  }
  if (row->is_error() != (row->verdict == kErrorVerdict))
    return absl::InvalidArgumentError(StrCat("verdict \"", row->verdict, "\" with error ",
                                             row->is_error() ? JsonQuote(row->error) : "null"));
  return absl::OkStatus();
}

}  // namespace

BatchRow MakeBatchRow(const Report& r) {
  BatchRow row;
  row.folder = r.folder;
  row.verdict = std::string(VerdictName(r.verdict));
  row.exit_code = ExitCodeFor(r.verdict);
  row.verdict_reasons = r.verdict_reasons;
  for (const TableRow& t : r.table)
    row.risk.emplace_back(std::string(rules::CategoryName(t.category)), std::string(RiskName(t.risk)));
  for (const ReportFinding& f : r.findings) {
    if (f.status != rules::FindingStatus::kFired) continue;
    BatchFinding& b = row.findings.emplace_back();
    b.rule = f.rule;
    b.category = std::string(rules::CategoryName(f.category));
    b.severity = std::string(rules::SeverityName(f.severity));
    b.count = f.count;
    if (!f.evidence.empty())
      b.evidence = StrCat(RelativeTo(r.folder, f.evidence.front().file), ":", f.evidence.front().line);
  }
  row.diagnostics = r.diagnostics_total;
  row.missing_sources = r.missing_sources;
  return row;
}

BatchRow MakeErrorRow(std::string folder, std::string message) {
  BatchRow row;
  row.folder = std::move(folder);
  row.verdict = std::string(kErrorVerdict);
  row.exit_code = 2;  // what `analyze` exits with on an input error
  row.error = std::move(message);
  return row;
}

std::string RenderBatchRow(const BatchRow& row) {
  JsonOut j;
  j.Open('{');
  j.Key("schema"); j.Str(kBatchSchema);
  j.Key("folder"); j.Str(row.folder);
  j.Key("verdict"); j.Str(row.verdict);
  j.Key("exit_code"); j.Int(row.exit_code);
  j.StrList("verdict_reasons", row.verdict_reasons);
  j.Key("risk"); j.Open('{');
  for (const auto& [category, risk] : row.risk) {
    j.Key(category);
    j.Str(risk);
  }
  j.Close('}');
  j.ObjectList("findings", row.findings, [&](const BatchFinding& f) {
    j.Key("rule"); j.Str(f.rule);
    j.Key("category"); j.Str(f.category);
    j.Key("severity"); j.Str(f.severity);
    j.Key("count"); j.Int(static_cast<int64_t>(f.count));
    j.Key("evidence"); j.Str(f.evidence);
  });
  j.Key("diagnostics"); j.Int(static_cast<int64_t>(row.diagnostics));
  j.StrList("missing_sources", row.missing_sources);
  j.Key("error");
  if (row.is_error()) {
    j.Str(row.error);
  } else {
    j.Null();
  }
  j.Close('}');
  j.out() += '\n';
  return j.out();
}

absl::StatusOr<BatchRow> ParseBatchRow(std::string_view line) {
  thread_local simdjson::dom::parser parser;
  element root;
  if (auto err = parser.parse(line.data(), line.size(), true).get(root); err != simdjson::SUCCESS)
    return absl::InvalidArgumentError(StrCat("not JSON (", simdjson::error_message(err), ")"));
  if (!root.is_object()) return absl::InvalidArgumentError("not a JSON object");
  BatchRow row;
  if (absl::Status s = GetRow(root, &row); !s.ok()) return s;
  return row;
}

std::string RenderBatchMarkdown(const std::vector<BatchRow>& rows) {
  // The columns are the categories of the rows, in the order they first appear (every
  // analysed row has all of them; error rows have none).
  std::vector<std::string> categories;
  for (const BatchRow& row : rows)
    for (const auto& [category, risk] : row.risk)
      if (std::find(categories.begin(), categories.end(), category) == categories.end())
        categories.push_back(category);
  std::string o = "# rundown batch\n\n| Folder | Verdict |";
  for (const std::string& c : categories) StrAppend(&o, " ", c, " |");
  StrAppend(&o, " Findings |\n|---|---|");
  for (size_t i = 0; i < categories.size(); ++i) o += "---|";
  o += "---|\n";
  std::map<std::string, size_t> totals = {{"PASS", 0}, {"WARN", 0}, {"FAIL", 0}, {"INCONCLUSIVE", 0}};
  size_t errors = 0;
  for (const BatchRow& row : rows) {
    (row.is_error() ? errors : totals[row.verdict])++;
    StrAppend(&o, "| ", MarkdownCell(row.folder), " | ", row.is_error() ? "error" : row.verdict, " |");
    for (const std::string& c : categories) {
      auto it = std::find_if(row.risk.begin(), row.risk.end(), [&](const auto& r) { return r.first == c; });
      StrAppend(&o, " ", it == row.risk.end() ? "—" : it->second, " |");
    }
    std::string findings;
    for (const BatchFinding& f : row.findings)
      StrAppend(&findings, findings.empty() ? "" : ", ", f.rule, f.count > 1 ? StrCat(" ×", f.count) : "");
    if (row.is_error()) findings = StrCat("error: ", row.error);
    StrAppend(&o, " ", MarkdownCell(findings.empty() ? "—" : findings), " |\n");
  }
  StrAppend(&o, "\n**Totals:** ", Counted(rows.size(), "folder(s)"), ": ", totals["PASS"],
            " PASS, ", totals["WARN"], " WARN, ", totals["FAIL"], " FAIL, ", totals["INCONCLUSIVE"], " INCONCLUSIVE, ",
            Counted(errors, "error(s)"), "\n");
  return PrintableText(o);  // folder names and error messages come from the file system
}

}  // namespace rundown::reports
