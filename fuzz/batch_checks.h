// Invariants every parser's EventBatch must keep, whatever the input: the engine indexes
// with these ids and line numbers without checking them again. Used by the libFuzzer
// targets of the line-table parsers (inotify, ss, netstat, ps, program.log, container).
#ifndef RUNDOWN_FUZZ_BATCH_CHECKS_H_
#define RUNDOWN_FUZZ_BATCH_CHECKS_H_

#include <cstddef>
#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "parsers/event_batch.h"
#include "parsers/parser_registry.h"
#include "parsers/source_parser.h"
#include "parsers/text_encoding.h"

namespace rundown::fuzz {

inline constexpr size_t kMaxInput = 256 * 1024;

inline void Check(bool ok) {
  if (!ok) __builtin_trap();
}

inline uint32_t CountLines(std::string_view text) {
  return ForEachLine(text, [](std::string_view, uint32_t) {});
}

inline void CheckBatch(const EventBatch& b, std::string_view text) {
  const uint32_t lines = CountLines(text);
  Check(b.counters.lines == lines);
  Check(b.counters.events == b.events.size());
  Check(b.fragments.empty() && b.stitches.empty());
  uint32_t prev = 0;
  for (const Event& e : b.events) {
    Check(e.line >= 1 && e.line <= lines);
    Check(e.line >= prev);
    prev = e.line;
    Check(e.detail == kNoDetail || e.detail < b.details.size());
    Check(e.str < b.strings.size());
    Check(e.name < b.names.size());
  }
  for (const Detail& d : b.details) Check(d.str2 < b.strings.size() && d.str3 < b.strings.size());
  for (const Diagnostic& d : b.diagnostics) {
    Check(d.line >= 1 && (d.line <= lines || lines == 0));
    Check(d.text.size() <= kMaxDiagnosticText);
  }
  Check(b.diagnostics.size() <= kMaxDiagnosticsPerBatch);
  Check(b.counters.diagnostics >= b.diagnostics.size());
}

// What the engine works out from the start of a file that begins with `text`
// (SourceParser::HeadTraits) and hands to every chunk of it.
inline uint32_t HeadTraits(SourceKind kind, std::string_view text, const ParserOptions& options) {
  return MakeParser(kind, options)->HeadTraits(text.substr(0, std::min(text.size(), SourceParser::kHeadTraitsBytes)));
}

// Parses `text` as one chunk with the parser for `kind` and checks the batch; the chunk is
// read with `head_traits`, or as the first chunk of a file when none are given.
inline EventBatch ParseOneAndCheck(SourceKind kind, std::string_view text, const ParserOptions& options,
                                   std::optional<uint32_t> head_traits = std::nullopt) {
  EventBatch b;
  FileContext ctx;
  ctx.kind = kind;
  ctx.head_traits = head_traits.value_or(HeadTraits(kind, text, options));
  MakeParser(kind, options)->ParseChunk(ctx, Chunk{text, 0, 0, true}, &b);
  CheckBatch(b, text);
  return b;
}

// The same, and for input the engine would take as UTF-16 (parsers/text_encoding.h), its
// conversion to UTF-8 is parsed and checked too, as the engine parses it.
inline EventBatch ParseAndCheck(SourceKind kind, std::string_view text, const ParserOptions& options = {},
                                std::optional<uint32_t> head_traits = std::nullopt) {
  if (const TextEncoding e = DetectEncoding(text); IsUtf16(e)) ParseOneAndCheck(kind, Utf16ToUtf8(text, e), options);
  return ParseOneAndCheck(kind, text, options, head_traits);
}

inline std::string_view Input(const uint8_t* data, size_t size) {
  return std::string_view(reinterpret_cast<const char*>(data), size < kMaxInput ? size : kMaxInput);
}

}  // namespace rundown::fuzz

#endif  // RUNDOWN_FUZZ_BATCH_CHECKS_H_
