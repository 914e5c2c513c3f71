#include "parsers/program_log_parser.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstring>
#include <deque>
#include <string>
#include <vector>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "absl/container/flat_hash_map.h"
#include "absl/strings/ascii.h"
#include "parsers/crlf_check.h"
#include "parsers/glued_write.h"
#include "parsers/source_sniffer.h"
#include "parsers/text_util.h"
#include "parsers/time_format.h"
#include "re2/re2.h"
#include "simdjson.h"

namespace rundown {
namespace {

constexpr size_t kMaxLogLine = 64 * 1024;

// ---- levels ----

// Normalized level names; "" when the line names none.
std::string_view NormalizeLevel(std::string_view word) {
  constexpr size_t kLongest = 9;  // "EMERGENCY"
  if (word.size() > kLongest) return {};
  char buf[kLongest];
  for (size_t i = 0; i < word.size(); ++i)
    buf[i] = (word[i] >= 'a' && word[i] <= 'z') ? static_cast<char>(word[i] - 32) : word[i];
  const std::string_view up(buf, word.size());
  static constexpr std::pair<std::string_view, std::string_view> kLevels[] = {
      {"TRACE", "TRACE"}, {"FINEST", "TRACE"}, {"FINER", "TRACE"}, {"SILLY", "TRACE"},
      {"DEBUG", "DEBUG"}, {"DBG", "DEBUG"}, {"FINE", "DEBUG"}, {"VERBOSE", "DEBUG"},
      {"INFO", "INFO"}, {"INF", "INFO"}, {"NOTICE", "INFO"}, {"HTTP", "INFO"},
      {"WARN", "WARN"}, {"WARNING", "WARN"}, {"WRN", "WARN"},
      {"ERROR", "ERROR"}, {"ERR", "ERROR"}, {"SEVERE", "ERROR"},
      {"FATAL", "FATAL"}, {"CRITICAL", "FATAL"}, {"CRIT", "FATAL"}, {"EMERG", "FATAL"},
      {"ALERT", "FATAL"}, {"EMERGENCY", "FATAL"}, {"PANIC", "FATAL"},
  };
  for (const auto& [w, level] : kLevels)
    if (SameBytes(w, up)) return level;
  return {};
}

std::string_view LevelFromNumber(double v) {
  if (v <= 10) return "TRACE";
  if (v <= 20) return "DEBUG";
  if (v <= 30) return "INFO";
  if (v <= 40) return "WARN";
  if (v <= 50) return "ERROR";
  return "FATAL";
}

uint32_t LevelFlags(std::string_view level) {
  if (level == "WARN") return kLogWarning;
  if (level == "ERROR") return kLogError;
  if (level == "FATAL") return kLogError | kLogFatal;
  return 0;
}

// ---- gates ----
//
// An RE2 call costs 100-300 ns before it has read a byte, and nearly every pattern below fits
// only a rare kind of line; run on every line they were 90 % of the parse (perf, p1's log).
// So each pattern is paired with a gate: a test of a prefix, a suffix or a literal that every
// match of the pattern holds, written next to the pattern it guards. A gate may pass a line
// the pattern then rejects; it never stops one the pattern would match, so what is matched
// is decided by the patterns alone.

// A literal every match holds.
bool Has(std::string_view s, std::string_view needle) { return s.find(needle) != std::string_view::npos; }

// Prefix and suffix tests against literals, inlined to a few word compares (GCC 12 leaves
// string_view::starts_with(const char*) out of line here: a strlen and a memcmp call each).
template <size_t N>
[[gnu::always_inline]] inline bool StartsWith(std::string_view s, const char (&lit)[N]) {
  return s.size() >= N - 1 && __builtin_memcmp(s.data(), lit, N - 1) == 0;
}
template <size_t N>
[[gnu::always_inline]] inline bool EndsWith(std::string_view s, const char (&lit)[N]) {
  return s.size() >= N - 1 && __builtin_memcmp(s.data() + s.size() - (N - 1), lit, N - 1) == 0;
}
template <size_t... N>
[[gnu::always_inline]] inline bool StartsWithAny(std::string_view s, const char (&... lits)[N]) {
  return (StartsWith(s, lits) || ...);
}
template <size_t... N>
[[gnu::always_inline]] inline bool EndsWithAny(std::string_view s, const char (&... lits)[N]) {
  return (EndsWith(s, lits) || ...);
}

// RE2's \s: [\t\n\f\r ] (no \v).
bool IsReSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r'; }

// Whether the first ' ' comes right after `word_end` and starts `rest`: the shape of
// "FILE:LINE: warning: ...", patterns that begin with \S+ and then a literal with a space.
// (A tab before that space fails such a pattern; the gate lets it through.)
template <size_t N, size_t M>
bool FirstSpaceBetween(std::string_view s, const char (&word_end)[N], const char (&rest)[M]) {
  const size_t i = s.find(' ');
  return i != std::string_view::npos && EndsWith(s.substr(0, i), word_end) && StartsWith(s.substr(i), rest);
}

// Whether a text holds one of up to 32 literals of 2 bytes or more, in one pass: positions
// are filtered by the literals' first two bytes, 16 at a time with SSE2 (byte by byte in
// texts shorter than 17 bytes), and only those are compared in full. Two bytes, not one:
// the listening words start with letters as common as 'l', 'h' and 's', which passed a third
// of all positions to the full compare. Folding: the literals are lowercase ASCII and the
// text's ASCII letters are compared lowercased.
template <size_t N>
class LiteralSet {
 public:
  constexpr LiteralSet(std::array<std::string_view, N> literals, bool fold_case)
      : literals_(literals), fold_(fold_case) {
    static_assert(N <= 32);
    for (size_t i = 0; i < N; ++i) {
      const std::string_view lit = literals_[i];
      AddByte(&first_, lit[0], i);
      AddByte(&second_, lit[1], i);
      AddPair(lit[0], lit[1]);
    }
  }

  bool FoundIn(std::string_view s) const {
    if (s.size() < 2) return false;
    size_t i = 0;
#if defined(__SSE2__)
    if (s.size() >= 17) {
      // Blocks of 16 start positions, each also reading the byte after; the last block
      // overlaps the one before it rather than reading past the text.
      const __m128i fold = _mm_set1_epi8(fold_ ? 0x20 : 0);
      for (;; i += 16) {
        if (i + 17 > s.size()) i = s.size() - 17;
        const __m128i v0 = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s.data() + i));
        const __m128i v1 = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s.data() + i + 1));
        const __m128i folded[2][2] = {{v0, _mm_or_si128(v0, fold)}, {v1, _mm_or_si128(v1, fold)}};
        __m128i hit = _mm_setzero_si128();
        for (size_t k = 0; k < n_pairs_; ++k) {
          const Pair& p = pairs_[k];
          const __m128i a = _mm_cmpeq_epi8(folded[0][p.fold0], _mm_set1_epi8(p.c0));
          const __m128i b = _mm_cmpeq_epi8(folded[1][p.fold1], _mm_set1_epi8(p.c1));
          hit = _mm_or_si128(hit, _mm_and_si128(a, b));
        }
        for (uint32_t m = static_cast<uint32_t>(_mm_movemask_epi8(hit)); m != 0; m &= m - 1)
          if (AnyAt(s, i + static_cast<size_t>(__builtin_ctz(m)))) return true;
        if (i + 17 == s.size()) return false;
      }
    }
#endif
    for (; i + 1 < s.size(); ++i)
      if (AnyAt(s, i)) return true;
    return false;
  }

 private:
  struct Pair {
    char c0 = 0, c1 = 0;
    bool fold0 = false, fold1 = false;  // compare with the text's bytes lowercased
  };

  constexpr bool Folds(char c) const { return fold_ && c >= 'a' && c <= 'z'; }

  constexpr void AddByte(std::array<uint32_t, 256>* table, char c, size_t literal) {
    (*table)[static_cast<uint8_t>(c)] |= uint32_t{1} << literal;
    if (Folds(c)) (*table)[static_cast<uint8_t>(c - 32)] |= uint32_t{1} << literal;
  }

  constexpr void AddPair(char c0, char c1) {
    for (size_t k = 0; k < n_pairs_; ++k)
      if (pairs_[k].c0 == c0 && pairs_[k].c1 == c1) return;
    pairs_[n_pairs_++] = Pair{c0, c1, Folds(c0), Folds(c1)};
  }

  // Whether a literal starts at s[i]. REQUIRES: i + 1 < s.size().
  bool AnyAt(std::string_view s, size_t i) const {
    uint32_t m = first_[static_cast<uint8_t>(s[i])] & second_[static_cast<uint8_t>(s[i + 1])];
    for (; m != 0; m &= m - 1)
      if (At(s.substr(i), literals_[static_cast<size_t>(__builtin_ctz(m))])) return true;
    return false;
  }

  bool At(std::string_view s, std::string_view lit) const {
    if (s.size() < lit.size()) return false;
    for (size_t k = 2; k < lit.size(); ++k) {
      const char c = s[k];
      if ((fold_ && c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c) != lit[k]) return false;
    }
    return true;
  }

  std::array<std::string_view, N> literals_;
  bool fold_;
  std::array<uint32_t, 256> first_{};   // bit i: literal i starts with this byte
  std::array<uint32_t, 256> second_{};  // bit i: literal i has this second byte
  std::array<Pair, N> pairs_{};         // the distinct first two bytes
  size_t n_pairs_ = 0;
};

// Every alternative of `listening` holds one of the first four words. Under (?i) RE2 folds
// case by Unicode's simple folding, where 's' also matches U+017F (long s, C5 BF): a text
// holding it goes to the pattern. ('k', whose fold is the Kelvin sign, is in no word.)
constexpr LiteralSet<5> kListeningWords({"listening", "http", "server", "started", "\xC5\xBF"}, true);
// One literal of each alternative of `dependency` (case-sensitive).
constexpr LiteralSet<16> kDependencyWords(
    {"Cannot find ", "cannot find package", "No module named", "MODULE_NOT_FOUND", "ModuleNotFoundError",
     "ImportError", "ClassNotFoundException", "NoClassDefFoundError", "ERR_REQUIRE_ESM",
     "cannot load such file -- ", "Can't locate ", "Failed to open stream", "Failed opening required",
     "\" not found", "' not found", "Unable to load dynamic library"},
    false);

// The class of `error_header` is the whole run of [\w$.] after an optional "Uncaught " and
// '[' (the characters that may follow it, ' ', ':', ']', are not in the run).
bool ClassRunEndsInErrorWord(std::string_view s) {
  if (s.starts_with('[')) s.remove_prefix(1);
  size_t i = 0;
  while (i < s.size() && (IsDigit(s[i]) || (s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z') ||
                          s[i] == '_' || s[i] == '$' || s[i] == '.'))
    ++i;
  return EndsWithAny(s.substr(0, i), "Error", "Exception", "Rejection", "Warning");
}
bool MayBeErrorHeader(std::string_view s) {
  return ClassRunEndsInErrorWord(s) || (StartsWith(s, "Uncaught ") && ClassRunEndsInErrorWord(s.substr(9)));
}
bool MayBeThrowSite(std::string_view s) {
  return !s.empty() && IsDigit(s.back()) && (s.front() == '/' || StartsWith(s, "node:") || StartsWith(s, "file:///"));
}
bool MayBeNodeTrailer(std::string_view s) { return StartsWith(s, "Node.js v"); }
bool MayBeNodeWarning(std::string_view s) { return StartsWith(s, "(node:"); }
bool MayBeCodeProp(std::string_view s) { return !s.empty() && IsReSpace(s.front()) && Has(s, "code: '"); }
bool MayBeJavaThread(std::string_view s) { return StartsWith(s, "Exception in thread \""); }
bool MayBeGoFrame(std::string_view s) { return s.ends_with(')') || StartsWith(s, "created by "); }
bool MayBeNpm(std::string_view s) { return StartsWith(s, "npm "); }
bool MayBeNpmCode(std::string_view s) { return StartsWith(s, "code "); }
bool MayBePythonLogging(std::string_view s) {
  return StartsWithAny(s, "INFO:", "WARNING:", "ERROR:", "DEBUG:", "CRITICAL:");
}
bool MayBeLogfmtLevel(std::string_view s) {
  return s.find('=') != std::string_view::npos && (Has(s, "level=") || Has(s, "lvl=") || Has(s, "severity="));
}
bool MayBeLogfmtMsg(std::string_view s) { return Has(s, "msg=") || Has(s, "message="); }
bool MayBeListening(std::string_view s) { return kListeningWords.FoundIn(s); }
bool MayBeShellError(std::string_view s) {
  return EndsWithAny(s, "not found", "Permission denied", "No such file or directory", "Is a directory",
                     "Text file busy", "Exec format error", "Read-only file system");
}
bool MayBeMissingInterpreter(std::string_view s) {
  return s.ends_with(": cannot execute: required file not found") || Has(s, ": bad interpreter: ");
}
bool MayBeLoaderError(std::string_view s) { return Has(s, ": error while loading shared libraries: "); }
bool MayBeLoaderVersion(std::string_view s) { return Has(s, "' not found (required by "); }
bool MayBeSymbolLookup(std::string_view s) { return Has(s, ": symbol lookup error: "); }
bool MayBeKilledBySignal(std::string_view s) {
  return StartsWithAny(s, "Segmentation fault", "Aborted", "Bus error", "Illegal instruction",
                       "Floating point exception", "Killed") ||
         FirstSpaceBetween(s, ":", " line ");
}
bool MayBeGlibcAbort(std::string_view s) {
  return StartsWithAny(s, "*** ", "free(): ", "malloc(): ", "double free or corruption") || s.ends_with("' failed.");
}
bool MayBeGluedCrash(std::string_view s) {
  return Has(s, "Segmentation fault") || Has(s, "Bus error") || Has(s, "Illegal instruction") ||
         Has(s, "Floating point exception") || Has(s, " Aborted ") || Has(s, " Killed ") || Has(s, " ***: terminated");
}
bool MayBeSanitizer(std::string_view s) {
  return StartsWithAny(s, "==", "WARNING: ThreadSanitizer: ") || Has(s, ": runtime error: ");
}
bool MayBeRustPanic(std::string_view s) { return StartsWith(s, "thread '"); }
bool MayBeJvmLauncher(std::string_view s) { return StartsWith(s, "Error") || StartsWith(s, "no main manifest"); }
bool MayBeIndented(std::string_view s) { return !s.empty() && IsReSpace(s.front()); }
bool MayBeCxxTerminate(std::string_view s) { return StartsWith(s, "terminate called "); }
bool MayBeLibcxxTerminate(std::string_view s) { return StartsWith(s, "libc++abi: terminating"); }
bool MayBeRubyError(std::string_view s) { return s.ends_with(')') && FirstSpaceBetween(s, ":in", " "); }
bool MayBeTabbed(std::string_view s) { return s.starts_with('\t'); }
bool MayBeRubyThread(std::string_view s) { return StartsWith(s, "#<Thread:"); }
bool MayBeRubyWarning(std::string_view s) { return FirstSpaceBetween(s, ":", " warning: "); }
bool MayBeRubySyntax(std::string_view s) { return FirstSpaceBetween(s, ":", " syntax error"); }
bool MayBeRubyLogger(std::string_view s) { return s.size() >= 4 && s[1] == ',' && s[2] == ' ' && s[3] == '['; }
bool MayBeChannelLevel(std::string_view s) {
  return s.size() >= 3 && s.back() == ':' && s[s.size() - 2] >= 'A' && s[s.size() - 2] <= 'Z' && Has(s, ".");
}
bool MayBePhpError(std::string_view s) {
  return StartsWithAny(s, "PHP ", "Fatal error:", "Recoverable fatal error:", "Parse error:", "Warning:", "Notice:",
                       "Deprecated:", "Strict Standards:");
}
bool MayBePhpLocation(std::string_view s) { return !s.empty() && IsDigit(s.back()) && Has(s, " in "); }
bool MayBePhpUncaught(std::string_view s) { return StartsWith(s, "Uncaught "); }
bool MayBePhpNext(std::string_view s) { return StartsWith(s, "Next "); }
bool MayBePhpFrame(std::string_view s) { return s.starts_with('#'); }
bool MayBePerlAt(std::string_view s) { return s.ends_with('.') && Has(s, " line ") && Has(s, " at "); }
bool MayBePerlFatal(std::string_view s) {
  return StartsWithAny(s, "Can't ", "Undefined subroutine", "Illegal ", "Global symbol", "syntax error", "Died",
                       "Not a") &&
         Has(s, " line ");
}
bool MayBePerlTrailer(std::string_view s) {
  return StartsWith(s, "BEGIN failed--compilation aborted at ") ||
         EndsWithAny(s, " aborted due to compilation errors.", " had compilation errors.");
}
bool MayBePerlFrame(std::string_view s) { return s.starts_with('\t') && Has(s, " called at "); }
bool MayBeTagPid(std::string_view s) { return EndsWith(s, "]:"); }
bool MayBeDependency(std::string_view s) { return kDependencyWords.FoundIn(s); }

// A pattern and its gate.
template <bool (*kMayMatch)(std::string_view)>
struct Gated {
  explicit Gated(const char* pattern) : re(pattern) {}
  RE2 re;
};

re2::StringPiece Piece(std::string_view s) { return re2::StringPiece(s.data(), s.size()); }

template <auto kMayMatch, typename... Args>
bool Full(std::string_view s, const Gated<kMayMatch>& p, Args*... args) {
  return kMayMatch(s) && RE2::FullMatch(Piece(s), p.re, args...);
}

template <auto kMayMatch, typename... Args>
bool Partial(std::string_view s, const Gated<kMayMatch>& p, Args*... args) {
  return kMayMatch(s) && RE2::PartialMatch(Piece(s), p.re, args...);
}

// ---- patterns ----

struct Patterns {
  // "Error: Cannot find module 'ws'", "TypeError [ERR_X]: ...", "[UnhandledPromiseRejection: ...] {",
  // "java.lang.IllegalStateException: x", "ModuleNotFoundError: No module named 'x'".
  Gated<MayBeErrorHeader> error_header{R"(^(?:Uncaught )?\[?([A-Za-z_$][\w$.]*(?:Error|Exception|Rejection|Warning))(?: \[([A-Z0-9_]+)\])?(?::.*|\]?(?: \{)?)$)"};
  Gated<MayBeThrowSite> throw_site{R"(^(?:node:[\w/.-]+|/\S+\.(?:m?js|cjs|ts|mts)|file:///\S+):\d+$)"};
  Gated<MayBeNodeTrailer> node_trailer{R"(^Node\.js v\d+\.\d+\.\d+)"};
  Gated<MayBeNodeWarning> node_warning{R"(^\(node:\d+\) (?:\[(\w+)\] )?(\w+):)"};
  Gated<MayBeCodeProp> code_prop{R"(^\s+code: '([A-Za-z0-9_]+)')"};
  Gated<MayBeJavaThread> java_thread{R"re(^Exception in thread "([^"]*)" ([\w.$]+))re"};
  Gated<MayBeGoFrame> go_frame{R"(^(?:[\w.*/()\[\]-]+\(.*\)|created by .*)$)"};
  Gated<MayBeNpm> npm{R"(^npm (ERR!|error|WARN|warn)\s?(.*)$)"};
  Gated<MayBeNpmCode> npm_code{R"(^code (\S+))"};
  Gated<MayBePythonLogging> python_logging{R"(^(DEBUG|INFO|WARNING|ERROR|CRITICAL):([^:\s]*):(.*)$)"};
  Gated<MayBeLogfmtLevel> logfmt_level{R"((?:^|\s)(?:level|lvl|severity)=\"?(\w+))"};
  Gated<MayBeLogfmtMsg> logfmt_msg{R"re((?:^|\s)(?:msg|message)=(?:"((?:[^"\\]|\\.)*)"|(\S+)))re"};
  Gated<MayBeListening> listening{R"((?i)\b(?:listening (?:on|at)|now listening|serving http on|running on https?://|server (?:started|running|listening) (?:on|at)|started (?:server )?on (?:port|https?://)|tomcat started on port|ready on https?://|(?:serving|running|available|started)\b.{0,80}\b(?:on|at) https?://|development server \(https?://[^)]*\) started|httpserver#start: pid=\d+ port=\d+))"};
  // The shell's own errors: dash "./start.sh: 5: wait-for-it: not found", bash "x.sh: line 5:
  // foo: command not found", "./install.sh: line 38: /etc/cron.d/x: Permission denied".
  Gated<MayBeShellError> shell_error{R"(^(?:\S+: (?:line )?\d+|(?:ba|da|z)?sh(?:: \d+)?): (?:.+): (not found|command not found|Permission denied|No such file or directory|Is a directory|Text file busy|Exec format error|Read-only file system)$)"};
  // A program that exists but whose #! interpreter (or ELF loader) does not, as bash reports
  // it: bash 5.2 "./run.sh: line 3: ./app.py: cannot execute: required file not found"
  // ("bash: line 1: ..." for bash -c), bash <= 5.1 "./run.sh: ./app.py: /usr/bin/python9: bad
  // interpreter: No such file or directory" (5.2 keeps that form for other errors: "...: bad
  // interpreter: Permission denied"). Dash says "./run.sh: 2: ./app.py: not found".
  Gated<MayBeMissingInterpreter> missing_interpreter{R"(^\S+: (?:line \d+: )?.+?: (?:cannot execute: required file not found|[^:]+: bad interpreter: (.+))$)"};
  // ld.so: "./reportd: error while loading shared libraries: libgreet.so.1: cannot open ..."
  Gated<MayBeLoaderError> loader_error{R"(: error while loading shared libraries: ([^:]+):)"};
  // ld.so, a library older than the program was built against (exit 1): "./app:
  // /lib/x86_64-linux-gnu/libc.so.6: version `GLIBC_2.34' not found (required by ./app)"; a
  // symbol the library lost, bound lazily (exit 127): "./app: symbol lookup error: ./app:
  // undefined symbol: extra".
  Gated<MayBeLoaderVersion> loader_version{R"(^\S+: \S+: version `[^']+' not found \(required by \S+\)$)"};
  Gated<MayBeSymbolLookup> symbol_lookup{R"(^\S+: symbol lookup error: \S+: undefined symbol: \S+$)"};
  // A shell reporting a child killed by a signal: "Segmentation fault (core dumped)",
  // "bash: line 1:  1234 Aborted                 (core dumped) ./x"; glibc's abort messages.
  Gated<MayBeKilledBySignal> killed_by_signal{R"(^(?:\S+: line \d+:\s+\d+ )?(Segmentation fault|Aborted|Bus error|Illegal instruction|Floating point exception|Killed)(?:\s+\(core dumped\))?(?:\s.*)?$)"};
  // assert(3)'s message before abort(): "ledger: ledger.c:23: main: Assertion `fields == 2' failed."
  Gated<MayBeGlibcAbort> glibc_abort{R"(^(?:\*\*\* .* \*\*\*: terminated|free\(\): .*|malloc\(\): .*|double free or corruption.*|\S+: .*:\d+: .*: Assertion `.*' failed\.)$)"};
  // The same reports glued to the program's last output when it had no newline: bash's
  // "loading plugins... bash: line 1: 23691 Segmentation fault      ./partial" (its "line N:
  // PID" is the mark), dash's "loading plugins... Segmentation fault" (no ':' before it: not a
  // log record about a child), glibc's "progress 42%*** stack smashing detected ***: terminated".
  Gated<MayBeGluedCrash> glued_crash{R"((?:\S+: line \d+:\s+\d+ (Segmentation fault|Aborted|Bus error|Illegal instruction|Floating point exception|Killed)(?:\s+\(core dumped\))?\s+\S.*|^[^:]*\S\s*(Segmentation fault|Bus error|Illegal instruction|Floating point exception)(?: \(core dumped\))?|\*\*\* [^*]+ \*\*\*: (terminated))$)"};
  // A sanitizer's report (gcc/clang -fsanitize=...): "==23035==ERROR: AddressSanitizer:
  // heap-use-after-free on address ...", "==22889==ERROR: LeakSanitizer: detected memory
  // leaks", "WARNING: ThreadSanitizer: data race (pid=22953)", UBSan's "ub.c:3:73: runtime
  // error: signed integer overflow: ...".
  Gated<MayBeSanitizer> sanitizer{R"(^(?:==\d+==(?:ERROR|WARNING): (\w+Sanitizer): .*|WARNING: (ThreadSanitizer): .*|\S+:\d+:\d+: (runtime error): .*)$)"};
  // Rust >= 1.73 prints the thread id and puts the message on the next line: "thread 'main'
  // (31498) panicked at main.rs:1:43:"; 1.63 prints "thread 'main' panicked at 'msg', main.rs:1:43".
  // The java launcher's last words when the VM never ran the program (OpenJDK's libjli and
  // Threads::create_vm); the first two name what is missing.
  Gated<MayBeJvmLauncher> jvm_missing{R"(^(?:Error: Could not find or load main class \S+|Error: Unable to access jarfile .+|no main manifest attribute, in .+)$)"};
  Gated<MayBeJvmLauncher> jvm_fatal{R"(^(?:Error occurred during initialization of (?:VM|boot layer)|Error: Could not create the Java Virtual Machine\.|Error: A JNI error has occurred, please check your installation and try again)$)"};
  Gated<MayBeRustPanic> rust_panic{R"(^thread '([^']*)'(?: \(\d+\))? panicked at (.*)$)"};
  Gated<MayBeIndented> rust_frame{R"(^\s+(?:\d+: |at ))"};
  // libstdc++'s verbose terminate handler and libc++abi's ("with" in LLVM 14, "due to" later).
  Gated<MayBeCxxTerminate> cxx_terminate{R"(^terminate called (?:after throwing an instance of '(.+)'|without an active exception|recursively)$)"};
  Gated<MayBeLibcxxTerminate> libcxx_terminate{R"(^libc\+\+abi: terminating(?: (?:with|due to) uncaught exception of type (.+?)(?:: .*)?)?$)"};
  // Ruby's uncaught-exception printer: "app.rb:2:in `foo': boom (RuntimeError)" (3.4 quotes
  // 'Object#foo'), then "\tfrom app.rb:5:in `bar'" frames and "\t ... 12 levels...".
  Gated<MayBeRubyError> ruby_error{R"re(^\S+:\d+:in [`'][^`']*': .*\(([A-Z][\w:]*)\)$)re"};
  Gated<MayBeTabbed> ruby_frame{R"re(^\t(?:(?:from )?\S+:\d+:in [`']| \.\.\. \d+ levels\.\.\.$))re"};
  Gated<MayBeRubyThread> ruby_thread{R"(^#<Thread:0x[0-9a-f]+ .*> terminated with exception \(report_on_exception is true\):$)"};
  Gated<MayBeRubyWarning> ruby_warning{R"(^\S+:\d+: warning: )"};
  Gated<MayBeRubySyntax> ruby_syntax{R"(^\S+:\d+: syntax errors?\b)"};
  // Ruby's Logger: "E, [2026-12-02T19:48:06.935330 #31438] ERROR -- api: bad input".
  Gated<MayBeRubyLogger> ruby_logger{R"(^[DIWEFA], \[(\S+) #(\d+)\]\s+(\w+) -- ([^:]*): (.*)$)"};
  // Monolog's line format after the timestamp: "app.INFO: booting".
  Gated<MayBeChannelLevel> channel_level{R"(^([\w-]+(?:\.[\w-]+)*)\.([A-Z]+):$)"};
  // PHP's error printer: "PHP Fatal error:  Uncaught Exception: boom in /x/app.php:3" on stderr
  // (log_errors), "Fatal error: ... on line 3" on stdout (display_errors), with its frames.
  Gated<MayBePhpError> php_error{R"(^(PHP )?(Fatal error|Recoverable fatal error|Parse error|Warning|Notice|Deprecated|Strict Standards):\s+(.*)$)"};
  Gated<MayBePhpLocation> php_location{R"( in .+(?: on line |:)\d+$)"};
  Gated<MayBePhpUncaught> php_uncaught{R"(^Uncaught ([\w\\]+)(?:: |$))"};
  Gated<MayBePhpNext> php_next{R"(^Next ([\w\\]+)(?:: |$))"};
  Gated<MayBePhpFrame> php_frame{R"(^#\d+ )"};
  // Perl: what die and warn print ("MSG at FILE line N.", perlfunc/die), the fatal (F) errors
  // perl itself raises (perldiag), the compiler's closing lines and Carp's frames.
  Gated<MayBePerlAt> perl_at{R"(^.+ at (?:\S+|\(eval \d+\)) line \d+(?:, <[^>]*> (?:line|chunk) \d+)?\.$)"};
  Gated<MayBePerlFatal> perl_fatal{R"(^(Can't locate object method|Can't locate|Can't call method|Undefined subroutine|Illegal division by zero|Illegal modulus zero|Global symbol|syntax error|Died|Not an? \w+ reference|Can't use an undefined value as|Can't use string)\b.* at (?:\S+|\(eval \d+\)) line \d+\b)"};
  Gated<MayBePerlTrailer> perl_trailer{R"(^(?:BEGIN failed--compilation aborted at .+ line \d+\.|Execution of .+ aborted due to compilation errors\.|.+ had compilation errors\.)$)"};
  Gated<MayBePerlFrame> perl_frame{R"(^\t.+ called at .+ line \d+$)"};
  // syslog-style "kvstore[52]:" after the timestamp.
  Gated<MayBeTagPid> tag_pid{R"(^([\w.-]+)\[(\d+)\]:$)"};
  Gated<MayBeDependency> dependency{R"re(Cannot find module|Cannot find package|No module named|MODULE_NOT_FOUND|ModuleNotFoundError|ImportError|ClassNotFoundException|NoClassDefFoundError|cannot find package|ERR_REQUIRE_ESM|cannot load such file -- |^Can't locate \S+\.pm in @INC|(?:require|include)(?:_once)?\(.*\): Failed to open stream|Failed opening required|(?:Class|Interface|Trait|Enum) ["'][^"']+["'] not found|Unable to load dynamic library)re"};
};

const Patterns& P() {
  static const Patterns* p = new Patterns;  // never destroyed: used from parser threads
  return *p;
}

bool IsDependencyKind(std::string_view kind) {
  return kind == "MODULE_NOT_FOUND" || kind == "ERR_MODULE_NOT_FOUND" || kind == "ModuleNotFoundError" ||
         kind == "ImportError" || kind == "java.lang.ClassNotFoundException" ||
         kind == "java.lang.NoClassDefFoundError" || kind == "ERR_REQUIRE_ESM" || kind == "LoadError" ||
         kind == "Gem::MissingSpecError" ||
         // a native library the program loads is absent or not the one it was built for: Java's
         // System.loadLibrary, a Node.js addon that fails to load (absent dependency, another
         // Node.js ABI: NODE_MODULE_VERSION, "Module did not self-register")
         kind == "java.lang.UnsatisfiedLinkError" || kind == "ERR_DLOPEN_FAILED";
}

// ---- text records ----

struct TextRecord {
  std::string_view level;  // normalized, "" none
  std::string_view logger;
  std::string_view message;
  int32_t pid = 0;         // syslog-style "name[pid]:"
  bool has_time = false;
  CivilTime time;
  std::string_view kind;   // an errno name ("ENOENT") for a perror-style line
  bool inferred = false;   // the level was read from a tool's error form, not a level word
};

size_t ReadTimestamp(std::string_view s, TextRecord* r) {
  if (!s.empty() && s.front() == '[') {
    size_t n = ParseLooseTimestamp(s.substr(1), &r->time);
    if (n != kNoMatch && 1 + n < s.size() && s[1 + n] == ']') {
      r->has_time = true;
      return n + 2;
    }
    return 0;
  }
  size_t n = ParseLooseTimestamp(s, &r->time);
  if (n == kNoMatch) return 0;
  r->has_time = true;
  return n;
}

std::string_view SkipSpaces(std::string_view s) {
  while (!s.empty() && IsSpace(s.front())) s.remove_prefix(1);
  return s;
}

// "INFO", "[WARN]", "<error>", "error:" -> level; plain lowercase words only when decorated.
std::string_view LevelToken(std::string_view tok) {
  // Script markers: "[!] no crontab", "[*] done", "[+] ok", "[-] failed".
  if (tok == "[!]") return "WARN";
  if (tok == "[*]" || tok == "[+]" || tok == "[i]") return "INFO";
  if (tok == "[-]" || tok == "[x]") return "ERROR";
  std::string_view core = tok;
  bool decorated = false;
  if (core.size() > 2 && ((core.front() == '[' && core.back() == ']') || (core.front() == '<' && core.back() == '>'))) {
    core = core.substr(1, core.size() - 2);
    decorated = true;
  }
  if (core.size() > 1 && core.back() == ':') {
    core.remove_suffix(1);
    decorated = true;
  }
  bool upper = !core.empty() && core.front() >= 'A' && core.front() <= 'Z' && core.back() >= 'A' && core.back() <= 'Z';
  if (!decorated && !upper) return {};
  return NormalizeLevel(core);
}

bool IsLoggerName(std::string_view tok) {
  if (tok.size() < 2 || tok.back() != ':') return false;
  for (char c : tok.substr(0, tok.size() - 1)) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || IsDigit(c) || c == '.' || c == '_' ||
              c == '-' || c == '/' || c == '$' || c == '#';
    if (!ok) return false;
  }
  return true;
}

std::string_view View(re2::StringPiece p) { return std::string_view(p.data(), p.size()); }


// Ruby's Logger: "I, [2026-12-02T19:48:06.935200 #31438]  INFO -- api: listening on ...".
bool ParseRubyLogger(std::string_view line, TextRecord* r) {
  if (line.size() < 4 || line[1] != ',' || line[2] != ' ' || line[3] != '[') return false;
  re2::StringPiece ts, pid, lv, lg, msg;
  if (!Full(line, P().ruby_logger, &ts, &pid, &lv, &lg, &msg)) return false;
  r->has_time = ParseLooseTimestamp(View(ts), &r->time) == ts.size();
  (void)ParseInt(View(pid), &r->pid);
  r->level = NormalizeLevel(View(lv));
  r->logger = View(lg);
  r->message = View(msg);
  return true;
}

// strerror(3)'s texts ("No such file or directory") -> errno names ("ENOENT"), from glibc.
const absl::flat_hash_map<std::string_view, std::string_view>& ErrnoByText() {
  static const auto* table = [] {
    auto* t = new absl::flat_hash_map<std::string_view, std::string_view>;
    for (int e = 1; e < 134; ++e) {
      const char* text = strerrordesc_np(e);
      const char* name = strerrorname_np(e);
      if (text != nullptr && name != nullptr) t->try_emplace(text, name);
    }
    return t;
  }();
  return *table;
}

// The errno name of a message that ends as perror(3) and most tools end their errors:
// "...: No such file or directory" (also "...: [Errno 2] No such file or directory" from
// Python, a final '.' from wget); "" when it does not.
std::string_view TrailingErrno(std::string_view s) {
  if (s.ends_with('.')) s.remove_suffix(1);
  const size_t colon = s.rfind(": ");
  if (colon == std::string_view::npos) return {};
  std::string_view text = s.substr(colon + 2);
  if (text.starts_with("[Errno ")) {
    const size_t close = text.find("] ");
    if (close == std::string_view::npos) return {};
    text.remove_prefix(close + 2);
  }
  const auto& table = ErrnoByText();
  auto it = table.find(text);
  return it == table.end() ? std::string_view() : it->second;
}

// A compiler's "FILE:LINE:" or "FILE:LINE:COLUMN:" ("<stdin>:1:11:", "src/main.rs:3:5:").
bool IsSourceLocation(std::string_view tok) {
  if (tok.size() < 4 || tok.back() != ':') return false;
  tok.remove_suffix(1);
  for (int part = 0; part < 2; ++part) {
    size_t digits = 0;
    while (digits < tok.size() && IsDigit(tok[tok.size() - 1 - digits])) ++digits;
    if (digits == 0 || digits == tok.size() || tok[tok.size() - 1 - digits] != ':') return part == 1;
    tok.remove_suffix(digits + 1);
  }
  return !tok.empty();
}

// Command-line tools' error forms, for a line with no level word (`tok` ends at `sp`):
//   "gcc: error: x.c: No such file", "cc1: fatal error: x.c: ...", "prog: warning: ..." (GCC,
//   argparse and many others: the program's name, then the level), and compilers'
//   "<stdin>:1:11: error: expected ..." (a source location, then the level);
//   "curl: (7) Failed to connect to 127.0.0.1 port 9 ..." (curl's error number);
//   "tar: x.tar: Cannot open: No such file or directory", "ls: cannot access 'x': ...",
//   "Connecting to 127.0.0.1:9... failed: Connection refused." (perror(3)'s form: anything,
//   then ": " and strerror's text; the kind is the errno name).
void ReadToolError(std::string_view s, size_t sp, TextRecord* r) {
  const std::string_view tok = s.substr(0, sp);
  std::string_view rest = sp == std::string_view::npos ? std::string_view() : SkipSpaces(s.substr(sp));
  if (IsLoggerName(tok) || IsSourceLocation(tok)) {
    const size_t word_end = rest.find(' ');
    std::string_view word = rest.substr(0, word_end);
    std::string_view after = word_end == std::string_view::npos ? std::string_view() : SkipSpaces(rest.substr(word_end));
    if (word == "fatal" && after.starts_with("error:")) {  // GCC's "fatal error:"
      word = "fatal:";
      after = SkipSpaces(after.substr(6));
    }
    const std::string_view level = word.ends_with(':') ? NormalizeLevel(word.substr(0, word.size() - 1)) : std::string_view();
    if (!level.empty() && level != "INFO" && level != "DEBUG" && level != "TRACE") {
      r->level = level;
      r->logger = tok.substr(0, tok.size() - 1);
      r->message = after;
      r->kind = TrailingErrno(after);
      r->inferred = true;
      return;
    }
    if (rest.size() > 3 && rest.front() == '(' && IsDigit(rest[1])) {
      const size_t close = rest.find(") ");
      if (close != std::string_view::npos && std::all_of(rest.begin() + 1, rest.begin() + static_cast<ptrdiff_t>(close), IsDigit)) {
        r->level = "ERROR";
        r->logger = tok.substr(0, tok.size() - 1);
        r->inferred = true;
        return;
      }
    }
  }
  if (std::string_view kind = TrailingErrno(s); !kind.empty()) {
    r->level = "ERROR";
    r->kind = kind;
    r->inferred = true;
  }
}

TextRecord ParseTextRecord(std::string_view line) {
  TextRecord r;
  if (ParseRubyLogger(line, &r)) return r;
  std::string_view s = SkipSpaces(line.substr(ReadTimestamp(line, &r)));
  r.message = s;
  re2::StringPiece lv, lg, msg;
  if (Full(s, P().python_logging, &lv, &lg, &msg)) {
    r.level = NormalizeLevel(std::string_view(lv.data(), lv.size()));
    r.logger = std::string_view(lg.data(), lg.size());
    r.message = std::string_view(msg.data(), msg.size());
    return r;
  }
  if (Partial(s, P().logfmt_level, &lv)) {
    r.level = NormalizeLevel(std::string_view(lv.data(), lv.size()));
    re2::StringPiece quoted, bare;
    if (Partial(s, P().logfmt_msg, &quoted, &bare))
      r.message = quoted.data() ? std::string_view(quoted.data(), quoted.size()) : std::string_view(bare.data(), bare.size());
    return r;
  }
  size_t sp = s.find(' ');
  std::string_view tok = s.substr(0, sp);
  re2::StringPiece tag, pid;
  if (sp != std::string_view::npos && Full(tok, P().tag_pid, &tag, &pid)) {
    // "2026-11-23T01:10:33Z kvstore[52]: listening on 127.0.0.1:9100"
    r.logger = std::string_view(tag.data(), tag.size());
    (void)ParseInt(std::string_view(pid.data(), pid.size()), &r.pid);
    r.message = SkipSpaces(s.substr(sp));
    return r;
  }
  if (tok.ends_with(':') && Has(tok, ".") && Full(tok, P().channel_level, &lg, &lv) &&
      !NormalizeLevel(View(lv)).empty()) {
    // Monolog: "[2026-12-02 19:40:01] app.INFO: booting".
    r.level = NormalizeLevel(View(lv));
    r.logger = View(lg);
    r.message = sp == std::string_view::npos ? std::string_view() : SkipSpaces(s.substr(sp));
    return r;
  }
  r.level = LevelToken(tok);
  if (r.level.empty()) {
    ReadToolError(s, sp, &r);
    return r;
  }
  s = SkipSpaces(sp == std::string_view::npos ? std::string_view() : s.substr(sp));
  r.message = s;
  sp = s.find(' ');
  if (sp != std::string_view::npos && IsLoggerName(s.substr(0, sp))) {
    r.logger = s.substr(0, sp - 1);
    r.message = SkipSpaces(s.substr(sp));
  }
  return r;
}

// ---- NDJSON records ----

// The strings are views into the JsonReader's parser: valid until it reads the next line.
struct JsonRecord {
  std::string_view level;
  std::string_view logger, msg, err_type, err_message, err_code, err_stack;
  bool has_err = false;
  int64_t time_ns = kNoTime;
  bool time_has_date = false;
  int32_t pid = 0;
};

int64_t NumberTimeNs(double v) {
  // The unit from the magnitude: ns, us, ms (Date.now()) or s.
  const double ns = v > 1e17 ? v : v > 1e14 ? v * 1e3 : v > 1e11 ? v * 1e6 : v * 1e9;
  // Past what int64 ns holds (the year 2262) or NaN: no time, rather than an overflow.
  if (!(std::fabs(ns) < 9.2e18)) return kNoTime;
  if (v > 1e14) return static_cast<int64_t>(ns);                          // ns, us: whole numbers already
  if (v > 1e11) return static_cast<int64_t>(std::llround(v)) * 1000000;  // ms: exact in integers
  return static_cast<int64_t>(std::llround(ns));
}

bool ReadString(simdjson::ondemand::value v, std::string_view* out) {
  std::string_view s;
  if (v.get_string().get(s) != simdjson::SUCCESS) return false;
  *out = s;
  return true;
}

class JsonReader {
 public:
  // Returns "" or the error message.
  std::string Read(std::string_view line, JsonRecord* rec) {
    buf_.assign(line);
    buf_.resize(line.size() + simdjson::SIMDJSON_PADDING);
    simdjson::ondemand::document doc;
    auto err = parser_.iterate(simdjson::padded_string_view(buf_.data(), line.size(), buf_.size())).get(doc);
    simdjson::ondemand::object obj;
    if (!err) err = doc.get_object().get(obj);
    if (!err) err = ReadFields(obj, rec);
    if (err) return StrCat("invalid JSON record: ", simdjson::error_message(err));
    const char* loc = nullptr;
    if (doc.current_location().get(loc) == simdjson::SUCCESS) return "invalid JSON record: text after the object";
    return {};
  }

 private:
  simdjson::error_code ReadFields(simdjson::ondemand::object& obj, JsonRecord* rec) {
    for (auto field : obj) {
      std::string_view key;
      simdjson::ondemand::value v;
      if (auto e = field.unescaped_key().get(key)) return e;
      if (auto e = field.value().get(v)) return e;
      if (auto e = ReadField(key, v, rec)) return e;
    }
    return simdjson::SUCCESS;
  }

  simdjson::error_code ReadField(std::string_view key, simdjson::ondemand::value v, JsonRecord* rec) {
    simdjson::ondemand::json_type type;
    if (auto e = v.type().get(type)) return e;
    using T = simdjson::ondemand::json_type;
    if (key == "level" || key == "severity" || key == "levelname" || key == "lvl" || key == "log.level") {
      if (type == T::number) {
        double d;
        if (auto e = v.get_double().get(d)) return e;
        rec->level = LevelFromNumber(d);
      } else if (type == T::string) {
        std::string_view s;
        ReadString(v, &s);
        rec->level = NormalizeLevel(s);
      }
    } else if (key == "msg" || key == "message") {
      if (type == T::string) ReadString(v, &rec->msg);
    } else if (key == "name" || key == "logger" || key == "logger_name" || key == "component") {
      if (type == T::string) ReadString(v, &rec->logger);
    } else if (key == "time" || key == "timestamp" || key == "ts" || key == "@timestamp" || key == "asctime") {
      return ReadTime(v, type, rec);
    } else if (key == "pid" && type == T::number) {
      int64_t pid;
      if (v.get_int64().get(pid) == simdjson::SUCCESS && pid > 0 && pid < (int64_t{1} << 31)) rec->pid = static_cast<int32_t>(pid);
    } else if ((key == "err" || key == "error") && (type == T::object || type == T::string)) {
      rec->has_err = true;
      if (type == T::string) {
        ReadString(v, &rec->err_message);
        return simdjson::SUCCESS;
      }
      simdjson::ondemand::object err;
      if (auto e = v.get_object().get(err)) return e;
      return ReadError(err, rec);
    }
    return simdjson::SUCCESS;  // other fields are skipped by the iterator
  }

  simdjson::error_code ReadTime(simdjson::ondemand::value v, simdjson::ondemand::json_type type, JsonRecord* rec) {
    if (type == simdjson::ondemand::json_type::number) {
      double d;
      if (auto e = v.get_double().get(d)) return e;
      rec->time_ns = NumberTimeNs(d);
      rec->time_has_date = true;
    } else if (type == simdjson::ondemand::json_type::string) {
      std::string_view s;
      ReadString(v, &s);
      CivilTime t;
      if (ParseLooseTimestamp(s, &t) != kNoMatch) rec->time_ns = CivilToNs(t, &rec->time_has_date);
    }
    return simdjson::SUCCESS;
  }

  simdjson::error_code ReadError(simdjson::ondemand::object& err, JsonRecord* rec) {
    for (auto field : err) {
      std::string_view key;
      simdjson::ondemand::value v;
      if (auto e = field.unescaped_key().get(key)) return e;
      if (auto e = field.value().get(v)) return e;
      simdjson::ondemand::json_type type;
      if (auto e = v.type().get(type)) return e;
      if (type != simdjson::ondemand::json_type::string) continue;
      if (key == "type" || (key == "name" && rec->err_type.empty())) ReadString(v, &rec->err_type);
      else if (key == "message") ReadString(v, &rec->err_message);
      else if (key == "code") ReadString(v, &rec->err_code);
      else if (key == "stack") ReadString(v, &rec->err_stack);
    }
    return simdjson::SUCCESS;
  }

  simdjson::ondemand::parser parser_;
  std::string buf_;
};

// ---- error blocks ----

enum class Lang : uint8_t { kNode, kPython, kJava, kGo, kCxx, kRuby, kPhp, kPerl, kRust };

// Lines of a multi-line error message that a dying runtime prints after the error's first
// line (a C++ what(), a Ruby message, a Rust panic message) before its frames.
constexpr int kMaxMessageLines = 8;

// The longest "[time] " a PHP web SAPI puts before its "PHP Warning:" ("[Wed Dec  2 20:14:10
// 2026]", error_log's "[02-Dec-2026 20:13:48 Europe/Amsterdam]").
constexpr size_t kMaxPhpStamp = 48;

struct Block {
  Lang lang = Lang::kNode;
  size_t first_event = 0;
  int64_t header = -1;          // event index of the line naming the error
  bool attached = false;        // a log record introduced it
  bool throw_site = false;      // Node's "file:line" excerpt came first
  bool fatal = false;
  bool closed = false;          // Python: the exception line was seen
  bool after_require = false;   // Node: "Require stack:" lines follow
  bool in_excerpt = false;      // Node: source line and caret after the throw site
  bool last_words = false;      // fatal if nothing follows it (Python, Perl)
  bool thread_report = false;   // Ruby: "#<Thread:...> terminated with exception" came first
  bool frames_seen = false;     // no more message lines once frames or notes began
  bool message_pending = false; // Rust >= 1.73: the panic message is on the next line
  int message_lines = 0;
  std::string_view level = "ERROR";
  StrId logger = kNoStr;
  std::string kind;
};

// The first carriage return in `s` that redraws the line (see LogFile::Line), or npos.
size_t RedrawAt(std::string_view s) {
  size_t from = 0;
  for (size_t cr; (cr = s.find('\r', from)) != std::string_view::npos; from = cr + 1)
    if (cr + 1 == s.size() || (s[cr + 1] != ':' && s[cr + 1] != '\'' && s[cr + 1] != '"')) return cr;
  return std::string_view::npos;
}

// The first run of ASCII letters in `s` ("Downloading" in "Downloading 45%", "eta" in
// "[=====>    ] 45% eta 0:01"); empty when there is none.
std::string_view FirstWord(std::string_view s) {
  const size_t b = static_cast<size_t>(std::find_if(s.begin(), s.end(), absl::ascii_isalpha) - s.begin());
  size_t e = b;
  while (e < s.size() && absl::ascii_isalpha(s[e])) ++e;
  return s.substr(b, e - b);
}

// The line without the terminal escape sequences a program writes when it believes its
// output is a terminal (docker run -t, script(1), FORCE_COLOR): SGR colours such as Node's
// grey internal frames "\x1b[90m    at runScript (node:internal/...)\x1b[39m" or a logger's
// "\x1b[31mERROR\x1b[0m", other CSI sequences ("\x1b[2K" erase line), OSC ones ended by BEL
// or ST (hyperlinks "\x1b]8;;url\x07"), and two-byte escapes ("\x1b(B").
std::string WithoutEscapes(std::string_view line) {
  std::string out;
  out.reserve(line.size());
  for (size_t i = 0; i < line.size();) {
    if (line[i] != '\x1b' || i + 1 >= line.size()) {
      out.push_back(line[i++]);
      continue;
    }
    const char kind = line[i + 1];
    i += 2;
    if (kind == '[') {
      while (i < line.size() && (line[i] < 0x40 || line[i] > 0x7e)) ++i;  // parameters, then the final byte
      ++i;
    } else if (kind == ']') {
      while (i < line.size() && line[i] != '\x07' && !(line[i] == '\x1b' && line.substr(i + 1, 1) == "\\")) ++i;
      i += i < line.size() && line[i] == '\x1b' ? 2 : 1;
    } else if (kind == '(' || kind == ')') {
      ++i;  // character set designation: one more byte
    }
  }
  return out;
}

class LogFile {
 public:
  explicit LogFile(EventBatch* out) : out_(out) {}

  void Line(std::string_view line, uint32_t n) {
    if (line.size() > kMaxLogLine) {
      // A data dump on one line: keep the beginning, as the engine does for chunked sources,
      // so memory stays bounded (the message is interned once, at most kMaxLogLine bytes).
      out_->Report(n, StrCat("line of ", line.size(), " bytes is longer than ", kMaxLogLine,
                             " bytes; only its beginning was read"),
                   line);
      line = line.substr(0, kMaxLogLine);
    }
    if (line.find('\x1b') != std::string_view::npos) line = plain_lines_.emplace_back(WithoutEscapes(line));
    // A carriage return inside a line is a terminal redraw: a progress bar's steps
    // ("Downloading 10%\rDownloading 50%\r...") and what overwrote them ("\rError: ..."). The
    // parts are read as lines of their own (same line number), so an error after the bar
    // counts; a step that the next part redraws with the same first word is left out, so a
    // bar of a thousand steps is one line. A \r right before ':' or a quote is a name's last
    // byte, not a redraw: the interpreter of a CRLF script ("/bin/bash\r: bad interpreter",
    // "env: 'python3\r': No such file or directory").
    for (size_t cr = RedrawAt(line), next; cr != std::string_view::npos; cr = next) {
      const std::string_view part = line.substr(0, cr);
      line.remove_prefix(cr + 1);
      next = RedrawAt(line);
      if (!StripSpaces(part).empty() && FirstWord(part) != FirstWord(line.substr(0, next))) Segment(part, n);
    }
    Segment(line, n);
  }

  void Finish() {
    if (in_block_) CloseBlock();
    if (last_words_ >= 0) MarkFatal(static_cast<size_t>(last_words_));
  }

 private:
  // One line, or one part of a line that carriage returns redraw.
  void Segment(std::string_view line, uint32_t n) {
    if (StripSpaces(line).empty()) {
      blank_before_ = true;
      block_.in_excerpt = false;
      return;
    }
    if (in_block_ && Continue(line, n)) {
      blank_before_ = false;
      return;
    }
    if (in_block_) CloseBlock();
    if (last_words_ >= 0) last_words_ = -1;  // something followed the report
    Fresh(line, n);
    blank_before_ = false;
  }

  // A line that is not inside an error block.
  void Fresh(std::string_view line, uint32_t n) {
    const Patterns& p = P();
    bool record_before = prev_record_ && !blank_before_;
    prev_record_ = false;
    if (StartsWith(line, "{\"") && Json(line, n)) return;
    re2::StringPiece a, b;
    if (Partial(line, p.node_trailer)) {
      // "Node.js v20.20.2" after the block was closed by an unrecognised line.
      if (last_header_ >= 0) MarkFatal(static_cast<size_t>(last_header_));
      Emit(line, n, 0, "", kNoStr, {});
      return;
    }
    if (Partial(line, p.throw_site)) {
      OpenBlock(Lang::kNode, false);
      block_.throw_site = true;
      block_.in_excerpt = true;
      Emit(line, n, 0);
      return;
    }
    // Also at the end of output that had no newline: "loading... Traceback (most recent call
    // last):" (stdout flushed before the crash, stderr's report right after it).
    if (StartsWith(line, "Traceback (most recent call last):") || line.ends_with(" Traceback (most recent call last):")) {
      OpenBlock(Lang::kPython, record_before);
      Emit(line, n, 0);  // the block's level; the exception's line below is the error
      return;
    }
    if (Partial(line, p.java_thread, &a, &b)) {
      OpenBlock(Lang::kJava, false);
      block_.kind.assign(b.data(), b.size());
      block_.fatal = a == "main";
      Header(line, n);
      return;
    }
    if (StartsWith(line, "panic: ") || StartsWith(line, "fatal error: ")) {
      OpenBlock(Lang::kGo, false);
      block_.kind = StartsWith(line, "panic") ? "panic" : "fatal error";
      block_.fatal = true;
      Header(line, n);
      return;
    }
    if (Full(line, p.npm, &a, &b)) {
      Npm(line, n, a, std::string_view(b.data(), b.size()));
      return;
    }
    if (RuntimeLine(line, n) || ScriptRuntimeReport(line, n, record_before)) return;
    if (Partial(line, p.node_warning, &a, &b)) {
      std::string_view kind(b.data(), b.size());
      Emit(line, n, kLogWarning | (StartsWith(kind, "Unhandled") ? uint32_t{kLogError} : 0u), "WARN", kNoStr, kind);
      return;
    }
    if (Partial(line, p.ruby_frame)) {
      // A backtrace a Ruby program logged (WEBrick's "ERROR RuntimeError: db down", then
      // "\twebrick.rb:4:in `block in <main>'"): frames of the record before it.
      StrId logger = record_before ? prev_logger_ : kNoStr;
      Emit(StripSpaces(line), n, kLogStackFrame, record_before ? prev_level_ : "", logger, {});
      prev_record_ = record_before;
      return;
    }
    if (Full(line, p.error_header, &a, &b)) {
      std::string_view cls(a.data(), a.size());
      if (EndsWith(cls, "Warning")) {
        Emit(line, n, kLogWarning, "WARN", kNoStr, cls);
        return;
      }
      OpenBlock(cls.find('.') != std::string_view::npos ? Lang::kJava : Lang::kNode, record_before);
      block_.kind = b.empty() ? std::string(cls) : std::string(b.data(), b.size());
      Header(line, n);
      return;
    }
    Record(line, n);
  }

  // strace's own messages, on its stderr, which a run script often sends to program.log with
  // the program's: "strace: exec: Permission denied", "strace: Can't stat '/app/x': No such
  // file or directory", "strace: attach: ptrace(PTRACE_SEIZE, 7): Operation not permitted",
  // "strace: test_ptrace_get_syscall_info: PTRACE_TRACEME: Operation not permitted". They are
  // the tracer's, not the program's: kind "strace", logger "strace", an error, never fatal
  // (the program did not fail: it may not have run). "Process N attached/detached" (-p) and
  // "Process N suspended" are not errors.
  bool StraceLine(std::string_view line, uint32_t n) {
    constexpr std::string_view kPrefix = "strace: ";
    if (!line.starts_with(kPrefix)) return false;
    std::string_view rest = line.substr(kPrefix.size());
    bool note = StartsWith(rest, "Process ") &&
                (rest.ends_with(" attached") || rest.ends_with(" detached") || rest.ends_with(" suspended"));
    Emit(line, n, note ? 0u : uint32_t{kLogError}, note ? "INFO" : "ERROR", InternLogger("strace"), "strace");
    return true;
  }

  // One-line errors of the shell, the dynamic loader, glibc and runtimes. True when emitted.
  bool RuntimeLine(std::string_view line, uint32_t n) {
    if (StraceLine(line, n)) return true;
    const Patterns& p = P();
    re2::StringPiece what;
    if (Full(line, p.missing_interpreter, &what)) {
      // The script is there and the exec failed: what is missing is what runs it.
      bool missing = what.empty() || what == "No such file or directory";
      std::string_view kind = what.empty() ? "required file not found"
                              : missing    ? "interpreter not found"
                              : what == "Permission denied" ? "EACCES"
                                                            : std::string_view(what.data(), what.size());
      Emit(line, n, kLogError | (missing ? uint32_t{kLogDependency} : 0u), "ERROR", kNoStr, kind);
      return true;
    }
    if (Full(line, p.shell_error, &what)) {
      bool missing = what == "not found" || what == "command not found";
      std::string_view kind = missing ? "command not found"
                              : what == "Permission denied" ? "EACCES"
                              : what == "No such file or directory" ? "ENOENT"
                                                                    : std::string_view(what.data(), what.size());
      Emit(line, n, kLogError | (missing ? uint32_t{kLogDependency} : 0u), "ERROR", kNoStr, kind);
      return true;
    }
    if (Partial(line, p.loader_error)) {
      // ld.so exits 127 right after this line: the program never started.
      Emit(line, n, kLogError | kLogDependency | kLogFatal, "FATAL", kNoStr, "missing shared library");
      return true;
    }
    if (Full(line, p.loader_version) || Full(line, p.symbol_lookup)) {
      Emit(line, n, kLogError | kLogDependency | kLogFatal, "FATAL", kNoStr,
           Has(line, ": symbol lookup error: ") ? "undefined symbol" : "missing library version");
      return true;
    }
    static constexpr std::pair<std::string_view, std::string_view> kSignals[] = {
        {"Segmentation fault", "SIGSEGV"}, {"Aborted", "SIGABRT"}, {"Bus error", "SIGBUS"},
        {"Illegal instruction", "SIGILL"}, {"Floating point exception", "SIGFPE"}, {"Killed", "SIGKILL"}};
    if (Full(line, p.killed_by_signal, &what)) {
      std::string_view kind;
      for (const auto& [text, sig] : kSignals)
        if (std::string_view(what.data(), what.size()) == text) kind = sig;
      Emit(line, n, kLogError | kLogFatal, "FATAL", kNoStr, kind);
      return true;
    }
    if (Full(line, p.jvm_missing) || Full(line, p.jvm_fatal)) {
      bool missing = Full(line, p.jvm_missing);
      Emit(line, n, kLogError | kLogFatal | (missing ? uint32_t{kLogDependency} : 0u), "FATAL", kNoStr, {});
      return true;
    }
    if (Full(line, p.glibc_abort)) {
      Emit(line, n, kLogError | kLogFatal, "FATAL", kNoStr, "SIGABRT");
      return true;
    }
    re2::StringPiece bash_signal, dash_signal, glibc;
    if (Partial(line, p.glued_crash, &bash_signal, &dash_signal, &glibc)) {
      std::string_view signal = !bash_signal.empty() ? View(bash_signal) : View(dash_signal);
      std::string_view kind = "SIGABRT";  // glibc's abort
      for (const auto& [text, sig] : kSignals)
        if (!signal.empty() && signal == text) kind = sig;
      Emit(line, n, kLogError | kLogFatal, "FATAL", kNoStr, kind);
      return true;
    }
    re2::StringPiece tool, tsan;
    if (Full(line, p.sanitizer, &tool, &tsan, &what)) {
      // AddressSanitizer, MemorySanitizer and HWAddressSanitizer end the program after their
      // report ("==23035==ABORTING"); LeakSanitizer reports at exit, ThreadSanitizer and UBSan
      // (by default) let it go on. log.kind: the tool, "UndefinedBehaviorSanitizer" for UBSan.
      std::string_view kind = !tool.empty() ? View(tool) : !tsan.empty() ? View(tsan) : "UndefinedBehaviorSanitizer";
      bool fatal = kind == "AddressSanitizer" || kind == "MemorySanitizer" || kind == "HWAddressSanitizer";
      Emit(line, n, kLogError | (fatal ? uint32_t{kLogFatal} : 0u), fatal ? "FATAL" : "ERROR", kNoStr, kind);
      return true;
    }
    return false;
  }

  // The first line of a report by the C++, Rust, Ruby, PHP or Perl runtime. True when emitted.
  bool ScriptRuntimeReport(std::string_view line, uint32_t n, bool record_before) {
    const Patterns& p = P();
    re2::StringPiece a, b;
    if (Full(line, p.cxx_terminate, &a) || Full(line, p.libcxx_terminate, &a)) {
      // std::terminate's handler writes this, then abort(): the process is ending.
      OpenBlock(Lang::kCxx, false);
      block_.kind = a.empty() ? "std::terminate" : std::string(View(a));
      block_.fatal = true;
      Header(line, n);
      return true;
    }
    if (Full(line, p.rust_panic, &a, &b)) {
      // Only a panic of the main thread ends a Rust program.
      OpenBlock(Lang::kRust, false);
      block_.kind = "panic";
      block_.fatal = a == "main";
      block_.message_pending = !b.starts_with("'");
      Header(line, n);
      return true;
    }
    if (Full(line, p.ruby_thread)) {
      // The exception that follows ended that thread only.
      OpenBlock(Lang::kRuby, false);
      block_.thread_report = true;
      Emit(line, n, 0);
      return true;
    }
    if (RubyHeader(line, n, record_before)) return true;
    if (Partial(line, p.ruby_warning)) {
      Emit(line, n, kLogWarning, "WARN", kNoStr, {});
      return true;
    }
    return PhpHeader(line, n) || PerlHeader(line, n, record_before);
  }

  bool RubyHeader(std::string_view line, uint32_t n, bool record_before) {
    re2::StringPiece cls;
    bool error = Full(line, P().ruby_error, &cls);
    if (!error && !Partial(line, P().ruby_syntax)) return false;
    OpenBlock(Lang::kRuby, record_before);
    block_.kind = error ? std::string(View(cls)) : "SyntaxError";
    block_.fatal = !record_before;
    Header(line, n);
    return true;
  }

  bool PhpHeader(std::string_view line, uint32_t n) {
    // The built-in web server (php -S) logs "[Wed Dec  2 20:14:10 2026] PHP Fatal error:  ...":
    // the error ended one request, not the server.
    std::string_view body = line;
    bool request = line.front() == '[';
    if (request) {
      size_t close = line.substr(0, kMaxPhpStamp + 6).find("] PHP ");
      if (close > kMaxPhpStamp) return false;
      body = line.substr(close + 2);
    }
    // "PHP ", then Fatal / Recoverable / Parse / Warning / Notice / Deprecated / Strict.
    if (std::string_view("PFRWNDS").find(body.front()) == std::string_view::npos ||
        body.find(':') > sizeof("PHP Recoverable fatal error"))
      return false;
    re2::StringPiece prefix, type, msg;
    if (!Full(body, P().php_error, &prefix, &type, &msg)) return false;
    // Without "PHP " the words are common: take them only with PHP's "in FILE on line N".
    if (prefix.empty() && !Partial(body, P().php_location)) return false;
    bool error = type.ends_with("rror");
    OpenBlock(Lang::kPhp, false);
    re2::StringPiece cls;
    block_.kind = Partial(View(msg), P().php_uncaught, &cls) ? std::string(View(cls)) : std::string(View(type));
    block_.fatal = error && !request;
    block_.level = !error ? "WARN" : request ? "ERROR" : "FATAL";
    block_.header = static_cast<int64_t>(Emit(line, n, error ? kLogError : kLogWarning));
    return true;
  }

  bool PerlHeader(std::string_view line, uint32_t n, bool record_before) {
    re2::StringPiece what;
    if (Full(line, P().perl_trailer)) {
      // The compiler gave up; the errors before it were not recognised.
      OpenBlock(Lang::kPerl, false);
      block_.kind = "compilation aborted";
      block_.fatal = true;
      Header(line, n);
      return true;
    }
    if (!Partial(line, P().perl_fatal, &what)) return false;
    // A fatal error perl raised. Whether it ended the program: a compiler trailer after it
    // says so; otherwise it is fatal only as the log's last words (`eval {...}; warn $@`
    // prints the same line and goes on).
    OpenBlock(Lang::kPerl, record_before);
    block_.kind.assign(View(what));
    block_.last_words = !record_before;
    Header(line, n);
    return true;
  }

  void Record(std::string_view line, uint32_t n) {
    TextRecord r = ParseTextRecord(line);
    if (r.level.empty() && !r.has_time && r.pid == 0 && line.ends_with('.') && Has(line, " line ") &&
        Full(line, P().perl_at)) {
      // What perl's warn and die print ("MSG at FILE line N.", perlfunc): the same text
      // either way, so a warning; Carp's frames may follow. The exit status tells a die.
      OpenBlock(Lang::kPerl, false);
      block_.level = "WARN";
      block_.header = static_cast<int64_t>(Emit(line, n, kLogWarning));
      prev_record_ = false;
      return;
    }
    uint32_t flags = LevelFlags(r.level);
    if (Partial(r.message, P().listening)) flags |= kLogListening;
    if (Partial(r.message, P().dependency)) flags |= kLogDependency;
    int64_t ns = kNoTime;
    if (r.has_time) ns = TimeNs(r.time);
    const StrId logger = InternLogger(r.logger);
    size_t i = Emit(r.message, n, flags, r.level, logger, r.kind, ns);
    out_->events[i].tid = r.pid;
    // A traceback after a tool's error line is not one a log record introduced.
    prev_record_ = !r.level.empty() && !r.inferred;
    prev_level_ = r.level;
    prev_logger_ = logger;
  }

  bool Json(std::string_view line, uint32_t n) {
    JsonRecord rec;
    std::string err = json_.Read(line, &rec);
    if (!err.empty()) {
      out_->Report(n, err, line);
      return false;  // read it as text
    }
    std::string_view msg = !rec.msg.empty() ? rec.msg : rec.err_message;
    std::string_view kind = !rec.err_code.empty() ? rec.err_code : rec.err_type;
    if (rec.has_err && kind.empty()) kind = "Error";
    uint32_t flags = kLogStructured | LevelFlags(rec.level);
    if (rec.has_err) flags |= kLogError;
    if (Partial(msg, P().listening)) flags |= kLogListening;
    if (IsDependencyKind(kind) || Partial(msg, P().dependency) || Partial(rec.err_message, P().dependency))
      flags |= kLogDependency;
    if (rec.time_ns != kNoTime) SetTimebase(rec.time_has_date);
    const StrId logger = InternLogger(rec.logger);
    size_t i = Emit(msg, n, flags, rec.level, logger, kind, rec.time_ns);
    out_->events[i].tid = rec.pid;
    prev_record_ = !rec.level.empty();
    prev_level_ = rec.level;
    prev_logger_ = logger;
    return true;
  }

  void Npm(std::string_view line, uint32_t n, re2::StringPiece what, std::string_view rest) {
    bool error = what == "ERR!" || what == "error";
    re2::StringPiece code;
    if (error && Partial(rest, P().npm_code, &code)) npm_code_.assign(code.data(), code.size());
    std::string kind = error ? (npm_code_.empty() ? "npm ERR!" : npm_code_) : "";
    Emit(line, n, error ? (kLogError | kLogDependency) : kLogWarning, error ? "ERROR" : "WARN", kNoStr, kind);
  }

  // ---- blocks ----

  void OpenBlock(Lang lang, bool attached) {
    block_ = Block();
    block_.lang = lang;
    block_.first_event = out_->events.size();
    block_.attached = attached;
    if (attached) {
      block_.level = prev_level_;
      block_.logger = prev_logger_;
    }
    in_block_ = true;
  }

  void Header(std::string_view line, uint32_t n) {
    block_.header = static_cast<int64_t>(Emit(line, n, kLogError));
  }

  // True when `line` continues the open block (and was emitted).
  bool Continue(std::string_view line, uint32_t n) {
    const Patterns& p = P();
    bool indented = IsSpace(line.front());
    if (Partial(line, p.node_trailer)) {
      block_.fatal = true;  // Node prints its version only after an uncaught error
      Emit(line, n, 0);
      return true;
    }
    switch (block_.lang) {
      case Lang::kPython: return ContinuePython(line, n, indented);
      case Lang::kGo: return ContinueGo(line, n, indented);
      case Lang::kCxx: return ContinueCxx(line, n);
      case Lang::kRust: return ContinueRust(line, n);
      case Lang::kRuby: return ContinueRuby(line, n);
      case Lang::kPhp: return ContinuePhp(line, n);
      case Lang::kPerl: return ContinuePerl(line, n);
      default: return ContinueNodeJava(line, n, indented);
    }
  }

  // More lines of the error's message, printed by a runtime that is ending (after them come
  // its frames, or nothing). A surviving thread's report takes none: the program goes on.
  bool MessageLine(std::string_view line, uint32_t n) {
    if (block_.frames_seen || !block_.fatal || block_.message_lines >= kMaxMessageLines) return false;
    if (StartsReport(line)) return false;
    ++block_.message_lines;
    Emit(StripSpaces(line), n, 0);
    return true;
  }

  // The shell's report of the death, or the next crash of a restarted program.
  static bool StartsReport(std::string_view line) {
    const Patterns& p = P();
    return Full(line, p.killed_by_signal) || Full(line, p.cxx_terminate) || Full(line, p.libcxx_terminate) ||
           Full(line, p.rust_panic) || Full(line, p.ruby_error);
  }

  // "  what():  boom" after libstdc++'s "terminate called after throwing ...".
  bool ContinueCxx(std::string_view line, uint32_t n) {
    if (StartsWith(line, "  what():  ")) {
      Emit(StripSpaces(line), n, 0);
      return true;
    }
    return MessageLine(line, n);
  }

  bool ContinueRust(std::string_view line, uint32_t n) {
    std::string_view t = StripSpaces(line);
    if (block_.message_pending && !StartsReport(line)) {
      block_.message_pending = false;
      Emit(t, n, 0);
      AppendToHeader(t);
      return true;
    }
    if (Partial(line, P().rust_frame)) {
      block_.frames_seen = true;
      Emit(t, n, kLogStackFrame);
      return true;
    }
    if (t == "stack backtrace:" || StartsWith(t, "note: ")) {
      block_.frames_seen = true;
      Emit(t, n, 0);
      return true;
    }
    return MessageLine(line, n);
  }

  // Rust >= 1.73 ends the header with "panicked at main.rs:9:56:" and prints the message on
  // the next line; the header is the fatal line rules quote, so it carries the message too
  // (as 1.63's one-line "panicked at 'msg', main.rs:9:56" did). Evidence re-reads the raw line.
  void AppendToHeader(std::string_view message) {
    if (block_.header < 0 || message.empty()) return;
    Event& h = out_->events[static_cast<size_t>(block_.header)];
    h.str = out_->strings.Intern(StrCat(out_->strings.View(h.str), " ", message));
  }

  bool ContinueRuby(std::string_view line, uint32_t n) {
    if (block_.thread_report && block_.header < 0) {
      // The thread's exception: an error, not the program's end.
      re2::StringPiece cls;
      if (!Full(line, P().ruby_error, &cls)) return false;
      block_.kind.assign(View(cls));
      Header(line, n);
      return true;
    }
    if (Partial(line, P().ruby_frame)) {
      block_.frames_seen = true;
      Emit(StripSpaces(line), n, kLogStackFrame);
      return true;
    }
    return MessageLine(line, n);
  }

  bool ContinuePhp(std::string_view line, uint32_t n) {
    std::string_view t = StripSpaces(line);
    re2::StringPiece cls;
    if (Partial(line, P().php_frame)) {
      Emit(t, n, kLogStackFrame);
      return true;
    }
    if (Partial(line, P().php_next, &cls)) {
      // A chained exception: the last one is the one thrown.
      block_.kind.assign(View(cls));
      Emit(t, n, kLogError);
      return true;
    }
    if (t == "Stack trace:" || (StartsWith(line, "  thrown in ") && block_.header >= 0)) {
      Emit(t, n, 0);
      return true;
    }
    return false;
  }

  bool ContinuePerl(std::string_view line, uint32_t n) {
    if (Full(line, P().perl_frame)) {
      Emit(StripSpaces(line), n, kLogStackFrame);
      return true;
    }
    if (block_.kind.empty()) return false;  // warn or die text: only its frames follow
    if (Full(line, P().perl_trailer)) {
      block_.fatal = true;
      Emit(line, n, 0);
      return true;
    }
    if (Partial(line, P().perl_fatal)) {
      Emit(line, n, kLogError);  // the compiler reports every error before it gives up
      return true;
    }
    return false;
  }

  bool ContinueNodeJava(std::string_view line, uint32_t n, bool indented) {
    std::string_view t = StripSpaces(line);
    if (block_.in_excerpt) {
      // "setTimeout(() => { console.log(cfg.port); }, 10);" then "      ^": printed as is.
      if (t.find_first_not_of('^') == std::string_view::npos) block_.in_excerpt = false;
      Emit(t, n, 0);
      return true;
    }
    re2::StringPiece code;
    if (indented) {
      if (Partial(line, P().code_prop, &code)) block_.kind.assign(code.data(), code.size());
      bool frame = StartsWith(t, "at ") || (StartsWith(t, "... ") && EndsWith(t, " more"));
      Emit(t, n, frame ? uint32_t{kLogStackFrame} : 0u);
      block_.after_require = false;
      return true;
    }
    if (t == "Require stack:" || (block_.after_require && StartsWith(t, "- "))) {
      block_.after_require = true;
      Emit(t, n, 0);
      return true;
    }
    if (t == "}" || t == "{" || StartsWith(t, "Caused by: ") || StartsWith(t, "(Use `node --trace")) {
      Emit(t, n, 0);
      return true;
    }
    if (block_.throw_site && block_.header < 0) {
      // The thrown value: "Error: ...", "[UnhandledPromiseRejection: ...] {", or any text.
      re2::StringPiece cls, bracket_code;
      if (Full(t, P().error_header, &cls, &bracket_code))
        block_.kind = bracket_code.empty() ? std::string(cls.data(), cls.size()) : std::string(bracket_code.data(), bracket_code.size());
      else
        block_.kind = "Error";
      Header(t, n);
      return true;
    }
    return false;
  }

  bool ContinuePython(std::string_view line, uint32_t n, bool indented) {
    std::string_view t = StripSpaces(line);
    bool chained = StartsWith(t, "During handling of the above exception") ||
                   StartsWith(t, "The above exception was the direct cause");
    if (block_.closed && !chained) return false;
    if (chained) block_.closed = false;  // another traceback follows; its exception is the last word
    if (indented) {
      Emit(t, n, StartsWith(t, "File \"") ? uint32_t{kLogStackFrame} : 0u);
      return true;
    }
    if (chained || StartsWith(t, "Traceback (most recent call last):")) {
      Emit(t, n, 0);
      return true;
    }
    // The first unindented line names the exception: "ModuleNotFoundError: No module named 'x'".
    size_t colon = t.find(':');
    block_.kind.assign(t.substr(0, colon == std::string_view::npos ? t.size() : colon));
    block_.closed = true;
    Header(t, n);
    return true;
  }

  bool ContinueGo(std::string_view line, uint32_t n, bool indented) {
    std::string_view t = StripSpaces(line);
    if (indented || Full(t, P().go_frame)) {
      Emit(t, n, kLogStackFrame);
      return true;
    }
    if (StartsWith(t, "goroutine ") || StartsWith(t, "[signal ") || StartsWith(t, "exit status ")) {
      Emit(t, n, 0);
      return true;
    }
    return false;
  }

  void CloseBlock() {
    in_block_ = false;
    if (block_.header < 0) return;
    last_header_ = block_.header;
    StrId kind = out_->strings.Intern(block_.kind);
    for (size_t i = block_.first_event; i < out_->events.size(); ++i)
      out_->details[out_->events[i].detail].str2 = kind;
    size_t h = static_cast<size_t>(block_.header);
    Detail& d = out_->details[out_->events[h].detail];
    if (IsDependencyKind(block_.kind) || Partial(out_->strings.View(out_->events[h].str), P().dependency))
      d.flags |= kLogDependency;
    if (block_.throw_site || block_.fatal) MarkFatal(h);
    else if ((block_.lang == Lang::kPython && !block_.attached) || block_.last_words) last_words_ = block_.header;
  }

  void MarkFatal(size_t event) { out_->details[out_->events[event].detail].flags |= kLogFatal; }

  // ---- emission ----

  size_t Emit(std::string_view msg, uint32_t n, uint32_t flags) {
    return Emit(msg, n, flags, block_.level, block_.logger, {}, kNoTime);
  }

  size_t Emit(std::string_view msg, uint32_t n, uint32_t flags, std::string_view level, StrId logger,
              std::string_view kind, int64_t time_ns = kNoTime) {
    Detail d;
    d.str2 = kind.empty() ? kNoStr : out_->strings.Intern(kind);
    d.str3 = logger;
    d.flags = flags;
    Event e;
    e.type = EventType::kLogLine;
    e.line = n;
    e.time_ns = time_ns;
    e.str = out_->strings.Intern(msg);
    e.name = LevelName(level);
    e.detail = out_->AddDetail(d);
    out_->events.push_back(e);
    ++out_->counters.events;
    return out_->events.size() - 1;
  }

  // A log names a few loggers, line after line: the last ones are compared before the pool
  // is asked (a hash of the name and a probe).
  StrId InternLogger(std::string_view logger) {
    if (logger.empty()) return kNoStr;
    for (const auto& [text, id] : recent_loggers_)
      if (SameBytes(text, logger) && id != kNoStr) return id;
    const StrId id = out_->strings.Intern(logger);
    recent_loggers_[next_logger_++ % recent_loggers_.size()] = {out_->strings.View(id), id};
    return id;
  }

  // The few level names are looked up in the batch's name pool once each.
  NameId LevelName(std::string_view level) {
    for (size_t i = 0; i < level_names_used_; ++i)
      if (SameBytes(level_names_[i].first, level)) return level_names_[i].second;
    const NameId id = out_->Name(level);
    if (level_names_used_ < level_names_.size())
      level_names_[level_names_used_++] = {out_->names.View(id), id};
    return id;
  }

  int64_t TimeNs(const CivilTime& t) {
    bool has_date = false;
    int64_t ns = CivilToNs(t, &has_date);
    if (ns != kNoTime) SetTimebase(has_date);
    return ns;
  }

  void SetTimebase(bool has_date) {
    if (out_->timebase == Timebase::kNone) out_->timebase = has_date ? Timebase::kEpoch : Timebase::kTimeOfDay;
  }

  EventBatch* out_;
  JsonReader json_;
  Block block_;
  bool in_block_ = false;
  bool blank_before_ = false;
  bool prev_record_ = false;
  std::string_view prev_level_;
  StrId prev_logger_ = kNoStr;
  int64_t last_words_ = -1;  // a report that is fatal if it is the log's last output
  int64_t last_header_ = -1;
  std::string npm_code_;
  // Lines with their escapes removed: block state and events keep views into them.
  std::deque<std::string> plain_lines_;
  std::array<std::pair<std::string_view, NameId>, 8> level_names_;  // views into out_->names
  size_t level_names_used_ = 0;
  std::array<std::pair<std::string_view, StrId>, 4> recent_loggers_{};  // views into out_->strings
  size_t next_logger_ = 0;
};

}  // namespace

namespace {

// Whether `line` ends a call with its result: ") = 5", ")       = 1" (aligned), ") = 0 <0.000012>".
bool HasResult(std::string_view line) {
  for (size_t p = line.find(')'); p != std::string_view::npos; p = line.find(')', p + 1))
    if (StripSpaces(line.substr(p + 1)).starts_with("= ")) return true;
  return false;
}

// The rest of a call strace finished on a line of its own after the program's output cut
// it: ") = 5", ")       = 1", " => {parent_tid=[7]}, 88) = 7", ", child_tidptr=0x7f...) = 13",
// " <unfinished ...>"; after "strace: Process N attached" cut it (`after_attach`), any rest
// with a result: "NULL, 8) = 0".
bool IsCallContinuation(std::string_view line, bool after_attach) {
  if (line == " <unfinished ...>") return true;
  if (!HasResult(line)) return false;
  return after_attach || line.starts_with(")") || line.starts_with(", ") || line.starts_with(" => ");
}

// The program's lines of a trace strace wrote to stderr together with the program's output
// (FileContext::trace_and_output): its own lines, and the text glued into strace's write(
// lines (parsers/glued_write.h). A write without a newline leaves its line open; Python writes
// a traceback's last line in three calls: `write(2, "ModuleNotFoundError", 19ModuleNotFoundError) = 19`,
// `write(2, ": ", 2: ) = 2`, `write(2, "No module named 'x'", 18No module named 'x') = 18`, then
// `write(2, "\n", 1` and `) = 1`: one line of the program, cited at its first piece.
class ProgramLinesOfTrace {
 public:
  ProgramLinesOfTrace(LogFile* file, EventBatch* out) : file_(file), out_(out) {}

  void Line(std::string_view line, uint32_t n) {
    const bool after_attach = after_attach_;
    after_attach_ = line.ends_with(" attached") && line.find("strace: Process ") != std::string_view::npos;
    // strace's lines are the trace's (the strace parser reads them), except its own messages.
    if (line.starts_with("strace: ") || !(IsCallContinuation(line, after_attach) || LooksLikeStrace(line)))
      return Piece(line, true, n);
    GluedWrite w;
    const bool glued = ReadGluedWrite(line, &w);
    if (glued && line.ends_with(" <unfinished ...>")) Unfinished(line);
    if (!glued || w.text.starts_with("strace: ")) return OtherCall(line, n);
    Piece(w.text, w.line_ended, n);
  }
  void Finish() {
    if (!open_.empty()) file_->Line(joined_.emplace_back(std::move(open_)), open_no_);
  }

 private:
  // A write strace printed as unfinished: its text may land in another thread's line.
  void Unfinished(std::string_view line) {
    if (unfinished_.size() == kMaxUnfinished) unfinished_.pop_front();
    unfinished_.emplace_back(line);
  }
  // A line of strace's that is no write of the program's text: another thread's call, to
  // which an unfinished write's line may be glued (GluedLineAtEnd).
  void OtherCall(std::string_view line, uint32_t n) {
    for (auto it = unfinished_.begin(); it != unfinished_.end(); ++it) {
      if (const size_t glued = GluedLineAtEnd(line, *it); glued != 0) {
        unfinished_.erase(it);
        return Piece(line.substr(line.size() - glued), true, n);
      }
    }
    ++out_->counters.annotations;
  }
  void Piece(std::string_view text, bool ends_line, uint32_t n) {
    if (open_.empty() && ends_line) return file_->Line(text, n);
    if (open_.empty()) open_no_ = n;
    open_.append(text);
    if (!ends_line) return;
    file_->Line(joined_.emplace_back(std::move(open_)), open_no_);
    open_.clear();
  }

  LogFile* file_;
  EventBatch* out_;
  static constexpr size_t kMaxUnfinished = 16;
  bool after_attach_ = false;  // the line before ended in "strace: Process N attached"
  std::deque<std::string> unfinished_;  // the last unfinished write( lines, oldest first
  std::string open_;  // the program's line being written, not ended yet
  uint32_t open_no_ = 0;
  std::deque<std::string> joined_;  // LogFile keeps views into the lines it is given
};

}  // namespace

void ProgramLogParser::ParseChunk(const FileContext& ctx, const Chunk& chunk, EventBatch* out) const {
  LogFile file(out);
  ReportCrlfIfEveryLine(chunk.text, out);
  if (ctx.trace_and_output) {
    ProgramLinesOfTrace program(&file, out);
    out->counters.lines += ForEachLine(chunk.text, [&](std::string_view line, uint32_t n) { program.Line(line, n); });
    program.Finish();
  } else {
    out->counters.lines += ForEachLine(chunk.text, [&](std::string_view line, uint32_t n) { file.Line(line, n); });
  }
  file.Finish();
}

}  // namespace rundown
