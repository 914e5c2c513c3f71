#include "parsers/event_batch.h"

#include <algorithm>

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

void EventBatch::Report(uint32_t line, std::string_view message, std::string_view raw_line) {
  ++counters.diagnostics;
  if (diagnostics.size() >= kMaxDiagnosticsPerBatch) return;
  Diagnostic d;
  d.file = file;
  d.line = line;
  d.message.assign(message);
  d.text.assign(raw_line.substr(0, std::min(raw_line.size(), kMaxDiagnosticText)));
  diagnostics.push_back(std::move(d));
}

}  // namespace rundown
