#include "cli/analysis.h"

#include <algorithm>
#include <chrono>
#include <cstdio>

#include "engine/model.h"
#include "parsers/input_file.h"
#include "parsers/text_util.h"

namespace rundown::cli {

absl::StatusOr<rules::RuleSet> LoadRules(const std::vector<std::string>& files) {
  auto set = rules::RuleSet::Builtin();
  if (!set.ok()) return set.status();
  for (const std::string& f : files) {
    if (absl::Status s = set->AddFile(f); !s.ok()) return s;
  }
  return set;
}

absl::Status ParseAllowMissing(const std::vector<std::string>& values, std::set<reports::StandardSource>* out) {
  for (const std::string& a : values) {
    std::vector<reports::StandardSource> kinds;
    if (!reports::ParseStandardSource(a, &kinds))
      return absl::InvalidArgumentError(
          StrCat("--allow-missing '", a, "': expected strace, ss, netstat, ps, inotify, program_log or all"));
    out->insert(kinds.begin(), kinds.end());
  }
  return absl::OkStatus();
}

absl::Status ApplySourceOverrides(const std::vector<std::string>& specs, Discovery* d) {
  for (const std::string& spec : specs) {
    size_t eq = spec.find('=');
    SourceKind kind;
    if (eq == std::string::npos || !ParseSourceKind(std::string_view(spec).substr(0, eq), &kind))
      return absl::InvalidArgumentError(StrCat(
          "--source '", spec, "': expected KIND=PATH with KIND one of strace, inotify, ss, netstat, ps, program_log, container"));
    std::string path = spec.substr(eq + 1);
    if (auto f = InputFile::Open(path); !f.ok())
      return absl::NotFoundError(StrCat("--source ", spec, ": cannot read ", std::string(f.status().message())));
    std::erase_if(d->files, [&](const DiscoveredFile& f) { return f.path == path; });
    std::erase_if(d->skipped, [&](const SkippedFile& f) { return f.path == path; });
    int32_t tid = 0;
    (void)ClassifyName(path.substr(path.rfind('/') + 1), &tid);
    d->files.push_back({path, kind, kind == SourceKind::kStrace ? tid : 0, "override", ""});
  }
  std::stable_sort(d->files.begin(), d->files.end(),
                   [](const DiscoveredFile& a, const DiscoveredFile& b) { return a.kind < b.kind; });
  return absl::OkStatus();
}

IngestOptions MakeIngestOptions(const CommonOptions& c) {
  IngestOptions o;
  o.threads = c.threads;
  o.parser.inotify_format = c.inotify_format;
  o.parser.inotify_timefmt = c.inotify_timefmt;
  return o;
}

// Runs merged into one analysis would read as one nonsense run (four targets' pids in one
// tree, a duration spanning days), so a folder of runs is refused with what to do instead.
absl::Status SeveralRunsError(const std::string& dir, const std::string& root, const std::vector<std::string>& runs) {
  std::string names;
  for (size_t i = 0; i < runs.size() && i < 4; ++i) {
    std::string name = runs[i].starts_with(root + "/") ? runs[i].substr(root.size() + 1) : runs[i] == root ? "." : runs[i];
    StrAppend(&names, i ? ", " : "", name, "/");
  }
  if (runs.size() > 4) StrAppend(&names, ", ...");
  return absl::InvalidArgumentError(StrCat(dir, " holds ", runs.size(), " runs (", names,
                                           "): analyze one folder at a time, or all of them side by side with `rundown batch ",
                                           dir, "`"));
}

absl::StatusOr<EventStore> IngestFolder(const std::string& dir, const CommonOptions& common,
                                        std::vector<SkippedFile>* skipped, std::optional<ExtractedBundle>* bundle) {
  std::string folder = dir;
  std::vector<SkippedFile> not_extracted;
  if (IsArchiveBundle(dir)) {
    auto extracted = ExtractedBundle::Extract(dir);
    if (!extracted.ok()) return extracted.status();
    bundle->emplace(std::move(*extracted));
    folder = (*bundle)->root();
    not_extracted = (*bundle)->skipped();
  }
  auto discovery = DiscoverSources(folder);
  if (!discovery.ok()) return discovery.status();
  if (std::vector<std::string> runs = SeparateRuns(*discovery); !runs.empty()) return SeveralRunsError(dir, folder, runs);
  if (absl::Status s = ApplySourceOverrides(common.sources, &*discovery); !s.ok()) return s;
  if (skipped != nullptr) {
    *skipped = std::move(not_extracted);
    skipped->insert(skipped->end(), discovery->skipped.begin(), discovery->skipped.end());
  }
  return IngestReadingOutput(&discovery->files, MakeIngestOptions(common), nullptr, /*list_output=*/true);
}

absl::StatusOr<Analysis> AnalyzeFolder(const std::string& dir, const CommonOptions& common,
                                       const std::set<reports::StandardSource>& allow_missing,
                                       const rules::RuleSet& rules) {
  using Clock = std::chrono::steady_clock;
  auto seconds_since = [](Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); };
  Analysis a;
  reports::ReportOptions ropt;
  ropt.folder = dir;
  ropt.allow_missing = allow_missing;
  auto t0 = Clock::now();
  std::optional<ExtractedBundle> bundle;  // kept until BuildReport has re-read the cited lines
  auto store = IngestFolder(dir, common, &ropt.skipped, &bundle);
  if (!store.ok()) return store.status();
  a.files = store->files().size();
  a.events = store->size();
  a.parse_seconds = seconds_since(t0);
  auto t1 = Clock::now();
  Model model = BuildModel(*store, common.threads);
  a.model_seconds = seconds_since(t1);
  auto t2 = Clock::now();
  std::vector<rules::Finding> findings = rules.Evaluate(model, common.threads);
  a.rules = rules.RuleNames().size();
  a.rules_seconds = seconds_since(t2);
  auto t3 = Clock::now();
  a.report = reports::BuildReport(model, findings, ropt);
  if (bundle) reports::RelabelFiles(&a.report, bundle->root(), dir);  // "audit.tar.gz/strace_log.28"
  a.report_seconds = seconds_since(t3);
  return a;
}

}  // namespace rundown::cli
