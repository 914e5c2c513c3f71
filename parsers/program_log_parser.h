// ProgramLogParser reads the target program's own stdout+stderr (program.log): one
// kLogLine event per non-blank line (see the slot table in event.h), with the level, the
// logger, the error kind and LogFlag bits worked out from the text.
//
// Lines are read as:
//   - NDJSON records (a line starting with `{"`), parsed with simdjson on-demand: pino/bunyan
//     numeric levels 10..60, winston/others' string levels ("level", "severity", "levelname"),
//     "msg"/"message", "time"/"timestamp"/"ts"/"@timestamp" (epoch ms, epoch s or ISO text),
//     "name"/"logger"/"component", "pid" (-> Event.tid) and an "err"/"error" object (type or
//     name, message, code, stack). A line that is not valid JSON is a diagnostic and is then
//     read as text, so its words still count.
//   - text records: an optional timestamp ("[2026-11-22T19:31:04.703Z]", ISO, "2026/11/22
//     19:31:04", epoch, time of day), a level word ("INFO", "[WARN]", "error:", "level=error",
//     Python's "ERROR:root:"), an optional "logger.name:" and the message.
//   - error reports, as blocks of lines that share the block's level, logger and error kind:
//     Node.js ("node:internal/...:1210" throw site, "  throw err;", "  ^", "Error: Cannot
//     find module 'ws'", "Require stack:", "    at f (file:1:2)", "  code: 'MODULE_NOT_FOUND'",
//     "Node.js v20.20.2"), Python tracebacks, Java exceptions ("Exception in thread", "\tat",
//     "Caused by:"), Go panics ("panic:", "goroutine 1 [running]:"), npm ("npm ERR!"), and
//     the shell's "./start.sh: 5: wait-for-it: not found" (a missing executable: error and
//     dependency, kind "command not found", not fatal: the script goes on) and other shell
//     errors, bash's report of a missing #! interpreter ("cannot execute: required file not
//     found", "bad interpreter: No such file or directory": a dependency), strace's own
//     messages ("strace: exec: Permission denied": kind and logger "strace"), ld.so's
//     "error while loading shared libraries" (fatal), a shell's or glibc's
//     report of a death by signal ("Segmentation fault (core dumped)", fatal), C++'s
//     "terminate called after throwing an instance of 'X'" and libc++abi's "terminating ...
//     of type X", Ruby's "app.rb:2:in `foo': boom (RuntimeError)" with "\tfrom" frames,
//     PHP's "PHP Fatal error:  Uncaught X: ..." (or "Fatal error: ..." displayed on stdout)
//     with "#0" frames, Perl's own errors ("Can't locate Foo/Bar.pm in @INC", "BEGIN
//     failed--compilation aborted") and warn/die text ("MSG at FILE line N.", a warning:
//     the two print the same), Rust's "thread 'main' panicked at" with its backtrace.
//
// Fatal heuristic (kLogFatal, on the line that names the error): an error report is fatal
// when the runtime's own uncaught-error printer wrote it:
//   - Node.js: a throw-site excerpt ("file:line", source line, caret) before the error, or
//     the "Node.js vX.Y.Z" trailer after it (both are printed only for uncaught exceptions
//     and unhandled rejections, right before the process exits);
//   - Python: a traceback that no log record introduces (the line before it is not a leveled
//     record) and that no log record follows (the interpreter's last words);
//   - Java: `Exception in thread "main"`; Go: "panic:" and "fatal error:"; any record at
//     level FATAL; C++'s terminate messages; Ruby's uncaught exception (not a thread's);
//     PHP's "Fatal error" / "Parse error"; a Rust panic of the main thread; a perl error
//     followed by the compiler's "compilation aborted" or by nothing (`warn $@` prints it too).
// A stack trace that a log record introduces (p1: "WARN ... ignoring malformed line" then
// "SyntaxError: ...") belongs to that record: the program caught it and logged it; it keeps
// kLogError but takes the record's level and is not fatal.
// The error kind (detail.str2) is the error's code when it has one ("MODULE_NOT_FOUND",
// "ERR_UNHANDLED_REJECTION"), else its class ("SyntaxError", "ModuleNotFoundError",
// "java.lang.NullPointerException"), "panic", or the npm error code.
#ifndef RUNDOWN_PARSERS_PROGRAM_LOG_PARSER_H_
#define RUNDOWN_PARSERS_PROGRAM_LOG_PARSER_H_

#include "parsers/source_parser.h"

namespace rundown {

class ProgramLogParser : public SourceParser {
 public:
  SourceKind kind() const override { return SourceKind::kProgramLog; }
  bool Splittable() const override { return false; }
  void ParseChunk(const FileContext& ctx, const Chunk& chunk, EventBatch* out) const override;
};

}  // namespace rundown

#endif  // RUNDOWN_PARSERS_PROGRAM_LOG_PARSER_H_
