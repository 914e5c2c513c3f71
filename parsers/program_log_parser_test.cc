// ProgramLogParser on real program output: testdata/p*/program.log (the shared captures) and
// testdata/formats/program_log/ (captured by testdata/formats/capture_program_logs.sh from
// node 20, python 3.11, java 17 and npm; go_panic.txt is hand-written after Go's format).
#include "parsers/program_log_parser.h"

#include <string>

#include "gtest/gtest.h"
#include "parsers/parser_test_util.h"
#include "parsers/source_sniffer.h"
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
  EXPECT_EQ(m.flags(0), uint32_t{kLogError});
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
      "thread 'worker' panicked at src/lib.rs:3:5:\n"
      "thread 'main' panicked at src/main.rs:7:9:\n");
  ASSERT_EQ(s.batch.events.size(), 5u);
  EXPECT_EQ(s.kind(0), "SIGSEGV");
  EXPECT_EQ(s.kind(1), "SIGABRT");
  EXPECT_EQ(s.kind(2), "SIGABRT");
  EXPECT_EQ(s.flags(3), uint32_t{kLogError});
  EXPECT_EQ(s.flags(4), uint32_t{kLogError | kLogFatal});
  EXPECT_EQ(s.Count(kLogFatal), 4u);
}

}  // namespace
}  // namespace rundown
