#include "cli/commands.h"

#include <sys/resource.h>

#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "CLI/CLI.hpp"
#include "parsers/text_util.h"
#include "engine/ingest.h"
#include "engine/model.h"
#include "parsers/source_sniffer.h"
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
    d->files.push_back({path, kind, kind == SourceKind::kStrace ? tid : 0, "override"});
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

int RunAnalyze(const std::string& dir, const CommonOptions& common, const std::string& format,
               const std::string& out_path, const std::vector<std::string>& rule_files,
               const std::vector<std::string>& allow_missing, std::ostream& out, std::ostream& err) {
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
  auto discovery = DiscoverSources(dir);
  if (!discovery.ok()) return Fail(err, discovery.status());
  if (absl::Status s = ApplySourceOverrides(common.sources, &*discovery); !s.ok()) return Fail(err, s);
  ropt.skipped = discovery->skipped;
  auto store = Ingest(discovery->files, MakeIngestOptions(common));
  if (!store.ok()) return Fail(err, store.status());
  for (const SourceFile& f : store->files()) {
    if (!f.error.empty()) return Fail(err, absl::PermissionDeniedError(StrCat(f.path, ": ", f.error)));
  }
  Model model = BuildModel(*store, common.threads);
  std::vector<rules::Finding> findings = rules->Evaluate(model, common.threads);
  reports::Report report = reports::BuildReport(model, findings, ropt);
  std::string text = format == "json" ? reports::RenderJson(report) : reports::RenderMarkdown(report);
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
             std::ostream& out, std::ostream& err) {
  Discovery d;
  for (const std::string& p : paths) {
    int32_t tid = 0;
    SourceKind kind = ClassifyName(p.substr(p.rfind('/') + 1), &tid);
    if (kind == SourceKind::kUnknown) {
      std::ifstream f(p, std::ios::binary);
      if (!f) return Fail(err, absl::NotFoundError(StrCat(p, ": cannot open")));
      std::string head(8192, '\0');
      f.read(head.data(), static_cast<std::streamsize>(head.size()));
      head.resize(static_cast<size_t>(f.gcount()));
      kind = SniffContent(head);
    }
    if (kind == SourceKind::kUnknown) kind = SourceKind::kStrace;  // parse is mostly for traces
    d.files.push_back({p, kind, tid, "name"});
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
                  "\"diagnostics\":%llu,\"seconds\":%.6f,\"bytes_per_second\":%.0f,\"events_per_second\":%.0f,"
                  "\"peak_rss_bytes\":%llu,\"store_bytes\":%zu,\"threads\":%d}\n",
                  store->files().size(), (unsigned long long)c.bytes, (unsigned long long)c.lines, store->size(),
                  (unsigned long long)c.syscalls, (unsigned long long)c.stitched, (unsigned long long)c.signals,
                  (unsigned long long)c.exits, (unsigned long long)c.errors, (unsigned long long)c.unfinished,
                  (unsigned long long)c.diagnostics, stats.seconds, bps,
                  stats.seconds > 0 ? static_cast<double>(store->size()) / stats.seconds : 0,
                  (unsigned long long)PeakRssBytes(), store->MemoryBytes(), common.threads);
    out << buf;
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
        << "seconds     " << stats.seconds << "\n"
        << "MB/s        " << bps / 1e6 << "\n"
        << "peak RSS    " << PeakRssBytes() / (1 << 20) << " MiB\n";
    for (const Diagnostic& dg : store->diagnostics())
      out << store->file(dg.file).path << ":" << dg.line << ": " << dg.message << "\n";
  }
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
  add_common(analyze);

  std::vector<std::string> parse_files;
  bool stats_flag = false;
  std::string parse_format = "text";
  CLI::App* parse = app.add_subcommand("parse", "parse files only and print what was parsed and how fast");
  parse->add_option("FILE", parse_files, "files to parse")->required();
  parse->add_flag("--stats", stats_flag, "print statistics (the default output)");
  parse->add_option("--format", parse_format, "output format")->check(CLI::IsMember({"text", "json"}));
  add_common(parse);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    std::ostringstream o, e2;
    int code = app.exit(e, o, e2);
    out << o.str();
    err << e2.str();
    return code == 0 ? 0 : kExitUsage;
  }
  if (analyze->parsed()) return RunAnalyze(dir, common, format, out_path, rule_files, allow_missing, out, err);
  if (parse->parsed()) return RunParse(parse_files, common, parse_format, out, err);
  err << app.help();
  return kExitUsage;
}

}  // namespace rundown::cli
