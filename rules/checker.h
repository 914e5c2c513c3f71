// The checker gives a set of parsed rule files (rules/ast.h) their meaning: it resolves
// names (fields from rules/fields.h, lists, macros, rules named by top-level exceptions),
// checks types and values (an enum field only takes its own names, a regex must compile,
// a CIDR must parse), folds exceptions into the conditions they guard, parses observation
// templates, and lints (unused lists and macros, shadowed macros, conditions that can never
// match). The result is a Program of typed expressions the compiler turns into a plan.
//
// Binding is late and global, as in Falco: the last definition of a macro or list in load
// order is the one every rule sees (a team file may redefine `shell_binaries`), and
// `list x += (...)` appends to the definition before it. Top-level `except RULE ...` may
// name a rule of any loaded file.
//
// Errors and warnings go to the DiagSink with the file and byte offset of the offending
// name or literal.
#ifndef RUNDOWN_RULES_CHECKER_H_
#define RUNDOWN_RULES_CHECKER_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "parsers/address.h"
#include "rules/ast.h"
#include "rules/fields.h"
#include "rules/rule_set.h"
#include "rules/source_text.h"

namespace rundown::rules {

// A literal converted to the type of the field it is compared with.
struct TValue {
  int64_t i = 0;      // int, duration, time, enum code, flag bits, bool
  std::string s;      // string, regex, glob (as given), ip text
  Cidr cidr;          // ip fields: the address or range
  uint32_t pos = 0;
};

struct TExpr;
using TExprPtr = std::shared_ptr<const TExpr>;

struct TExpr {
  enum class Kind : uint8_t { kAnd, kOr, kNot, kConst, kTruthy, kCompare, kFieldCompare, kExists };
  Kind kind = Kind::kConst;
  bool value = false;           // kConst
  FieldId field = FieldId::kEvtOp;
  FieldId other = FieldId::kEvtOp;  // kFieldCompare: the right-hand field
  CmpOp op = CmpOp::kEq;
  std::vector<TValue> values;   // kCompare: one, or the items of a list (any of them)
  std::vector<TExprPtr> kids;
};

// Which event classes an expression can be true for (a conservative over-approximation:
// `not` and run-level fields give every class).
ClassMask MatchMask(const TExpr& e);
// True when the expression provably matches no event: constant false, operations or event
// kinds that exclude each other, or equalities on one field no value satisfies. (A lint: it
// may miss contradictions, it never reports a satisfiable condition.)
bool NeverMatches(const TExpr& e);
// True when the expression reads no per-event field (only run.* and constants).
bool IsRunLevel(const TExpr& e);
std::string DumpTyped(const TExpr& e);

struct TemplatePart {
  enum class Kind : uint8_t { kText, kField, kCount, kGroups, kKey };
  Kind kind = Kind::kText;
  std::string text;
  FieldId field = FieldId::kEvtOp;
  int step = -1;  // kField in a sequence: the step whose event is read (-1: the first)
  bool optional = false;  // {field?}: a missing field prints nothing instead of '?'
};

enum class RuleKind : uint8_t {
  kEvent,      // when: fires on every matching event
  kAggregate,  // when + count: fires when groups pass the threshold
  kAbsence,    // none: holds when no event matches
  kSequence,   // sequence: ordered steps joined by a key within a window
  kRun,        // when over run.* fields only: evaluated once
};

struct CheckedRule {
  std::string name;
  const SourceText* source = nullptr;
  uint32_t pos = 0;
  Category category = Category::kProcess;
  Severity severity = Severity::kInfo;
  RuleKind kind = RuleKind::kEvent;
  // Each entry is a set of alternatives (bits of SourceKind); all entries must be present.
  // Declared with `requires`, or inferred from the events the condition can match.
  std::vector<uint32_t> required;
  TExprPtr cond;  // kEvent, kAggregate, kAbsence, kRun; exceptions folded in
  // kAggregate
  std::optional<FieldId> distinct;
  std::vector<FieldId> by;
  CmpOp agg_op = CmpOp::kGt;
  int64_t threshold = 0;
  // kSequence (`by` above is the join key)
  int64_t within_ns = -1;
  std::vector<TExprPtr> steps;  // exceptions folded into each
  std::vector<std::string> step_labels;
  std::vector<TemplatePart> observation;
  std::string recommendation;
  std::vector<std::string> references, tags;
};

struct Program {
  std::vector<CheckedRule> rules;  // load order
};

// One parsed file of the set, in load order.
struct ModuleRef {
  const SourceText* source = nullptr;
  const Module* module = nullptr;
  bool builtin = false;  // lint warnings about built-in files are not reported
};

class Checker {
 public:
  Checker(std::vector<ModuleRef> modules, DiagSink* sink);
  ~Checker();
  // Checks every rule, exception and macro; fills `out` and returns true when there is no
  // error. Lint warnings are reported too.
  bool CheckProgram(Program* out);
  // Checks a standalone expression (events --where) against the set's macros and lists.
  TExprPtr CheckExpression(const SourceText& source, const Expr& expr);

 private:
  struct State;
  std::unique_ptr<State> state_;
};

// Converts a glob to an RE2 pattern: '*' matches within one path segment, '**' across
// segments, '?' one character, [...] a class. False (and `error`) for an unclosed '['.
bool GlobToRegex(std::string_view glob, std::string* regex, std::string* error);

}  // namespace rundown::rules

#endif  // RUNDOWN_RULES_CHECKER_H_
