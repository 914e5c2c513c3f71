// The program's own text inside a write( line of a trace strace wrote to stderr, when the
// program's output went to the same file (`strace -f node app.js 2> strace_log`,
// `2>&1 | tee program.log`). strace prints a call's arguments on entry and its result on
// exit; the bytes the program writes in between land right after the count:
//   [pid 42] 16:40:02.884023 write(2, "warn: NODE_ENV not set, assuming"..., 45warn: NODE_ENV not set, assuming development
//   ) = 45
//   16:40:21.281002 write(2, "ModuleNotFoundError", 19ModuleNotFoundError) = 19
// Used by the strace parser (is this file strace's stderr?) and the program-log parser (the
// program's lines of such a file). Pure functions of one line; no state, thread-safe.
#ifndef RUNDOWN_PARSERS_GLUED_WRITE_H_
#define RUNDOWN_PARSERS_GLUED_WRITE_H_

#include <cstddef>
#include <string_view>

namespace rundown {

struct GluedWrite {
  std::string_view literal;  // the string argument as printed, quotes and "..." included
  std::string_view text;     // what follows the count, without strace's ") = N" or " <unfinished ...>"
  // The text runs to the end of the line: what the program wrote ended a line there (the
  // rest of the call, ") = N", comes on a later line).
  bool line_ended = false;
};

// Reads `line` as a write( call cut after its count: `... write(FD, "S"[...], N<text>[) = R]`.
// False when the line holds no such call.
bool ReadGluedWrite(std::string_view line, GluedWrite* out);

// True when the text after a write('s count is the start of the string the call printed (its
// first line, unescaped): the program's bytes reached this file while strace was printing
// the call, so the file is strace's stderr and holds the program's output. An empty string
// proves nothing; one that starts with a newline proves it by ending the line at the count,
// which strace alone never does.
bool EchoesItsString(std::string_view line);

// With -f, a write's text may land in another thread's line instead, when strace printed the
// write as `write(2, "progress 15: scanning batch 105\n", 32 <unfinished ...>` and then began
// another call:
//   [pid 19] 16:40:21.593852 mprotect(0x7f3dec029000, 61440, PROT_READ|PROT_WRITEprogress 15: scanning batch 105
// The size of the first line the unfinished write `write_call` wrote when `line` ends with it
// (and holds more), else 0. Only a string whose shown part holds a newline gives a line.
size_t GluedLineAtEnd(std::string_view line, std::string_view write_call);

}  // namespace rundown

#endif  // RUNDOWN_PARSERS_GLUED_WRITE_H_
