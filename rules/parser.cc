#include "rules/parser.h"

#include <array>
#include <string>
#include <vector>

#include "parsers/text_util.h"
#include "rules/lexer.h"

namespace rundown::rules {
namespace {

constexpr std::array<std::string_view, 12> kReserved = {
    "and", "or", "not", "in", "startswith", "endswith", "contains", "glob", "regex", "exists", "true", "false"};

bool IsCmp(TokenKind k) {
  return k == TokenKind::kEq || k == TokenKind::kNe || k == TokenKind::kLt || k == TokenKind::kLe ||
         k == TokenKind::kGt || k == TokenKind::kGe;
}

CmpOp CmpOf(TokenKind k) {
  switch (k) {
    case TokenKind::kNe: return CmpOp::kNe;
    case TokenKind::kLt: return CmpOp::kLt;
    case TokenKind::kLe: return CmpOp::kLe;
    case TokenKind::kGt: return CmpOp::kGt;
    case TokenKind::kGe: return CmpOp::kGe;
    default: return CmpOp::kEq;
  }
}

bool SetOpOf(std::string_view w, CmpOp* op) {
  static constexpr std::pair<std::string_view, CmpOp> kOps[] = {
      {"in", CmpOp::kIn},         {"startswith", CmpOp::kStartsWith}, {"endswith", CmpOp::kEndsWith},
      {"contains", CmpOp::kContains}, {"glob", CmpOp::kGlob},         {"regex", CmpOp::kRegex}};
  for (const auto& [name, o] : kOps)
    if (w == name) {
      *op = o;
      return true;
    }
  return false;
}

class Parser {
 public:
  Parser(const SourceText& src, DiagSink* sink) : src_(src), sink_(sink) {
    Lexer lexer(src.text());
    for (;;) {
      tokens_.push_back(lexer.Next());
      TokenKind k = tokens_.back().kind;
      if (k == TokenKind::kEnd || k == TokenKind::kError) break;
    }
    if (tokens_.back().kind == TokenKind::kError) {
      // Report the lexer's error only if the parser gets that far; keep an end marker.
      Token end;
      end.kind = TokenKind::kEnd;
      end.offset = tokens_.back().offset;
      tokens_.push_back(end);
    }
  }

  bool ParseFile(Module* out) {
    while (!failed_ && Peek().kind != TokenKind::kEnd) {
      if (auto d = ParseDecl()) out->decls.push_back(std::move(*d));
    }
    return !failed_;
  }

  std::unique_ptr<Expr> ParseStandalone() {
    auto e = ParseExpr();
    if (!failed_ && Peek().kind != TokenKind::kEnd)
      Fail(Peek().offset, StrCat("expected 'and', 'or' or the end of the expression, found ", Describe(Peek())));
    return failed_ ? nullptr : std::move(e);
  }

 private:
  // --- token access -------------------------------------------------------------------
  const Token& Peek(size_t n = 0) const {
    size_t i = std::min(pos_ + n, tokens_.size() - 1);
    return tokens_[i];
  }
  Token Take() {
    const Token& t = Peek();
    if (t.kind == TokenKind::kError) {
      Fail(t.offset, t.text);
      return t;
    }
    if (pos_ < tokens_.size() - 1) ++pos_;
    return t;
  }
  bool IsWord(std::string_view w, size_t n = 0) const {
    return Peek(n).kind == TokenKind::kIdent && Peek(n).text == w;
  }
  bool AcceptWord(std::string_view w) {
    if (!IsWord(w)) return false;
    Take();
    return true;
  }
  bool Accept(TokenKind k) {
    if (Peek().kind != k) return false;
    Take();
    return true;
  }
  bool Fail(uint32_t pos, std::string message) {
    if (!failed_) sink_->Error(&src_, pos, std::move(message));
    failed_ = true;
    return false;
  }
  // A lexer error wins over a parse error at the same place: it says what is really wrong.
  bool FailAt(const Token& t, std::string message) {
    if (t.kind == TokenKind::kError) return Fail(t.offset, t.text);
    return Fail(t.offset, std::move(message));
  }
  static std::string Describe(const Token& t) {
    switch (t.kind) {
      case TokenKind::kIdent: return StrCat("'", t.text, "'");
      case TokenKind::kString: {
        std::string s = t.text.size() > 24 ? t.text.substr(0, 24) + "..." : t.text;
        return StrCat("string \"", s, "\"");
      }
      case TokenKind::kInt: return StrCat("number ", t.number);
      case TokenKind::kDuration: return "a duration";
      case TokenKind::kIp: return StrCat("address ", t.text);
      default: return std::string(TokenKindName(t.kind));
    }
  }
  bool Expect(TokenKind k, std::string_view context) {
    if (Peek().kind == k) {
      Take();
      return true;
    }
    return FailAt(Peek(), StrCat("expected ", TokenKindName(k), " ", context, ", found ", Describe(Peek())));
  }
  bool ExpectName(std::string_view what, Name* out, bool definition = false) {
    const Token& t = Peek();
    if (t.kind != TokenKind::kIdent)
      return FailAt(t, StrCat("expected ", what, ", found ", Describe(t)));
    if (definition && IsReservedWord(t.text))
      return Fail(t.offset, StrCat("'", t.text, "' is a reserved word and cannot be ", what));
    if (definition && t.text.find('.') != std::string::npos)
      return Fail(t.offset, StrCat("'", t.text, "' cannot be ", what, ": names of lists, macros, rules and steps have no '.'"));
    *out = {t.text, t.offset};
    Take();
    return true;
  }
  bool ExpectString(std::string_view what, StringLit* out) {
    const Token& t = Peek();
    if (t.kind != TokenKind::kString) return FailAt(t, StrCat("expected ", what, ", found ", Describe(t)));
    *out = {t.text, t.offset};
    Take();
    return true;
  }

  // --- declarations ---------------------------------------------------------------------
  std::optional<Decl> ParseDecl() {
    const Token& t = Peek();
    if (t.kind == TokenKind::kIdent) {
      if (t.text == "include") return ParseInclude();
      if (t.text == "list") return ParseList();
      if (t.text == "macro") return ParseMacro();
      if (t.text == "rule") return ParseRule();
      if (t.text == "except") return ParseTopExcept();
      if (t.text == "test") return ParseTest();
    }
    FailAt(t, StrCat("expected 'rule', 'list', 'macro', 'except', 'include' or 'test', found ", Describe(t)));
    return std::nullopt;
  }

  std::optional<Decl> ParseInclude() {
    Take();
    IncludeDecl d;
    if (!ExpectString("a file name after 'include'", &d.path)) return std::nullopt;
    return d;
  }

  std::optional<Decl> ParseList() {
    Take();
    ListDecl d;
    if (!ExpectName("a list name", &d.name, true)) return std::nullopt;
    if (Accept(TokenKind::kPlusEq)) {
      d.append = true;
    } else if (!Expect(TokenKind::kEq, "or '+=' after the list name")) {
      return std::nullopt;
    }
    if (!Expect(TokenKind::kLParen, "to open the list")) return std::nullopt;
    while (!failed_ && Peek().kind != TokenKind::kRParen) {
      Literal l;
      if (Peek().kind == TokenKind::kIdent && !IsWord("true") && !IsWord("false")) {
        Name n;
        ExpectName("a list name", &n);
        l = {Literal::Kind::kListRef, n.text, 0, n.pos};
      } else if (!ParseLiteral(&l, "a list item")) {
        return std::nullopt;
      }
      d.items.push_back(std::move(l));
      if (!Accept(TokenKind::kComma)) break;
    }
    if (!Expect(TokenKind::kRParen, "to close the list")) return std::nullopt;
    return d;
  }

  std::optional<Decl> ParseMacro() {
    Take();
    MacroDecl d;
    if (!ExpectName("a macro name", &d.name, true)) return std::nullopt;
    if (!Expect(TokenKind::kEq, "after the macro name")) return std::nullopt;
    d.cond = ParseExpr();
    if (failed_) return std::nullopt;
    return d;
  }

  std::optional<Decl> ParseTopExcept() {
    ExceptDecl d;
    d.pos = Take().offset;
    Name rule;
    if (!ExpectName("the name of the rule the exception is for", &rule)) return std::nullopt;
    d.rule = rule;
    if (!IsWord("when")) {
      Name n;
      if (!ExpectName("an exception name or 'when'", &n, true)) return std::nullopt;
      d.name = n;
    }
    if (!ParseExceptWhen(&d)) return std::nullopt;
    return d;
  }

  bool ParseExceptWhen(ExceptDecl* d) {
    if (!IsWord("when")) return FailAt(Peek(), StrCat("expected 'when' in the exception, found ", Describe(Peek())));
    Take();
    d->cond = ParseExpr();
    return !failed_;
  }

  std::optional<Decl> ParseRule() {
    Take();
    RuleDecl r;
    if (!ExpectName("a rule name", &r.name, true)) return std::nullopt;
    if (!Expect(TokenKind::kLBrace, "to open the rule body")) return std::nullopt;
    while (!failed_ && Peek().kind != TokenKind::kRBrace) ParseClause(&r);
    if (failed_ || !Expect(TokenKind::kRBrace, "to close the rule body")) return std::nullopt;
    return r;
  }

  void ParseClause(RuleDecl* r) {
    const Token& t = Peek();
    if (t.kind != TokenKind::kIdent) {
      FailAt(t, StrCat("expected a rule clause (category, severity, when, none, count, sequence, except, "
                       "observation, recommendation, references, tags, requires) or '}', found ",
                       Describe(t)));
      return;
    }
    std::string word = t.text;
    uint32_t pos = t.offset;
    if (word == "category" || word == "severity") {
      auto& slot = word == "category" ? r->category : r->severity;
      if (slot) {
        Fail(pos, StrCat("duplicate '", word, "' clause"));
        return;
      }
      Take();
      Name n;
      if (ExpectName(StrCat("a ", word), &n)) slot = n;
    } else if (word == "requires") {
      Take();
      ParseRequires(r);
    } else if (word == "when" || word == "none" || word == "sequence") {
      if (r->mode != RuleDecl::Mode::kUnset) {
        Fail(pos, "a rule has one of 'when', 'none' or 'sequence'");
        return;
      }
      Take();
      r->mode_pos = pos;
      if (word == "sequence") {
        r->mode = RuleDecl::Mode::kSequence;
        ParseSequence(r, pos);
      } else {
        r->mode = word == "when" ? RuleDecl::Mode::kWhen : RuleDecl::Mode::kNone;
        r->cond = ParseExpr();
      }
    } else if (word == "count") {
      if (r->aggregate) {
        Fail(pos, "duplicate 'count' clause");
        return;
      }
      Take();
      ParseAggregate(r, pos);
    } else if (word == "except") {
      ExceptDecl d;
      d.pos = Take().offset;
      if (!IsWord("when")) {
        Name n;
        if (!ExpectName("an exception name or 'when'", &n, true)) return;
        d.name = n;
      }
      if (ParseExceptWhen(&d)) r->excepts.push_back(std::move(d));
    } else if (word == "observation" || word == "recommendation") {
      auto& slot = word == "observation" ? r->observation : r->recommendation;
      if (slot) {
        Fail(pos, StrCat("duplicate '", word, "' clause"));
        return;
      }
      Take();
      StringLit s;
      if (ExpectString(StrCat("the ", word, " text"), &s)) slot = s;
    } else if (word == "references" || word == "tags") {
      Take();
      ParseTexts(word == "references" ? &r->references : &r->tags, word);
    } else {
      static const std::vector<std::string_view> kClauses = {
          "category", "severity", "requires", "when", "none", "count", "sequence",
          "except", "observation", "recommendation", "references", "tags"};
      Fail(pos, StrCat("unknown rule clause '", word, "'", DidYouMean(word, kClauses)));
    }
  }

  void ParseRequires(RuleDecl* r) {
    do {
      std::vector<Name> alternatives;
      do {
        Name n;
        if (!ExpectName("a source kind", &n)) return;
        alternatives.push_back(n);
      } while (Accept(TokenKind::kPipe));
      r->required.push_back(std::move(alternatives));
    } while (Accept(TokenKind::kComma));
  }

  void ParseTexts(std::vector<StringLit>* out, std::string_view what) {
    do {
      const Token& t = Peek();
      if (t.kind == TokenKind::kString || t.kind == TokenKind::kIdent) {
        out->push_back({t.text, t.offset});
        Take();
      } else {
        FailAt(t, StrCat("expected a string or a name in '", what, "', found ", Describe(t)));
        return;
      }
    } while (Accept(TokenKind::kComma));
  }

  bool ParseFieldList(std::vector<Name>* out) {
    do {
      Name n;
      if (!ExpectName("a field", &n)) return false;
      out->push_back(n);
    } while (Accept(TokenKind::kComma));
    return true;
  }

  void ParseAggregate(RuleDecl* r, uint32_t pos) {
    Aggregate a;
    a.pos = pos;
    if (AcceptWord("distinct")) {
      Name n;
      if (!ExpectName("a field after 'distinct'", &n)) return;
      a.distinct = n;
    }
    if (AcceptWord("by") && !ParseFieldList(&a.by)) return;
    if (!IsCmp(Peek().kind)) {
      FailAt(Peek(), StrCat("expected a comparison (> 50, >= 10 ...) in 'count', found ", Describe(Peek())));
      return;
    }
    a.op = CmpOf(Take().kind);
    if (Peek().kind != TokenKind::kInt) {
      FailAt(Peek(), StrCat("expected a number after the comparison, found ", Describe(Peek())));
      return;
    }
    a.threshold = Take().number;
    r->aggregate = std::move(a);
  }

  void ParseSequence(RuleDecl* r, uint32_t pos) {
    Sequence s;
    s.pos = pos;
    if (AcceptWord("by") && !ParseFieldList(&s.by)) return;
    if (IsWord("within")) {
      Take();
      if (Peek().kind != TokenKind::kDuration) {
        FailAt(Peek(), StrCat("expected a duration (30s, 500ms ...) after 'within', found ", Describe(Peek())));
        return;
      }
      s.within_pos = Peek().offset;
      s.within_ns = Take().number;
    }
    if (!Expect(TokenKind::kLBrace, "to open the sequence steps")) return;
    while (!failed_ && IsWord("step")) {
      Step st;
      st.pos = Take().offset;
      if (Peek().kind == TokenKind::kIdent && Peek(1).kind == TokenKind::kColon) {
        Name n;
        if (!ExpectName("a step name", &n, true)) return;
        st.label = n;
        Take();
      }
      st.cond = ParseExpr();
      s.steps.push_back(std::move(st));
    }
    if (failed_) return;
    if (s.steps.empty()) {
      FailAt(Peek(), StrCat("expected 'step' in the sequence, found ", Describe(Peek())));
      return;
    }
    if (!Expect(TokenKind::kRBrace, "or 'step' in the sequence")) return;
    r->sequence = std::move(s);
  }

  std::optional<Decl> ParseTest() {
    Take();
    TestDecl d;
    if (!ExpectName("a test name", &d.name, true)) return std::nullopt;
    if (!Expect(TokenKind::kLBrace, "to open the test")) return std::nullopt;
    while (!failed_ && Peek().kind != TokenKind::kRBrace) {
      if (IsWord("file")) {
        TestFile f;
        f.pos = Take().offset;
        if (Peek().kind == TokenKind::kIdent) {
          Name k;
          ExpectName("a source kind", &k);
          f.kind = k;
        }
        if (!ExpectString("the fixture's file name", &f.name) || !ExpectString("the fixture's content", &f.text))
          return std::nullopt;
        d.files.push_back(std::move(f));
      } else if (IsWord("expect")) {
        rules::Expect e;
        e.pos = Take().offset;
        if (!ExpectName("a rule name", &e.rule) || !ExpectName("fired, held, not_assessed or silent", &e.status))
          return std::nullopt;
        if (e.status.text == "fired" && Peek().kind == TokenKind::kInt) e.count = Take().number;
        d.expects.push_back(std::move(e));
      } else {
        FailAt(Peek(), StrCat("expected 'file', 'expect' or '}' in the test, found ", Describe(Peek())));
      }
    }
    if (failed_ || !Expect(TokenKind::kRBrace, "to close the test")) return std::nullopt;
    return d;
  }

  // --- expressions --------------------------------------------------------------------
  std::unique_ptr<Expr> MakeNary(Expr::Kind kind, std::unique_ptr<Expr> first) {
    auto e = std::make_unique<Expr>();
    e->kind = kind;
    e->pos = first->pos;
    e->kids.push_back(std::move(first));
    return e;
  }

  std::unique_ptr<Expr> ParseExpr() {
    auto left = ParseConj();
    if (failed_ || !IsWord("or")) return left;
    auto e = MakeNary(Expr::Kind::kOr, std::move(left));
    while (!failed_ && AcceptWord("or")) e->kids.push_back(ParseConj());
    return failed_ ? nullptr : std::move(e);
  }

  std::unique_ptr<Expr> ParseConj() {
    auto left = ParseUnary();
    if (failed_ || !IsWord("and")) return left;
    auto e = MakeNary(Expr::Kind::kAnd, std::move(left));
    while (!failed_ && AcceptWord("and")) e->kids.push_back(ParseUnary());
    return failed_ ? nullptr : std::move(e);
  }

  std::unique_ptr<Expr> ParseUnary() {
    if (++depth_ > kMaxDepth) {
      Fail(Peek().offset, StrCat("expression nested too deeply (more than ", kMaxDepth, " levels)"));
      return nullptr;
    }
    std::unique_ptr<Expr> e;
    if (IsWord("not")) {
      e = std::make_unique<Expr>();
      e->kind = Expr::Kind::kNot;
      e->pos = Take().offset;
      auto kid = ParseUnary();
      if (!failed_) e->kids.push_back(std::move(kid));
    } else {
      e = ParsePrimary();
    }
    --depth_;
    return failed_ ? nullptr : std::move(e);
  }

  std::unique_ptr<Expr> ParsePrimary() {
    const Token& t = Peek();
    if (t.kind == TokenKind::kLParen) {
      Take();
      auto e = ParseExpr();
      if (failed_ || !Expect(TokenKind::kRParen, "to close '('")) return nullptr;
      return e;
    }
    if (t.kind != TokenKind::kIdent) {
      FailAt(t, StrCat("expected a condition (a field comparison, a macro or '('), found ", Describe(t)));
      return nullptr;
    }
    auto e = std::make_unique<Expr>();
    e->pos = t.offset;
    if (t.text == "true" || t.text == "false") {
      e->kind = Expr::Kind::kBool;
      e->value = t.text == "true";
      Take();
      return e;
    }
    if (IsReservedWord(t.text)) {
      Fail(t.offset, StrCat("expected a condition, found the operator '", t.text, "'"));
      return nullptr;
    }
    e->name = {t.text, t.offset};
    Take();
    const Token& next = Peek();
    CmpOp op;
    if (IsCmp(next.kind)) {
      e->kind = Expr::Kind::kCompare;
      e->op = CmpOf(Take().kind);
      ParseValue(&e->rhs);
    } else if (next.kind == TokenKind::kIdent && next.text == "exists") {
      Take();
      e->kind = Expr::Kind::kExists;
    } else if (next.kind == TokenKind::kIdent && SetOpOf(next.text, &op)) {
      Take();
      e->kind = Expr::Kind::kCompare;
      e->op = op;
      ParseSet(&e->rhs);
    } else if (next.kind == TokenKind::kIdent && next.text == "not" && Peek(1).kind == TokenKind::kIdent &&
               SetOpOf(Peek(1).text, &op)) {
      uint32_t not_pos = Take().offset;
      Take();
      e->kind = Expr::Kind::kCompare;
      e->op = op;
      ParseSet(&e->rhs);
      auto n = std::make_unique<Expr>();
      n->kind = Expr::Kind::kNot;
      n->pos = not_pos;
      n->kids.push_back(std::move(e));
      return failed_ ? nullptr : std::move(n);
    } else {
      e->kind = Expr::Kind::kRef;
    }
    return failed_ ? nullptr : std::move(e);
  }

  bool ParseLiteral(Literal* l, std::string_view what) {
    const Token& t = Peek();
    l->pos = t.offset;
    switch (t.kind) {
      case TokenKind::kString: *l = {Literal::Kind::kString, t.text, 0, t.offset}; break;
      case TokenKind::kInt: *l = {Literal::Kind::kInt, "", t.number, t.offset}; break;
      case TokenKind::kDuration: *l = {Literal::Kind::kDuration, "", t.number, t.offset}; break;
      case TokenKind::kIp: *l = {Literal::Kind::kIp, t.text, 0, t.offset}; break;
      case TokenKind::kIdent:
        if (t.text == "true" || t.text == "false") {
          *l = {Literal::Kind::kBool, "", t.text == "true" ? 1 : 0, t.offset};
          break;
        }
        [[fallthrough]];
      default: return FailAt(t, StrCat("expected ", what, ", found ", Describe(t)));
    }
    Take();
    return true;
  }

  // After a comparison operator: a literal, or another field.
  void ParseValue(Operand* o) {
    const Token& t = Peek();
    o->pos = t.offset;
    if (t.kind == TokenKind::kIdent && t.text != "true" && t.text != "false") {
      o->kind = Operand::Kind::kField;
      ExpectName("a field", &o->name);
      return;
    }
    o->kind = Operand::Kind::kLiteral;
    o->items.emplace_back();
    ParseLiteral(&o->items.back(), "a value after the comparison");
  }

  // After in / startswith / ...: "(a, b)", a list name, or one literal.
  void ParseSet(Operand* o) {
    const Token& t = Peek();
    o->pos = t.offset;
    if (t.kind == TokenKind::kLParen) {
      Take();
      o->kind = Operand::Kind::kList;
      while (!failed_ && Peek().kind != TokenKind::kRParen) {
        o->items.emplace_back();
        if (!ParseLiteral(&o->items.back(), "a value in the list")) return;
        if (!Accept(TokenKind::kComma)) break;
      }
      if (!failed_ && o->items.empty()) {
        Fail(Peek().offset, "empty list: write at least one value between '(' and ')'");
        return;
      }
      Expect(TokenKind::kRParen, "to close the list");
      return;
    }
    if (t.kind == TokenKind::kIdent && t.text != "true" && t.text != "false") {
      o->kind = Operand::Kind::kListRef;
      ExpectName("a list name", &o->name);
      return;
    }
    o->kind = Operand::Kind::kLiteral;
    o->items.emplace_back();
    ParseLiteral(&o->items.back(), "a value, a list name or '('");
  }

  const SourceText& src_;
  DiagSink* sink_;
  std::vector<Token> tokens_;
  size_t pos_ = 0;
  int depth_ = 0;
  bool failed_ = false;
};

}  // namespace

bool IsReservedWord(std::string_view word) {
  for (std::string_view r : kReserved)
    if (word == r) return true;
  return false;
}

bool ParseModule(const SourceText& source, DiagSink* sink, Module* out) {
  Parser p(source, sink);
  return p.ParseFile(out);
}

std::unique_ptr<Expr> ParseExpression(const SourceText& source, DiagSink* sink) {
  Parser p(source, sink);
  return p.ParseStandalone();
}

}  // namespace rundown::rules
