// Small text helpers shared by the parsers. Debian 12's Abseil is built with its own
// absl::string_view (ABSL_OPTION_USE_STD_STRING_VIEW 0), which does not convert from
// std::string_view: our APIs use std::string_view, and AbslView() bridges to Abseil calls.
#ifndef RUNDOWN_PARSERS_TEXT_UTIL_H_
#define RUNDOWN_PARSERS_TEXT_UTIL_H_

#include <charconv>
#include <cstdint>
#include <string>
#include <string_view>
#include <type_traits>

#include "absl/strings/string_view.h"

namespace rundown {

inline absl::string_view AbslView(std::string_view s) { return absl::string_view(s.data(), s.size()); }

// Parses all of `s` as a decimal integer. False on empty input, junk or overflow.
template <typename Int>
bool ParseInt(std::string_view s, Int* out) {
  if (s.empty()) return false;
  const char* b = s.data();
  if (*b == '+') ++b;
  auto [p, ec] = std::from_chars(b, s.data() + s.size(), *out);
  return ec == std::errc() && p == s.data() + s.size();
}

inline bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// a == b for the short strings of the hot paths (syscall names, fd annotations), in place
// of a call to memcmp: whole words, the last one overlapping the one before, so no byte is
// compared alone unless the strings are shorter than four bytes (finishing byte by byte
// cost 40 % more instructions on the fd annotation cache's hits).
inline bool SameBytes(std::string_view a, std::string_view b) {
  const size_t n = a.size();
  if (n != b.size()) return false;
  const char *x = a.data(), *y = b.data();
  auto same = [x, y](size_t i, auto word) {
    decltype(word) u, v;
    __builtin_memcpy(&u, x + i, sizeof u);
    __builtin_memcpy(&v, y + i, sizeof v);
    return u == v;
  };
  if (n >= 8) {
    for (size_t i = 0; i + 8 < n; i += 8)
      if (!same(i, uint64_t{})) return false;
    return same(n - 8, uint64_t{});
  }
  if (n >= 4) return same(0, uint32_t{}) && same(n - 4, uint32_t{});
  for (size_t i = 0; i < n; ++i)
    if (x[i] != y[i]) return false;
  return true;
}
inline bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v'; }

inline std::string_view StripSpaces(std::string_view s) {
  while (!s.empty() && IsSpace(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsSpace(s.back())) s.remove_suffix(1);
  return s;
}

namespace text_internal {
inline void AppendOne(std::string* out, std::string_view s) { out->append(s); }
inline void AppendOne(std::string* out, const char* s) { out->append(s); }
inline void AppendOne(std::string* out, const std::string& s) { out->append(s); }
inline void AppendOne(std::string* out, char c) { out->push_back(c); }
template <typename T>
  requires std::is_arithmetic_v<T>
void AppendOne(std::string* out, T v) {
  char buf[32];
  auto [p, ec] = std::to_chars(buf, buf + sizeof(buf), v);
  out->append(buf, ec == std::errc() ? static_cast<size_t>(p - buf) : 0);
}
}  // namespace text_internal

// absl::StrCat for std::string_view (Debian's absl::StrCat does not take it): strings,
// string views, chars and numbers. Doubles print in shortest round-trip form.
template <typename... Args>
void StrAppend(std::string* out, const Args&... args) {
  (text_internal::AppendOne(out, args), ...);
}
template <typename... Args>
std::string StrCat(const Args&... args) {
  std::string out;
  StrAppend(&out, args...);
  return out;
}

// A count and what it counts, the plural marks of `phrase` resolved for `n`: a "(s)" or "(es)"
// right after a letter is dropped for 1 and kept as letters otherwise; other parentheses stay.
// The one way report text says how many: Counted(1, "path(s)") is "1 path", Counted(3,
// "process(es) without a fork") "3 processes without a fork".
inline std::string Counted(uint64_t n, std::string_view phrase) {
  std::string out = StrCat(n, " ");
  for (size_t i = 0; i < phrase.size();) {
    const size_t open = phrase.find('(', i);
    if (open == std::string_view::npos) {
      out.append(phrase.substr(i));
      break;
    }
    out.append(phrase.substr(i, open - i));
    const size_t close = phrase.find(')', open);
    const std::string_view mark = close == std::string_view::npos ? "" : phrase.substr(open + 1, close - open - 1);
    const bool after_letter = open > 0 && ((phrase[open - 1] | 0x20) >= 'a' && (phrase[open - 1] | 0x20) <= 'z');
    if (!after_letter || (mark != "s" && mark != "es")) {
      out += '(';
      i = open + 1;
      continue;
    }
    if (n != 1) out.append(mark);
    i = close + 1;
  }
  return out;
}

}  // namespace rundown

#endif  // RUNDOWN_PARSERS_TEXT_UTIL_H_
