// `rundown rules test`: the `test` blocks of rule files. Each test's fixture files go
// through the real pipeline (IngestBuffers -> BuildModel -> Evaluate), so a test exercises
// the parsers and the model exactly as a run folder would.
#include <algorithm>
#include <fstream>
#include <iterator>

#include "engine/ingest.h"
#include "engine/model.h"
#include "parsers/source_sniffer.h"
#include "parsers/text_util.h"
#include "rules/parser.h"
#include "rules/source_text.h"
#include "rules/rule_set.h"

namespace rundown::rules {
namespace {

std::string Describe(const Finding* f) {
  if (f == nullptr) return "silent";
  if (f->status == FindingStatus::kFired) return StrCat("fired ", f->count);
  return f->status == FindingStatus::kHeld ? "held" : "not_assessed";
}

TestResult RunOne(const RuleSet& set, const SourceText& src, const TestDecl& t) {
  TestResult r;
  r.file = src.name();
  r.name = t.name.text;
  uint32_t col = 0;
  src.Locate(t.name.pos, &r.line, &col);
  std::vector<InMemoryFile> files;
  for (const TestFile& f : t.files) {
    InMemoryFile m;
    m.name = f.name.text;
    m.text = f.text.text;
    if (f.kind && !ParseSourceKind(f.kind->text, &m.kind)) {
      r.failures.push_back(StrCat("unknown source kind '", f.kind->text, "'"));
      return r;
    }
    files.push_back(std::move(m));
  }
  IngestOptions opts;
  opts.threads = 1;
  auto store = IngestBuffers(files, opts);
  if (!store.ok()) {
    r.failures.push_back(StrCat("fixture: ", std::string(store.status().message())));
    return r;
  }
  Model model = BuildModel(*store, 1);
  std::vector<Finding> findings = set.Evaluate(model, 1);
  std::vector<std::string> names = set.RuleNames();
  std::vector<std::string_view> candidates(names.begin(), names.end());
  for (const rules::Expect& e : t.expects) {
    if (std::find(names.begin(), names.end(), e.rule.text) == names.end()) {
      r.failures.push_back(StrCat("unknown rule '", e.rule.text, "'", DidYouMean(e.rule.text, candidates)));
      continue;
    }
    const Finding* got = nullptr;
    for (const Finding& f : findings)
      if (f.rule == e.rule.text) got = &f;
    const std::string& want = e.status.text;
    bool ok = want == "silent"         ? got == nullptr
              : want == "held"         ? got && got->status == FindingStatus::kHeld
              : want == "not_assessed" ? got && got->status == FindingStatus::kNotAssessed
              : want == "fired"        ? got && got->status == FindingStatus::kFired && (e.count < 0 || got->count == static_cast<uint64_t>(e.count))
                                       : false;
    if (want != "silent" && want != "held" && want != "not_assessed" && want != "fired") {
      r.failures.push_back(StrCat("unknown expectation '", want, "' (use fired, held, not_assessed or silent)"));
      continue;
    }
    if (!ok) {
      std::string expected = want == "fired" && e.count >= 0 ? StrCat("fired ", e.count) : want;
      std::string got_text = Describe(got);
      if (got && got->status == FindingStatus::kFired) StrAppend(&got_text, ": ", got->observation);
      r.failures.push_back(StrCat("expected ", e.rule.text, " ", expected, ", got ", got_text));
    }
  }
  r.passed = r.failures.empty();
  return r;
}

}  // namespace

absl::StatusOr<std::vector<TestResult>> RunTests(const RuleSet& set, std::string_view name, std::string_view text) {
  SourceText src{std::string(name), std::string(text)};
  DiagSink sink;
  Module module;
  if (!ParseModule(src, &sink, &module)) return sink.ToStatus();
  std::vector<TestResult> out;
  for (const Decl& d : module.decls)
    if (auto* t = std::get_if<TestDecl>(&d)) out.push_back(RunOne(set, src, *t));
  return out;
}

absl::StatusOr<std::vector<TestResult>> RunTestFiles(const std::vector<std::string>& paths) {
  auto set = RuleSet::Builtin();
  if (!set.ok()) return set.status();
  for (const std::string& p : paths) {
    if (absl::Status s = set->AddFile(p); !s.ok()) return s;
  }
  std::vector<TestResult> out;
  for (const std::string& p : paths) {
    // AddFile above has read and size-checked each file.
    std::ifstream f(p, std::ios::binary);
    std::string text((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
    auto results = RunTests(*set, p, text);
    if (!results.ok()) return results.status();
    out.insert(out.end(), results->begin(), results->end());
  }
  return out;
}

}  // namespace rundown::rules
