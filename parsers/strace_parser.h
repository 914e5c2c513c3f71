// StraceParser reads what strace(1) 6.x writes, in every common flag combination, into
// Events (slot contract in parsers/event.h):
//
//   [prefix] [timestamp] body
//   prefix     := ""                      (one process, or one -ff file: tid from its name)
//              |  PID " "+                (-f -o FILE: a left-aligned pid column)
//              |  "[pid" " "+ PID "] "    (-f to a terminal)
//   timestamp  := HH:MM:SS                (-t)   | HH:MM:SS.frac (-tt)
//              |  SECONDS.frac            (-ttt: >= 1e8) | DELTA.frac (-r: relative)
//   body       := NAME "(" args ")" " "* "= " result [" " errno-or-decoding] [" <" dur ">"]
//              |  NAME "(" args " <unfinished ...>"          (a call interrupted by another)
//              |  "<... " NAME " resumed>" rest-of-args ")" " = " result ...
//              |  "--- " SIGNAL " {" siginfo "} ---"  | "--- stopped by " SIG " ---"
//              |  "+++ exited with " N " +++"  | "+++ killed by " SIG [" (core dumped)"] " +++"
//              |  "strace: Process " N " attached" | ... " detached" | "<detached ...>"
//              |  " > " frame                (-k stack trace line: counted, not an event)
//              |  "[ Process PID=" N " runs in " B " bit mode. ]"
//
// Unfinished/resumed halves of one thread are joined into one event at the unfinished
// half's line (EventBatch::stitches keeps the resumed line). A half whose partner lies in
// another chunk becomes a placeholder plus a Fragment; the engine pairs fragments across
// chunks and calls JoinFragments. Unreadable lines become diagnostics; parsing goes on.
//
// Thread-safety: stateless; one instance serves every chunk of every file concurrently.
#ifndef RUNDOWN_PARSERS_STRACE_PARSER_H_
#define RUNDOWN_PARSERS_STRACE_PARSER_H_

#include "parsers/source_parser.h"

namespace rundown {

class StraceParser : public SourceParser {
 public:
  SourceKind kind() const override { return SourceKind::kStrace; }
  bool Splittable() const override { return true; }
  void ParseChunk(const FileContext& ctx, const Chunk& chunk, EventBatch* out) const override;
  bool JoinFragments(const FileContext& ctx, std::string_view unfinished_line,
                     std::string_view resumed_line, EventBatch* out) const override;
};

}  // namespace rundown

#endif  // RUNDOWN_PARSERS_STRACE_PARSER_H_
