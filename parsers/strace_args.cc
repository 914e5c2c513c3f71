#include "parsers/strace_args.h"

#include <arpa/inet.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cstring>
#include <string>

#include "absl/base/attributes.h"
#include "parsers/simd.h"
#include "parsers/text_util.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#if RUNDOWN_HAVE_AVX2_PATHS
#include <immintrin.h>
#endif

namespace rundown::strace {
namespace {

// Byte classes of the argument scanner. Most bytes of a line are kPlain (string contents
// are skipped with memchr), so the loop is one table load and a predictable branch per byte.
enum ByteClass : uint8_t { kPlain = 0, kQuote, kOpen, kClose, kComma, kSlash, kLess };

struct ClassTable {
  std::array<uint8_t, 256> c{};
  constexpr ClassTable() {
    c['"'] = kQuote;
    c['('] = c['['] = c['{'] = kOpen;
    c[')'] = c[']'] = c['}'] = kClose;
    c[','] = kComma;
    c['/'] = kSlash;
    c['<'] = kLess;
  }
};
constexpr ClassTable kClasses;

// Index of the first `c` or `d` in text[i..], or npos. The strings and lists it searches are
// short (tens of bytes), where a call to memchr costs more than the search: 16 bytes at a time.
inline size_t FindEitherByte(std::string_view text, size_t i, char c, char d) {
  const size_t n = text.size();
#if defined(__SSE2__)
  const __m128i first = _mm_set1_epi8(c), second = _mm_set1_epi8(d);
  for (; i + 16 <= n; i += 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text.data() + i));
    const __m128i hits = _mm_or_si128(_mm_cmpeq_epi8(v, first), _mm_cmpeq_epi8(v, second));
    if (uint32_t m = static_cast<uint32_t>(_mm_movemask_epi8(hits))) return i + static_cast<size_t>(__builtin_ctz(m));
  }
#endif
  for (; i < n; ++i)
    if (text[i] == c || text[i] == d) return i;
  return std::string_view::npos;
}

// Index of the first `c` in text[i..], or npos.
inline size_t FindByte(std::string_view text, size_t i, char c) { return FindEitherByte(text, i, c, c); }

// Index of the last `c` in text[0..end), or npos; 16 bytes at a time from the end.
inline size_t FindLastByte(std::string_view text, size_t end, char c) {
#if defined(__SSE2__)
  const __m128i needle = _mm_set1_epi8(c);
  for (; end >= 16; end -= 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text.data() + end - 16));
    if (uint32_t m = static_cast<uint32_t>(_mm_movemask_epi8(_mm_cmpeq_epi8(v, needle))))
      return end - 16 + static_cast<size_t>(31 - __builtin_clz(m));
  }
#endif
  while (end > 0)
    if (text[--end] == c) return end;
  return std::string_view::npos;
}

// `text[i] == '"'`: returns the index just past the closing quote, or npos. A quote is
// escaped when an odd number of backslashes precedes it. Inlined into SkipString: a call more
// per string cost the SSE2 path 1 % of its instructions.
[[gnu::always_inline]] inline size_t SkipStringSse2(std::string_view text, size_t i) {
  const char* base = text.data();
  size_t pos = i + 1;
  while (pos < text.size()) {
    const size_t at = FindByte(text, pos, '"');
    if (at == std::string_view::npos) return at;
    size_t k = at;
    while (k > i + 1 && base[k - 1] == '\\') --k;
    if ((at - k) % 2 == 0) return at + 1;
    pos = at + 1;
  }
  return std::string_view::npos;
}

#if RUNDOWN_HAVE_AVX2_PATHS
// SkipString 32 bytes at a time, escapes included: the SSE2 version stops at every quote and
// counts the backslashes before it, which JSON in a buffer ("{\"type\":\"message\"...) makes
// a stop every few bytes. Here the escaped bytes of a block come from its backslash mask in a
// few word operations (simdjson's escape scanner), and the first quote not among them ends the
// string.
RUNDOWN_TARGET_AVX2 size_t SkipStringAvx2(std::string_view text, size_t i) {
  const size_t n = text.size();
  if (n < 32) return SkipStringSse2(text, i);
  constexpr uint32_t kOddBits = 0xAAAAAAAAu;
  uint32_t next_escaped = 0;  // 1: the block's first byte follows an odd run of backslashes
  for (size_t pos = i + 1; pos < n; pos += 32) {
    // A short last block is read as the 32 bytes that end the text, shifted.
    const size_t at = std::min(pos, n - 32);
    const unsigned shift = static_cast<unsigned>(pos - at);
    const __m256i v = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(text.data() + at));
    const uint32_t quotes = static_cast<uint32_t>(_mm256_movemask_epi8(_mm256_cmpeq_epi8(v, _mm256_set1_epi8('"')))) >> shift;
    const uint32_t backslashes =
        static_cast<uint32_t>(_mm256_movemask_epi8(_mm256_cmpeq_epi8(v, _mm256_set1_epi8('\\')))) >> shift;
    // Runs of backslashes, each starting on an even or odd bit: subtracting a run's start from
    // the odd bits carries through the run and marks the byte after it when the run is odd.
    const uint32_t starts = backslashes & ~next_escaped;
    const uint32_t codes = (((starts << 1) | kOddBits) - starts) ^ kOddBits;
    const uint32_t escaped = codes ^ (backslashes | next_escaped);
    if (const uint32_t closing = quotes & ~escaped) return pos + static_cast<size_t>(__builtin_ctz(closing)) + 1;
    next_escaped = (codes & backslashes) >> 31;
  }
  return std::string_view::npos;
}
#endif

size_t SkipString(std::string_view text, size_t i) {
#if RUNDOWN_HAVE_AVX2_PATHS
  if (simd::Avx2()) return SkipStringAvx2(text, i);
#endif
  return SkipStringSse2(text, i);
}

}  // namespace

// An fd annotation follows the fd number or AT_FDCWD: "3</x>", "AT_FDCWD</x>". "1<<CAP_X"
// (capset) is a shift, not an annotation.
bool OpensAnnotation(std::string_view text, size_t lt) {
  if (lt == 0 || lt + 1 >= text.size() || text[lt + 1] == '<' || text[lt + 1] == ' ') return false;
  char prev = text[lt - 1];
  return IsDigit(prev) || prev == 'D';
}

namespace {

#if defined(__SSE2__)
// Quotes and brackets: " ( ) [ ] { }. Pairs that differ in one bit share a compare: '(' ')'
// under & 0xFE, '[' '{' and ']' '}' under & 0xDF.
inline __m128i QuoteBracketBytes(__m128i v) {
  const __m128i fe = _mm_and_si128(v, _mm_set1_epi8(static_cast<char>(0xFE)));
  const __m128i df = _mm_and_si128(v, _mm_set1_epi8(static_cast<char>(0xDF)));
  __m128i m = _mm_cmpeq_epi8(v, _mm_set1_epi8('"'));
  m = _mm_or_si128(m, _mm_cmpeq_epi8(fe, _mm_set1_epi8('(')));
  m = _mm_or_si128(m, _mm_cmpeq_epi8(df, _mm_set1_epi8('[')));
  return _mm_or_si128(m, _mm_cmpeq_epi8(df, _mm_set1_epi8(']')));
}

// Bit k set when p[k] may be a byte FindBreak acts on: the quotes and brackets, / , <. With
// `all` false, not the commas and '<' (what MiddleCloses does not look at).
inline uint32_t SpecialBytes(const char* p, bool all) {
  const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
  __m128i m = _mm_or_si128(QuoteBracketBytes(v), _mm_cmpeq_epi8(v, _mm_set1_epi8('/')));
  if (all) {
    m = _mm_or_si128(m, _mm_cmpeq_epi8(v, _mm_set1_epi8(',')));
    m = _mm_or_si128(m, _mm_cmpeq_epi8(v, _mm_set1_epi8('<')));
  }
  return static_cast<uint32_t>(_mm_movemask_epi8(m));
}
#endif

// Bit k set when text[base + k] (k < 16) is not kPlain (with `all` false: not a comma or a
// '<' either), for a block that may be short. A short last block is read as the 16 bytes
// that end the text, shifted: classifying its bytes one by one cost a fifth of the scans.
inline uint32_t BlockMask(std::string_view text, size_t base, bool all = true) {
#if defined(__SSE2__)
  if (base + 16 <= text.size()) return SpecialBytes(text.data() + base, all);
  if (text.size() >= 16) return SpecialBytes(text.data() + text.size() - 16, all) >> (base + 16 - text.size());
#endif
  uint32_t mask = 0;
  const size_t end = std::min(text.size(), base + 16);
  for (size_t k = base; k < end; ++k) {
    const uint8_t c = kClasses.c[static_cast<uint8_t>(text[k])];
    if (c != kPlain && (all || (c != kComma && c != kLess))) mask |= 1u << (k - base);
  }
  return mask;
}

// Scans from `i` for the closing byte `close` at depth 0, calling on_comma(index) at each ','
// at depth 0: true stops the scan there. Returns where it stopped, text.size() when the text
// ends first (*status = kOpenList if inside a bracket), or npos for an unterminated string or
// comment. Closing brackets that close nothing are ordinary bytes. Argument text is mostly
// plain (names, numbers, flags), so it is classified 16 bytes at a time and only the special
// bytes are visited.
template <typename OnComma>
size_t ScanBreaks(std::string_view text, size_t i, char close, ScanStatus* status, OnComma on_comma) {
  *status = ScanStatus::kOk;
  int depth = 0;
  const size_t n = text.size();
  size_t base = i;
  while (base < n) {
    uint32_t mask = BlockMask(text, base) & (~0u << (i - base));
    size_t resume = base + 16;  // where the next block starts, unless a skip jumps further
    while (mask != 0) {
      const size_t at = base + static_cast<size_t>(__builtin_ctz(mask));
      mask &= mask - 1;
      const char c = text[at];
      size_t skip_to = 0;  // past a string, comment or annotation
      switch (kClasses.c[static_cast<uint8_t>(c)]) {
        case kQuote:
          skip_to = SkipString(text, at);
          if (skip_to == std::string_view::npos) {
            *status = ScanStatus::kOpenString;
            return std::string_view::npos;
          }
          break;
        case kOpen:
          ++depth;
          break;
        case kClose:
          if (depth == 0 && c == close) return at;
          if (depth > 0) --depth;
          break;
        case kComma:
          if (depth == 0 && on_comma(at)) return at;
          break;
        case kSlash:
          if (at + 1 < n && text[at + 1] == '*') {
            size_t end = text.find("*/", at + 2);
            if (end == std::string_view::npos) {
              *status = ScanStatus::kOpenComment;
              return std::string_view::npos;
            }
            skip_to = end + 2;
          }
          break;
        case kLess:
          if (OpensAnnotation(text, at)) {
            // An annotation that does not close ends the scan: trying again at each later
            // '<' would make "1<1<1<..." quadratic.
            size_t end = AnnotationEnd(text, at);
            if (end == std::string_view::npos) {
              *status = ScanStatus::kOpenAnnotation;
              return std::string_view::npos;
            }
            skip_to = end + 1;
          }
          break;
        default:
          break;
      }
      if (skip_to == 0) continue;
      if (skip_to >= base + 16) {
        resume = skip_to;
        break;
      }
      mask &= ~0u << (skip_to - base);
    }
    base = i = resume;
  }
  if (depth > 0) *status = ScanStatus::kOpenList;
  return n;
}

// The first ',' (when `stop_on_comma`) or `close` at depth 0 from `i`, as ScanBreaks says.
size_t FindBreak(std::string_view text, size_t i, char close, bool stop_on_comma, ScanStatus* status) {
  return ScanBreaks(text, i, close, status, [stop_on_comma](size_t) { return stop_on_comma; });
}

void PushArg(std::string_view piece, ArgList* args) {
  if (args->count < kMaxArgs) {
    args->arg[args->count++] = piece;
    return;
  }
  std::string_view& last = args->arg[kMaxArgs - 1];
  last = std::string_view(last.data(), static_cast<size_t>(piece.data() + piece.size() - last.data()));
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Appends `body` (the inside of a literal, or an annotation) with C escapes undone. Runs
// without a backslash are copied in bulk.
void Unescape(std::string_view body, std::string* out) {
  size_t i = 0;
  while (i < body.size()) {
    const void* bs = std::memchr(body.data() + i, '\\', body.size() - i);
    size_t stop = bs ? static_cast<size_t>(static_cast<const char*>(bs) - body.data()) : body.size();
    out->append(body.data() + i, stop - i);
    if (stop + 1 >= body.size()) {
      if (stop < body.size()) out->push_back('\\');
      return;
    }
    i = stop + 1;
    const char e = body[i++];
    switch (e) {
      case 'n': out->push_back('\n'); break;
      case 't': out->push_back('\t'); break;
      case 'r': out->push_back('\r'); break;
      case 'v': out->push_back('\v'); break;
      case 'f': out->push_back('\f'); break;
      case 'x': {
        int v = 0, digits = 0;
        while (digits < 2 && i < body.size() && HexValue(body[i]) >= 0) v = v * 16 + HexValue(body[i++]), ++digits;
        out->push_back(static_cast<char>(v));
        break;
      }
      default:
        if (e >= '0' && e <= '7') {
          int v = e - '0', digits = 1;
          while (digits < 3 && i < body.size() && body[i] >= '0' && body[i] <= '7') v = v * 8 + (body[i++] - '0'), ++digits;
          out->push_back(static_cast<char>(v));
        } else {
          out->push_back(e);  // \\ \" \' stand for themselves
        }
    }
  }
}

int32_t FamilyNumber(std::string_view fam) {
  if (fam == "AF_UNIX" || fam == "AF_LOCAL") return 1;
  if (fam == "AF_INET") return 2;
  if (fam == "AF_INET6") return 10;
  if (fam == "AF_NETLINK") return 16;
  int64_t n = 0;  // -X raw: "0x2"; a number strace has no name for
  return ParseNumber(fam, &n) && n > 0 && n < 256 ? static_cast<int32_t>(n) : 0;
}

// -X raw prints ports and addresses as their network-order bytes ("\x00\x09",
// "\x7f\x00\x00\x01"); -X verbose adds the decoded form as a comment, which
// SymbolicName() picks. These read the raw form.
bool RawPort(std::string_view quoted, int64_t* port) {
  std::string bytes;
  bool truncated = false;
  if (!quoted.starts_with('"') || !AppendString(quoted, &bytes, &truncated) || bytes.size() != 2) return false;
  *port = (static_cast<uint8_t>(bytes[0]) << 8) | static_cast<uint8_t>(bytes[1]);
  return true;
}

bool RawAddress(std::string_view quoted, int32_t family, std::string* out) {
  std::string bytes;
  bool truncated = false;
  if (!quoted.starts_with('"') || !AppendString(quoted, &bytes, &truncated)) return false;
  const size_t want = family == 2 ? 4 : 16;
  if (bytes.size() != want) return false;
  char text[INET6_ADDRSTRLEN];
  if (inet_ntop(family == 2 ? AF_INET : AF_INET6, bytes.data(), text, sizeof(text)) == nullptr) return false;
  out->append(text);
  return true;
}

void AppendPort(int32_t port, std::string* out) {
  if (port >= 0) StrAppend(out, ":", port);
}

// The annotation opened at arg[lt] ('<'). The scanner delimited `arg`, so when it ends in
// '>' that is the annotation's end; otherwise ("3</memfd:x>(deleted)") search for it.
bool ReadAnnotation(std::string_view arg, size_t lt, std::string_view* annotation) {
  if (arg.back() == '>') {
    *annotation = arg.substr(lt + 1, arg.size() - lt - 2);
    return true;
  }
  size_t end = AnnotationEnd(arg, lt);
  *annotation = end == std::string_view::npos ? arg.substr(lt + 1) : arg.substr(lt + 1, end - lt - 1);
  return true;
}

}  // namespace

// One scan for the whole list: a scan per argument reloaded the block each one ended in.
size_t ScanArgs(std::string_view text, ArgList* args, ScanStatus* status) {
  args->count = 0;
  size_t start = 0;
  const size_t close = ScanBreaks(text, 0, ')', status, [text, args, &start](size_t comma) {
    PushArg(Trim(text.substr(start, comma - start)), args);
    start = comma + 1;
    return false;
  });
  if (close == std::string_view::npos) return close;
  if (close >= text.size()) {
    *status = ScanStatus::kOpenList;
    return std::string_view::npos;
  }
  const std::string_view piece = Trim(text.substr(start, close - start));
  if (!piece.empty() || args->count > 0) PushArg(piece, args);
  return close;
}

namespace {

// Every '>' of text[from..] closes a '<' before it there. The tail of a result is short
// ("= 3</etc/passwd> <0.000021>"): it is read 16 bytes at a time, the last block ending at
// the end of the text, and only its angles are visited.
bool AnglesClose(std::string_view text, size_t from) {
  int open = 0;
  auto visit = [&open](uint32_t lt, uint32_t gt) {
    for (uint32_t both = lt | gt; both != 0; both &= both - 1) {
      const uint32_t bit = both & -both;
      if (lt & bit) ++open;
      else if (--open < 0) return false;
    }
    return true;
  };
  const size_t n = text.size();
#if defined(__SSE2__)
  if (n >= 16 && n - from <= 16) {
    // The usual tail, "= 8 <0.000012>", in one block; with a single '>' the answer is
    // whether a '<' comes before it.
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text.data() + n - 16));
    const unsigned shift = static_cast<unsigned>(from - (n - 16));
    const uint32_t lt = static_cast<uint32_t>(_mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8('<')))) >> shift;
    const uint32_t gt = static_cast<uint32_t>(_mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8('>')))) >> shift;
    if ((gt & (gt - 1)) == 0) return gt == 0 || (lt & (gt - 1)) != 0;
    return visit(lt, gt);
  }
  if (n >= 16) {
    for (size_t i = from; i < n;) {
      const size_t base = std::min(i, n - 16);
      const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text.data() + base));
      const uint32_t skip = ~0u << (i - base);  // bytes before i were visited already
      const uint32_t lt = static_cast<uint32_t>(_mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8('<')))) & skip;
      const uint32_t gt = static_cast<uint32_t>(_mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8('>')))) & skip;
      if (!visit(lt, gt)) return false;
      i = base + 16;
    }
    return true;
  }
#endif
  for (size_t i = from; i < n; ++i)
    if (!visit(text[i] == '<', text[i] == '>')) return false;
  return true;
}

// Index of the ')' before the result: the last ')' followed by spaces and "= " whose tail
// is a plausible result; npos when there is none. A split inside an annotation is not:
// strace escapes '<' and '>' in annotations, so such a tail has a '>' that no '<' of the
// tail opened. *gt_ends_tail as ScanFirstArg's.
size_t ClosingParenFromEnd(std::string_view text, bool* gt_ends_tail) {
  const char* t = text.data();
#if defined(__SSE2__)
  // The usual tail, ") = 8 <0.000012>", within the last 16 bytes: its '=' and its angles come
  // from one load (the loop below loads the block for each).
  if (text.size() >= 16) {
    const size_t base = text.size() - 16;
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(t + base));
    if (const uint32_t eqs = static_cast<uint32_t>(_mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8('='))))) {
      const unsigned at = 31u - static_cast<unsigned>(__builtin_clz(eqs));
      const size_t eq = base + at;
      if (eq >= 2 && eq + 1 < text.size() && t[eq + 1] == ' ' && t[eq - 1] == ' ' && t[eq - 2] == ')') {
        const uint32_t lt = static_cast<uint32_t>(_mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8('<')))) >> at;
        const uint32_t gts = static_cast<uint32_t>(_mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8('>'))));
        const uint32_t gt = gts >> at;
        if ((gt & (gt - 1)) == 0 && (gt == 0 || (lt & (gt - 1)) != 0)) {  // as AnglesClose
          *gt_ends_tail = (gts >> 15) != 0;  // the tail's one '>' is the text's last byte
          return eq - 2;
        }
      }
    }
  }
#endif
  for (size_t end = text.size();;) {
    const size_t eq = FindLastByte(text, end, '=');
    if (eq == std::string_view::npos || eq == 0) return std::string_view::npos;
    if (eq + 1 < text.size() && t[eq + 1] == ' ') {
      size_t k = eq;
      if (k >= 2 && t[k - 1] == ' ' && t[k - 2] != ' ') {
        --k;  // ") = ": one space, the usual padding
      } else {
        while (k > 0 && t[k - 1] == ' ') --k;
      }
      if (k < eq && k > 0 && t[k - 1] == ')' && AnglesClose(text, eq)) {
        *gt_ends_tail = FindByte(text, k, '>') + 1 == text.size();  // npos + 1 == 0
        return k - 1;
      }
    }
    end = eq;
  }
}

}  // namespace

// The end of a first argument that is an fd, "13" or "13<anon_inode:[eventpoll]>": the ','
// after it or the end of `list`; npos when the argument is anything else. Sets *fd as ParseFd
// would read the argument when the number has at most 8 digits (ParseFd's quick read; longer
// ones take its general path).
size_t FdArgEnd(std::string_view list, FirstFd* fd) {
  size_t i = 0;
  uint32_t value = 0;  // wraps past 9 digits, which are not taken
  while (i < list.size() && IsDigit(list[i])) value = value * 10 + static_cast<uint32_t>(list[i++] - '0');
  const size_t digits = i;
  if (digits == 0) return std::string_view::npos;
  std::string_view annotation;
  if (i < list.size() && list[i] == '<') {
    if (i + 1 < list.size() && (list[i + 1] == '<' || list[i + 1] == ' ')) return std::string_view::npos;
    const size_t end = AnnotationEnd(list, i);
    if (end == std::string_view::npos) return end;
    annotation = list.substr(i + 1, end - i - 1);
    i = end + 1;
  }
  if (i != list.size() && list[i] != ',') return std::string_view::npos;
  if (digits <= 8) *fd = {static_cast<int32_t>(value), annotation, true};
  return i;
}

namespace {

// The arguments between the first one and the list's ')': every string and comment closes,
// and the brackets balance without closing the list early, as the full scan would read them
// (a ")  = " inside a comment, "/* ) = */", is no end of the list). The scanner's BlockMask
// finds the quotes, brackets and slashes 16 bytes at a time (commas and '<' do not matter
// here, so they are not visited). An annotation or comment holding a lone bracket or quote
// fails the check and leaves the line to the full scan. `depth`: brackets opened before `from`.
bool MiddleClosesSse2(std::string_view list, size_t from, int depth = 0) {
  for (size_t base = from; base < list.size();) {
    uint32_t mask = BlockMask(list, base, /*all=*/false);
    size_t next = base + 16;
    while (mask != 0) {
      const size_t at = base + static_cast<size_t>(__builtin_ctz(mask));
      mask &= mask - 1;
      size_t end = 0;  // past a string or comment
      switch (kClasses.c[static_cast<uint8_t>(list[at])]) {
        case kOpen: ++depth; break;
        case kClose:
          if (--depth < 0) return false;
          break;
        case kQuote:
          end = SkipString(list, at);
          if (end == std::string_view::npos) return false;
          break;
        case kSlash:
          if (at + 1 < list.size() && list[at + 1] == '*') {
            end = list.find("*/", at + 2);
            if (end == std::string_view::npos) return false;
            end += 2;
          }
          break;
        default: break;  // not in the mask
      }
      if (end == 0) continue;
      if (end >= base + 16) {
        next = end;
        mask = 0;
      } else {
        mask &= ~0u << (end - base);
      }
    }
    base = next;
  }
  return depth == 0;
}

#if RUNDOWN_HAVE_AVX2_PATHS
// The bits of `x` XORed with every lower bit: set from a quote up to the one that closes it.
RUNDOWN_TARGET_AVX2 inline uint32_t PrefixXor(uint32_t x) {
  x ^= x << 1;
  x ^= x << 2;
  x ^= x << 4;
  x ^= x << 8;
  return x ^ (x << 16);
}

// Adds a block's brackets (bit masks of the opening and closing ones outside strings) to
// `depth`; false when a closing one takes it below zero. A block that cannot (the depth is at
// least its count of closing brackets) is counted without a walk.
RUNDOWN_TARGET_AVX2 inline bool AddBrackets(uint32_t open, uint32_t close, int* depth) {
  const int closes = __builtin_popcount(close);
  if (*depth >= closes) {
    *depth += __builtin_popcount(open) - closes;
    return true;
  }
  for (uint32_t both = open | close; both != 0; both &= both - 1) {
    if ((open & both & -both) != 0) {
      ++*depth;
    } else if (--*depth < 0) {
      return false;
    }
  }
  return true;
}

// The top bit of each byte of `m`, from byte `shift` on.
RUNDOWN_TARGET_AVX2 inline uint32_t ShiftedMask(__m256i m, unsigned shift) {
  return static_cast<uint32_t>(_mm256_movemask_epi8(m)) >> shift;
}

// The 32 bytes of `list` from `base` (a short last block: the 32 that end the text, to be
// read from bit `shift` on) and where its opening and closing brackets are.
// REQUIRES: list.size() >= 32.
struct Avx2Block {
  __m256i v, open, close;
  unsigned shift;
};
RUNDOWN_TARGET_AVX2 inline Avx2Block LoadBlock(std::string_view list, size_t base) {
  const size_t at = std::min(base, list.size() - 32);
  Avx2Block b;
  b.shift = static_cast<unsigned>(base - at);
  b.v = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(list.data() + at));
  const __m256i df = _mm256_and_si256(b.v, _mm256_set1_epi8(static_cast<char>(0xDF)));  // '[' '{', ']' '}'
  b.open = _mm256_or_si256(_mm256_cmpeq_epi8(b.v, _mm256_set1_epi8('(')), _mm256_cmpeq_epi8(df, _mm256_set1_epi8('[')));
  b.close = _mm256_or_si256(_mm256_cmpeq_epi8(b.v, _mm256_set1_epi8(')')), _mm256_cmpeq_epi8(df, _mm256_set1_epi8(']')));
  return b;
}

// MiddleClosesAvx2 from the first block with a quote or slash on (`depth`: brackets opened
// before `from`), strings included: a write's or read's buffer ("\177ELF", JSON with \"
// escapes) sent every such middle to the SSE2 walk, 14.4 k of them on the 16 MiB trace. The
// block's escaped bytes come from its backslash mask as in SkipStringAvx2, its string bytes
// from a prefix XOR of the unescaped quotes, and the brackets outside them are counted as
// MiddleClosesAvx2 counts them. What a mask cannot read, a backslash outside a string or a
// "/*" comment, is left to the SSE2 walk from the last block that started outside a string.
// REQUIRES: list.size() >= 32.
RUNDOWN_TARGET_AVX2 ABSL_ATTRIBUTE_NOINLINE bool MiddleClosesStringsAvx2(std::string_view list, size_t from, int depth) {
  const size_t n = list.size();
  constexpr uint32_t kOddBits = 0xAAAAAAAAu;
  uint32_t in_string = 0;     // all ones when the block starts inside a string
  uint32_t next_escaped = 0;  // 1: the block's first byte follows an odd run of backslashes
  size_t resume = from;       // a block start outside strings, and the depth there
  int resume_depth = depth;
  for (size_t base = from; base < n; base += 32) {
    if (in_string == 0) {
      resume = base;
      resume_depth = depth;
    }
    const Avx2Block b = LoadBlock(list, base);
    const __m256i v = b.v;
    const unsigned shift = b.shift;
    const uint32_t quotes = ShiftedMask(_mm256_cmpeq_epi8(v, _mm256_set1_epi8('"')), shift);
    const uint32_t slashes = ShiftedMask(_mm256_cmpeq_epi8(v, _mm256_set1_epi8('/')), shift);
    const uint32_t backslashes = ShiftedMask(_mm256_cmpeq_epi8(v, _mm256_set1_epi8('\\')), shift);
    const uint32_t stars = ShiftedMask(_mm256_cmpeq_epi8(v, _mm256_set1_epi8('*')), shift);
    // Runs of backslashes, each starting on an even or odd bit: subtracting a run's start
    // from the odd bits carries through the run and marks the byte after it when it is odd.
    const uint32_t starts = backslashes & ~next_escaped;
    const uint32_t codes = (((starts << 1) | kOddBits) - starts) ^ kOddBits;
    const uint32_t escaped = codes ^ (backslashes | next_escaped);
    next_escaped = (codes & backslashes) >> 31;
    const uint32_t inside = PrefixXor(quotes & ~escaped) ^ in_string;  // opening quote to closing one
    // A '/' at the block's end may open a comment in the next one.
    const uint32_t unread = backslashes | (slashes & ((stars >> 1) | 0x80000000u));
    if ((unread & ~inside) != 0) return MiddleClosesSse2(list, resume, resume_depth);
    in_string = static_cast<uint32_t>(-static_cast<int32_t>(inside >> 31));
    const uint32_t open = ShiftedMask(b.open, shift) & ~inside;
    const uint32_t close = ShiftedMask(b.close, shift) & ~inside;
    if (!AddBrackets(open, close, &depth)) return false;
  }
  return in_string == 0 && depth == 0;
}

// MiddleCloses 32 bytes at a time. A block without quotes or slashes is not visited byte by
// byte when the depth cannot go below zero inside it (it is at least the block's count of
// closing brackets): its brackets only add to the depth (the middles of epoll_pwait,
// epoll_ctl, statx: structs and arrays without strings). From the first block with a quote or
// slash on, MiddleClosesStringsAvx2 reads the rest: this loop then calls nothing, so GCC
// keeps its constants in registers instead of spilling them around a call on a realigned
// stack, and its strings' state does not weigh on the middles without any.
RUNDOWN_TARGET_AVX2 bool MiddleClosesAvx2(std::string_view list, size_t from) {
  const size_t n = list.size();
  if (n < 32) return MiddleClosesSse2(list, from);
  int depth = 0;
  for (size_t base = from; base < n; base += 32) {
    const Avx2Block b = LoadBlock(list, base);
    const __m256i v = b.v;
    const unsigned shift = b.shift;
    const __m256i skips_v = _mm256_or_si256(_mm256_cmpeq_epi8(v, _mm256_set1_epi8('"')),
                                            _mm256_cmpeq_epi8(v, _mm256_set1_epi8('/')));
    const uint32_t open = ShiftedMask(b.open, shift);
    const uint32_t close = ShiftedMask(b.close, shift);
    const uint32_t skips = ShiftedMask(skips_v, shift);
    if (skips != 0) return MiddleClosesStringsAvx2(list, base, depth);
    if (!AddBrackets(open, close, &depth)) return false;
  }
  return depth == 0;
}
#endif

bool MiddleCloses(std::string_view list, size_t from) {
#if RUNDOWN_HAVE_AVX2_PATHS
  if (simd::Avx2()) return MiddleClosesAvx2(list, from);
#endif
  return MiddleClosesSse2(list, from);
}

inline uint64_t Word(const char* p) {
  uint64_t w;
  __builtin_memcpy(&w, p, 8);
  return w;
}

}  // namespace

namespace {

// Direct-mapped slot of a text of 8 to 15 bytes, from its bytes; of a longer one, from its
// first and last 16 bytes with digits as '0' (DigitsAsZero), given as `head` and `tail`.
size_t ShortSlot(std::string_view middle) {
  const uint64_t mix = (Word(middle.data()) ^ (Word(middle.data() + middle.size() - 8) * 31) ^ middle.size()) *
                       0x9E3779B97F4A7C15ull;
  return static_cast<size_t>(mix >> 56);  // 256 slots
}
size_t LongSlot(uint64_t head, uint64_t tail, size_t size) {
  return static_cast<size_t>(((head ^ (tail * 31) ^ size) * 0x9E3779B97F4A7C15ull) >> 56);
}

#if defined(__SSE2__)
// The 16 bytes at `p` with each digit made '0': a digit's low nibble cleared.
inline __m128i DigitsAsZero(const char* p) {
  const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
  const __m128i digit = _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8('0' - 1)), _mm_cmplt_epi8(v, _mm_set1_epi8('9' + 1)));
  return _mm_andnot_si128(_mm_and_si128(digit, _mm_set1_epi8(0x0F)), v);
}
inline uint64_t LowWord(__m128i v) { return static_cast<uint64_t>(_mm_cvtsi128_si64(v)); }
#else
struct Block16 {
  char b[16];
};
inline Block16 DigitsAsZero(const char* p) {
  Block16 out;
  for (int k = 0; k < 16; ++k) out.b[k] = IsDigit(p[k]) ? '0' : p[k];
  return out;
}
inline uint64_t LowWord(const Block16& v) { return Word(v.b); }
#endif

#if RUNDOWN_HAVE_AVX2_PATHS
RUNDOWN_TARGET_AVX2 inline __m256i DigitsAsZeroAvx2(const char* p) {
  const __m256i v = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p));
  const __m256i digit = _mm256_and_si256(_mm256_cmpgt_epi8(v, _mm256_set1_epi8('0' - 1)),
                                         _mm256_cmpgt_epi8(_mm256_set1_epi8('9' + 1), v));
  return _mm256_andnot_si256(_mm256_and_si256(digit, _mm256_set1_epi8(0x0F)), v);
}

RUNDOWN_TARGET_AVX2 inline bool SameBlockAvx2(const char* kept, __m256i v) {
  const __m256i k = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(kept));
  return _mm256_movemask_epi8(_mm256_cmpeq_epi8(v, k)) == -1;
}

// MiddleMemo::ContainsInline for a text of 32 bytes or more, 32 bytes at a time (the slot as
// LongSlot places it: the 16-byte blocks' words are lanes 0 and 2 of the 32-byte ones): half
// the blocks, ~25 instructions fewer on an epoll_pwait's or a write's middle.
RUNDOWN_TARGET_AVX2 ABSL_ATTRIBUTE_NOINLINE bool LongContainsAvx2(const MiddleMemo::Slot* slots, const char* p,
                                                                 size_t n) {
  const __m256i head = DigitsAsZeroAvx2(p), tail = DigitsAsZeroAvx2(p + n - 32);
  const MiddleMemo::Slot& slot = slots[LongSlot(static_cast<uint64_t>(_mm256_extract_epi64(head, 0)),
                                                static_cast<uint64_t>(_mm256_extract_epi64(tail, 2)), n)];
  if (slot.size != n) return false;
  if (!SameBlockAvx2(slot.bytes, head) || !SameBlockAvx2(slot.bytes + n - 32, tail)) return false;
  for (size_t at = 32; at + 32 < n; at += 32)
    if (!SameBlockAvx2(slot.bytes + at, DigitsAsZeroAvx2(p + at))) return false;
  return true;
}
#endif

}  // namespace

// A long text is read 16 bytes at a time, the last block ending at its end (overlapping the
// one before): the blocks with digits made '0' compared to the slot's, which holds the text so
// made. Against the check it replaces (MiddleCloses, ~100 instructions on epoll_pwait's and
// futex's middles) ~10 a block.
ABSL_ATTRIBUTE_ALWAYS_INLINE inline bool MiddleMemo::ContainsInline(std::string_view middle) const {
  const size_t n = middle.size();
  if (n < 8 || n > kMaxBytes) return false;
  const char* p = middle.data();
  if (n < 16) {
    const Slot& slot = slots_[ShortSlot(middle)];
    return slot.size == n && Word(slot.bytes) == Word(p) && Word(slot.bytes + n - 8) == Word(p + n - 8);
  }
#if RUNDOWN_HAVE_AVX2_PATHS
  if (n >= 32 && simd::Avx2()) return LongContainsAvx2(slots_, p, n);
#endif
  const auto head = DigitsAsZero(p), tail = DigitsAsZero(p + n - 16);
  const Slot& slot = slots_[LongSlot(LowWord(head), LowWord(tail), n)];
  if (slot.size != n) return false;
#if defined(__SSE2__)
  auto same = [&slot](size_t at, __m128i v) {
    const __m128i s = _mm_loadu_si128(reinterpret_cast<const __m128i*>(slot.bytes + at));
    return _mm_movemask_epi8(_mm_cmpeq_epi8(v, s)) == 0xFFFF;
  };
#else
  auto same = [&slot](size_t at, const Block16& v) { return std::memcmp(slot.bytes + at, v.b, 16) == 0; };
#endif
  if (!same(0, head) || !same(n - 16, tail)) return false;
  for (size_t at = 16; at + 16 < n; at += 16)
    if (!same(at, DigitsAsZero(p + at))) return false;
  return true;
}

bool MiddleMemo::Contains(std::string_view middle) const { return ContainsInline(middle); }

void MiddleMemo::Add(std::string_view middle) {
  const size_t n = middle.size();
  if (n < 8 || n > kMaxBytes) return;
  const char* p = middle.data();
  if (n < 16) {
    Slot& slot = slots_[ShortSlot(middle)];
    slot.size = static_cast<uint32_t>(n);
    __builtin_memcpy(slot.bytes, p, n);
    return;
  }
  const auto head = DigitsAsZero(p), tail = DigitsAsZero(p + n - 16);
  Slot& slot = slots_[LongSlot(LowWord(head), LowWord(tail), n)];
  slot.size = static_cast<uint32_t>(n);
  for (size_t at = 0; at < n; at += 16) {
    const size_t from = std::min(at, n - 16);
    const auto v = DigitsAsZero(p + from);
    __builtin_memcpy(slot.bytes + from, &v, 16);
  }
}

size_t FirstArgMemo::SlotOf(std::string_view arg) {
  return static_cast<size_t>((Word(arg.data()) * 0x9E3779B97F4A7C15ull) >> 57);  // 128 slots
}

ABSL_ATTRIBUTE_ALWAYS_INLINE inline size_t FirstArgMemo::Find(std::string_view list, FirstFd* fd) const {
  if (list.size() < 8) return std::string_view::npos;
  const Slot& slot = slots_[SlotOf(list)];
  const size_t n = slot.size;
  if (n == 0 || n > list.size() || (n < list.size() && list[n] != ',') ||
      !SameBytes(std::string_view(slot.bytes, n), list.substr(0, n)))
    return std::string_view::npos;
  if (slot.annotation_start > kNoAngle)
    *fd = {slot.fd, list.substr(slot.annotation_start, n - slot.annotation_start - 1), true, slot.id};
  else
    fd->no_angle = slot.annotation_start == kNoAngle;
  return n;
}

void FirstArgMemo::Put(std::string_view arg, uint8_t annotation_start, int32_t fd, uint32_t id) {
  if (arg.size() < 8 || arg.size() > kMaxBytes) return;
  Slot& slot = slots_[SlotOf(arg)];
  __builtin_memcpy(slot.bytes, arg.data(), arg.size());
  slot.size = static_cast<uint8_t>(arg.size());
  slot.annotation_start = annotation_start;
  slot.fd = fd;
  slot.id = id;
}

void FirstArgMemo::Add(std::string_view arg, const FirstFd& fd, uint32_t id) {
  if (!fd.annotation.empty()) Put(arg, static_cast<uint8_t>(fd.annotation.data() - arg.data()), fd.fd, id);
}

void FirstArgMemo::AddOther(std::string_view arg) {
  // A '<' at the end of the list opens no annotation, and one before a ',' may: "12345678<"
  // ends there, "12345678<, 1>" is fd 12345678. No other byte reads differently.
  if (!arg.empty() && arg.back() != '<') Put(arg, arg.find('<') == std::string_view::npos ? kNoAngle : 0, 0, 0);
}

namespace {

// MiddleCloses(list, from), through `memo` (may be null).
ABSL_ATTRIBUTE_ALWAYS_INLINE inline bool MiddleChecked(std::string_view list, size_t from, MiddleMemo* memo) {
  const std::string_view middle = list.substr(from);
  if (memo != nullptr && memo->ContainsInline(middle)) return true;
  if (!MiddleCloses(list, from)) return false;
  if (memo != nullptr) memo->Add(middle);
  return true;
}

}  // namespace

size_t ScanFirstArg(std::string_view text, ArgList* args, FirstFd* fd, MiddleMemo* memo, FirstArgMemo* first_args,
                    bool* gt_ends_tail) {
  args->count = 0;
  fd->valid = false;
  fd->no_angle = false;
  const size_t close = ClosingParenFromEnd(text, gt_ends_tail);
  if (close == std::string_view::npos) return close;
  const std::string_view list = text.substr(0, close);
  size_t comma = first_args != nullptr ? first_args->Find(list, fd) : std::string_view::npos;
  if (comma == std::string_view::npos) comma = FdArgEnd(list, fd);
  if (comma == std::string_view::npos) {
    ScanStatus status;
    comma = FindBreak(list, 0, ')', true, &status);
    if (comma == std::string_view::npos || status != ScanStatus::kOk) return std::string_view::npos;
    if (first_args != nullptr && (comma == list.size() || list[comma] == ',')) first_args->AddOther(list.substr(0, comma));
  }
  if (!MiddleChecked(list, comma, memo)) {
    fd->valid = false;
    return std::string_view::npos;
  }
  // An fd FdArgEnd read starts at the list's first byte and ends at the comma: nothing to trim.
  const std::string_view first = fd->valid ? list.substr(0, comma) : Trim(list.substr(0, comma));
  if (!first.empty() || comma < list.size()) {
    args->arg[0] = first;
    args->count = 1;
  }
  return close;
}

bool NextItem(std::string_view* list, std::string_view* item) {
  std::string_view rest = Trim(*list);
  if (rest.empty()) return false;
  ScanStatus status;
  size_t j = FindBreak(rest, 0, '\0', true, &status);
  if (j == std::string_view::npos || j >= rest.size()) {
    *item = rest;
    *list = {};
  } else {
    *item = Trim(rest.substr(0, j));
    *list = rest.substr(j + 1);
  }
  return true;
}

std::string_view ListBody(std::string_view v) {
  if (v.empty() || (v.front() != '[' && v.front() != '{')) return {};
  ScanStatus status;
  size_t end = FindBreak(v, 1, v.front() == '[' ? ']' : '}', false, &status);
  if (end == std::string_view::npos) end = v.size();
  return v.substr(1, end - 1);
}

size_t AnnotationEnd(std::string_view text, size_t lt) {
  // Nearly every annotation ends at the first angle after its '<': a path (strace escapes
  // '<' and '>' in it) unless -yy added a device suffix, "/dev/null<char 1:3>"; "pipe:[35982]",
  // "anon_inode:[eventpoll]", unless that '>' is the "->" of an address pair,
  // "TCP:[127.0.0.1:3000->127.0.0.1:41234]". The loop below reads the other shapes.
  const size_t angle = FindEitherByte(text, lt + 1, '<', '>');
  if (angle == std::string_view::npos) return angle;
  if (text[angle] == '>' && (text[lt + 1] == '/' || text[angle - 1] != '-')) return angle;
  int brackets = 0, nested = 0;
  for (size_t i = lt + 1; i < text.size(); ++i) {
    switch (text[i]) {
      case '[': ++brackets; break;
      case ']': if (brackets > 0) --brackets; break;
      case '<': ++nested; break;  // -yy device suffix: "/dev/null<char 1:3>"
      case '>':
        if (brackets > 0 && text[i - 1] == '-') break;  // "127.0.0.1:3000->127.0.0.1:41234"
        if (nested == 0) return i;
        --nested;
        break;
      default: break;
    }
  }
  return std::string_view::npos;
}

bool ParseFd(std::string_view arg, int32_t* fd, std::string_view* annotation) {
  *annotation = {};
  if (arg.empty()) return false;
  if (IsDigit(arg[0])) {  // the common case: "3", "3</etc/passwd>"
    int32_t v = 0;
    size_t i = 0;
    for (; i < arg.size() && IsDigit(arg[i]) && v < 100000000; ++i) v = v * 10 + (arg[i] - '0');
    if (i == arg.size() || arg[i] == '<') {
      *fd = v;
      return i == arg.size() || ReadAnnotation(arg, i, annotation);
    }
  }
  // The dirfd of nearly every openat and statx, "AT_FDCWD</home/u/app>", as the general reading
  // below takes it (no " /*" before the '<'), without its searches: ~100 instructions a call.
  if (arg.starts_with("AT_FDCWD") && (arg.size() == 8 || arg[8] == '<')) {
    *fd = -100;
    return arg.size() == 8 || ReadAnnotation(arg, 8, annotation);
  }
  // -X verbose prints the number and its name, "-100 /* AT_FDCWD */", and -y then puts the
  // annotation after the comment: "-100 /* AT_FDCWD */</home/u/app>". (A " /*" inside an
  // annotation is a path's, not a comment.)
  std::string_view after_comment;
  if (size_t c = arg.substr(0, arg.find('<')).find(" /*"); c != std::string_view::npos) {
    const size_t end = arg.find("*/", c + 3);
    if (end == std::string_view::npos) return false;
    after_comment = arg.substr(end + 2);
    if (!after_comment.empty() && after_comment.front() != '<') return false;
    arg = arg.substr(0, c);
    if (arg.empty()) return false;
  }
  size_t lt = arg.find('<');
  std::string_view num = arg.substr(0, lt);
  if (num == "AT_FDCWD") {
    *fd = -100;
  } else if (num.starts_with("0x")) {  // -e raw=...: "0xffffff9c"
    uint32_t v = 0;
    auto [p, ec] = std::from_chars(num.data() + 2, num.data() + num.size(), v, 16);
    if (ec != std::errc() || p != num.data() + num.size()) return false;
    *fd = static_cast<int32_t>(v);
  } else if (!ParseInt(num, fd)) {
    return false;
  }
  if (lt != std::string_view::npos) return ReadAnnotation(arg, lt, annotation);
  return after_comment.empty() || ReadAnnotation(after_comment, 0, annotation);
}

std::string_view NormalizeAnnotation(std::string_view ann, std::string* scratch) {
  if (ann.starts_with('/')) {
    if (size_t lt = ann.find('<'); lt != std::string_view::npos) ann = ann.substr(0, lt);
  }
  if (ann.find('\\') == std::string_view::npos) return ann;
  scratch->clear();
  Unescape(ann, scratch);
  return *scratch;
}

bool AppendString(std::string_view arg, std::string* out, bool* truncated) {
  *truncated = false;
  if (arg.empty() || arg.front() != '"') return false;
  size_t end = SkipString(arg, 0);
  if (end == std::string_view::npos) {
    *truncated = true;  // the literal never closed: the line was cut
    Unescape(arg.substr(1), out);
    return true;
  }
  std::string_view body = arg.substr(1, end - 2);
  if (std::memchr(body.data(), '\\', body.size()) == nullptr) {
    out->append(body);
  } else {
    Unescape(body, out);
  }
  *truncated = arg.substr(end).starts_with("...");
  return true;
}

std::string_view PidInStraceNamespace(std::string_view comment) {
  constexpr std::string_view kSuffix = " in strace's PID NS */";
  if (!comment.starts_with("/* ")) return {};
  size_t end = comment.find(kSuffix);
  if (end == std::string_view::npos) return {};
  std::string_view pid = comment.substr(3, end - 3);
  return !pid.empty() && pid.size() <= 10 && pid.find_first_not_of("0123456789") == std::string_view::npos
             ? pid
             : std::string_view();
}

std::string_view SymbolicName(std::string_view v) {
  size_t c = v.find("/* ");
  if (c == std::string_view::npos) return v;
  std::string_view name = v.substr(c + 3);
  return Trim(name.substr(0, name.find("*/")));
}

std::string_view StructField(std::string_view strct, std::string_view key) {
  std::string_view body = ListBody(strct);
  std::string_view item;
  while (NextItem(&body, &item)) {
    if (item.size() > key.size() && item.starts_with(key) && item[key.size()] == '=') return item.substr(key.size() + 1);
  }
  return {};
}

bool ParseNumber(std::string_view s, int64_t* out) {
  if (size_t c = s.find("/*"); c != std::string_view::npos) {
    // --decode-pids=pidns: "3 /* 10775 in strace's PID NS */" is pid 3 in the tracee's pid
    // namespace and 10775 in strace's, the number the trace's pid column uses.
    std::string_view ns_pid = PidInStraceNamespace(s.substr(c));
    s = ns_pid.empty() ? s.substr(0, c) : ns_pid;
  }
  s = Trim(s);
  // -Y prints a pid with its command: "17757<sh>".
  if (size_t lt = s.find('<'); lt != std::string_view::npos && lt > 0 && s.back() == '>' && IsDigit(s[lt - 1]))
    s = s.substr(0, lt);
  if ((s.starts_with("htons(") || s.starts_with("htonl(")) && s.ends_with(")")) s = s.substr(6, s.size() - 7);
  bool neg = false;
  if (!s.empty() && s.front() == '-') {
    neg = true;
    s.remove_prefix(1);
  }
  if (s.empty()) return false;
  uint64_t v = 0;
  int base = 10;
  if (s.size() > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
    s.remove_prefix(2);
    base = 16;
  } else if (s.size() > 1 && s[0] == '0') {
    s.remove_prefix(1);
    base = 8;  // modes: 0644
  }
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v, base);
  if (ec != std::errc() || p != s.data() + s.size()) return false;
  *out = neg ? -static_cast<int64_t>(v) : static_cast<int64_t>(v);
  return true;
}

bool ParseSockaddr(std::string_view arg, std::string* out, int32_t* family, int32_t* port) {
  out->clear();
  *family = 0;
  *port = -1;
  // NULL (accept4's), an address: ListBody has no items for them.
  if (arg.empty() || (arg.front() != '{' && arg.front() != '[')) return false;
  std::string_view body = ListBody(arg);
  std::string_view fam, item;
  std::string_view port_text, addr_text, path_text, nl_pid;
  while (NextItem(&body, &item)) {
    if (item.starts_with("sa_family=")) fam = SymbolicName(item.substr(10));
    else if (item.starts_with("sin_port=")) port_text = SymbolicName(item.substr(9));
    else if (item.starts_with("sin6_port=")) port_text = SymbolicName(item.substr(10));
    else if (item.starts_with("sin_addr=")) addr_text = SymbolicName(item.substr(9));    // inet_addr("1.2.3.4")
    else if (item.starts_with("sin6_addr=")) addr_text = SymbolicName(item.substr(10));  // -X raw / verbose
    else if (item.starts_with("inet_pton(")) addr_text = item;              // inet_pton(AF_INET6, "::1", &sin6_addr)
    else if (item.starts_with("sun_path=")) path_text = item.substr(9);      // "/run/x" or @"abstract"
    else if (item.starts_with("nl_pid=")) nl_pid = item.substr(7);
  }
  if (fam.empty()) return false;
  *family = FamilyNumber(fam);
  int64_t p = -1;
  if ((ParseNumber(port_text, &p) || RawPort(port_text, &p)) && p >= 0 && p <= 65535) *port = static_cast<int32_t>(p);
  bool truncated = false;
  // inet_addr("1.2.3.4") / inet_pton(AF_INET6, "::1"...) carry the text; -X raw the bytes.
  auto append_address = [&] {
    if (addr_text.starts_with('"')) {
      (void)RawAddress(addr_text, *family, out);
    } else if (size_t q = addr_text.find('"'); q != std::string_view::npos) {
      AppendString(addr_text.substr(q), out, &truncated);
    }
  };
  switch (*family) {
    case 2:
      append_address();
      AppendPort(*port, out);
      return true;
    case 10:
      out->push_back('[');
      append_address();
      out->push_back(']');
      AppendPort(*port, out);
      return true;
    case 1:
      if (path_text.starts_with('@')) {
        out->push_back('@');
        path_text.remove_prefix(1);
      }
      AppendString(path_text, out, &truncated);
      if (out->empty()) out->assign("unix:unnamed");
      return true;
    case 16:
      StrAppend(out, "netlink:", nl_pid);
      return true;
    default:
      StrAppend(out, "family:", fam);
      return true;
  }
}

}  // namespace rundown::strace
