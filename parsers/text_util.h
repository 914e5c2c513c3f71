// Small text helpers shared by the parsers. Debian 12's Abseil is built with its own
// absl::string_view (ABSL_OPTION_USE_STD_STRING_VIEW 0), which does not convert from
// std::string_view: our APIs use std::string_view, and AbslView() bridges to Abseil calls.
#ifndef RUNDOWN_PARSERS_TEXT_UTIL_H_
#define RUNDOWN_PARSERS_TEXT_UTIL_H_

#include <charconv>
#include <cstdint>
#include <string_view>

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
inline bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v'; }

inline std::string_view StripSpaces(std::string_view s) {
  while (!s.empty() && IsSpace(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsSpace(s.back())) s.remove_suffix(1);
  return s;
}

}  // namespace rundown

#endif  // RUNDOWN_PARSERS_TEXT_UTIL_H_
