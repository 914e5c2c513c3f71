// The compiler turns checked rules (rules/checker.h) into a flat plan the evaluator runs:
// nodes in one array addressed by index, field ids instead of names, literal lists as hash
// sets, regexes and globs compiled once with RE2 (several patterns in one operand become
// one RE2::Set), CIDRs parsed, and the operands of every and/or ordered cheapest first
// (the language has no side effects, so order never changes a result). Each rule also gets
// the set of event classes it can match, so the evaluator only tries it on those; EvalKnown
// narrows that further to the events of one syscall name (evt.name tests, run.* fields).
//
// A Plan is immutable after Compile() and safe to evaluate from many threads.
#ifndef RUNDOWN_RULES_COMPILER_H_
#define RUNDOWN_RULES_COMPILER_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "re2/re2.h"
#include "re2/set.h"
#include "rules/checker.h"

namespace rundown::rules {

// A condition's value for a whole group of events, as far as the fields they share decide it.
enum class Tri : uint8_t { kFalse, kTrue, kUnknown };

struct PlanNode {
  enum class Kind : uint8_t {
    kAnd, kOr, kNot, kConst, kTruthy, kExists,
    kIntCmp,      // field <op> value (int, duration, time, bool, enum)
    kIntSet,      // field in int_sets[arg]
    kStrEq,       // field = / != strings[arg]
    kStrSet,      // field in str_sets[arg]
    kPrefix, kSuffix, kContains,  // any of str_lists[arg]
    kRegex,       // regexes[arg] (one pattern)
    kRegexSet,    // regex_sets[arg] (several patterns)
    kCidr,        // field in / = cidr_lists[arg]
    kFlagsAny,    // field & value != 0
    kFieldCmp,    // field <op> other
  };
  Kind kind = Kind::kConst;
  CmpOp op = CmpOp::kEq;
  bool negate = false;  // != on an equality kind
  FieldId field = FieldId::kEvtOp;
  FieldId other = FieldId::kEvtOp;
  uint32_t first = 0, count = 0;  // kAnd / kOr / kNot: kids are plan.kids[first .. first+count)
  uint32_t arg = 0;
  int64_t value = 0;
  uint32_t cost = 0;
};

class PlanMemo;

class Plan {
 public:
  Plan();
  ~Plan();
  Plan(Plan&&) noexcept;
  Plan& operator=(Plan&&) noexcept;

  // Adds an expression; returns its root node (an existing one for an expression added
  // before: identical expressions are one node).
  uint32_t Add(const TExpr& e);
  bool Eval(uint32_t node, const EventContext& ctx, EventIndex event) const;
  // The same for the memo's event: each field read, each node evaluated at most once per
  // event (identical expressions are one node, so a macro that several rules use is
  // evaluated once; so is what the residuals of several rules share).
  bool Eval(uint32_t node, const EventContext& ctx, PlanMemo* memo) const;
  // The value of `node` for every event that has the same values as `event` in the fields
  // `known` accepts: kFalse / kTrue when those fields decide it, else kUnknown (Kleene logic:
  // "false and x" is false, "true or x" true).
  template <typename Known>
  Tri EvalKnown(uint32_t node, const EventContext& ctx, EventIndex event, const Known& known) const;
  const PlanNode& node(uint32_t i) const { return nodes_[i]; }
  // The k-th operand of an and / or / not node.
  uint32_t kid(const PlanNode& n, uint32_t k) const { return kids_[n.first + k]; }
  size_t size() const { return nodes_.size(); }
  // "and{evt.op=... ...}" with the evaluation order, for tests of the reordering.
  std::string Dump(uint32_t node) const;

 private:
  // Eval with `read(field)` giving the event's values; `memo` (may be null) keeps shared nodes'.
  template <typename Read>
  bool EvalWith(uint32_t node, const Read& read, PlanMemo* memo) const;
  template <typename Read>
  bool EvalNode(const PlanNode& n, const Read& read, PlanMemo* memo) const;
  // The node already made for `key`; null when there is none.
  const uint32_t* Shared(const std::string& key) const;
  uint32_t AddCompare(const TExpr& e);
  uint32_t AddTextual(const TExpr& e, PlanNode n);
  uint32_t Push(PlanNode n);

  std::vector<PlanNode> nodes_;
  std::vector<uint32_t> kids_;
  std::vector<absl::flat_hash_set<int64_t>> int_sets_;
  std::vector<std::string> strings_;
  std::vector<absl::flat_hash_set<std::string>> str_sets_;
  std::vector<std::vector<std::string>> str_lists_;
  std::vector<std::unique_ptr<RE2>> regexes_;
  std::vector<std::unique_ptr<RE2::Set>> regex_sets_;
  // A list used in several places (a macro inlined into many rules, `file.path glob L or
  // file.target glob L`) is compiled once: the translated patterns, joined, name the regex or set.
  absl::flat_hash_map<std::string, uint32_t> regex_index_, regex_set_index_;
  std::vector<std::vector<Cidr>> cidr_lists_;
  absl::flat_hash_map<std::string, uint32_t> node_index_;  // exact expression key -> node
};

// What the evaluation of one event has read and decided so far: its fields and the value of
// each node of the plan. One per thread.
class PlanMemo {
 public:
  explicit PlanMemo(const Plan& plan) : stamps_(plan.size()), results_(plan.size()) {}
  // Forgets everything: the next evaluations are of `event`.
  void Reset(EventIndex event) {
    fields_.Reset(event);
    if (++generation_ == 0) {  // wrapped: no stamp may look current
      std::fill(stamps_.begin(), stamps_.end(), 0);
      generation_ = 1;
    }
  }
  EventIndex event() const { return fields_.event(); }
  FieldMemo& fields() { return fields_; }
  // The value of the plan's `node`: computed by `eval` the first time for this event.
  template <typename Eval>
  bool Node(uint32_t node, const Eval& eval) {
    if (stamps_[node] == generation_) return results_[node];
    const bool r = eval();
    stamps_[node] = generation_;
    results_[node] = r;
    return r;
  }

 private:
  FieldMemo fields_;
  uint32_t generation_ = 0;
  std::vector<uint32_t> stamps_;
  std::vector<uint8_t> results_;
};

// A condition specialised for a group of events that share the values of some fields (the
// events of one syscall name share evt.name, evt.op, evt.type and the run.* fields): every
// test those fields decide is folded into a constant and the and/or/not around it simplified,
// so the evaluation of the group's events only runs the tests that can differ between them
// (an openat is not asked whether it is an exec, nor whether it is an openat). Built per run by
// the evaluator; the plan stays immutable and shared. The leaves are the plan's nodes.
class Residual {
 public:
  static constexpr uint32_t kFalse = ~0u;  // roots decided for the whole group
  static constexpr uint32_t kTrue = ~0u - 1;

  // Adds the residual of the plan's `node` for the events that have `event`'s values in the
  // fields `known` accepts; returns its root (or kFalse / kTrue).
  template <typename Known>
  uint32_t Add(const Plan& plan, uint32_t node, const EventContext& ctx, EventIndex event, const Known& known);
  // The plan's `node` unchanged.
  uint32_t Whole(uint32_t node) { return Push({Kind::kPlan, node, 0}); }
  // REQUIRES: `root` came from this residual's Add or Whole.
  bool Eval(const Plan& plan, uint32_t root, const EventContext& ctx, PlanMemo* memo) const;

 private:
  enum class Kind : uint8_t { kAnd, kOr, kNot, kPlan };
  struct Node {
    Kind kind;
    uint32_t first;  // kPlan: the plan's node; else the first kid in kids_
    uint32_t count;
  };
  uint32_t Push(Node n) {
    nodes_.push_back(n);
    return static_cast<uint32_t>(nodes_.size() - 1);
  }
  static uint32_t Const(bool v) { return v ? kTrue : kFalse; }

  std::vector<Node> nodes_;
  std::vector<uint32_t> kids_;
};

template <typename Known>
uint32_t Residual::Add(const Plan& plan, uint32_t node, const EventContext& ctx, EventIndex event,
                       const Known& known) {
  const PlanNode& n = plan.node(node);
  switch (n.kind) {
    case PlanNode::Kind::kAnd:
    case PlanNode::Kind::kOr: {
      const uint32_t stop = n.kind == PlanNode::Kind::kAnd ? kFalse : kTrue;
      std::vector<uint32_t> kept;
      bool changed = false;
      for (uint32_t k = 0; k < n.count; ++k) {
        const uint32_t kid = plan.kid(n, k);
        const uint32_t r = Add(plan, kid, ctx, event, known);
        if (r == stop) return stop;
        if (r == kFalse || r == kTrue) {  // the neutral value: the operand drops out
          changed = true;
          continue;
        }
        changed |= nodes_[r].kind != Kind::kPlan || nodes_[r].first != kid;
        kept.push_back(r);
      }
      if (kept.empty()) return stop == kFalse ? kTrue : kFalse;
      if (kept.size() == 1) return kept.front();
      if (!changed) return Whole(node);
      const uint32_t first = static_cast<uint32_t>(kids_.size());
      kids_.insert(kids_.end(), kept.begin(), kept.end());
      return Push({n.kind == PlanNode::Kind::kAnd ? Kind::kAnd : Kind::kOr, first, static_cast<uint32_t>(kept.size())});
    }
    case PlanNode::Kind::kNot: {
      const uint32_t kid = plan.kid(n, 0);
      const uint32_t r = Add(plan, kid, ctx, event, known);
      if (r == kFalse || r == kTrue) return Const(r == kFalse);
      if (nodes_[r].kind == Kind::kPlan && nodes_[r].first == kid) return Whole(node);
      kids_.push_back(r);
      return Push({Kind::kNot, static_cast<uint32_t>(kids_.size() - 1), 1});
    }
    case PlanNode::Kind::kConst: return Const(n.value != 0);
    default:
      if (!known(n.field) || (n.kind == PlanNode::Kind::kFieldCmp && !known(n.other))) return Whole(node);
      return Const(plan.Eval(node, ctx, event));
  }
}

template <typename Known>
Tri Plan::EvalKnown(uint32_t node, const EventContext& ctx, EventIndex event, const Known& known) const {
  Residual r;
  const uint32_t root = r.Add(*this, node, ctx, event, known);
  return root == Residual::kFalse ? Tri::kFalse : root == Residual::kTrue ? Tri::kTrue : Tri::kUnknown;
}

struct CompiledRule {
  CheckedRule rule;
  uint32_t cond = 0;               // root in the plan (not kSequence)
  std::vector<uint32_t> steps;     // kSequence
  ClassMask mask;                  // event classes the condition (or any step) can match
  std::vector<ClassMask> step_masks;
};

struct CompiledProgram {
  Plan plan;
  std::vector<CompiledRule> rules;
};

CompiledProgram Compile(Program program);

}  // namespace rundown::rules

#endif  // RUNDOWN_RULES_COMPILER_H_
