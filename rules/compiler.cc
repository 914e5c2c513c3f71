#include "rules/compiler.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "parsers/text_util.h"

namespace rundown::rules {
namespace {

// Relative cost of reading a field: a slot of the event, a process lookup, a hash probe
// (endpoints, fd table), or a path classification (string scans).
uint32_t FieldCost(FieldId f) {
  const FieldDef& d = Field(f);
  if (d.run_level) return 1;
  std::string_view n = d.name;
  if (f == FieldId::kFileClass || f == FieldId::kExecClass) return 12;
  if (f == FieldId::kSigTargetKind || f == FieldId::kRunProcesses) return 8;
  if (n.starts_with("evt.") || n.starts_with("exec.") || n.starts_with("clone.") || n.starts_with("log.") ||
      n.starts_with("mem.") || n.starts_with("priv.") || n.starts_with("fs.") || n.starts_with("open."))
    return f == FieldId::kExecInitial || f == FieldId::kEvtSource || f == FieldId::kEvtFile ? 3 : 1;
  if (n.starts_with("proc.") || n.starts_with("thread.")) return 2;
  return 4;  // file.* (fd table), net.* (endpoint table), fd.*, sig.*
}

bool CompareInt(CmpOp op, int64_t a, int64_t b) {
  switch (op) {
    case CmpOp::kEq: return a == b;
    case CmpOp::kNe: return a != b;
    case CmpOp::kLt: return a < b;
    case CmpOp::kLe: return a <= b;
    case CmpOp::kGt: return a > b;
    case CmpOp::kGe: return a >= b;
    default: return false;
  }
}

re2::StringPiece Piece(std::string_view s) { return re2::StringPiece(s.data(), s.size()); }

}  // namespace

Plan::Plan() = default;
Plan::~Plan() = default;
Plan::Plan(Plan&&) noexcept = default;
Plan& Plan::operator=(Plan&&) noexcept = default;

uint32_t Plan::Push(PlanNode n) {
  nodes_.push_back(n);
  return static_cast<uint32_t>(nodes_.size() - 1);
}

// Identical expressions become one node (a macro inlined into several rules, one test
// written in two): the key is exact, every value with its length.
std::string LeafKey(const TExpr& e) {
  std::string key = StrCat(static_cast<int>(e.kind), ":", static_cast<int>(e.field), ":",
                           static_cast<int>(e.other), ":", static_cast<int>(e.op));
  for (const TValue& v : e.values) StrAppend(&key, ";", v.i, ",", v.s.size(), ":", v.s);
  return key;
}

uint32_t Plan::Add(const TExpr& e) {
  PlanNode n;
  switch (e.kind) {
    case TExpr::Kind::kConst:
      n.kind = PlanNode::Kind::kConst;
      n.value = e.value;
      return Push(n);
    case TExpr::Kind::kAnd:
    case TExpr::Kind::kOr:
    case TExpr::Kind::kNot: {
      std::vector<uint32_t> kids;
      for (const TExprPtr& k : e.kids) kids.push_back(Add(*k));
      if (e.kind != TExpr::Kind::kNot)
        std::stable_sort(kids.begin(), kids.end(), [&](uint32_t a, uint32_t b) { return nodes_[a].cost < nodes_[b].cost; });
      n.kind = e.kind == TExpr::Kind::kAnd ? PlanNode::Kind::kAnd
               : e.kind == TExpr::Kind::kOr ? PlanNode::Kind::kOr : PlanNode::Kind::kNot;
      std::string key = StrCat(static_cast<int>(n.kind), "(");
      for (uint32_t k : kids) StrAppend(&key, k, ",");
      if (const uint32_t* same = Shared(key)) return *same;
      n.first = static_cast<uint32_t>(kids_.size());
      n.count = static_cast<uint32_t>(kids.size());
      for (uint32_t k : kids) {
        kids_.push_back(k);
        n.cost = std::min<uint32_t>(n.cost + nodes_[k].cost, 1u << 20);
      }
      return node_index_[key] = Push(n);
    }
    default: break;
  }
  std::string key = LeafKey(e);
  if (const uint32_t* same = Shared(key)) return *same;
  uint32_t id;
  switch (e.kind) {
    case TExpr::Kind::kTruthy:
    case TExpr::Kind::kExists:
      n.kind = e.kind == TExpr::Kind::kTruthy ? PlanNode::Kind::kTruthy : PlanNode::Kind::kExists;
      n.field = e.field;
      n.cost = FieldCost(e.field);
      id = Push(n);
      break;
    case TExpr::Kind::kFieldCompare:
      n.kind = PlanNode::Kind::kFieldCmp;
      n.field = e.field;
      n.other = e.other;
      n.op = e.op;
      n.cost = FieldCost(e.field) + FieldCost(e.other) + 1;
      id = Push(n);
      break;
    default: id = AddCompare(e); break;
  }
  return node_index_[key] = id;
}

const uint32_t* Plan::Shared(const std::string& key) const {
  auto it = node_index_.find(key);
  return it == node_index_.end() ? nullptr : &it->second;
}


uint32_t Plan::AddCompare(const TExpr& e) {
  const FieldDef& f = Field(e.field);
  PlanNode n;
  n.field = e.field;
  n.op = e.op;
  n.negate = e.op == CmpOp::kNe;
  n.cost = FieldCost(e.field);
  if (f.type == FieldType::kFlags) {
    n.kind = PlanNode::Kind::kFlagsAny;
    for (const TValue& v : e.values) n.value |= v.i;
    n.cost += 1;
    return Push(n);
  }
  if (f.type == FieldType::kIp && (e.op == CmpOp::kEq || e.op == CmpOp::kNe || e.op == CmpOp::kIn)) {
    n.kind = PlanNode::Kind::kCidr;
    n.arg = static_cast<uint32_t>(cidr_lists_.size());
    cidr_lists_.emplace_back();
    for (const TValue& v : e.values) cidr_lists_.back().push_back(v.cidr);
    n.cost += 8;
    return Push(n);
  }
  if (f.type != FieldType::kString && f.type != FieldType::kIp) {
    if (e.op == CmpOp::kIn && e.values.size() > 1) {
      n.kind = PlanNode::Kind::kIntSet;
      n.arg = static_cast<uint32_t>(int_sets_.size());
      int_sets_.emplace_back();
      for (const TValue& v : e.values) int_sets_.back().insert(v.i);
      n.cost += 2;
    } else {
      n.kind = PlanNode::Kind::kIntCmp;
      n.value = e.values.front().i;
      if (e.op == CmpOp::kIn) n.op = CmpOp::kEq;
      n.negate = false;
      n.cost += 1;
    }
    return Push(n);
  }
  return AddTextual(e, n);
}

uint32_t Plan::AddTextual(const TExpr& e, PlanNode n) {
  switch (e.op) {
    case CmpOp::kEq:
    case CmpOp::kNe:
      n.kind = PlanNode::Kind::kStrEq;
      n.arg = static_cast<uint32_t>(strings_.size());
      strings_.push_back(e.values.front().s);
      n.cost += 2;
      return Push(n);
    case CmpOp::kIn:
      if (e.values.size() == 1) {
        n.kind = PlanNode::Kind::kStrEq;
        n.arg = static_cast<uint32_t>(strings_.size());
        strings_.push_back(e.values.front().s);
      } else {
        n.kind = PlanNode::Kind::kStrSet;
        n.arg = static_cast<uint32_t>(str_sets_.size());
        str_sets_.emplace_back();
        for (const TValue& v : e.values) str_sets_.back().insert(v.s);
      }
      n.cost += 3;
      return Push(n);
    case CmpOp::kStartsWith:
    case CmpOp::kEndsWith:
    case CmpOp::kContains:
      n.kind = e.op == CmpOp::kStartsWith ? PlanNode::Kind::kPrefix
               : e.op == CmpOp::kEndsWith ? PlanNode::Kind::kSuffix : PlanNode::Kind::kContains;
      n.arg = static_cast<uint32_t>(str_lists_.size());
      str_lists_.emplace_back();
      for (const TValue& v : e.values) str_lists_.back().push_back(v.s);
      n.cost += (e.op == CmpOp::kContains ? 6 : 3) + static_cast<uint32_t>(std::min<size_t>(e.values.size(), 16));
      return Push(n);
    default: break;
  }
  // glob / regex: the checker has validated every pattern.
  std::vector<std::string> patterns;
  for (const TValue& v : e.values) {
    std::string p = v.s, error;
    if (e.op == CmpOp::kGlob) GlobToRegex(v.s, &p, &error);
    patterns.push_back(std::move(p));
  }
  RE2::Options opts;
  opts.set_log_errors(false);
  n.cost += 20;
  if (patterns.size() == 1) {
    n.kind = PlanNode::Kind::kRegex;
    auto [it, added] = regex_index_.try_emplace(patterns[0], static_cast<uint32_t>(regexes_.size()));
    if (added) regexes_.push_back(std::make_unique<RE2>(patterns[0], opts));
    n.arg = it->second;
    return Push(n);
  }
  n.kind = PlanNode::Kind::kRegexSet;
  std::string key;  // each pattern with its length before it: exact whatever the patterns hold
  for (const std::string& p : patterns) absl::StrAppend(&key, p.size(), ":", p);
  auto [it, added] = regex_set_index_.try_emplace(key, static_cast<uint32_t>(regex_sets_.size()));
  if (added) {
    auto set = std::make_unique<RE2::Set>(opts, RE2::UNANCHORED);
    for (const std::string& p : patterns) set->Add(p, nullptr);
    set->Compile();
    regex_sets_.push_back(std::move(set));
  }
  n.arg = it->second;
  return Push(n);
}

bool Plan::Eval(uint32_t i, const EventContext& ctx, EventIndex event) const {
  return EvalWith(i, [&](FieldId f) { return Extract(f, ctx, event); }, nullptr);
}

bool Plan::Eval(uint32_t i, const EventContext& ctx, PlanMemo* memo) const {
  return EvalWith(i, [&](FieldId f) { return memo->fields().Get(f, ctx); }, memo);
}

template <typename Read>
bool Plan::EvalWith(uint32_t i, const Read& read, PlanMemo* memo) const {
  const PlanNode& n = nodes_[i];
  if (memo == nullptr) return EvalNode(n, read, memo);
  return memo->Node(i, [&] { return EvalNode(n, read, memo); });
}

template <typename Read>
bool Plan::EvalNode(const PlanNode& n, const Read& read, PlanMemo* memo) const {
  switch (n.kind) {
    case PlanNode::Kind::kAnd:
      for (uint32_t k = 0; k < n.count; ++k)
        if (!EvalWith(kids_[n.first + k], read, memo)) return false;
      return true;
    case PlanNode::Kind::kOr:
      for (uint32_t k = 0; k < n.count; ++k)
        if (EvalWith(kids_[n.first + k], read, memo)) return true;
      return false;
    case PlanNode::Kind::kNot: return !EvalWith(kids_[n.first], read, memo);
    case PlanNode::Kind::kConst: return n.value != 0;
    default: break;
  }
  const Value v = read(n.field);
  if (n.kind == PlanNode::Kind::kExists) return !v.missing();
  if (v.missing()) return false;
  switch (n.kind) {
    case PlanNode::Kind::kTruthy: return v.i != 0;
    case PlanNode::Kind::kIntCmp: return CompareInt(n.op, v.i, n.value);
    case PlanNode::Kind::kIntSet: return int_sets_[n.arg].contains(v.i);
    case PlanNode::Kind::kFlagsAny: return (v.i & n.value) != 0;
    case PlanNode::Kind::kStrEq: return (v.s == strings_[n.arg]) != n.negate;
    case PlanNode::Kind::kStrSet: return str_sets_[n.arg].contains(AbslView(v.s));
    case PlanNode::Kind::kPrefix:
      for (const std::string& p : str_lists_[n.arg])
        if (v.s.starts_with(p)) return true;
      return false;
    case PlanNode::Kind::kSuffix:
      for (const std::string& p : str_lists_[n.arg])
        if (v.s.ends_with(p)) return true;
      return false;
    case PlanNode::Kind::kContains:
      for (const std::string& p : str_lists_[n.arg])
        if (v.s.find(p) != std::string_view::npos) return true;
      return false;
    case PlanNode::Kind::kRegex: return RE2::PartialMatch(Piece(v.s), *regexes_[n.arg]);
    case PlanNode::Kind::kRegexSet: return regex_sets_[n.arg]->Match(Piece(v.s), nullptr);
    case PlanNode::Kind::kCidr: {
      IpAddress ip;
      if (!ParseIp(v.s, &ip)) return false;
      bool in = false;
      for (const Cidr& c : cidr_lists_[n.arg]) in |= CidrContains(c, ip);
      return in != n.negate;
    }
    case PlanNode::Kind::kFieldCmp: {
      const Value w = read(n.other);
      if (w.missing()) return false;
      if (v.kind == Value::Kind::kStr) return n.op == CmpOp::kEq ? v.s == w.s : n.op == CmpOp::kNe && v.s != w.s;
      return CompareInt(n.op, v.i, w.i);
    }
    default: return false;
  }
}

bool Residual::Eval(const Plan& plan, uint32_t root, const EventContext& ctx, PlanMemo* memo) const {
  if (root == kFalse || root == kTrue) return root == kTrue;
  const Node& n = nodes_[root];
  switch (n.kind) {
    case Kind::kAnd:
      for (uint32_t k = 0; k < n.count; ++k)
        if (!Eval(plan, kids_[n.first + k], ctx, memo)) return false;
      return true;
    case Kind::kOr:
      for (uint32_t k = 0; k < n.count; ++k)
        if (Eval(plan, kids_[n.first + k], ctx, memo)) return true;
      return false;
    case Kind::kNot: return !Eval(plan, kids_[n.first], ctx, memo);
    case Kind::kPlan: return plan.Eval(n.first, ctx, memo);
  }
  return false;
}

std::string Plan::Dump(uint32_t i) const {
  const PlanNode& n = nodes_[i];
  switch (n.kind) {
    case PlanNode::Kind::kAnd:
    case PlanNode::Kind::kOr:
    case PlanNode::Kind::kNot: {
      std::string out = n.kind == PlanNode::Kind::kAnd ? "and{" : n.kind == PlanNode::Kind::kOr ? "or{" : "not{";
      for (uint32_t k = 0; k < n.count; ++k) StrAppend(&out, k ? " " : "", Dump(kids_[n.first + k]));
      return out + "}";
    }
    case PlanNode::Kind::kConst: return n.value ? "true" : "false";
    default: return StrCat(Field(n.field).name, ":", static_cast<int>(n.kind));
  }
}

CompiledProgram Compile(Program program) {
  CompiledProgram out;
  for (CheckedRule& r : program.rules) {
    CompiledRule c;
    if (r.kind == RuleKind::kSequence) {
      for (const TExprPtr& s : r.steps) {
        c.steps.push_back(out.plan.Add(*s));
        c.step_masks.push_back(MatchMask(*s));
        c.mask |= c.step_masks.back();
      }
    } else {
      c.cond = out.plan.Add(*r.cond);
      c.mask = MatchMask(*r.cond);
    }
    c.rule = std::move(r);
    out.rules.push_back(std::move(c));
  }
  return out;
}

}  // namespace rundown::rules
