#include "rules/checker.h"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "parsers/source_sniffer.h"
#include "parsers/text_util.h"
#include "re2/re2.h"
#include "re2/set.h"
#include "rules/lexer.h"
#include "rules/parser.h"

namespace rundown::rules {
namespace {

constexpr std::pair<std::string_view, Category> kCategories[] = {
    {"process", Category::kProcess},   {"network", Category::kNetwork},
    {"file", Category::kFile},         {"privilege", Category::kPrivilege},
    {"dependencies", Category::kDependencies}, {"stability", Category::kStability},
    {"backdoor", Category::kBackdoor}};
constexpr std::pair<std::string_view, Severity> kSeverities[] = {
    {"info", Severity::kInfo}, {"low", Severity::kLow}, {"medium", Severity::kMedium},
    {"high", Severity::kHigh}, {"critical", Severity::kCritical}};
constexpr std::string_view kSourceNames[] = {"strace", "inotify", "ss", "netstat", "ps", "program_log", "container"};

template <typename T, size_t N>
std::vector<std::string_view> Keys(const std::pair<std::string_view, T> (&table)[N]) {
  std::vector<std::string_view> out;
  for (const auto& [k, v] : table) out.push_back(k);
  return out;
}

std::string DescribeLiteral(const Literal& l) {
  switch (l.kind) {
    case Literal::Kind::kString: return StrCat("\"", l.text, "\" is a string");
    case Literal::Kind::kInt: return StrCat(l.number, " is a number");
    case Literal::Kind::kDuration: return "the value is a duration";
    case Literal::Kind::kIp: return StrCat(l.text, " is an address");
    case Literal::Kind::kBool: return StrCat(l.number ? "true" : "false", " is a boolean");
    case Literal::Kind::kListRef: return StrCat("'", l.text, "' is a list");
  }
  return "";
}

bool IsOrdered(FieldType t) { return t == FieldType::kInt || t == FieldType::kDuration || t == FieldType::kTime; }
bool IsTextual(FieldType t) { return t == FieldType::kString || t == FieldType::kIp; }

TExprPtr Const(bool v) {
  auto e = std::make_shared<TExpr>();
  e->kind = TExpr::Kind::kConst;
  e->value = v;
  return e;
}

TExprPtr Node(TExpr::Kind kind, std::vector<TExprPtr> kids) {
  auto e = std::make_shared<TExpr>();
  e->kind = kind;
  e->kids = std::move(kids);
  return e;
}

void CollectFields(const TExpr& e, std::vector<FieldId>* out) {
  switch (e.kind) {
    case TExpr::Kind::kTruthy:
    case TExpr::Kind::kCompare:
    case TExpr::Kind::kExists: out->push_back(e.field); break;
    case TExpr::Kind::kFieldCompare:
      out->push_back(e.field);
      out->push_back(e.other);
      break;
    default: break;
  }
  for (const TExprPtr& k : e.kids) CollectFields(*k, out);
}

// Calls carry their op; inotify lines the fs_* ops; rows, log lines, signals and exits are
// "other".
ClassMask OpClasses(const std::vector<TValue>& values) {
  ClassMask m;
  for (const TValue& v : values) {
    Op op = static_cast<Op>(v.i);
    for (size_t t = 0; t < kEventClasses / kOpSlots; ++t) {
      EventType type = static_cast<EventType>(t);
      bool call = type == EventType::kSyscall || type == EventType::kUnfinished || type == EventType::kResumed;
      bool fs = IsFileEventOp(op);
      if (op == Op::kOther || (fs && type == EventType::kFileEvent) || (!fs && call))
        m.set(t * kOpSlots + static_cast<size_t>(v.i));
    }
  }
  return m;
}

ClassMask TypeClasses(const std::vector<TValue>& values) {
  ClassMask m;
  for (const TValue& v : values)
    for (size_t op = 0; op < kOpSlots; ++op) m.set(static_cast<size_t>(v.i) * kOpSlots + op);
  return m;
}

// Equality constraints on one field that no value satisfies: `proc.name = "a" and
// proc.name = "b"`, `x in (1, 2) and x = 3`.
bool ContradictoryEqualities(const std::vector<TExprPtr>& conj) {
  std::map<FieldId, std::set<std::string>> allowed;
  for (const TExprPtr& k : conj) {
    if (k->kind != TExpr::Kind::kCompare || (k->op != CmpOp::kEq && k->op != CmpOp::kIn)) continue;
    if (Field(k->field).type == FieldType::kIp) continue;  // ranges, not values
    std::set<std::string> values;
    for (const TValue& v : k->values) values.insert(StrCat(v.i, ":", v.s));
    auto [it, fresh] = allowed.try_emplace(k->field, values);
    if (fresh) continue;
    std::set<std::string> both;
    for (const std::string& v : it->second)
      if (values.count(v)) both.insert(v);
    if (both.empty()) return true;
    it->second = std::move(both);
  }
  return false;
}

}  // namespace

bool NeverMatches(const TExpr& e) {
  switch (e.kind) {
    case TExpr::Kind::kConst: return !e.value;
    case TExpr::Kind::kAnd:
      for (const TExprPtr& k : e.kids)
        if (NeverMatches(*k)) return true;
      return ContradictoryEqualities(e.kids) || MatchMask(e).none();
    case TExpr::Kind::kOr:
      for (const TExprPtr& k : e.kids)
        if (!NeverMatches(*k)) return false;
      return true;
    default: return MatchMask(e).none();
  }
}

ClassMask MatchMask(const TExpr& e) {
  switch (e.kind) {
    case TExpr::Kind::kConst: return e.value ? AllClasses() : ClassMask();
    case TExpr::Kind::kNot: return AllClasses();
    case TExpr::Kind::kAnd: {
      ClassMask m = AllClasses();
      for (const TExprPtr& k : e.kids) m &= MatchMask(*k);
      return m;
    }
    case TExpr::Kind::kOr: {
      ClassMask m;
      for (const TExprPtr& k : e.kids) m |= MatchMask(*k);
      return m;
    }
    case TExpr::Kind::kCompare: {
      ClassMask m = Field(e.field).domain;
      if (e.op == CmpOp::kEq || e.op == CmpOp::kIn) {
        if (e.field == FieldId::kEvtOp) m &= OpClasses(e.values);
        if (e.field == FieldId::kEvtType) m &= TypeClasses(e.values);
      }
      return m;
    }
    case TExpr::Kind::kFieldCompare: return Field(e.field).domain & Field(e.other).domain;
    case TExpr::Kind::kTruthy:
    case TExpr::Kind::kExists: return Field(e.field).domain;
  }
  return AllClasses();
}

bool IsRunLevel(const TExpr& e) {
  std::vector<FieldId> fields;
  CollectFields(e, &fields);
  if (fields.empty()) return false;
  return std::all_of(fields.begin(), fields.end(), [](FieldId f) { return Field(f).run_level; });
}

std::string DumpTyped(const TExpr& e) {
  switch (e.kind) {
    case TExpr::Kind::kConst: return e.value ? "true" : "false";
    case TExpr::Kind::kAnd:
    case TExpr::Kind::kOr:
    case TExpr::Kind::kNot: {
      std::string out = e.kind == TExpr::Kind::kAnd ? "and{" : e.kind == TExpr::Kind::kOr ? "or{" : "not{";
      for (size_t i = 0; i < e.kids.size(); ++i) StrAppend(&out, i ? " " : "", DumpTyped(*e.kids[i]));
      return out + "}";
    }
    case TExpr::Kind::kTruthy: return std::string(Field(e.field).name);
    case TExpr::Kind::kExists: return StrCat("exists{", Field(e.field).name, "}");
    case TExpr::Kind::kFieldCompare:
      return StrCat(CmpOpName(e.op), "{", Field(e.field).name, " ", Field(e.other).name, "}");
    case TExpr::Kind::kCompare: {
      const FieldDef& f = Field(e.field);
      std::string out = StrCat(CmpOpName(e.op), "{", f.name);
      for (const TValue& v : e.values) {
        out += " ";
        if (f.type == FieldType::kString || f.type == FieldType::kIp) StrAppend(&out, "\"", v.s, "\"");
        else if (f.type == FieldType::kEnum || f.type == FieldType::kFlags) out += v.s;
        else StrAppend(&out, v.i);
      }
      return out + "}";
    }
  }
  return "";
}

namespace {

// What RE2 says of a pattern: empty when it is good. A built-in pattern is only parsed, which
// finds every syntax error for a fraction of the cost of compiling it (RE2 builds its program
// for the check, and the compiler builds it again); the pack's patterns are compiled in full
// by BuiltinPack.EveryPatternCompiles. A user's pattern is compiled, so one past RE2's memory
// budget is reported here, with its position, instead of never matching.
std::string PatternError(const std::string& pattern, bool parse_only) {
  RE2::Options opts;
  opts.set_log_errors(false);
  if (parse_only) {
    RE2::Set set(opts, RE2::UNANCHORED);
    std::string error;
    return set.Add(pattern, &error) < 0 ? error : "";
  }
  RE2 re(pattern, opts);
  return re.ok() ? "" : re.error();
}

}  // namespace

bool GlobToRegex(std::string_view glob, std::string* regex, std::string* error) {
  std::string out = "^";
  for (size_t i = 0; i < glob.size(); ++i) {
    char c = glob[i];
    if (c == '*') {
      if (i + 1 < glob.size() && glob[i + 1] == '*') {
        out += ".*";
        ++i;
      } else {
        out += "[^/]*";
      }
    } else if (c == '?') {
      out += "[^/]";
    } else if (c == '[') {
      size_t end = glob.find(']', i + 2);
      if (end == std::string_view::npos) {
        *error = StrCat("unclosed '[' at character ", i + 1);
        return false;
      }
      std::string cls(glob.substr(i + 1, end - i - 1));
      if (!cls.empty() && cls[0] == '!') cls[0] = '^';
      StrAppend(&out, "[", cls, "]");
      i = end;
    } else {
      if (std::string_view("\\.+()|{}^$").find(c) != std::string_view::npos) out.push_back('\\');
      out.push_back(c);
    }
  }
  *regex = out + "$";
  return true;
}

struct Checker::State {
  struct ListPart {
    const SourceText* src;
    const ListDecl* decl;
  };
  struct ListInfo {
    std::vector<ListPart> parts;  // the last `=` and the `+=` after it
    bool used = false;
    bool resolving = false;
  };
  struct MacroInfo {
    const SourceText* src = nullptr;
    const MacroDecl* decl = nullptr;
    enum class St { kUnchecked, kChecking, kDone } st = St::kUnchecked;
    TExprPtr typed;
    bool used = false;
  };
  struct RuleEntry {
    const SourceText* src;
    const RuleDecl* decl;
    std::vector<std::pair<const SourceText*, const ExceptDecl*>> extra;
  };

  DiagSink* sink;
  std::vector<ModuleRef> modules;
  std::set<const SourceText*> builtin;
  std::map<std::string, ListInfo, std::less<>> lists;
  std::map<std::string, MacroInfo, std::less<>> macros;
  std::vector<RuleEntry> rules;
  std::map<std::string, size_t, std::less<>> rule_index;
  std::set<std::tuple<const SourceText*, uint32_t, std::string>> reported;
  // RE2's verdict on each distinct pattern (empty: good): a list or macro that many rules use
  // brings the same patterns again wherever it is inlined.
  std::map<std::string, std::string, std::less<>> pattern_errors;
  const SourceText* src = nullptr;  // source of the expression being checked
  bool mark_used = true;
  int macro_depth = 0;  // expansions in progress; bounded like expression nesting

  void Error(const SourceText* s, uint32_t pos, std::string text) {
    if (reported.insert({s, pos, text}).second) sink->Error(s, pos, std::move(text));
  }
  void Error(uint32_t pos, std::string text) { Error(src, pos, std::move(text)); }
  void Warn(const SourceText* s, uint32_t pos, std::string text) {
    if (builtin.count(s)) return;
    if (reported.insert({s, pos, text}).second) sink->Warning(s, pos, std::move(text));
  }
  std::string Where(const SourceText* s, uint32_t pos) const {
    uint32_t line = 0, col = 0;
    s->Locate(pos, &line, &col);
    return StrCat(s->name(), ":", line, ":", col);
  }

  // --- symbol collection --------------------------------------------------------------
  void Collect() {
    for (const ModuleRef& m : modules) {
      if (m.builtin) builtin.insert(m.source);
      for (const Decl& d : m.module->decls) {
        if (auto* l = std::get_if<ListDecl>(&d)) CollectList(m.source, *l);
        if (auto* x = std::get_if<MacroDecl>(&d)) CollectMacro(m.source, *x);
        if (auto* r = std::get_if<RuleDecl>(&d)) CollectRule(m.source, *r);
      }
    }
    for (const ModuleRef& m : modules)
      for (const Decl& d : m.module->decls)
        if (auto* x = std::get_if<ExceptDecl>(&d)) AttachExcept(m.source, *x);
  }

  void CollectList(const SourceText* s, const ListDecl& l) {
    auto it = lists.find(l.name.text);
    if (l.append) {
      if (it == lists.end()) {
        Error(s, l.name.pos, StrCat("'+=' to undefined list '", l.name.text, "'", DidYouMean(l.name.text, ListNames())));
        return;
      }
      it->second.parts.push_back({s, &l});
      return;
    }
    if (it != lists.end()) {
      const ListPart& prev = it->second.parts.front();
      Warn(s, l.name.pos, StrCat("list '", l.name.text, "' replaces the definition at ", Where(prev.src, prev.decl->name.pos),
                                 " (use '+=' to add to it)"));
      it->second.parts.clear();
    }
    lists[l.name.text].parts.push_back({s, &l});
  }

  void CollectMacro(const SourceText* s, const MacroDecl& m) {
    auto it = macros.find(m.name.text);
    if (it != macros.end())
      Warn(s, m.name.pos, StrCat("macro '", m.name.text, "' shadows the definition at ", Where(it->second.src, it->second.decl->name.pos)));
    MacroInfo& info = macros[m.name.text];
    info.src = s;
    info.decl = &m;
  }

  void CollectRule(const SourceText* s, const RuleDecl& r) {
    auto it = rule_index.find(r.name.text);
    if (it != rule_index.end()) {
      const RuleEntry& prev = rules[it->second];
      Error(s, r.name.pos, StrCat("rule '", r.name.text, "' is already defined at ", Where(prev.src, prev.decl->name.pos)));
      return;
    }
    rule_index[r.name.text] = rules.size();
    rules.push_back({s, &r, {}});
  }

  void AttachExcept(const SourceText* s, const ExceptDecl& x) {
    auto it = rule_index.find(x.rule->text);
    if (it == rule_index.end()) {
      std::vector<std::string_view> names;
      for (const auto& [n, i] : rule_index) names.push_back(n);
      Error(s, x.rule->pos, StrCat("exception for unknown rule '", x.rule->text, "'", DidYouMean(x.rule->text, names)));
      return;
    }
    RuleEntry& r = rules[it->second];
    if (x.name) {
      std::vector<std::string_view> declared;
      for (const ExceptDecl& own : r.decl->excepts)
        if (own.name) declared.push_back(own.name->text);
      if (std::find(declared.begin(), declared.end(), x.name->text) == declared.end()) {
        std::string hint = DidYouMean(x.name->text, declared);
        if (hint.empty() && declared.empty()) hint = " (it declares no named exception; leave the name out)";
        Error(s, x.name->pos, StrCat("rule '", x.rule->text, "' has no exception '", x.name->text, "'", hint));
        return;
      }
    }
    r.extra.push_back({s, &x});
  }

  std::vector<std::string_view> ListNames() const {
    std::vector<std::string_view> out;
    for (const auto& [n, l] : lists) out.push_back(n);
    return out;
  }
  std::vector<std::string_view> MacroNames() const {
    std::vector<std::string_view> out;
    for (const auto& [n, m] : macros) out.push_back(n);
    return out;
  }

  // --- expressions --------------------------------------------------------------------
  const FieldDef* LookupField(const Name& n) {
    const FieldDef* f = FindField(n.text);
    if (f == nullptr) Error(n.pos, StrCat("unknown field '", n.text, "'", DidYouMean(n.text, FieldNames())));
    return f;
  }

  TExprPtr Check(const Expr& e) {
    switch (e.kind) {
      case Expr::Kind::kAnd:
      case Expr::Kind::kOr:
      case Expr::Kind::kNot: {
        std::vector<TExprPtr> kids;
        bool ok = true;
        for (const auto& k : e.kids) {
          kids.push_back(Check(*k));
          ok &= kids.back() != nullptr;
        }
        if (!ok) return nullptr;
        return Node(e.kind == Expr::Kind::kAnd ? TExpr::Kind::kAnd
                    : e.kind == Expr::Kind::kOr ? TExpr::Kind::kOr : TExpr::Kind::kNot,
                    std::move(kids));
      }
      case Expr::Kind::kBool: return Const(e.value);
      case Expr::Kind::kRef: return CheckRef(e.name);
      case Expr::Kind::kExists: {
        const FieldDef* f = LookupField(e.name);
        if (f == nullptr) return nullptr;
        auto t = std::make_shared<TExpr>();
        t->kind = TExpr::Kind::kExists;
        t->field = f->id;
        return t;
      }
      case Expr::Kind::kCompare: return CheckCompare(e);
    }
    return nullptr;
  }

  TExprPtr CheckRef(const Name& n) {
    if (n.text.find('.') != std::string::npos) {
      const FieldDef* f = LookupField(n);
      if (f == nullptr) return nullptr;
      if (f->type != FieldType::kBool) {
        Error(n.pos, StrCat("field '", n.text, "' is ", FieldTypeName(f->type), ", not a condition: compare it ('",
                            n.text, " = ...') or test '", n.text, " exists'"));
        return nullptr;
      }
      auto t = std::make_shared<TExpr>();
      t->kind = TExpr::Kind::kTruthy;
      t->field = f->id;
      return t;
    }
    auto it = macros.find(n.text);
    if (it == macros.end()) {
      Error(n.pos, StrCat("undefined macro '", n.text, "'", DidYouMean(n.text, MacroNames())));
      return nullptr;
    }
    return ExpandMacro(it->second, n.pos);
  }

  TExprPtr ExpandMacro(MacroInfo& m, uint32_t use_pos) {
    if (mark_used) m.used = true;
    if (m.st == MacroInfo::St::kDone) return m.typed;
    if (m.st == MacroInfo::St::kChecking) {
      Error(use_pos, StrCat("macro '", m.decl->name.text, "' refers to itself"));
      return nullptr;
    }
    if (macro_depth >= kMaxDepth) {
      Error(use_pos, StrCat("macros nested too deeply (more than ", kMaxDepth, " levels)"));
      return nullptr;
    }
    m.st = MacroInfo::St::kChecking;
    const SourceText* saved = src;
    src = m.src;
    ++macro_depth;
    m.typed = Check(*m.decl->cond);
    --macro_depth;
    src = saved;
    m.st = MacroInfo::St::kDone;
    return m.typed;
  }

  // Flattens a list (and the lists it names) into its literals.
  bool ResolveList(const Name& n, std::vector<std::pair<const SourceText*, const Literal*>>* out, int depth = 0) {
    auto it = lists.find(n.text);
    if (it == lists.end()) {
      Error(n.pos, StrCat("undefined list '", n.text, "'", DidYouMean(n.text, ListNames())));
      return false;
    }
    ListInfo& l = it->second;
    if (mark_used) l.used = true;
    if (l.resolving || depth > kMaxDepth) {
      Error(n.pos, StrCat("list '", n.text, "' includes itself"));
      return false;
    }
    l.resolving = true;
    bool ok = true;
    for (const ListPart& part : l.parts) {
      for (const Literal& item : part.decl->items) {
        if (item.kind != Literal::Kind::kListRef) {
          out->push_back({part.src, &item});
          continue;
        }
        const SourceText* saved = src;
        src = part.src;
        ok &= ResolveList({item.text, item.pos}, out, depth + 1);
        src = saved;
      }
    }
    l.resolving = false;
    return ok;
  }

  bool CheckOperator(const FieldDef& f, CmpOp op, uint32_t pos) {
    bool ok = true;
    std::string hint;
    switch (op) {
      case CmpOp::kEq:
      case CmpOp::kNe:
        ok = f.type != FieldType::kFlags;
        if (!ok) hint = StrCat(" (use '", f.name, " contains \"", f.symbols.front().name, "\"')");
        break;
      case CmpOp::kLt: case CmpOp::kLe: case CmpOp::kGt: case CmpOp::kGe: ok = IsOrdered(f.type); break;
      case CmpOp::kIn: ok = f.type != FieldType::kFlags && f.type != FieldType::kBool; break;
      case CmpOp::kContains: ok = IsTextual(f.type) || f.type == FieldType::kFlags; break;
      default: ok = IsTextual(f.type); break;
    }
    if (!ok)
      Error(pos, StrCat("operator '", CmpOpSymbol(op), "' does not apply to ", FieldTypeName(f.type), " field '", f.name, "'", hint));
    return ok;
  }

  TExprPtr CheckCompare(const Expr& e) {
    const FieldDef* f = LookupField(e.name);
    if (f == nullptr) return nullptr;
    if (e.rhs.kind == Operand::Kind::kField) return CheckFieldCompare(*f, e);
    if (!CheckOperator(*f, e.op, e.pos)) return nullptr;
    std::vector<std::pair<const SourceText*, const Literal*>> lits;
    if (e.rhs.kind == Operand::Kind::kListRef) {
      if (!ResolveList(e.rhs.name, &lits)) return nullptr;
    } else {
      for (const Literal& l : e.rhs.items) lits.push_back({src, &l});
    }
    auto t = std::make_shared<TExpr>();
    t->kind = TExpr::Kind::kCompare;
    t->field = f->id;
    t->op = e.op;
    bool ok = true;
    for (const auto& [s, lit] : lits) {
      const SourceText* saved = src;
      src = s;
      TValue v;
      if (ConvertLiteral(*f, e.op, *lit, &v)) t->values.push_back(std::move(v));
      else ok = false;
      src = saved;
    }
    if (!ok) return nullptr;
    if (t->values.empty()) return Const(false);  // `in` an empty list matches nothing
    return t;
  }

  TExprPtr CheckFieldCompare(const FieldDef& f, const Expr& e) {
    const FieldDef* g = LookupField(e.rhs.name);
    if (g == nullptr) return nullptr;
    if (!CheckOperator(f, e.op, e.pos)) return nullptr;
    bool same = f.type == g->type && (f.type != FieldType::kEnum || f.symbols.data() == g->symbols.data());
    if (!same) {
      Error(e.rhs.pos, StrCat("type mismatch: '", f.name, "' is ", FieldTypeName(f.type), " but '", g->name, "' is ",
                              FieldTypeName(g->type)));
      return nullptr;
    }
    auto t = std::make_shared<TExpr>();
    t->kind = TExpr::Kind::kFieldCompare;
    t->field = f.id;
    t->other = g->id;
    t->op = e.op;
    return t;
  }

  bool Mismatch(const FieldDef& f, const Literal& l) {
    Error(l.pos, StrCat("type mismatch: '", f.name, "' is ", FieldTypeName(f.type), " but ", DescribeLiteral(l)));
    return false;
  }

  bool ConvertLiteral(const FieldDef& f, CmpOp op, const Literal& l, TValue* v) {
    v->pos = l.pos;
    using K = Literal::Kind;
    switch (f.type) {
      case FieldType::kString:
        if (l.kind != K::kString) return Mismatch(f, l);
        v->s = l.text;
        return CheckPattern(op, l, v);
      case FieldType::kInt:
      case FieldType::kTime:
        if (l.kind != K::kInt) return Mismatch(f, l);
        v->i = l.number;
        return true;
      case FieldType::kDuration:
        if (l.kind != K::kDuration) {
          if (l.kind == K::kInt) {
            Error(l.pos, StrCat("type mismatch: '", f.name, "' is a duration: write a unit (", l.number, "s, ", l.number, "ms ...)"));
            return false;
          }
          return Mismatch(f, l);
        }
        v->i = l.number;
        return true;
      case FieldType::kBool:
        if (l.kind != K::kBool) return Mismatch(f, l);
        v->i = l.number;
        return true;
      case FieldType::kIp: return ConvertIp(f, op, l, v);
      case FieldType::kEnum:
      case FieldType::kFlags: {
        if (l.kind != K::kString) return Mismatch(f, l);
        if (!FindSymbol(f, l.text, &v->i)) {
          Error(l.pos, StrCat("unknown ", f.type == FieldType::kEnum ? "value" : "flag", " \"", l.text, "\" for ", f.name,
                              DidYouMean(l.text, SymbolNames(f), '"')));
          return false;
        }
        v->s = l.text;
        return true;
      }
    }
    return false;
  }

  bool ConvertIp(const FieldDef& f, CmpOp op, const Literal& l, TValue* v) {
    if (l.kind != Literal::Kind::kIp && l.kind != Literal::Kind::kString) return Mismatch(f, l);
    v->s = l.text;
    if (op != CmpOp::kEq && op != CmpOp::kNe && op != CmpOp::kIn) return CheckPattern(op, l, v);
    if (!ParseCidr(l.text, &v->cidr)) {
      Error(l.pos, StrCat("bad address '", l.text, "' for ", f.name, " (expected 10.0.0.0/8, 127.0.0.1 or \"fc00::/7\")"));
      return false;
    }
    if ((op == CmpOp::kEq || op == CmpOp::kNe) && l.text.find('/') != std::string::npos) {
      Error(l.pos, StrCat("a range needs 'in': ", f.name, " in ", l.text));
      return false;
    }
    return true;
  }

  bool CheckPattern(CmpOp op, const Literal& l, TValue* v) {
    std::string pattern = l.text, error;
    if (op == CmpOp::kGlob && !GlobToRegex(l.text, &pattern, &error)) {
      Error(l.pos, StrCat("bad glob '", l.text, "': ", error));
      return false;
    }
    if (op != CmpOp::kGlob && op != CmpOp::kRegex) return true;
    auto [it, added] = pattern_errors.try_emplace(pattern);
    if (added) it->second = PatternError(pattern, builtin.count(src) != 0);
    if (!it->second.empty()) {
      Error(l.pos, StrCat("bad regex '", l.text, "': ", it->second));
      return false;
    }
    return true;
  }

  // --- rules --------------------------------------------------------------------------
  std::optional<FieldId> CheckKeyField(const Name& n) {
    const FieldDef* f = LookupField(n);
    if (f == nullptr) return std::nullopt;
    if (f->run_level) {
      Error(n.pos, StrCat("'", n.text, "' is the same for every event and cannot group or join them"));
      return std::nullopt;
    }
    return f->id;
  }

  TExprPtr Fold(TExprPtr cond, const std::vector<TExprPtr>& excepts) {
    if (excepts.empty() || cond == nullptr) return cond;
    TExprPtr any = excepts.size() == 1 ? excepts[0] : Node(TExpr::Kind::kOr, excepts);
    return Node(TExpr::Kind::kAnd, {cond, Node(TExpr::Kind::kNot, {any})});
  }

  bool CheckRule(const RuleEntry& entry, CheckedRule* out) {
    const RuleDecl& r = *entry.decl;
    src = entry.src;
    size_t errors_before = sink->diags().size();
    out->name = r.name.text;
    out->source = entry.src;
    out->pos = r.name.pos;
    CheckHeader(r, out);
    std::vector<TExprPtr> excepts;
    for (const ExceptDecl& x : r.excepts)
      if (TExprPtr t = Check(*x.cond)) excepts.push_back(t);
    for (const auto& [s, x] : entry.extra) {
      src = s;
      if (TExprPtr t = Check(*x->cond)) excepts.push_back(t);
    }
    src = entry.src;
    CheckBody(r, excepts, out);
    CheckTexts(r, out);
    InferSources(r, out);
    bool ok = true;
    for (size_t i = errors_before; i < sink->diags().size(); ++i) ok &= sink->diags()[i].warning;
    return ok && !sink->has_errors();
  }

  void CheckHeader(const RuleDecl& r, CheckedRule* out) {
    auto pick = [&](const std::optional<Name>& n, std::string_view what, auto& table, auto* slot) {
      if (!n) {
        Error(r.name.pos, StrCat("rule '", r.name.text, "' has no ", what));
        return;
      }
      for (const auto& [k, v] : table)
        if (k == n->text) {
          *slot = v;
          return;
        }
      Error(n->pos, StrCat("unknown ", what, " '", n->text, "'", DidYouMean(n->text, Keys(table))));
    };
    pick(r.category, "category", kCategories, &out->category);
    pick(r.severity, "severity", kSeverities, &out->severity);
    std::vector<std::string_view> kinds(std::begin(kSourceNames), std::end(kSourceNames));
    for (const std::vector<Name>& alternatives : r.required) {
      uint32_t bits = 0;
      for (const Name& n : alternatives) {
        SourceKind k;
        if (std::find(kinds.begin(), kinds.end(), n.text) == kinds.end() || !ParseSourceKind(n.text, &k)) {
          Error(n.pos, StrCat("unknown source kind '", n.text, "'", DidYouMean(n.text, kinds)));
          continue;
        }
        bits |= 1u << static_cast<uint32_t>(k);
      }
      out->required.push_back(bits);
    }
  }

  void CheckBody(const RuleDecl& r, const std::vector<TExprPtr>& excepts, CheckedRule* out) {
    if (r.mode == RuleDecl::Mode::kUnset) {
      Error(r.name.pos, StrCat("rule '", r.name.text, "' has no condition: add 'when', 'none' or 'sequence'"));
      return;
    }
    if (r.aggregate && r.mode != RuleDecl::Mode::kWhen)
      Error(r.aggregate->pos, "'count' needs a 'when' condition");
    if (r.mode == RuleDecl::Mode::kSequence) return CheckSequence(r, excepts, out);
    TExprPtr cond = Check(*r.cond);
    out->cond = Fold(cond, excepts);
    if (cond == nullptr) return;
    if (r.mode == RuleDecl::Mode::kNone) {
      out->kind = RuleKind::kAbsence;
    } else if (r.aggregate) {
      out->kind = RuleKind::kAggregate;
      CheckAggregate(*r.aggregate, out);
    } else {
      out->kind = IsRunLevel(*out->cond) ? RuleKind::kRun : RuleKind::kEvent;
    }
    if (out->kind != RuleKind::kRun && NeverMatches(*cond))
      Warn(src, r.mode_pos, StrCat("the condition of rule '", r.name.text, "' can never match"));
  }

  void CheckAggregate(const Aggregate& a, CheckedRule* out) {
    if (a.distinct) out->distinct = CheckKeyField(*a.distinct);
    for (const Name& n : a.by)
      if (auto f = CheckKeyField(n)) out->by.push_back(*f);
    out->agg_op = a.op;
    out->threshold = a.threshold;
  }

  void CheckSequence(const RuleDecl& r, const std::vector<TExprPtr>& excepts, CheckedRule* out) {
    const Sequence& s = *r.sequence;
    out->kind = RuleKind::kSequence;
    out->within_ns = s.within_ns;
    for (const Name& n : s.by)
      if (auto f = CheckKeyField(n)) out->by.push_back(*f);
    if (s.steps.size() < 2) Error(s.pos, "a sequence needs at least two steps (use 'when' for one)");
    for (const Step& st : s.steps) {
      std::string label = st.label ? st.label->text : "";
      if (!label.empty() && std::count(out->step_labels.begin(), out->step_labels.end(), label))
        Error(st.label->pos, StrCat("duplicate step name '", label, "'"));
      out->step_labels.push_back(label);
      TExprPtr c = Check(*st.cond);
      if (c && NeverMatches(*c)) Warn(src, st.pos, "this step can never match");
      out->steps.push_back(Fold(c, excepts));
    }
  }

  void CheckTexts(const RuleDecl& r, CheckedRule* out) {
    if (!r.observation) {
      Error(r.name.pos, StrCat("rule '", r.name.text, "' has no observation"));
    } else {
      ParseTemplate(*r.observation, *out, &out->observation);
    }
    if (r.recommendation) out->recommendation = r.recommendation->text;
    else if (out->severity >= Severity::kLow && out->kind != RuleKind::kAbsence)
      Warn(src, r.name.pos, StrCat("rule '", r.name.text, "' has no recommendation"));
    for (const StringLit& s : r.references) out->references.push_back(s.text);
    for (const StringLit& s : r.tags) out->tags.push_back(s.text);
  }

  void InferSources(const RuleDecl& r, CheckedRule* out) {
    if (!r.required.empty() || out->kind == RuleKind::kRun) return;
    if (out->kind == RuleKind::kSequence) {
      for (const TExprPtr& s : out->steps)
        if (s) out->required.push_back(SourcesOf(MatchMask(*s)));
      return;
    }
    if (out->cond) out->required.push_back(SourcesOf(MatchMask(*out->cond)));
  }

  void ParseTemplate(const StringLit& lit, const CheckedRule& rule, std::vector<TemplatePart>* out) {
    const std::string& t = lit.text;
    std::string text;
    auto flush = [&] {
      if (!text.empty()) out->push_back({TemplatePart::Kind::kText, std::move(text)});
      text.clear();
    };
    for (size_t i = 0; i < t.size(); ++i) {
      if ((t[i] == '{' || t[i] == '}') && i + 1 < t.size() && t[i + 1] == t[i]) {
        text.push_back(t[i++]);
        continue;
      }
      if (t[i] == '}') {
        Error(StringCharOffset(src->text(), lit.pos, i), "unmatched '}' in the template (write '}}' for a brace)");
        continue;
      }
      if (t[i] != '{') {
        text.push_back(t[i]);
        continue;
      }
      size_t end = t.find('}', i);
      if (end == std::string::npos) {
        Error(StringCharOffset(src->text(), lit.pos, i), "unterminated '{' in the template (write '{{' for a brace)");
        return;
      }
      flush();
      std::string name(StripSpaces(std::string_view(t).substr(i + 1, end - i - 1)));
      uint32_t pos = StringCharOffset(src->text(), lit.pos, i + 1);
      TemplatePart part;
      // {field?}: print nothing, rather than '?', when the event lacks the field.
      if (name.ends_with('?')) {
        part.optional = true;
        name = std::string(StripSpaces(std::string_view(name).substr(0, name.size() - 1)));
      }
      if (TemplateName(name, pos, rule, &part)) out->push_back(std::move(part));
      i = end;
    }
    flush();
  }

  bool TemplateName(const std::string& name, uint32_t pos, const CheckedRule& rule, TemplatePart* part) {
    if (name == "count") return part->kind = TemplatePart::Kind::kCount, true;
    if (name == "groups") return part->kind = TemplatePart::Kind::kGroups, true;
    if (name == "key") return part->kind = TemplatePart::Kind::kKey, true;
    std::string field = name;
    size_t dot = name.find('.');
    if (rule.kind == RuleKind::kSequence && dot != std::string::npos) {
      auto it = std::find(rule.step_labels.begin(), rule.step_labels.end(), name.substr(0, dot));
      if (it != rule.step_labels.end() && !it->empty()) {
        part->step = static_cast<int>(it - rule.step_labels.begin());
        field = name.substr(dot + 1);
        pos += static_cast<uint32_t>(dot + 1);
      }
    }
    const FieldDef* f = FindField(field);
    if (f == nullptr) {
      std::vector<std::string_view> names = FieldNames();
      names.insert(names.end(), {"count", "groups", "key"});
      Error(pos, StrCat("unknown field '", field, "' in the template", DidYouMean(field, names)));
      return false;
    }
    if (rule.kind == RuleKind::kAbsence && !f->run_level) {
      Error(pos, StrCat("an absence rule has no matching event to take '", field, "' from (use run.* fields or plain text)"));
      return false;
    }
    part->kind = TemplatePart::Kind::kField;
    part->field = f->id;
    return true;
  }

  void Lint() {
    for (const auto& [name, l] : lists)
      if (!l.used) Warn(l.parts.front().src, l.parts.front().decl->name.pos, StrCat("list '", name, "' is never used"));
    for (auto& [name, m] : macros) {
      if (m.used) continue;
      // Check unused macros too: their errors are still errors.
      mark_used = false;
      src = m.src;
      ExpandMacro(m, m.decl->name.pos);
      mark_used = true;
      Warn(m.src, m.decl->name.pos, StrCat("macro '", name, "' is never used"));
    }
  }
};

Checker::Checker(std::vector<ModuleRef> modules, DiagSink* sink) : state_(std::make_unique<State>()) {
  state_->sink = sink;
  state_->modules = std::move(modules);
  state_->Collect();
}

Checker::~Checker() = default;

bool Checker::CheckProgram(Program* out) {
  for (const State::RuleEntry& r : state_->rules) {
    CheckedRule cr;
    state_->CheckRule(r, &cr);
    out->rules.push_back(std::move(cr));
  }
  state_->Lint();
  return !state_->sink->has_errors();
}

TExprPtr Checker::CheckExpression(const SourceText& source, const Expr& expr) {
  state_->src = &source;
  state_->mark_used = false;
  TExprPtr t = state_->Check(expr);
  state_->mark_used = true;
  return state_->sink->has_errors() ? nullptr : t;
}

}  // namespace rundown::rules
