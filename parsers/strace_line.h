// The parts of a strace line around the call itself: the thread prefix, the timestamp, the
// two halves of an interrupted call. Shared by the chunk parser and by the cross-chunk
// join (StraceParser::DecodeJoined), which must read a line exactly the same way.
//
//   line       := [prefix] [timestamp " "+] body
//   prefix     := PID " "+                (-f -o FILE: a left-aligned pid column "28    ")
//              |  "[pid" " "+ PID "] "    (-f writing to stderr)
//   timestamp  := HH:MM:SS                (-t)
//              |  HH:MM:SS.FRAC           (-tt)
//              |  SECONDS.FRAC            (-ttt, >= 1e8 s; FRAC up to 9 digits with ,ns)
//              |  " "* DELTA.FRAC         (-r: seconds since the previous line)
//   unfinished := NAME "(" some-args [","] " "+ "<unfinished ...>"
//   resumed    := "<... " NAME " resumed>" [" <unfinished ...>"] rest-args ")" result
#ifndef RUNDOWN_PARSERS_STRACE_LINE_H_
#define RUNDOWN_PARSERS_STRACE_LINE_H_

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <utility>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "parsers/event.h"
#include "parsers/event_batch.h"
#include "parsers/text_util.h"

namespace rundown::strace {

inline constexpr std::string_view kUnfinishedMark = "<unfinished ...>";
inline constexpr std::string_view kDetachedMark = "<detached ...>";
inline constexpr std::string_view kResumedOpen = "<... ";
inline constexpr std::string_view kResumedClose = " resumed>";

// Written whole by SplitLine and LineSplitter::Split, hence no initializers: a line's parts
// are declared once per line, and their seven stores were dead on every one.
struct LineParts {
  int32_t tid;                  // from the prefix, else the file's default tid
  bool has_prefix;              // the line named its thread
  int64_t time_ns;              // kNoTime when the line has no timestamp
  Timebase timebase;
  std::string_view body;        // the rest: a call, a resumed half, "--- SIG", "+++ ", ...
};

// Splits the prefix and the timestamp off `line`. Never fails: a line without them keeps
// everything in `body`.
void SplitLine(std::string_view line, int32_t default_tid, LineParts* parts);

namespace line_internal {

// Eight bytes at `s` as a little-endian word.
inline uint64_t Load8(const char* s) {
  uint64_t v;
  std::memcpy(&v, s, 8);
  return v;
}

inline constexpr uint64_t kOnes = 0x0101010101010101ULL;
inline constexpr uint64_t kHighBits = 0x8080808080808080ULL;

// The high bit of each byte of `v` that is not 0..9 (`v` holds digits minus '0').
inline uint64_t NotDigitBytes(uint64_t v) { return (((v & ~kHighBits) + 0x76 * kOnes) | v) & kHighBits; }

// The high bit of each byte of `v` that is not 0.
inline uint64_t NonZeroBytes(uint64_t v) { return (((v & ~kHighBits) + 0x7F * kOnes) | v) & kHighBits; }

// The number held by the n low bytes of `v`, one decimal digit (0..9) per byte, most
// significant first. REQUIRES: 1 <= n <= 8.
inline uint64_t DigitsValue(uint64_t v, size_t n) {
  v <<= 8 * (8 - n);  // leading zeros: the digits end at the top byte
  v = (v * 10 + (v >> 8)) & 0x00FF00FF00FF00FFULL;
  v = (v * 100 + (v >> 16)) & 0x0000FFFF0000FFFFULL;
  return (v * 10000 + (v >> 32)) & 0xFFFFFFFF;
}

// The largest pid Linux hands out (PID_MAX_LIMIT on 64-bit): a bigger leading number is
// not a pid column but a timestamp (--timestamps=unix,s prints bare epoch seconds).
inline constexpr uint64_t kMaxPid = 4194304;

// The microseconds of a -tt or -ttt stamp from its last eight bytes ("4.484256": the last
// digit of the seconds, '.', six digits), as nanoseconds; false when they are not that.
// XORed with that layout, a right byte becomes 0 ('.') or 0..9 (a digit), which one mask
// test checks for all of them.
inline bool FractionNs(uint64_t word, int64_t* ns) {
  constexpr uint64_t kLayout = 0x3030303030302E30ULL, kHigh = 0xF0F0F0F0F0F0F0F0ULL;
  const uint64_t v = word ^ kLayout;
  // Below 16 (the '.' byte: 0), and still below 16 plus 6, is 0..9: no carries between bytes.
  if (((v & (kHigh | 0xFF00)) | ((v + 0x06 * kOnes) & kHigh)) != 0) return false;
  // The six digits as an eight-digit number with two leading zeros, folded by multiplies:
  // digit pairs, then groups of four, then all eight (each step adds a lane times 10^k to
  // its neighbour; the masks drop what spilled into the next lane).
  uint64_t x = v & 0xFFFFFFFFFFFF0000ULL;
  x = (x * (10 << 8 | 1)) >> 8;
  x = ((x & 0x00FF00FF00FF00FFULL) * (100 << 16 | 1)) >> 16;
  x = ((x & 0x0000FFFF0000FFFFULL) * (10000ULL << 32 | 1)) >> 32;
  *ns = static_cast<int64_t>(x * 1000);
  return true;
}

// "19:31:04" (the first eight bytes of a -tt stamp) as nanoseconds of the day; false when
// it is not that layout.
bool TimeOfDayNs(uint64_t word, int64_t* ns);
// "1795375881" (the first ten bytes of a -ttt stamp at t) as nanoseconds since the epoch;
// false when they are not ten digits or the time is past what int64 nanoseconds hold.
bool EpochSecondsNs(const char* t, int64_t* ns);

// The length of the run of name bytes [a-z0-9_] at the start of `s`, when that run ends
// within its first 16 bytes (and `s` has 16); else npos.
inline size_t ShortNameRun(std::string_view s) {
#if defined(__SSE2__)
  if (s.size() >= 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s.data()));
    // lo..hi moved to the bottom of the signed bytes (-128 up), so one compare tests both
    // ends: two instructions a range where a compare each way and an AND took three.
    auto in = [&v](char lo, char hi) {
      const __m128i x = _mm_add_epi8(v, _mm_set1_epi8(static_cast<char>(-128 - lo)));
      return _mm_cmplt_epi8(x, _mm_set1_epi8(static_cast<char>(-128 + (hi - lo) + 1)));
    };
    const __m128i name = _mm_or_si128(_mm_or_si128(in('a', 'z'), in('0', '9')), _mm_cmpeq_epi8(v, _mm_set1_epi8('_')));
    const uint32_t other = ~static_cast<uint32_t>(_mm_movemask_epi8(name)) & 0xFFFF;
    if (other != 0) return static_cast<size_t>(__builtin_ctz(other));
  }
#endif
  return std::string_view::npos;
}

}  // namespace line_internal

std::string_view CallNameSlow(std::string_view body);

// Inline: every call line reads its name here. Names up to 15 bytes ("set_robust_list") are
// found in one 16-byte look: the name's bytes, then '('.
inline std::string_view CallName(std::string_view body) {
  const size_t n = line_internal::ShortNameRun(body);
  if (n == std::string_view::npos) return CallNameSlow(body);
  return n > 0 && body[n] == '(' ? body.substr(0, n) : std::string_view();
}

std::string_view ResumedNameSlow(std::string_view body);

// Inline, with the search out of line, as CallName: every resumed half reads its name here.
// Nearly always a syscall name right before " resumed>": found in one 16-byte look and a
// word compare. The search finds the same end, since no name byte can start " resumed>".
inline std::string_view ResumedName(std::string_view body) {
  constexpr uint64_t kResumedWord = 0x64656D7573657220ULL;  // " resumed", little-endian
  static_assert(kResumedClose.size() == 9);
  std::string_view rest = body;  // remove_prefix: GCC 12 left substr's range check out of line
  rest.remove_prefix(std::min(body.size(), kResumedOpen.size()));
  const size_t n = line_internal::ShortNameRun(rest);
  if (n != std::string_view::npos && n + kResumedClose.size() <= rest.size() && body.starts_with(kResumedOpen) &&
      line_internal::Load8(rest.data() + n) == kResumedWord && rest[n + 8] == '>')
    return rest.substr(0, n);
  return ResumedNameSlow(body);
}

// SplitLine for a stream of lines, faster on the layout of nearly every trace,
// "28    19:31:04.484256 BODY" (-f -o FILE -tt; also -ttt, or no pid column): read with a few
// word loads and no byte loop. The seconds part of the stamp is remembered: a trace prints
// hundreds of lines per second, so the next line's "19:31:04" is most often the same eight
// bytes and is compared, not parsed. Any other line is split by SplitLine; both give the
// same parts. The pid column ("28    ") is remembered the same way. One per thread (chunk).
class LineSplitter {
 public:
  void Split(std::string_view line, int32_t default_tid, LineParts* p) {
    if (!SplitCommon(line, default_tid, p)) SplitLine(line, default_tid, p);
  }

 private:
  // Reads the word loads need: a pid column (8 bytes), its spaces (8), a stamp (17), its space.
  static constexpr size_t kMinFastLine = 40;

  // False when `line` is not of the common layout (*p is then partly written).
  bool SplitCommon(std::string_view line, int32_t default_tid, LineParts* p) {
    using namespace line_internal;
    const char* s = line.data();
    if (line.size() < kMinFastLine) return false;
    const uint64_t head = Load8(s);
    size_t i = 0;
    int32_t tid = default_tid;
    if (head == column_.word) {  // the pid column of the last line that had one, with its pad
      i = column_.end;
      tid = column_.tid;
    } else if (head == previous_column_.word) {  // the other thread of two taking turns
      std::swap(column_, previous_column_);
      i = column_.end;
      tid = column_.tid;
    } else if (!ReadColumn(head, s, &i, &tid)) {
      return false;
    }
    int64_t secs_ns, frac_ns;
    size_t end;
    if (s[i + 15] == ' ') {  // -tt "19:31:04.484256"
      const uint64_t hms = Load8(s + i);
      if (hms != hms_word_ && !RememberTimeOfDay(hms)) return false;
      secs_ns = hms_ns_;
      end = i + 15;
      p->timebase = Timebase::kTimeOfDay;
    } else if (s[i + 17] == ' ') {  // -ttt "1795375881.065207"
      const uint64_t first = Load8(s + i), mid = Load8(s + i + 2);
      if ((first != epoch_head_ || mid != epoch_mid_) && !RememberEpochSeconds(s + i)) return false;
      secs_ns = epoch_ns_;
      end = i + 17;
      p->timebase = Timebase::kEpoch;
    } else {
      return false;
    }
    // One space, then the body (more spaces, or -n/-i fields: the general reading).
    if (!FractionNs(Load8(s + end - 8), &frac_ns) || s[end + 1] == ' ' || s[end + 1] == '[') return false;
    p->tid = tid;
    p->has_prefix = i > 0;
    p->time_ns = secs_ns + frac_ns;
    p->body = line.substr(end + 1);
    return true;
  }
  // The pid column and its pad at the start of `s` (`head`: its first eight bytes): sets *i
  // past the pad and *tid; or none, leaving them, when the line starts with a -tt or -ttt
  // stamp instead. False for any other start.
  bool ReadColumn(uint64_t head, const char* s, size_t* i, int32_t* tid) {
    using namespace line_internal;
    const uint64_t digits = head ^ ('0' * kOnes);
    const uint64_t other = NotDigitBytes(digits);
    const size_t n = other == 0 ? 8 : static_cast<size_t>(__builtin_ctzll(other) >> 3);  // leading digits
    if (n == 8 || s[n] != ' ') return n == 2 || n == 8;  // "19:31:04.", "17953758": a stamp
    const uint64_t pid = n == 0 ? kMaxPid + 1 : DigitsValue(digits, n);
    const uint64_t pad = NonZeroBytes(Load8(s + n) ^ (' ' * kOnes));
    if (pid > kMaxPid || pad == 0) return false;
    *tid = static_cast<int32_t>(pid);
    *i = n + static_cast<size_t>(__builtin_ctzll(pad) >> 3);
    if (*i < 8) {  // decided by `head` alone: remembered
      previous_column_ = column_;
      column_ = {head, *i, *tid};
    }
    return true;
  }
  bool RememberTimeOfDay(uint64_t word);
  bool RememberEpochSeconds(const char* t);

  // A pid column remembered: its first eight bytes, where its pad ends, the pid.
  struct Column {
    uint64_t word;
    size_t end;
    int32_t tid;
  };
  // The last two pid columns and the last stamp seconds as read and as values; the initial
  // values are valid pairs, so a line that has those bytes is read right. Two columns: in a
  // -f trace the line after a miss of the last column is that of the column before in 85 %
  // of cases (49.5 k of 58.9 k lines of the 16 MiB trace; a miss reads the column for ~40
  // instructions).
  Column column_ = {0x7820202020202031ULL, 7, 1};           // "1      x"
  Column previous_column_ = {0x7820202020202032ULL, 7, 2};  // "2      x"
  uint64_t hms_word_ = 0x30303A30303A3030ULL;  // "00:00:00"
  int64_t hms_ns_ = 0;
  uint64_t epoch_head_ = 0x3030303030303030ULL, epoch_mid_ = 0x3030303030303030ULL;  // "0000000000"
  int64_t epoch_ns_ = 0;
};

// Parses one timestamp token ("19:31:04", "19:31:04.476323", "1795375881.065207",
// "0.000123", "1795394350.214720917"); false when `token` is not one.
bool ParseTimestamp(std::string_view token, int64_t* ns, Timebase* base);

// The syscall name of a call ("openat" for "openat(AT_FDCWD, ...") or of a resumed half
// ("read" for "<... read resumed>..."); empty when `body` is neither.
inline std::string_view CallName(std::string_view body);
inline std::string_view ResumedName(std::string_view body);

// Joins the bodies of two halves into one call text:
//   "rt_sigprocmask(SIG_SETMASK, [USR1],  <unfinished ...>" + "<... rt_sigprocmask resumed>NULL, 8) = 0"
//   -> "rt_sigprocmask(SIG_SETMASK, [USR1], NULL, 8) = 0"
// Returns the joined call, a view into *buf (the front of it: the buffer only grows, so a
// reused one is not filled again), or an empty view when the halves are not an unfinished
// and a resumed half of the same call.
std::string_view JoinHalves(std::string_view unfinished_body, std::string_view resumed_body, std::string* buf);

// The same when the caller has read both names already: `name_size` is the size of
// CallName(unfinished_body); empty when ResumedName(resumed_body) is another name.
// REQUIRES: `resumed_name` is ResumedName(resumed_body).
// Inline: the chunk parser joins every pair of halves here, and the call cost ~15 of its
// ~100 instructions.
inline std::string_view JoinHalves(std::string_view unfinished_body, size_t name_size, std::string_view resumed_body,
                                   std::string_view resumed_name, std::string* buf);

namespace line_internal {

// a == b for the `size` bytes of a syscall name at `a` and `b`, where at least 8 bytes can
// be read from each (the first half goes on with "(...<unfinished ...>", the resumed name
// with " resumed>"): one or two word compares in place of SameBytes's byte loop.
inline bool SameName(const char* a, const char* b, size_t size) {
  if (size < 8) return ((Load8(a) ^ Load8(b)) << (64 - 8 * size)) == 0;
  if (size <= 16) return Load8(a) == Load8(b) && Load8(a + size - 8) == Load8(b + size - 8);
  return SameBytes(std::string_view(a, size), std::string_view(b, size));
}

}  // namespace line_internal

inline std::string_view JoinHalves(std::string_view first, size_t name_size, std::string_view second,
                                   std::string_view name, std::string* buf) {
  // ends_with first: the name compare then reads inside `first` (name, '(', the mark).
  if (name_size == 0 || name_size != name.size() || !first.ends_with(kUnfinishedMark) ||
      !line_internal::SameName(first.data(), name.data(), name_size))
    return {};
  std::string_view head = first.substr(0, first.size() - kUnfinishedMark.size());
  while (!head.empty() && head.back() == ' ') head.remove_suffix(1);
  std::string_view tail = second;
  tail.remove_prefix(kResumedOpen.size() + name.size() + kResumedClose.size());
  // A process killed inside the call: "<... wait4 resumed> <unfinished ...>) = ?".
  if (tail.starts_with(" ")) {
    tail.remove_prefix(1);
    if (tail.starts_with(kUnfinishedMark)) tail.remove_prefix(kUnfinishedMark.size());
  }
  // strace prints the first half up to its last complete argument, comma included; the
  // second half starts with the next argument.
  const size_t space = !tail.empty() && tail.front() != ')' && head.back() == ',' ? 1 : 0;
  // The buffer only grows (resize zero-fills what it adds, so it is not cut back to each
  // call's size): once it has held the longest call, a join is two copies.
  const size_t size = head.size() + space + tail.size();
  if (buf->size() < size) buf->resize(size);
  char* d = buf->data();
  std::memcpy(d, head.data(), head.size());
  if (space != 0) d[head.size()] = ' ';
  std::memcpy(d + head.size() + space, tail.data(), tail.size());
  return std::string_view(d, size);
}

}  // namespace rundown::strace

#endif  // RUNDOWN_PARSERS_STRACE_LINE_H_
