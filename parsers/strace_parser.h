// StraceParser reads what strace(1) 6.x writes, in every common flag combination, into
// Events (slot contract in parsers/event.h). It is rundown's hot path: a 1 GB trace is
// ~9 M lines, read at ~1 GB/s per thread with no allocation per line.
//
//   line := [prefix] [timestamp] body                         (see strace_line.h)
//   body := NAME "(" args ")" " "* "= " result [<duration>]    a call (strace_decoder.h)
//        |  NAME "(" some-args " <unfinished ...>"             first half of an interrupted call
//        |  "<... " NAME " resumed>" rest-of-args ")" " = " result ...   its second half
//        |  NAME "(" some-args " <detached ...>"               strace let go mid-call (-p)
//        |  "--- " SIGNAL " {" siginfo "} ---"  |  "--- stopped by " SIGNAL " ---"
//        |  "+++ exited with " N " +++"  |  "+++ killed by " SIGNAL [" (core dumped)"] " +++"
//        |  "strace: Process " N " attached" | ... " detached"  (stderr form only)
//        |  " > " frame                 -k stack frame: counted as an annotation, no event
//        |  "[ Process PID=" N " runs in " B " bit mode. ]"   annotation, no event
//
// Interrupted calls. With -f, strace splits a call that another thread interrupts:
//   28    1795375881.131029 futex(0x116acf30, FUTEX_WAIT_BITSET_PRIVATE, 0, NULL, ... <unfinished ...>
//   28    1795375881.133043 <... futex resumed>) = 0 <0.002000>
// The parser joins the two texts and decodes the result as one call, so arguments printed
// in either half land in the right slots; the event takes the unfinished half's position
// and line, EventBatch::stitches records the resumed line. When the partner of a half lies
// in another chunk, the half becomes a placeholder event (type kUnfinished or kResumed, with
// tid, name, line and whatever that half alone says) plus a Fragment holding the raw line.
// The engine pairs fragments across chunks in file order (per tid) and calls
// JoinFragments / DecodeJoined, which decode the pair exactly as ParseChunk would have.
// An unfinished call never resumed stays kUnfinished (counted in `unfinished`).
//
// Bad input: a line that cannot be read becomes a diagnostic (chunk-local line, message,
// raw text) and parsing goes on; lines longer than kMaxLineBytes are reported unread.
//
// Thread-safety: stateless and const; one instance serves every chunk of every file
// concurrently. All per-chunk state (pending halves, scratch buffers) lives on the stack
// of ParseChunk.
#ifndef RUNDOWN_PARSERS_STRACE_PARSER_H_
#define RUNDOWN_PARSERS_STRACE_PARSER_H_

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "parsers/source_parser.h"

namespace rundown {

// The diagnostic of a line holding strace's own message ("strace: exec: Permission denied"),
// found when strace wrote the trace to its stderr: the report quotes it as strace's error.
inline constexpr std::string_view kStraceOwnMessage = "strace's own message (its error or warning, not a call)";

class StraceParser : public SourceParser {
 public:
  // Longer lines are reported ("line longer than 1048576 bytes") and skipped. strace's
  // default -s 32 keeps lines under 1 KB; even -s 65536 with \x escapes stays below this.
  static constexpr size_t kMaxLineBytes = size_t{1} << 20;

  SourceKind kind() const override { return SourceKind::kStrace; }
  bool Splittable() const override { return true; }
  void ParseChunk(const FileContext& ctx, const Chunk& chunk, EventBatch* out) const override;
  // A call whose line is megabytes long (a large buffer printed with a large -s): when the
  // kept start ends inside a string literal and the end closes one, the string is cut the way
  // -s cuts it, `write(1, "AAAA` + `AA", 3000001) = 3000001` -> `write(1, "AAAA"..., 3000001)
  // = 3000001`, and the call is read with its result.
  std::string JoinCutLine(std::string_view head, std::string_view tail) const override;

  // Cross-chunk stitching, the engine's entry point: decodes each pair as DecodeJoined does
  // (with one decoder for all of them) and appends its event to out->events (file =
  // ctx.file, line 0: the caller sets it to the unfinished half's line); (*joined)[i] is 0
  // when the halves do not join. Counters in `out` are not touched; the caller moves one
  // call from `unfinished` to `stitched`/`syscalls` per joined pair.
  void JoinFragments(const FileContext& ctx, std::span<const HalfPair> pairs, EventBatch* out,
                     std::vector<uint8_t>* joined) const override;

  // Decodes two raw halves of one interrupted call (the Fragment::text of an unfinished and
  // of a resumed half, prefix and timestamp included) as one call, the way ParseChunk
  // decodes a pair found inside one chunk. Fills *ev: tid (the unfinished half's, or the
  // resumed half's when only that one names it; else default_tid), time of the unfinished
  // half, name, op, result, err, fd, str, detail, flags | kStitched, type kSyscall; leaves
  // line and file 0. Strings, names and the detail go into *out, but *ev is not appended
  // to out->events. Returns false when the lines are not the two halves of one call of one
  // syscall name, or the joined call cannot be decoded.
  static bool DecodeJoined(std::string_view unfinished_line, std::string_view resumed_line,
                           int32_t default_tid, EventBatch* out, Event* ev);
};

}  // namespace rundown

#endif  // RUNDOWN_PARSERS_STRACE_PARSER_H_
