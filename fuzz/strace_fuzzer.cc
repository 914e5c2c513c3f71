// libFuzzer target for StraceParser: parses the input as one chunk, then again as two
// chunks split at an input-derived line boundary, joining the fragments the way the engine
// does (StraceParser::DecodeJoined). Checks the batch invariants the engine relies on:
// line numbers within the chunk and in order, valid detail / string / name ids, fragments
// pointing at placeholders (bytes are counted by the engine, not the parser). Input is
// capped at 1 MiB.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "parsers/event_batch.h"
#include "parsers/source_parser.h"
#include "parsers/strace_parser.h"

namespace {

constexpr size_t kMaxInput = 1 << 20;

void Check(bool ok) {
  if (!ok) __builtin_trap();
}

void CheckBatch(const rundown::EventBatch& b, std::string_view text) {
  uint32_t lines = static_cast<uint32_t>(b.counters.lines);
  Check(b.counters.events == b.events.size());
  uint32_t prev = 0;
  for (const rundown::Event& e : b.events) {
    Check(e.line >= 1 && e.line <= lines);
    Check(e.line >= prev);
    prev = e.line;
    Check(e.detail == rundown::kNoDetail || e.detail < b.details.size());
    Check(e.str < b.strings.size());
    Check(e.name < b.names.size());
  }
  for (const rundown::Detail& d : b.details) Check(d.str2 < b.strings.size() && d.str3 < b.strings.size());
  for (const rundown::Fragment& f : b.fragments) {
    Check(f.event_index < b.events.size());
    rundown::EventType t = b.events[f.event_index].type;
    Check(t == (f.unfinished ? rundown::EventType::kUnfinished : rundown::EventType::kResumed));
  }
  for (const auto& [index, resumed_line] : b.stitches) {
    Check(index < b.events.size());
    Check(resumed_line > b.events[index].line && resumed_line <= lines);
  }
  Check(b.diagnostics.size() <= rundown::kMaxDiagnosticsPerBatch);
}

rundown::EventBatch Parse(std::string_view text) {
  rundown::EventBatch b;
  rundown::FileContext ctx;
  ctx.kind = rundown::SourceKind::kStrace;
  rundown::StraceParser().ParseChunk(ctx, rundown::Chunk{text, 0, 0, true}, &b);
  CheckBatch(b, text);
  return b;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > kMaxInput) size = kMaxInput;
  std::string_view text(reinterpret_cast<const char*>(data), size);
  Parse(text);
  if (size == 0) return 0;
  // Split after the first '\n' at or past an offset taken from the first byte.
  size_t split = text.find('\n', (static_cast<size_t>(data[0]) * size) / 256);
  if (split == std::string_view::npos) return 0;
  rundown::EventBatch first = Parse(text.substr(0, split + 1));
  rundown::EventBatch second = Parse(text.substr(split + 1));
  for (const rundown::Fragment& u : first.fragments) {
    if (!u.unfinished) continue;
    for (const rundown::Fragment& r : second.fragments) {
      if (r.unfinished || r.tid != u.tid) continue;
      rundown::EventBatch joined;
      rundown::Event e;
      if (rundown::StraceParser::DecodeJoined(u.text, r.text, 0, &joined, &e)) {
        Check(e.detail == rundown::kNoDetail || e.detail < joined.details.size());
        Check(e.str < joined.strings.size());
        Check((e.flags & rundown::kStitched) != 0);
      }
      break;
    }
  }
  return 0;
}
