#include "rules/rule_set.h"

#include <sys/stat.h>

#include <atomic>
#include <functional>
#include <fstream>
#include <mutex>
#include <set>
#include <sstream>

#include "parsers/path_util.h"
#include "parsers/text_util.h"
#include "rules/checker.h"
#include "rules/compiler.h"
#include "rules/evaluator.h"
#include "rules/fields.h"
#include "rules/internal/builtin_rules.h"
#include "rules/parser.h"

namespace rundown::rules {

struct RuleSet::Impl {
  std::vector<std::shared_ptr<const SourceText>> sources;
  std::vector<std::shared_ptr<const Module>> modules;
  std::vector<bool> builtin;
  std::shared_ptr<const CompiledProgram> program;
  std::vector<Message> warnings;
  std::vector<ModuleRef> Refs() const {
    std::vector<ModuleRef> refs;
    for (size_t i = 0; i < modules.size(); ++i) refs.push_back({sources[i].get(), modules[i].get(), builtin[i]});
    return refs;
  }
};

namespace {

constexpr size_t kMaxIncludeDepth = 16;
constexpr size_t kMaxRuleFileBytes = 16u << 20;

// Reads a rule file. Only regular files, and at most kMaxRuleFileBytes: an include of
// /dev/zero or a FIFO must not hang the loader.
absl::StatusOr<std::string> ReadFile(const std::string& path) {
  struct stat st;
  if (::stat(path.c_str(), &st) != 0) return absl::NotFoundError(StrCat(path, ": cannot read the rule file"));
  if (!S_ISREG(st.st_mode)) return absl::InvalidArgumentError(StrCat(path, ": not a regular file"));
  if (static_cast<uint64_t>(st.st_size) > kMaxRuleFileBytes)
    return absl::InvalidArgumentError(StrCat(path, ": rule file larger than 16 MiB"));
  std::ifstream f(path, std::ios::binary);
  if (!f) return absl::NotFoundError(StrCat(path, ": cannot read the rule file"));
  std::string text(static_cast<size_t>(st.st_size), '\0');
  f.read(text.data(), static_cast<std::streamsize>(text.size()));
  text.resize(static_cast<size_t>(f.gcount()));
  return text;
}

Message ToMessage(const Diag& d) {
  Message m;
  m.level = d.warning ? Message::Level::kWarning : Message::Level::kError;
  m.text = d.text;
  if (d.source != nullptr) {
    m.file = d.source->name();
    d.source->Locate(d.offset, &m.line, &m.column);
    m.rendered = d.source->Render(d.offset, d.warning ? StrCat("warning: ", d.text) : d.text);
  } else {
    m.rendered = d.text;
  }
  return m;
}

// Loads one file and its includes into `impl` (includes first, so their definitions come
// before the including file's). Errors go to `sink`; false when the file could not be
// parsed. `read` fetches an included file by its resolved name.
class Loader {
 public:
  using Reader = std::function<absl::StatusOr<std::string>(const std::string&)>;
  Loader(RuleSet::Impl* impl, DiagSink* sink, Reader read, bool builtin)
      : impl_(impl), sink_(sink), read_(std::move(read)), builtin_(builtin) {
    for (const auto& s : impl->sources) loaded_.insert(s->name());
  }

  bool Load(const std::string& name, std::string text) {
    if (loaded_.count(name)) return true;  // included twice: once is enough
    loaded_.insert(name);
    auto src = std::make_shared<SourceText>(name, std::move(text));
    auto module = std::make_shared<Module>();
    if (!ParseModule(*src, sink_, module.get())) {
      keep_.push_back(src);  // the diagnostics point into it
      return false;
    }
    stack_.push_back(name);
    bool ok = true;
    for (const Decl& d : module->decls)
      if (auto* inc = std::get_if<IncludeDecl>(&d)) ok &= Include(*src, *inc);
    stack_.pop_back();
    impl_->sources.push_back(src);
    impl_->modules.push_back(module);
    impl_->builtin.push_back(builtin_);
    return ok;
  }

  std::vector<std::shared_ptr<const SourceText>> keep_;

 private:
  bool Include(const SourceText& from, const IncludeDecl& inc) {
    std::string dir(Dirname(from.name()));
    std::string path = inc.path.text.starts_with("/") || dir.empty() || dir == "."
                           ? inc.path.text
                           : JoinPath(dir, inc.path.text);
    if (std::find(stack_.begin(), stack_.end(), path) != stack_.end()) {
      sink_->Error(&from, inc.path.pos, StrCat("include cycle: '", path, "' includes itself"));
      return false;
    }
    if (stack_.size() >= kMaxIncludeDepth) {
      sink_->Error(&from, inc.path.pos, "includes nested too deeply");
      return false;
    }
    auto text = read_(path);
    if (!text.ok()) {
      sink_->Error(&from, inc.path.pos, StrCat("cannot include '", inc.path.text, "': ", std::string(text.status().message())));
      return false;
    }
    return Load(path, std::move(*text));
  }

  RuleSet::Impl* impl_;
  DiagSink* sink_;
  Reader read_;
  bool builtin_;
  std::set<std::string> loaded_;
  std::vector<std::string> stack_;
};

absl::StatusOr<std::string> ReadEmbedded(const std::string& name) {
  for (size_t i = 0; i < internal::kBuiltinRuleCount; ++i)
    if (internal::kBuiltinRules[i].name == name) return std::string(internal::kBuiltinRules[i].text);
  return absl::NotFoundError("no such built-in rule file");
}

// Checks and compiles the whole set; on success stores the program and the warnings.
bool CheckAndCompile(RuleSet::Impl* impl, DiagSink* sink) {
  Program program;
  Checker checker(impl->Refs(), sink);
  if (!checker.CheckProgram(&program)) return false;
  impl->program = std::make_shared<const CompiledProgram>(Compile(std::move(program)));
  impl->warnings.clear();
  for (const Diag& d : sink->diags())
    if (d.warning) impl->warnings.push_back(ToMessage(d));
  return true;
}

// Loads the files (name, text) in order, then checks and compiles the whole set once.
absl::Status AddTo(std::shared_ptr<const RuleSet::Impl>* impl, std::vector<std::pair<std::string, std::string>> files,
                   Loader::Reader read, bool builtin) {
  auto next = std::make_shared<RuleSet::Impl>(**impl);
  DiagSink sink;
  Loader loader(next.get(), &sink, std::move(read), builtin);
  for (auto& [name, text] : files)
    if (!loader.Load(name, std::move(text))) return sink.ToStatus();
  if (!CheckAndCompile(next.get(), &sink)) return sink.ToStatus();
  *impl = std::move(next);
  return absl::OkStatus();
}

}  // namespace

struct RuleSetAccess {
  static const std::shared_ptr<const RuleSet::Impl>& Get(const RuleSet& s) { return s.impl_; }
  static std::shared_ptr<const RuleSet::Impl>* Mutable(RuleSet* s) { return &s->impl_; }
};

namespace {
}  // namespace

std::string_view CategoryName(Category c) {
  switch (c) {
    case Category::kProcess: return "process";
    case Category::kNetwork: return "network";
    case Category::kFile: return "file";
    case Category::kPrivilege: return "privilege";
    case Category::kDependencies: return "dependencies";
    case Category::kStability: return "stability";
    case Category::kBackdoor: return "backdoor";
  }
  return "process";
}

std::string_view SeverityName(Severity s) {
  switch (s) {
    case Severity::kInfo: return "info";
    case Severity::kLow: return "low";
    case Severity::kMedium: return "medium";
    case Severity::kHigh: return "high";
    case Severity::kCritical: return "critical";
  }
  return "info";
}

std::string_view FindingStatusName(FindingStatus s) {
  switch (s) {
    case FindingStatus::kFired: return "fired";
    case FindingStatus::kHeld: return "held";
    case FindingStatus::kNotAssessed: return "not-assessed";
  }
  return "fired";
}

RuleSet::RuleSet() : impl_(std::make_shared<Impl>()) {}
RuleSet::~RuleSet() = default;
RuleSet::RuleSet(const RuleSet&) = default;
RuleSet& RuleSet::operator=(const RuleSet&) = default;
RuleSet::RuleSet(RuleSet&&) noexcept = default;
RuleSet& RuleSet::operator=(RuleSet&&) noexcept = default;

absl::StatusOr<RuleSet> RuleSet::Builtin() {
  // Loaded once per process; copies share the immutable state.
  // The files are checked and compiled together, once: checking after each file checked the
  // first one seven times (~4x the work of one check).
  static const absl::StatusOr<RuleSet>* builtin = [] {
    RuleSet set;
    std::vector<std::pair<std::string, std::string>> files;
    for (size_t i = 0; i < internal::kBuiltinRuleCount; ++i)
      files.emplace_back(internal::kBuiltinRules[i].name, internal::kBuiltinRules[i].text);
    absl::Status s = AddTo(RuleSetAccess::Mutable(&set), std::move(files), ReadEmbedded, true);
    if (!s.ok()) return new absl::StatusOr<RuleSet>(s);
    return new absl::StatusOr<RuleSet>(std::move(set));
  }();
  return *builtin;
}

absl::Status RuleSet::AddFile(const std::string& path) {
  auto text = ReadFile(path);
  if (!text.ok()) return text.status();
  return AddTo(&impl_, {{path, std::move(*text)}}, ReadFile, false);
}

absl::Status RuleSet::AddText(std::string_view name, std::string_view text) {
  return AddTo(&impl_, {{std::string(name), std::string(text)}}, ReadFile, false);
}

std::vector<Finding> RuleSet::Evaluate(const Model& model, int threads) const {
  if (!impl_->program) return {};
  return EvaluateProgram(*impl_->program, model, threads);
}

std::vector<std::string> RuleSet::RuleNames() const {
  std::vector<std::string> out;
  if (impl_->program)
    for (const CompiledRule& r : impl_->program->rules) out.push_back(r.rule.name);
  return out;
}

std::vector<Message> RuleSet::Warnings() const { return impl_->warnings; }

namespace {

// The embedded file a checked path stands for: ".../builtin/process.rules" is the developer's
// copy of "builtin/process.rules", checked in its place rather than beside it (which would
// report every rule of it as defined twice).
const internal::EmbeddedFile* EmbeddedCopy(const std::string& path) {
  for (size_t i = 0; i < internal::kBuiltinRuleCount; ++i) {
    const internal::EmbeddedFile& f = internal::kBuiltinRules[i];
    if (path == f.name || path.ends_with(StrCat("/", f.name))) return &f;
  }
  return nullptr;
}

}  // namespace

absl::StatusOr<std::vector<Message>> CheckFiles(const std::vector<std::string>& paths) {
  std::set<std::string_view> replaced;
  for (const std::string& p : paths)
    if (const internal::EmbeddedFile* f = EmbeddedCopy(p)) replaced.insert(f->name);
  RuleSet::Impl impl;
  DiagSink sink;
  {
    Loader builtin(&impl, &sink, ReadEmbedded, true);
    for (size_t i = 0; i < internal::kBuiltinRuleCount; ++i) {
      const internal::EmbeddedFile& f = internal::kBuiltinRules[i];
      if (!replaced.count(f.name)) builtin.Load(std::string(f.name), std::string(f.text));
    }
  }
  Loader loader(&impl, &sink, ReadFile, false);
  for (const std::string& p : paths) {
    auto text = ReadFile(p);
    if (!text.ok()) return text.status();
    loader.Load(p, std::move(*text));
  }
  if (!sink.has_errors()) CheckAndCompile(&impl, &sink);
  std::vector<Message> out;
  for (const Diag& d : sink.diags()) out.push_back(ToMessage(d));
  return out;
}

// --- filters -------------------------------------------------------------------------------

struct Filter::Impl {
  Plan plan;
  uint32_t root = 0;
  mutable std::mutex mu;
  mutable std::atomic<const EventContext*> ctx{nullptr};
  mutable std::vector<std::unique_ptr<EventContext>> owned;

  const EventContext& Context(const Model& m) const {
    const EventContext* c = ctx.load(std::memory_order_acquire);
    if (c != nullptr && &c->model() == &m) return *c;
    std::lock_guard<std::mutex> lock(mu);
    c = ctx.load(std::memory_order_acquire);
    if (c != nullptr && &c->model() == &m) return *c;
    owned.push_back(std::make_unique<EventContext>(m));
    ctx.store(owned.back().get(), std::memory_order_release);
    return *owned.back();
  }
};

Filter::Filter() = default;
Filter::~Filter() = default;
Filter::Filter(Filter&&) noexcept = default;
Filter& Filter::operator=(Filter&&) noexcept = default;

bool Filter::Matches(const Model& model, EventIndex event) const {
  if (!impl_) return false;
  return impl_->plan.Eval(impl_->root, impl_->Context(model), event);
}

absl::StatusOr<Filter> CompileFilter(const RuleSet& set, std::string_view expr) {
  SourceText src("<where>", std::string(expr));
  DiagSink sink;
  std::unique_ptr<Expr> parsed = ParseExpression(src, &sink);
  if (!parsed) return sink.ToStatus();
  const auto& impl = RuleSetAccess::Get(set);
  DiagSink check_sink;
  Checker checker(impl->Refs(), &check_sink);
  TExprPtr typed = checker.CheckExpression(src, *parsed);
  if (!typed) return check_sink.ToStatus();
  Filter f;
  f.impl_ = std::make_unique<Filter::Impl>();
  f.impl_->root = f.impl_->plan.Add(*typed);
  return f;
}

absl::StatusOr<Filter> CompileFilter(std::string_view expr) {
  auto set = RuleSet::Builtin();
  if (!set.ok()) return set.status();
  return CompileFilter(*set, expr);
}

// --- rendering -----------------------------------------------------------------------------

EventRenderer::EventRenderer(const Model& model) : ctx_(std::make_unique<EventContext>(model)) {}
EventRenderer::~EventRenderer() = default;

std::vector<FieldValue> EventRenderer::Fields(EventIndex event) const {
  std::vector<FieldValue> out;
  const Event& e = ctx_->store().event(event);
  for (const FieldDef& f : rules::Fields()) {
    if (f.run_level || !f.domain.test(EventClass(e))) continue;
    Value v = Extract(f.id, *ctx_, event);
    if (v.missing()) continue;
    FieldValue fv;
    fv.name = f.name;
    switch (f.type) {
      case FieldType::kInt:
      case FieldType::kDuration:
      case FieldType::kTime:
        fv.kind = FieldValue::Kind::kNumber;
        fv.text = StrCat(v.i);
        break;
      case FieldType::kBool:
        fv.kind = FieldValue::Kind::kBool;
        fv.text = v.i ? "true" : "false";
        break;
      default: fv.text = FormatValue(f, v);
    }
    out.push_back(std::move(fv));
  }
  return out;
}

std::vector<FieldValue> EventFields(const Model& model, EventIndex event) {
  return EventRenderer(model).Fields(event);
}

std::vector<FieldInfo> FieldTable() {
  std::vector<FieldInfo> out;
  for (const FieldDef& f : Fields()) out.push_back({f.name, FieldTypeName(f.type), f.doc});
  return out;
}

}  // namespace rundown::rules
