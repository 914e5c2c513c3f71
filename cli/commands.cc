#include "cli/commands.h"

#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <numeric>
#include <optional>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "CLI/CLI.hpp"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "oneapi/tbb/parallel_for.h"
#include "oneapi/tbb/task_arena.h"
#include "parsers/text_util.h"
#include "engine/ingest.h"
#include "engine/model.h"
#include "parsers/archive_bundle.h"
#include "parsers/source_sniffer.h"
#include "parsers/text_encoding.h"
#include "reports/report.h"
#include "reports/writers.h"
#include "rules/rule_set.h"

namespace rundown::cli {
namespace {

constexpr const char* kVersion = "rundown 0.1.0";

constexpr const char* kFooter = R"(Examples:
  rundown analyze testdata/p4_shell_spawn
  rundown analyze ./artifacts --format json -o report.json
  rundown analyze ./artifacts --rules team.rules --allow-missing inotify
  rundown analyze ./artifacts --source strace=/tmp/trace.txt --threads 2
  rundown parse big.strace --stats --format json --threads 2
  rundown events ./artifacts --where 'evt.op = "connect" and net.class != "loopback"'
  rundown rules check my.rules
  rundown rules test my_tests.rules

Exit codes: 0 PASS or WARN, 1 FAIL, 3 INCONCLUSIVE, 2 usage or input error.)";

struct CommonOptions {
  int threads = 0;
  std::vector<std::string> sources;  // KIND=PATH overrides
  std::string inotify_format, inotify_timefmt;
};

uint64_t PeakRssBytes() {
  struct rusage ru;
  getrusage(RUSAGE_SELF, &ru);
  return static_cast<uint64_t>(ru.ru_maxrss) * 1024;
}

// Applies --source KIND=PATH: the file is used as KIND, replacing a discovered file of the
// same path.
absl::Status ApplySourceOverrides(const std::vector<std::string>& specs, Discovery* d) {
  for (const std::string& spec : specs) {
    size_t eq = spec.find('=');
    SourceKind kind;
    if (eq == std::string::npos || !ParseSourceKind(std::string_view(spec).substr(0, eq), &kind))
      return absl::InvalidArgumentError(StrCat(
          "--source '", spec, "': expected KIND=PATH with KIND one of strace, inotify, ss, netstat, ps, program_log, container"));
    std::string path = spec.substr(eq + 1);
    if (FILE* f = std::fopen(path.c_str(), "rb")) {
      std::fclose(f);
    } else {
      return absl::NotFoundError(StrCat("--source ", spec, ": cannot open ", path));
    }
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

int Fail(std::ostream& err, const absl::Status& s) {
  err << "rundown: " << s.message() << "\n";
  return kExitUsage;
}

absl::StatusOr<rules::RuleSet> LoadRules(const std::vector<std::string>& files) {
  auto set = rules::RuleSet::Builtin();
  if (!set.ok()) return set.status();
  for (const std::string& f : files) {
    if (absl::Status s = set->AddFile(f); !s.ok()) return s;
  }
  return set;
}

// Discovers the sources of a folder (plus --source overrides) and ingests them. A file that
// was found but cannot be read is an input error, not an empty source. An archive given
// instead of a folder (audit.tar.gz, artifacts.zip) is extracted into `*bundle`, which the
// caller keeps until the cited lines have been read.
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
  if (absl::Status s = ApplySourceOverrides(common.sources, &*discovery); !s.ok()) return s;
  if (skipped != nullptr) {
    *skipped = std::move(not_extracted);
    skipped->insert(skipped->end(), discovery->skipped.begin(), discovery->skipped.end());
  }
  auto store = Ingest(discovery->files, MakeIngestOptions(common));
  if (!store.ok()) return store.status();
  for (const SourceFile& f : store->files()) {
    if (!f.error.empty()) return absl::PermissionDeniedError(StrCat(f.path, ": ", f.error));
  }
  return store;
}

int RunAnalyze(const std::string& dir, const CommonOptions& common, const std::string& format,
               const std::string& out_path, const std::vector<std::string>& rule_files,
               const std::vector<std::string>& allow_missing, bool timings, std::ostream& out,
               std::ostream& err) {
  reports::ReportOptions ropt;
  ropt.folder = dir;
  for (const std::string& a : allow_missing) {
    std::vector<reports::StandardSource> kinds;
    if (!reports::ParseStandardSource(a, &kinds))
      return Fail(err, absl::InvalidArgumentError(StrCat(
                           "--allow-missing '", a, "': expected strace, ss, netstat, ps, inotify, program_log or all")));
    ropt.allow_missing.insert(kinds.begin(), kinds.end());
  }
  auto rules = LoadRules(rule_files);
  if (!rules.ok()) return Fail(err, rules.status());
  using Clock = std::chrono::steady_clock;
  auto seconds_since = [](Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); };
  auto t0 = Clock::now();
  std::optional<ExtractedBundle> bundle;
  auto store = IngestFolder(dir, common, &ropt.skipped, &bundle);
  if (!store.ok()) return Fail(err, store.status());
  const double parse_s = seconds_since(t0);
  auto t1 = Clock::now();
  Model model = BuildModel(*store, common.threads);
  const double model_s = seconds_since(t1);
  auto t2 = Clock::now();
  std::vector<rules::Finding> findings = rules->Evaluate(model, common.threads);
  const double rules_s = seconds_since(t2);
  auto t3 = Clock::now();
  reports::Report report = reports::BuildReport(model, findings, ropt);
  if (bundle) reports::RelabelFiles(&report, bundle->root(), dir);  // "audit.tar.gz/strace_log.28"
  std::string text = format == "json" ? reports::RenderJson(report) : reports::RenderMarkdown(report);
  if (timings) {
    err << absl::StrFormat(
        "timings: parse %.3f s, model %.3f s, rules %.3f s (%d rules over %d events: %.0f events/s), "
        "report %.3f s; peak RSS %d MiB\n",
        parse_s, model_s, rules_s, rules->RuleNames().size(), store->size(),
        rules_s > 0 ? static_cast<double>(store->size()) / rules_s : 0.0, seconds_since(t3),
        PeakRssBytes() >> 20);
  }
  if (out_path.empty() || out_path == "-") {
    out << text;
  } else {
    std::ofstream f(out_path, std::ios::binary);
    f << text;
    if (!f) return Fail(err, absl::PermissionDeniedError(StrCat("cannot write ", out_path)));
  }
  return reports::ExitCodeFor(report.verdict);
}

int RunParse(const std::vector<std::string>& paths, const CommonOptions& common, const std::string& format,
             bool digest, std::ostream& out, std::ostream& err) {
  Discovery d;
  for (const std::string& p : paths) {
    DiscoveredFile f = ClassifyFile(p);
    if (f.kind == SourceKind::kUnknown) f.kind = SourceKind::kStrace;  // parse is mostly for traces
    d.files.push_back(std::move(f));
  }
  if (absl::Status s = ApplySourceOverrides(common.sources, &d); !s.ok()) return Fail(err, s);
  IngestStats stats;
  auto store = Ingest(d.files, MakeIngestOptions(common), &stats);
  if (!store.ok()) return Fail(err, store.status());
  for (const SourceFile& f : store->files())
    if (!f.error.empty()) return Fail(err, absl::NotFoundError(StrCat(f.path, ": ", f.error)));
  const ParseCounters& c = stats.totals;
  double bps = stats.seconds > 0 ? static_cast<double>(c.bytes) / stats.seconds : 0;
  if (format == "json") {
    char buf[1024];
    std::snprintf(buf, sizeof(buf),
                  "{\"files\":%zu,\"bytes\":%llu,\"lines\":%llu,\"events\":%zu,\"syscalls\":%llu,"
                  "\"stitched\":%llu,\"signals\":%llu,\"exits\":%llu,\"errors\":%llu,\"unfinished\":%llu,"
                  "\"diagnostics\":%llu,\"seconds\":%.6f,\"parse_seconds\":%.6f,\"merge_seconds\":%.6f,\"bytes_per_second\":%.0f,\"events_per_second\":%.0f,"
                  "\"peak_rss_bytes\":%llu,\"store_bytes\":%zu,\"threads\":%d",
                  store->files().size(), (unsigned long long)c.bytes, (unsigned long long)c.lines, store->size(),
                  (unsigned long long)c.syscalls, (unsigned long long)c.stitched, (unsigned long long)c.signals,
                  (unsigned long long)c.exits, (unsigned long long)c.errors, (unsigned long long)c.unfinished,
                  (unsigned long long)c.diagnostics, stats.seconds, stats.parse_seconds, stats.merge_seconds, bps,
                  stats.seconds > 0 ? static_cast<double>(store->size()) / stats.seconds : 0,
                  (unsigned long long)PeakRssBytes(), store->MemoryBytes(), common.threads);
    out << buf;
    if (digest) out << absl::StrFormat(",\"digest\":\"%016x\"", store->ContentDigest());
    out << "}\n";
  } else {
    out << "files       " << store->files().size() << "\n"
        << "bytes       " << c.bytes << "\n"
        << "lines       " << c.lines << "\n"
        << "events      " << store->size() << "\n"
        << "syscalls    " << c.syscalls << "\n"
        << "stitched    " << c.stitched << "\n"
        << "signals     " << c.signals << "\n"
        << "exits       " << c.exits << "\n"
        << "errors      " << c.errors << "\n"
        << "unfinished  " << c.unfinished << "\n"
        << "diagnostics " << c.diagnostics << "\n"
        << "seconds     " << stats.seconds << " (parse " << stats.parse_seconds << ", merge "
        << stats.merge_seconds << ")\n"
        << "MB/s        " << bps / 1e6 << "\n"
        << "peak RSS    " << PeakRssBytes() / (1 << 20) << " MiB\n";
    if (digest) out << "digest      " << absl::StrFormat("%016x", store->ContentDigest()) << "\n";
    for (const Diagnostic& dg : store->diagnostics())
      out << store->file(dg.file).path << ":" << dg.line << ": " << dg.message << "\n";
  }
  return 0;
}


// `rules check`: every error and lint warning, positioned; exit 2 when any is an error.
int RunRulesCheck(const std::vector<std::string>& files, std::ostream& out, std::ostream& err) {
  auto messages = rules::CheckFiles(files);
  if (!messages.ok()) return Fail(err, messages.status());
  size_t errors = 0, warnings = 0;
  for (const rules::Message& m : *messages) {
    const bool is_error = m.level == rules::Message::Level::kError;
    (is_error ? errors : warnings)++;
    err << m.rendered << (m.rendered.ends_with('\n') ? "" : "\n");
  }
  out << files.size() << " file" << (files.size() == 1 ? "" : "s") << " checked: " << errors << " error"
      << (errors == 1 ? "" : "s") << ", " << warnings << " warning" << (warnings == 1 ? "" : "s") << "\n";
  return errors > 0 ? kExitUsage : 0;
}

// `rules test`: one line per test; exit 1 when a test fails, 2 when a file does not load.
int RunRulesTest(const std::vector<std::string>& files, std::ostream& out, std::ostream& err) {
  auto results = rules::RunTestFiles(files);
  if (!results.ok()) return Fail(err, results.status());
  size_t failed = 0;
  for (const rules::TestResult& t : *results) {
    out << (t.passed ? "PASS " : "FAIL ") << t.file << ":" << t.line << ": " << t.name << "\n";
    for (const std::string& f : t.failures) out << "       " << f << "\n";
    failed += t.passed ? 0 : 1;
  }
  out << results->size() - failed << " passed, " << failed << " failed\n";
  if (results->empty()) {
    err << "rundown: no test blocks in " << absl::StrJoin(files, ", ") << "\n";
    return kExitUsage;
  }
  return failed > 0 ? 1 : 0;
}

int RunRulesFields(std::ostream& out) {
  for (const rules::FieldInfo& f : rules::FieldTable())
    out << f.name << "\t" << f.type << "\t" << f.doc << "\n";
  return 0;
}

// Indices of the events that match, in store order, filtered in parallel; every event when
// there is no filter.
std::vector<EventIndex> MatchingEvents(const Model& model, const rules::Filter* filter, int threads) {
  const size_t n = model.store().size();
  if (filter == nullptr) {
    std::vector<EventIndex> all(n);
    std::iota(all.begin(), all.end(), EventIndex{0});
    return all;
  }
  constexpr size_t kBlock = 1 << 16;
  std::vector<std::vector<EventIndex>> blocks((n + kBlock - 1) / kBlock);
  tbb::task_arena arena(threads > 0 ? threads : tbb::task_arena::automatic);
  arena.execute([&] {
    tbb::parallel_for(size_t{0}, blocks.size(), [&](size_t b) {
      for (size_t i = b * kBlock, end = std::min(n, i + kBlock); i < end; ++i)
        if (filter->Matches(model, static_cast<EventIndex>(i))) blocks[b].push_back(static_cast<EventIndex>(i));
    });
  });
  std::vector<EventIndex> out;
  for (const auto& b : blocks) out.insert(out.end(), b.begin(), b.end());
  return out;
}

std::string_view FieldText(const std::vector<rules::FieldValue>& fields, std::string_view name) {
  for (const rules::FieldValue& f : fields)
    if (f.name == name) return f.text;
  return "";
}

// `events DIR --where EXPR`: the events that match, as a table or NDJSON (every field the
// event has). The table shows where the event came from and its main fields.
int RunEvents(const std::string& dir, const CommonOptions& common, const std::string& where,
              const std::string& format, size_t limit, const std::vector<std::string>& rule_files,
              std::ostream& out, std::ostream& err) {
  auto rules = LoadRules(rule_files);
  if (!rules.ok()) return Fail(err, rules.status());
  std::optional<rules::Filter> filter;
  if (!where.empty()) {
    auto compiled = rules::CompileFilter(*rules, where);
    if (!compiled.ok()) return Fail(err, compiled.status());
    filter = std::move(*compiled);
  }
  std::optional<ExtractedBundle> bundle;
  auto store = IngestFolder(dir, common, nullptr, &bundle);
  if (!store.ok()) return Fail(err, store.status());
  Model model = BuildModel(*store, common.threads);
  std::vector<EventIndex> matched = MatchingEvents(model, filter ? &*filter : nullptr, common.threads);
  rules::EventRenderer renderer(model);
  const size_t shown = limit > 0 ? std::min(limit, matched.size()) : matched.size();
  for (size_t k = 0; k < shown; ++k) {
    std::vector<rules::FieldValue> fields = renderer.Fields(matched[k]);
    if (format == "ndjson") {
      std::string line = "{";
      for (const rules::FieldValue& f : fields) {
        if (line.size() > 1) line += ',';
        StrAppend(&line, reports::JsonQuote(f.name), ":",
                  f.kind == rules::FieldValue::Kind::kString ? reports::JsonQuote(f.text) : f.text);
      }
      out << line << "}\n";
      continue;
    }
    std::string_view file = FieldText(fields, "evt.file");
    file = file.substr(file.rfind('/') == std::string_view::npos ? 0 : file.rfind('/') + 1);
    std::string where_col = StrCat(file, ":", FieldText(fields, "evt.line"));
    std::string result(FieldText(fields, "evt.result"));
    if (std::string_view e = FieldText(fields, "evt.errno"); !e.empty()) result = StrCat("-1 ", e);
    std::string_view str = FieldText(fields, "evt.str");
    char buf[160];
    std::snprintf(buf, sizeof(buf), "%-22s %7s %-10s %-16s %-8s ", where_col.c_str(),
                  std::string(FieldText(fields, "evt.tid")).c_str(), std::string(FieldText(fields, "evt.op")).c_str(),
                  std::string(FieldText(fields, "evt.name")).c_str(), result.c_str());
    out << buf << PrintableText(str.substr(0, 160)) << "\n";
  }
  err << matched.size() << " of " << store->size() << " events matched"
      << (shown < matched.size() ? StrCat(" (", shown, " shown)") : std::string()) << "\n";
  return 0;
}

}  // namespace

int RunCli(int argc, const char* const* argv, std::ostream& out, std::ostream& err) {
  CLI::App app{"rundown: offline analysis of dynamic security analysis artifacts\n"
               "(strace, inotifywait, ss/netstat, ps, program.log) into a security report and a verdict."};
  app.footer(kFooter);
  app.set_version_flag("--version", kVersion);
  app.require_subcommand(1);
  CommonOptions common;
  auto add_common = [&](CLI::App* sub) {
    sub->add_option("--threads", common.threads, "worker threads (default: all cores)")->check(CLI::NonNegativeNumber);
    sub->add_option("--source", common.sources, "use PATH as source KIND (strace, inotify, ss, netstat, ps, program_log, container)")
        ->type_name("KIND=PATH");
    sub->add_option("--inotify-format", common.inotify_format, "the --format spec inotifywait was run with, e.g. '%T %w%f %e'");
    sub->add_option("--inotify-timefmt", common.inotify_timefmt, "the --timefmt spec inotifywait was run with, e.g. '%F %T'");
  };

  std::string dir, format = "md", out_path;
  std::vector<std::string> rule_files, allow_missing;
  CLI::App* analyze = app.add_subcommand("analyze", "analyze an artifacts folder and write the report");
  analyze->add_option("DIR", dir, "artifacts folder")->required();
  analyze->add_option("--format", format, "report format")->check(CLI::IsMember({"md", "json"}));
  analyze->add_option("-o,--output", out_path, "write the report to FILE instead of stdout");
  analyze->add_option("--rules", rule_files, "add a rule file to the built-in pack (repeatable)");
  analyze->add_option("--allow-missing", allow_missing,
                      "accept a missing source (strace, ss, netstat, ps, inotify, program_log, all) without INCONCLUSIVE");
  bool timings = false;
  analyze->add_flag("--timings", timings, "print the time of each stage (parse, model, rules, report) to stderr");
  add_common(analyze);

  std::vector<std::string> parse_files;
  bool stats_flag = false;
  std::string parse_format = "text";
  CLI::App* parse = app.add_subcommand("parse", "parse files only and print what was parsed and how fast");
  parse->add_option("FILE", parse_files, "files to parse")->required();
  parse->add_flag("--stats", stats_flag, "print statistics (the default output)");
  bool digest_flag = false;
  parse->add_flag("--digest", digest_flag,
                  "also print a hash of every parsed event (equal for any --threads; costs a pass over the store)");
  parse->add_option("--format", parse_format, "output format")->check(CLI::IsMember({"text", "json"}));
  add_common(parse);

  std::string events_dir, where, events_format = "table";
  size_t limit = 0;
  CLI::App* events = app.add_subcommand("events", "list the events of a folder that match an expression");
  events->add_option("DIR", events_dir, "artifacts folder")->required();
  events->add_option("--where", where, "filter in the rule language, e.g. 'evt.op = \"connect\"' (default: all)");
  events->add_option("--format", events_format, "output format")->check(CLI::IsMember({"table", "ndjson"}));
  events->add_option("--limit", limit, "print at most N events (the count of matches is still exact)");
  events->add_option("--rules", rule_files, "rule files whose lists and macros the expression may use");
  add_common(events);

  std::vector<std::string> rules_files;
  CLI::App* rules_cmd = app.add_subcommand("rules", "check, test and describe rule files");
  rules_cmd->require_subcommand(1);
  CLI::App* check = rules_cmd->add_subcommand("check", "load, type-check and lint rule files (exit 2 on error)");
  check->add_option("FILE", rules_files, "rule files")->required();
  CLI::App* test = rules_cmd->add_subcommand("test", "run the test blocks of rule files (exit 1 on failure)");
  test->add_option("FILE", rules_files, "rule files with test blocks")->required();
  CLI::App* fields = rules_cmd->add_subcommand("fields", "list the fields a condition can use");
  for (CLI::App* sub : {check, test}) add_common(sub);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    std::ostringstream o, e2;
    int code = app.exit(e, o, e2);
    out << o.str();
    err << e2.str();
    return code == 0 ? 0 : kExitUsage;
  }
  if (analyze->parsed()) return RunAnalyze(dir, common, format, out_path, rule_files, allow_missing, timings, out, err);
  if (parse->parsed()) return RunParse(parse_files, common, parse_format, digest_flag, out, err);
  if (events->parsed())
    return RunEvents(events_dir, common, where, events_format, limit, rule_files, out, err);
  if (check->parsed()) return RunRulesCheck(rules_files, out, err);
  if (test->parsed()) return RunRulesTest(rules_files, out, err);
  if (fields->parsed()) return RunRulesFields(out);
  err << app.help();
  return kExitUsage;
}

}  // namespace rundown::cli
