#include "parsers/strace_line.h"

#include <climits>
#include <cstring>


#include "absl/base/attributes.h"
#include "parsers/text_util.h"

namespace rundown::strace {
namespace {

// Syscall names: [a-z0-9_]. strace prints unknown ones as syscall_0x1b6.
struct NameChars {
  bool c[256] = {};
  constexpr NameChars() {
    for (int i = 'a'; i <= 'z'; ++i) c[i] = true;
    for (int i = '0'; i <= '9'; ++i) c[i] = true;
    c[static_cast<int>('_')] = true;
  }
};
constexpr NameChars kNameChars;
bool IsNameChar(char c) { return kNameChars.c[static_cast<uint8_t>(c)]; }

size_t SkipSpaces(std::string_view s, size_t i) {
  while (i < s.size() && s[i] == ' ') ++i;
  return i;
}

using line_internal::DigitsValue;
using line_internal::kMaxPid;
using line_internal::kOnes;
using line_internal::Load8;
using line_internal::NonZeroBytes;
using line_internal::NotDigitBytes;

// Like SkipSpaces, eight bytes at a time: the -f column pads the pid to six places.
size_t SkipSpacesWide(std::string_view s, size_t i) {
  for (; i + 8 <= s.size(); i += 8) {
    const uint64_t other = NonZeroBytes(Load8(s.data() + i) ^ (' ' * kOnes));
    if (other != 0) return i + static_cast<size_t>(__builtin_ctzll(other) >> 3);
  }
  return SkipSpaces(s, i);
}

// -Y prints a pid with its command: "17757<sh>". Returns the index after the "<comm>" at
// line[i], or i when there is none.
size_t SkipComm(std::string_view line, size_t i) {
  if (i >= line.size() || line[i] != '<') return i;
  const size_t gt = line.find('>', i + 1);
  return gt != std::string_view::npos && gt - i <= 64 ? gt + 1 : i;  // comm is at most 15 bytes, escaped
}

// "[pid  7553] " -> 7553 ("[pid 17791<sh>] " with -Y); returns the index after "] ", or 0
// when `line` has no such prefix.
ABSL_ATTRIBUTE_NOINLINE size_t BracketPrefix(std::string_view line, int32_t* tid) {
  if (!line.starts_with("[pid ")) return 0;
  size_t i = SkipSpaces(line, 5), start = i;
  while (i < line.size() && IsDigit(line[i])) ++i;
  if (i == start || !ParseInt(line.substr(start, i - start), tid)) return 0;
  i = SkipComm(line, i);
  if (i >= line.size() || line[i] != ']') return 0;
  return i + 1;
}

// The common -f column, up to seven digits and a space ("28    "), read from one word: the
// pid column with its length, or 0 when the line needs ColumnPrefix's general reading.
size_t ShortPidColumn(std::string_view line, int32_t* tid) {
  if (line.size() < 9) return 0;
  const uint64_t digits = Load8(line.data()) ^ ('0' * kOnes);
  const uint64_t other = NotDigitBytes(digits);
  if (other == 0) return 0;
  const size_t n = static_cast<size_t>(__builtin_ctzll(other) >> 3);
  if (n == 0 || line[n] != ' ') return 0;
  const uint64_t v = DigitsValue(digits, n);
  if (v > kMaxPid) return 0;
  *tid = static_cast<int32_t>(v);
  return n;
}

// "28    ..." (-f -o FILE) -> 28 ("17757<sh> ..." with -Y); a number followed by ':' or
// '.', or too big for a pid, is a timestamp instead.
ABSL_ATTRIBUTE_NOINLINE size_t ColumnPrefix(std::string_view line, int32_t* tid) {
  size_t j = 0;
  int64_t v = 0;
  while (j < line.size() && IsDigit(line[j]) && j < 10) v = v * 10 + (line[j++] - '0');
  if (j == 0 || v > static_cast<int64_t>(kMaxPid)) return 0;
  j = SkipComm(line, j);  // -Y: "17757<sh>    ..."
  if (j >= line.size() || line[j] != ' ') return 0;
  *tid = static_cast<int32_t>(v);
  return j;
}

// "[  59] " (-n) or "[00007f24fa87cad7] " / "[????????]" (-i) at line[i]; returns the index
// after it and its space, or 0 when line[i..] is not one ("[ Process PID=N runs in 32 bit
// mode. ]" is not).
ABSL_ATTRIBUTE_NOINLINE size_t BracketField(std::string_view line, size_t i) {
  size_t j = i + 1;
  while (j < line.size() && line[j] == ' ') ++j;
  const size_t start = j;
  bool number = true, address = j == i + 1;
  for (; j < line.size() && line[j] != ']'; ++j) {
    const char c = line[j];
    number &= IsDigit(c);
    address &= IsDigit(c) || (c >= 'a' && c <= 'f') || c == '?';
  }
  const size_t n = j - start;
  if (j + 1 >= line.size() || line[j + 1] != ' ' || n == 0) return 0;
  if ((number && n <= 10) || (address && (n == 8 || n == 16))) return j + 2;
  return 0;
}

}  // namespace

namespace {

// -tt "19:31:04.484256" at t (15 bytes), as nanoseconds of the day; false when the bytes are
// not that layout.
inline bool ParseTimeOfDay(const char* t, int64_t* ns) {
  int64_t secs_ns, frac_ns;
  if (!line_internal::TimeOfDayNs(Load8(t), &secs_ns) || !line_internal::FractionNs(Load8(t + 7), &frac_ns)) return false;
  *ns = secs_ns + frac_ns;
  return true;
}

// The two layouts nearly every trace uses, read as words that lie inside the token: -tt
// "19:31:04.484256" (15 bytes) and -ttt "1795375881.065207" (17 bytes).
bool ParseCommonTimestamp(std::string_view tok, int64_t* ns, Timebase* base) {
  const char* t = tok.data();
  if (tok.size() == 15) {
    if (!ParseTimeOfDay(t, ns)) return false;
    *base = Timebase::kTimeOfDay;
    return true;
  }
  if (tok.size() == 17) {
    int64_t secs_ns, frac_ns;
    if (!line_internal::EpochSecondsNs(t, &secs_ns) || !line_internal::FractionNs(Load8(t + 9), &frac_ns)) return false;
    *ns = secs_ns + frac_ns;
    *base = Timebase::kEpoch;
    return true;
  }
  return false;
}

}  // namespace

bool ParseTimestamp(std::string_view tok, int64_t* ns, Timebase* base) {
  if (ParseCommonTimestamp(tok, ns, base)) return true;
  static constexpr int64_t kPow10[] = {1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000, 1000000000};
  const char* p = tok.data();
  const char* const end = p + tok.size();
  // Reads up to `max` digits into *v; returns how many there were (more than max: fail).
  auto digits = [&p, end](int max, int64_t* out) {
    const char* q = p;
    int64_t v = 0;
    while (q < end && static_cast<unsigned>(*q - '0') < 10 && q - p <= max) v = v * 10 + (*q++ - '0');
    int n = static_cast<int>(q - p);
    p = q;
    *out = v;
    return n <= max ? n : 0;
  };
  int64_t secs = 0;
  if (digits(10, &secs) == 0) return false;  // ten digits: epoch seconds until 2286
  int fields = 1;
  while (p < end && *p == ':') {
    ++p;
    int64_t v = 0;
    if (digits(2, &v) == 0 || ++fields > 3) return false;
    secs = secs * 60 + v;
  }
  int64_t frac = 0;
  int frac_digits = 0;
  if (p < end && *p == '.') {
    ++p;
    if ((frac_digits = digits(9, &frac)) == 0) return false;
  }
  // A bare number is only a timestamp as epoch seconds (--timestamps=unix,s).
  if (p != end || fields == 2 || (fields == 1 && frac_digits == 0 && secs < 100000000)) return false;
  constexpr int64_t kMaxSecs = INT64_MAX / 1000000000 - 1;
  if (secs > kMaxSecs) return false;
  // -ttt prints seconds since the epoch (ten digits since 2001); -r a small delta.
  *base = fields == 3 ? Timebase::kTimeOfDay : secs >= 100000000 ? Timebase::kEpoch : Timebase::kRelative;
  *ns = secs * 1000000000 + frac * kPow10[9 - frac_digits];
  return true;
}

namespace line_internal {

bool TimeOfDayNs(uint64_t word, int64_t* ns) {
  // XORed with "00:00:00", a right byte is 0 (':') or 0..9 (a digit): below 16, and still
  // below 16 plus 6 (no carries between bytes).
  constexpr uint64_t kLayout = 0x30303A30303A3030ULL, kHigh = 0xF0F0F0F0F0F0F0F0ULL;
  const uint64_t v = word ^ kLayout;
  if (((v & (kHigh | 0x0000FF0000FF0000ULL)) | ((v + 0x06 * kOnes) & kHigh)) != 0) return false;
  const uint64_t pairs = v * 10 + (v >> 8);  // bytes 0, 3, 6: hours, minutes, seconds
  *ns = static_cast<int64_t>((pairs & 0xFF) * 3600 + ((pairs >> 24) & 0xFF) * 60 + ((pairs >> 48) & 0xFF)) * 1000000000;
  return true;
}

bool EpochSecondsNs(const char* t, int64_t* ns) {
  const uint64_t head = Load8(t) ^ ('0' * kOnes), tail = Load8(t + 2) ^ ('0' * kOnes);  // "17953758", "95375881"
  if ((NotDigitBytes(head) | NotDigitBytes(tail)) != 0) return false;
  const int64_t secs = static_cast<int64_t>(DigitsValue(head, 8) * 100 + ((tail >> 48) & 0xFF) * 10 + (tail >> 56));
  if (secs > INT64_MAX / 1000000000 - 1) return false;  // past the year 2262
  *ns = secs * 1000000000;
  return true;
}

}  // namespace line_internal

bool LineSplitter::RememberTimeOfDay(uint64_t word) {
  int64_t ns;
  if (!line_internal::TimeOfDayNs(word, &ns)) return false;
  hms_word_ = word;
  hms_ns_ = ns;
  return true;
}

bool LineSplitter::RememberEpochSeconds(const char* t) {
  int64_t ns;
  if (!line_internal::EpochSecondsNs(t, &ns)) return false;
  epoch_head_ = Load8(t);
  epoch_mid_ = Load8(t + 2);
  epoch_ns_ = ns;
  return true;
}

namespace {

// A timestamp other than -tt at line[i] (a digit): -ttt, -t, -r, the nanosecond forms.
// Returns the index after the stamp, or npos when line[i..] is not one.
ABSL_ATTRIBUTE_NOINLINE size_t OtherTimestamp(std::string_view line, size_t i, LineParts* p) {
  if (i + 17 < line.size() && line[i + 17] == ' ' && ParseCommonTimestamp(line.substr(i, 17), &p->time_ns, &p->timebase))
    return i + 17;
  const size_t end = line.find(' ', i);
  if (end != std::string_view::npos && !ParseTimestamp(line.substr(i, end - i), &p->time_ns, &p->timebase))
    return std::string_view::npos;
  return end;
}

}  // namespace

void SplitLine(std::string_view line, int32_t default_tid, LineParts* p) {
  p->tid = default_tid;
  p->has_prefix = false;
  p->time_ns = kNoTime;
  p->timebase = Timebase::kNone;
  int32_t tid = 0;
  size_t i = 0;
  if (!line.empty()) {
    if (line[0] == '[') i = BracketPrefix(line, &tid);
    else if (IsDigit(line[0]) && (i = ShortPidColumn(line, &tid)) == 0) i = ColumnPrefix(line, &tid);
  }
  if (i > 0) {
    p->tid = tid;
    p->has_prefix = true;
  }
  i = SkipSpacesWide(line, i);
  if (i < line.size() && IsDigit(line[i])) {
    // -tt, nearly every trace's stamp, has a fixed width: tried before searching for an end.
    size_t end;
    if (i + 15 < line.size() && line[i + 15] == ' ' && ParseTimeOfDay(line.data() + i, &p->time_ns)) {
      p->timebase = Timebase::kTimeOfDay;
      end = i + 15;
    } else {
      end = OtherTimestamp(line, i, p);
    }
    if (end != std::string_view::npos) i = SkipSpaces(line, end);
  }
  // -n "[  59] " (the syscall number) and -i "[00007f24fa87cad7] " (the instruction
  // pointer, "[????????????????]" when unknown) follow the timestamp, in that order.
  while (i < line.size() && line[i] == '[') {
    const size_t next = BracketField(line, i);
    if (next == 0) break;
    i = next;
  }
  p->body = line.substr(i);
}

std::string_view CallNameSlow(std::string_view body) {
  size_t n = 0;
  while (n < body.size() && IsNameChar(body[n])) ++n;
  return n > 0 && n < body.size() && body[n] == '(' ? body.substr(0, n) : std::string_view();
}

std::string_view ResumedNameSlow(std::string_view body) {
  if (!body.starts_with(kResumedOpen)) return {};
  size_t end = body.find(kResumedClose, kResumedOpen.size());
  return end == std::string_view::npos ? std::string_view() : body.substr(kResumedOpen.size(), end - kResumedOpen.size());
}

std::string_view JoinHalves(std::string_view first, std::string_view second, std::string* buf) {
  std::string_view name = CallName(first);
  return name.empty() ? std::string_view() : JoinHalves(first, name.size(), second, ResumedName(second), buf);
}

}  // namespace rundown::strace
