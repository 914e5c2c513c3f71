// Line endings of the line-table sources (inotify, ss, netstat, ps, program.log). ForEachLine
// already drops the '\r' of "\r\n", so fields never keep it; the file was still converted
// or written on Windows, and the report says so once, at the first such line.
#ifndef RUNDOWN_PARSERS_CRLF_CHECK_H_
#define RUNDOWN_PARSERS_CRLF_CHECK_H_

#include <algorithm>
#include <cstdint>
#include <string_view>

#include "parsers/event_batch.h"

namespace rundown {

// Reports "CRLF line endings" at the first line of `text` that ends in "\r\n".
inline void ReportCrlf(std::string_view text, EventBatch* out) {
  size_t at = text.find("\r\n");
  if (at == std::string_view::npos) return;
  uint32_t line = 1 + static_cast<uint32_t>(std::count(text.begin(), text.begin() + at, '\n'));
  size_t start = text.rfind('\n', at);
  start = start == std::string_view::npos ? 0 : start + 1;
  out->Report(line, "CRLF line endings (first at this line); the '\\r' is dropped",
              text.substr(start, at - start));
}

// program.log is the program's own output: a line it printed with "\r\n" (an HTTP status
// line it read, a Windows tool's output) among lines ending in "\n" is not a converted file.
// Reports CRLF as ReportCrlf does, but only when no line of `text` ends in a bare "\n".
inline void ReportCrlfIfEveryLine(std::string_view text, EventBatch* out) {
  for (size_t at = text.find('\n'); at != std::string_view::npos; at = text.find('\n', at + 1)) {
    if (at == 0 || text[at - 1] != '\r') return;
  }
  ReportCrlf(text, out);
}

}  // namespace rundown

#endif  // RUNDOWN_PARSERS_CRLF_CHECK_H_
