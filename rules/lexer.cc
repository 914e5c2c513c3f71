#include "rules/lexer.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdio>
#include <limits>
#include <vector>

namespace rundown::rules {
namespace {

bool IsIdentStart(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
bool IsIdentChar(char c) { return IsIdentStart(c) || (c >= '0' && c <= '9'); }
bool IsDigitChar(char c) { return c >= '0' && c <= '9'; }

struct Unit {
  std::string_view suffix;
  int64_t ns;
};
constexpr Unit kUnits[] = {{"ns", 1}, {"us", 1000}, {"ms", 1000000}, {"s", 1000000000},
                           {"m", 60LL * 1000000000}, {"h", 3600LL * 1000000000}};

// Removes the first newline, a last line of only blanks and the indentation every
// non-blank line shares, so fixtures can be indented with the test that holds them.
std::string Dedent(std::string_view raw) {
  if (!raw.empty() && raw.front() == '\r') raw.remove_prefix(1);
  if (!raw.empty() && raw.front() == '\n') raw.remove_prefix(1);
  size_t last_nl = raw.rfind('\n');
  if (last_nl != std::string_view::npos &&
      raw.find_first_not_of(" \t\r", last_nl + 1) == std::string_view::npos)
    raw = raw.substr(0, last_nl + 1);
  std::vector<std::string_view> lines;
  for (size_t start = 0; start < raw.size();) {
    size_t end = raw.find('\n', start);
    end = end == std::string_view::npos ? raw.size() : end + 1;
    lines.push_back(raw.substr(start, end - start));
    start = end;
  }
  size_t indent = std::numeric_limits<size_t>::max();
  for (std::string_view l : lines) {
    size_t n = l.find_first_not_of(" \t");
    if (n == std::string_view::npos || l[n] == '\n' || l[n] == '\r') continue;
    indent = std::min(indent, n);
  }
  if (indent == std::numeric_limits<size_t>::max()) indent = 0;
  std::string out;
  for (std::string_view l : lines) {
    size_t n = std::min(indent, l.find_first_not_of(" \t") == std::string_view::npos
                                    ? l.size()
                                    : l.find_first_not_of(" \t"));
    out.append(l.substr(n));
  }
  return out;
}

}  // namespace

std::string_view TokenKindName(TokenKind k) {
  switch (k) {
    case TokenKind::kEnd: return "end of file";
    case TokenKind::kError: return "error";
    case TokenKind::kIdent: return "identifier";
    case TokenKind::kString: return "string";
    case TokenKind::kInt: return "number";
    case TokenKind::kDuration: return "duration";
    case TokenKind::kIp: return "address";
    case TokenKind::kLParen: return "'('";
    case TokenKind::kRParen: return "')'";
    case TokenKind::kLBrace: return "'{'";
    case TokenKind::kRBrace: return "'}'";
    case TokenKind::kComma: return "','";
    case TokenKind::kColon: return "':'";
    case TokenKind::kPipe: return "'|'";
    case TokenKind::kEq: return "'='";
    case TokenKind::kNe: return "'!='";
    case TokenKind::kLt: return "'<'";
    case TokenKind::kLe: return "'<='";
    case TokenKind::kGt: return "'>'";
    case TokenKind::kGe: return "'>='";
    case TokenKind::kPlusEq: return "'+='";
  }
  return "token";
}

Token Lexer::Make(TokenKind kind, size_t start) {
  Token t;
  t.kind = kind;
  t.offset = static_cast<uint32_t>(start);
  t.length = static_cast<uint32_t>(pos_ - start);
  return t;
}

Token Lexer::Error(size_t start, std::string message) {
  Token t = Make(TokenKind::kError, start);
  t.text = std::move(message);
  pos_ = text_.size();  // one error per file: the parser stops at it
  return t;
}

void Lexer::SkipSpaceAndComments() {
  while (pos_ < text_.size()) {
    char c = text_[pos_];
    if (c == '#') {
      while (pos_ < text_.size() && text_[pos_] != '\n') ++pos_;
    } else if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
      ++pos_;
    } else {
      return;
    }
  }
}

Token Lexer::Next() {
  SkipSpaceAndComments();
  size_t start = pos_;
  if (pos_ >= text_.size()) return Make(TokenKind::kEnd, start);
  char c = text_[pos_];
  if (IsIdentStart(c)) return LexIdent();
  if (IsDigitChar(c) || (c == '-' && pos_ + 1 < text_.size() && IsDigitChar(text_[pos_ + 1])))
    return LexNumber();
  if (c == '"' && text_.substr(pos_, 3) == "\"\"\"") return LexTripleQuoted();
  if (c == '"' || c == '\'') return LexQuoted(c);
  auto two = [&](char next) { return pos_ + 1 < text_.size() && text_[pos_ + 1] == next; };
  TokenKind kind;
  size_t len = 1;
  switch (c) {
    case '(': kind = TokenKind::kLParen; break;
    case ')': kind = TokenKind::kRParen; break;
    case '{': kind = TokenKind::kLBrace; break;
    case '}': kind = TokenKind::kRBrace; break;
    case ',': kind = TokenKind::kComma; break;
    case ':': kind = TokenKind::kColon; break;
    case '|': kind = TokenKind::kPipe; break;
    case '=': kind = TokenKind::kEq; len = two('=') ? 2 : 1; break;
    case '<': kind = two('=') ? TokenKind::kLe : TokenKind::kLt; len = two('=') ? 2 : 1; break;
    case '>': kind = two('=') ? TokenKind::kGe : TokenKind::kGt; len = two('=') ? 2 : 1; break;
    case '!':
      if (!two('=')) return Error(start, "unexpected character '!' (did you mean '!=' or 'not'?)");
      kind = TokenKind::kNe;
      len = 2;
      break;
    case '+':
      if (!two('=')) return Error(start, "unexpected character '+' (did you mean '+='?)");
      kind = TokenKind::kPlusEq;
      len = 2;
      break;
    default: {
      unsigned char u = static_cast<unsigned char>(c);
      if (u >= 0x20 && u < 0x7F) return Error(start, std::string("unexpected character '") + c + "'");
      char buf[8];
      std::snprintf(buf, sizeof(buf), "0x%02X", u);
      return Error(start, std::string("unexpected byte ") + buf);
    }
  }
  pos_ += len;
  return Make(kind, start);
}

Token Lexer::LexIdent() {
  size_t start = pos_;
  while (pos_ < text_.size()) {
    if (IsIdentChar(text_[pos_])) {
      ++pos_;
    } else if (text_[pos_] == '.' && pos_ + 1 < text_.size() && IsIdentChar(text_[pos_ + 1])) {
      ++pos_;
    } else {
      break;
    }
  }
  Token t = Make(TokenKind::kIdent, start);
  t.text = std::string(text_.substr(start, pos_ - start));
  return t;
}

Token Lexer::LexNumber() {
  size_t start = pos_;
  if (text_[pos_] == '-') ++pos_;
  if (text_.substr(pos_, 2) == "0x" || text_.substr(pos_, 2) == "0X") {
    pos_ += 2;
    size_t digits = pos_;
    while (pos_ < text_.size() && std::isxdigit(static_cast<unsigned char>(text_[pos_]))) ++pos_;
    uint64_t v = 0;
    auto [p, ec] = std::from_chars(text_.data() + digits, text_.data() + pos_, v, 16);
    if (digits == pos_ || ec != std::errc() || v > static_cast<uint64_t>(std::numeric_limits<int64_t>::max()))
      return Error(start, "bad hexadecimal number");
    Token t = Make(TokenKind::kInt, start);
    t.number = text_[start] == '-' ? -static_cast<int64_t>(v) : static_cast<int64_t>(v);
    return t;
  }
  while (pos_ < text_.size() && IsDigitChar(text_[pos_])) ++pos_;
  if (pos_ + 1 < text_.size() && text_[pos_] == '.' && IsDigitChar(text_[pos_ + 1]) && text_[start] != '-') {
    while (pos_ < text_.size() && (IsDigitChar(text_[pos_]) || text_[pos_] == '.')) ++pos_;
    if (pos_ + 1 < text_.size() && text_[pos_] == '/' && IsDigitChar(text_[pos_ + 1])) {
      ++pos_;
      while (pos_ < text_.size() && IsDigitChar(text_[pos_])) ++pos_;
    }
    Token t = Make(TokenKind::kIp, start);
    t.text = std::string(text_.substr(start, pos_ - start));
    return t;
  }
  int64_t value = 0;
  auto [p, ec] = std::from_chars(text_.data() + start, text_.data() + pos_, value);
  if (ec != std::errc()) return Error(start, "number out of range");
  size_t unit_start = pos_;
  while (pos_ < text_.size() && IsIdentChar(text_[pos_])) ++pos_;
  std::string_view suffix = text_.substr(unit_start, pos_ - unit_start);
  if (suffix.empty()) {
    Token t = Make(TokenKind::kInt, start);
    t.number = value;
    return t;
  }
  for (const Unit& u : kUnits) {
    if (suffix != u.suffix) continue;
    if (value > std::numeric_limits<int64_t>::max() / u.ns || value < 0)
      return Error(start, "duration out of range");
    Token t = Make(TokenKind::kDuration, start);
    t.number = value * u.ns;
    return t;
  }
  return Error(unit_start, "unknown unit '" + std::string(suffix) + "' (use ns, us, ms, s, m or h)");
}

Token Lexer::LexQuoted(char quote) {
  size_t start = pos_++;
  std::string out;
  while (pos_ < text_.size()) {
    char c = text_[pos_];
    if (c == '\n') break;
    ++pos_;
    if (c == quote) {
      Token t = Make(TokenKind::kString, start);
      t.text = std::move(out);
      return t;
    }
    if (c != '\\' || quote == '\'' || pos_ >= text_.size()) {
      out.push_back(c);
      continue;
    }
    char e = text_[pos_++];
    switch (e) {
      case 'n': out.push_back('\n'); break;
      case 't': out.push_back('\t'); break;
      case 'r': out.push_back('\r'); break;
      case '"': out.push_back('"'); break;
      case '\\': out.push_back('\\'); break;
      default:  // unknown escapes stay as written, so "\d+" means what a regex writer meant
        out.push_back('\\');
        out.push_back(e);
    }
  }
  return Error(start, "unterminated string");
}

Token Lexer::LexTripleQuoted() {
  size_t start = pos_;
  size_t end = text_.find("\"\"\"", pos_ + 3);
  if (end == std::string_view::npos) return Error(start, "unterminated string");
  std::string_view raw = text_.substr(pos_ + 3, end - pos_ - 3);
  pos_ = end + 3;
  Token t = Make(TokenKind::kString, start);
  t.text = Dedent(raw);
  return t;
}

uint32_t StringCharOffset(std::string_view source, uint32_t quote_offset, size_t index) {
  if (quote_offset >= source.size()) return quote_offset;
  char quote = source[quote_offset];
  size_t pos = quote_offset + 1;
  for (size_t i = 0; i < index && pos < source.size(); ++i)
    pos += (quote == '"' && source[pos] == '\\' && pos + 1 < source.size()) ? 2 : 1;
  return static_cast<uint32_t>(pos);
}

}  // namespace rundown::rules
