// Reading strace's argument syntax: the pieces of a call line that every syscall shares.
// strace prints C-like values (strace(1), "Output format"): quoted strings with C escapes,
// `"abc"...` when -s cut them, structs `{a=1, b=2}`, arrays `[1, 2]`, `/* 7 vars */`
// comments, flag sets `O_RDONLY|O_CLOEXEC`, and with -y/-yy an fd's target in angle
// brackets after the number: `3</etc/passwd>`, `5<TCP:[127.0.0.1:3000->127.0.0.1:41234]>`.
//
// Everything here works on views into the line and allocates nothing except when it must
// unescape a string (into a caller-provided scratch buffer).
#ifndef RUNDOWN_PARSERS_STRACE_ARGS_H_
#define RUNDOWN_PARSERS_STRACE_ARGS_H_

#include <cstdint>
#include <string>
#include <string_view>

namespace rundown::strace {

// Up to kMaxArgs top-level arguments of a call, split at commas outside quotes, brackets,
// braces, parentheses and comments. Arguments past the limit are folded into the last one.
inline constexpr int kMaxArgs = 8;
struct ArgList {
  std::string_view arg[kMaxArgs];
  int count = 0;
  std::string_view Get(int i) const { return i < count ? arg[i] : std::string_view(); }
};

// Finds the end of the argument list that starts right after the call's '(' at `text[0]`.
// Returns the index of the matching ')' or std::string_view::npos when the list does not
// close on this line (an <unfinished ...> half, or a truncated line). Sets `*bad_quote`
// when a string is left open.
size_t FindArgsEnd(std::string_view text, bool* open_string);

// Splits `args` (without the parentheses) into top-level arguments, trimmed.
void SplitArgs(std::string_view args, ArgList* out);

// "3</etc/passwd>" -> fd 3, annotation "/etc/passwd". "AT_FDCWD</home/a>" -> -100, "/home/a".
// "AT_FDCWD" -> -100. Returns false when `arg` is not an fd.
bool ParseFd(std::string_view arg, int32_t* fd, std::string_view* annotation);

// Unescapes a quoted C string literal ("..." possibly followed by "..." for truncation) into
// `out`. Returns false when `arg` is not a string literal. Sets *truncated for a trailing
// "...". Handles \n \t \r \v \f \\ \" \xHH and octal \NNN escapes.
bool ParseString(std::string_view arg, std::string* out, bool* truncated);

// The text of `key=value` inside a struct `{...}`; empty when absent. Top level of the
// struct only.
std::string_view StructField(std::string_view strct, std::string_view key);

// Flag set "A|B|C" or "0x80000 /* O_CLOEXEC */" (-X verbose): calls fn(name) for each
// symbolic name; returns the numeric part if the set was printed as a number (-X raw), else 0.
template <typename Fn>
uint64_t ForEachFlag(std::string_view flags, Fn&& fn);

// A decimal or 0x hex integer (with optional sign), and "htons(80)" / "htonl(0)".
bool ParseNumber(std::string_view s, int64_t* out);

// Socket address struct -> "1.2.3.4:80", "[::1]:3000", "/run/x", "@abstract",
// "netlink:123". family is the AF_* number (2 inet, 10 inet6, 1 unix, 16 netlink, 0
// unknown). Returns false when `arg` is not a sockaddr struct.
bool ParseSockaddr(std::string_view arg, std::string* out, int* family, int* port);

// ---- implementation of templates ----
template <typename Fn>
uint64_t ForEachFlag(std::string_view flags, Fn&& fn) {
  uint64_t numeric = 0;
  size_t comment = flags.find("/*");
  if (comment != std::string_view::npos) {
    int64_t n = 0;
    std::string_view number = flags.substr(0, comment);
    while (!number.empty() && number.back() == ' ') number.remove_suffix(1);
    if (ParseNumber(number, &n)) numeric = static_cast<uint64_t>(n);
    size_t end = flags.find("*/", comment);
    flags = flags.substr(comment + 2, end == std::string_view::npos ? std::string_view::npos : end - comment - 2);
  } else if (!flags.empty() && flags.front() >= '0' && flags.front() <= '9') {
    int64_t n = 0;
    if (flags.find('|') == std::string_view::npos && ParseNumber(flags, &n)) return static_cast<uint64_t>(n);
  }
  while (!flags.empty()) {
    size_t bar = flags.find('|');
    std::string_view name = flags.substr(0, bar);
    while (!name.empty() && name.front() == ' ') name.remove_prefix(1);
    while (!name.empty() && name.back() == ' ') name.remove_suffix(1);
    if (!name.empty()) fn(name);
    if (bar == std::string_view::npos) break;
    flags.remove_prefix(bar + 1);
  }
  return numeric;
}

}  // namespace rundown::strace

#endif  // RUNDOWN_PARSERS_STRACE_ARGS_H_
