// EventBatch is what a parser produces from one chunk of one file: events in line order,
// their detail records, chunk-local string and name pools, diagnostics and counters.
// Line numbers inside a batch are chunk-local (1 = first line of the chunk); the engine
// adds the lines of earlier chunks once all chunks of a file are done, so evidence never
// depends on how the file was split or on the thread count.
//
// Thread-safety: a batch is filled by one task and then handed over; no sharing.
#ifndef RUNDOWN_PARSERS_EVENT_BATCH_H_
#define RUNDOWN_PARSERS_EVENT_BATCH_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "parsers/event.h"
#include "parsers/string_pool.h"

namespace rundown {

// A line the parser could not read, or something in it that it had to give up on.
struct Diagnostic {
  FileId file = 0;
  uint32_t line = 0;     // chunk-local inside a batch, absolute once in the store
  std::string message;   // "unterminated string", "unknown line format"
  std::string text;      // the raw line, capped at kMaxDiagnosticText bytes
};

inline constexpr size_t kMaxDiagnosticText = 240;
// A batch keeps the first diagnostics in full and only counts the rest, so a file of
// binary garbage costs a counter, not a copy of itself.
inline constexpr size_t kMaxDiagnosticsPerBatch = 64;
// A run of this many NUL bytes in a text file is a hole, not a stray byte: a filesystem
// that crashed (or a copy taken while the file grew) leaves whole blocks of zeros where the
// text was never written. A text log never holds NUL itself (strace prints it as \0), so
// what the hole replaced is lost, and the line holding it says so.
inline constexpr size_t kHoleBytes = 4096;
// `message` of a line holding a hole of `bytes` NULs: says first that text is lost.
std::string HoleMessage(size_t bytes, std::string_view message);

// How a source's timestamps relate to wall-clock time; the engine uses it to rebuild
// absolute order (-r deltas are summed, -t/-tt wrap at midnight).
enum class Timebase : uint8_t {
  kNone = 0,    // no timestamps
  kTimeOfDay,   // -t / -tt: ns since midnight of a day the trace does not name
  kEpoch,       // -ttt, inotify %s / %F %T, ps none: ns since 1970-01-01 UTC
  kRelative,    // -r: ns since the previous line of the same file
};

// Counters every parser fills; `rundown parse --stats` prints their sum.
struct ParseCounters {
  uint64_t bytes = 0;
  uint64_t lines = 0;         // physical lines, including blank ones
  uint64_t events = 0;        // events emitted
  uint64_t syscalls = 0;      // strace: complete calls, a stitched pair counts once
  uint64_t stitched = 0;      // strace: unfinished/resumed pairs joined; inotify: records
                              // whose file name holds a newline, joined from two lines
  uint64_t signals = 0;       // strace: --- SIG... --- lines
  uint64_t exits = 0;         // strace: +++ exited/killed +++ lines
  uint64_t errors = 0;        // strace: calls that returned -1 with an errno
  uint64_t unfinished = 0;    // strace: calls left unfinished at the end of the trace
  uint64_t annotations = 0;   // lines understood but not events: banners, -k frames, headers
  uint64_t diagnostics = 0;   // lines (or parts) reported as unreadable
  uint64_t lost = 0;          // places where text is lost: a hole of NUL bytes, a stream that broke off
  uint64_t tables = 0;        // ss/netstat: socket-table headers read (a table with no row is a real
                              // "no socket"; `ss -s`, `netstat -s/-i/-rn` hold none)
  uint64_t echoed_writes = 0; // strace: write( lines followed by the very text they wrote
                              // (EchoesItsString): the file is strace's stderr, with the
                              // program's output in it

  void Add(const ParseCounters& o);
};

// A raw half of a stitched call that the chunk could not complete (its partner lies in
// another chunk). The engine pairs these across chunks in file order.
struct Fragment {
  uint32_t event_index;  // index in EventBatch::events of the placeholder event
  int32_t tid;
  bool unfinished;       // true: "<unfinished ...>" half; false: "<... resumed>" half
  std::string text;      // the raw line (prefix included)
};

class EventBatch {
 public:
  EventBatch() = default;
  EventBatch(EventBatch&&) = default;
  EventBatch& operator=(EventBatch&&) = default;

  uint32_t AddDetail(const Detail& d) {
    details.push_back(d);
    return static_cast<uint32_t>(details.size() - 1);
  }
  // Names (syscall, signal, event, level names) are few; they live in their own pool so
  // that their ids fit an Event's 16-bit slot.
  NameId Name(std::string_view s);
  // Records a diagnostic for chunk-local `line`; only the first kMaxDiagnosticsPerBatch
  // keep their text. A line holding a hole (kHoleBytes NULs or more) is counted in
  // counters.lost and its message says so.
  void Report(uint32_t line, std::string_view message, std::string_view raw_line);

  FileId file = 0;
  Timebase timebase = Timebase::kNone;
  // -r deltas of lines at the end of the chunk that became no event of their own (resumed
  // halves joined to their call): the time of the next chunk's first timed event includes it.
  int64_t trailing_delta_ns = 0;
  std::vector<Event> events;
  std::vector<Detail> details;
  StringPool strings;
  StringPool names;
  std::vector<Diagnostic> diagnostics;
  std::vector<Fragment> fragments;
  // Calls stitched inside this chunk: (index in `events`, chunk-local line of the resumed
  // half), in event order. The event itself carries the unfinished half's line.
  std::vector<std::pair<uint32_t, uint32_t>> stitches;
  ParseCounters counters;
};

}  // namespace rundown

#endif  // RUNDOWN_PARSERS_EVENT_BATCH_H_
