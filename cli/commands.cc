#include "cli/commands.h"

#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <numeric>
#include <optional>
#include <set>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "CLI/CLI.hpp"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "oneapi/tbb/parallel_for.h"
#include "oneapi/tbb/task_arena.h"
#include "cli/analysis.h"
#include "cli/batch.h"
#include "parsers/text_util.h"
#include "engine/ingest.h"
#include "engine/model.h"
#include "parsers/archive_bundle.h"
#include "parsers/source_sniffer.h"
#include "parsers/text_encoding.h"
#include "reports/batch_diff.h"
#include "reports/batch_row.h"
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
  rundown batch audits/ --threads 2 -o old.jsonl
  rundown batch audits/ --rules new.rules -o new.jsonl
  rundown batch audits/ --format md
  rundown diff old.jsonl new.jsonl

Exit codes: 0 PASS or WARN, 1 FAIL, 3 INCONCLUSIVE, 2 usage or input error.
batch: 0 every folder analysed (whatever its verdict), 1 a folder could not be, 2 usage.
diff: 0 no difference, 1 differences, 2 a file unreadable or a malformed line.)";

uint64_t PeakRssBytes() {
  struct rusage ru;
  getrusage(RUSAGE_SELF, &ru);
  return static_cast<uint64_t>(ru.ru_maxrss) * 1024;
}

int Fail(std::ostream& err, const absl::Status& s) {
  err << "rundown: " << s.message() << "\n";
  return kExitUsage;
}

// Writes `text` to `path`, or to `out` when path is empty or "-".
absl::Status WriteOutput(const std::string& path, const std::string& text, std::ostream& out) {
  if (path.empty() || path == "-") {
    out << text;
    return absl::OkStatus();
  }
  std::ofstream f(path, std::ios::binary);
  f << text;
  if (!f) return absl::PermissionDeniedError(StrCat("cannot write ", path));
  return absl::OkStatus();
}

int RunAnalyze(const std::string& dir, const CommonOptions& common, const std::string& format,
               const std::string& out_path, const std::vector<std::string>& rule_files,
               const std::vector<std::string>& allow_missing, bool timings, std::ostream& out,
               std::ostream& err) {
  std::set<reports::StandardSource> allowed;
  if (absl::Status s = ParseAllowMissing(allow_missing, &allowed); !s.ok()) return Fail(err, s);
  auto rules = LoadRules(rule_files);
  if (!rules.ok()) return Fail(err, rules.status());
  auto analysis = AnalyzeFolder(dir, common, allowed, *rules);
  if (!analysis.ok()) return Fail(err, analysis.status());
  const Analysis& a = *analysis;
  auto t0 = std::chrono::steady_clock::now();
  std::string text = format == "json" ? reports::RenderJson(a.report) : reports::RenderMarkdown(a.report);
  if (timings) {
    const double render_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    err << absl::StrFormat(
        "timings: parse %.3f s, model %.3f s, rules %.3f s (%d rules over %d events: %.0f events/s), "
        "report %.3f s; peak RSS %d MiB\n",
        a.parse_seconds, a.model_seconds, a.rules_seconds, a.rules, a.events,
        a.rules_seconds > 0 ? static_cast<double>(a.events) / a.rules_seconds : 0.0, a.report_seconds + render_s,
        PeakRssBytes() >> 20);
  }
  if (absl::Status s = WriteOutput(out_path, text, out); !s.ok()) return Fail(err, s);
  return reports::ExitCodeFor(a.report.verdict);
}

// `batch DIR...`: one row per artifacts folder (cli/batch.h says which folders), analysed
// side by side; JSON Lines or a Markdown table. Exit 0 when every folder was analysed,
// whatever the verdicts; 1 when a folder could not be (its row says why); 2 on a usage error.
int RunBatch(const std::vector<std::string>& dirs, const CommonOptions& common, const std::string& format,
             const std::string& out_path, const std::vector<std::string>& rule_files,
             const std::vector<std::string>& allow_missing, std::ostream& out, std::ostream& err) {
  std::set<reports::StandardSource> allowed;
  if (absl::Status s = ParseAllowMissing(allow_missing, &allowed); !s.ok()) return Fail(err, s);
  auto rules = LoadRules(rule_files);
  if (!rules.ok()) return Fail(err, rules.status());
  std::ofstream file;  // opened first: a typo in -o must not cost the whole batch
  if (!out_path.empty() && out_path != "-") {
    file.open(out_path, std::ios::binary);
    if (!file) return Fail(err, absl::PermissionDeniedError(StrCat("cannot write ", out_path)));
  }
  const std::vector<std::string> folders = ExpandBatchFolders(dirs);
  const std::vector<reports::BatchRow> rows = AnalyzeBatch(folders, common, allowed, *rules);
  std::string text;
  size_t errors = 0;
  for (const reports::BatchRow& row : rows) {
    if (row.is_error()) {
      ++errors;
      // Most errors name the folder already ("audits/7: no such folder").
      err << "rundown: " << (row.error.starts_with(row.folder) ? "" : row.folder + ": ") << row.error << "\n";
    }
    if (format == "jsonl") text += reports::RenderBatchRow(row);
  }
  if (format == "md") text = reports::RenderBatchMarkdown(rows);
  std::ostream& dest = file.is_open() ? file : out;
  dest << text;
  if (!dest.flush()) return Fail(err, absl::DataLossError(StrCat("cannot write ", out_path)));
  return errors > 0 ? 1 : 0;
}

// `diff OLD.jsonl NEW.jsonl`: like diff(1), 0 when nothing differs, 1 when something does, 2
// when a file cannot be read or holds malformed lines (each said as file:line: message; the
// other lines are still compared).
int RunDiff(const std::string& old_path, const std::string& new_path, const std::string& format,
            std::ostream& out, std::ostream& err) {
  auto before = reports::ReadBatchFile(old_path);
  if (!before.ok()) return Fail(err, before.status());
  auto after = reports::ReadBatchFile(new_path);
  if (!after.ok()) return Fail(err, after.status());
  // Every batch writes a row per folder, even for an empty collection: no row at all is not a
  // batch output, and comparing two of them would say "no difference" about nothing.
  for (const reports::BatchFile* f : {&*before, &*after}) {
    if (!f->rows.empty() || !f->errors.empty()) continue;
    err << f->path << ": no batch row in it (an empty file?): expected the JSON Lines output of `rundown batch`\n";
    return kExitUsage;
  }
  reports::DiffInputs inputs{old_path, new_path, before->errors.size() + after->errors.size()};
  for (const reports::BatchFile* f : {&*before, &*after})
    for (const std::string& e : f->errors) err << e << "\n";
  const reports::BatchDiff diff = reports::DiffBatches(before->rows, after->rows);
  out << (format == "json" ? reports::RenderDiffJson(diff, inputs) : reports::RenderDiffMarkdown(diff, inputs));
  if (inputs.malformed_lines > 0) return kExitUsage;
  return diff.empty() ? 0 : 1;
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
  auto store = IngestReadingOutput(&d.files, MakeIngestOptions(common), &stats, /*list_output=*/false);
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
  out << Counted(files.size(), "file(s)") << " checked: " << Counted(errors, "error(s)") << ", "
      << Counted(warnings, "warning(s)") << "\n";
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
  for (const SourceFile& f : store->files())  // events lists what was read, so a file it could not read is an error
    if (!f.error.empty()) return Fail(err, absl::PermissionDeniedError(StrCat(f.path, ": ", f.error)));
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

  // A list option takes one value per flag: `analyze --rules team.rules DIR` must not read DIR
  // as a second rule file.
  auto add_repeatable = [](CLI::App* sub, const char* name, std::vector<std::string>& values, const std::string& help) {
    return sub->add_option(name, values, help)->allow_extra_args(false);
  };
  const std::string allow_missing_help =
      "accept a missing source (strace, ss, netstat, ps, inotify, program_log, all) without INCONCLUSIVE";

  std::string dir, format = "md", out_path;
  std::vector<std::string> rule_files, allow_missing;
  CLI::App* analyze = app.add_subcommand("analyze", "analyze an artifacts folder and write the report");
  analyze->add_option("DIR", dir, "artifacts folder")->required();
  analyze->add_option("--format", format, "report format")->check(CLI::IsMember({"md", "json"}));
  analyze->add_option("-o,--output", out_path, "write the report to FILE instead of stdout");
  add_repeatable(analyze, "--rules", rule_files, "add a rule file to the built-in pack (repeat the flag for more)");
  add_repeatable(analyze, "--allow-missing", allow_missing, allow_missing_help);
  bool timings = false;
  analyze->add_flag("--timings", timings, "print the time of each stage (parse, model, rules, report) to stderr");
  add_common(analyze);

  std::vector<std::string> batch_dirs;
  std::string batch_format = "jsonl";
  CLI::App* batch = app.add_subcommand(
      "batch", "analyze many artifacts folders side by side: one row each (JSON Lines or a Markdown table)");
  batch->add_option("DIR", batch_dirs,
                    "an artifacts folder, or a folder whose sub-folders (and archives) are artifacts folders")
      ->required();
  batch->add_option("--format", batch_format, "output format")->check(CLI::IsMember({"jsonl", "md"}));
  batch->add_option("-o,--output", out_path, "write the rows to FILE instead of stdout");
  add_repeatable(batch, "--rules", rule_files, "add a rule file to the built-in pack (repeat the flag for more)");
  add_repeatable(batch, "--allow-missing", allow_missing, allow_missing_help);
  batch->add_option("--threads", common.threads, "worker threads (default: all cores)")->check(CLI::NonNegativeNumber);
  batch->add_option("--inotify-format", common.inotify_format, "the --format spec inotifywait was run with");
  batch->add_option("--inotify-timefmt", common.inotify_timefmt, "the --timefmt spec inotifywait was run with");

  std::string diff_old, diff_new, diff_format = "md";
  CLI::App* diff = app.add_subcommand("diff", "compare two `batch --format jsonl` outputs (exit 0 same, 1 different)");
  diff->add_option("OLD", diff_old, "the earlier batch output (JSON Lines)")->required();
  diff->add_option("NEW", diff_new, "the later batch output (JSON Lines)")->required();
  diff->add_option("--format", diff_format, "output format")->check(CLI::IsMember({"md", "json"}));

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
  add_repeatable(events, "--rules", rule_files, "a rule file whose lists and macros the expression may use (repeat the flag for more)");
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
  if (batch->parsed())
    return RunBatch(batch_dirs, common, batch_format, out_path, rule_files, allow_missing, out, err);
  if (diff->parsed()) return RunDiff(diff_old, diff_new, diff_format, out, err);
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
