#include "rules/ast.h"

#include "parsers/text_util.h"

namespace rundown::rules {
namespace {

std::string Quote(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      case '\r': out += "\\r"; break;
      default: out.push_back(c);
    }
  }
  out.push_back('"');
  return out;
}

std::string DumpLiteral(const Literal& l) {
  switch (l.kind) {
    case Literal::Kind::kString: return StrCat("str{", Quote(l.text), "}");
    case Literal::Kind::kInt: return StrCat("int{", l.number, "}");
    case Literal::Kind::kDuration: return StrCat("dur{", l.number, "}");
    case Literal::Kind::kIp: return StrCat("ip{", l.text, "}");
    case Literal::Kind::kBool: return l.number ? "bool{true}" : "bool{false}";
    case Literal::Kind::kListRef: return StrCat("listref{", l.text, "}");
  }
  return "";
}

std::string DumpItems(const std::vector<Literal>& items) {
  std::string out;
  for (const Literal& l : items) StrAppend(&out, out.empty() ? "" : " ", DumpLiteral(l));
  return out;
}

std::string DumpOperand(const Operand& o) {
  switch (o.kind) {
    case Operand::Kind::kLiteral: return DumpLiteral(o.items.front());
    case Operand::Kind::kList: return StrCat("list{", DumpItems(o.items), "}");
    case Operand::Kind::kListRef: return StrCat("listref{", o.name.text, "}");
    case Operand::Kind::kField: return StrCat("field{", o.name.text, "}");
  }
  return "";
}

std::string DumpNames(const std::vector<Name>& names) {
  std::string out;
  for (const Name& n : names) StrAppend(&out, out.empty() ? "" : " ", n.text);
  return out;
}

std::string DumpStrings(const std::vector<StringLit>& v) {
  std::string out;
  for (const StringLit& s : v) StrAppend(&out, out.empty() ? "" : " ", Quote(s.text));
  return out;
}

std::string DumpExcept(const ExceptDecl& x) {
  std::string out = "except{";
  if (x.rule) StrAppend(&out, x.rule->text, " ");
  if (x.name) StrAppend(&out, x.name->text, " ");
  StrAppend(&out, Dump(*x.cond), "}");
  return out;
}

std::string DumpRule(const RuleDecl& r) {
  std::string out = StrCat("rule{", r.name.text);
  if (r.category) StrAppend(&out, " category{", r.category->text, "}");
  if (r.severity) StrAppend(&out, " severity{", r.severity->text, "}");
  if (!r.required.empty()) {
    out += " requires{";
    for (size_t i = 0; i < r.required.size(); ++i) {
      if (i) out += " ";
      for (size_t j = 0; j < r.required[i].size(); ++j) StrAppend(&out, j ? "|" : "", r.required[i][j].text);
    }
    out += "}";
  }
  if (r.mode == RuleDecl::Mode::kWhen) StrAppend(&out, " when{", Dump(*r.cond), "}");
  if (r.mode == RuleDecl::Mode::kNone) StrAppend(&out, " none{", Dump(*r.cond), "}");
  if (r.aggregate) {
    const Aggregate& a = *r.aggregate;
    out += " count{";
    if (a.distinct) StrAppend(&out, "distinct{", a.distinct->text, "} ");
    if (!a.by.empty()) StrAppend(&out, "by{", DumpNames(a.by), "} ");
    StrAppend(&out, CmpOpName(a.op), " ", a.threshold, "}");
  }
  if (r.sequence) {
    const Sequence& s = *r.sequence;
    out += " sequence{";
    if (!s.by.empty()) StrAppend(&out, "by{", DumpNames(s.by), "} ");
    if (s.within_ns >= 0) StrAppend(&out, "within{", s.within_ns, "} ");
    for (size_t i = 0; i < s.steps.size(); ++i) {
      StrAppend(&out, i ? " " : "", "step{");
      if (s.steps[i].label) StrAppend(&out, s.steps[i].label->text, " ");
      StrAppend(&out, Dump(*s.steps[i].cond), "}");
    }
    out += "}";
  }
  for (const ExceptDecl& x : r.excepts) StrAppend(&out, " ", DumpExcept(x));
  if (r.observation) StrAppend(&out, " observation{", Quote(r.observation->text), "}");
  if (r.recommendation) StrAppend(&out, " recommendation{", Quote(r.recommendation->text), "}");
  if (!r.references.empty()) StrAppend(&out, " references{", DumpStrings(r.references), "}");
  if (!r.tags.empty()) StrAppend(&out, " tags{", DumpStrings(r.tags), "}");
  out += "}";
  return out;
}

std::string DumpTest(const TestDecl& t) {
  std::string out = StrCat("test{", t.name.text);
  for (const TestFile& f : t.files) {
    out += " file{";
    if (f.kind) StrAppend(&out, f.kind->text, " ");
    StrAppend(&out, Quote(f.name.text), " ", Quote(f.text.text), "}");
  }
  for (const Expect& e : t.expects) {
    StrAppend(&out, " expect{", e.rule.text, " ", e.status.text);
    if (e.count >= 0) StrAppend(&out, " ", e.count);
    out += "}";
  }
  out += "}";
  return out;
}

struct DeclDumper {
  std::string operator()(const IncludeDecl& d) const { return StrCat("include{", Quote(d.path.text), "}"); }
  std::string operator()(const ListDecl& d) const {
    return StrCat("list{", d.name.text, d.append ? " += " : " = ", DumpItems(d.items), "}");
  }
  std::string operator()(const MacroDecl& d) const { return StrCat("macro{", d.name.text, " ", Dump(*d.cond), "}"); }
  std::string operator()(const RuleDecl& d) const { return DumpRule(d); }
  std::string operator()(const ExceptDecl& d) const { return DumpExcept(d); }
  std::string operator()(const TestDecl& d) const { return DumpTest(d); }
};

}  // namespace

std::string_view CmpOpName(CmpOp op) {
  switch (op) {
    case CmpOp::kEq: return "eq";
    case CmpOp::kNe: return "ne";
    case CmpOp::kLt: return "lt";
    case CmpOp::kLe: return "le";
    case CmpOp::kGt: return "gt";
    case CmpOp::kGe: return "ge";
    case CmpOp::kIn: return "in";
    case CmpOp::kStartsWith: return "startswith";
    case CmpOp::kEndsWith: return "endswith";
    case CmpOp::kContains: return "contains";
    case CmpOp::kGlob: return "glob";
    case CmpOp::kRegex: return "regex";
  }
  return "";
}

std::string_view CmpOpSymbol(CmpOp op) {
  switch (op) {
    case CmpOp::kEq: return "=";
    case CmpOp::kNe: return "!=";
    case CmpOp::kLt: return "<";
    case CmpOp::kLe: return "<=";
    case CmpOp::kGt: return ">";
    case CmpOp::kGe: return ">=";
    default: return CmpOpName(op);
  }
}

std::string Dump(const Expr& e) {
  switch (e.kind) {
    case Expr::Kind::kAnd:
    case Expr::Kind::kOr: {
      std::string out = e.kind == Expr::Kind::kAnd ? "and{" : "or{";
      for (size_t i = 0; i < e.kids.size(); ++i) StrAppend(&out, i ? " " : "", Dump(*e.kids[i]));
      return out + "}";
    }
    case Expr::Kind::kNot: return StrCat("not{", Dump(*e.kids[0]), "}");
    case Expr::Kind::kRef: return StrCat("ref{", e.name.text, "}");
    case Expr::Kind::kCompare:
      return StrCat(CmpOpName(e.op), "{field{", e.name.text, "} ", DumpOperand(e.rhs), "}");
    case Expr::Kind::kExists: return StrCat("exists{field{", e.name.text, "}}");
    case Expr::Kind::kBool: return e.value ? "bool{true}" : "bool{false}";
  }
  return "";
}

std::string Dump(const Module& m) {
  std::string out;
  for (const Decl& d : m.decls) {
    if (!out.empty()) out += "\n";
    out += std::visit(DeclDumper{}, d);
  }
  return out;
}

}  // namespace rundown::rules
