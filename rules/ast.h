// The rule language's syntax tree, as the parser builds it: names and literals exactly as
// written, each with the byte offset it came from, and nothing resolved. The checker
// (rules/checker.h) gives names their meaning. Dump() prints the canonical form the parser
// tests compare against:
//
//   a and not b            and{ref{a} not{ref{b}}}
//   proc.pid in (1, 2)     in{field{proc.pid} list{int{1} int{2}}}
//
// Ownership: a Module owns its whole tree; nodes are not shared.
#ifndef RUNDOWN_RULES_AST_H_
#define RUNDOWN_RULES_AST_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace rundown::rules {

struct Name {
  std::string text;
  uint32_t pos = 0;
};

struct Literal {
  enum class Kind : uint8_t { kString, kInt, kDuration, kIp, kBool, kListRef };
  Kind kind = Kind::kString;
  std::string text;    // string value, address text, list name
  int64_t number = 0;  // int, duration ns, bool 0/1
  uint32_t pos = 0;
};

enum class CmpOp : uint8_t {
  kEq, kNe, kLt, kLe, kGt, kGe, kIn, kStartsWith, kEndsWith, kContains, kGlob, kRegex,
};
std::string_view CmpOpName(CmpOp op);    // "eq", "in", "startswith" ... (dump names)
std::string_view CmpOpSymbol(CmpOp op);  // "=", "in", "startswith" ... (as written)

struct Operand {
  enum class Kind : uint8_t { kLiteral, kList, kListRef, kField };
  Kind kind = Kind::kLiteral;
  std::vector<Literal> items;  // one for kLiteral; the items of an inline (a, b) list
  Name name;                   // list or field name
  uint32_t pos = 0;
};

struct Expr {
  enum class Kind : uint8_t { kAnd, kOr, kNot, kRef, kCompare, kExists, kBool };
  Kind kind = Kind::kRef;
  uint32_t pos = 0;
  Name name;      // kRef: macro or boolean field; kCompare / kExists: the field
  CmpOp op = CmpOp::kEq;
  Operand rhs;    // kCompare
  bool value = false;  // kBool
  std::vector<std::unique_ptr<Expr>> kids;  // kAnd, kOr (two or more), kNot (one)
};

struct StringLit {
  std::string text;
  uint32_t pos = 0;  // the opening quote
};

struct Aggregate {
  uint32_t pos = 0;
  std::optional<Name> distinct;  // count distinct FIELD
  std::vector<Name> by;
  CmpOp op = CmpOp::kGt;
  int64_t threshold = 0;
};

struct Step {
  std::optional<Name> label;
  uint32_t pos = 0;
  std::unique_ptr<Expr> cond;
};

struct Sequence {
  uint32_t pos = 0;
  std::vector<Name> by;
  int64_t within_ns = -1;  // -1: no window
  uint32_t within_pos = 0;
  std::vector<Step> steps;
};

struct ExceptDecl {
  uint32_t pos = 0;
  std::optional<Name> rule;  // top-level `except RULE [NAME] when ...` only
  std::optional<Name> name;
  std::unique_ptr<Expr> cond;
};

struct RuleDecl {
  Name name;
  std::optional<Name> category, severity;
  std::vector<std::vector<Name>> required;  // each inner list: alternatives (a|b)
  enum class Mode : uint8_t { kUnset, kWhen, kNone, kSequence };
  Mode mode = Mode::kUnset;
  uint32_t mode_pos = 0;
  std::unique_ptr<Expr> cond;  // kWhen, kNone
  std::optional<Aggregate> aggregate;
  std::optional<Sequence> sequence;
  std::vector<ExceptDecl> excepts;
  std::optional<StringLit> observation, recommendation;
  std::vector<StringLit> references, tags;
};

struct ListDecl {
  Name name;
  bool append = false;  // list NAME += (...)
  std::vector<Literal> items;
};

struct MacroDecl {
  Name name;
  std::unique_ptr<Expr> cond;
};

struct IncludeDecl {
  StringLit path;
};

struct TestFile {
  uint32_t pos = 0;
  std::optional<Name> kind;  // strace, inotify, ... or taken from the name
  StringLit name;
  StringLit text;
};

struct Expect {
  uint32_t pos = 0;
  Name rule;
  Name status;       // fired | held | not_assessed | silent
  int64_t count = -1;
};

struct TestDecl {
  Name name;
  std::vector<TestFile> files;
  std::vector<Expect> expects;
};

using Decl = std::variant<IncludeDecl, ListDecl, MacroDecl, RuleDecl, ExceptDecl, TestDecl>;

struct Module {
  std::vector<Decl> decls;  // in file order
};

std::string Dump(const Expr& e);
std::string Dump(const Module& m);

}  // namespace rundown::rules

#endif  // RUNDOWN_RULES_AST_H_
