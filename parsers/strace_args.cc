#include "parsers/strace_args.h"

#include <cstring>

#include "parsers/text_util.h"

namespace rundown::strace {
namespace {

std::string_view Trim(std::string_view s) { return StripSpaces(s); }

// Skips a string literal starting at text[i] == '"'; returns the index after the closing
// quote, or npos when it does not close.
size_t SkipString(std::string_view text, size_t i) {
  for (++i; i < text.size(); ++i) {
    if (text[i] == '\\') {
      ++i;
      continue;
    }
    if (text[i] == '"') return i + 1;
  }
  return std::string_view::npos;
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

size_t FindArgsEnd(std::string_view text, bool* open_string) {
  *open_string = false;
  int depth = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    switch (c) {
      case '"': {
        size_t next = SkipString(text, i);
        if (next == std::string_view::npos) {
          *open_string = true;
          return std::string_view::npos;
        }
        i = next - 1;
        break;
      }
      case '(': case '[': case '{': ++depth; break;
      case ']': case '}': if (depth > 0) --depth; break;
      case ')':
        if (depth == 0) return i;
        --depth;
        break;
      case '/':
        if (i + 1 < text.size() && text[i + 1] == '*') {
          size_t end = text.find("*/", i + 2);
          if (end == std::string_view::npos) return std::string_view::npos;
          i = end + 1;
        }
        break;
      case '<':
        // An fd annotation (-y) may hold any path character, brackets included: skip it
        // whole. It follows a digit or AT_FDCWD, unlike the '<' of "<unfinished ...>".
        if (i > 0 && (IsDigit(text[i - 1]) || text[i - 1] == 'D')) {
          size_t end = text.find('>', i + 1);
          // Socket annotations nest brackets: TCP:[a->b]; the '>' of "->" is not the end.
          while (end != std::string_view::npos && end > 0 && text[end - 1] == '-') end = text.find('>', end + 1);
          if (end != std::string_view::npos) i = end;
        }
        break;
      default: break;
    }
  }
  return std::string_view::npos;
}

void SplitArgs(std::string_view args, ArgList* out) {
  out->count = 0;
  int depth = 0;
  size_t start = 0;
  auto push = [&](size_t end) {
    std::string_view a = Trim(args.substr(start, end - start));
    if (out->count < kMaxArgs) {
      out->arg[out->count++] = a;
    } else {
      // Fold the rest into the last slot: it keeps the text, loses the split.
      const char* b = out->arg[kMaxArgs - 1].data();
      out->arg[kMaxArgs - 1] = std::string_view(b, static_cast<size_t>(a.data() + a.size() - b));
    }
    start = end + 1;
  };
  for (size_t i = 0; i < args.size(); ++i) {
    char c = args[i];
    if (c == '"') {
      size_t next = SkipString(args, i);
      if (next == std::string_view::npos) break;
      i = next - 1;
    } else if (c == '(' || c == '[' || c == '{') {
      ++depth;
    } else if ((c == ')' || c == ']' || c == '}') && depth > 0) {
      --depth;
    } else if (c == '/' && i + 1 < args.size() && args[i + 1] == '*') {
      size_t end = args.find("*/", i + 2);
      if (end == std::string_view::npos) break;
      i = end + 1;
    } else if (c == '<' && i > 0 && (IsDigit(args[i - 1]) || args[i - 1] == 'D')) {
      size_t end = args.find('>', i + 1);
      while (end != std::string_view::npos && args[end - 1] == '-') end = args.find('>', end + 1);
      if (end != std::string_view::npos) i = end;
    } else if (c == ',' && depth == 0) {
      push(i);
    }
  }
  std::string_view last = Trim(args.substr(start < args.size() ? start : args.size()));
  if (!last.empty() || out->count > 0) push(args.size());
}

bool ParseFd(std::string_view arg, int32_t* fd, std::string_view* annotation) {
  *annotation = {};
  // -X verbose: "-100 /* AT_FDCWD */"
  if (size_t c = arg.find(" /*"); c != std::string_view::npos) arg = arg.substr(0, c);
  size_t lt = arg.find('<');
  std::string_view num = lt == std::string_view::npos ? arg : arg.substr(0, lt);
  if (num == "AT_FDCWD") {
    *fd = -100;
  } else if (!ParseInt(num, fd)) {
    return false;
  }
  if (lt != std::string_view::npos && arg.back() == '>') *annotation = arg.substr(lt + 1, arg.size() - lt - 2);
  return true;
}

bool ParseString(std::string_view arg, std::string* out, bool* truncated) {
  out->clear();
  *truncated = false;
  if (arg.empty() || arg.front() != '"') return false;
  size_t i = 1;
  for (; i < arg.size(); ++i) {
    char c = arg[i];
    if (c == '"') break;
    if (c != '\\' || i + 1 >= arg.size()) {
      out->push_back(c);
      continue;
    }
    char e = arg[++i];
    switch (e) {
      case 'n': out->push_back('\n'); break;
      case 't': out->push_back('\t'); break;
      case 'r': out->push_back('\r'); break;
      case 'v': out->push_back('\v'); break;
      case 'f': out->push_back('\f'); break;
      case 'x': {
        int v = 0, n = 0;
        while (n < 2 && i + 1 < arg.size() && HexValue(arg[i + 1]) >= 0) v = v * 16 + HexValue(arg[++i]), ++n;
        out->push_back(static_cast<char>(v));
        break;
      }
      default:
        if (e >= '0' && e <= '7') {
          int v = e - '0', n = 1;
          while (n < 3 && i + 1 < arg.size() && arg[i + 1] >= '0' && arg[i + 1] <= '7') v = v * 8 + (arg[++i] - '0'), ++n;
          out->push_back(static_cast<char>(v));
        } else {
          out->push_back(e);  // \\ \" \' and anything unknown stand for themselves
        }
    }
  }
  if (i >= arg.size()) {
    *truncated = true;  // the literal never closed: the line was cut
    return true;
  }
  *truncated = arg.substr(i + 1).starts_with("...");
  return true;
}

std::string_view StructField(std::string_view strct, std::string_view key) {
  if (strct.size() < 2 || strct.front() != '{') return {};
  size_t end = strct.rfind('}');
  ArgList fields;
  SplitArgs(strct.substr(1, end == std::string_view::npos ? strct.size() - 1 : end - 1), &fields);
  for (int i = 0; i < fields.count; ++i) {
    std::string_view f = fields.arg[i];
    if (f.size() > key.size() && f.starts_with(key) && f[key.size()] == '=') return f.substr(key.size() + 1);
  }
  // A struct with more than kMaxArgs fields: fall back to a scan of the text.
  size_t pos = 0;
  while ((pos = strct.find(key, pos)) != std::string_view::npos) {
    bool starts = pos > 0 && (strct[pos - 1] == '{' || strct[pos - 1] == ' ');
    size_t after = pos + key.size();
    if (starts && after < strct.size() && strct[after] == '=') {
      std::string_view rest = strct.substr(after + 1);
      ArgList one;
      SplitArgs(rest.substr(0, rest.find_last_of('}')), &one);
      return one.Get(0);
    }
    pos = after;
  }
  return {};
}

bool ParseNumber(std::string_view s, int64_t* out) {
  s = Trim(s);
  if (s.starts_with("htons(") || s.starts_with("htonl(")) s = s.substr(6, s.size() - 7);
  bool neg = false;
  if (!s.empty() && s.front() == '-') {
    neg = true;
    s.remove_prefix(1);
  }
  uint64_t v = 0;
  std::from_chars_result r;
  if (s.size() > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
    r = std::from_chars(s.data() + 2, s.data() + s.size(), v, 16);
  } else if (s.size() > 1 && s[0] == '0') {
    r = std::from_chars(s.data() + 1, s.data() + s.size(), v, 8);  // modes: 0644
  } else {
    r = std::from_chars(s.data(), s.data() + s.size(), v, 10);
  }
  if (r.ec != std::errc() || r.ptr != s.data() + s.size() || s.empty()) return false;
  *out = neg ? -static_cast<int64_t>(v) : static_cast<int64_t>(v);
  return true;
}

bool ParseSockaddr(std::string_view arg, std::string* out, int* family, int* port) {
  out->clear();
  *family = 0;
  *port = -1;
  if (arg.empty() || arg.front() != '{') return false;
  std::string_view fam = StructField(arg, "sa_family");
  if (fam.empty()) return false;
  std::string scratch;
  bool truncated = false;
  if (fam == "AF_INET") {
    *family = 2;
    int64_t p = -1;
    if (ParseNumber(StructField(arg, "sin_port"), &p)) *port = static_cast<int>(p);
    std::string_view addr = StructField(arg, "sin_addr");  // inet_addr("1.2.3.4")
    size_t q = addr.find('"');
    if (q != std::string_view::npos && ParseString(addr.substr(q), &scratch, &truncated)) out->assign(scratch);
    if (*port >= 0) StrAppend(out, ":", *port);
    return true;
  }
  if (fam == "AF_INET6") {
    *family = 10;
    int64_t p = -1;
    if (ParseNumber(StructField(arg, "sin6_port"), &p)) *port = static_cast<int>(p);
    // inet_pton(AF_INET6, "::1", &sin6_addr) is printed as a bare call, not key=value.
    size_t pton = arg.find("inet_pton(AF_INET6, \"");
    if (pton != std::string_view::npos) {
      std::string_view rest = arg.substr(pton + 20);
      if (ParseString(rest, &scratch, &truncated)) StrAppend(out, "[", scratch, "]");
    }
    if (*port >= 0) StrAppend(out, ":", *port);
    return true;
  }
  if (fam == "AF_UNIX" || fam == "AF_LOCAL") {
    *family = 1;
    std::string_view path = StructField(arg, "sun_path");
    if (path.starts_with("@")) {
      if (ParseString(path.substr(1), &scratch, &truncated)) StrAppend(out, "@", scratch);
    } else if (ParseString(path, &scratch, &truncated)) {
      out->assign(scratch);
    }
    if (out->empty()) out->assign("unix:unnamed");
    return true;
  }
  if (fam == "AF_NETLINK") {
    *family = 16;
    StrAppend(out, "netlink:", StructField(arg, "nl_pid"));
    return true;
  }
  StrAppend(out, "family:", fam);
  return true;
}

}  // namespace rundown::strace
