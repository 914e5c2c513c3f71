#include "reports/batch_diff.h"

#include <algorithm>
#include <map>

#include "parsers/chunk_reader.h"
#include "parsers/text_encoding.h"
#include "parsers/text_util.h"
#include "reports/json_out.h"
#include "reports/writers.h"

namespace rundown::reports {
namespace {

// A batch output of a few thousand folders is a few MiB; past this it is not one.
constexpr size_t kMaxBatchFileBytes = size_t{1} << 30;

const BatchFinding* FindRule(const std::vector<BatchFinding>& findings, std::string_view rule) {
  auto it = std::find_if(findings.begin(), findings.end(), [&](const BatchFinding& f) { return f.rule == rule; });
  return it == findings.end() ? nullptr : &*it;
}

std::string_view RiskOf(const BatchRow& row, std::string_view category) {
  for (const auto& [c, r] : row.risk)
    if (c == category) return r;
  return "";
}

void DiffRisk(const BatchRow& o, const BatchRow& n, FolderDiff* d) {
  std::vector<std::string> categories;
  for (const BatchRow* row : {&o, &n})
    for (const auto& entry : row->risk)
      if (std::find(categories.begin(), categories.end(), entry.first) == categories.end())
        categories.push_back(entry.first);
  for (const std::string& c : categories) {
    std::string_view before = RiskOf(o, c), after = RiskOf(n, c);
    // An error row has no risks at all: its verdict says it; listing 7 absent risks would not.
    if (before != after && !o.is_error() && !n.is_error())
      d->risk.push_back({c, std::string(before), std::string(after)});
  }
}

void DiffFindings(const BatchRow& o, const BatchRow& n, FolderDiff* d) {
  for (const BatchFinding& f : n.findings) {
    const BatchFinding* before = FindRule(o.findings, f.rule);
    if (before == nullptr) {
      d->added.push_back(f);
    } else if (before->count != f.count || before->severity != f.severity) {
      d->count_changed.push_back({*before, f});
    }
  }
  for (const BatchFinding& f : o.findings)
    if (FindRule(n.findings, f.rule) == nullptr) d->removed.push_back(f);
}

std::string FindingText(const BatchFinding& f) {
  return StrCat("`", f.rule, "` (", f.category, ", ", f.severity, ", ", f.count, "×",
                f.evidence.empty() ? "" : StrCat(", first at ", f.evidence), ")");
}

void FindingJson(JsonOut& j, const BatchFinding& f) {
  j.Key("rule"); j.Str(f.rule);
  j.Key("category"); j.Str(f.category);
  j.Key("severity"); j.Str(f.severity);
  j.Key("count"); j.Int(static_cast<int64_t>(f.count));
  j.Key("evidence"); j.Str(f.evidence);
}

void OldNew(JsonOut& j, std::string_view key, std::string_view before, std::string_view after) {
  j.Key(key);
  j.Open('{');
  j.Key("old"); j.Str(before);
  j.Key("new"); j.Str(after);
  j.Close('}');
}

std::map<std::string_view, const BatchRow*> ByFolder(const std::vector<BatchRow>& rows) {
  std::map<std::string_view, const BatchRow*> by_folder;
  for (const BatchRow& r : rows) by_folder.emplace(r.folder, &r);
  return by_folder;
}

// The longest run of whole folder names every row's folder starts with, its last "/"
// included, leaving each row at least its own name: "/srv/audits/" for /srv/audits/p1 and
// /srv/audits/p4, "" for audits/p1 and other/p4.
std::string BatchRoot(const std::vector<BatchRow>& rows) {
  std::string_view root;
  bool first = true;
  for (const BatchRow& r : rows) {
    std::string_view folder = r.folder;
    while (folder.size() > 1 && folder.back() == '/') folder.remove_suffix(1);
    const size_t slash = folder.rfind('/');
    const std::string_view parent = slash == std::string_view::npos ? "" : folder.substr(0, slash + 1);
    if (first) {
      root = parent;
      first = false;
      continue;
    }
    size_t n = 0;
    while (n < root.size() && n < parent.size() && root[n] == parent[n]) ++n;
    root = root.substr(0, n);
    root = root.substr(0, root.rfind('/') == std::string_view::npos ? 0 : root.rfind('/') + 1);
  }
  return std::string(root);
}

// Moves into `pairs` the rows of `before` and `after` whose folders are equal once their first
// `old_cut` and `new_cut` bytes (their roots) are left out; returns how many.
size_t MatchRows(std::map<std::string_view, const BatchRow*>* before, std::map<std::string_view, const BatchRow*>* after,
                 size_t old_cut, size_t new_cut, std::vector<std::pair<const BatchRow*, const BatchRow*>>* pairs) {
  std::map<std::string_view, std::string_view> after_by_key;  // folder under its root -> folder
  for (const auto& [folder, row] : *after) after_by_key.emplace(folder.substr(new_cut), folder);
  size_t matched = 0;
  for (auto it = before->begin(); it != before->end();) {
    auto n = after_by_key.find(it->first.substr(old_cut));
    if (n == after_by_key.end()) {
      ++it;
      continue;
    }
    auto row = after->find(n->second);
    pairs->emplace_back(it->second, row->second);
    after->erase(row);
    it = before->erase(it);
    ++matched;
  }
  return matched;
}

}  // namespace

absl::StatusOr<BatchFile> ReadBatchFile(const std::string& path) {
  std::string damage;
  auto text = ReadWholeFile(path, kMaxBatchFileBytes, &damage);  // new.jsonl.gz as well
  if (!text.ok()) return text.status();
  BatchFile file;
  file.path = path;
  std::map<std::string, size_t, std::less<>> line_of;  // folder -> line it was first seen at
  size_t line_no = 0;
  for (std::string_view rest = *text; !rest.empty();) {
    const size_t end = rest.find('\n');
    std::string_view line = rest.substr(0, end);
    rest.remove_prefix(end == std::string_view::npos ? rest.size() : end + 1);
    ++line_no;
    if (StripSpaces(line).empty()) continue;
    auto row = ParseBatchRow(line);
    if (!row.ok()) {
      file.errors.push_back(StrCat(path, ":", line_no, ": ", std::string(row.status().message())));
      continue;
    }
    auto [it, inserted] = line_of.emplace(row->folder, line_no);
    if (!inserted) {
      file.errors.push_back(StrCat(path, ":", line_no, ": folder ", JsonQuote(row->folder), " already at line ", it->second));
      continue;
    }
    file.rows.push_back(std::move(*row));
  }
  if (!damage.empty()) file.errors.push_back(StrCat(path, ":", line_no, ": ", damage));
  return file;
}

BatchDiff DiffBatches(const std::vector<BatchRow>& old_rows, const std::vector<BatchRow>& new_rows) {
  std::map<std::string_view, const BatchRow*> before = ByFolder(old_rows), after = ByFolder(new_rows);
  std::vector<std::pair<const BatchRow*, const BatchRow*>> pairs;
  MatchRows(&before, &after, 0, 0, &pairs);
  BatchDiff diff;
  if (!before.empty() && !after.empty()) {
    std::string old_root = BatchRoot(old_rows), new_root = BatchRoot(new_rows);
    if (MatchRows(&before, &after, old_root.size(), new_root.size(), &pairs) > 0) {
      diff.old_root = std::move(old_root);
      diff.new_root = std::move(new_root);
    }
  }
  for (const auto& [o, n] : pairs) {
    FolderDiff d;
    d.folder = o->folder;
    d.new_folder = n->folder;
    d.old_verdict = o->verdict;
    d.new_verdict = n->verdict;
    d.old_error = o->error;
    d.new_error = n->error;
    DiffRisk(*o, *n, &d);
    DiffFindings(*o, *n, &d);
    if (d.verdict_changed() || d.old_error != d.new_error || !d.risk.empty() || !d.added.empty() ||
        !d.removed.empty() || !d.count_changed.empty()) {
      diff.changed.push_back(std::move(d));
    } else {
      ++diff.unchanged;
    }
  }
  std::sort(diff.changed.begin(), diff.changed.end(),
            [](const FolderDiff& a, const FolderDiff& b) { return a.folder < b.folder; });
  for (const auto& [folder, o] : before) diff.only_in_old.emplace_back(o->folder, o->verdict);
  for (const auto& [folder, n] : after) diff.only_in_new.emplace_back(n->folder, n->verdict);
  return diff;
}

std::string RenderDiffMarkdown(const BatchDiff& d, const DiffInputs& in) {
  size_t verdicts = 0;
  for (const FolderDiff& f : d.changed) verdicts += f.verdict_changed() ? 1 : 0;
  std::string o = StrCat("# rundown diff: ", in.old_path, " → ", in.new_path, "\n\n");
  StrAppend(&o, d.changed.size(), " changed (", verdicts, " with another verdict), ", d.unchanged, " unchanged, ",
            d.only_in_old.size(), " only in ", in.old_path, ", ", d.only_in_new.size(), " only in ", in.new_path);
  if (in.malformed_lines > 0) StrAppend(&o, "; ", Counted(in.malformed_lines, "malformed line(s)"), " left out");
  o += ".\n";
  if (!d.old_root.empty() || !d.new_root.empty())
    StrAppend(&o, "\nFolders whose path differs matched by their path under each file's root: `",
              d.old_root.empty() ? "." : d.old_root, "` in ", in.old_path, ", `", d.new_root.empty() ? "." : d.new_root,
              "` in ", in.new_path, ".\n");
  if (verdicts > 0) {
    o += "\n## Verdict changes\n\n| Folder | Old | New |\n|---|---|---|\n";
    for (const FolderDiff& f : d.changed)
      if (f.verdict_changed()) StrAppend(&o, "| ", MarkdownCell(f.folder), " | ", f.old_verdict, " | ", f.new_verdict, " |\n");
  }
  if (!d.changed.empty()) o += "\n## Changes per folder\n";
  for (const FolderDiff& f : d.changed) {
    StrAppend(&o, "\n### ", f.folder, f.new_folder == f.folder ? "" : StrCat(" → ", f.new_folder), "\n\n");
    if (f.verdict_changed()) StrAppend(&o, "- verdict: ", f.old_verdict, " → ", f.new_verdict, "\n");
    if (f.old_error != f.new_error)
      StrAppend(&o, "- error: ", f.old_error.empty() ? "none" : f.old_error, " → ",
                f.new_error.empty() ? "none" : f.new_error, "\n");
    for (const FolderDiff::RiskChange& r : f.risk)
      StrAppend(&o, "- risk of ", r.category, ": ", r.old_risk.empty() ? "—" : r.old_risk, " → ",
                r.new_risk.empty() ? "—" : r.new_risk, "\n");
    for (const BatchFinding& a : f.added) StrAppend(&o, "- added: ", FindingText(a), "\n");
    for (const BatchFinding& r : f.removed) StrAppend(&o, "- removed: ", FindingText(r), "\n");
    for (const FindingChange& c : f.count_changed)
      StrAppend(&o, "- changed: `", c.new_finding.rule, "` ", c.old_finding.count, "× ", c.old_finding.severity,
                " → ", c.new_finding.count, "× ", c.new_finding.severity, "\n");
  }
  for (const auto& [title, list] : {std::pair{in.old_path, &d.only_in_old}, {in.new_path, &d.only_in_new}}) {
    if (list->empty()) continue;
    StrAppend(&o, "\n## Only in ", title, "\n\n");
    for (const auto& [folder, verdict] : *list) StrAppend(&o, "- ", folder, " (", verdict, ")\n");
  }
  return PrintableText(o);
}

std::string RenderDiffJson(const BatchDiff& d, const DiffInputs& in) {
  JsonOut j;
  j.Open('{');
  j.Key("schema"); j.Str("rundown.batch-diff/1");
  j.Key("old"); j.Str(in.old_path);
  j.Key("new"); j.Str(in.new_path);
  j.Key("unchanged"); j.Int(static_cast<int64_t>(d.unchanged));
  j.Key("malformed_lines"); j.Int(static_cast<int64_t>(in.malformed_lines));
  j.Key("old_root"); j.Str(d.old_root);
  j.Key("new_root"); j.Str(d.new_root);
  j.ObjectList("changed", d.changed, [&](const FolderDiff& f) {
    j.Key("folder"); j.Str(f.folder);
    j.Key("new_folder"); j.Str(f.new_folder);
    OldNew(j, "verdict", f.old_verdict, f.new_verdict);
    OldNew(j, "error", f.old_error, f.new_error);
    j.ObjectList("risk", f.risk, [&](const FolderDiff::RiskChange& r) {
      j.Key("category"); j.Str(r.category);
      j.Key("old"); j.Str(r.old_risk);
      j.Key("new"); j.Str(r.new_risk);
    });
    j.ObjectList("added", f.added, [&](const BatchFinding& a) { FindingJson(j, a); });
    j.ObjectList("removed", f.removed, [&](const BatchFinding& r) { FindingJson(j, r); });
    j.ObjectList("count_changed", f.count_changed, [&](const FindingChange& c) {
      j.Key("rule"); j.Str(c.new_finding.rule);
      j.Key("old_count"); j.Int(static_cast<int64_t>(c.old_finding.count));
      j.Key("new_count"); j.Int(static_cast<int64_t>(c.new_finding.count));
      j.Key("old_severity"); j.Str(c.old_finding.severity);
      j.Key("new_severity"); j.Str(c.new_finding.severity);
    });
  });
  for (const auto& [key, list] : {std::pair{"only_in_old", &d.only_in_old}, {"only_in_new", &d.only_in_new}}) {
    j.ObjectList(key, *list, [&](const std::pair<std::string, std::string>& entry) {
      j.Key("folder"); j.Str(entry.first);
      j.Key("verdict"); j.Str(entry.second);
    });
  }
  j.Close('}');
  j.out() += '\n';
  return j.out();
}

}  // namespace rundown::reports
