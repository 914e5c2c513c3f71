// Test helpers for the strace parser tests, on top of parser_test_util.h: parse text as one
// chunk with a default tid, read testdata, and Dump() an event into one canonical line so that a test states every decoded field at once
// (ExpectDumps() checks a table of line -> dump cases):
//
//   openat tid=28 op=open res=3 fd=-100 str="/etc/ld.so.cache" f=0x40 s2="/etc/ld.so.cache" s3="AT_FDCWD</x>"
//
// Fields at their default value (fd -1, detail slots -1/empty, no flags, no time) are left
// out; `time_ns` is left out unless asked for. Only for tests.
#ifndef RUNDOWN_PARSERS_STRACE_TEST_UTIL_H_
#define RUNDOWN_PARSERS_STRACE_TEST_UTIL_H_

#include <cstdio>
#include <string>
#include <string_view>

#include "gtest/gtest.h"
#include "parsers/errno_table.h"
#include "parsers/event.h"
#include "parsers/event_batch.h"
#include "parsers/parser_test_util.h"
#include "parsers/strace_parser.h"

namespace rundown::strace_test {

using parser_test::Testdata;

inline EventBatch ParseText(std::string_view text, int32_t default_tid = 0) {
  EventBatch b;
  parser_test::ParseWhole(StraceParser(), text, &b, default_tid);
  return b;
}

// The event of `type` whose (first) line is `line`, or nullptr. (A line can give two
// events: a call cut by "strace: Process N attached" and the attach.)
inline const Event* EventAtLine(const EventBatch& b, uint32_t line, EventType type = EventType::kSyscall) {
  for (const Event& e : b.events)
    if (e.line == line && e.type == type) return &e;
  return nullptr;
}

// The line of the resumed half stitched to `e`, or 0.
inline uint32_t ResumedLineOf(const EventBatch& b, const Event* e) {
  for (const auto& [index, resumed_line] : b.stitches)
    if (&b.events[index] == e) return resumed_line;
  return 0;
}

inline const char* OpName(Op op) {
  static const char* const kNames[] = {
      "other", "exec", "clone", "exit", "wait", "open", "read", "write", "close", "dup", "pipe", "stat",
      "unlink", "rename", "mkdir", "rmdir", "chmod", "chown", "link", "symlink", "truncate", "chdir",
      "socket", "connect", "bind", "listen", "accept", "send", "recv", "shutdown",
      "setid", "capset", "prctl", "ptrace", "kill", "mmap", "mprotect", "memfd",
      "fs", "fs", "fs", "fs", "fs", "fs", "fs", "fs", "fs", "fs", "fs", "fs", "fs", "fs",  // inotify's
      "namespace", "mount", "module", "sysadmin", "utime", "sleep", "getsockopt", "xattr", "kernel",
      "ioctl"};
  static_assert(sizeof(kNames) / sizeof(kNames[0]) == static_cast<size_t>(Op::kCount_));
  size_t i = static_cast<size_t>(op);
  return i < sizeof(kNames) / sizeof(kNames[0]) ? kNames[i] : "fs";
}

inline const char* TypeName(EventType t) {
  static const char* const kNames[] = {"", "UNFINISHED ", "RESUMED ", "SIGNAL ", "EXITED ", "KILLED ",
                                       "ATTACHED ", "DETACHED "};
  size_t i = static_cast<size_t>(t);
  return i < sizeof(kNames) / sizeof(kNames[0]) ? kNames[i] : "OTHER ";
}

inline std::string Dump(const EventBatch& b, const Event& e, bool with_time = false) {
  std::string out = TypeName(e.type);
  out += std::string(b.names.View(e.name));
  out += " tid=" + std::to_string(e.tid);
  if (with_time && e.time_ns != kNoTime) out += " t=" + std::to_string(e.time_ns);
  if (e.type == EventType::kSyscall || e.op != Op::kOther) out += std::string(" op=") + OpName(e.op);
  if (e.result != 0 || e.type == EventType::kSyscall) out += " res=" + std::to_string(e.result);
  if (e.err != 0) out += " err=" + std::string(ErrnoName(e.err));
  if (e.fd != kNoFd) out += " fd=" + std::to_string(e.fd);
  if (e.str != kNoStr) out += " str=\"" + std::string(b.strings.View(e.str)) + "\"";
  if (e.flags & kResultUnknown) out += " ?";
  if (e.flags & kResultWide) out += " wide";
  if (e.flags & kStitched) out += " stitched";
  if (e.flags & kTruncated) out += " truncated";
  if (e.flags & kRestart) out += " restart";
  if (e.detail == kNoDetail) return out;
  const Detail& d = b.details.at(e.detail);
  char hex[16];
  std::snprintf(hex, sizeof(hex), "0x%x", d.flags);
  if (d.flags != 0) out += std::string(" f=") + hex;
  if (d.a != -1) out += " a=" + std::to_string(d.a);
  if (d.b != -1) out += " b=" + std::to_string(d.b);
  if (d.c != -1) out += " c=" + std::to_string(d.c);
  if (d.str2 != kNoStr) out += " s2=\"" + std::string(b.strings.View(d.str2)) + "\"";
  if (d.str3 != kNoStr) out += " s3=\"" + std::string(b.strings.View(d.str3)) + "\"";
  return out;
}

// Dump of the only event `line` produces.
inline std::string DumpLine(std::string_view line, int32_t default_tid = 0) {
  EventBatch b = ParseText(line, default_tid);
  if (b.events.size() != 1) return "events: " + std::to_string(b.events.size());
  return Dump(b, b.events[0]);
}

// One strace line and the Dump() of the event it must produce.
struct DumpCase {
  const char* line;
  const char* dump;
};

// Expects DumpLine() of every case to equal its dump; a failure names the line.
inline void ExpectDumps(const DumpCase* cases, size_t n) {
  for (size_t i = 0; i < n; ++i) {
    SCOPED_TRACE(cases[i].line);
    EXPECT_EQ(DumpLine(cases[i].line), cases[i].dump);
  }
}

}  // namespace rundown::strace_test

#endif  // RUNDOWN_PARSERS_STRACE_TEST_UTIL_H_
