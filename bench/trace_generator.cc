#include "bench/trace_generator.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <climits>
#include <cstring>
#include <memory>
#include <queue>
#include <type_traits>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace rundown::bench {
namespace {

// ---------------------------------------------------------------------------------------
// Syscall names. Every call the generator can write; per-syscall counts are kept by index.
#define RUNDOWN_GEN_SYSCALLS(X)                                                              \
  X(accept4) X(access) X(arch_prctl) X(bind) X(brk) X(capget) X(clone) X(clone3) X(close)    \
  X(dup2) X(epoll_create1) X(epoll_ctl) X(epoll_pwait) X(eventfd2) X(execve) X(exit)         \
  X(exit_group) X(fcntl) X(fstat) X(futex) X(getcwd) X(getegid) X(geteuid) X(getgid) X(getpeername)    \
  X(getpid) X(getrandom) X(getuid) X(ioctl) X(listen) X(lseek) X(madvise) X(mkdir) X(mmap)   \
  X(mprotect) X(munmap) X(newfstatat) X(openat) X(pipe2) X(pread64) X(prlimit64) X(read)     \
  X(readlink) X(rseq) X(rt_sigaction) X(rt_sigprocmask) X(rt_sigreturn) X(set_robust_list)   \
  X(set_tid_address) X(setsockopt) X(shutdown) X(socket) X(socketpair) X(statx) X(uname)     \
  X(vfork) X(wait4) X(write) X(writev)

enum class Sys : uint16_t {
#define RUNDOWN_GEN_ENUM(n) n,
  RUNDOWN_GEN_SYSCALLS(RUNDOWN_GEN_ENUM)
#undef RUNDOWN_GEN_ENUM
};
constexpr std::string_view kSysNames[] = {
#define RUNDOWN_GEN_NAME(n) #n,
    RUNDOWN_GEN_SYSCALLS(RUNDOWN_GEN_NAME)
#undef RUNDOWN_GEN_NAME
};
constexpr size_t kSysCount = sizeof(kSysNames) / sizeof(kSysNames[0]);
std::string_view Name(Sys s) { return kSysNames[static_cast<size_t>(s)]; }

// strace pads "= result" to this column (its default -a 40).
constexpr size_t kAlignColumn = 40;
constexpr size_t kFlushBytes = 4 << 20;

// ---------------------------------------------------------------------------------------
// Deterministic pseudo-random numbers (splitmix64).
class Rng {
 public:
  explicit Rng(uint64_t seed) : s_(seed * 0x9E3779B97F4A7C15ull + 0x2545F4914F6CDD1Dull) {}
  uint64_t Next() {
    uint64_t z = (s_ += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  uint64_t Below(uint64_t n) { return n == 0 ? 0 : Next() % n; }
  int64_t Range(int64_t lo, int64_t hi) { return lo + static_cast<int64_t>(Below(hi - lo + 1)); }
  bool Percent(int p) { return Below(100) < static_cast<uint64_t>(p); }
  bool PerMille(int p) { return Below(1000) < static_cast<uint64_t>(p); }

 private:
  uint64_t s_;
};

// ---------------------------------------------------------------------------------------
// Text helpers: no printf on the hot path.
inline void AppendDec(std::string& s, uint64_t v) {
  char b[24];
  char* e = b + sizeof(b);
  char* p = e;
  do {
    *--p = static_cast<char>('0' + v % 10);
    v /= 10;
  } while (v != 0);
  s.append(p, e - p);
}
inline void AppendInt(std::string& s, int64_t v) {
  if (v < 0) {
    s.push_back('-');
    AppendDec(s, 0 - static_cast<uint64_t>(v));
  } else {
    AppendDec(s, static_cast<uint64_t>(v));
  }
}
inline void AppendHex(std::string& s, uint64_t v) {
  static constexpr char kDigits[] = "0123456789abcdef";
  char b[18];
  char* e = b + sizeof(b);
  char* p = e;
  do {
    *--p = kDigits[v & 15];
    v >>= 4;
  } while (v != 0);
  s.append("0x", 2);
  s.append(p, e - p);
}
// Debian's Abseil has its own absl::string_view (no std::string_view overloads), so the
// generator concatenates with these.
inline void CatOne(std::string& s, std::string_view v) { s.append(v); }
inline void CatOne(std::string& s, const char* v) { s.append(v); }
inline void CatOne(std::string& s, const std::string& v) { s.append(v); }
inline void CatOne(std::string& s, char v) { s.push_back(v); }
template <typename T>
  requires std::is_integral_v<T>
inline void CatOne(std::string& s, T v) {
  AppendInt(s, static_cast<int64_t>(v));
}
template <typename... A>
std::string Cat(const A&... a) {
  std::string s;
  (CatOne(s, a), ...);
  return s;
}
template <typename... A>
void CatTo(std::string* s, const A&... a) {
  (CatOne(*s, a), ...);
}
absl::string_view AV(std::string_view s) { return absl::string_view(s.data(), s.size()); }

// Zero-padded to `width` digits.
inline void AppendZero(std::string& s, uint64_t v, int width) {
  char b[24];
  for (int i = width - 1; i >= 0; --i) {
    b[i] = static_cast<char>('0' + v % 10);
    v /= 10;
  }
  s.append(b, width);
}
// Space-padded (right-aligned) to `width`.
inline void AppendRight(std::string& s, uint64_t v, size_t width) {
  size_t before = s.size();
  AppendDec(s, v);
  size_t n = s.size() - before;
  if (n < width) s.insert(before, width - n, ' ');
}
// "0.000123": seconds and microseconds, as -T and -ttt print them.
inline void AppendSecMicro(std::string& s, int64_t us) {
  AppendDec(s, static_cast<uint64_t>(us / 1000000));
  s.push_back('.');
  AppendZero(s, static_cast<uint64_t>(us % 1000000), 6);
}

// strace's quoting of a buffer: printable ASCII as is, C escapes for \t \n \v \f \r " \,
// octal for the rest (three digits only when an octal digit follows), at most `limit` bytes,
// then "..." after the closing quote when the buffer was longer.
void AppendQuoted(std::string& s, std::string_view raw, size_t limit) {
  size_t n = std::min(raw.size(), limit);
  s.push_back('"');
  for (size_t i = 0; i < n; ++i) {
    unsigned char c = static_cast<unsigned char>(raw[i]);
    switch (c) {
      case '"': s.append("\\\"", 2); continue;
      case '\\': s.append("\\\\", 2); continue;
      case '\f': s.append("\\f", 2); continue;
      case '\n': s.append("\\n", 2); continue;
      case '\r': s.append("\\r", 2); continue;
      case '\t': s.append("\\t", 2); continue;
      case '\v': s.append("\\v", 2); continue;
      default: break;
    }
    if (c >= ' ' && c <= 0x7e) {
      s.push_back(static_cast<char>(c));
      continue;
    }
    s.push_back('\\');
    if (i + 1 < n && raw[i + 1] >= '0' && raw[i + 1] <= '7') {
      s.push_back(static_cast<char>('0' + (c >> 6)));
      s.push_back(static_cast<char>('0' + ((c >> 3) & 7)));
    } else if ((c >> 3) != 0) {
      if ((c >> 6) != 0) s.push_back(static_cast<char>('0' + (c >> 6)));
      s.push_back(static_cast<char>('0' + ((c >> 3) & 7)));
    }
    s.push_back(static_cast<char>('0' + (c & 7)));
  }
  s.push_back('"');
  if (raw.size() > n) s.append("...", 3);
}

// Days since 1970-01-01 to a civil date (proleptic Gregorian).
void CivilFromDays(int64_t z, int* y, int* m, int* d) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const int64_t doe = z - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  *d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  *m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  *y = static_cast<int>(yoe + era * 400 + (*m <= 2));
}

void AppendHms(std::string& s, int64_t sec_of_day) {
  AppendZero(s, sec_of_day / 3600, 2);
  s.push_back(':');
  AppendZero(s, sec_of_day / 60 % 60, 2);
  s.push_back(':');
  AppendZero(s, sec_of_day % 60, 2);
}

// "2026-11-22T19:31:06.037Z"
void AppendIso(std::string& s, int64_t us) {
  int64_t sec = us / 1000000;
  int y, m, d;
  CivilFromDays(sec / 86400, &y, &m, &d);
  AppendDec(s, y);
  s.push_back('-');
  AppendZero(s, m, 2);
  s.push_back('-');
  AppendZero(s, d, 2);
  s.push_back('T');
  AppendHms(s, sec % 86400);
  s.push_back('.');
  AppendZero(s, us / 1000 % 1000, 3);
  s.push_back('Z');
}

// "Sun, 22 Nov 2026 19:31:22 GMT"
void AppendHttpDate(std::string& s, int64_t sec) {
  static constexpr std::string_view kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static constexpr std::string_view kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                 "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  int64_t days = sec / 86400;
  int y, m, d;
  CivilFromDays(days, &y, &m, &d);
  s.append(kDays[(days + 4) % 7]);
  s.append(", ");
  AppendZero(s, d, 2);
  s.push_back(' ');
  s.append(kMonths[m - 1]);
  s.push_back(' ');
  AppendDec(s, y);
  s.push_back(' ');
  AppendHms(s, sec % 86400);
  s.append(" GMT");
}

std::string JsonEscape(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '"' || c == '\\') out.push_back('\\');
    out.push_back(c);
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// One line (or one call split over two lines) of the trace.
enum class LineKind : uint8_t { kCall, kSignal, kExited, kAttach };

struct Call {
  LineKind kind = LineKind::kCall;
  Sys sys = Sys::read;
  bool error = false;     // "= -1 E..."
  bool noreturn = false;  // "= ?" (no -T duration)
  bool split = false;     // its entry line was cut with "<unfinished ...>"
  bool broken = false;    // an attach message was written into its entry line
  int32_t tid = 0;
  int64_t t0 = 0;  // entry (and the time of instant lines)
  int64_t t1 = 0;  // exit
  std::string head;    // "futex(0x566f9c8, FUTEX_WAIT_PRIVATE, 2, NULL" (entry part)
  std::string tail;    // ")" (what the resumed line adds before " = ")
  std::string result;  // "0", "-1 EAGAIN (Resource temporarily unavailable)", "?"
};

struct Thread {
  int32_t tid = 0;
  int32_t pid = 0;  // thread group
  bool traced = false;
  bool alive = false;
  int64_t ready = 0;        // earliest start of its next call
  Call* blocked = nullptr;  // a call entered whose end is not known yet
  uint64_t stack = 0;       // stack mapping, for the exit path
};

struct OutFile {
  std::string name;
  std::string buf;
  size_t line_start = 0;
  uint64_t flushed = 0;
  uint64_t lines = 0;
  int64_t last_us = INT64_MIN;  // -r
};

// The tracer: threads, the time-ordered queue of line events, and the printer that turns
// them into strace output (prefixes, timestamps, splitting, alignment, -T).
class Tracer {
 public:
  Tracer(const GenOptions& o, Sink* sink, Manifest* m)
      : rng(o.seed), v(o.variant), sink_(sink), m_(m) {
    per_sys_.fill(0);
    if (v.prefix != PrefixMode::kPerTidFiles) NewFile("strace_log");
  }

  Thread* NewThread(int32_t tid, int32_t pid, int64_t start) {
    auto t = std::make_unique<Thread>();
    t->tid = tid;
    t->pid = pid;
    t->traced = v.prefix != PrefixMode::kNone || tid == kMainTid;
    t->alive = true;
    t->ready = start;
    if (t->traced) {
      ++m_->threads;
      if (tid == pid) ++m_->processes;
    }
    threads_.push_back(std::move(t));
    return threads_.back().get();
  }

  Call* New(Thread& th, Sys s) {
    Call* c;
    if (free_.empty()) {
      pool_.push_back(std::make_unique<Call>());
      c = pool_.back().get();
      c->head.reserve(256);
      c->tail.reserve(128);
      c->result.reserve(64);
    } else {
      c = free_.back();
      free_.pop_back();
    }
    c->kind = LineKind::kCall;
    c->sys = s;
    c->error = c->noreturn = c->split = c->broken = false;
    c->tid = th.tid;
    c->head.assign(Name(s));
    c->head.push_back('(');
    c->tail.clear();
    c->result.clear();
    return c;
  }

  // A call of known duration starting at max(at, th.ready). Returns its end.
  int64_t Commit(Thread& th, Call* c, int64_t dur, int64_t at = 0) {
    c->t0 = std::max(th.ready, at);
    c->t1 = c->t0 + std::max<int64_t>(dur, 1);
    const int64_t t1 = c->t1;
    th.ready = t1 + Gap();
    Classify(c);
    if (!th.traced) {
      Release(c);
      return t1;
    }
    if (v.prefix != PrefixMode::kPerTidFiles) Push(c->t0, c, kEntry);
    Push(t1, c, kExit);
    return t1;
  }

  // A call whose end is decided later (Resume): a thread blocked in futex or epoll_pwait.
  void Block(Thread& th, Call* c, int64_t at = 0) {
    c->t0 = std::max(th.ready, at);
    th.blocked = c;
    th.ready = INT64_MAX;
    if (th.traced && v.prefix != PrefixMode::kPerTidFiles) Push(c->t0, c, kEntry);
  }
  // Ends the blocked call no earlier than `at`; fill its tail/result first. Returns the end.
  int64_t Resume(Thread& th, int64_t at) {
    Call* c = th.blocked;
    th.blocked = nullptr;
    c->t1 = std::max(at, c->t0 + 5);
    const int64_t t1 = c->t1;
    th.ready = t1 + Gap();
    Classify(c);
    if (!th.traced) {
      Release(c);
      return t1;
    }
    Push(t1, c, kExit);
    return t1;
  }
  int64_t BlockedSince(const Thread& th) const { return th.blocked->t0; }

  // "--- SIGCHLD {...} ---" on `th` at max(at, th.ready).
  int64_t Signal(Thread& th, std::string_view text, int64_t at = 0) {
    int64_t t = std::max(th.ready, at);
    th.ready = t + Gap();
    Instant(th, LineKind::kSignal, t, text);
    return t;
  }
  int64_t Exited(Thread& th, int code, int64_t at = 0) {
    int64_t t = std::max(th.ready, at);
    th.ready = t + 1;
    th.alive = false;
    std::string text = "+++ exited with ";
    AppendDec(text, code);
    text += " +++";
    Instant(th, LineKind::kExited, t, text);
    return t;
  }
  // "strace: Process N attached": only strace writing to stderr (pid-bracket) shows it.
  void Attached(const Thread& child, int64_t at) {
    if (v.prefix != PrefixMode::kPidBracket) return;
    Call* c = New(const_cast<Thread&>(child), Sys::read);
    c->kind = LineKind::kAttach;
    c->head = "strace: Process ";
    AppendDec(c->head, child.tid);
    c->head += " attached";
    c->t0 = at;
    Push(at, c, kInstant);
  }

  // Prints every queued line event earlier than `horizon`.
  void Drain(int64_t horizon) {
    while (!heap_.empty() && heap_.top().t < horizon) {
      Ev e = heap_.top();
      heap_.pop();
      switch (e.what) {
        case kEntry: PrintEntry(e.c); break;
        case kExit: PrintExit(e.c); Release(e.c); break;
        case kInstant: PrintInstant(e.c); Release(e.c); break;
      }
    }
  }

  void Finish() {
    Drain(INT64_MAX);
    for (const auto& t : threads_)
      if (t->blocked != nullptr && t->traced) ++m_->unfinished;
    if (open_ != nullptr) CloseOpen();
    for (size_t i = 0; i < files_.size(); ++i) Flush(static_cast<int>(i));
    m_->bytes = 0;
    m_->lines = 0;
    for (const OutFile& f : files_) {
      m_->files.push_back({f.name, f.flushed, f.lines});
      m_->bytes += f.flushed;
      m_->lines += f.lines;
    }
    for (size_t i = 0; i < kSysCount; ++i)
      if (per_sys_[i] != 0) m_->per_syscall[std::string(kSysNames[i])] = per_sys_[i];
    m_->events = m_->syscalls + m_->signals + m_->exits + m_->strace_messages + m_->unfinished;
  }

  uint64_t BytesSoFar() const {
    uint64_t n = 0;
    for (const OutFile& f : files_) n += f.flushed + f.buf.size();
    return n;
  }

  // Userspace time between two calls of one thread, and the duration of a quick call (µs).
  int64_t Gap() { return rng.Below(8) == 0 ? rng.Range(120, 900) : rng.Range(25, 140); }
  int64_t Fast() { return rng.Below(10) == 0 ? rng.Range(40, 260) : rng.Range(11, 38); }

  static constexpr int32_t kMainTid = 28;
  Rng rng;
  const Variant& v;

 private:
  enum What : uint8_t { kEntry, kExit, kInstant };
  struct Ev {
    int64_t t;
    uint64_t seq;
    Call* c;
    What what;
  };
  struct Later {
    bool operator()(const Ev& a, const Ev& b) const { return a.t != b.t ? a.t > b.t : a.seq > b.seq; }
  };

  void Push(int64_t t, Call* c, What w) { heap_.push(Ev{t, seq_++, c, w}); }
  void Release(Call* c) { free_.push_back(c); }
  static void Classify(Call* c) {
    c->noreturn = c->result == "?";
    c->error = c->result.size() > 4 && c->result.compare(0, 4, "-1 E") == 0;
  }
  void Instant(Thread& th, LineKind kind, int64_t t, std::string_view text) {
    if (!th.traced) return;
    Call* c = New(th, Sys::read);
    c->kind = kind;
    c->head.assign(text);
    c->t0 = t;
    Push(t, c, kInstant);
  }

  int NewFile(std::string name) {
    files_.emplace_back();
    files_.back().name = std::move(name);
    files_.back().buf.reserve(kFlushBytes + (64 << 10));
    return static_cast<int>(files_.size() - 1);
  }
  int FileOf(int32_t tid) {
    if (v.prefix != PrefixMode::kPerTidFiles) return 0;
    if (static_cast<size_t>(tid) >= file_of_tid_.size()) file_of_tid_.resize(tid + 1, -1);
    int& f = file_of_tid_[tid];
    if (f < 0) f = NewFile(Cat("strace_log.", tid));
    return f;
  }
  void Flush(int i) {
    OutFile& f = files_[i];
    if (f.buf.empty()) return;
    sink_->Append(i, f.name, f.buf);
    f.flushed += f.buf.size();
    f.buf.clear();
    f.line_start = 0;
  }

  void BeginLine(OutFile& f, int32_t tid, int64_t us) {
    f.line_start = f.buf.size();
    std::string& s = f.buf;
    switch (v.prefix) {
      case PrefixMode::kPidColumn: {
        size_t before = s.size();
        AppendDec(s, tid);
        size_t n = s.size() - before;
        s.append(n < 5 ? 6 - n : 1, ' ');
        break;
      }
      case PrefixMode::kPidBracket:
        if (alive_ > 1) {
          s.append("[pid ");
          AppendRight(s, tid, 5);
          s.append("] ");
        }
        break;
      default: break;
    }
    if (m_->first_us == 0) m_->first_us = us;
    m_->last_us = std::max(m_->last_us, us);
    switch (v.stamp) {
      case StampMode::kNone: break;
      case StampMode::kSeconds:
        AppendHms(s, us / 1000000 % 86400);
        s.push_back(' ');
        break;
      case StampMode::kMicros:
        AppendHms(s, us / 1000000 % 86400);
        s.push_back('.');
        AppendZero(s, us % 1000000, 6);
        s.push_back(' ');
        break;
      case StampMode::kEpoch:
        AppendSecMicro(s, us);
        s.push_back(' ');
        break;
      case StampMode::kRelative: {
        int64_t d = f.last_us == INT64_MIN ? 0 : us - f.last_us;
        f.last_us = us;
        AppendRight(s, d / 1000000, 6);
        s.push_back('.');
        AppendZero(s, d % 1000000, 6);
        s.push_back(' ');
        break;
      }
    }
  }
  void EndLine(int fi) {
    OutFile& f = files_[fi];
    f.buf.push_back('\n');
    ++f.lines;
    f.line_start = f.buf.size();
    if (f.buf.size() >= kFlushBytes && open_ == nullptr) Flush(fi);
  }
  void AppendResult(OutFile& f, const Call* c) {
    size_t col = f.buf.size() - f.line_start;
    if (col + 1 < kAlignColumn) {
      f.buf.append(kAlignColumn - col, ' ');
    } else {
      f.buf.push_back(' ');
    }
    f.buf.append("= ", 2);
    f.buf.append(c->result);
    if (v.durations && !c->noreturn) {
      f.buf.append(" <", 2);
      AppendSecMicro(f.buf, c->t1 - c->t0);
      f.buf.push_back('>');
    }
  }
  void Count(const Call* c) {
    ++m_->syscalls;
    ++per_sys_[static_cast<size_t>(c->sys)];
    if (c->error) ++m_->errors;
    if (c->split) ++m_->stitched;
  }
  // Ends the open entry line with " <unfinished ...>" (strace does this when another task
  // needs the output).
  void CloseOpen() {
    OutFile& f = files_[0];
    f.buf.append(" <unfinished ...>");
    EndLine(0);
    open_->split = true;
    open_ = nullptr;
  }

  void PrintEntry(Call* c) {
    if (open_ != nullptr) CloseOpen();
    BeginLine(files_[0], c->tid, c->t0);
    files_[0].buf.append(c->head);
    open_ = c;
  }
  void PrintExit(Call* c) {
    if (v.prefix == PrefixMode::kPerTidFiles) {
      int fi = FileOf(c->tid);
      OutFile& f = files_[fi];
      BeginLine(f, c->tid, c->t0);
      f.buf.append(c->head);
      f.buf.append(c->tail);
      AppendResult(f, c);
      EndLine(fi);
      Count(c);
      return;
    }
    OutFile& f = files_[0];
    if (open_ == c && !c->broken) {
      f.buf.append(c->tail);
      AppendResult(f, c);
      open_ = nullptr;
      EndLine(0);
      Count(c);
      return;
    }
    if (open_ != nullptr) CloseOpen();
    BeginLine(f, c->tid, c->t1);
    f.buf.append("<... ", 5);
    f.buf.append(Name(c->sys));
    f.buf.append(" resumed>", 9);
    f.buf.append(c->tail);
    AppendResult(f, c);
    EndLine(0);
    Count(c);
  }
  void PrintInstant(Call* c) {
    if (c->kind == LineKind::kAttach) {
      // Written straight to stderr, into whatever line strace was in the middle of.
      OutFile& f = files_[0];
      if (open_ != nullptr) {
        open_->broken = true;
      } else {
        f.line_start = f.buf.size();
      }
      f.buf.append(c->head);
      ++f.lines;
      f.buf.push_back('\n');
      ++alive_;
      ++m_->strace_messages;
      return;
    }
    int fi = FileOf(c->tid);
    if (v.prefix != PrefixMode::kPerTidFiles && open_ != nullptr) CloseOpen();
    BeginLine(files_[fi], c->tid, c->t0);
    files_[fi].buf.append(c->head);
    EndLine(fi);
    if (c->kind == LineKind::kSignal) {
      ++m_->signals;
    } else {
      ++m_->exits;
      --alive_;
    }
  }

  Sink* sink_;
  Manifest* m_;
  std::vector<std::unique_ptr<Thread>> threads_;
  std::vector<std::unique_ptr<Call>> pool_;
  std::vector<Call*> free_;
  std::priority_queue<Ev, std::vector<Ev>, Later> heap_;
  uint64_t seq_ = 0;
  std::vector<OutFile> files_;
  std::vector<int> file_of_tid_;
  Call* open_ = nullptr;
  int alive_ = 1;  // traced tasks, for the [pid N] prefix
  std::array<uint64_t, kSysCount> per_sys_;
};

// ---------------------------------------------------------------------------------------
// Content copied from the lanchat captures in testdata/.

// The first 256 bytes of an ELF header as p2's read() of libdl.so.2 shows them.
constexpr char kElfHeader[] =
    "\177ELF\2\1\1\0\0\0\0\0\0\0\0\0\3\0>\0\1\0\0\0\0\0\0\0\0\0\0\0@\0\0\0\0\0\0\0P1\0\0\0\0\0"
    "\0\0\0\0\0@\08\0\v\0@\0\35\0\34\0\1\0\0\0\4\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0"
    "\0\0\0\0\330\6\0\0\0\0\0\0\330\6\0\0\0\0\0\0\0\20\0\0\0\0\0\0\1\0\0\0\5\0\0\0\0\20\0\0\0\0"
    "\0\0\0\20\0\0\0\0\0\0\0\20\0\0\0\0\0\0\r\1\0\0\0\0\0\0\r\1\0\0\0\0\0\0\0\20\0\0\0\0\0\0\1"
    "\0\0\0\4\0\0\0\0 \0\0\0\0\0\0\0 \0\0\0\0\0\0\0 \0\0\0\0\0\0\230\0\0\0\0\0\0\0\230\0\0\0\0"
    "\0\0\0\0\20\0\0\0\0\0\0\1\0\0\0\6\0\0\0\270-\0\0\0\0\0\0\270=\0\0\0\0\0\0";
constexpr std::string_view kElf(kElfHeader, sizeof(kElfHeader) - 1);

constexpr std::string_view kEventfdWord("\1\0\0\0\0\0\0\0", 8);

struct Library {
  std::string_view open_path;  // as ld.so asks for it
  std::string_view real_path;  // as -y shows the fd
  uint64_t size;
};
constexpr Library kLibraries[] = {
    {"/lib/x86_64-linux-gnu/libdl.so.2", "/usr/lib/x86_64-linux-gnu/libdl.so.2", 14480},
    {"/lib/x86_64-linux-gnu/libstdc++.so.6", "/usr/lib/x86_64-linux-gnu/libstdc++.so.6.0.30", 2190440},
    {"/lib/x86_64-linux-gnu/libm.so.6", "/usr/lib/x86_64-linux-gnu/libm.so.6", 911904},
    {"/lib/x86_64-linux-gnu/libgcc_s.so.1", "/usr/lib/x86_64-linux-gnu/libgcc_s.so.1", 125312},
    {"/lib/x86_64-linux-gnu/libpthread.so.0", "/usr/lib/x86_64-linux-gnu/libpthread.so.0", 14480},
    {"/lib/x86_64-linux-gnu/libc.so.6", "/usr/lib/x86_64-linux-gnu/libc.so.6", 1922136},
};

struct Module {
  std::string_view path;  // without "/home/auditor/app/"
  std::string_view probe; // the extension-less name node stats first ("" = none)
  std::string_view text;
};
constexpr Module kModules[] = {
    {"app.js", "",
     "'use strict';\nconst http = require('http');\nconst net = require('net');\nconst config = "
     "require('./lib/config');\nconst log = require('./lib/logger');\nconst staticFiles = "
     "require('./lib/static');\nconst history = require('./lib/history');\nconst bootstrap = "
     "require('./lib/bootstrap');\n"},
    {"lib/config.js", "lib/config",
     "'use strict';\n// Minimal .env loader (no dependency on dotenv).\nconst fs = "
     "require('fs');\nconst path = require('path');\n\nfunction loadEnvFile(file) {\n  let "
     "text;\n  try {\n    text = fs.readFileSync(file, 'utf8');\n"},
    {"lib/logger.js", "lib/logger",
     "'use strict';\n// Tiny logger. LOG_FORMAT=json writes pino-style NDJSON lines; text "
     "writes\n// human-readable lines. Errors and warnings go to stderr, the rest to "
     "stdout.\nconst os = require('os');\n"},
    {"lib/static.js", "lib/static",
     "'use strict';\n// Serves the files of frontend/ with fs.readFile (libuv thread pool).\n"
     "const fs = require('fs');\nconst path = require('path');\n"},
    {"lib/history.js", "lib/history",
     "'use strict';\n// Keeps the last MAX_HISTORY chat messages in memory and appends every\n// "
     "message to data/history.ndjson.\nconst fs = require('fs');\nconst path = require('path');\n"},
    {"lib/bootstrap.js", "lib/bootstrap",
     "'use strict';\n// Start-up housekeeping run once both servers are listening.\nconst fs = "
     "require('fs');\nconst { DATA_DIR } = require('./config');\n\nmodule.exports = function "
     "bootstrap(ctx) {\n  fs.mkdirSync(DATA_DIR, { recursive: true });\n"},
    {"server-messages/index.js", "",
     "'use strict';\n// Message templates sent to chat clients.\nmodule.exports = {\n"},
    {"handlers/index.js", "",
     "'use strict';\nmodule.exports = {\n  join: require('./join'),\n  message: "
     "require('./message'),\n"},
    {"handlers/join.js", "handlers/join",
     "'use strict';\nmodule.exports = function join(ctx, client, msg) {\n"},
    {"handlers/message.js", "handlers/message",
     "'use strict';\nmodule.exports = function message(ctx, client, msg) {\n"},
    {"handlers/commands.js", "handlers/commands",
     "'use strict';\n// Chat commands: /help /who /time /me\nmodule.exports = {\n"},
    {"handlers/leave.js", "handlers/leave",
     "'use strict';\nmodule.exports = function leave(ctx, client) {\n  ctx.send(client, "
     "ctx.messages.system('bye'));\n  client.socket.end();\n};\n"},
    {"handlers/typing.js", "handlers/typing",
     "'use strict';\nmodule.exports = function typing(ctx, client) {\n  ctx.broadcast({ type: "
     "'typing', user: client.user }, client);\n};\n"},
};

constexpr std::string_view kEnvFile =
    "# lanchat configuration (local development values only)\nHTTP_PORT=3000\nCHAT_HOST=0.0.0.0\n"
    "CHAT_PORT=3001\nLOG_FORMAT=text\nLOG_LEVEL=info\nMAX_HISTORY=50\n"
    "SESSION_SECRET=dev-only-not-a-real-secret-7f3a\nADMIN_TOKEN=local-admin-token-not-secret\n";
constexpr std::string_view kMotd = "Welcome to lanchat! Be kind. Type /help for commands.\n";

struct Route {
  std::string_view path;
  int weight;
  std::string_view file;          // frontend file served through the thread pool ("" = none)
  std::string_view content_type;  // static files
  std::string_view prefix;        // the file's first bytes, as the captures show them
  uint64_t size;
};
constexpr Route kRoutes[] = {
    {"/", 18, "index.html", "text/html; charset=utf-8",
     "<!doctype html>\n<html lang=\"en\">\n<head>\n  <meta charset=\"utf-8\">\n  "
     "<title>lanchat</title>\n  <link rel=\"stylesheet\" href=\"/style.css\">\n</head>\n<body>\n  "
     "<header><h1>lanchat</h1><span id=\"status\">offline</span></header>\n  <main "
     "id=\"log\"></main>\n  <form id=\"send\"><input id=\"text\" autocomplete=\"off\"><button>"
     "send</button></form>\n  <script src=\"/chat.js\"></script>\n</body>\n</html>\n",
     407},
    {"/style.css", 14, "style.css", "text/css; charset=utf-8",
     "body { font-family: system-ui, sans-serif; margin: 0; display: flex; flex-direction: "
     "column; height: 100vh; }\nheader { display: flex; justify-content: space-between; "
     "padding: 0 1rem; background: #223; color: #eef; }\n#log { flex: 1; overflow-y: auto; "
     "padding: 1rem; }\n",
     341},
    {"/chat.js", 14, "chat.js", "text/javascript; charset=utf-8",
     "// Browser side: polls the history API (the raw TCP protocol is used by the CLI "
     "client).\n(function () {\n  const log = document.getElementById('log');\n  const status "
     "= document.getElementById('status');\n  function render(items) {\n    log.innerHTML = "
     "'';\n    for (const m of items) {\n",
     670},
    {"/health", 22, "", "", "", 0},
    {"/api/history", 22, "", "", "", 0},
    {"/favicon.ico", 10, "favicon.ico", "", "", 0},
};

constexpr std::string_view kUsers[] = {"alice", "bob",   "carol", "dave",
                                       "erin",  "frank", "grace", "heidi"};
constexpr std::string_view kTexts[] = {
    "hi everyone",
    "morning! anyone seen the deploy notes?",
    "they are in the wiki under releases",
    "thanks, reading now",
    "lunch at noon?",
    "the build is green again",
    "can someone review my patch before the release",
    "ok",
    "back in 5",
    "who broke the staging config",
};

// ---------------------------------------------------------------------------------------
// The simulated program: lanchat on node, pid 28.
class NodeServer {
 public:
  NodeServer(Tracer& t, const GenOptions& o) : t_(t), v_(o.variant), rng_(t.rng), o_(o) {
    limit_ = static_cast<size_t>(v_.string_limit);
    AppendQuoted(q_eventfd_, kEventfdWord, limit_);
    AppendQuoted(q_star_, "*", limit_);
    fd_used_.assign(64, false);
    for (int i = 0; i <= 20; ++i) fd_used_[i] = true;
    next_inode_ = 36008;
    next_child_pid_ = std::max(91, 61 + o.pool_threads + 24);
    timer_deadline_ = 0;
    listen_http_ = {19, 0, 0, "socket:[36008]", "TCPv6:[[::]:3000]", "", 0};
    listen_chat_ = {20, 0, 0, "socket:[36011]", "TCP:[0.0.0.0:3001]", "", 0};
  }

  void Startup();
  void Episode();
  void Shutdown();

  int64_t now() const { return main_->ready; }

 private:
  struct Conn {
    int fd;
    uint32_t inode;
    int port;
    std::string y;   // -y:  "socket:[36081]"
    std::string yy;  // -yy: "TCP:[127.0.0.1:3001->127.0.0.1:56814]"
    std::string user;
    int id;
  };

  // ---- rendering helpers ----
  // Appends fd N with its -y / -yy annotation.
  void Fd(std::string& s, int fd, std::string_view y, std::string_view yy = {}) {
    AppendDec(s, fd);
    if (v_.annotate == 0) return;
    s.push_back('<');
    s.append(v_.annotate == 2 && !yy.empty() ? yy : y);
    s.push_back('>');
  }
  void Sock(std::string& s, const Conn& c) { Fd(s, c.fd, c.y, c.yy); }
  void Cwd(std::string& s) { s.append(v_.annotate ? "AT_FDCWD</home/auditor/app>" : "AT_FDCWD"); }
  void Epoll(std::string& s) { Fd(s, 14, "anon_inode:[eventpoll]"); }
  void Eventfd(std::string& s) { Fd(s, 17, "anon_inode:[eventfd]"); }
  void Log(std::string& s, int fd) { Fd(s, fd, "/artifacts/program.log"); }
  void Quote(std::string& s, std::string_view raw) { AppendQuoted(s, raw, limit_); }

  // A main-thread call on fd `fd` at the fast pace: `sys(FD<annotation>ARGS) = RESULT`.
  void FdCall(Sys sys, int fd, std::string_view y, std::string_view yy, std::string_view args,
              std::string_view result) {
    Call* c = t_.New(*main_, sys);
    Fd(c->head, fd, y, yy);
    c->head.append(args);
    c->tail.assign(")");
    c->result.assign(result);
    t_.Commit(*main_, c, t_.Fast());
  }
  void SockCall(Sys sys, const Conn& conn, std::string_view args, std::string_view result = "0") {
    FdCall(sys, conn.fd, conn.y, conn.yy, args, result);
  }
  // epoll_ctl on the loop's epoll fd: ADD/MOD watch `fd` for EPOLLIN (its number as the data),
  // DEL passes the pointer `del_arg`.
  void EpollCtl(std::string_view op, int fd, std::string_view y, std::string_view yy,
                std::string_view del_arg = {}, std::string_view result = "0") {
    Call* c = t_.New(*main_, Sys::epoll_ctl);
    Epoll(c->head);
    c->head.append(", ");
    c->head.append(op);
    c->head.append(", ");
    Fd(c->head, fd, y, yy);
    c->head.append(", ");
    if (del_arg.empty()) {
      c->head.append("{events=EPOLLIN, data={u32=");
      AppendDec(c->head, fd);
      c->head.append(", u64=");
      AppendDec(c->head, fd);
      c->head.append("}}");
    } else {
      c->head.append(del_arg);
    }
    c->tail.assign(")");
    c->result.assign(result);
    t_.Commit(*main_, c, t_.Fast());
  }

  // Renders a template line into c: `Y` or `Y|YY` after an fd number is its -y / -yy
  // annotation; ^ marks where an "<unfinished ...>" split cuts (default: before the last
  // ')'); $ is `raw`, quoted with -s.
  void Render(Call* c, std::string_view tpl, std::string_view raw = {}) {
    std::string* out = &c->head;
    c->head.resize(c->head.size() - Name(c->sys).size() - 1);  // the template has the name
    bool cut = false;
    for (size_t i = 0; i < tpl.size(); ++i) {
      char ch = tpl[i];
      if (ch == '`') {
        size_t end = tpl.find('`', i + 1);
        std::string_view ann = tpl.substr(i + 1, end - i - 1);
        size_t bar = ann.find('|');
        std::string_view y = ann.substr(0, bar);
        std::string_view yy = bar == std::string_view::npos ? y : ann.substr(bar + 1);
        if (v_.annotate != 0) {
          out->push_back('<');
          out->append(v_.annotate == 2 ? yy : y);
          out->push_back('>');
        }
        i = end;
      } else if (ch == '^') {
        out = &c->tail;
        cut = true;
      } else if (ch == '$') {
        Quote(*out, raw);
      } else {
        out->push_back(ch);
      }
    }
    if (!cut) {
      size_t p = c->head.rfind(')');
      c->tail.assign(c->head, p, std::string::npos);
      c->head.resize(p);
    }
  }
  void RenderResult(Call* c, std::string_view tpl) {
    c->result.clear();
    for (size_t i = 0; i < tpl.size(); ++i) {
      if (tpl[i] == '`') {
        size_t end = tpl.find('`', i + 1);
        std::string_view ann = tpl.substr(i + 1, end - i - 1);
        size_t bar = ann.find('|');
        std::string_view y = ann.substr(0, bar);
        std::string_view yy = bar == std::string_view::npos ? y : ann.substr(bar + 1);
        if (v_.annotate != 0) {
          c->result.push_back('<');
          c->result.append(v_.annotate == 2 ? yy : y);
          c->result.push_back('>');
        }
        i = end;
      } else {
        c->result.push_back(tpl[i]);
      }
    }
  }
  // One templated call on `th`; returns its end.
  int64_t L(Thread& th, Sys s, std::string_view tpl, std::string_view result, int64_t dur = 0,
            std::string_view raw = {}) {
    Call* c = t_.New(th, s);
    Render(c, tpl, raw);
    RenderResult(c, result);
    return t_.Commit(th, c, dur > 0 ? dur : t_.Fast());
  }

  int AllocFd() {
    for (size_t i = 0; i < fd_used_.size(); ++i)
      if (!fd_used_[i]) {
        fd_used_[i] = true;
        return static_cast<int>(i);
      }
    fd_used_.push_back(true);
    return static_cast<int>(fd_used_.size() - 1);
  }
  void FreeFd(int fd) { fd_used_[fd] = false; }

  uint64_t NextAddr() {
    // V8 heap pages: 0x<random 40 bits>0000 aligned to 256 KiB.
    return (rng_.Below(uint64_t{1} << 30) + 0x10000) << 18;
  }
  int EpollTimeout() {
    int64_t now_ms = now() / 1000;
    if (timer_deadline_ <= now_ms) timer_deadline_ = now_ms + 30000;
    return static_cast<int>(timer_deadline_ - now_ms);
  }

  // ---- steady-state building blocks ----
  int64_t EpollWait(int fd_ready, int64_t wait, bool hup = false);
  int64_t EpollPoll();
  void ReadEventfd();
  void PoolStep(int step, const Route& r, int file_fd, std::string_view path);
  void HttpRequest();
  void ChatJoin();
  void ChatLeave(size_t idx);
  void ChatTraffic();
  void GcRound();
  void SpawnChild();
  int64_t LogWrite(int fd, std::string_view level, std::string_view logger, std::string_view msg);
  void WriteTo(const Conn& to, std::string_view payload);
  void Broadcast(std::string_view payload, const Conn* except);
  void CreateThread(Thread& parent, Thread& child, bool early, uint64_t stack_size);
  void PlatformThreadBody(Thread& th);
  void ExitThread(Thread& th, int64_t at);

  Tracer& t_;
  const Variant& v_;
  Rng& rng_;
  const GenOptions& o_;
  size_t limit_;
  std::string q_eventfd_, q_star_;
  std::vector<bool> fd_used_;
  uint32_t next_inode_;
  int next_child_pid_;
  int64_t timer_deadline_;
  Conn listen_http_, listen_chat_;
  std::vector<Conn> chat_;
  int chat_ids_ = 0;
  uint64_t episodes_ = 0;
  uint64_t next_stack_ = 0x7fb9dd01d000;

  Thread* main_ = nullptr;
  Thread* epoll_thread_ = nullptr;     // tid 32: node's platform epoll thread
  std::vector<Thread*> v8_;            // 33..36: V8 platform workers
  Thread* watchdog_ = nullptr;         // 39: blocked until exit
  std::vector<Thread*> pool_;          // libuv thread pool, created on the first fs request
  size_t next_pool_ = 0;
  size_t next_v8_ = 0;
  std::string scratch_, scratch2_;
};

int64_t NodeServer::LogWrite(int fd, std::string_view level, std::string_view logger,
                             std::string_view msg) {
  scratch_.clear();
  scratch_.push_back('[');
  AppendIso(scratch_, now());
  scratch_.append("] ");
  scratch_.append(level);
  scratch_.append(level.size() == 4 ? "  " : " ");
  scratch_.append(logger);
  scratch_.append(": ");
  scratch_.append(msg);
  scratch_.push_back('\n');
  Call* c = t_.New(*main_, Sys::write);
  Log(c->head, fd);
  c->head.append(", ");
  Quote(c->head, scratch_);
  c->head.append(", ");
  AppendDec(c->head, scratch_.size());
  c->tail.assign(")");
  AppendDec(c->result, scratch_.size());
  return t_.Commit(*main_, c, t_.Fast());
}

// epoll_pwait(14<anon_inode:[eventpoll]>, [{events=EPOLLIN, data={u32=19, u64=19}}], 1024,
// 29995, NULL, 8) = 1 <1.314864>
int64_t NodeServer::EpollWait(int fd_ready, int64_t wait, bool hup) {
  Call* c = t_.New(*main_, Sys::epoll_pwait);
  Epoll(c->head);
  c->head.append(", ");
  int timeout = wait <= 40 ? 0 : EpollTimeout();
  if (fd_ready < 0) {
    c->tail.append("[], 1024, ");
  } else {
    c->tail.append(hup ? "[{events=EPOLLIN|EPOLLHUP, data={u32=" : "[{events=EPOLLIN, data={u32=");
    AppendDec(c->tail, fd_ready);
    c->tail.append(", u64=");
    AppendDec(c->tail, fd_ready);
    c->tail.append("}}], 1024, ");
  }
  AppendDec(c->tail, timeout);
  c->tail.append(", NULL, 8)");
  c->result.assign(fd_ready < 0 ? "0" : "1");
  return t_.Commit(*main_, c, std::max<int64_t>(wait, 9));
}
int64_t NodeServer::EpollPoll() { return EpollWait(-1, t_.Fast()); }

void NodeServer::ReadEventfd() {
  Call* c = t_.New(*main_, Sys::read);
  Eventfd(c->head);
  c->head.append(", ");
  c->tail.append(q_eventfd_);
  c->tail.append(", 1024)");
  c->result.assign("8");
  t_.Commit(*main_, c, t_.Fast());
}

// One fs operation of a static-file request on the thread pool, the way libuv does it: main
// wakes a worker, the worker runs the call, signals the loop's eventfd and waits again, main
// wakes up in epoll_pwait and drains the eventfd.
void NodeServer::PoolStep(int step, const Route& r, int file_fd, std::string_view path) {
  // main: futex(0x566f9c8, FUTEX_WAKE_PRIVATE, 1) = 1
  Call* c = t_.New(*main_, Sys::futex);
  c->head.append("0x566f9c8, FUTEX_WAKE_PRIVATE, 1");
  c->tail.assign(")");
  c->result.assign("1");
  int64_t woke = t_.Commit(*main_, c, t_.Fast());
  Thread& w = *pool_[next_pool_];
  next_pool_ = (next_pool_ + 1) % pool_.size();
  Call* wait = w.blocked;
  wait->tail.assign(")");
  wait->result.assign("0");
  int64_t resumed = t_.Resume(w, std::max(woke - t_.rng.Range(0, 15), t_.BlockedSince(w) + 20));
  if (rng_.Percent(40)) {
    c = t_.New(w, Sys::futex);
    c->head.append("0x566f960, FUTEX_WAKE_PRIVATE, 1");
    c->tail.assign(")");
    c->result.assign("0");
    t_.Commit(w, c, t_.Fast());
  }
  (void)resumed;
  switch (step) {
    case 0: {  // openat
      c = t_.New(w, Sys::openat);
      Cwd(c->head);
      c->head.append(", ");
      AppendQuoted(c->head, path, SIZE_MAX);  // paths are not cut by -s
      c->head.append(", O_RDONLY|O_CLOEXEC");
      c->tail.assign(")");
      if (file_fd < 0) {
        c->result.assign("-1 ENOENT (No such file or directory)");
      } else {
        Fd(c->result, file_fd, path);
      }
      break;
    }
    case 1: {  // statx
      c = t_.New(w, Sys::statx);
      Fd(c->head, file_fd, path);
      c->head.append(", \"\", AT_STATX_SYNC_AS_STAT|AT_EMPTY_PATH, STATX_ALL, ");
      c->tail.append("{stx_mask=STATX_ALL|STATX_MNT_ID, stx_attributes=0, stx_mode=S_IFREG|0644, stx_size=");
      AppendDec(c->tail, r.size);
      c->tail.append(", ...})");
      c->result.assign("0");
      break;
    }
    case 2: {  // read
      c = t_.New(w, Sys::read);
      Fd(c->head, file_fd, path);
      c->head.append(", ");
      Quote(c->tail, r.prefix.substr(0, std::min<size_t>(r.prefix.size(), r.size)));
      if (r.prefix.size() < r.size && limit_ >= r.prefix.size() && c->tail.back() == '"')
        c->tail.append("...");
      c->tail.append(", ");
      AppendDec(c->tail, r.size);
      c->tail.push_back(')');
      AppendDec(c->result, r.size);
      break;
    }
    default: {  // close
      c = t_.New(w, Sys::close);
      Fd(c->head, file_fd, path);
      c->tail.assign(")");
      c->result.assign("0");
      break;
    }
  }
  t_.Commit(w, c, t_.Fast() + (step == 0 ? 20 : 0));
  c = t_.New(w, Sys::write);
  Eventfd(c->head);
  c->head.append(", ");
  c->head.append(q_eventfd_);
  c->head.append(", 8");
  c->tail.assign(")");
  c->result.assign("8");
  int64_t signalled = t_.Commit(w, c, t_.Fast());
  c = t_.New(w, Sys::futex);
  c->head.append("0x566f9c8, FUTEX_WAIT_BITSET_PRIVATE|FUTEX_CLOCK_REALTIME, 0, NULL, FUTEX_BITSET_MATCH_ANY");
  t_.Block(w, c);
  // main meanwhile: maybe a zero-timeout poll, then the wait that the eventfd ends.
  if (rng_.Percent(45) && now() + 60 < signalled) EpollPoll();
  EpollWait(17, std::max<int64_t>(signalled + t_.rng.Range(8, 40) - now(), t_.Fast()));
  ReadEventfd();
}

void NodeServer::HttpRequest() {
  int total = 0;
  for (const Route& r : kRoutes) total += r.weight;
  int pick = static_cast<int>(rng_.Below(total));
  const Route* route = &kRoutes[0];
  for (const Route& r : kRoutes) {
    if (pick < r.weight) {
      route = &r;
      break;
    }
    pick -= r.weight;
  }
  if (rng_.Percent(50)) EpollPoll();
  EpollWait(19, rng_.Below(4) == 0 ? rng_.Range(2000, 40000) : rng_.Range(150, 2500));

  Conn conn;
  conn.fd = AllocFd();
  conn.inode = next_inode_ += static_cast<uint32_t>(rng_.Range(2, 20));
  conn.port = static_cast<int>(rng_.Range(32768, 60999));
  conn.y = Cat("socket:[", conn.inode, "]");
  conn.yy = Cat("TCPv6:[[::ffff:127.0.0.1]:3000->[::ffff:127.0.0.1]:", conn.port, "]");
  conn.id = 0;

  Call* c = t_.New(*main_, Sys::accept4);
  Sock(c->head, listen_http_);
  c->head.append(", ");
  c->tail.assign("NULL, NULL, SOCK_CLOEXEC|SOCK_NONBLOCK)");
  Sock(c->result, conn);
  t_.Commit(*main_, c, t_.Fast());

  SockCall(Sys::setsockopt, conn, ", SOL_TCP, TCP_NODELAY, [1], 4");

  EpollCtl("EPOLL_CTL_ADD", conn.fd, conn.y, conn.yy);

  EpollWait(conn.fd, t_.Fast());

  scratch_ = Cat("GET ", route->path, " HTTP/1.1\r\nHost: 127.0.0.1:3000\r\nConnection: close\r\n\r\n");
  c = t_.New(*main_, Sys::read);
  Sock(c->head, conn);
  c->head.append(", ");
  Quote(c->tail, scratch_);
  c->tail.append(", 65536)");
  AppendDec(c->result, scratch_.size());
  t_.Commit(*main_, c, t_.Fast());

  int status = 200;
  if (!route->file.empty()) {
    if (pool_.empty()) {
      for (int i = 0; i < o_.pool_threads; ++i) {
        Thread* w = t_.NewThread(61 + i, Tracer::kMainTid, now());
        CreateThread(*main_, *w, false, 0x7ffe80);
        c = t_.New(*w, Sys::futex);
        c->head.append("0x566f9c8, FUTEX_WAIT_BITSET_PRIVATE|FUTEX_CLOCK_REALTIME, 0, NULL, FUTEX_BITSET_MATCH_ANY");
        t_.Block(*w, c);
        pool_.push_back(w);
      }
    }
    std::string path = Cat("/home/auditor/app/frontend/", route->file);
    bool missing = route->size == 0;
    int fd = missing ? -1 : AllocFd();
    PoolStep(0, *route, fd, path);
    if (missing) {
      status = 404;
    } else {
      PoolStep(1, *route, fd, path);
      PoolStep(2, *route, fd, path);
      PoolStep(3, *route, fd, path);
      FreeFd(fd);
    }
  }

  // The response.
  int64_t sec = now() / 1000000;
  scratch2_.clear();
  c = t_.New(*main_, Sys::writev);
  Sock(c->head, conn);
  c->head.append(", [");
  uint64_t total_bytes = 0;
  auto iov = [&](std::string_view data, bool more) {
    c->head.append("{iov_base=");
    Quote(c->head, data);
    c->head.append(", iov_len=");
    AppendDec(c->head, data.size());
    c->head.append(more ? "}, " : "}");
    total_bytes += data.size();
  };
  if (status == 200 && !route->file.empty()) {
    scratch_ = Cat("HTTP/1.1 200 OK\r\ncontent-type: ", route->content_type,
                            "\r\ncontent-length: ", route->size, "\r\ncache-control: no-cache\r\nDate: ");
    AppendHttpDate(scratch_, sec);
    scratch_.append("\r\nConnection: close\r\n\r\n");
    std::string body(route->prefix.substr(0, std::min<size_t>(route->prefix.size(), route->size)));
    body.resize(route->size, ' ');
    iov(scratch_, true);
    iov(body, true);
    iov("", false);
    c->head.append("], 3");
  } else {
    std::string body;
    if (status == 404) {
      body = "not found\n";
    } else if (route->path == "/health") {
      body = Cat("{\"status\":\"ok\",\"clients\":", chat_.size(), ",\"uptime\":",
                          (now() - o_.start_us) / 1000000, "}");
    } else {
      body = "[]";
    }
    scratch_ = status == 404 ? "HTTP/1.1 404 Not Found\r\ncontent-type: text/plain\r\nDate: "
                             : "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\nDate: ";
    AppendHttpDate(scratch_, sec);
    scratch_.append("\r\nConnection: close\r\nTransfer-Encoding: chunked\r\n\r\n");
    {
      std::string hex;
      AppendHex(hex, body.size());
      scratch_.append(hex, 2, std::string::npos);
    }
    iov(scratch_, true);
    iov("\r\n", true);
    iov(body, true);
    iov("\r\n", true);
    iov("0\r\n\r\n", false);
    c->head.append("], 5");
  }
  c->tail.assign(")");
  AppendDec(c->result, total_bytes);
  t_.Commit(*main_, c, t_.Fast() + 20);

  LogWrite(1, "INFO", "lanchat.http", Cat("GET ", route->path, " ", status));
  if (episodes_ % 97 == 13) GcRound();

  SockCall(Sys::shutdown, conn, ", SHUT_WR");
  if (rng_.Percent(8)) {
    L(*main_, Sys::ioctl, "ioctl(2`/artifacts/program.log`, TCGETS, 0x7fff36c06130)",
      "-1 ENOTTY (Inappropriate ioctl for device)");
    L(*main_, Sys::fstat, "fstat(2`/artifacts/program.log`, ^{st_mode=S_IFREG|0644, st_size=610, ...})", "0");
  }
  EpollCtl("EPOLL_CTL_DEL", conn.fd, conn.y, conn.yy, "0x7fff36c06454");

  SockCall(Sys::close, conn, {});
  FreeFd(conn.fd);
}

void NodeServer::WriteTo(const Conn& to, std::string_view payload) {
  Call* c = t_.New(*main_, Sys::write);
  Sock(c->head, to);
  c->head.append(", ");
  Quote(c->head, payload);
  c->head.append(", ");
  AppendDec(c->head, payload.size());
  c->tail.assign(")");
  AppendDec(c->result, payload.size());
  t_.Commit(*main_, c, t_.Fast());
}

void NodeServer::Broadcast(std::string_view payload, const Conn* except) {
  for (const Conn& o : chat_)
    if (&o != except) WriteTo(o, payload);
}

void NodeServer::ChatJoin() {
  if (rng_.Percent(50)) EpollPoll();
  EpollWait(20, rng_.Range(500, 30000));
  Conn conn;
  conn.fd = AllocFd();
  conn.inode = next_inode_ += static_cast<uint32_t>(rng_.Range(2, 20));
  conn.port = static_cast<int>(rng_.Range(32768, 60999));
  conn.y = Cat("socket:[", conn.inode, "]");
  conn.yy = Cat("TCP:[127.0.0.1:3001->127.0.0.1:", conn.port, "]");
  conn.id = ++chat_ids_;
  conn.user = std::string(kUsers[(conn.id - 1) % (sizeof(kUsers) / sizeof(kUsers[0]))]);

  Call* c = t_.New(*main_, Sys::accept4);
  Sock(c->head, listen_chat_);
  c->head.append(", ");
  c->tail.assign("NULL, NULL, SOCK_CLOEXEC|SOCK_NONBLOCK)");
  Sock(c->result, conn);
  t_.Commit(*main_, c, t_.Fast());

  c = t_.New(*main_, Sys::getpeername);
  Sock(c->head, conn);
  c->head.append(", ");
  c->tail.assign("{sa_family=AF_INET, sin_port=htons(");
  AppendDec(c->tail, conn.port);
  c->tail.append("), sin_addr=inet_addr(\"127.0.0.1\")}, [128 => 16])");
  c->result.assign("0");
  t_.Commit(*main_, c, t_.Fast());
  std::string peer = Cat("127.0.0.1:", conn.port);
  LogWrite(1, "INFO", "lanchat.chat", Cat("connection #", conn.id, " from ", peer));
  chat_.push_back(conn);
  const Conn& me = chat_.back();
  std::string welcome =
      Cat("{\"type\":\"welcome\",\"id\":", conn.id, ",\"motd\":\"",
                   kMotd.substr(0, kMotd.size() - 1), "\",\"protocol\":1}\n");
  WriteTo(me, welcome);

  EpollCtl("EPOLL_CTL_ADD", me.fd, me.y, me.yy);

  EpollWait(me.fd, t_.Fast());
  std::string join = Cat("{\"type\":\"join\",\"user\":\"", me.user, "\"}\n");
  c = t_.New(*main_, Sys::read);
  Sock(c->head, me);
  c->head.append(", ");
  Quote(c->tail, join);
  c->tail.append(", 65536)");
  AppendDec(c->result, join.size());
  t_.Commit(*main_, c, t_.Fast());
  LogWrite(1, "INFO", "lanchat.chat", Cat(me.user, " joined (#", me.id, " ", peer, ")"));
  std::string joined = Cat("{\"type\":\"joined\",\"user\":\"", me.user, "\",\"history\":[]}\n");
  WriteTo(me, joined);
  Broadcast(Cat("{\"type\":\"system\",\"text\":\"", me.user, " joined the chat\",\"ts\":",
                         now() / 1000, "}\n"),
            &me);
}

void NodeServer::ChatLeave(size_t idx) {
  Conn conn = chat_[idx];
  EpollWait(conn.fd, rng_.Range(500, 20000));
  std::string_view leave = "{\"type\":\"leave\"}\n";
  Call* c = t_.New(*main_, Sys::read);
  Sock(c->head, conn);
  c->head.append(", ");
  Quote(c->tail, leave);
  c->tail.append(", 65536)");
  AppendDec(c->result, leave.size());
  t_.Commit(*main_, c, t_.Fast());
  std::string bye = Cat("{\"type\":\"system\",\"text\":\"bye\",\"ts\":", now() / 1000, "}\n");
  WriteTo(conn, bye);
  SockCall(Sys::shutdown, conn, ", SHUT_WR");
  EpollCtl("EPOLL_CTL_MOD", conn.fd, conn.y, conn.yy);
  EpollWait(conn.fd, t_.Fast(), /*hup=*/true);
  c = t_.New(*main_, Sys::read);
  Sock(c->head, conn);
  c->head.append(", ");
  c->tail.assign("\"\", 65536)");
  c->result.assign("0");
  t_.Commit(*main_, c, t_.Fast());
  EpollCtl("EPOLL_CTL_DEL", conn.fd, conn.y, conn.yy, "0x7fff306d84b4");
  SockCall(Sys::close, conn, {});
  FreeFd(conn.fd);
  chat_.erase(chat_.begin() + static_cast<long>(idx));
  Broadcast(Cat("{\"type\":\"system\",\"text\":\"", conn.user, " left the chat\",\"ts\":",
                         now() / 1000, "}\n"),
            nullptr);
  LogWrite(1, "INFO", "lanchat.chat", Cat("connection #", conn.id, " closed (", conn.user, ")"));
}

void NodeServer::ChatTraffic() {
  if (chat_.size() < 2 || (chat_.size() < 6 && rng_.Percent(3))) return ChatJoin();
  size_t idx = rng_.Below(chat_.size());
  if (rng_.Percent(3)) return ChatLeave(idx);
  const Conn& from = chat_[idx];
  if (rng_.Percent(40)) EpollPoll();
  EpollWait(from.fd, rng_.Below(4) == 0 ? rng_.Range(5000, 250000) : rng_.Range(200, 4000));
  int kind = static_cast<int>(rng_.Below(100));
  std::string in;
  std::string_view text;
  if (kind < 40) {
    in = "{\"type\":\"typing\"}\n";
  } else if (kind < 88) {
    text = kTexts[rng_.Below(sizeof(kTexts) / sizeof(kTexts[0]))];
    in = Cat("{\"type\":\"message\",\"text\":\"", text, "\"}\n");
  } else if (kind < 93) {
    in = "{\"type\":\"message\",\"text\":\"/who\"}\n";
  } else if (kind < 98) {
    in = "{\"type\":\"message\",\"text\":\"/time\"}\n";
  } else {
    in = "this is not json\n";
  }
  Call* c = t_.New(*main_, Sys::read);
  Sock(c->head, from);
  c->head.append(", ");
  Quote(c->tail, in);
  c->tail.append(", 65536)");
  AppendDec(c->result, in.size());
  t_.Commit(*main_, c, t_.Fast());
  int64_t ms = now() / 1000;
  if (kind < 40) {
    Broadcast(Cat("{\"type\":\"typing\",\"user\":\"", from.user, "\"}\n"), &from);
  } else if (kind < 88) {
    Broadcast(Cat("{\"type\":\"message\",\"from\":\"", from.user, "\",\"text\":\"", text,
                           "\",\"ts\":", ms, "}\n"),
              nullptr);
    std::string rec = Cat("{\"from\":\"", from.user, "\",\"text\":\"", text, "\",\"ts\":", ms, "}\n");
    int fd = AllocFd();
    constexpr std::string_view kHistory = "/home/auditor/app/data/history.ndjson";
    c = t_.New(*main_, Sys::openat);
    Cwd(c->head);
    c->head.append(", \"/home/auditor/app/data/history.ndjson\", O_WRONLY|O_CREAT|O_APPEND|O_CLOEXEC, 0666");
    c->tail.assign(")");
    Fd(c->result, fd, kHistory);
    t_.Commit(*main_, c, t_.Fast() + 40);
    c = t_.New(*main_, Sys::write);
    Fd(c->head, fd, kHistory);
    c->head.append(", ");
    Quote(c->head, rec);
    c->head.append(", ");
    AppendDec(c->head, rec.size());
    c->tail.assign(")");
    AppendDec(c->result, rec.size());
    t_.Commit(*main_, c, t_.Fast());
    FdCall(Sys::close, fd, kHistory, {}, {}, "0");
    FreeFd(fd);
  } else if (kind < 93) {
    std::string names;
    for (const Conn& o : chat_) CatTo(&names, names.empty() ? "" : ", ", o.user);
    std::string out = Cat("{\"type\":\"system\",\"text\":\"online: ", names, "\",\"ts\":", ms, "}\n");
    WriteTo(from, out);
  } else if (kind < 98) {
    std::string iso;
    AppendIso(iso, now());
    std::string out = Cat("{\"type\":\"system\",\"text\":\"server time ", iso, "\",\"ts\":", ms, "}\n");
    WriteTo(from, out);
  } else {
    LogWrite(2, "WARN", "lanchat.chat",
             Cat("connection #", from.id, ": ignoring malformed line (16 bytes)"));
    std::string_view stack =
        "SyntaxError: Unexpected token 'h', \"this is not json\" is not valid JSON\n    at "
        "JSON.parse (<anonymous>)\n    at Socket.<anonymous> (/home/auditor/app/app.js:58:20)\n"
        "    at Socket.emit (node:events:524:28)\n";
    c = t_.New(*main_, Sys::write);
    Log(c->head, 2);
    c->head.append(", ");
    Quote(c->head, stack);
    c->head.append(", ");
    AppendDec(c->head, stack.size());
    c->tail.assign(")");
    AppendDec(c->result, stack.size());
    t_.Commit(*main_, c, t_.Fast());
    std::string_view err =
        "{\"type\":\"error\",\"code\":\"bad_json\",\"message\":\"Could not parse message "
        "(expected one JSON object per line)\"}\n";
    WriteTo(from, err);
  }
}

// A V8 GC round: new heap pages on main, a platform worker woken to help.
void NodeServer::GcRound() {
  int pages = static_cast<int>(rng_.Range(1, 4));
  for (int i = 0; i < pages; ++i) {
    uint64_t a = NextAddr();
    Call* c = t_.New(*main_, Sys::mmap);
    AppendHex(c->head, a);
    c->head.append(", 520192, PROT_NONE, MAP_PRIVATE|MAP_ANONYMOUS|MAP_NORESERVE, -1, 0");
    c->tail.assign(")");
    AppendHex(c->result, a);
    t_.Commit(*main_, c, t_.Fast());
    c = t_.New(*main_, Sys::madvise);
    AppendHex(c->head, a);
    c->head.append(", 520192, MADV_DONTFORK");
    c->tail.assign(")");
    c->result.assign("0");
    t_.Commit(*main_, c, t_.Fast());
    c = t_.New(*main_, Sys::munmap);
    AppendHex(c->head, a + 0x40000);
    c->head.append(", 258048");
    c->tail.assign(")");
    c->result.assign("0");
    t_.Commit(*main_, c, t_.Fast());
    c = t_.New(*main_, Sys::mprotect);
    AppendHex(c->head, a);
    c->head.append(", 262144, PROT_READ|PROT_WRITE");
    c->tail.assign(")");
    c->result.assign("0");
    t_.Commit(*main_, c, t_.Fast());
  }
  Call* c = t_.New(*main_, Sys::futex);
  c->head.append("0x116ace74, FUTEX_WAKE_PRIVATE, 1");
  c->tail.assign(")");
  c->result.assign("1");
  int64_t woke = t_.Commit(*main_, c, t_.Fast());
  Thread& w = *v8_[next_v8_];
  next_v8_ = (next_v8_ + 1) % v8_.size();
  w.blocked->tail.assign(")");
  w.blocked->result.assign("0");
  t_.Resume(w, std::max(woke + 5, t_.BlockedSince(w) + 20));
  c = t_.New(w, Sys::futex);
  c->head.append("0x116ace20, FUTEX_WAKE_PRIVATE, 1");
  c->tail.assign(")");
  c->result.assign("0");
  t_.Commit(w, c, t_.Fast());
  if (rng_.Percent(30)) {
    c = t_.New(w, Sys::mmap);
    c->head.append("NULL, 134217728, PROT_NONE, MAP_PRIVATE|MAP_ANONYMOUS|MAP_NORESERVE, -1, 0");
    c->tail.assign(")");
    c->result.assign("0x7fb9ace00000");
    t_.Commit(w, c, t_.Fast());
    c = t_.New(w, Sys::munmap);
    c->head.append("0x7fb9ace00000, 52428800");
    c->tail.assign(")");
    c->result.assign("0");
    t_.Commit(w, c, t_.Fast() + 40);
  }
  c = t_.New(w, Sys::madvise);
  AppendHex(c->head, NextAddr());
  c->head.append(", 262144, MADV_DONTNEED");
  c->tail.assign(")");
  c->result.assign("0");
  t_.Commit(w, c, t_.Fast());
  c = t_.New(w, Sys::futex);
  c->head.append("0x116ace74, FUTEX_WAIT_BITSET_PRIVATE|FUTEX_CLOCK_REALTIME, 0, NULL, FUTEX_BITSET_MATCH_ANY");
  t_.Block(w, c);
}

// node's child_process.exec('id; cat /etc/passwd') of p4: socketpairs, clone with SIGCHLD,
// /bin/sh running id through vfork, SIGCHLD, wait4.
void NodeServer::SpawnChild() {
  std::string ann[6];
  int fds[6];
  for (int i = 0; i < 6; i += 2) {
    fds[i] = AllocFd();
    fds[i + 1] = AllocFd();
    uint32_t a = next_inode_ += 3, b = a + 1;
    Call* c = t_.New(*main_, Sys::socketpair);
    c->head.append("AF_UNIX, SOCK_STREAM|SOCK_CLOEXEC, 0, ");
    ann[i] = Cat("UNIX-STREAM:[", a, "->", b, "]");
    ann[i + 1] = Cat("UNIX-STREAM:[", b, "->", a, "]");
    c->tail.push_back('[');
    Fd(c->tail, fds[i], Cat("socket:[", a, "]"), ann[i]);
    c->tail.append(", ");
    Fd(c->tail, fds[i + 1], Cat("socket:[", b, "]"), ann[i + 1]);
    c->tail.append("])");
    c->result.assign("0");
    t_.Commit(*main_, c, t_.Fast());
    if (v_.annotate == 1) {
      ann[i] = Cat("socket:[", a, "]");
      ann[i + 1] = Cat("socket:[", b, "]");
    }
  }
  L(*main_, Sys::rt_sigprocmask, "rt_sigprocmask(SIG_SETMASK, ~[RTMIN RT_1], ^[], 8)", "0");
  L(*main_, Sys::read, "read(4`pipe:[35982]`, ^\"*\", 1)", "1");
  L(*main_, Sys::rt_sigaction,
    "rt_sigaction(SIGCHLD, {sa_handler=0x18b68a0, sa_mask=~[RTMIN RT_1], sa_flags=SA_RESTORER|SA_RESTART, sa_restorer=0x7fb9dd85a050}, ^NULL, 8)",
    "0");
  L(*main_, Sys::write, "write(5`pipe:[35982]`, \"*\", 1)", "1");
  L(*main_, Sys::rt_sigprocmask, "rt_sigprocmask(SIG_SETMASK, [], ^NULL, 8)", "0");
  int p0 = AllocFd(), p1 = AllocFd();
  uint32_t pino = next_inode_ += 2;
  std::string pipe_ann = Cat("pipe:[", pino, "]");
  Call* c = t_.New(*main_, Sys::pipe2);
  c->tail.push_back('[');
  Fd(c->tail, p0, pipe_ann);
  c->tail.append(", ");
  Fd(c->tail, p1, pipe_ann);
  c->tail.append("], O_CLOEXEC)");
  c->result.assign("0");
  t_.Commit(*main_, c, t_.Fast());
  L(*main_, Sys::rt_sigprocmask,
    "rt_sigprocmask(SIG_BLOCK, ~[ILL TRAP ABRT BUS KILL SEGV STOP SYS RTMIN RT_1], ^[], 8)", "0");

  const int child_pid = next_child_pid_++;
  const int grandchild_pid = next_child_pid_++;
  c = t_.New(*main_, Sys::clone);
  c->head.append("child_stack=NULL, flags=CLONE_CHILD_CLEARTID|CLONE_CHILD_SETTID|SIGCHLD, child_tidptr=0x7fb9ddcc9f50");
  c->tail.assign(")");
  AppendDec(c->result, child_pid);
  int64_t clone_at = now();
  int64_t clone_end = t_.Commit(*main_, c, t_.rng.Range(900, 1400));
  Thread* sh = t_.NewThread(child_pid, child_pid, clone_at + 300);
  t_.Attached(*sh, clone_at + 250);

  Thread& k = *sh;
  L(k, Sys::set_robust_list, "set_robust_list(0x7fb9ddcc9f60, 24)", "0");
  L(k, Sys::close, Cat("close(", p0, "`", pipe_ann, "`)"), "0");
  L(k, Sys::execve,
    "execve(\"/bin/sh\", [\"/bin/sh\", \"-c\", \"id; cat /etc/passwd\"], 0x3f2b0a0 /* 7 vars */)", "0",
    1100);
  L(k, Sys::brk, "brk(NULL)", "0x55c56e22b000");
  L(k, Sys::mmap, "mmap(NULL, 8192, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0)", "0x7f1c2b3f5000");
  L(k, Sys::access, "access(\"/etc/ld.so.preload\", R_OK)", "-1 ENOENT (No such file or directory)");
  L(k, Sys::openat, "openat(AT_FDCWD`/home/auditor/app`, \"/etc/ld.so.cache\", O_RDONLY|O_CLOEXEC)",
    "3`/etc/ld.so.cache`");
  L(k, Sys::close, "close(3`/etc/ld.so.cache`)", "0");
  L(k, Sys::openat,
    "openat(AT_FDCWD`/home/auditor/app`, \"/lib/x86_64-linux-gnu/libc.so.6\", O_RDONLY|O_CLOEXEC)",
    "3`/usr/lib/x86_64-linux-gnu/libc.so.6`");
  L(k, Sys::read, "read(3`/usr/lib/x86_64-linux-gnu/libc.so.6`, ^$, 832)", "832", 0, kElf);
  L(k, Sys::close, "close(3`/usr/lib/x86_64-linux-gnu/libc.so.6`)", "0");
  L(k, Sys::getpid, "getpid()", std::to_string(child_pid));
  L(k, Sys::newfstatat, "newfstatat(AT_FDCWD`/home/auditor/app`, \"/usr/local/bin/id\", ^0x7fff68ebc4f0, 0)",
    "-1 ENOENT (No such file or directory)");
  L(k, Sys::newfstatat,
    "newfstatat(AT_FDCWD`/home/auditor/app`, \"/usr/bin/id\", ^{st_mode=S_IFREG|0755, st_size=48144, ...}, 0)", "0");
  // sh: vfork() = grandchild; the grandchild runs /usr/bin/id and writes to the socket.
  c = t_.New(k, Sys::vfork);
  c->tail.assign(")");
  AppendDec(c->result, grandchild_pid);
  int64_t vfork_at = k.ready;
  int64_t vfork_end = t_.Commit(k, c, t_.rng.Range(500, 700));
  Thread* id = t_.NewThread(grandchild_pid, grandchild_pid, vfork_at + 150);
  t_.Attached(*id, vfork_at + 100);
  L(*id, Sys::execve, "execve(\"/usr/bin/id\", [\"id\"], 0x55c56e22bbf8 /* 7 vars */)", "0", 400);
  L(*id, Sys::brk, "brk(NULL)", "0x5591d1c4e000");
  L(*id, Sys::openat, "openat(AT_FDCWD`/home/auditor/app`, \"/etc/passwd\", O_RDONLY|O_CLOEXEC)",
    "3`/etc/passwd`");
  L(*id, Sys::read, "read(3`/etc/passwd`, ^$, 4096)", "1323", 0,
    "root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\n");
  L(*id, Sys::close, "close(3`/etc/passwd`)", "0");
  scratch_ = "uid=1001(auditor) gid=1001(auditor) groups=1001(auditor)\n";
  c = t_.New(*id, Sys::write);
  Fd(c->head, 1, ann[3]);
  c->head.append(", ");
  Quote(c->head, scratch_);
  c->head.append(", 57");
  c->tail.assign(")");
  c->result.assign("57");
  t_.Commit(*id, c, t_.Fast());
  L(*id, Sys::exit_group, "exit_group(0)", "?");
  int64_t id_exit = t_.Exited(*id, 0);
  k.ready = std::max(k.ready, std::max(vfork_end, id_exit) + 20);
  L(k, Sys::wait4, "wait4(-1, ^[{WIFEXITED(s) && WEXITSTATUS(s) == 0}], 0, NULL)", std::to_string(grandchild_pid),
    t_.rng.Range(100, 400));
  t_.Signal(k, Cat("--- SIGCHLD {si_signo=SIGCHLD, si_code=CLD_EXITED, si_pid=", grandchild_pid,
                            ", si_uid=1001, si_status=0, si_utime=0, si_stime=0} ---"));
  L(k, Sys::rt_sigreturn, "rt_sigreturn({mask=[]})", std::to_string(grandchild_pid));
  L(k, Sys::wait4, "wait4(-1, ^0x7fff68ebc47c, WNOHANG, NULL)", "-1 ECHILD (No child processes)");
  L(k, Sys::exit_group, "exit_group(0)", "?");
  int64_t sh_exit = t_.Exited(k, 0);

  // node: reads the output while the children run, then reaps.
  main_->ready = std::max(main_->ready, clone_end + 30);
  L(*main_, Sys::close, Cat("close(", p1, "`", pipe_ann, "`)"), "0");
  L(*main_, Sys::read, Cat("read(", p0, "`", pipe_ann, "`, ^\"\", 4)"), "0");
  L(*main_, Sys::close, Cat("close(", p0, "`", pipe_ann, "`)"), "0");
  FreeFd(p0);
  FreeFd(p1);
  EpollWait(fds[2], std::max<int64_t>(t_.Fast(), id_exit - 100 - now()));
  c = t_.New(*main_, Sys::read);
  Fd(c->head, fds[2], ann[2]);
  c->head.append(", ");
  Quote(c->tail, scratch_);
  c->tail.append(", 65536)");
  c->result.assign("57");
  t_.Commit(*main_, c, t_.Fast());
  main_->ready = std::max(main_->ready, sh_exit + 40);
  t_.Signal(*main_, Cat("--- SIGCHLD {si_signo=SIGCHLD, si_code=CLD_EXITED, si_pid=", child_pid,
                                 ", si_uid=1001, si_status=0, si_utime=0, si_stime=1 /* 0.01 s */} ---"));
  L(*main_, Sys::read, "read(4`pipe:[35982]`, ^\"*\", 1)", "1");
  L(*main_, Sys::write, "write(16`pipe:[35997]`, \"h\\374f\\5\\0\\0\\0\\0\\21\\0\\0\\0\\0\\0\\0\\0\", 16)", "16");
  L(*main_, Sys::write, "write(5`pipe:[35982]`, \"*\", 1)", "1");
  L(*main_, Sys::rt_sigreturn, "rt_sigreturn({mask=[]})", "2");
  for (int i = 0; i < 6; i += 2) {
    if (i == 0) continue;
    FdCall(Sys::close, fds[i], ann[i], {}, {}, "0");
  }
  EpollWait(15, t_.Fast());
  L(*main_, Sys::read, "read(15`pipe:[35997]`, ^\"h\\374f\\5\\0\\0\\0\\0\\21\\0\\0\\0\\0\\0\\0\\0\", 512)", "16");
  L(*main_, Sys::wait4, Cat("wait4(", child_pid, ", ^[{WIFEXITED(s) && WEXITSTATUS(s) == 0}], WNOHANG, NULL)"),
    std::to_string(child_pid));
  EpollCtl("EPOLL_CTL_DEL", fds[0], ann[0], {}, "0x7fff306d8654", "-1 ENOENT (No such file or directory)");
  FdCall(Sys::close, fds[0], ann[0], {}, {}, "0");
  for (int fd : fds) FreeFd(fd);
  LogWrite(1, "INFO", "lanchat.chat", "diagnostics sent (1323 bytes)");
}

// New thread, as glibc's pthread_create does it (mmap the stack, clone3) and the thread's
// first calls.
void NodeServer::CreateThread(Thread& parent, Thread& child, bool early, uint64_t stack_size) {
  uint64_t stack = next_stack_;
  next_stack_ -= 0x801000;
  child.stack = stack;
  Call* c = t_.New(parent, Sys::mmap);
  c->head.append("NULL, 8392704, PROT_NONE, MAP_PRIVATE|MAP_ANONYMOUS|MAP_STACK, -1, 0");
  c->tail.assign(")");
  AppendHex(c->result, stack);
  t_.Commit(parent, c, t_.Fast());
  c = t_.New(parent, Sys::mprotect);
  AppendHex(c->head, stack + 0x1000);
  c->head.append(", 8388608, PROT_READ|PROT_WRITE");
  c->tail.assign(")");
  c->result.assign("0");
  t_.Commit(parent, c, t_.Fast());
  L(parent, Sys::rt_sigprocmask, early ? "rt_sigprocmask(SIG_BLOCK, ~[], ^[USR1], 8)" : "rt_sigprocmask(SIG_BLOCK, ~[], ^[], 8)", "0");
  uint64_t top = stack + 0x800000;
  c = t_.New(parent, Sys::clone3);
  c->head.append(
      "{flags=CLONE_VM|CLONE_FS|CLONE_FILES|CLONE_SIGHAND|CLONE_THREAD|CLONE_SYSVSEM|CLONE_SETTLS|"
      "CLONE_PARENT_SETTID|CLONE_CHILD_CLEARTID, child_tid=");
  AppendHex(c->head, top + 0x990);
  c->head.append(", parent_tid=");
  AppendHex(c->head, top + 0x990);
  c->head.append(", exit_signal=0, stack=");
  AppendHex(c->head, stack);
  c->head.append(", stack_size=");
  AppendHex(c->head, stack_size);
  c->head.append(", tls=");
  AppendHex(c->head, top + 0x6c0);
  c->head.append("}");
  c->tail.assign(" => {parent_tid=[");
  AppendDec(c->tail, child.tid);
  c->tail.append("]}, 88)");
  AppendDec(c->result, child.tid);
  int64_t at = parent.ready;
  t_.Commit(parent, c, t_.rng.Range(300, 550));
  t_.Attached(child, at + 60);
  child.ready = at + t_.rng.Range(120, 250);
  c = t_.New(child, Sys::rseq);
  AppendHex(c->head, top + 0xfe0);
  c->head.append(", 0x20, 0, 0x53053053");
  c->tail.assign(")");
  c->result.assign("0");
  t_.Commit(child, c, t_.Fast() + 60);
  c = t_.New(child, Sys::set_robust_list);
  AppendHex(c->head, top + 0x9a0);
  c->head.append(", 24");
  c->tail.assign(")");
  c->result.assign("0");
  t_.Commit(child, c, t_.Fast());
  L(child, Sys::rt_sigprocmask, early ? "rt_sigprocmask(SIG_SETMASK, [USR1], ^NULL, 8)" : "rt_sigprocmask(SIG_SETMASK, [], ^NULL, 8)", "0");
  L(parent, Sys::rt_sigprocmask, early ? "rt_sigprocmask(SIG_SETMASK, [USR1], ^NULL, 8)" : "rt_sigprocmask(SIG_SETMASK, [], ^NULL, 8)", "0");
}

void NodeServer::ExitThread(Thread& th, int64_t at) {
  th.ready = std::max(th.ready, at);
  L(th, Sys::rt_sigprocmask, "rt_sigprocmask(SIG_BLOCK, ~[RT_1], ^NULL, 8)", "0");
  Call* c = t_.New(th, Sys::madvise);
  AppendHex(c->head, th.stack);
  c->head.append(", 8368128, MADV_DONTNEED");
  c->tail.assign(")");
  c->result.assign("0");
  t_.Commit(th, c, t_.Fast());
  L(th, Sys::exit, "exit(0)", "?");
  t_.Exited(th, 0);
}

void NodeServer::Startup() {
  main_ = t_.NewThread(Tracer::kMainTid, Tracer::kMainTid, o_.start_us);
  Thread& m = *main_;
  L(m, Sys::execve, "execve(\"/usr/bin/node\", [\"node\", \"app.js\"], 0x7ffea00c0ff8 /* 7 vars */)", "0", 1703);
  L(m, Sys::brk, "brk(NULL)", "0x11613000");
  L(m, Sys::mmap, "mmap(NULL, 8192, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0)", "0x7fb9ddde2000");
  L(m, Sys::access, "access(\"/etc/ld.so.preload\", R_OK)", "-1 ENOENT (No such file or directory)");
  L(m, Sys::openat, "openat(AT_FDCWD`/home/auditor/app`, \"/etc/ld.so.cache\", O_RDONLY|O_CLOEXEC)", "3`/etc/ld.so.cache`");
  L(m, Sys::newfstatat, "newfstatat(3`/etc/ld.so.cache`, \"\", ^{st_mode=S_IFREG|0644, st_size=41623, ...}, AT_EMPTY_PATH)", "0");
  L(m, Sys::mmap, "mmap(NULL, 41623, PROT_READ, MAP_PRIVATE, 3`/etc/ld.so.cache`, 0)", "0x7fb9dddd7000");
  L(m, Sys::close, "close(3`/etc/ld.so.cache`)", "0");
  uint64_t base = 0x7fb9dddd2000;
  for (const Library& lib : kLibraries) {
    std::string fd3 = Cat("3`", lib.real_path, "`");
    L(m, Sys::openat, Cat("openat(AT_FDCWD`/home/auditor/app`, \"", lib.open_path, "\", O_RDONLY|O_CLOEXEC)"), fd3);
    L(m, Sys::read, Cat("read(", fd3, ", ^$, 832)"), "832", 0, kElf);
    L(m, Sys::newfstatat, Cat("newfstatat(", fd3, ", \"\", ^{st_mode=S_IFREG|0644, st_size=", lib.size, ", ...}, AT_EMPTY_PATH)"), "0");
    uint64_t size = (lib.size + 0x3fff) & ~uint64_t{0xfff};
    base -= (size + 0xfff) & ~uint64_t{0xfff};
    std::string a;
    AppendHex(a, base);
    L(m, Sys::mmap, Cat("mmap(NULL, ", size, ", PROT_READ, MAP_PRIVATE|MAP_DENYWRITE, ", fd3, ", 0)"), a);
    static constexpr std::string_view kProts[] = {"PROT_READ|PROT_EXEC", "PROT_READ", "PROT_READ|PROT_WRITE"};
    for (int i = 0; i < 3; ++i) {
      std::string seg;
      AppendHex(seg, base + 0x1000 * (i + 1));
      std::string off;
      AppendHex(off, 0x1000 * (i + 1));
      L(m, Sys::mmap, Cat("mmap(", seg, ", 4096, ", kProts[i], ", MAP_PRIVATE|MAP_FIXED|MAP_DENYWRITE, ", fd3, ", ", off, ")"), seg);
    }
    L(m, Sys::close, Cat("close(", fd3, ")"), "0");
  }
  L(m, Sys::mmap, "mmap(NULL, 8192, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0)", "0x7fb9ddcc9000");
  L(m, Sys::arch_prctl, "arch_prctl(ARCH_SET_FS, 0x7fb9ddcc9c80)", "0");
  L(m, Sys::set_tid_address, "set_tid_address(0x7fb9ddcc9f50)", "28");
  L(m, Sys::set_robust_list, "set_robust_list(0x7fb9ddcc9f60, 24)", "0");
  L(m, Sys::rseq, "rseq(0x7fb9ddcca5a0, 0x20, 0, 0x53053053)", "0");
  L(m, Sys::mprotect, "mprotect(0x7fb9dd9ed000, 16384, PROT_READ)", "0");
  L(m, Sys::mprotect, "mprotect(0x563a000, 16384, PROT_READ)", "0");
  L(m, Sys::prlimit64, "prlimit64(0, RLIMIT_STACK, NULL, ^{rlim_cur=8192*1024, rlim_max=RLIM64_INFINITY})", "0");
  L(m, Sys::munmap, "munmap(0x7fb9dddd7000, 41623)", "0");
  L(m, Sys::getrandom, "getrandom(^\"\\x90\\xb4\\x5e\\xc4\\xd4\\xf6\\xaa\\xbd\", 8, GRND_NONBLOCK)", "8");
  L(m, Sys::brk, "brk(NULL)", "0x11613000");
  L(m, Sys::brk, "brk(0x11634000)", "0x11634000");
  for (int round = 0; round < 3; ++round) {
    L(m, Sys::getpid, "getpid()", "28");
    L(m, Sys::capget, "capget({version=_LINUX_CAPABILITY_VERSION_3, pid=28}, ^{effective=0, permitted=0, inheritable=0})", "0");
    L(m, Sys::getuid, "getuid()", "1001");
    L(m, Sys::geteuid, "geteuid()", "1001");
    L(m, Sys::getgid, "getgid()", "1001");
    L(m, Sys::getegid, "getegid()", "1001");
  }
  L(m, Sys::fstat, "fstat(0`/dev/null|/dev/null<char 1:3>`, ^{st_mode=S_IFCHR|0666, st_rdev=makedev(0x1, 0x3), ...})", "0");
  L(m, Sys::fstat, "fstat(1`/artifacts/program.log`, ^{st_mode=S_IFREG|0644, st_size=0, ...})", "0");
  L(m, Sys::fstat, "fstat(2`/artifacts/program.log`, ^{st_mode=S_IFREG|0644, st_size=0, ...})", "0");
  L(m, Sys::rt_sigprocmask, "rt_sigprocmask(SIG_SETMASK, [USR1], ^NULL, 8)", "0");
  static constexpr std::string_view kSignals[] = {
      "SIGHUP",  "SIGINT",  "SIGQUIT", "SIGILL",  "SIGTRAP",   "SIGABRT", "SIGBUS",  "SIGFPE",
      "SIGUSR1", "SIGSEGV", "SIGUSR2", "SIGALRM", "SIGTERM",   "SIGCHLD", "SIGCONT", "SIGTSTP",
      "SIGTTIN", "SIGTTOU", "SIGURG",  "SIGXCPU", "SIGVTALRM", "SIGPROF", "SIGWINCH", "SIGIO"};
  for (std::string_view sig : kSignals)
    L(m, Sys::rt_sigaction, Cat("rt_sigaction(", sig, ", NULL, ^{sa_handler=SIG_DFL, sa_mask=[], sa_flags=0}, 8)"), "0");
  L(m, Sys::rt_sigaction,
    "rt_sigaction(SIGPIPE, {sa_handler=SIG_IGN, sa_mask=[], sa_flags=SA_RESTORER, sa_restorer=0x7fb9dd85a050}, ^NULL, 8)", "0");
  L(m, Sys::fcntl, "fcntl(0`/dev/null|/dev/null<char 1:3>`, F_GETFL)", "0x8000 (flags O_RDONLY|O_LARGEFILE)");
  L(m, Sys::ioctl, "ioctl(0`/dev/null|/dev/null<char 1:3>`, TCGETS, 0x7fff36c070e0)", "-1 ENOTTY (Inappropriate ioctl for device)");
  L(m, Sys::fcntl, "fcntl(1`/artifacts/program.log`, F_GETFL)", "0x8001 (flags O_WRONLY|O_LARGEFILE)");
  L(m, Sys::ioctl, "ioctl(1`/artifacts/program.log`, TCGETS, 0x7fff36c070e0)", "-1 ENOTTY (Inappropriate ioctl for device)");
  L(m, Sys::fcntl, "fcntl(2`/artifacts/program.log`, F_GETFL)", "0x8001 (flags O_WRONLY|O_LARGEFILE)");
  L(m, Sys::ioctl, "ioctl(2`/artifacts/program.log`, TCGETS, 0x7fff36c070e0)", "-1 ENOTTY (Inappropriate ioctl for device)");
  L(m, Sys::rt_sigaction,
    "rt_sigaction(SIGTERM, {sa_handler=0xc61ac0, sa_mask=~[RTMIN RT_1], sa_flags=SA_RESTORER|SA_RESETHAND|0xffffffff00000000, sa_restorer=0x7fb9dd85a050}, ^NULL, 8)",
    "0");
  L(m, Sys::prlimit64, "prlimit64(0, RLIMIT_NOFILE, NULL, ^{rlim_cur=20000, rlim_max=20000})", "0");
  for (int fd = 3; fd <= 16; ++fd) {
    if (fd == 10) {
      L(m, Sys::fcntl, "fcntl(10`/dev/null|/dev/null<char 1:3>`, F_SETFD, FD_CLOEXEC)", "0");
    } else {
      L(m, Sys::fcntl, Cat("fcntl(", fd, ", F_SETFD, FD_CLOEXEC)"), "-1 EBADF (Bad file descriptor)");
    }
  }
  L(m, Sys::openat, "openat(AT_FDCWD`/home/auditor/app`, \"/etc/ssl/openssl.cnf\", O_RDONLY)", "3`/etc/ssl/openssl.cnf`");
  L(m, Sys::close, "close(3`/etc/ssl/openssl.cnf`)", "0");
  L(m, Sys::epoll_create1, "epoll_create1(EPOLL_CLOEXEC)", "3`anon_inode:[eventpoll]`");
  L(m, Sys::pipe2, "pipe2(^[4`pipe:[35982]`, 5`pipe:[35982]`], O_CLOEXEC)", "0");
  L(m, Sys::write, "write(5`pipe:[35982]`, \"*\", 1)", "1");
  L(m, Sys::pipe2, "pipe2(^[6`pipe:[35985]`, 7`pipe:[35985]`], O_NONBLOCK|O_CLOEXEC)", "0");
  L(m, Sys::eventfd2, "eventfd2(0, EFD_CLOEXEC|EFD_NONBLOCK)", "8`anon_inode:[eventfd]`");
  L(m, Sys::rt_sigaction,
    "rt_sigaction(SIGRT_1, {sa_handler=0x7fb9dd8a4720, sa_mask=[], sa_flags=SA_RESTORER|SA_ONSTACK|SA_RESTART|SA_SIGINFO, sa_restorer=0x7fb9dd85a050}, ^NULL, 8)",
    "0");
  L(m, Sys::rt_sigprocmask, "rt_sigprocmask(SIG_UNBLOCK, [RTMIN RT_1], ^NULL, 8)", "0");

  // Platform threads: 32 runs its own epoll loop, 33..36 are V8 workers.
  epoll_thread_ = t_.NewThread(32, Tracer::kMainTid, now());
  CreateThread(m, *epoll_thread_, true, 0x7ffe80);
  {
    Thread& e = *epoll_thread_;
    L(e, Sys::epoll_create1, "epoll_create1(EPOLL_CLOEXEC)", "9`anon_inode:[eventpoll]`");
    L(e, Sys::pipe2, "pipe2(^[11`pipe:[35992]`, 12`pipe:[35992]`], O_CLOEXEC)", "0");
    L(e, Sys::eventfd2, "eventfd2(0, EFD_CLOEXEC|EFD_NONBLOCK)", "13`anon_inode:[eventfd]`");
    L(e, Sys::epoll_ctl, "epoll_ctl(9`anon_inode:[eventpoll]`, EPOLL_CTL_ADD, 11`pipe:[35992]`, {events=EPOLLIN, data={u32=11, u64=11}})", "0");
    L(e, Sys::epoll_ctl, "epoll_ctl(9`anon_inode:[eventpoll]`, EPOLL_CTL_ADD, 13`anon_inode:[eventfd]`, {events=EPOLLIN, data={u32=13, u64=13}})", "0");
    Call* c = t_.New(e, Sys::epoll_pwait);
    Render(c, "epoll_pwait(9`anon_inode:[eventpoll]`, ^)");
    c->tail.clear();
    t_.Block(e, c);
  }
  for (int i = 0; i < 4; ++i) {
    Thread* w = t_.NewThread(33 + i, Tracer::kMainTid, now());
    CreateThread(m, *w, true, 0x7ffe80);
    uint64_t heap = 0x7fb9d5000000 - 0x4000000ull * i;
    std::string h;
    AppendHex(h, heap);
    L(*w, Sys::mmap, "mmap(NULL, 134217728, PROT_NONE, MAP_PRIVATE|MAP_ANONYMOUS|MAP_NORESERVE, -1, 0)", h);
    Call* c = t_.New(*w, Sys::futex);
    c->head.append("0x116ace74, FUTEX_WAIT_BITSET_PRIVATE|FUTEX_CLOCK_REALTIME, 0, NULL, FUTEX_BITSET_MATCH_ANY");
    t_.Block(*w, c);
    v8_.push_back(w);
  }
  L(m, Sys::epoll_create1, "epoll_create1(EPOLL_CLOEXEC)", "14`anon_inode:[eventpoll]`");
  L(m, Sys::pipe2, "pipe2(^[15`pipe:[35997]`, 16`pipe:[35997]`], O_NONBLOCK|O_CLOEXEC)", "0");
  L(m, Sys::eventfd2, "eventfd2(0, EFD_CLOEXEC|EFD_NONBLOCK)", "17`anon_inode:[eventfd]`");
  L(m, Sys::openat, "openat(AT_FDCWD`/home/auditor/app`, \"/proc/self/cgroup\", O_RDONLY|O_CLOEXEC)", "18`/proc/28/cgroup`");
  L(m, Sys::read, "read(18`/proc/28/cgroup`, ^$, 1024)", "35", 0, "0::/process_api/b2fd656c317655d4\n");
  L(m, Sys::close, "close(18`/proc/28/cgroup`)", "0");
  L(m, Sys::openat, "openat(AT_FDCWD`/home/auditor/app`, \"/proc/meminfo\", O_RDONLY|O_CLOEXEC)", "18`/proc/meminfo`");
  L(m, Sys::read, "read(18`/proc/meminfo`, ^$, 1024)", "1024", 0,
    "MemTotal:        4012304 kB\nMemFree:         2315764 kB\nMemAvailable:    3377412 kB\nBuffers:           61244 kB\n");
  L(m, Sys::close, "close(18`/proc/meminfo`)", "0");
  L(m, Sys::getcwd, "getcwd(^\"/home/auditor/app\", 4096)", "18");
  // The watchdog thread (small stack), blocked until the end.
  watchdog_ = t_.NewThread(39, Tracer::kMainTid, now());
  CreateThread(m, *watchdog_, false, 0x7e80);
  {
    Call* c = t_.New(*watchdog_, Sys::futex);
    c->head.append("0x566ff2c, FUTEX_WAIT_BITSET_PRIVATE|FUTEX_CLOCK_REALTIME, 0, NULL, FUTEX_BITSET_MATCH_ANY");
    t_.Block(*watchdog_, c);
  }

  // Module loading.
  L(m, Sys::readlink, "readlink(\"/home\", ^0x7fff36c02fd0, 4095)", "-1 EINVAL (Invalid argument)");
  L(m, Sys::readlink, "readlink(\"/home/auditor\", ^0x7fff36c02fd0, 4095)", "-1 EINVAL (Invalid argument)");
  L(m, Sys::readlink, "readlink(\"/home/auditor/app\", ^0x7fff36c02fd0, 4095)", "-1 EINVAL (Invalid argument)");
  L(m, Sys::statx, "statx(AT_FDCWD`/home/auditor/app`, \"/home/auditor/app/app.js\", AT_STATX_SYNC_AS_STAT|AT_SYMLINK_NOFOLLOW, STATX_ALL, ^{stx_mask=STATX_ALL|STATX_MNT_ID, stx_attributes=0, stx_mode=S_IFREG|0644, stx_size=3414, ...})", "0");
  L(m, Sys::openat, "openat(AT_FDCWD`/home/auditor/app`, \"/home/auditor/app/package.json\", O_RDONLY|O_CLOEXEC)", "18`/home/auditor/app/package.json`");
  L(m, Sys::pread64, "pread64(18`/home/auditor/app/package.json`, ^$, 4096, 0)", "330", 0,
    "{\n  \"name\": \"lanchat\",\n  \"version\": \"1.4.2\",\n  \"description\": \"Small team chat server: raw TCP NDJSON protocol plus a static web frontend\",\n  \"main\": \"app.js\",\n  \"private\": true\n}\n");
  L(m, Sys::close, "close(18`/home/auditor/app/package.json`)", "0");
  for (const Module& mod : kModules) {
    std::string full = Cat("/home/auditor/app/", mod.path);
    std::string ann = Cat("18`", full, "`");
    if (!mod.probe.empty()) {
      L(m, Sys::statx, Cat("statx(AT_FDCWD`/home/auditor/app`, \"/home/auditor/app/", mod.probe, "\", AT_STATX_SYNC_AS_STAT, STATX_ALL, ^0x7fff36c05a30)"),
        "-1 ENOENT (No such file or directory)");
    }
    std::string size = std::to_string(mod.text.size());
    L(m, Sys::statx, Cat("statx(AT_FDCWD`/home/auditor/app`, \"", full, "\", AT_STATX_SYNC_AS_STAT, STATX_ALL, ^{stx_mask=STATX_ALL|STATX_MNT_ID, stx_attributes=0, stx_mode=S_IFREG|0644, stx_size=", size, ", ...})"), "0");
    if (mod.path.find('/') != std::string_view::npos && rng_.Percent(50)) {
      std::string_view dir = mod.path.substr(0, mod.path.find('/'));
      L(m, Sys::openat, Cat("openat(AT_FDCWD`/home/auditor/app`, \"/home/auditor/app/", dir, "/package.json\", O_RDONLY|O_CLOEXEC)"),
        "-1 ENOENT (No such file or directory)");
    }
    L(m, Sys::openat, Cat("openat(AT_FDCWD`/home/auditor/app`, \"", full, "\", O_RDONLY|O_CLOEXEC)"), ann);
    L(m, Sys::read, Cat("read(", ann, ", ^$, 8192)"), size, 0, mod.text);
    L(m, Sys::read, Cat("read(", ann, ", ^\"\", 8192)"), "0");
    L(m, Sys::close, Cat("close(", ann, ")"), "0");
    if (mod.path == "lib/config.js") {
      L(m, Sys::openat, "openat(AT_FDCWD`/home/auditor/app`, \"/home/auditor/app/.env\", O_RDONLY|O_CLOEXEC)", "18`/home/auditor/app/.env`");
      L(m, Sys::read, "read(18`/home/auditor/app/.env`, ^$, 8192)", std::to_string(kEnvFile.size()), 0, kEnvFile);
      L(m, Sys::read, "read(18`/home/auditor/app/.env`, ^\"\", 8192)", "0");
      L(m, Sys::close, "close(18`/home/auditor/app/.env`)", "0");
    }
  }
  L(m, Sys::openat, "openat(AT_FDCWD`/home/auditor/app`, \"/dev/null\", O_RDONLY|O_CLOEXEC)", "18`/dev/null|/dev/null<char 1:3>`");
  L(m, Sys::socket, "socket(AF_INET6, SOCK_STREAM|SOCK_CLOEXEC|SOCK_NONBLOCK, IPPROTO_IP)", "19`socket:[36008]|TCPv6:[36008]`");
  L(m, Sys::setsockopt, "setsockopt(19`socket:[36008]|TCPv6:[36008]`, SOL_SOCKET, SO_REUSEADDR, [1], 4)", "0");
  L(m, Sys::setsockopt, "setsockopt(19`socket:[36008]|TCPv6:[36008]`, SOL_IPV6, IPV6_V6ONLY, [0], 4)", "0");
  L(m, Sys::bind, "bind(19`socket:[36008]|TCPv6:[36008]`, {sa_family=AF_INET6, sin6_port=htons(3000), sin6_flowinfo=htonl(0), inet_pton(AF_INET6, \"::\", &sin6_addr), sin6_scope_id=0}, 28)", "0");
  L(m, Sys::listen, "listen(19`socket:[36008]|TCPv6:[[::]:3000]`, 511)", "0");
  L(m, Sys::openat, "openat(AT_FDCWD`/home/auditor/app`, \"/etc/resolv.conf\", O_RDONLY)", "20`/etc/resolv.conf`");
  L(m, Sys::newfstatat, "newfstatat(20`/etc/resolv.conf`, \"\", ^{st_mode=S_IFREG|0644, st_size=51, ...}, AT_EMPTY_PATH)", "0");
  L(m, Sys::read, "read(20`/etc/resolv.conf`, ^$, 51)", "51", 0, "nameserver 127.0.0.11\noptions timeout:1 attempts:1\n");
  L(m, Sys::close, "close(20`/etc/resolv.conf`)", "0");
  L(m, Sys::openat, "openat(AT_FDCWD`/home/auditor/app`, \"/etc/netsvc.conf\", O_RDONLY)", "-1 ENOENT (No such file or directory)");
  L(m, Sys::openat, "openat(AT_FDCWD`/home/auditor/app`, \"/etc/svc.conf\", O_RDONLY)", "-1 ENOENT (No such file or directory)");
  L(m, Sys::uname, "uname({sysname=\"Linux\", nodename=\"3f2a9c1b7d4e\", ...})", "0");
  L(m, Sys::rt_sigprocmask, "rt_sigprocmask(SIG_SETMASK, ~[RTMIN RT_1], ^[], 8)", "0");
  L(m, Sys::read, "read(4`pipe:[35982]`, ^\"*\", 1)", "1");
  L(m, Sys::rt_sigaction,
    "rt_sigaction(SIGTERM, {sa_handler=0x18b68a0, sa_mask=~[RTMIN RT_1], sa_flags=SA_RESTORER|SA_RESTART, sa_restorer=0x7fb9dd85a050}, ^NULL, 8)",
    "0");
  L(m, Sys::write, "write(5`pipe:[35982]`, \"*\", 1)", "1");
  L(m, Sys::rt_sigprocmask, "rt_sigprocmask(SIG_SETMASK, [], ^NULL, 8)", "0");
  LogWrite(1, "INFO", "lanchat.http", "listening on port 3000");
  L(m, Sys::socket, "socket(AF_INET, SOCK_STREAM|SOCK_CLOEXEC|SOCK_NONBLOCK, IPPROTO_IP)", "20`socket:[36011]|TCP:[36011]`");
  L(m, Sys::setsockopt, "setsockopt(20`socket:[36011]|TCP:[36011]`, SOL_SOCKET, SO_REUSEADDR, [1], 4)", "0");
  L(m, Sys::bind, "bind(20`socket:[36011]|TCP:[36011]`, {sa_family=AF_INET, sin_port=htons(3001), sin_addr=inet_addr(\"0.0.0.0\")}, 16)", "0");
  L(m, Sys::listen, "listen(20`socket:[36011]|TCP:[0.0.0.0:3001]`, 511)", "0");
  LogWrite(1, "INFO", "lanchat.chat", "listening on 0.0.0.0:3001");
  L(m, Sys::mkdir, "mkdir(\"/home/auditor/app/data\", 0777)", "0");
  L(m, Sys::openat, "openat(AT_FDCWD`/home/auditor/app`, \"/home/auditor/app/server-messages/motd.txt\", O_RDONLY|O_CLOEXEC)",
    "21`/home/auditor/app/server-messages/motd.txt`");
  L(m, Sys::read, "read(21`/home/auditor/app/server-messages/motd.txt`, ^$, 8192)", "54", 0, kMotd);
  L(m, Sys::read, "read(21`/home/auditor/app/server-messages/motd.txt`, ^\"\", 8192)", "0");
  L(m, Sys::close, "close(21`/home/auditor/app/server-messages/motd.txt`)", "0");
  LogWrite(1, "INFO", "lanchat.chat", "motd loaded (54 bytes)");
  LogWrite(1, "INFO", "lanchat", "lanchat ready (node v20.20.2, pid 28)");
  L(m, Sys::epoll_ctl, "epoll_ctl(14`anon_inode:[eventpoll]`, EPOLL_CTL_ADD, 15`pipe:[35997]`, {events=EPOLLIN, data={u32=15, u64=15}})", "0");
  L(m, Sys::epoll_ctl, "epoll_ctl(14`anon_inode:[eventpoll]`, EPOLL_CTL_ADD, 17`anon_inode:[eventfd]`, {events=EPOLLIN, data={u32=17, u64=17}})", "0");
  L(m, Sys::epoll_ctl, "epoll_ctl(14`anon_inode:[eventpoll]`, EPOLL_CTL_ADD, 19`socket:[36008]|TCPv6:[[::]:3000]`, {events=EPOLLIN, data={u32=19, u64=19}})", "0");
  L(m, Sys::epoll_ctl, "epoll_ctl(14`anon_inode:[eventpoll]`, EPOLL_CTL_ADD, 20`socket:[36011]|TCP:[0.0.0.0:3001]`, {events=EPOLLIN, data={u32=20, u64=20}})", "0");
  t_.Drain(now());
}

void NodeServer::Episode() {
  ++episodes_;
  int roll = static_cast<int>(rng_.Below(100));
  if (v_.children && episodes_ % 400 == 7) {
    SpawnChild();
  } else if (roll < 55) {
    HttpRequest();
  } else if (roll < 93) {
    ChatTraffic();
  } else if (roll < 97) {
    EpollPoll();
    EpollWait(-1, rng_.Range(1000, 50000));
  } else {
    GcRound();
  }
  t_.Drain(now());
}

void NodeServer::Shutdown() {
  Thread& m = *main_;
  // SIGTERM from PID 1 interrupts epoll_pwait.
  int64_t wait = rng_.Range(200000, 900000);
  L(m, Sys::epoll_pwait, Cat("epoll_pwait(14`anon_inode:[eventpoll]`, ^0x7fff306d8180, 1024, ", EpollTimeout(), ", NULL, 8)"),
    "-1 EINTR (Interrupted system call)", wait);
  t_.Signal(m, "--- SIGTERM {si_signo=SIGTERM, si_code=SI_USER, si_pid=1, si_uid=0} ---");
  L(m, Sys::read, "read(4`pipe:[35982]`, ^\"*\", 1)", "1");
  L(m, Sys::write, "write(16`pipe:[35997]`, \"X\\341\\2052\\0\\0\\0\\0\\17\\0\\0\\0\\0\\0\\0\\0\", 16)", "16");
  L(m, Sys::write, "write(5`pipe:[35982]`, \"*\", 1)", "1");
  L(m, Sys::rt_sigreturn, "rt_sigreturn({mask=[]})", "-1 EINTR (Interrupted system call)");
  EpollWait(15, t_.Fast());
  L(m, Sys::read, "read(15`pipe:[35997]`, ^\"X\\341\\2052\\0\\0\\0\\0\\17\\0\\0\\0\\0\\0\\0\\0\", 512)", "16");
  LogWrite(1, "INFO", "lanchat", "SIGTERM received, shutting down");
  while (!chat_.empty()) {
    Conn& c = chat_.back();
    Call* call = t_.New(m, Sys::close);
    Sock(call->head, c);
    call->tail.assign(")");
    call->result.assign("0");
    t_.Commit(m, call, t_.Fast());
    chat_.pop_back();
  }
  L(m, Sys::epoll_ctl, "epoll_ctl(14`anon_inode:[eventpoll]`, EPOLL_CTL_DEL, 20`socket:[36011]|TCP:[0.0.0.0:3001]`, 0x7fff306d8744)", "0");
  L(m, Sys::close, "close(20`socket:[36011]|TCP:[0.0.0.0:3001]`)", "0");
  L(m, Sys::epoll_ctl, "epoll_ctl(14`anon_inode:[eventpoll]`, EPOLL_CTL_DEL, 19`socket:[36008]|TCPv6:[[::]:3000]`, 0x7fff306d86d4)", "0");
  L(m, Sys::close, "close(19`socket:[36008]|TCPv6:[[::]:3000]`)", "0");
  LogWrite(1, "INFO", "lanchat", "shutdown complete");
  L(m, Sys::close, "close(4`pipe:[35982]`)", "0");
  L(m, Sys::close, "close(5`pipe:[35982]`)", "0");
  // Stop the thread pool: wake every worker, each exits; main joins them.
  if (!pool_.empty()) {
    Call* c = t_.New(m, Sys::futex);
    c->head.append("0x566f9c8, FUTEX_WAKE_PRIVATE, 2147483647");
    c->tail.assign(")");
    AppendDec(c->result, pool_.size());
    int64_t woke = t_.Commit(m, c, t_.Fast());
    for (Thread* w : pool_) {
      w->blocked->tail.assign(")");
      w->blocked->result.assign("0");
      t_.Resume(*w, std::max(woke + t_.rng.Range(5, 60), t_.BlockedSince(*w) + 20));
      ExitThread(*w, 0);
    }
    for (Thread* w : pool_) {
      c = t_.New(m, Sys::futex);
      AppendHex(c->head, w->stack + 0x800990);
      c->head.append(", FUTEX_WAIT_BITSET|FUTEX_CLOCK_REALTIME, ");
      AppendDec(c->head, w->tid);
      c->head.append(", NULL, FUTEX_BITSET_MATCH_ANY");
      c->tail.assign(")");
      c->result.assign("0");
      int64_t start = m.ready;
      t_.Commit(m, c, std::max<int64_t>(t_.Fast(), w->ready - start + 10));
    }
  }
  // V8 workers.
  {
    Call* c = t_.New(m, Sys::futex);
    c->head.append("0x116ace74, FUTEX_WAKE_PRIVATE, 2147483647");
    c->tail.assign(")");
    AppendDec(c->result, v8_.size());
    int64_t woke = t_.Commit(m, c, t_.Fast());
    for (Thread* w : v8_) {
      w->blocked->tail.assign(")");
      w->blocked->result.assign("0");
      t_.Resume(*w, std::max(woke + t_.rng.Range(5, 60), t_.BlockedSince(*w) + 20));
      ExitThread(*w, 0);
    }
  }
  // The platform epoll thread.
  {
    int64_t woke = L(m, Sys::write, "write(13`anon_inode:[eventfd]`, \"\\1\\0\\0\\0\\0\\0\\0\\0\", 8)", "8");
    Thread& e = *epoll_thread_;
    e.blocked->tail.assign("[{events=EPOLLIN, data={u32=13, u64=13}}], 1024, -1, NULL, 8)");
    e.blocked->result.assign("1");
    t_.Resume(e, woke + 20);
    L(e, Sys::read, "read(13`anon_inode:[eventfd]`, ^\"\\1\\0\\0\\0\\0\\0\\0\\0\", 1024)", "8");
    L(e, Sys::close, "close(11`pipe:[35992]`)", "0");
    L(e, Sys::close, "close(12`pipe:[35992]`)", "0");
    L(e, Sys::close, "close(13`anon_inode:[eventfd]`)", "0");
    L(e, Sys::close, "close(9`anon_inode:[eventpoll]`)", "0");
    ExitThread(e, 0);
    Call* c = t_.New(m, Sys::futex);
    AppendHex(c->head, e.stack + 0x800990);
    c->head.append(", FUTEX_WAIT_BITSET|FUTEX_CLOCK_REALTIME, 32, NULL, FUTEX_BITSET_MATCH_ANY");
    c->tail.assign(")");
    c->result.assign("0");
    int64_t start = m.ready;
    t_.Commit(m, c, std::max<int64_t>(t_.Fast(), e.ready - start + 10));
  }
  for (Thread* w : pool_) {
    Call* c = t_.New(m, Sys::munmap);
    AppendHex(c->head, w->stack);
    c->head.append(", 8392704");
    c->tail.assign(")");
    c->result.assign("0");
    t_.Commit(m, c, t_.Fast());
  }
  L(m, Sys::epoll_ctl, "epoll_ctl(3`anon_inode:[eventpoll]`, EPOLL_CTL_ADD, 6`pipe:[35985]`, {events=EPOLLIN, data={u32=6, u64=6}})", "0");
  L(m, Sys::epoll_ctl, "epoll_ctl(3`anon_inode:[eventpoll]`, EPOLL_CTL_ADD, 8`anon_inode:[eventfd]`, {events=EPOLLIN, data={u32=8, u64=8}})", "0");
  L(m, Sys::epoll_pwait, "epoll_pwait(3`anon_inode:[eventpoll]`, ^[], 1024, 0, NULL, 8)", "0");
  L(m, Sys::close, "close(6`pipe:[35985]`)", "0");
  L(m, Sys::close, "close(7`pipe:[35985]`)", "0");
  L(m, Sys::close, "close(8`anon_inode:[eventfd]`)", "0");
  L(m, Sys::close, "close(3`anon_inode:[eventpoll]`)", "0");
  L(m, Sys::futex, "futex(0x566ff28, FUTEX_WAKE_PRIVATE, 2147483647)", "0");
  L(m, Sys::fstat, "fstat(0`/dev/null|/dev/null<char 1:3>`, ^{st_mode=S_IFCHR|0666, st_rdev=makedev(0x1, 0x3), ...})", "0");
  L(m, Sys::fcntl, "fcntl(0`/dev/null|/dev/null<char 1:3>`, F_GETFL)", "0x8000 (flags O_RDONLY|O_LARGEFILE)");
  L(m, Sys::fstat, "fstat(1`/artifacts/program.log`, ^{st_mode=S_IFREG|0644, st_size=3074, ...})", "0");
  L(m, Sys::fcntl, "fcntl(1`/artifacts/program.log`, F_GETFL)", "0x8001 (flags O_WRONLY|O_LARGEFILE)");
  int64_t end = L(m, Sys::exit_group, "exit_group(0)", "?");
  // The watchdog was still in its futex: the call ends without a result.
  Thread& wd = *watchdog_;
  wd.blocked->tail.assign(")");
  wd.blocked->result.assign("?");
  t_.Resume(wd, end + t_.rng.Range(2000, 4000));
  t_.Exited(wd, 0);
  m.ready = std::max(m.ready, wd.ready + t_.rng.Range(1000, 2000));
  t_.Exited(m, 0);
}

}  // namespace

// ---------------------------------------------------------------------------------------
absl::StatusOr<Variant> ParseVariant(std::string_view name) {
  Variant v;
  v.prefix = PrefixMode::kNone;
  v.stamp = StampMode::kNone;
  v.durations = false;
  v.annotate = 0;
  v.string_limit = 32;
  v.children = false;
  if (name == "none") return v;
  if (name.empty()) return absl::InvalidArgumentError("empty variant name");
  std::vector<std::string_view> toks;
  for (size_t start = 0;;) {
    size_t dash = name.find('-', start);
    toks.push_back(name.substr(start, dash == std::string_view::npos ? std::string_view::npos : dash - start));
    if (dash == std::string_view::npos) break;
    start = dash + 1;
  }
  bool have_prefix = false, have_stamp = false;
  auto prefix = [&](PrefixMode p) -> absl::Status {
    if (have_prefix) return absl::InvalidArgumentError(Cat("variant '", name, "': two line prefixes"));
    have_prefix = true;
    v.prefix = p;
    return absl::OkStatus();
  };
  auto stamp = [&](StampMode s) -> absl::Status {
    if (have_stamp) return absl::InvalidArgumentError(Cat("variant '", name, "': two timestamp flags"));
    have_stamp = true;
    v.stamp = s;
    return absl::OkStatus();
  };
  for (size_t i = 0; i < toks.size(); ++i) {
    std::string_view t = toks[i];
    absl::Status st;
    if (t == "f") {
      st = prefix(PrefixMode::kPidColumn);
    } else if (t == "ff") {
      st = prefix(PrefixMode::kPerTidFiles);
    } else if (t == "b" || (t == "pid" && i + 1 < toks.size() && toks[i + 1] == "bracket")) {
      if (t == "pid") ++i;
      st = prefix(PrefixMode::kPidBracket);
    } else if (t == "t") {
      st = stamp(StampMode::kSeconds);
    } else if (t == "tt") {
      st = stamp(StampMode::kMicros);
    } else if (t == "ttt") {
      st = stamp(StampMode::kEpoch);
    } else if (t == "r") {
      st = stamp(StampMode::kRelative);
    } else if (t == "T") {
      v.durations = true;
    } else if (t == "y") {
      v.annotate = std::max(v.annotate, 1);
    } else if (t == "yy") {
      v.annotate = 2;
    } else if (t == "child" || t == "children") {
      v.children = true;
    } else if (t.size() > 1 && t[0] == 's') {
      int n = 0;
      if (!absl::SimpleAtoi(AV(t.substr(1)), &n) || n < 1 || n > (1 << 20))
        return absl::InvalidArgumentError(Cat("variant '", name, "': bad string limit '", t, "'"));
      v.string_limit = n;
    } else {
      return absl::InvalidArgumentError(Cat(
          "variant '", name, "': unknown token '", t,
          "' (expected f, ff, pid-bracket, t, tt, ttt, r, T, y, yy, s<N>, child)"));
    }
    if (!st.ok()) return st;
  }
  return v;
}

namespace {

// The variant as tokens, each with its name part ("pid-bracket", "s256") and the strace flag it
// stands for ("-f", "-s 256"; none for "child", which is what the simulated server does).
std::vector<std::pair<std::string, std::string>> VariantTokens(const Variant& v) {
  std::vector<std::pair<std::string, std::string>> t;
  switch (v.prefix) {
    case PrefixMode::kPidColumn: t.emplace_back("f", "-f"); break;
    case PrefixMode::kPerTidFiles: t.emplace_back("ff", "-ff"); break;
    case PrefixMode::kPidBracket: t.emplace_back("pid-bracket", "-f"); break;
    case PrefixMode::kNone: break;
  }
  switch (v.stamp) {
    case StampMode::kSeconds: t.emplace_back("t", "-t"); break;
    case StampMode::kMicros: t.emplace_back("tt", "-tt"); break;
    case StampMode::kEpoch: t.emplace_back("ttt", "-ttt"); break;
    case StampMode::kRelative: t.emplace_back("r", "-r"); break;
    case StampMode::kNone: break;
  }
  if (v.durations) t.emplace_back("T", "-T");
  if (v.annotate == 1) t.emplace_back("y", "-y");
  if (v.annotate == 2) t.emplace_back("yy", "-yy");
  if (v.string_limit != 32) t.emplace_back(Cat("s", v.string_limit), Cat("-s ", v.string_limit));
  if (v.children) t.emplace_back("child", "");
  return t;
}

}  // namespace

std::string VariantName(const Variant& v) {
  std::vector<std::string> names;
  for (auto& [name, flag] : VariantTokens(v)) names.push_back(std::move(name));
  return names.empty() ? "none" : absl::StrJoin(names, "-");
}

std::string StraceFlags(const Variant& v) {
  std::vector<std::string> flags;
  for (auto& [name, flag] : VariantTokens(v))
    if (!flag.empty()) flags.push_back(std::move(flag));
  return absl::StrJoin(flags, " ");
}

std::vector<std::string> PresetVariants() {
  return {"f-tt-T-y",          "ff-tt-T-y",  "f-ttt-T-y-s256", "ff-tt-T-yy-s256-child",
          "pid-bracket-tt-T-y", "f-r-T",     "none",           "t",
          "r",                 "f-t-yy-child"};
}

std::string Manifest::ToJson() const {
  std::string j = "{\n";
  auto str = [&](std::string_view k, std::string_view v) {
    CatTo(&j, "  \"", k, "\": \"", JsonEscape(v), "\",\n");
  };
  auto num = [&](std::string_view k, auto v) { CatTo(&j, "  \"", k, "\": ", v, ",\n"); };
  str("generator", "rundown_gen_trace");
  str("variant", variant);
  str("strace_flags", strace_flags);
  str("output", output);
  num("seed", seed);
  num("threads_sim", pool_threads);
  num("target_bytes", target_bytes);
  num("bytes", bytes);
  num("lines", lines);
  num("syscalls", syscalls);
  num("stitched", stitched);
  num("signals", signals);
  num("exits", exits);
  num("errors", errors);
  num("unfinished", unfinished);
  num("strace_messages", strace_messages);
  num("events", events);
  num("diagnostics", 0);
  num("processes", processes);
  num("threads", threads);
  num("first_us", first_us);
  num("last_us", last_us);
  j += "  \"files\": [";
  for (size_t i = 0; i < files.size(); ++i) {
    CatTo(&j, i ? ",\n    " : "\n    ", "{\"name\": \"", JsonEscape(files[i].name),
                    "\", \"bytes\": ", files[i].bytes, ", \"lines\": ", files[i].lines, "}");
  }
  j += "\n  ],\n  \"per_syscall\": {";
  bool first = true;
  for (const auto& [name, n] : per_syscall) {
    CatTo(&j, first ? "\n    " : ",\n    ", "\"", JsonEscape(name), "\": ", n);
    first = false;
  }
  j += "\n  }\n}\n";
  return j;
}

void MemorySink::Append(int file, std::string_view name, std::string_view bytes) {
  if (static_cast<size_t>(file) >= files.size()) files.resize(file + 1);
  if (files[file].first.empty()) files[file].first = std::string(name);
  files[file].second.append(bytes);
}

FileSink::FileSink(std::string path, bool per_tid_files)
    : path_(std::move(path)), per_tid_files_(per_tid_files) {
  if (per_tid_files_ && mkdir(path_.c_str(), 0755) != 0 && errno != EEXIST)
    status_ = absl::InternalError(Cat("mkdir ", path_, ": ", std::strerror(errno)));
  writer_ = std::thread([this] { WriterLoop(); });
}

FileSink::~FileSink() { Close().IgnoreError(); }

void FileSink::Append(int file, std::string_view name, std::string_view bytes) {
  std::unique_lock<std::mutex> lock(mu_);
  cv_.wait(lock, [&] { return pending_.size() < kMaxPending; });
  if (!status_.ok() || closing_) return;
  Job job{file, std::string(name), {}};
  if (!spare_.empty()) {
    job.data = std::move(spare_.back());
    spare_.pop_back();
  }
  job.data.assign(bytes.data(), bytes.size());
  pending_.push_back(std::move(job));
  cv_.notify_all();
}

void FileSink::WriterLoop() {
  std::unique_lock<std::mutex> lock(mu_);
  while (true) {
    cv_.wait(lock, [&] { return !pending_.empty() || closing_; });
    if (pending_.empty()) return;  // closing and drained
    Job job = std::move(pending_.front());
    bool ok = status_.ok();
    lock.unlock();
    if (ok) Write(job);
    lock.lock();
    pending_.pop_front();
    job.data.clear();
    spare_.push_back(std::move(job.data));
    cv_.notify_all();
  }
}

void FileSink::Write(const Job& job) {
  auto fail = [&](std::string message) {
    std::lock_guard<std::mutex> lock(mu_);
    if (status_.ok()) status_ = absl::InternalError(std::move(message));
  };
  if (static_cast<size_t>(job.file) >= fds_.size()) fds_.resize(job.file + 1, -1);
  int& fd = fds_[job.file];
  std::string p = per_tid_files_ ? Cat(path_, "/", job.name) : path_;
  if (fd < 0) {
    fd = ::open(p.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) return fail(Cat("open ", p, ": ", std::strerror(errno)));
  }
  const char* data = job.data.data();
  size_t left = job.data.size();
  while (left > 0) {
    ssize_t n = ::write(fd, data, left);
    if (n < 0) {
      if (errno == EINTR) continue;
      return fail(Cat("write ", p, ": ", std::strerror(errno)));
    }
    data += n;
    left -= static_cast<size_t>(n);
  }
}

absl::Status FileSink::Close() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    closing_ = true;
    cv_.notify_all();
  }
  if (writer_.joinable()) writer_.join();
  std::lock_guard<std::mutex> lock(mu_);
  for (int& fd : fds_) {
    if (fd >= 0 && ::close(fd) != 0 && status_.ok())
      status_ = absl::InternalError(Cat("close ", path_, ": ", std::strerror(errno)));
    fd = -1;
  }
  return status_;
}

Manifest GenerateTrace(const GenOptions& options, Sink* sink) {
  Manifest m;
  m.variant = VariantName(options.variant);
  m.strace_flags = StraceFlags(options.variant);
  switch (options.variant.prefix) {
    case PrefixMode::kPerTidFiles: m.output = "per-tid files"; break;
    case PrefixMode::kPidBracket: m.output = "stderr"; break;
    default: m.output = "file"; break;
  }
  m.seed = options.seed;
  m.pool_threads = options.pool_threads;
  m.target_bytes = options.target_bytes;
  GenOptions o = options;
  o.pool_threads = std::clamp(o.pool_threads, 1, 1024);
  Tracer tracer(o, sink, &m);
  NodeServer node(tracer, o);
  node.Startup();
  // The steady state runs until the target is reached; the shutdown adds a few KiB.
  while (tracer.BytesSoFar() < o.target_bytes) node.Episode();
  node.Shutdown();
  tracer.Finish();
  return m;
}

}  // namespace rundown::bench
