#include "parsers/glued_write.h"

#include <string>

#include "absl/strings/ascii.h"
#include "parsers/strace_args.h"
#include "parsers/text_util.h"

namespace rundown {

namespace {

constexpr std::string_view kUnfinished = " <unfinished ...>";

// The end of the string literal that starts at line[i] ('"'), past its closing quote and a
// "..." of -s; npos when it does not close.
size_t LiteralEnd(std::string_view line, size_t i) {
  for (++i; i < line.size() && line[i] != '"'; ++i)
    if (line[i] == '\\') ++i;
  if (i >= line.size()) return std::string_view::npos;
  ++i;
  return line.substr(i, 3) == "..." ? i + 3 : i;
}

}  // namespace

bool ReadGluedWrite(std::string_view line, GluedWrite* out) {
  const size_t at = line.find("write(");
  if (at == std::string_view::npos || (at > 0 && (absl::ascii_isalnum(line[at - 1]) || line[at - 1] == '_'))) return false;
  size_t i = at + 6;
  while (i < line.size() && absl::ascii_isdigit(line[i])) ++i;
  if (line.substr(i, 3) != ", \"") return false;
  const size_t literal = i + 2;
  i = LiteralEnd(line, literal);
  if (i == std::string_view::npos || line.substr(i, 2) != ", ") return false;
  out->literal = line.substr(literal, i - literal);
  i += 2;
  const size_t count = i;
  while (i < line.size() && absl::ascii_isdigit(line[i])) ++i;
  if (i == count) return false;
  std::string_view rest = line.substr(i);
  out->line_ended = false;
  if (rest.ends_with(kUnfinished)) {
    rest.remove_suffix(kUnfinished.size());
  } else if (size_t end = rest.rfind(')');
             end != std::string_view::npos && StripSpaces(rest.substr(end + 1)).starts_with("= ")) {
    // The result strace printed after it: ") = 11", ")        = 1" (aligned), ") = 5 <0.000012>".
    rest = rest.substr(0, end);
  } else {
    out->line_ended = true;
  }
  out->text = rest;
  return true;
}

bool EchoesItsString(std::string_view line) {
  GluedWrite w;
  if (!ReadGluedWrite(line, &w)) return false;
  std::string s;
  bool truncated = false;
  if (!strace::ParseString(w.literal, &s, &truncated)) return false;
  const size_t nl = s.find('\n');
  if (nl != std::string::npos) return w.line_ended && w.text == std::string_view(s).substr(0, nl);
  if (s.empty()) return false;
  return truncated ? w.text.starts_with(s) : w.text == s;
}

size_t GluedLineAtEnd(std::string_view line, std::string_view write_call) {
  GluedWrite w;
  if (!ReadGluedWrite(write_call, &w)) return 0;
  std::string s;
  bool truncated = false;
  if (!strace::ParseString(w.literal, &s, &truncated)) return 0;
  const size_t nl = s.find('\n');
  if (nl == 0 || nl == std::string::npos || line.size() <= nl) return 0;
  return line.ends_with(std::string_view(s).substr(0, nl)) ? nl : 0;
}

}  // namespace rundown
