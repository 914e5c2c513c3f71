// The parts of a strace line around the call itself: the thread prefix, the timestamp, the
// two halves of an interrupted call. Shared by the chunk parser and by the cross-chunk
// join (StraceParser::DecodeJoined), which must read a line exactly the same way.
//
//   line       := [prefix] [timestamp " "+] body
//   prefix     := PID " "+                (-f -o FILE: a left-aligned pid column "28    ")
//              |  "[pid" " "+ PID "] "    (-f writing to stderr)
//   timestamp  := HH:MM:SS                (-t)
//              |  HH:MM:SS.FRAC           (-tt)
//              |  SECONDS.FRAC            (-ttt, >= 1e8 s; FRAC up to 9 digits with ,ns)
//              |  " "* DELTA.FRAC         (-r: seconds since the previous line)
//   unfinished := NAME "(" some-args [","] " "+ "<unfinished ...>"
//   resumed    := "<... " NAME " resumed>" [" <unfinished ...>"] rest-args ")" result
#ifndef RUNDOWN_PARSERS_STRACE_LINE_H_
#define RUNDOWN_PARSERS_STRACE_LINE_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "parsers/event.h"
#include "parsers/event_batch.h"

namespace rundown::strace {

inline constexpr std::string_view kUnfinishedMark = "<unfinished ...>";
inline constexpr std::string_view kDetachedMark = "<detached ...>";
inline constexpr std::string_view kResumedOpen = "<... ";
inline constexpr std::string_view kResumedClose = " resumed>";

struct LineParts {
  int32_t tid = 0;              // from the prefix, else the file's default tid
  bool has_prefix = false;      // the line named its thread
  int64_t time_ns = kNoTime;
  Timebase timebase = Timebase::kNone;
  std::string_view body;        // the rest: a call, a resumed half, "--- SIG", "+++ ", ...
};

// Splits the prefix and the timestamp off `line`. Never fails: a line without them keeps
// everything in `body`.
void SplitLine(std::string_view line, int32_t default_tid, LineParts* parts);

// Parses one timestamp token ("19:31:04", "19:31:04.476323", "1795375881.065207",
// "0.000123", "1795394350.214720917"); false when `token` is not one.
bool ParseTimestamp(std::string_view token, int64_t* ns, Timebase* base);

// The syscall name of a call ("openat" for "openat(AT_FDCWD, ...") or of a resumed half
// ("read" for "<... read resumed>..."); empty when `body` is neither.
std::string_view CallName(std::string_view body);
std::string_view ResumedName(std::string_view body);

// Joins the bodies of two halves into one call text:
//   "rt_sigprocmask(SIG_SETMASK, [USR1],  <unfinished ...>" + "<... rt_sigprocmask resumed>NULL, 8) = 0"
//   -> "rt_sigprocmask(SIG_SETMASK, [USR1], NULL, 8) = 0"
// Returns false when the halves are not an unfinished and a resumed half of the same call.
bool JoinHalves(std::string_view unfinished_body, std::string_view resumed_body, std::string* out);

}  // namespace rundown::strace

#endif  // RUNDOWN_PARSERS_STRACE_LINE_H_
