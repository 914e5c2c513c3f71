// libFuzzer target for InotifyParser. The input (capped at 256 KiB) is parsed as one chunk
// and again as two chunks split at an input-derived line boundary (the parser is
// splittable: the halves, read with the whole's head traits as the engine hands them to every
// chunk of a file, must give as many events as the whole, but for records joined from two
// lines). An input starting with
// "FMT:" carries a --format spec on its first line and a --timefmt on its second, so the
// spec compiler and the backtracking matcher are fuzzed too.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz/batch_checks.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using rundown::SourceKind;
  std::string_view text = rundown::fuzz::Input(data, size);
  rundown::ParserOptions options;
  if (text.starts_with("FMT:")) {
    size_t nl = text.find('\n');
    if (nl == std::string_view::npos) return 0;
    options.inotify_format.assign(text.substr(4, nl - 4));
    text.remove_prefix(nl + 1);
    nl = text.find('\n');
    if (nl == std::string_view::npos) return 0;
    options.inotify_timefmt.assign(text.substr(0, nl));
    text.remove_prefix(nl + 1);
  }
  const uint32_t traits = rundown::fuzz::HeadTraits(SourceKind::kInotify, text, options);
  rundown::EventBatch whole = rundown::fuzz::ParseAndCheck(SourceKind::kInotify, text, options, traits);
  if (text.empty()) return 0;
  size_t split = text.find('\n', (static_cast<size_t>(static_cast<uint8_t>(text[0])) * text.size()) / 256);
  if (split == std::string_view::npos) return 0;
  rundown::EventBatch a = rundown::fuzz::ParseAndCheck(SourceKind::kInotify, text.substr(0, split + 1), options, traits);
  rundown::EventBatch b = rundown::fuzz::ParseAndCheck(SourceKind::kInotify, text.substr(split + 1), options, traits);
  // A record whose file name holds a newline is joined from two lines (counted in
  // `stitched`); a split between them leaves its first part reported and its second part
  // alone, which may or may not read as an event. Each such record may change the count by one.
  const size_t parts = a.events.size() + b.events.size(), joined = whole.counters.stitched;
  rundown::fuzz::Check(parts <= whole.events.size() + joined && parts + joined >= whole.events.size());
  return 0;
}
