#include "parsers/time_format.h"

#include <algorithm>
#include <limits>

#include "parsers/text_util.h"

namespace rundown {
namespace {

char Lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }
bool IsAlpha(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }

// Reads 1..max_digits digits at text[*pos] (after optional space padding when `pad`).
bool ReadNum(std::string_view text, size_t* pos, int max_digits, bool pad, int* value) {
  size_t p = *pos;
  if (pad)
    while (p < text.size() && text[p] == ' ') ++p;
  int v = 0, n = 0;
  while (p < text.size() && n < max_digits && IsDigit(text[p])) {
    v = v * 10 + (text[p] - '0');
    ++p;
    ++n;
  }
  if (n == 0) return false;
  *pos = p;
  *value = v;
  return true;
}

size_t ReadLetters(std::string_view text, size_t pos) {
  size_t p = pos;
  while (p < text.size() && IsAlpha(text[p])) ++p;
  return p - pos;
}

int MonthFromName(std::string_view s) {
  static constexpr std::string_view kMonths[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                                 "jul", "aug", "sep", "oct", "nov", "dec"};
  if (s.size() < 3) return -1;
  char m[3] = {Lower(s[0]), Lower(s[1]), Lower(s[2])};
  for (int i = 0; i < 12; ++i)
    if (kMonths[i] == std::string_view(m, 3)) return i + 1;
  return -1;
}

// "+0200", "-05:30", "Z"; returns bytes consumed or 0.
size_t ReadOffset(std::string_view text, size_t pos, int* offset_sec) {
  if (pos < text.size() && text[pos] == 'Z') {
    *offset_sec = 0;
    return 1;
  }
  if (pos >= text.size() || (text[pos] != '+' && text[pos] != '-')) return 0;
  size_t p = pos + 1;
  int hh = 0, mm = 0;
  size_t before = p;
  if (!ReadNum(text, &p, 2, false, &hh) || p - before != 2) return 0;
  if (p < text.size() && text[p] == ':') ++p;
  before = p;
  if (ReadNum(text, &p, 2, false, &mm) && p - before != 2) return 0;
  *offset_sec = (hh * 3600 + mm * 60) * (text[pos] == '-' ? -1 : 1);
  return p - pos;
}

class StrftimeMatcher {
 public:
  explicit StrftimeMatcher(CivilTime* out) : out_(out) {}

  bool Match(std::string_view fmt, std::string_view text, size_t* pos, int depth = 0) {
    if (depth > 4) return false;
    for (size_t i = 0; i < fmt.size(); ++i) {
      char f = fmt[i];
      if (f != '%') {
        if (!MatchLiteral(f, text, pos)) return false;
        continue;
      }
      if (++i >= fmt.size()) return false;
      // GNU flags and E/O modifiers: "%-d", "%_H", "%0e", "%Ey".
      while (i < fmt.size() && (fmt[i] == '-' || fmt[i] == '_' || fmt[i] == '0' || fmt[i] == '^' ||
                                fmt[i] == '#' || fmt[i] == 'E' || fmt[i] == 'O'))
        ++i;
      if (i >= fmt.size() || !Conversion(fmt[i], text, pos, depth)) return false;
    }
    return true;
  }

  void Finish() {
    if (hour12_ >= 0) out_->hour = (hour12_ % 12) + (pm_ ? 12 : 0);
    if (yy_ >= 0) out_->year = century_ >= 0 ? century_ * 100 + yy_ : (yy_ < 69 ? 2000 + yy_ : 1900 + yy_);
  }

 private:
  static bool MatchLiteral(char f, std::string_view text, size_t* pos) {
    if (IsSpace(f)) {
      if (*pos >= text.size() || !IsSpace(text[*pos])) return false;
      while (*pos < text.size() && IsSpace(text[*pos])) ++*pos;
      return true;
    }
    if (*pos >= text.size() || text[*pos] != f) return false;
    ++*pos;
    return true;
  }

  bool Conversion(char c, std::string_view text, size_t* pos, int depth) {
    switch (c) {
      case 'Y': return ReadNum(text, pos, 4, false, &out_->year);
      case 'y': return ReadNum(text, pos, 2, false, &yy_);
      case 'C': return ReadNum(text, pos, 2, false, &century_);
      case 'm': return ReadNum(text, pos, 2, false, &out_->month);
      case 'd': return ReadNum(text, pos, 2, false, &out_->day);
      case 'e': return ReadNum(text, pos, 2, true, &out_->day);
      case 'j': return ReadNum(text, pos, 3, false, &out_->yday);
      case 'H': return ReadNum(text, pos, 2, false, &out_->hour);
      case 'k': return ReadNum(text, pos, 2, true, &out_->hour);
      case 'I': return ReadNum(text, pos, 2, false, &hour12_);
      case 'l': return ReadNum(text, pos, 2, true, &hour12_);
      case 'M': return ReadNum(text, pos, 2, false, &out_->minute);
      case 'S': return ReadNum(text, pos, 2, false, &out_->second);
      case 'u':
      case 'w': { int ignored; return ReadNum(text, pos, 1, false, &ignored); }
      case 's': return Epoch(text, pos);
      case 'z': {
        size_t n = ReadOffset(text, *pos, &out_->offset_sec);
        *pos += n;
        return n > 0;
      }
      case 'Z': return Zone(text, pos);
      case 'p': return AmPm(text, pos);
      case 'a':
      case 'A': return Letters(text, pos, false);
      case 'b':
      case 'h':
      case 'B': return Letters(text, pos, true);
      case 'n':
      case 't': return MatchLiteral(' ', text, pos);
      case '%': return MatchLiteral('%', text, pos);
      case 'F': return Match("%Y-%m-%d", text, pos, depth + 1);
      case 'T':
      case 'X': return Match("%H:%M:%S", text, pos, depth + 1);
      case 'R': return Match("%H:%M", text, pos, depth + 1);
      case 'D':
      case 'x': return Match("%m/%d/%y", text, pos, depth + 1);
      case 'c': return Match("%a %b %e %H:%M:%S %Y", text, pos, depth + 1);
      case 'r': return Match("%I:%M:%S %p", text, pos, depth + 1);
      default: return false;
    }
  }

  bool Epoch(std::string_view text, size_t* pos) {
    size_t p = *pos;
    bool neg = p < text.size() && text[p] == '-';
    if (neg) ++p;
    size_t start = p;
    while (p < text.size() && p - start < 19 && IsDigit(text[p])) ++p;
    int64_t v = 0;
    if (p == start || !ParseInt(text.substr(start, p - start), &v)) return false;
    out_->epoch_sec = neg ? -v : v;
    out_->has_epoch = true;
    *pos = p;
    return true;
  }

  bool Zone(std::string_view text, size_t* pos) {
    size_t n = ReadLetters(text, *pos);
    if (n == 0) return false;
    *pos += n;
    return true;  // only UTC/GMT/Z are known; others are assumed UTC too (documented)
  }

  bool AmPm(std::string_view text, size_t* pos) {
    if (*pos + 2 > text.size()) return false;
    char a = Lower(text[*pos]), m = Lower(text[*pos + 1]);
    if ((a != 'a' && a != 'p') || m != 'm') return false;
    pm_ = a == 'p';
    *pos += 2;
    return true;
  }

  bool Letters(std::string_view text, size_t* pos, bool month) {
    size_t n = ReadLetters(text, *pos);
    if (n < 3) return false;
    if (month) {
      out_->month = MonthFromName(text.substr(*pos, n));
      if (out_->month < 0) return false;
    }
    *pos += n;
    return true;
  }

  CivilTime* out_;
  int hour12_ = -1, yy_ = -1, century_ = -1;
  bool pm_ = false;
};

// ".123456" -> nanos; returns bytes consumed (0 when no fraction).
size_t ReadFraction(std::string_view text, size_t pos, int64_t* nanos) {
  if (pos >= text.size() || (text[pos] != '.' && text[pos] != ',')) return 0;
  size_t p = pos + 1;
  int64_t v = 0;
  int digits = 0;
  while (p < text.size() && IsDigit(text[p])) {
    if (digits < 9) {
      v = v * 10 + (text[p] - '0');
      ++digits;
    }
    ++p;
  }
  if (p == pos + 1) return 0;
  for (int i = digits; i < 9; ++i) v *= 10;
  *nanos = v;
  return p - pos;
}

// "19:31:04" or "19:31" (+ fraction) at text[pos]; returns bytes consumed or 0.
size_t ReadClock(std::string_view text, size_t pos, CivilTime* t) {
  size_t p = pos;
  int h, m, s = 0;
  size_t b = p;
  if (!ReadNum(text, &p, 2, false, &h) || p - b != 2 || p >= text.size() || text[p] != ':') return 0;
  ++p;
  b = p;
  if (!ReadNum(text, &p, 2, false, &m) || p - b != 2) return 0;
  if (p < text.size() && text[p] == ':') {
    size_t q = p + 1;
    b = q;
    if (!ReadNum(text, &q, 2, false, &s) || q - b != 2) return 0;
    p = q;
    p += ReadFraction(text, p, &t->nanos);
  }
  if (h > 23 || m > 59 || s > 60) return 0;
  t->hour = h;
  t->minute = m;
  t->second = s;
  return p - pos;
}

bool EndsToken(std::string_view text, size_t p) {
  return p >= text.size() || !(IsDigit(text[p]) || text[p] == ':' || IsAlpha(text[p]));
}

size_t ReadIsoDate(std::string_view text, CivilTime* t) {
  size_t p = 0;
  int y, mo, d;
  // "2026-11-22", or Go's log package "2026/11/22".
  if (!ReadNum(text, &p, 4, false, &y) || p != 4 || p >= text.size() || (text[p] != '-' && text[p] != '/'))
    return 0;
  const char sep = text[p];
  ++p;
  if (!ReadNum(text, &p, 2, false, &mo) || p != 7 || p >= text.size() || text[p] != sep) return 0;
  ++p;
  if (!ReadNum(text, &p, 2, false, &d) || p != 10) return 0;
  if (mo < 1 || mo > 12 || d < 1 || d > 31) return 0;
  t->year = y;
  t->month = mo;
  t->day = d;
  // Date and time joined by 'T' (ISO 8601), ' ', or '_' (strftime "%F_%T", a common
  // inotifywait --timefmt that keeps the stamp one word).
  if (p < text.size() && (text[p] == 'T' || text[p] == ' ' || text[p] == '_')) {
    size_t n = ReadClock(text, p + 1, t);
    if (n > 0) {
      p += 1 + n;
      p += ReadOffset(text, p, &t->offset_sec);
    }
  }
  return p;
}

size_t ReadEpoch(std::string_view text, CivilTime* t) {
  size_t p = 0;
  while (p < text.size() && IsDigit(text[p])) ++p;
  int64_t v = 0;
  if (!ParseInt(text.substr(0, p), &v)) return 0;
  if (p == 13) {  // milliseconds (Date.now())
    t->epoch_sec = v / 1000;
    t->nanos = (v % 1000) * 1000000;
  } else if (p >= 9 && p <= 11) {
    t->epoch_sec = v;
    p += ReadFraction(text, p, &t->nanos);
  } else {
    return 0;
  }
  if (!EndsToken(text, p)) return 0;
  t->has_epoch = true;
  return p;
}

}  // namespace

size_t ParseStrftime(std::string_view fmt, std::string_view text, CivilTime* out) {
  CivilTime t;
  StrftimeMatcher m(&t);
  size_t pos = 0;
  if (!m.Match(fmt, text, &pos)) return kNoMatch;
  m.Finish();
  *out = t;
  return pos;
}

bool StrftimeSupported(std::string_view fmt) {
  static constexpr std::string_view kKnown = "YyCmdejHkIlMSuwszZpaAbhBnt%FTXRDxcr";
  for (size_t i = 0; i < fmt.size(); ++i) {
    if (fmt[i] != '%') continue;
    ++i;
    while (i < fmt.size() && std::string_view("-_0^#EO").find(fmt[i]) != std::string_view::npos) ++i;
    if (i >= fmt.size() || kKnown.find(fmt[i]) == std::string_view::npos) return false;
  }
  return true;
}

size_t ParseLooseTimestamp(std::string_view text, CivilTime* out) {
  if (text.empty() || !IsDigit(text.front())) return kNoMatch;  // every form starts with a digit
  CivilTime t;
  size_t n = ReadIsoDate(text, &t);
  if (n == 0) n = ReadEpoch(text, &t);
  if (n == 0) {
    // "%D %T": 11/22/26 19:31:21
    size_t used = ParseStrftime("%m/%d/%y %H:%M:%S", text, &t);
    if (used != kNoMatch && EndsToken(text, used)) n = used;
  }
  if (n == 0) {
    t = CivilTime();
    n = ReadClock(text, 0, &t);
    if (n > 0 && t.second < 0) n = 0;
  }
  if (n == 0 || !EndsToken(text, n)) return kNoMatch;
  *out = t;
  return n;
}

int64_t DaysFromCivil(int64_t y, int m, int d) {
  // Days from 0001-01-01 to January 1st of `y`, then into the year. Years before 1 are not
  // timestamps any tool here prints; they clamp to year 1.
  static constexpr int kBeforeMonth[12] = {0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334};
  if (y < 1) y = 1;
  if (m < 1 || m > 12) m = 1;
  const int64_t p = y - 1;
  const int64_t year_start = 365 * p + p / 4 - p / 100 + p / 400;
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  const int64_t in_year = kBeforeMonth[m - 1] + (leap && m > 2 ? 1 : 0) + d - 1;
  constexpr int64_t kEpochDays = 719162;  // 0001-01-01 .. 1970-01-01
  return year_start + in_year - kEpochDays;
}

int64_t CivilToNs(const CivilTime& t, bool* has_date) {
  constexpr int64_t kNs = 1000000000;
  *has_date = false;
  // int64 ns end in the year 2262: a later (or garbled) date is no time, not an overflow.
  constexpr int64_t kMaxSec = std::numeric_limits<int64_t>::max() / kNs - 10 * 86400;
  if (t.has_epoch) {
    if (t.epoch_sec > kMaxSec || t.epoch_sec < -kMaxSec) return std::numeric_limits<int64_t>::min();
    *has_date = true;
    return t.epoch_sec * kNs + t.nanos;
  }
  int64_t tod = 0;
  bool has_time = t.hour >= 0;
  if (has_time) tod = (int64_t{t.hour} * 3600 + std::max(t.minute, 0) * 60 + std::max(t.second, 0)) * kNs + t.nanos;
  if (t.year >= 0 && ((t.month >= 1 && t.day >= 1) || t.yday >= 1)) {
    int64_t days = t.month >= 1 && t.day >= 1 ? DaysFromCivil(t.year, t.month, t.day)
                                               : DaysFromCivil(t.year, 1, 1) + t.yday - 1;
    if (days > kMaxSec / 86400 || days < -kMaxSec / 86400) return std::numeric_limits<int64_t>::min();
    *has_date = true;
    return days * 86400 * kNs + tod - int64_t{t.offset_sec} * kNs;
  }
  if (has_time) return tod;
  return std::numeric_limits<int64_t>::min();
}

bool ParseDateLine(std::string_view line, int64_t* ns) {
  auto framing = [](char c) { return c == '=' || c == '-' || c == '#' || c == '*' || IsSpace(c); };
  while (!line.empty() && framing(line.front())) line.remove_prefix(1);
  while (!line.empty() && framing(line.back())) line.remove_suffix(1);
  if (line.size() < 10 || line.size() > 64) return false;
  static constexpr std::string_view kFormats[] = {
      "%a %b %e %T %Z %Y",     // date, C locale
      "%a %b %e %T %Y",        // the same without a zone
      "%a %d %b %Y %r %Z",     // date, en_US.UTF-8
      "%a %d %b %Y %T %Z",     // date, en_GB.UTF-8
      "%a, %d %b %Y %T %z",    // date -R
  };
  CivilTime t;
  bool found = false;
  for (std::string_view fmt : kFormats) {
    t = CivilTime();
    if (ParseStrftime(fmt, line, &t) == line.size()) {
      found = true;
      break;
    }
  }
  if (!found) {
    t = CivilTime();
    found = ParseLooseTimestamp(line, &t) == line.size();
  }
  if (!found) return false;
  bool has_date = false;
  const int64_t v = CivilToNs(t, &has_date);
  if (!has_date) return false;  // a bare time of day is too loose for a line of its own
  *ns = v;
  return true;
}

}  // namespace rundown
