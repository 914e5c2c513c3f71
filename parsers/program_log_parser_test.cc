// ProgramLogParser on real program output: testdata/p*/program.log (the shared captures) and
// testdata/formats/program_log/ (captured by testdata/formats/capture_program_logs.sh from
// node 20, python 3.11, java 17, npm, g++/clang++, ruby 3.1, php-cli 8.2, perl 5.36 and
// rustc 1.95 / 1.63; go_panic.txt is hand-written after Go's format).
#include "parsers/program_log_parser.h"

#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "parsers/parser_test_util.h"
#include "parsers/source_sniffer.h"
#include "parsers/text_util.h"
#include "parsers/time_format.h"

namespace rundown {
namespace {

using parser_test::Testdata;

struct Parsed : parser_test::Parsed {
  std::string_view msg(size_t i) const { return str(ev(i).str); }
  std::string_view level(size_t i) const { return name(i); }
  std::string_view kind(size_t i) const { return str(detail(i).str2); }
  std::string_view logger(size_t i) const { return str(detail(i).str3); }
  uint32_t flags(size_t i) const { return detail(i).flags; }
  // Index of the first event whose message starts with `prefix`.
  size_t Find(std::string_view prefix) const {
    for (size_t i = 0; i < batch.events.size(); ++i)
      if (msg(i).starts_with(prefix)) return i;
    ADD_FAILURE() << "no event starting with " << prefix;
    return 0;
  }
  size_t Count(uint32_t flag) const {
    size_t n = 0;
    for (size_t i = 0; i < batch.events.size(); ++i) n += (flags(i) & flag) != 0;
    return n;
  }
};

Parsed Parse(std::string_view text) { return parser_test::Parse<Parsed>(ProgramLogParser(), text); }

int64_t EpochNs(int y, int mo, int d, int h, int mi, int s, int ms) {
  return (DaysFromCivil(y, mo, d) * 86400 + h * 3600 + mi * 60 + s) * 1000000000LL + ms * 1000000LL;
}

TEST(ProgramLogParser, TextRecordsAndAHandledStackTrace) {
  Parsed p = Parse(Testdata("p1_chat_clean_ff/program.log"));
  EXPECT_TRUE(p.batch.diagnostics.empty());
  ASSERT_EQ(p.batch.events.size(), 28u);
  // [2026-11-22T19:31:04.703Z] INFO  lanchat.http: listening on port 3000
  EXPECT_EQ(p.ev(0).type, EventType::kLogLine);
  EXPECT_EQ(p.level(0), "INFO");
  EXPECT_EQ(p.logger(0), "lanchat.http");
  EXPECT_EQ(p.msg(0), "listening on port 3000");
  EXPECT_EQ(p.flags(0), uint32_t{kLogListening});
  EXPECT_EQ(p.ev(0).time_ns, EpochNs(2026, 11, 22, 19, 31, 4, 703));
  EXPECT_EQ(p.batch.timebase, Timebase::kEpoch);
  EXPECT_EQ(p.flags(1), uint32_t{kLogListening});
  EXPECT_EQ(p.Count(kLogListening), 2u);
  // The WARN record and the SyntaxError it logged: handled, not fatal.
  size_t warn = p.Find("connection #1: ignoring malformed line");
  EXPECT_EQ(p.level(warn), "WARN");
  EXPECT_EQ(p.flags(warn), uint32_t{kLogWarning});
  size_t err = warn + 1;
  EXPECT_EQ(p.msg(err), "SyntaxError: Unexpected token 'h', \"this is not json\" is not valid JSON");
  EXPECT_EQ(p.kind(err), "SyntaxError");
  EXPECT_EQ(p.level(err), "WARN");  // it belongs to the record that logged it
  EXPECT_EQ(p.logger(err), "lanchat.chat");
  EXPECT_EQ(p.flags(err), uint32_t{kLogError});
  EXPECT_EQ(p.msg(err + 1), "at JSON.parse (<anonymous>)");
  EXPECT_EQ(p.flags(err + 1), uint32_t{kLogStackFrame});
  EXPECT_EQ(p.kind(err + 7), "SyntaxError");
  EXPECT_EQ(p.Count(kLogStackFrame), 7u);
  EXPECT_EQ(p.Count(kLogFatal), 0u);
  EXPECT_EQ(p.kind(err + 8), "");
  EXPECT_EQ(p.msg(p.batch.events.size() - 1), "shutdown complete");
}

TEST(ProgramLogParser, UncaughtMissingModuleIsFatal) {
  Parsed p = Parse(Testdata("p3_missing_module/program.log"));
  EXPECT_TRUE(p.batch.diagnostics.empty());
  ASSERT_EQ(p.batch.events.size(), 21u);  // 23 lines, 2 blank
  size_t h = p.Find("Error: Cannot find module");
  EXPECT_EQ(p.msg(h), "Error: Cannot find module 'ws'");
  EXPECT_EQ(p.ev(h).line, 5u);
  EXPECT_EQ(p.kind(h), "MODULE_NOT_FOUND");
  EXPECT_EQ(p.level(h), "ERROR");
  EXPECT_EQ(p.flags(h), uint32_t{kLogError | kLogFatal | kLogDependency});
  EXPECT_EQ(p.Count(kLogFatal), 1u);
  // Every line of the report carries the kind; the throw site opens it.
  EXPECT_EQ(p.msg(0), "node:internal/modules/cjs/loader:1210");
  EXPECT_EQ(p.kind(0), "MODULE_NOT_FOUND");
  EXPECT_EQ(p.msg(p.Find("- /home")), "- /home/auditor/app/handlers/index.js");
  EXPECT_EQ(p.Count(kLogStackFrame), 10u);
  EXPECT_EQ(p.msg(20), "Node.js v20.20.2");
  EXPECT_EQ(p.kind(20), "MODULE_NOT_FOUND");
}

TEST(ProgramLogParser, PinoNdjsonWithAnErrObject) {
  Parsed p = Parse(Testdata("p2_chat_clean_single/program.log"));
  EXPECT_TRUE(p.batch.diagnostics.empty());
  ASSERT_EQ(p.batch.events.size(), 20u);
  EXPECT_EQ(p.msg(0), "listening on port 3000");
  EXPECT_EQ(p.level(0), "INFO");
  EXPECT_EQ(p.logger(0), "lanchat.http");
  EXPECT_EQ(p.ev(0).tid, 28);
  EXPECT_EQ(p.ev(0).time_ns, 1795375881271LL * 1000000);
  EXPECT_EQ(p.flags(0), uint32_t{kLogStructured | kLogListening});
  EXPECT_EQ(p.batch.timebase, Timebase::kEpoch);
  // "level":40 with "err":{"type":"SyntaxError",...}
  size_t w = p.Find("connection #1: ignoring");
  EXPECT_EQ(p.level(w), "WARN");
  EXPECT_EQ(p.kind(w), "SyntaxError");
  EXPECT_EQ(p.flags(w), uint32_t{kLogStructured | kLogWarning | kLogError});
  EXPECT_EQ(p.Count(kLogFatal), 0u);
}

TEST(ProgramLogParser, SameFactsInTextAndNdjsonCaptures) {
  Parsed text = Parse(Testdata("p4_shell_spawn/program.log"));
  EXPECT_EQ(text.Count(kLogListening), 2u);
  EXPECT_EQ(text.Count(kLogFatal), 0u);
  EXPECT_EQ(text.Count(kLogError), 1u);
  EXPECT_EQ(text.msg(text.Find("diagnostics requested")), "diagnostics requested by alice");
}

TEST(ProgramLogParser, NodeCrashesOfEveryKindAreFatal) {
  struct Case {
    const char* file;
    const char* header;
    const char* kind;
    uint32_t flags;
  };
  const Case cases[] = {
      {"node_missing_module.txt", "Error: Cannot find module 'left-pad'", "MODULE_NOT_FOUND",
       kLogError | kLogFatal | kLogDependency},
      {"node_esm_missing_package.txt", "Error [ERR_MODULE_NOT_FOUND]: Cannot find package 'express'",
       "ERR_MODULE_NOT_FOUND", kLogError | kLogFatal | kLogDependency},
      {"node_uncaught_typeerror.txt", "TypeError: Cannot read properties of undefined", "TypeError",
       kLogError | kLogFatal},
      {"node_unhandled_rejection.txt", "UnhandledPromiseRejection: This error originated",
       "ERR_UNHANDLED_REJECTION", kLogError | kLogFatal},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.file);
    Parsed p = Parse(Testdata(std::string("formats/program_log/") + c.file));
    EXPECT_TRUE(p.batch.diagnostics.empty());
    size_t h = p.Find(c.header);
    EXPECT_EQ(p.kind(h), c.kind);
    EXPECT_EQ(p.flags(h), c.flags);
    EXPECT_EQ(p.Count(kLogFatal), 1u);
  }
  // The TypeError's source excerpt is printed unindented after the throw site.
  Parsed t = Parse(Testdata("formats/program_log/node_uncaught_typeerror.txt"));
  EXPECT_EQ(t.msg(0), "starting");
  EXPECT_EQ(t.kind(0), "");
  EXPECT_EQ(t.msg(2), "setTimeout(() => { console.log(cfg.port); }, 10);");
  EXPECT_EQ(t.kind(2), "TypeError");
  EXPECT_EQ(t.flags(2), 0u);
}

// Output written for a terminal (capture_formats4.sh): node 20 with FORCE_COLOR=1 greys its
// internal frames ("\x1b[90m    at runScript (node:internal/...)\x1b[39m"), and a program's
// own coloured levels ("\x1b[31mERROR\x1b[0m failed to open ..."). The escapes hid the
// frames (the stack ended at the first grey one) and the levels; they are removed.
TEST(ProgramLogParser, TerminalEscapesAreRemoved) {
  Parsed r = Parse(Testdata("formats/program_log/node_force_color_rejection.txt"));
  EXPECT_TRUE(r.batch.diagnostics.empty());
  ASSERT_EQ(r.batch.events.size(), 12u);
  size_t h = r.Find("TypeError: colored rejection");
  EXPECT_EQ(r.flags(h), kLogError | kLogFatal);
  EXPECT_EQ(r.msg(h + 2), "at runScriptInThisContext (node:internal/vm:209:10)");
  EXPECT_EQ(r.ev(h + 2).line, 7u);
  EXPECT_EQ(r.Count(kLogStackFrame), 7u);  // lines 6-12: grey or not
  EXPECT_EQ(r.kind(h + 7), "TypeError");   // line 12, the last frame, still in the block
  Parsed m = Parse(Testdata("formats/program_log/node_force_color_missing_module.txt"));
  EXPECT_TRUE(m.batch.diagnostics.empty());
  size_t e = m.Find("Error: Cannot find module 'ws'");
  EXPECT_EQ(m.kind(e), "MODULE_NOT_FOUND");
  EXPECT_EQ(m.flags(e) & (kLogFatal | kLogDependency), kLogFatal | kLogDependency);
  EXPECT_EQ(m.Count(kLogStackFrame), 10u);
  EXPECT_EQ(m.Count(kLogFatal), 1u);
  // python3 printing its own colours, a \r progress bar, a 70000-byte line, bytes 00-ff.
  Parsed c = Parse(Testdata("formats/program_log/py_colour_levels_progress_binary.txt"));
  ASSERT_EQ(c.batch.diagnostics.size(), 1u);
  EXPECT_EQ(c.batch.diagnostics[0].line, 5u);  // the long line
  EXPECT_EQ(c.msg(0), "server starting on 127.0.0.1:3000");
  EXPECT_EQ(c.level(0), "INFO");
  EXPECT_EQ(c.level(1), "WARN");
  EXPECT_EQ(c.msg(2), "Downloading [####################] 100%");  // the bar's last step only
  EXPECT_EQ(c.ev(2).line, 3u);
  EXPECT_EQ(c.msg(3), "failed to open /etc/app.conf: Permission denied");
  EXPECT_EQ(c.flags(3), uint32_t{kLogError});
  size_t x = c.Find("RuntimeError: boom red");
  EXPECT_EQ(c.kind(x), "RuntimeError");
  EXPECT_EQ(c.flags(x), kLogError | kLogFatal);
}

// A progress bar redrawn with \r and then overwritten by an error on the same line
// (capture_formats4.sh): the error is read (it was one "other" line with the bar before);
// the bar's steps with the same first word are one line; curl's meter (no letters) too.
TEST(ProgramLogParser, CarriageReturnPartsAreReadAsLines) {
  Parsed p = Parse(Testdata("formats/program_log/py_progress_then_error.txt"));
  EXPECT_TRUE(p.batch.diagnostics.empty());
  ASSERT_EQ(p.batch.events.size(), 3u);
  EXPECT_EQ(p.msg(1), "Downloading weights.bin  60%");
  EXPECT_EQ(p.ev(1).line, 2u);
  EXPECT_EQ(p.msg(2), "download failed: [Errno 111] Connection refused");
  EXPECT_EQ(p.level(2), "ERROR");
  EXPECT_EQ(p.flags(2), uint32_t{kLogError});
  EXPECT_EQ(p.ev(2).line, 2u);
  Parsed c = Parse(Testdata("formats/program_log/curl_meter_refused.txt"));
  ASSERT_EQ(c.batch.events.size(), 4u);
  EXPECT_EQ(c.msg(2), "0     0    0     0    0     0      0      0 --:--:-- --:--:-- --:--:--     0");
  EXPECT_EQ(c.ev(3).line, 4u);
}

// Command-line tools print errors without a level word (capture_formats4.sh): perror's
// "...: <strerror text>" (kind: the errno name), "PROG: error:" / "cc1: fatal error:", a
// compiler's "FILE:LINE:COL: error:", curl's "curl: (7) ...". They were plain lines.
TEST(ProgramLogParser, ToolErrorFormsAreErrors) {
  Parsed p = Parse(Testdata("formats/program_log/cli_tool_errors.txt"));
  EXPECT_TRUE(p.batch.diagnostics.empty());
  ASSERT_EQ(p.batch.events.size(), 11u);
  const struct {
    size_t i;
    std::string_view level, kind, logger, msg_start;
  } want[] = {
      {0, "ERROR", "ENOENT", "", "ls: cannot access 'x': No such file or directory"},
      {1, "ERROR", "ENOENT", "", "tar: nonexist.tar: Cannot open: No such file or directory"},
      {2, "", "", "", "tar: Error is not recoverable: exiting now"},
      {3, "ERROR", "ENOENT", "", "/"},  // python3: can't open file '/nonexist.py': [Errno 2] ...
      {4, "FATAL", "", "", "not a git repository"},
      {5, "", "", "", "--"},
      {6, "ERROR", "ECONNREFUSED", "", "Connecting to 127.0.0.1:9... failed: Connection refused."},
      {7, "ERROR", "", "curl", "curl: (7) Failed to connect to 127.0.0.1 port 9"},
      {8, "FATAL", "ENOENT", "cc1", "/nonexist.c: No such file or directory"},
      {9, "", "", "", "compilation terminated."},
      {10, "ERROR", "", "<stdin>:1:11", "expected declaration specifiers"},
  };
  for (const auto& w : want) {
    SCOPED_TRACE(w.i);
    EXPECT_EQ(p.level(w.i), w.level);
    EXPECT_EQ(p.kind(w.i), w.kind);
    EXPECT_EQ(p.logger(w.i), w.logger);
    EXPECT_TRUE(p.msg(w.i).starts_with(w.msg_start)) << p.msg(w.i);
  }
  EXPECT_EQ(p.flags(8), kLogError | kLogFatal);
  EXPECT_EQ(p.flags(0), uint32_t{kLogError});
  // Not a tool's error: a lower-case reason, an INFO word after the program's name, a
  // traceback after a perror-style line is still the interpreter's last words.
  Parsed q = Parse("app: open config: permission denied\nserver: info: ready\n"
                   "fetch: [Errno 111] Connection refused\nTraceback (most recent call last):\n"
                   "  File \"/app/x.py\", line 1, in <module>\nOSError: boom\n");
  EXPECT_EQ(q.level(0), "");
  EXPECT_EQ(q.level(1), "");
  EXPECT_EQ(q.level(2), "ERROR");
  EXPECT_EQ(q.kind(2), "ECONNREFUSED");
  EXPECT_EQ(q.flags(q.Find("OSError: boom")) & kLogFatal, uint32_t{kLogFatal});
}

TEST(ProgramLogParser, NodeHandledErrorAndWarnings) {
  Parsed p = Parse(Testdata("formats/program_log/node_handled_error.txt"));
  EXPECT_EQ(p.Count(kLogFatal), 0u);
  size_t e = p.Find("SyntaxError");
  EXPECT_EQ(p.level(e), "WARN");
  EXPECT_EQ(p.logger(e), "app");
  EXPECT_EQ(p.Count(kLogStackFrame), 8u);
  EXPECT_EQ(p.Count(kLogListening), 1u);

  Parsed w = Parse(Testdata("formats/program_log/node_deprecation_warning.txt"));
  size_t d = w.Find("(node:");
  EXPECT_EQ(w.level(d), "WARN");
  EXPECT_EQ(w.kind(d), "DeprecationWarning");
  EXPECT_EQ(w.flags(d), uint32_t{kLogWarning});
  EXPECT_EQ(w.Count(kLogError), 0u);
}

TEST(ProgramLogParser, PythonTracebacks) {
  Parsed m = Parse(Testdata("formats/program_log/python_missing_module.txt"));
  ASSERT_EQ(m.batch.events.size(), 3u);
  EXPECT_EQ(m.flags(0), 0u);  // "Traceback (...):" opens the report; the exception's line is the error
  EXPECT_EQ(m.flags(1), uint32_t{kLogStackFrame});
  EXPECT_EQ(m.msg(2), "ModuleNotFoundError: No module named 'left_pad'");
  EXPECT_EQ(m.kind(2), "ModuleNotFoundError");
  EXPECT_EQ(m.flags(2), uint32_t{kLogError | kLogFatal | kLogDependency});

  // logging.exception(): the traceback belongs to "ERROR:worker:lookup failed"; the program
  // goes on, so nothing is fatal.
  Parsed h = Parse(Testdata("formats/program_log/python_logging_exception.txt"));
  EXPECT_EQ(h.Count(kLogFatal), 0u);
  EXPECT_EQ(h.msg(0), "listening on 0.0.0.0:9000");
  EXPECT_EQ(h.logger(0), "worker");
  EXPECT_EQ(h.flags(0), uint32_t{kLogListening});
  size_t k = h.Find("KeyError");
  EXPECT_EQ(h.kind(k), "KeyError");
  EXPECT_EQ(h.level(k), "ERROR");
  EXPECT_EQ(h.logger(k), "worker");
  EXPECT_EQ(h.level(h.Find("retrying")), "WARN");

  // Chained: the last exception is the kind and the fatal one.
  Parsed c = Parse(Testdata("formats/program_log/python_chained.txt"));
  size_t last = c.Find("RuntimeError");
  EXPECT_EQ(c.kind(last), "RuntimeError");
  EXPECT_EQ(c.flags(last), uint32_t{kLogError | kLogFatal});
  EXPECT_EQ(c.flags(c.Find("FileNotFoundError")), uint32_t{kLogError});
  EXPECT_EQ(c.Count(kLogFatal), 1u);
  // A traceback followed by more output was survived.
  Parsed s = Parse(Testdata("formats/program_log/python_missing_module.txt") + "still alive\n");
  EXPECT_EQ(s.Count(kLogFatal), 0u);
}

TEST(ProgramLogParser, JavaExceptions) {
  Parsed p = Parse(Testdata("formats/program_log/java_exceptions.txt"));
  ASSERT_EQ(p.batch.events.size(), 12u);
  EXPECT_EQ(p.kind(0), "java.lang.NumberFormatException");
  EXPECT_EQ(p.flags(0), uint32_t{kLogError});  // printStackTrace() of a caught exception
  EXPECT_EQ(p.flags(1), uint32_t{kLogStackFrame});
  size_t worker = p.Find("Exception in thread \"worker-1\"");
  EXPECT_EQ(p.kind(worker), "java.lang.IllegalStateException");
  EXPECT_EQ(p.flags(worker), uint32_t{kLogError});  // a thread died, not the process
  size_t main = p.Find("Exception in thread \"main\"");
  EXPECT_EQ(p.kind(main), "java.lang.NullPointerException");
  EXPECT_EQ(p.flags(main), uint32_t{kLogError | kLogFatal});
  EXPECT_EQ(p.kind(p.Find("main continues")), "");
}

TEST(ProgramLogParser, GoPanic) {
  Parsed p = Parse(Testdata("formats/program_log/go_panic.txt"));
  ASSERT_EQ(p.batch.events.size(), 9u);
  EXPECT_EQ(p.flags(0), uint32_t{kLogListening});
  EXPECT_EQ(p.msg(0), "listening on 127.0.0.1:8080");
  EXPECT_EQ(p.ev(0).time_ns, EpochNs(2026, 11, 23, 1, 2, 21, 0));
  EXPECT_EQ(p.kind(1), "panic");
  EXPECT_EQ(p.flags(1), uint32_t{kLogError | kLogFatal});
  EXPECT_EQ(p.Count(kLogStackFrame), 4u);
  EXPECT_EQ(p.msg(8), "exit status 2");
  EXPECT_EQ(p.kind(8), "panic");
}

TEST(ProgramLogParser, NpmErrors) {
  Parsed p = Parse(Testdata("formats/program_log/npm_missing_script.txt"));
  ASSERT_EQ(p.batch.events.size(), 10u);
  EXPECT_EQ(p.level(0), "WARN");
  EXPECT_EQ(p.flags(0), uint32_t{kLogWarning});
  EXPECT_EQ(p.msg(1), "npm error Missing script: \"start\"");
  EXPECT_EQ(p.flags(1), uint32_t{kLogError | kLogDependency});
  Parsed c = Parse("npm ERR! code E404\nnpm ERR! 404 Not Found - GET https://registry.npmjs.org/nope\n");
  EXPECT_EQ(c.kind(1), "E404");
}

TEST(ProgramLogParser, WinstonAndBunyanRecordsAndABrokenLine) {
  Parsed p = Parse(Testdata("formats/program_log/ndjson_winston_bunyan.txt"));
  ASSERT_EQ(p.batch.events.size(), 5u);
  EXPECT_EQ(p.level(0), "INFO");
  EXPECT_EQ(p.msg(0), "Server listening on http://127.0.0.1:8080");
  EXPECT_EQ(p.flags(0), uint32_t{kLogStructured | kLogListening});
  EXPECT_EQ(p.ev(0).time_ns, EpochNs(2026, 11, 23, 1, 2, 21, 550));
  EXPECT_EQ(p.level(1), "WARN");
  // bunyan level 50 with err.code
  EXPECT_EQ(p.level(2), "ERROR");
  EXPECT_EQ(p.msg(2), "database driver missing");
  EXPECT_EQ(p.kind(2), "MODULE_NOT_FOUND");
  EXPECT_EQ(p.logger(2), "api");
  EXPECT_EQ(p.ev(2).tid, 30478);
  EXPECT_EQ(p.flags(2), uint32_t{kLogStructured | kLogError | kLogDependency});
  // level 60: fatal
  EXPECT_EQ(p.level(3), "FATAL");
  EXPECT_EQ(p.flags(3), uint32_t{kLogStructured | kLogError | kLogFatal});
  // A truncated record: a diagnostic, then read as text.
  ASSERT_EQ(p.batch.diagnostics.size(), 1u);
  EXPECT_EQ(p.batch.diagnostics[0].line, 5u);
  EXPECT_EQ(p.batch.diagnostics[0].message, "invalid JSON record: A string is opened, but never closed.");
  EXPECT_EQ(p.flags(4), 0u);
}

TEST(ProgramLogParser, OtherTextShapes) {
  Parsed p = Parse(
      "level=error ts=2026-11-22T19:31:04Z msg=\"dial tcp 10.0.0.1:5432: connect: connection refused\"\n"
      "2026-11-22 19:31:05,120 [WARN] db: pool exhausted\n"
      "info: Server running at http://127.0.0.1:3000/\n"
      "{\"msg\":\"ok\"} trailing\n"
      "{not json}\n");
  ASSERT_EQ(p.batch.events.size(), 5u);
  EXPECT_EQ(p.level(0), "ERROR");
  EXPECT_EQ(p.msg(0), "dial tcp 10.0.0.1:5432: connect: connection refused");
  EXPECT_EQ(p.flags(0), uint32_t{kLogError});
  EXPECT_EQ(p.level(1), "WARN");
  EXPECT_EQ(p.logger(1), "db");
  EXPECT_EQ(p.msg(1), "pool exhausted");
  EXPECT_EQ(p.ev(1).time_ns, EpochNs(2026, 11, 22, 19, 31, 5, 120));
  EXPECT_EQ(p.level(2), "INFO");
  EXPECT_EQ(p.flags(2), uint32_t{kLogListening});
  ASSERT_EQ(p.batch.diagnostics.size(), 1u);
  EXPECT_EQ(p.batch.diagnostics[0].line, 4u);
  EXPECT_TRUE(p.batch.diagnostics[0].message.starts_with("invalid JSON record: ")) << p.batch.diagnostics[0].message;
  EXPECT_EQ(p.msg(4), "{not json}");
  EXPECT_EQ(p.batch.counters.lines, 5u);
}

TEST(ProgramLogParser, MissingExecutableAndModuleFromAShellLauncher) {
  // testdata/cases/sh_script_crash: the shell goes on without wait-for-it; python dies.
  Parsed p = Parse(Testdata("cases/sh_script_crash/program.log"));
  ASSERT_EQ(p.batch.events.size(), 7u);
  EXPECT_EQ(p.msg(1), "./start.sh: 5: wait-for-it: not found");
  EXPECT_EQ(p.flags(1), uint32_t{kLogError | kLogDependency});
  EXPECT_EQ(p.kind(1), "command not found");
  EXPECT_EQ(p.kind(6), "ModuleNotFoundError");
  EXPECT_EQ(p.flags(6), uint32_t{kLogError | kLogFatal | kLogDependency});
  EXPECT_EQ(p.Count(kLogFatal), 1u);
  EXPECT_EQ(p.Count(kLogDependency), 2u);
  Parsed b = Parse("./run.sh: line 3: jq: command not found\nsh: 1: curl: not found\n");
  EXPECT_EQ(b.Count(kLogDependency), 2u);
}

// One expected event of a capture: its line, level, kind, flags and message.
struct Want {
  uint32_t line;
  const char* level;
  const char* kind;
  uint32_t flags;
  const char* msg;
};

// Asserts every event of a capture, in order: what is an error, what is fatal, what is not.
void ExpectEvents(const char* file, std::initializer_list<Want> want) {
  SCOPED_TRACE(file);
  Parsed p = Parse(Testdata(std::string("formats/program_log/") + file));
  EXPECT_TRUE(p.batch.diagnostics.empty());
  ASSERT_EQ(p.batch.events.size(), want.size());
  size_t i = 0;
  for (const Want& w : want) {
    SCOPED_TRACE(w.msg);
    EXPECT_EQ(p.ev(i).line, w.line);
    EXPECT_EQ(p.level(i), w.level);
    EXPECT_EQ(p.kind(i), w.kind);
    EXPECT_EQ(p.flags(i), w.flags);
    EXPECT_EQ(p.msg(i), w.msg);
    ++i;
  }
}

constexpr uint32_t kE = kLogError, kF = kLogFatal, kS = kLogStackFrame, kD = kLogDependency, kW = kLogWarning;

TEST(ProgramLogParser, CxxTerminateIsFatalWithTheExceptionType) {
  ExpectEvents("cxx_uncaught_exception.txt",
               {{1, "", "", 0, "starting"},
                {2, "ERROR", "std::runtime_error", kE | kF,
                 "terminate called after throwing an instance of 'std::runtime_error'"},
                {3, "ERROR", "std::runtime_error", 0, "what():  boom"},
                {4, "FATAL", "SIGABRT", kE | kF, "Aborted (core dumped)"}});
  // A two-line what() under bash, which names the pid and command.
  ExpectEvents("cxx_custom_exception_bash.txt",
               {{1, "", "", 0, "starting"},
                {2, "ERROR", "app::config_error", kE | kF,
                 "terminate called after throwing an instance of 'app::config_error'"},
                {3, "ERROR", "app::config_error", 0, "what():  missing key 'port'"},
                {4, "ERROR", "app::config_error", 0, "in /etc/app.conf"},
                {5, "FATAL", "SIGABRT", kE | kF, "bash: line 1: 31417 Aborted                 (core dumped) ./cxx custom"}});
  ExpectEvents("cxx_throw_int.txt", {{1, "", "", 0, "starting"},
                                     {2, "ERROR", "int", kE | kF, "terminate called after throwing an instance of 'int'"},
                                     {3, "FATAL", "SIGABRT", kE | kF, "Aborted (core dumped)"}});
  ExpectEvents("cxx_terminate_no_exception.txt",
               {{1, "", "", 0, "starting"},
                {2, "ERROR", "std::terminate", kE | kF, "terminate called without an active exception"},
                {3, "FATAL", "SIGABRT", kE | kF, "Aborted (core dumped)"}});
  ExpectEvents("cxx_libcxx_uncaught.txt",
               {{1, "", "", 0, "starting"},
                {2, "ERROR", "app::config_error", kE | kF,
                 "libc++abi: terminating with uncaught exception of type app::config_error: missing key 'port'"},
                {3, "ERROR", "app::config_error", 0, "in /etc/app.conf"}});
  // A caught exception the program printed: an error line, and the run goes on.
  ExpectEvents("cxx_handled_error.txt",
               {{1, "", "", 0, "starting"}, {2, "ERROR", "", kE, "bad input"}, {3, "", "", 0, "continuing"}});
  // libc++ after LLVM 14 says "due to"; a bare "libc++abi: terminating" names no type.
  Parsed p = Parse(
      "libc++abi: terminating due to uncaught exception of type std::out_of_range: vector\n"
      "libc++abi: terminating\n");
  EXPECT_EQ(p.kind(0), "std::out_of_range");
  EXPECT_EQ(p.kind(1), "std::terminate");
  EXPECT_EQ(p.Count(kLogFatal), 2u);
}

TEST(ProgramLogParser, RubyUncaughtExceptionsAndLoadErrors) {
  ExpectEvents("ruby_uncaught_exception.txt",
               {{1, "", "", 0, "starting"},
                {2, "ERROR", "RuntimeError", kE | kF, "app.rb:2:in `foo': boom (RuntimeError)"},
                {3, "ERROR", "RuntimeError", kS, "from app.rb:5:in `bar'"},
                {4, "ERROR", "RuntimeError", kS, "from app.rb:9:in `<main>'"}});
  ExpectEvents("ruby_missing_gem.txt",
               {{1, "", "", 0, "starting"},
                {2, "ERROR", "LoadError", kE | kF | kD,
                 "<internal:/usr/lib/ruby/vendor_ruby/rubygems/core_ext/kernel_require.rb>:85:in `require': cannot load "
                 "such file -- nokogiri (LoadError)"},
                {3, "ERROR", "LoadError", kS,
                 "from <internal:/usr/lib/ruby/vendor_ruby/rubygems/core_ext/kernel_require.rb>:85:in `require'"},
                {4, "ERROR", "LoadError", kS, "from gem.rb:3:in `<main>'"}});
  ExpectEvents("ruby_missing_file.txt",
               {{1, "ERROR", "LoadError", kE | kF | kD,
                 "rel.rb:1:in `require_relative': cannot load such file -- /tmp/rdlog.TRzA/lib/settings (LoadError)"},
                {2, "ERROR", "LoadError", kS, "from rel.rb:1:in `<main>'"}});
  // Kernel#gem for a gem that is not installed: rubygems' own exception class.
  Parsed g = Parse(Testdata("formats/program_log/ruby_gem_activation.txt"));
  ASSERT_EQ(g.batch.events.size(), 5u);
  EXPECT_EQ(g.kind(0), "Gem::MissingSpecError");
  EXPECT_EQ(g.flags(0), kE | kF | kD);
  EXPECT_TRUE(g.msg(1).starts_with("Checked in 'GEM_PATH=")) << g.msg(1);
  EXPECT_EQ(g.flags(1), 0u);
  EXPECT_EQ(g.Count(kLogStackFrame), 3u);
  // The message's other lines come before the frames; error_highlight's excerpt after a blank.
  ExpectEvents("ruby_multiline_message.txt",
               {{1, "ERROR", "ArgumentError", kE | kF, "multi.rb:1:in `check': invalid config: (ArgumentError)"},
                {2, "ERROR", "ArgumentError", 0, "port is missing"},
                {3, "ERROR", "ArgumentError", kS, "from multi.rb:1:in `check'"},
                {4, "ERROR", "ArgumentError", kS, "from multi.rb:1:in `check'"},
                {5, "ERROR", "ArgumentError", kS, "from multi.rb:2:in `<main>'"}});
  ExpectEvents("ruby_no_method_highlight.txt",
               {{1, "ERROR", "NoMethodError", kE | kF,
                 "nme.rb:2:in `<main>': undefined method `fetch' for nil:NilClass (NoMethodError)"},
                {3, "ERROR", "NoMethodError", 0, "puts config.fetch(:port)"},
                {4, "ERROR", "NoMethodError", 0, "^^^^^^"}});
  ExpectEvents("ruby_syntax_error.txt",
               {{1, "ERROR", "SyntaxError", kE | kF, "syn.rb:2: syntax error, unexpected end-of-input, expecting `end'"},
                {2, "ERROR", "SyntaxError", 0, "puts \"up\""},
                {3, "ERROR", "SyntaxError", 0, "^"}});
  // Ruby 3.4 quotes 'Object#foo' with straight quotes.
  Parsed r = Parse(
      "app.rb:2:in 'Object#foo': boom (RuntimeError)\n"
      "\tfrom app.rb:5:in 'Object#bar'\n"
      "\t ... 12 levels...\n");
  EXPECT_EQ(r.kind(0), "RuntimeError");
  EXPECT_EQ(r.flags(0), kE | kF);
  EXPECT_EQ(r.Count(kLogStackFrame), 2u);
}

TEST(ProgramLogParser, RubyLoggerWarningsAndAThreadDeathAreNotFatal) {
  Parsed p = Parse(Testdata("formats/program_log/ruby_logger_and_warnings.txt"));
  ASSERT_EQ(p.batch.events.size(), 10u);
  // I, [2026-12-02T19:48:06.935200 #31438]  INFO -- api: listening on 127.0.0.1:4567
  EXPECT_EQ(p.level(0), "INFO");
  EXPECT_EQ(p.logger(0), "api");
  EXPECT_EQ(p.ev(0).tid, 31438);
  EXPECT_EQ(p.ev(0).time_ns, EpochNs(2026, 12, 2, 19, 48, 6, 935) + 200000);
  EXPECT_EQ(p.msg(0), "listening on 127.0.0.1:4567");
  EXPECT_EQ(p.flags(0), uint32_t{kLogListening});
  EXPECT_EQ(p.level(1), "WARN");  // logs.rb:7: warning: already initialized constant LIMIT
  EXPECT_EQ(p.flags(1), kW);
  EXPECT_EQ(p.flags(3), 0u);  // Kernel#warn's text: plain output
  EXPECT_EQ(p.flags(4), kW);  // warn(..., uplevel: 0)
  EXPECT_EQ(p.level(6), "ERROR");
  EXPECT_EQ(p.msg(6), "bad input: invalid value for Integer(): \"x\" (ArgumentError)");
  EXPECT_EQ(p.kind(6), "");
  // A thread's uncaught exception ends that thread; the program logs on.
  EXPECT_EQ(p.kind(7), "IOError");
  EXPECT_EQ(p.kind(8), "IOError");
  EXPECT_EQ(p.flags(8), kE);
  EXPECT_EQ(p.msg(9), "no errors in 3 jobs; shutting down");
  EXPECT_EQ(p.flags(9), 0u);
  EXPECT_EQ(p.Count(kLogFatal), 0u);
}

TEST(ProgramLogParser, RubyBacktraceAProgramLoggedBelongsToItsRecord) {
  // WEBrick logs a handler's exception and its tab-indented frames, and serves on.
  Parsed p = Parse(Testdata("formats/program_log/ruby_webrick_handler_error.txt"));
  ASSERT_EQ(p.batch.events.size(), 16u);
  EXPECT_EQ(p.msg(2), "WEBrick::HTTPServer#start: pid=17138 port=18082");
  EXPECT_EQ(p.flags(2), uint32_t{kLogListening});
  EXPECT_EQ(p.level(5), "ERROR");
  EXPECT_EQ(p.flags(5), kE);
  EXPECT_EQ(p.msg(6), "webrick.rb:4:in `block in <main>'");
  EXPECT_EQ(p.level(6), "ERROR");
  EXPECT_EQ(p.flags(6), kS);
  EXPECT_EQ(p.Count(kLogStackFrame), 6u);
  EXPECT_EQ(p.flags(12), 0u);  // the access log goes on
  EXPECT_EQ(p.Count(kLogFatal), 0u);
  EXPECT_EQ(p.Count(kLogListening), 1u);
}

TEST(ProgramLogParser, PhpErrorsLoggedAndDisplayed) {
  // Debian's php.ini logs to stderr: "PHP Fatal error:  ..."; display_errors (php -n) prints
  // to stdout: an empty line, then "Fatal error: ..." without the prefix.
  struct Mode {
    const char* suffix;
    const char* prefix;
    uint32_t line;  // of the first error line; displayed ones have an empty line before
    uint32_t gap;   // 1 + that empty line
  };
  for (const Mode& m : {Mode{"", "PHP ", 2, 1}, Mode{"_display", "", 3, 2}}) {
    std::string sep = m.prefix[0] ? "  " : " ";
    std::string fatal = std::string(m.prefix) + "Fatal error:" + sep;
    std::string uncaught = fatal + "Uncaught Exception: boom in /tmp/rdlog.TRzA/exc.php:3";
    ExpectEvents(("php_uncaught_exception" + std::string(m.suffix) + ".txt").c_str(),
                 {{1, "", "", 0, "starting"},
                  {m.line, "FATAL", "Exception", kE | kF, uncaught.c_str()},
                  {m.line + 1, "FATAL", "Exception", 0, "Stack trace:"},
                  {m.line + 2, "FATAL", "Exception", kS, "#0 /tmp/rdlog.TRzA/exc.php(6): foo()"},
                  {m.line + 3, "FATAL", "Exception", kS, "#1 {main}"},
                  {m.line + 4, "FATAL", "Exception", 0, "thrown in /tmp/rdlog.TRzA/exc.php on line 3"}});
    std::string warning = std::string(m.prefix) + "Warning:" + sep +
                          "require(/tmp/rdlog.TRzA/vendor/autoload.php): Failed to open stream: No such file or "
                          "directory in /tmp/rdlog.TRzA/autoload.php on line 2";
    std::string failed = fatal +
                         "Uncaught Error: Failed opening required '/tmp/rdlog.TRzA/vendor/autoload.php' "
                         "(include_path='.:/usr/share/php') in /tmp/rdlog.TRzA/autoload.php:2";
    uint32_t l = m.line - 1;
    ExpectEvents(("php_missing_autoload" + std::string(m.suffix) + ".txt").c_str(),
                 {{l, "WARN", "Warning", kW | kD, warning.c_str()},
                  {l + m.gap, "FATAL", "Error", kE | kF | kD, failed.c_str()},
                  {l + m.gap + 1, "FATAL", "Error", 0, "Stack trace:"},
                  {l + m.gap + 2, "FATAL", "Error", kS, "#0 {main}"},
                  {l + m.gap + 3, "FATAL", "Error", 0, "thrown in /tmp/rdlog.TRzA/autoload.php on line 2"}});
  }
  // Monolog's "[date] app.INFO: booting", then a class that is not installed.
  ExpectEvents("php_class_not_found.txt",
               {{1, "INFO", "", 0, "booting"},
                {2, "FATAL", "Error", kE | kF | kD,
                 "PHP Fatal error:  Uncaught Error: Class \"Monolog\\Logger\" not found in /tmp/rdlog.TRzA/cls.php:3"},
                {3, "FATAL", "Error", 0, "Stack trace:"},
                {4, "FATAL", "Error", kS, "#0 {main}"},
                {5, "FATAL", "Error", 0, "thrown in /tmp/rdlog.TRzA/cls.php on line 3"}});
  ExpectEvents("php_parse_error.txt",
               {{1, "FATAL", "Parse error", kE | kF,
                 "PHP Parse error:  syntax error, unexpected token \"echo\", expecting \",\" or \";\" in "
                 "/tmp/rdlog.TRzA/parse.php on line 3"}});
  // A chained exception: the one thrown last is the kind; one fatal line.
  Parsed c = Parse(Testdata("formats/program_log/php_chained_exception.txt"));
  ASSERT_EQ(c.batch.events.size(), 8u);
  EXPECT_EQ(c.kind(0), "LogicException");
  EXPECT_EQ(c.flags(0), kE | kF);
  EXPECT_EQ(c.msg(4), "Next LogicException: db unavailable in /tmp/rdlog.TRzA/chain.php:3");
  EXPECT_EQ(c.flags(4), kE);
  EXPECT_EQ(c.Count(kLogStackFrame), 3u);
  EXPECT_EQ(c.Count(kLogFatal), 1u);
}

TEST(ProgramLogParser, PhpDevServerRequestErrorIsNotTheServersEnd) {
  // php -S: the start line is a listening line; an uncaught exception ends one request.
  Parsed p = Parse(Testdata("formats/program_log/php_dev_server.txt"));
  ASSERT_EQ(p.batch.events.size(), 14u);
  EXPECT_EQ(p.flags(0), uint32_t{kLogListening});
  EXPECT_EQ(p.msg(5),
            "[Wed Dec  2 20:14:10 2026] PHP Fatal error:  Uncaught RuntimeException: db down in "
            "/tmp/rdlog.D1CY/www/index.php:2");
  EXPECT_EQ(p.level(5), "ERROR");
  EXPECT_EQ(p.kind(5), "RuntimeException");
  EXPECT_EQ(p.flags(5), kE);
  EXPECT_EQ(p.flags(7), kS);
  EXPECT_EQ(p.kind(8), "RuntimeException");  // "  thrown in ..."
  EXPECT_EQ(p.kind(9), "");                   // the access log line
  EXPECT_EQ(p.Count(kLogFatal), 0u);
  EXPECT_EQ(p.Count(kLogError), 1u);
}

TEST(ProgramLogParser, PhpWarningsNoticesAndDeprecationsAreWarnings) {
  for (const char* file : {"php_warnings_notices.txt", "php_warnings_notices_display.txt"}) {
    SCOPED_TRACE(file);
    Parsed p = Parse(Testdata(std::string("formats/program_log/") + file));
    ASSERT_EQ(p.batch.events.size(), 9u);
    EXPECT_EQ(p.logger(0), "app");
    EXPECT_EQ(p.flags(0), uint32_t{kLogListening});
    EXPECT_EQ(p.Count(kLogWarning), 5u);
    EXPECT_EQ(p.kind(1), "Warning");
    EXPECT_EQ(p.kind(3), "Deprecated");
    EXPECT_EQ(p.kind(5), "Notice");
    EXPECT_EQ(p.level(5), "WARN");
    // Monolog's app.ERROR record is an error the program handled; "no errors" is text.
    EXPECT_EQ(p.level(7), "ERROR");
    EXPECT_EQ(p.msg(7), "payment failed: card declined {\"order\":17} []");
    EXPECT_EQ(p.flags(7), kE);
    EXPECT_EQ(p.flags(8), 0u);
    EXPECT_EQ(p.Count(kLogError), 1u);
    EXPECT_EQ(p.Count(kLogFatal | kLogDependency), 0u);
  }
  // Without "PHP " and PHP's "in FILE on line N" the words are anyone's.
  Parsed t = Parse("Fatal error: disk full, retrying\nNotice: maintenance at 02:00\n");
  EXPECT_EQ(t.Count(kLogFatal), 0u);
  EXPECT_EQ(t.kind(1), "");
}

TEST(ProgramLogParser, PerlErrorsPerlRaisesAndWhatWarnAndDiePrint) {
  ExpectEvents("perl_missing_module.txt",
               {{1, "ERROR", "Can't locate", kE | kF | kD,
                 "Can't locate Foo/Bar.pm in @INC (you may need to install the Foo::Bar module) (@INC contains: "
                 "/etc/perl /usr/local/lib/x86_64-linux-gnu/perl/5.36.0 /usr/local/share/perl/5.36.0 "
                 "/usr/lib/x86_64-linux-gnu/perl5/5.36 /usr/share/perl5 /usr/lib/x86_64-linux-gnu/perl-base "
                 "/usr/lib/x86_64-linux-gnu/perl/5.36 /usr/share/perl/5.36 /usr/local/lib/site_perl) at dep.pl line 3."},
                {2, "ERROR", "Can't locate", 0, "BEGIN failed--compilation aborted at dep.pl line 3."}});
  ExpectEvents("perl_compile_error.txt",
               {{1, "ERROR", "Global symbol", kE | kF,
                 "Global symbol \"$count\" requires explicit package name (did you forget to declare \"my $count\"?) at "
                 "strict.pl line 3."},
                {2, "ERROR", "Global symbol", kE,
                 "Global symbol \"$count\" requires explicit package name (did you forget to declare \"my $count\"?) at "
                 "strict.pl line 4."},
                {3, "ERROR", "Global symbol", 0, "Execution of strict.pl aborted due to compilation errors."}});
  // A run-time error perl raised, as the program's last words.
  ExpectEvents("perl_runtime_error.txt",
               {{1, "", "", 0, "starting"},
                {2, "ERROR", "Can't call method", kE | kF, "Can't call method \"connect\" on an undefined value at undef.pl line 6."}});
  // warn and die print the same "MSG at FILE line N."; "MSG\n" prints only MSG. The exit
  // status (in the trace), not the text, says that the last one was a die.
  ExpectEvents("perl_warn_then_die.txt",
               {{1, "", "", 0, "starting"},
                {2, "WARN", "", kW, "disk almost full at warndie.pl line 5."},
                {3, "", "", 0, "cache miss"},
                {4, "WARN", "", kW, "Use of uninitialized value $name in concatenation (.) or string at warndie.pl line 8."},
                {5, "", "", 0, "hello "},
                {6, "WARN", "", kW, "cannot open /etc/app.conf: No such file or directory at warndie.pl line 9."}});
  ExpectEvents("perl_confess.txt", {{1, "WARN", "", kW, "config unreadable at confess.pl line 4."},
                                    {2, "WARN", "", kS, "main::load() called at confess.pl line 5"},
                                    {3, "WARN", "", kS, "main::start() called at confess.pl line 6"}});
  // `eval { ... }; warn $@` prints perl's error and goes on: an error, not fatal.
  Parsed w = Parse("Can't call method \"connect\" on an undefined value at undef.pl line 6.\nretrying in 5 s\n");
  EXPECT_EQ(w.flags(0), kE);
  EXPECT_EQ(w.Count(kLogFatal), 0u);
}

TEST(ProgramLogParser, RustPanicsOldAndNewFormat) {
  ExpectEvents("rust_panic.txt",
               {{1, "", "", 0, "starting"},
                {3, "ERROR", "panic", kE | kF,
                 "thread 'main' (31498) panicked at main.rs:1:43: PORT must be a number: ParseIntError { kind: InvalidDigit }"},
                {4, "ERROR", "panic", 0, "PORT must be a number: ParseIntError { kind: InvalidDigit }"},
                {5, "ERROR", "panic", 0, "note: run with `RUST_BACKTRACE=1` environment variable to display a backtrace"}});
  ExpectEvents("rust_thread_panic.txt",
               {{1, "", "", 0, "starting"},
                {3, "ERROR", "panic", kE, "thread 'worker' (31501) panicked at main.rs:5:76: worker lost its connection"},
                {4, "ERROR", "panic", 0, "worker lost its connection"},
                {5, "ERROR", "panic", 0, "note: run with `RUST_BACKTRACE=1` environment variable to display a backtrace"},
                {6, "", "", 0, "main continues"}});
  for (const char* file : {"rust_panic_backtrace.txt", "rust163_panic_backtrace.txt"}) {
    SCOPED_TRACE(file);
    Parsed p = Parse(Testdata(std::string("formats/program_log/") + file));
    EXPECT_EQ(p.Count(kLogFatal), 1u);
    EXPECT_EQ(p.Count(kLogStackFrame), 10u);  // "   0: name" and "             at file:line:col"
    size_t h = p.Find("thread 'main'");
    EXPECT_EQ(p.flags(h), kE | kF);
    EXPECT_EQ(p.kind(p.batch.events.size() - 1), "panic");
    EXPECT_EQ(p.msg(p.batch.events.size() - 1),
              "note: Some details are omitted, run with `RUST_BACKTRACE=full` for a verbose backtrace.");
  }
  Parsed old = Parse(Testdata("formats/program_log/rust163_panic_backtrace.txt"));
  EXPECT_EQ(old.msg(1), "thread 'main' panicked at 'PORT must be a number: ParseIntError { kind: InvalidDigit }', main.rs:1:43");
  EXPECT_EQ(old.msg(2), "stack backtrace:");
  EXPECT_EQ(old.flags(3), kS);  // "   0: rust_begin_unwind"
  // Rust >= 1.73 prints the message on the line after "panicked at FILE:LINE:COL:"; the header
  // carries it, so the fatal error names what failed (testdata/cases/rust_panic_startup).
  ExpectEvents("rust_unwrap_panic_startup.txt",
               {{1, "", "", 0, "ingestd: starting"},
                {3, "ERROR", "panic", kE | kF,
                 "thread 'main' (63) panicked at main.rs:9:56: called `Result::unwrap()` on an `Err` value: Os { "
                 "code: 2, kind: NotFound, message: \"No such file or directory\" }"},
                {4, "ERROR", "panic", 0,
                 "called `Result::unwrap()` on an `Err` value: Os { code: 2, kind: NotFound, message: \"No such file "
                 "or directory\" }"},
                {5, "ERROR", "panic", 0, "note: run with `RUST_BACKTRACE=1` environment variable to display a backtrace"}});
  // main returning Err prints "Error: {:?}" and exits 1: an error line, not told from a logged one.
  ExpectEvents("rust_main_error.txt",
               {{1, "", "", 0, "loading config"},
                {2, "ERROR", "", kE, "Os { code: 2, kind: NotFound, message: \"No such file or directory\" }"}});
}

TEST(ProgramLogParser, NewRuntimeReportsWithCrlfAndAHugeLine) {
  // CRLF (a capture copied through Windows) gives the same events; a 1 MiB message is cut.
  std::string text = Testdata("formats/program_log/ruby_missing_gem.txt");
  std::string crlf;
  for (char c : text) crlf += c == '\n' ? std::string("\r\n") : std::string(1, c);
  Parsed p = Parse(crlf);
  ASSERT_EQ(p.batch.events.size(), 4u);
  EXPECT_EQ(p.flags(1), kE | kF | kD);
  EXPECT_EQ(p.msg(3), "from gem.rb:3:in `<main>'");
  ASSERT_EQ(p.batch.diagnostics.size(), 1u);
  EXPECT_EQ(p.batch.diagnostics[0].line, 1u);
  Parsed h = Parse("PHP Fatal error:  Uncaught Exception: " + std::string(1 << 20, 'x') + " in /x/app.php:3\nStack trace:\n#0 {main}\n");
  ASSERT_EQ(h.batch.diagnostics.size(), 1u);
  EXPECT_EQ(h.batch.events.size(), 3u);
  EXPECT_EQ(h.flags(0), kE | kF);  // the cut line still names the error
  EXPECT_EQ(h.flags(2), kS);
}

TEST(ProgramLogParser, OneLineEndingInCrlfIsTheProgramsOutputNotAConvertedFile) {
  // perl_threads_server's self-test prints the HTTP status line it read, "\r\n" and all,
  // between lines ending in "\n": the program wrote that '\r', nobody converted the file, so
  // no "CRLF line endings" diagnostic (it made the PASS "rest on imperfect input").
  Parsed p = Parse(Testdata("formats/program_log/perl_selftest_status_line_crlf.txt"));
  ASSERT_EQ(p.batch.events.size(), 3u);
  EXPECT_EQ(p.msg(1), "self-test: HTTP/1.0 200 X");
  EXPECT_TRUE(p.batch.diagnostics.empty());
  // A converted file has "\r\n" on every line (NewRuntimeReportsWithCrlfAndAHugeLine): one
  // diagnostic, as before, also when its last line has no terminator.
  Parsed c = Parse("a\r\nb\r\nc");
  ASSERT_EQ(c.batch.diagnostics.size(), 1u);
  EXPECT_EQ(c.batch.diagnostics[0].line, 1u);
}

TEST(ProgramLogParser, JavaLauncherFailuresAreFatal) {
  // The java launcher's own last words when the VM never ran the program (OpenJDK 17): they
  // were plain lines (or "Error:" lines, not fatal), so fatal_error_logged stayed silent.
  ExpectEvents("java_vm_init_heap.txt", {{1, "FATAL", "", kE | kF, "Error occurred during initialization of VM"},
                                         {2, "", "", 0, "Too small maximum heap"}});
  ExpectEvents("java_bad_vm_option.txt",
               {{1, "", "", 0, "Unrecognized VM option 'NoSuchFlag'"},
                {2, "FATAL", "", kE | kF, "Error: Could not create the Java Virtual Machine."},
                {3, "ERROR", "", kE, "A fatal exception has occurred. Program will exit."}});
  // A main class that is not on the class path: missing, and the end of the run.
  ExpectEvents("java_no_main_class.txt", {{1, "FATAL", "", kE | kF | kD, "Error: Could not find or load main class NoSuch"},
                                          {2, "", "", kD, "Caused by: java.lang.ClassNotFoundException: NoSuch"}});
}

TEST(ProgramLogParser, ListeningAndDependencyWordsAtAnyOffsetAndInAnyCase) {
  // The parser looks for these words 16 bytes at a time before it runs the patterns: a word
  // straddling two blocks, ending the message, or in a message shorter than a block counts.
  for (size_t pad = 0; pad <= 40; ++pad) {
    const std::string x(pad, 'x');
    Parsed p = Parse("INFO " + x + " Listening ON port 80\n" + "INFO " + x + " NOW LISTENING\n" + "ERROR " + x +
                     " Cannot find module 'a'\n" + "INFO " + x + " listen on port 80\n" + "ERROR " + x +
                     " cannot find module 'a'\n" + "{\"msg\":\"" + x + " started on HTTP://h\"}\n" +
                     "ERROR " + x + " Class \"A\" not found\n");
    ASSERT_EQ(p.batch.events.size(), 7u) << pad;
    EXPECT_EQ(p.flags(0), uint32_t{kLogListening}) << pad;
    EXPECT_EQ(p.flags(1), uint32_t{kLogListening}) << pad;
    EXPECT_EQ(p.flags(2), kLogError | kLogDependency) << pad;
    EXPECT_EQ(p.flags(3), 0u) << pad;
    EXPECT_EQ(p.flags(4), uint32_t{kLogError}) << pad;
    EXPECT_EQ(p.flags(5), kLogStructured | kLogListening) << pad;
    EXPECT_EQ(p.flags(6), kLogError | kLogDependency) << pad;
  }
  // RE2's (?i) folds 's' with U+017F (long s) too.
  EXPECT_EQ(Parse("INFO li\xC5\xBFtening on port 80\n").flags(0), uint32_t{kLogListening});
}

TEST(ProgramLogParser, TimesPastTheYear2262AreNoTime) {
  // Found by the fuzzer: int64 ns overflowed (undefined behaviour) on these.
  Parsed p = Parse(
      "4053-01-01T00:00:00Z hello\n"
      "55555555555 hello\n"
      "{\"time\":17795375881274,\"msg\":\"x\"}\n"
      "{\"time\":1.79538e+20,\"msg\":\"x\"}\n"
      "{\"time\":-1e300,\"msg\":\"x\"}\n"
      "{\"time\":1795375881271,\"msg\":\"x\"}\n");
  ASSERT_EQ(p.batch.events.size(), 6u);
  for (size_t i = 0; i < 5; ++i) EXPECT_EQ(p.ev(i).time_ns, kNoTime) << i;
  EXPECT_EQ(p.ev(5).time_ns, 1795375881271LL * 1000000);
}

TEST(SniffContent, ProgramLogsByTheirFirstLines) {
  for (const char* f : {"p1_chat_clean_ff/program.log", "p2_chat_clean_single/program.log",
                        "p3_missing_module/program.log", "formats/program_log/python_missing_module.txt",
                        "formats/program_log/ndjson_winston_bunyan.txt", "formats/program_log/npm_missing_script.txt"})
    EXPECT_EQ(SniffContent(Testdata(f)), SourceKind::kProgramLog) << f;
  // Plain prints carry no sign of what they are: left to the file name.
  EXPECT_EQ(SniffContent("starting\nstill running\n"), SourceKind::kUnknown);
}

TEST(ProgramLogParser, DamagedInputsLongLineAndAccessLog) {
  // testdata/cases/damaged_inputs/program.log: python http.server access log and a 2 MiB
  // DEBUG line, of which only the first 64 KiB are read.
  std::string text = Testdata("cases/damaged_inputs/program.log");
  Parsed p = Parse(text);
  ASSERT_EQ(p.batch.diagnostics.size(), 1u);
  EXPECT_EQ(p.batch.diagnostics[0].line, 6u);
  EXPECT_EQ(p.batch.diagnostics[0].message,
            "line of 2097118 bytes is longer than 65536 bytes; only its beginning was read");
  ASSERT_EQ(p.batch.events.size(), 11u);
  EXPECT_LT(p.msg(5).size(), 65536u);
  EXPECT_LT(p.batch.strings.MemoryBytes(), text.size() / 4);
  EXPECT_EQ(p.flags(0), uint32_t{kLogListening});  // "serving ... on http://127.0.0.1:8000/"
  EXPECT_EQ(p.level(5), "DEBUG");
  EXPECT_EQ(p.logger(5), "notes-viewer");
  EXPECT_EQ(p.Count(kLogError | kLogFatal), 0u);
  EXPECT_EQ(p.msg(6), "127.0.0.1 - - [23/Nov/2026 00:58:33] code 404, message File not found");
}

// Native libraries that are not the ones the program was built against
// (formats/capture_program_logs.sh native): each is a missing dependency and ends the run.
TEST(ProgramLogParser, NativeLibraryMismatchesAreDependencies) {
  ExpectEvents("ld_version_not_found.txt",
               {{1, "FATAL", "missing library version", kE | kF | kD,
                 "./app: /tmp/rdlog.AvaR/libv.so: version `VERS_2' not found (required by ./app)"}});
  ExpectEvents("ld_undefined_symbol.txt",
               {{1, "FATAL", "undefined symbol", kE | kF | kD, "./appu: symbol lookup error: ./appu: undefined symbol: extra"}});
  Parsed j = Parse(Testdata("formats/program_log/java_unsatisfied_link.txt"));
  ASSERT_EQ(j.batch.events.size(), 5u);
  EXPECT_EQ(j.kind(0), "java.lang.UnsatisfiedLinkError");
  EXPECT_EQ(j.flags(0), kE | kF | kD);
  EXPECT_EQ(j.Count(kLogStackFrame), 4u);
  // Node.js prints the source line and a caret before the error; the code comes after the stack.
  Parsed n = Parse(Testdata("formats/program_log/node_addon_dlopen_failed.txt"));
  const size_t h = n.Find("Error: Module did not self-register");
  ASSERT_LT(h, n.batch.events.size());
  EXPECT_EQ(n.ev(h).line, 5u);
  EXPECT_EQ(n.kind(h), "ERR_DLOPEN_FAILED");
  EXPECT_EQ(n.flags(h), kE | kF | kD);
  EXPECT_EQ(n.Count(kLogDependency), 1u);
}

TEST(ProgramLogParser, LoaderShellAndSignalLines) {
  // testdata/cases/c_missing_shlib: ld.so's message, then exit 127.
  Parsed l = Parse(Testdata("cases/c_missing_shlib/program.log"));
  ASSERT_EQ(l.batch.events.size(), 1u);
  EXPECT_EQ(l.kind(0), "missing shared library");
  EXPECT_EQ(l.level(0), "FATAL");
  EXPECT_EQ(l.flags(0), uint32_t{kLogError | kLogDependency | kLogFatal});
  // testdata/cases/sh_dropper_persistence: script markers and the shell's errors.
  Parsed d = Parse(Testdata("cases/sh_dropper_persistence/program.log"));
  ASSERT_EQ(d.batch.events.size(), 13u);
  EXPECT_EQ(d.level(0), "INFO");
  EXPECT_EQ(d.msg(0), "metrics-agent installer 54");
  EXPECT_EQ(d.level(1), "WARN");
  EXPECT_EQ(d.kind(6), "command not found");
  EXPECT_EQ(d.flags(6), uint32_t{kLogError | kLogDependency});
  EXPECT_EQ(d.kind(8), "EACCES");
  EXPECT_EQ(d.flags(8), uint32_t{kLogError});
  EXPECT_EQ(d.Count(kLogFatal), 0u);
  // testdata/cases/c_segv_midrun: syslog-style tags; the crash itself is not in the log.
  Parsed k = Parse(Testdata("cases/c_segv_midrun/program.log"));
  ASSERT_EQ(k.batch.events.size(), 6u);
  EXPECT_EQ(k.logger(0), "kvstore");
  EXPECT_EQ(k.ev(0).tid, 52);
  EXPECT_EQ(k.msg(0), "listening on 127.0.0.1:9100");
  EXPECT_EQ(k.flags(0), uint32_t{kLogListening});
  EXPECT_EQ(k.Count(kLogFatal), 0u);
  // A shell or glibc saying the process died; Rust's main-thread panic.
  Parsed s = Parse(
      "Segmentation fault (core dumped)\n"
      "./run.sh: line 4:  1234 Aborted                 (core dumped) ./kvstore\n"
      "*** stack smashing detected ***: terminated\n"
      "ledger: /home/auditor/app/ledger.c:23: main: Assertion `fields == 2' failed.\n"
      "note: the 'Assertion `x' failed.' check is the test's\n"
      "thread 'worker' panicked at src/lib.rs:3:5:\n"
      "thread 'main' panicked at src/main.rs:7:9:\n");
  ASSERT_EQ(s.batch.events.size(), 7u);
  EXPECT_EQ(s.kind(0), "SIGSEGV");
  EXPECT_EQ(s.kind(1), "SIGABRT");
  EXPECT_EQ(s.kind(2), "SIGABRT");
  // glibc's assert(3) before abort() (testdata/cases/c_abort_midrun/program.log:3); a line
  // that only quotes one is not.
  EXPECT_EQ(s.kind(3), "SIGABRT");
  EXPECT_EQ(s.flags(3), uint32_t{kLogError | kLogFatal});
  EXPECT_EQ(s.flags(4), 0u);
  EXPECT_EQ(s.flags(5), uint32_t{kLogError});
  EXPECT_EQ(s.flags(6), uint32_t{kLogError | kLogFatal});
  EXPECT_EQ(s.Count(kLogFatal), 5u);
}

// gcc 12 programs built with -fsanitize=address, undefined, thread (LeakSanitizer comes with
// address), run from `bash -c './x; exit $?'` (capture_program_logs.sh crash). Before, every
// line of these reports was a plain line of no level and no kind: the run read as clean. The
// report's first line now names the tool in its kind; ASan's ends the program (fatal), the
// others let it go on (an error).
TEST(ProgramLogParser, SanitizerReportsNameTheTool) {
  struct Case {
    const char* file;
    uint32_t line;
    const char* level;
    const char* kind;
    uint32_t flags;
    const char* msg_start;
  };
  const Case cases[] = {
      {"c_asan_heap_use_after_free.txt", 3, "FATAL", "AddressSanitizer", kE | kF,
       "==23035==ERROR: AddressSanitizer: heap-use-after-free on address 0x602000000014"},
      {"c_asan_stack_buffer_overflow.txt", 3, "FATAL", "AddressSanitizer", kE | kF,
       "==16563==ERROR: AddressSanitizer: stack-buffer-overflow on address"},
      {"c_lsan_leak.txt", 3, "ERROR", "LeakSanitizer", kE, "==22889==ERROR: LeakSanitizer: detected memory leaks"},
      {"c_tsan_race.txt", 2, "ERROR", "ThreadSanitizer", kE, "WARNING: ThreadSanitizer: data race (pid=22953)"},
      {"c_ubsan_overflow.txt", 1, "ERROR", "UndefinedBehaviorSanitizer", kE,
       "ub.c:3:73: runtime error: signed integer overflow: 2147483647 + 1 cannot be represented in type 'int'"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.file);
    Parsed p = Parse(Testdata(std::string("formats/program_log/") + c.file));
    EXPECT_TRUE(p.batch.diagnostics.empty());
    size_t reports = 0;
    for (size_t i = 0; i < p.batch.events.size(); ++i) {
      if (p.kind(i).empty()) continue;
      ++reports;
      EXPECT_EQ(p.ev(i).line, c.line);
      EXPECT_EQ(p.level(i), c.level);
      EXPECT_EQ(p.kind(i), c.kind);
      EXPECT_EQ(p.flags(i), c.flags);
      EXPECT_TRUE(p.msg(i).starts_with(c.msg_start)) << p.msg(i);
    }
    EXPECT_EQ(reports, 1u);  // SUMMARY:, frames and the shadow map are the report's plain lines
    EXPECT_EQ(p.Count(kLogFatal), (c.flags & kF) ? 1u : 0u);
  }
  // The glibc and shell lines of the same programs without a sanitizer: a signal each.
  ExpectEvents("c_smash_bash.txt", {{1, "", "", 0, "starting"},
                                    {2, "FATAL", "SIGABRT", kE | kF, "*** stack smashing detected ***: terminated"},
                                    {3, "FATAL", "SIGABRT", kE | kF, "bash: line 1: 17222 Aborted                 ./smash"}});
  ExpectEvents("c_segv_core_bash.txt",
               {{1, "", "", 0, "server starting on 127.0.0.1:8080"},
                {2, "FATAL", "SIGSEGV", kE | kF, "bash: line 1: 17656 Segmentation fault      (core dumped) ../segv"}});
  ExpectEvents("c_segv_dash.txt", {{1, "", "", 0, "server starting on 127.0.0.1:8080"},
                                   {2, "FATAL", "SIGSEGV", kE | kF, "Segmentation fault"}});
  ExpectEvents("c_dfree_bash.txt", {{1, "", "", 0, "loading config"},
                                    {2, "FATAL", "SIGABRT", kE | kF, "free(): double free detected in tcache 2"},
                                    {3, "FATAL", "SIGABRT", kE | kF, "bash: line 1: 17238 Aborted                 ./dfree"}});
}

// A crash right after output that had no newline: the shell's (or glibc's) report is glued
// to it (capture_program_logs.sh crash). Before, these lines were plain program output: no
// crash, no fatal error. A log record about another process's signal stays what it was.
TEST(ProgramLogParser, CrashReportGluedToUnfinishedOutput) {
  ExpectEvents("c_segv_midline_bash.txt",
               {{1, "FATAL", "SIGSEGV", kE | kF, "loading plugins... bash: line 1: 23691 Segmentation fault      ./partial"}});
  ExpectEvents("c_segv_midline_dash.txt", {{1, "FATAL", "SIGSEGV", kE | kF, "loading plugins... Segmentation fault"}});
  ExpectEvents("c_smash_midline_bash.txt",
               {{1, "FATAL", "SIGABRT", kE | kF, "progress 42%*** stack smashing detected ***: terminated"},
                {2, "FATAL", "SIGABRT", kE | kF, "bash: line 1: 23716 Aborted                 ./partial_abort"}});
  // Python writes its traceback to stderr after the flushed "loading... " (no newline).
  ExpectEvents("python_traceback_midline.txt",
               {{1, "ERROR", "RuntimeError", 0, "loading... Traceback (most recent call last):"},
                {2, "ERROR", "RuntimeError", kS, "File \"/tmp/f2/pl/glue.py\", line 3, in <module>"},
                {3, "ERROR", "RuntimeError", 0, "raise RuntimeError(\"boom\")"},
                {4, "ERROR", "RuntimeError", kE | kF, "RuntimeError: boom"}});
  Parsed r = Parse("supervisor: worker 3 exited: Segmentation fault\nthe job was Killed by the user\n");
  ASSERT_EQ(r.batch.events.size(), 2u);
  EXPECT_EQ(r.Count(kLogFatal), 0u);
}

// strace's own stderr in program.log (capture_failed_captures.sh, program_log/
// capture_strace_refusals.sh). Before, "strace: exec: Permission denied" was an ordinary
// line of level INFO and no kind; now it is the tracer's error: kind and logger "strace",
// not the program's fatal error nor a missing dependency. "Process N attached" is a note.
TEST(ProgramLogParser, StracesOwnMessagesAreTheTracers) {
  for (const char* f : {"strace_exec_eacces.txt", "strace_exec_enoexec.txt", "strace_exec_bad_interpreter.txt",
                        "strace_traceme_eperm.txt", "strace_cant_stat.txt", "strace_attach_seize_eperm.txt"}) {
    SCOPED_TRACE(f);
    Parsed p = Parse(Testdata(std::string("formats/program_log/") + f));
    ASSERT_GE(p.batch.events.size(), 1u);
    for (size_t i = 0; i < p.batch.events.size(); ++i) {
      EXPECT_EQ(p.kind(i), "strace");
      EXPECT_EQ(p.logger(i), "strace");
      EXPECT_EQ(p.level(i), "ERROR");
      EXPECT_EQ(p.flags(i), uint32_t{kLogError});
      EXPECT_TRUE(p.msg(i).starts_with("strace: "));
    }
  }
  Parsed a = Parse(Testdata("formats/program_log/strace_p_attached.txt"));  // strace: Process 27113 attached
  ASSERT_EQ(a.batch.events.size(), 1u);
  EXPECT_EQ(a.kind(0), "strace");
  EXPECT_EQ(a.level(0), "INFO");
  EXPECT_EQ(a.flags(0), 0u);
}

// A script whose #! interpreter is not installed (program_log/sh_missing_interpreter.txt,
// bash 5.2 and dash; capture_strace_refusals.sh). Before, bash's "cannot execute: required
// file not found" and "bad interpreter" lines were ordinary lines (no error, no kind).
TEST(ProgramLogParser, MissingInterpreterIsAMissingDependency) {
  Parsed p = Parse(Testdata("formats/program_log/sh_missing_interpreter.txt"));
  size_t script = p.Find("./run_bash.sh: line 2: ./badinterp.py: cannot execute: required file not found");
  EXPECT_EQ(p.kind(script), "required file not found");
  EXPECT_EQ(p.flags(script), uint32_t{kLogError | kLogDependency});
  size_t dash_c = p.Find("bash: line 1: ./badinterp.py: cannot execute");
  EXPECT_EQ(p.kind(dash_c), "required file not found");
  // The interpreter is there but not executable: an error, not a missing dependency.
  size_t perm = p.Find("./run_bash.sh: ./badperm.sh: ");
  EXPECT_EQ(p.kind(perm), "EACCES");
  EXPECT_EQ(p.flags(perm), uint32_t{kLogError});
  size_t dash = p.Find("./run_dash.sh: 2: ./badinterp.py: not found");  // as before
  EXPECT_EQ(p.kind(dash), "command not found");
  EXPECT_EQ(p.Count(kLogDependency), 3u);
  // bash <= 5.1 words a missing interpreter so (bash 5.2 here prints the form above); the
  // interpreter of a CRLF script ends with a carriage return.
  Parsed old = Parse("./run.sh: ./app.py: /usr/bin/python9: bad interpreter: No such file or directory\n"
                     "-bash: ./start.sh: /bin/bash\r: bad interpreter: No such file or directory\n");
  ASSERT_EQ(old.batch.events.size(), 2u);
  for (size_t i = 0; i < 2; ++i) {
    EXPECT_EQ(old.kind(i), "interpreter not found");
    EXPECT_EQ(old.flags(i), uint32_t{kLogError | kLogDependency});
  }
}

// A trace strace wrote to stderr with the program's stderr in it (FileContext::trace_and_output;
// formats/strace_stderr/py_missing_module/strace_log, `strace -f -tt python3 -S app.py 2>
// strace_log`). Python writes a traceback line in pieces, one write( line each, and its
// newline in a write of its own: the pieces are one line of the program, cited at the first.
// strace's aligned results (")       = 1") are not the program's.
TEST(ProgramLogParser, ProgramLinesOfATraceOnStderrAreRebuiltFromTheirPieces) {
  Parsed p;
  parser_test::ParseWhole(ProgramLogParser(), Testdata("formats/strace_stderr/py_missing_module/strace_log"), &p.batch, 0,
                          /*trace_and_output=*/true);
  std::vector<std::string> got;
  for (size_t i = 0; i < p.batch.events.size(); ++i) got.push_back(StrCat(p.ev(i).line, " ", p.msg(i)));
  EXPECT_EQ(got, (std::vector<std::string>{
                     "282 REPORT_DIR not set, writing to ./out",
                     "562 Traceback (most recent call last):",
                     "565 File \"/work/wt-rt-stderr/testdata/formats/strace_stderr/py_missing_module/app.py\", line 6, in <module>",
                     "580 import yaml_loader_missing  # never installed: ModuleNotFoundError",
                     "585 ^^^^^^^^^^^^^^^^^^^^^^^^^^",
                     "618 ModuleNotFoundError: No module named 'yaml_loader_missing'",
                 }));
  EXPECT_EQ(p.batch.counters.diagnostics, 0u);
}

// The same with -f threads (formats/strace_stderr/node_busy_stderr/strace_log): the rest of a
// call that "strace: Process 17 attached" cut ("NULL, 8) = 0", line 357) is strace's.
TEST(ProgramLogParser, RestOfACallCutByAnAttachIsNotTheProgramsLine) {
  Parsed p;
  parser_test::ParseWhole(ProgramLogParser(), Testdata("formats/strace_stderr/node_busy_stderr/strace_log"), &p.batch, 0,
                          /*trace_and_output=*/true);
  ASSERT_FALSE(p.batch.events.empty());
  EXPECT_EQ(StrCat(p.ev(0).line, " ", p.msg(0)), "640 progress 0: scanning batch 0");
  for (size_t i = 0; i < p.batch.events.size(); ++i) EXPECT_FALSE(p.msg(i).ends_with(") = 0")) << p.ev(i).line;
}

}  // namespace
}  // namespace rundown
