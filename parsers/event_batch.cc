#include "parsers/event_batch.h"

#include <algorithm>

#include "parsers/text_util.h"

namespace rundown {

void ParseCounters::Add(const ParseCounters& o) {
  bytes += o.bytes;
  lines += o.lines;
  events += o.events;
  syscalls += o.syscalls;
  stitched += o.stitched;
  signals += o.signals;
  exits += o.exits;
  errors += o.errors;
  unfinished += o.unfinished;
  annotations += o.annotations;
  diagnostics += o.diagnostics;
  lost += o.lost;
  tables += o.tables;
  echoed_writes += o.echoed_writes;
}

NameId EventBatch::Name(std::string_view s) {
  // More than 65535 distinct names means hostile input (every line a new syscall name);
  // fold the excess into one id rather than overflow the slot.
  constexpr size_t kMaxNames = 0xFFFF;
  StrId id;
  if (names.Find(s, &id)) return static_cast<NameId>(id);
  if (names.size() >= kMaxNames) return static_cast<NameId>(names.Intern("?"));
  return static_cast<NameId>(names.Intern(s));
}

namespace {

// The longest run of NUL bytes in `s` (only lines already reported get here).
size_t LongestNulRun(std::string_view s) {
  size_t best = 0;
  for (size_t i = s.find('\0'); i != std::string_view::npos; i = s.find('\0', i)) {
    const size_t end = std::min(s.find_first_not_of('\0', i), s.size());
    best = std::max(best, end - i);
    i = end;
  }
  return best;
}

}  // namespace

std::string HoleMessage(size_t bytes, std::string_view message) {
  return StrCat("a hole of ", bytes, " NUL bytes (the filesystem lost what was written here, e.g. in a crash): ",
                "the text it replaced is lost; ", message);
}

void EventBatch::Report(uint32_t line, std::string_view message, std::string_view raw_line) {
  ++counters.diagnostics;
  const size_t hole = raw_line.size() >= kHoleBytes ? LongestNulRun(raw_line) : 0;
  if (hole >= kHoleBytes) ++counters.lost;
  if (diagnostics.size() >= kMaxDiagnosticsPerBatch) return;
  Diagnostic d;
  d.file = file;
  d.line = line;
  d.message = hole >= kHoleBytes ? HoleMessage(hole, message) : std::string(message);
  d.text.assign(raw_line.substr(0, std::min(raw_line.size(), kMaxDiagnosticText)));
  diagnostics.push_back(std::move(d));
}

}  // namespace rundown
