// StraceParser on real strace 6.1 output: line prefixes and timestamps, results, non-call
// lines, interrupted calls (in one chunk and across chunks), bad input, whole captures.
// Lines come from testdata/p*/ (the shared captures) and testdata/formats/strace/
// (captured on this machine with the flags each file is named after, see
// docs/formats/strace.md). Every test asserts decoded fields, not just "no crash".
#include "parsers/strace_parser.h"

#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "parsers/errno_table.h"
#include "parsers/strace_line.h"
#include "parsers/strace_test_util.h"

namespace rundown {
namespace {

using strace_test::Dump;
using strace_test::DumpLine;
using strace_test::DumpCase;
using strace_test::ExpectDumps;
using strace_test::EventAtLine;
using strace_test::ParseText;
using strace_test::ResumedLineOf;
using strace_test::Testdata;

constexpr int64_t kSec = 1000000000;

// ---- prefixes and timestamps ----

struct PrefixCase {
  const char* line;
  int32_t tid;
  int64_t time_ns;
  Timebase timebase;
};

TEST(StraceParser, PrefixesAndTimestamps) {
  static const PrefixCase kCases[] = {
      // -ff file (tid from the file name, here 28), -tt -T -y: p1 strace_log.28.
      {"19:31:04.484256 close(3</etc/ld.so.cache>) = 0 <0.000022>", 28, (19 * 3600 + 31 * 60 + 4) * kSec + 484256000,
       Timebase::kTimeOfDay},
      // -f -o FILE: the pid column, -ttt: p2 strace_log.
      {"28    1795375881.069508 close(3</etc/ld.so.cache>) = 0 <0.000014>", 28, 1795375881 * kSec + 69508000,
       Timebase::kEpoch},
      // --timestamps=unix,ns (formats/strace/ttt_ns.txt).
      {"1795394350.216099035 brk(NULL)          = 0x5600fc093000", 28, 1795394350 * kSec + 216099035, Timebase::kEpoch},
      // -t (formats/strace/t.txt).
      {"00:33:59 brk(NULL)                      = 0x562122ac4000", 28, (33 * 60 + 59) * kSec, Timebase::kTimeOfDay},
      // -f -r (formats/strace/f_r_T.txt) and -r alone (r_T.txt, the delta is right-aligned).
      {"7340       0.001631 brk(NULL)           = 0x5640b3005000 <0.000026>", 7340, 1631000, Timebase::kRelative},
      {"     0.007946 brk(NULL)                 = 0x563ca5586000 <0.000052>", 28, 7946000, Timebase::kRelative},
      // -f to stderr: "[pid N] " (formats/strace/pid_bracket.txt), and no timestamp.
      {"[pid  7553] exit_group(0)               = ?", 7553, kNoTime, Timebase::kNone},
      // -n and -i fields after the prefix and timestamp (formats/strace/f_tt_T_y_i_n.txt,
      // i_n.txt, f_i_terminal.txt).
      {"16874 15:05:29.746985 [  59] [00007f459bfbfad7] execve(\"/usr/bin/sh\", [\"sh\", \"-c\", \"sleep 0.02 & wait; "
       "kill -0 $$\"], 0x7ffcc6d3fa00 /* 37 vars */) = 0 <0.000273>",
       16874, (15 * 3600 + 5 * 60 + 29) * kSec + 746985000, Timebase::kTimeOfDay},
      {"[ 231] [00007f5fa516b409] exit_group(0) = ?", 28, kNoTime, Timebase::kNone},
      {"[pid 16941] [00007f75311a938d] set_robust_list(0x7f75310d2a20, 24) = 0", 16941, kNoTime, Timebase::kNone},
      // -Y: the pid column and the [pid N] prefix carry the command (f_tt_Y.txt,
      // f_tt_Y_terminal.txt).
      {"17757<sh> 15:07:07.471270 getpid()      = 17757<sh>", 17757, (15 * 3600 + 7 * 60 + 7) * kSec + 471270000,
       Timebase::kTimeOfDay},
      {"[pid 18027<sh>] 15:07:52.109115 set_robust_list(0x7f8ea859ea20, 24) = 0", 18027,
       (15 * 3600 + 7 * 60 + 52) * kSec + 109115000, Timebase::kTimeOfDay},
      // --timestamps=unix,s: bare epoch seconds, after a pid column or alone (-ff); a number
      // above the largest pid is no pid column (f_unix_s.txt, ff_unix_s.txt).
      {"17989 1796224067 brk(NULL)              = 0x559f86f8f000", 17989, 1796224067 * kSec, Timebase::kEpoch},
      {"1796224067 brk(NULL)                    = 0x55f01c871000", 28, 1796224067 * kSec, Timebase::kEpoch},
      // No prefix, no timestamp: the -ff default tid.
      {"brk(NULL)                               = 0x55d1d5c9b000", 28, kNoTime, Timebase::kNone},
  };
  for (const PrefixCase& c : kCases) {
    SCOPED_TRACE(c.line);
    EventBatch b = ParseText(c.line, 28);
    ASSERT_EQ(b.events.size(), 1u);
    EXPECT_EQ(b.events[0].tid, c.tid);
    EXPECT_EQ(b.events[0].time_ns, c.time_ns);
    EXPECT_EQ(b.timebase, c.timebase);
    EXPECT_EQ(b.events[0].type, EventType::kSyscall);
    EXPECT_EQ(b.counters.diagnostics, 0u);
  }
}

// The -tt and -ttt stamps are read as words: every byte that must be a digit or a separator
// is checked, and near misses fall to the general reader or fail.
TEST(StraceParser, TimestampTokensExactly) {
  struct Case {
    const char* token;
    bool ok;
    int64_t ns;
    Timebase base;
  };
  static const Case kCases[] = {
      {"19:31:04.484256", true, (19 * 3600 + 31 * 60 + 4) * kSec + 484256000, Timebase::kTimeOfDay},
      {"00:00:00.000000", true, 0, Timebase::kTimeOfDay},
      {"23:59:59.999999", true, (23 * 3600 + 59 * 60 + 59) * kSec + 999999000, Timebase::kTimeOfDay},
      {"1795375881.065207", true, 1795375881 * kSec + 65207000, Timebase::kEpoch},
      {"0000000000.000001", true, 1000, Timebase::kEpoch},  // ten digits of seconds are -ttt's width
      {"19:31:0a.484256", false, 0, Timebase::kNone},
      {"19:31:04.48425x", false, 0, Timebase::kNone},
      {"19:31:04,484256", false, 0, Timebase::kNone},
      {"19;31:04.484256", false, 0, Timebase::kNone},
      {"19:31:04.4842/6", false, 0, Timebase::kNone},
      {"179537588:.065207", false, 0, Timebase::kNone},
      {"1795375881.06520:", false, 0, Timebase::kNone},
      {"9999999999.000000", false, 0, Timebase::kNone},  // past what int64 nanoseconds hold
  };
  for (const Case& c : kCases) {
    SCOPED_TRACE(c.token);
    int64_t ns = 0;
    Timebase base = Timebase::kNone;
    ASSERT_EQ(strace::ParseTimestamp(c.token, &ns, &base), c.ok);
    if (!c.ok) continue;
    EXPECT_EQ(ns, c.ns);
    EXPECT_EQ(base, c.base);
  }
}

// LineSplitter reads the common layouts from words and remembers the last stamp's seconds;
// on every line, in a stream that changes layout and seconds, it must give SplitLine's parts.
TEST(StraceParser, LineSplitterAgreesWithSplitLine) {
  static const char* const kLines[] = {
      "28    19:31:21.065207 execve(\"/usr/bin/node\", [\"node\", \"app.js\"], 0x7ffea00c0ff8) = 0",
      "28    19:31:21.066936 brk(NULL)         = 0x11613000 <0.000256>",
      "61    19:31:21.066937 futex(0x7fb9dd, FUTEX_WAIT_PRIVATE, 0, NULL <unfinished ...>",
      "28    19:31:22.000001 <... futex resumed>) = 0 <0.000013>",
      "28    19:31:22.00000x brk(NULL)         = 0x11613000 <0.000256>",   // a bad digit after a remembered second
      "28    19:31:22,000001 brk(NULL)         = 0x11613000 <0.000256>",
      "28    19:31:2x.000001 brk(NULL)         = 0x11613000 <0.000256>",
      "4194304 19:31:22.000001 brk(NULL)       = 0x11613000 <0.000256>",   // the largest pid
      "4194305 19:31:22.000001 brk(NULL)       = 0x11613000 <0.000256>",   // a number too big for one
      "1234567 19:31:22.000001  brk(NULL)      = 0x11613000 <0.000256>",   // two spaces after the stamp
      "28    19:31:22.000001 [  12] brk(NULL)  = 0x11613000 <0.000256>",   // -n
      "28          19:31:22.000001 brk(NULL)   = 0x11613000 <0.000256>",   // a pad wider than a word
      "28    19:31:22.000001 brk(NULL)         = 0x11613000 <0.000256>",
      "28    x9:31:22.000001 brk(NULL)         = 0x11613000 <0.000256>",   // a remembered column, then no stamp
      "28    1x:31:22.000001 brk(NULL)         = 0x11613000 <0.000256>",
      "28    brk(NULL)                         = 0x11613000 <0.000256>",
      "1234567 19:31:22.000001 brk(NULL)       = 0x11613000 <0.000256>",   // a column too wide to remember
      "1234567 19:31:22.000001 brk(NULL)       = 0x11613000 <0.000256>",
      "28<sh> 19:31:22.000001 brk(NULL)        = 0x11613000 <0.000256>",   // -Y
      "19:31:22.000002 brk(NULL)               = 0x11613000 <0.000256>",
      "00:00:00.000000 brk(NULL)               = 0x11613000 <0.000256>",   // the splitter's first remembered value
      "1795375881.065207 brk(NULL)             = 0x11613000 <0.000256>",
      "28    1795375881.065208 brk(NULL)       = 0x11613000 <0.000256>",
      "28    1795375882.065208 brk(NULL)       = 0x11613000 <0.000256>",
      "28    0000000000.000001 brk(NULL)       = 0x11613000 <0.000256>",
      "28    9999999999.000000 brk(NULL)       = 0x11613000 <0.000256>",   // past int64 nanoseconds
      "28    179537588:.065207 brk(NULL)       = 0x11613000 <0.000256>",
      "28    1795375882.06520: brk(NULL)       = 0x11613000 <0.000256>",
      "28    19:31:22 brk(NULL)                = 0x11613000 <0.000256>",   // -t
      "28       0.000123 brk(NULL)             = 0x11613000 <0.000256>",   // -r
      "[pid  7553] 19:31:22.000001 brk(NULL)   = 0x11613000 <0.000256>",
      "28    brk(NULL)                         = 0x11613000 <0.000256>",
      "28    19:31:22.000001 brk(NULL)",  // shorter than the word reads
      " 28   19:31:22.000001 brk(NULL)         = 0x11613000 <0.000256>",
  };
  strace::LineSplitter splitter;
  for (const char* line : kLines) {
    SCOPED_TRACE(line);
    strace::LineParts want, got;
    strace::SplitLine(line, 7, &want);
    splitter.Split(line, 7, &got);
    EXPECT_EQ(got.tid, want.tid);
    EXPECT_EQ(got.has_prefix, want.has_prefix);
    EXPECT_EQ(got.time_ns, want.time_ns);
    EXPECT_EQ(got.timebase, want.timebase);
    EXPECT_EQ(got.body, want.body);
  }
  strace::LineParts p;
  splitter.Split(kLines[0], 7, &p);
  EXPECT_EQ(p.tid, 28);
  EXPECT_EQ(p.time_ns, (19 * 3600 + 31 * 60 + 21) * kSec + 65207000);
  EXPECT_EQ(p.timebase, Timebase::kTimeOfDay);
  EXPECT_TRUE(p.body.starts_with("execve("));
}

// ---- results ----

TEST(StraceParser, Results) {
  struct Case {
    const char* line;
    const char* dump;
  };
  static const Case kCases[] = {
      {"19:31:19.918462 exit_group(0)           = ?", "exit_group tid=0 op=exit res=0 ? a=0"},
      {"19:31:04.483715 mmap(NULL, 8192, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0) = 0x7f3fe68eb000 <0.000021>",
       "mmap tid=0 op=mmap res=2147483647 wide f=0x3 a=10"},
      {"19:31:04.483941 access(\"/etc/ld.so.preload\", R_OK) = -1 ENOENT (No such file or directory) <0.000071>",
       "access tid=0 op=stat res=-1 err=ENOENT str=\"/etc/ld.so.preload\""},
      // p2: a decoding after the result; a -y annotated result.
      {"28    1795375897.601707 fcntl(2</artifacts/program.log>, F_GETFL) = 0x8001 (flags O_WRONLY|O_LARGEFILE) <0.000011>",
       "fcntl tid=28 op=other res=32769 fd=2 str=\"/artifacts/program.log\""},
      {"28    1795375881.070414 openat(AT_FDCWD</home/auditor/app>, \"/lib/x86_64-linux-gnu/libstdc++.so.6\", O_RDONLY|O_CLOEXEC) "
       "= 3</usr/lib/x86_64-linux-gnu/libstdc++.so.6.0.30> <0.000020>",
       "openat tid=28 op=open res=3 fd=-100 str=\"/lib/x86_64-linux-gnu/libstdc++.so.6\" f=0x40 "
       "s2=\"/usr/lib/x86_64-linux-gnu/libstdc++.so.6.0.30\" s3=\"AT_FDCWD</home/auditor/app>\""},
      // formats/strace/p_tt_stop_kill.txt: a restarted call after attach.
      {"9636  00:39:10.306115 restart_syscall(<... resuming interrupted read ...>) = ? ERESTART_RESTARTBLOCK (Interrupted by "
       "signal)",
       "restart_syscall tid=9636 op=other res=0 err=ERESTART_RESTARTBLOCK ? restart"},
      // formats/strace/f_tt_T_yy_ops.txt: an unknown syscall number.
      {"9564  00:38:58.225467 syscall_0x1f4(0x1, 0x2, 0x3, 0xa62748, 0x210c82e0, 0x6) = -1 ENOSYS (Function not "
       "implemented) <0.000024>",
       "syscall_0x1f4 tid=9564 op=other res=-1 err=ENOSYS"},
      // An untabled call keeps its first argument's fd when it is annotated.
      {"19:31:04.708259 epoll_ctl(14<anon_inode:[eventpoll]>, EPOLL_CTL_ADD, 15<pipe:[34465]>, {events=EPOLLIN, "
       "data={u32=15, u64=15}}) = 0 <0.000016>",
       "epoll_ctl tid=0 op=other res=0 fd=14 str=\"anon_inode:[eventpoll]\""},
      // The plain-result fast path (" = N [<dur>]", at most 9 digits) and the general reader
      // meet at the digit limit, a decoding after the number, an untabled call's address or
      // unannotated fd.
      {"read(3</x>, \"a\", 1) = 123456789 <0.000012>", "read tid=0 op=read res=123456789 fd=3 str=\"/x\""},
      {"read(3</x>, \"a\", 1) = 2147483647 <0.000012>", "read tid=0 op=read res=2147483647 fd=3 str=\"/x\""},
      {"read(3</x>, \"a\", 1) = 2147483648", "read tid=0 op=read res=2147483647 fd=3 str=\"/x\" wide"},
      {"read(3, \"a\", 1) = 0", "read tid=0 op=read res=0 fd=3"},
      {"read(3, \"a\", 1) = 0 (x)", "read tid=0 op=read res=0 fd=3"},
      {"close(123456789) = 0 <0.000012>", "close tid=0 op=close res=0 fd=123456789"},
      {"futex(0x566f960, FUTEX_WAKE_PRIVATE, 1) = 1 <0.000016>", "futex tid=0 op=other res=1"},
      {"epoll_pwait(14, [], 1024, 0, NULL, 8) = 0 <0.000036>", "epoll_pwait tid=0 op=other res=0"},
  };
  for (const Case& c : kCases) {
    SCOPED_TRACE(c.line);
    EXPECT_EQ(DumpLine(c.line), c.dump);
  }
}

TEST(StraceParser, ErrorsCountOnlyFailedCalls) {
  EventBatch b = ParseText(
      "19:31:04.483941 access(\"/etc/ld.so.preload\", R_OK) = -1 ENOENT (No such file or directory) <0.000071>\n"
      "33    1795375881.700000 futex(0x116acf30, FUTEX_WAIT_BITSET_PRIVATE, 0, NULL, FUTEX_BITSET_MATCH_ANY) = ? "
      "ERESTARTSYS (To be restarted if SA_RESTART is set) <1.000000>\n"
      "28    1795375881.500000 epoll_pwait(14<anon_inode:[eventpoll]>, [], 1024, 0, NULL, 8) = 0 (Timeout) <0.000010>\n");
  EXPECT_EQ(b.counters.syscalls, 3u);
  EXPECT_EQ(b.counters.errors, 1u);  // the restart is not a failure
  EXPECT_EQ(ErrnoName(b.events[1].err), "ERESTARTSYS");
}

// ---- lines that are not calls ----

TEST(StraceParser, SignalsExitsAndStraceMessages) {
  EventBatch b = ParseText(
      // p1 strace_log.28: the harness's SIGTERM; p4: SIGCHLD with a comment in the braces.
      "19:31:19.893687 --- SIGTERM {si_signo=SIGTERM, si_code=SI_USER, si_pid=1, si_uid=0} ---\n"
      "19:31:44.402135 --- SIGCHLD {si_signo=SIGCHLD, si_code=CLD_EXITED, si_pid=91, si_uid=1001, si_status=0, si_utime=0, "
      "si_stime=1 /* 0.01 s */} ---\n"
      // formats/strace/tt_ptrace.txt, f_X_verbose_signal.txt, p_tt_stop_kill.txt.
      "01:02:26.625332 --- SIGCHLD {si_signo=SIGCHLD, si_code=CLD_KILLED, si_pid=30782, si_uid=0, si_status=SIGKILL, "
      "si_utime=0, si_stime=0} ---\n"
      "10671 --- SIGCHLD {si_signo=17 /* SIGCHLD */, si_code=0x1 /* CLD_EXITED */, si_pid=10672, si_uid=0, si_status=1, "
      "si_utime=0, si_stime=0} ---\n"
      "9636  00:39:11.308184 --- stopped by SIGSTOP ---\n"
      "19:31:19.925504 +++ exited with 0 +++\n"
      "9636  00:39:11.916638 +++ killed by SIGKILL +++\n"
      // pid_bracket.txt (strace writing to stderr), p_tt_detached.txt (strace -p, interrupted).
      "vfork(strace: Process 7553 attached\n"
      " <unfinished ...>\n"
      "00:39:16.397788 restart_syscall(<... resuming interrupted read ...> <detached ...>\n"
      "[ Process PID=1234 runs in 32 bit mode. ]\n",
      28);
  std::vector<std::string> dumps;
  for (const Event& e : b.events) dumps.push_back(Dump(b, e));
  EXPECT_EQ(dumps, (std::vector<std::string>{
                       "SIGNAL SIGTERM tid=28 str=\"SI_USER\" a=1 b=0",
                       "SIGNAL SIGCHLD tid=28 str=\"CLD_EXITED\" a=91 b=1001 c=0",
                       "SIGNAL SIGCHLD tid=28 str=\"CLD_KILLED\" a=30782 b=0 c=9",
                       "SIGNAL SIGCHLD tid=10671 str=\"CLD_EXITED\" a=10672 b=0 c=1",
                       "SIGNAL SIGSTOP tid=9636",
                       "EXITED  tid=28",
                       "KILLED SIGKILL tid=9636 res=-1",
                       "ATTACHED  tid=7553",
                       "UNFINISHED vfork tid=28 op=clone ? f=0x4021",
                       "restart_syscall tid=28 op=other res=0 ?",  // the call strace let go inside
                       "DETACHED restart_syscall tid=28",
                   }));
  EXPECT_EQ(b.counters.signals, 5u);
  EXPECT_EQ(b.counters.exits, 2u);
  EXPECT_EQ(b.counters.unfinished, 1u);
  EXPECT_EQ(b.counters.annotations, 2u);  // " <unfinished ...>" after the attach, the 32-bit banner
  EXPECT_EQ(b.counters.diagnostics, 0u);
}

// -f -i on a terminal: "strace: Process N attached" cut the clone line and the call went on
// on the next line; the continuation is its resumed half (formats/strace/f_i_terminal.txt).
TEST(StraceParser, CallFinishedOnTheLineAfterAnAttachIsOneCall) {
  EventBatch b = ParseText(Testdata("formats/strace/f_i_terminal.txt"), 16940);
  EXPECT_EQ(b.counters.diagnostics, 0u);
  const Event* clone = EventAtLine(b, 49);
  ASSERT_NE(clone, nullptr);
  EXPECT_EQ(b.names.View(clone->name), "clone");
  EXPECT_EQ(clone->result, 16941);
  EXPECT_EQ(clone->tid, 16940);
  EXPECT_TRUE(clone->flags & kStitched);
  ASSERT_NE(clone->detail, kNoDetail);
  EXPECT_FALSE(b.details[clone->detail].flags & kCloneThread);
  EXPECT_EQ(ResumedLineOf(b, clone), 50u);
  // The attach itself is kept as an event of the child.
  size_t attached = 0;
  for (const Event& e : b.events) attached += e.type == EventType::kAttached && e.tid == 16941;
  EXPECT_EQ(attached, 1u);
}

// strace -f -tt -T -e inject=openat:error=ENOENT:when=3 -e inject=getpid:retval=42
// -e inject=write:delay_exit=1000:when=1 sh -c '...' (formats/strace/f_tt_T_inject.txt): an
// injected result is read as printed and flagged; a delayed one is a real result.
TEST(StraceParser, InjectedResultsAreFlagged) {
  EventBatch b = ParseText(Testdata("formats/strace/f_tt_T_inject.txt"), 1);
  EXPECT_EQ(b.counters.diagnostics, 0u);
  const Event* getpid = EventAtLine(b, 32);
  ASSERT_NE(getpid, nullptr);
  EXPECT_EQ(getpid->result, 42);
  EXPECT_EQ(getpid->flags, kInjected);
  const Event* open = EventAtLine(b, 49);
  ASSERT_NE(open, nullptr);
  EXPECT_EQ(open->result, -1);
  EXPECT_EQ(ErrnoName(open->err), "ENOENT");
  EXPECT_EQ(open->flags, kInjected);
  const Event* write = EventAtLine(b, 50);
  ASSERT_NE(write, nullptr);
  EXPECT_EQ(write->result, 7);
  EXPECT_EQ(write->flags, 0);
  size_t injected = 0;
  for (const Event& e : b.events) injected += (e.flags & kInjected) != 0;
  EXPECT_EQ(injected, 2u);
}

// -Y puts the command after every pid strace prints: in results, arguments and siginfo the
// number is still read (formats/strace/f_tt_Y.txt).
TEST(StraceParser, PidsWithTheirCommandStillReadAsPids) {
  EventBatch b = ParseText(Testdata("formats/strace/f_tt_Y.txt"), 1);
  EXPECT_EQ(b.counters.diagnostics, 0u);
  const Event* clone = EventAtLine(b, 49);
  ASSERT_NE(clone, nullptr);
  EXPECT_EQ(b.names.View(clone->name), "clone");
  EXPECT_EQ(clone->result, 17758);  // "= 17758<sh>"
  const Event* kill = EventAtLine(b, 186);
  ASSERT_NE(kill, nullptr);
  EXPECT_EQ(b.names.View(kill->name), "kill");
  ASSERT_NE(kill->detail, kNoDetail);
  EXPECT_EQ(b.details[kill->detail].a, 17757);  // "kill(17757<sh>, 0)"
  const Event* sigchld = EventAtLine(b, 181, EventType::kSignal);
  ASSERT_NE(sigchld, nullptr);
  ASSERT_NE(sigchld->detail, kNoDetail);
  EXPECT_EQ(b.details[sigchld->detail].a, 17758);  // "si_pid=17758<sleep>"
}

// strace -f --decode-pids=pidns outside a pid namespace (`unshare -pf --mount-proc ./prog`,
// formats/strace/f_tt_pidns.txt; with comm too, f_tt_Y_pidns.txt): a pid the tracee sees in
// its namespace is followed by its number in strace's ("= 3 /* 10775 in strace's PID NS */"),
// the number the pid column uses. Results, pid arguments and si_pid read as that number, so
// a clone's result names the child's lines.
TEST(StraceParser, PidsTranslatedToStracesNamespaceReadAsStracesPids) {
  EventBatch b = ParseText(Testdata("formats/strace/f_tt_pidns.txt"));
  EXPECT_EQ(b.counters.diagnostics, 0u);
  const DumpCase kLines[] = {
      {"10773 07:05:10.105722 clone(child_stack=NULL, flags=CLONE_CHILD_CLEARTID|CLONE_CHILD_SETTID|SIGCHLD, "
       "child_tidptr=0x7f9e3b73ca10) = 3 /* 10775 in strace's PID NS */",
       "clone tid=10773 op=clone res=10775 f=0x4000"},
      {"10775 07:05:10.117734 getpid()          = 3 /* 10775 in strace's PID NS */",
       "getpid tid=10775 op=other res=10775"},
      {"10773 07:05:10.157757 kill(1 /* 10773 in strace's PID NS */, SIGCHLD) = 0",
       "kill tid=10773 op=kill res=0 a=10773 b=17"},
      {"10773 07:05:10.110659 wait4(3 /* 10775 in strace's PID NS */,  <unfinished ...>",
       "UNFINISHED wait4 tid=10773 op=wait ? a=10775"},
  };
  ExpectDumps(kLines, sizeof(kLines) / sizeof(kLines[0]));
  const Event* clone3 = EventAtLine(b, 174);
  ASSERT_NE(clone3, nullptr);
  EXPECT_EQ(Dump(b, *clone3), "clone3 tid=10773 op=clone res=10774 stitched f=0x1f");
  const Event* sig = EventAtLine(b, 421, EventType::kSignal);
  ASSERT_NE(sig, nullptr);
  EXPECT_EQ(Dump(b, *sig), "SIGNAL SIGCHLD tid=10773 str=\"SI_USER\" a=10773 b=0");

  EventBatch y = ParseText(Testdata("formats/strace/f_tt_Y_pidns.txt"));
  EXPECT_EQ(y.counters.diagnostics, 0u);
  const DumpCase kCommLines[] = {
      {"10919<sh> 07:05:36.272898 getpid()      = 3<sh> /* 10919 in strace's PID NS */",
       "getpid tid=10919 op=other res=10919"},
      {"10917<prog> 07:05:36.365460 kill(1<prog> /* 10917 in strace's PID NS */, SIGCHLD) = 0",
       "kill tid=10917 op=kill res=0 a=10917 b=17"},
  };
  ExpectDumps(kCommLines, sizeof(kCommLines) / sizeof(kCommLines[0]));
  const Event* vfork = EventAtLine(y, 260);
  ASSERT_NE(vfork, nullptr);
  EXPECT_EQ(Dump(y, *vfork), "vfork tid=10919 op=clone res=10920 stitched f=0x4021");
}

// strace -f -b execve (formats/strace/f_tt_b_execve.txt) lets a child go as it calls execve:
// the call ends in "<detached ...>" instead of a result. The exec is an event with its
// arguments and an unknown result, then the detach; the child's later lines are not traced.
TEST(StraceParser, CallEndingInDetachedIsTheCallThenTheDetach) {
  EventBatch b = ParseText(Testdata("formats/strace/f_tt_b_execve.txt"));
  EXPECT_EQ(b.counters.diagnostics, 0u);
  std::vector<std::string> at75;
  for (const Event& e : b.events)
    if (e.line == 75) at75.push_back(Dump(b, e));
  EXPECT_EQ(at75, (std::vector<std::string>{
                      "execve tid=4392 op=exec res=0 str=\"/bin/sh\" ? a=37 s2=\"sh -c id -u >/dev/null; exit 3\"",
                      "DETACHED execve tid=4392",
                  }));
  // every line but the 4 signal/exit lines and the 3 resumed halves: the execve included
  EXPECT_EQ(b.counters.syscalls, 75u);
}

// strace -z prints an interrupted call only once it returned: its "<unfinished ...>" line,
// then at once the rest with no prefix, timestamp or "<... resumed>" (formats/strace/
// f_tt_T_z.txt, 11 such calls). Each is one call with both lines.
TEST(StraceParser, SuccessfulOnlyTraceContinuationsJoinTheirCall) {
  EventBatch b = ParseText(Testdata("formats/strace/f_tt_T_z.txt"));
  EXPECT_EQ(b.counters.diagnostics, 0u);
  EXPECT_EQ(b.counters.stitched, 11u);
  EXPECT_EQ(b.counters.unfinished, 0u);
  const Event* read = EventAtLine(b, 853);
  ASSERT_NE(read, nullptr);
  EXPECT_EQ(Dump(b, *read), "read tid=21011 op=read res=0 fd=3 stitched");
  EXPECT_EQ(ResumedLineOf(b, read), 854u);
}

// A line after an unfinished one that does not complete it is reported as before, and the
// call stays unfinished (lines 853 of f_tt_T_z.txt, then damage).
TEST(StraceParser, UnreadableLineAfterAnUnfinishedCallIsNoContinuation) {
  EventBatch b = ParseText(
      "21011 15:10:06.362493 read(3,  <unfinished ...>\n"
      "\"\", 4096 junk\n");
  ASSERT_EQ(b.diagnostics.size(), 1u);
  EXPECT_EQ(b.diagnostics[0].line, 2u);
  EXPECT_EQ(b.diagnostics[0].message, "not a strace line");
  EXPECT_EQ(b.counters.stitched, 0u);
  EXPECT_EQ(b.counters.unfinished, 1u);
}

// A lost newline runs two calls into one line. Before, the first call was read with the
// second inside its result's tail, and the second was lost without a word. Real lines
// (honest_f_qq_tt_T_y_exit0.txt 9-11 with -T, f_tt_y_at.txt 1-3 without), newlines removed.
TEST(StraceParser, TwoLinesRunTogetherAreReported) {
  const std::string openat = R"L(15530 19:14:23.775136 openat(AT_FDCWD</tmp/honest/sv>, "/lib/x86_64-linux-gnu/libcap-ng.so.0", O_RDONLY|O_CLOEXEC) = 3</usr/lib/x86_64-linux-gnu/libcap-ng.so.0.0.0> <0.000009>)L";
  const std::string read = R"L(15530 19:14:23.775166 read(3</usr/lib/x86_64-linux-gnu/libcap-ng.so.0.0.0>, "\177ELF\2\1\1\0\0\0\0\0\0\0\0\0\3\0>\0\1\0\0\0\0\0\0\0\0\0\0\0"..., 832) = 832 <0.000007>)L";
  const std::string fstat = R"L(15530 19:14:23.775192 newfstatat(3</usr/lib/x86_64-linux-gnu/libcap-ng.so.0.0.0>, "", {st_mode=S_IFREG|0644, st_size=30704, ...}, AT_EMPTY_PATH) = 0 <0.000006>)L";
  struct Case {
    std::string text;
    std::string message;
  } cases[] = {
      {read + fstat + "\n", "text after the call's duration (two lines run together?)"},  // "= 832 <0.000007>15530 ..."
      {openat + read + "\n", "text after the call's duration (two lines run together?)"},  // "= 3</usr/...> <0.000009>15530 ..."
      {R"L(28785 01:01:18.108340 chdir("/tmp/cap/w") = 0)L" R"L(28785 01:01:18.108416 openat(AT_FDCWD</tmp/cap/w>, "/tmp/cap/w", O_RDONLY|O_CLOEXEC|O_DIRECTORY) = 3</tmp/cap/w>)L" "\n", "text after the return value (two lines run together?)"},  // "= 028785 01:01:18..."
  };
  for (const Case& c : cases) {
    EventBatch b = ParseText(c.text + fstat + "\n");
    ASSERT_EQ(b.diagnostics.size(), 1u) << c.text;
    EXPECT_EQ(b.diagnostics[0].line, 1u);
    EXPECT_EQ(b.diagnostics[0].message, c.message);
    EXPECT_EQ(b.events.size(), 1u);  // line 2 is read as before
  }
  EXPECT_EQ(ParseText(openat + "\n" + read + "\n" + fstat + "\n").counters.diagnostics, 0u);
}

// Two strace -A runs appending to one file at once (honest_f_tt_T_y_A_concurrent.txt): a
// call's first half from one run, then a whole line of the other, then the rest of the call
// on a line of its own. Each such line is reported; none is read as a call.
TEST(StraceParser, ConcurrentAppendsAreReportedLineByLine) {
  EventBatch b = ParseText(Testdata("formats/strace/honest_f_tt_T_y_A_concurrent.txt"));
  EXPECT_EQ(b.counters.diagnostics, 256u);
  ASSERT_FALSE(b.diagnostics.empty());
  EXPECT_EQ(b.diagnostics[0].line, 64u);
  EXPECT_EQ(b.diagnostics[0].message, "unterminated argument list");
  EXPECT_EQ(b.diagnostics[1].line, 78u);
  EXPECT_EQ(b.diagnostics[1].message, "not a strace line");
  EXPECT_EQ(b.counters.echoed_writes, 0u);  // no cut write( is followed by its own text
}

TEST(StraceParser, StackFramesAreAnnotations) {
  // strace -f -k (formats/strace/f_k.txt): frames have no pid prefix.
  EventBatch b = ParseText(Testdata("formats/strace/f_k.txt"));
  ASSERT_EQ(b.events.size(), 1u);
  EXPECT_EQ(Dump(b, b.events[0]), "openat tid=9633 op=open res=3 fd=-100 str=\"/etc/ld.so.cache\" f=0x40");
  EXPECT_EQ(b.counters.annotations, 4u);
  EXPECT_EQ(b.counters.lines, 5u);
}

TEST(StraceParser, ReadWriteDumpsAreAnnotations) {
  // strace -f -e write=all -e read=all (formats/strace/f_e_read_write.txt): after each read
  // and write, the data as " | 00000  7f 45 4c 46 ...  .ELF... |" lines, 491 of them.
  EventBatch b = ParseText(Testdata("formats/strace/f_e_read_write.txt"));
  EXPECT_EQ(b.counters.diagnostics, 0u);
  EXPECT_EQ(b.counters.annotations, 491u);
  EXPECT_EQ(b.counters.syscalls, 194u);
}

TEST(StraceParser, CountSummaryIsOneDiagnosticNotOnePerRow) {
  // strace -c -f (formats/strace/c_summary.txt): a table of counts, no calls at all.
  EventBatch c = ParseText(Testdata("formats/strace/c_summary.txt"));
  EXPECT_TRUE(c.events.empty());
  EXPECT_EQ(c.counters.lines, 35u);
  ASSERT_EQ(c.diagnostics.size(), 1u);
  EXPECT_EQ(c.diagnostics[0].line, 1u);
  EXPECT_EQ(c.diagnostics[0].message, "strace -c summary table: counts only, no calls to analyze (trace without -c)");
  // strace -C -f (formats/strace/f_C_summary_after_calls.txt): the calls, then the table at
  // line 363; the calls are parsed, the table is one diagnostic.
  EventBatch big_c = ParseText(Testdata("formats/strace/f_C_summary_after_calls.txt"));
  EXPECT_EQ(big_c.counters.lines, 397u);
  EXPECT_EQ(big_c.events.size(), 362u);
  ASSERT_EQ(big_c.diagnostics.size(), 1u);
  EXPECT_EQ(big_c.diagnostics[0].line, 363u);
  // Before, the -C table after the calls said "no calls to analyze (trace without -c)".
  EXPECT_EQ(big_c.diagnostics[0].message,
            "strace -C summary table after the calls: its counts are not read (the calls above are)");
  // strace -f -w -C (formats/strace/f_w_C.txt, capture_formats6.sh): -w's wall-clock table has
  // the same header; 50 events, the table from line 51.
  EventBatch w = ParseText(Testdata("formats/strace/f_w_C.txt"));
  EXPECT_EQ(w.counters.lines, 78u);
  EXPECT_EQ(w.events.size(), 50u);
  ASSERT_EQ(w.diagnostics.size(), 1u);
  EXPECT_EQ(w.diagnostics[0].line, 51u);
  EXPECT_EQ(w.diagnostics[0].message, big_c.diagnostics[0].message);
  // -U picks and orders the columns: "syscall calls errors % time longest shortest
  // usecs/call seconds" (formats/strace/c_U_columns.txt), and after the calls of -C, "syscall
  // calls" (f_C_U_name_calls.txt, the table from line 307). Each row was a diagnostic.
  EventBatch u = ParseText(Testdata("formats/strace/c_U_columns.txt"));
  EXPECT_TRUE(u.events.empty());
  EXPECT_EQ(u.counters.lines, 49u);
  ASSERT_EQ(u.diagnostics.size(), 1u);
  EXPECT_EQ(u.diagnostics[0].line, 1u);
  EXPECT_EQ(u.diagnostics[0].message, "strace -c summary table: counts only, no calls to analyze (trace without -c)");
  EventBatch cu = ParseText(Testdata("formats/strace/f_C_U_name_calls.txt"));
  EXPECT_EQ(cu.counters.lines, 355u);
  EXPECT_EQ(cu.counters.syscalls, 288u);  // grep -v -- "--- \\|+++\\|resumed>" over the 306 lines above it
  ASSERT_EQ(cu.diagnostics.size(), 1u);
  EXPECT_EQ(cu.diagnostics[0].line, 307u);
}

// strace writing the trace to its stderr (no -o, `2> strace_log`) puts its own messages in the
// file (formats/strace/stderr_*.txt, capture_formats6.sh). Before, they were annotations: a
// file holding only "strace: invalid system call '%clone'" read as an empty trace, with no
// word of why. "Process N attached/detached" stay events, "suspended" an annotation.
TEST(StraceParser, StracesOwnMessagesAreReported) {
  EventBatch refused = ParseText(Testdata("formats/strace/stderr_e_trace_invalid.txt"));
  EXPECT_TRUE(refused.events.empty());
  ASSERT_EQ(refused.diagnostics.size(), 1u);
  EXPECT_EQ(refused.diagnostics[0].line, 1u);
  EXPECT_EQ(refused.diagnostics[0].message, kStraceOwnMessage);
  EXPECT_EQ(refused.diagnostics[0].text, "strace: invalid system call '%clone'");
  // A warning, then the trace of /usr/bin/true (31 events).
  EventBatch warned = ParseText(Testdata("formats/strace/stderr_f_tt_seccomp_bpf_no_filter.txt"));
  EXPECT_EQ(warned.events.size(), 31u);
  ASSERT_EQ(warned.diagnostics.size(), 1u);
  EXPECT_EQ(warned.diagnostics[0].line, 1u);
  EXPECT_EQ(warned.diagnostics[0].text,
            "strace: Seccomp filter is requested but there are no syscalls to filter.  See -e trace to filter "
            "syscalls.");
  EventBatch p = ParseText("strace: Process 7553 attached\nstrace: Process 7553 suspended\n"
                           "strace: Process 7553 detached\n");
  ASSERT_EQ(p.events.size(), 2u);
  EXPECT_EQ(p.events[0].type, EventType::kAttached);
  EXPECT_EQ(p.events[1].type, EventType::kDetached);
  EXPECT_EQ(p.counters.annotations, 1u);
  EXPECT_EQ(p.counters.diagnostics, 0u);
}

// Timestamp and -T precisions of strace 6.1 (capture_formats6.sh): --timestamps=time,ms
// ("21:32:54.138"), --relative-timestamps=ns ("0.000054781"), --syscall-times=ns
// ("<0.207672139>") and =s ("<1>"); every line reads, and a sleep's time in the call is kept
// (before, `<1>` was no duration: the sleep's time slept was unknown).
TEST(StraceParser, TimestampAndDurationPrecisions) {
  struct Case {
    const char* file;
    Timebase timebase;
    int64_t first_time_ns;  // the execve's
    int32_t slept_ms;       // clock_nanosleep's detail.c at line 107
  };
  for (const Case& c : {Case{"f_T_syscall_times_s.txt", Timebase::kNone, kNoTime, 1000},
                        Case{"f_tt_T_syscall_times_ns.txt", Timebase::kTimeOfDay, 77573834672000, 207},
                        Case{"f_timestamps_time_ms_T.txt", Timebase::kTimeOfDay, 77574122000000, 207},
                        Case{"f_r_ns.txt", Timebase::kRelative, 0, -1}}) {
    SCOPED_TRACE(c.file);
    EventBatch b = ParseText(Testdata(std::string("formats/strace/") + c.file));
    EXPECT_EQ(b.counters.lines, 111u);
    EXPECT_EQ(b.events.size(), 111u);
    EXPECT_EQ(b.counters.diagnostics, 0u);
    EXPECT_EQ(b.timebase, c.timebase);
    EXPECT_EQ(b.events[0].time_ns, c.first_time_ns);
    const Event* sleep = EventAtLine(b, 107);
    ASSERT_NE(sleep, nullptr);
    EXPECT_EQ(sleep->op, Op::kSleep);
    ASSERT_NE(sleep->detail, kNoDetail);
    EXPECT_EQ(b.details[sleep->detail].c, c.slept_ms);
  }
}

// ---- interrupted calls ----

TEST(StraceParser, ResumedCallIsJoinedToItsUnfinishedHalf) {
  // p2 strace_log lines 41-44: two threads interleaved.
  EventBatch b = ParseText(
      "28    1795375881.131029 futex(0x116acf30, FUTEX_WAIT_BITSET_PRIVATE|FUTEX_CLOCK_REALTIME, 0, NULL, "
      "FUTEX_BITSET_MATCH_ANY <unfinished ...>\n"
      "32    1795375881.133008 futex(0x116acf30, FUTEX_WAKE_PRIVATE, 1 <unfinished ...>\n"
      "28    1795375881.133043 <... futex resumed>) = 0 <0.002000>\n"
      "32    1795375881.133120 <... futex resumed>) = 1 <0.000099>\n");
  ASSERT_EQ(b.events.size(), 2u);
  EXPECT_EQ(Dump(b, b.events[0], true), "futex tid=28 t=1795375881131029000 op=other res=0 stitched");
  EXPECT_EQ(Dump(b, b.events[1], true), "futex tid=32 t=1795375881133008000 op=other res=1 stitched");
  EXPECT_EQ(b.events[0].line, 1u);
  EXPECT_EQ(b.events[1].line, 2u);
  EXPECT_EQ(b.stitches, (std::vector<std::pair<uint32_t, uint32_t>>{{0, 3}, {1, 4}}));
  EXPECT_EQ(b.counters.stitched, 2u);
  EXPECT_EQ(b.counters.syscalls, 2u);
  EXPECT_EQ(b.counters.unfinished, 0u);
  EXPECT_EQ(b.counters.events, 2u);
  EXPECT_TRUE(b.fragments.empty());
}

// Many threads inside a call at once (the pending table grows past its first slots), each
// resumed in another order than it started and some starting again while others wait:
// every pair joins, each to its own thread's half.
TEST(StraceParser, ManyThreadsInsideCallsAllJoin) {
  constexpr int kThreads = 300;
  std::string text;
  auto unfinished = [&](int tid) { text += StrCat(tid * 7919 % 100000, " read(", tid, ",  <unfinished ...>\n"); };
  auto resumed = [&](int tid) { text += StrCat(tid * 7919 % 100000, " <... read resumed>\"\", 0) = ", tid, "\n"); };
  for (int t = 1; t <= kThreads; ++t) unfinished(t);
  for (int t = 1; t <= kThreads; t += 2) resumed(t);  // odd threads first, freeing every other entry
  for (int t = 1; t <= kThreads; t += 2) unfinished(t);
  for (int t = kThreads; t >= 1; --t) resumed(t);
  EventBatch b = ParseText(text);
  ASSERT_EQ(b.counters.stitched, static_cast<uint64_t>(kThreads + kThreads / 2));
  EXPECT_EQ(b.counters.unfinished, 0u);
  EXPECT_TRUE(b.fragments.empty());
  for (const Event& e : b.events) {
    EXPECT_TRUE(e.flags & kStitched);
    EXPECT_EQ(e.fd, e.result);  // read(N, ...) = N: joined to its own thread's half
    EXPECT_EQ(e.tid, e.result * 7919 % 100000);
  }
}

TEST(StraceParser, HalvesWithoutPartnerBecomePlaceholdersAndFragments) {
  // p2 strace_log: a resumed half whose start is not in this chunk, and an unfinished half
  // whose end is not (the trailing comma of "[USR1]," is followed by two spaces).
  std::string text =
      "28    1795375882.604042 <... read resumed>\"\\1\\0\\0\\0\\0\\0\\0\\0\", 1024) = 8 <0.000030>\n"
      "33    1795375881.135946 rt_sigprocmask(SIG_SETMASK, [USR1],  <unfinished ...>\n";
  EventBatch b = ParseText(text);
  ASSERT_EQ(b.events.size(), 2u);
  EXPECT_EQ(Dump(b, b.events[0]), "RESUMED read tid=28 op=read res=8");
  EXPECT_EQ(Dump(b, b.events[1]), "UNFINISHED rt_sigprocmask tid=33 ?");
  ASSERT_EQ(b.fragments.size(), 2u);
  EXPECT_EQ(b.fragments[0].event_index, 0u);
  EXPECT_FALSE(b.fragments[0].unfinished);
  EXPECT_EQ(b.fragments[0].tid, 28);
  EXPECT_EQ(b.fragments[1].event_index, 1u);
  EXPECT_TRUE(b.fragments[1].unfinished);
  EXPECT_EQ(b.fragments[1].text, "33    1795375881.135946 rt_sigprocmask(SIG_SETMASK, [USR1],  <unfinished ...>");
  EXPECT_EQ(b.counters.unfinished, 1u);
  EXPECT_EQ(b.counters.syscalls, 0u);
  EXPECT_EQ(b.counters.events, 2u);
}

TEST(StraceParser, DecodeJoinedDecodesBothHalvesAsOneCall) {
  // formats/strace/f_tt_yy_accept_split.txt lines 2 and 5.
  EventBatch out;
  Event e;
  ASSERT_TRUE(StraceParser::DecodeJoined(
      "29865 01:02:13.289172 accept4(3<TCP:[127.0.0.1:35773]>,  <unfinished ...>",
      "29865 01:02:13.502908 <... accept4 resumed>{sa_family=AF_INET, sin_port=htons(52318), "
      "sin_addr=inet_addr(\"127.0.0.1\")}, [16], SOCK_CLOEXEC) = 4<TCP:[127.0.0.1:35773->127.0.0.1:52318]>",
      0, &out, &e));
  EXPECT_EQ(Dump(out, e, true),
            "accept4 tid=29865 t=3733289172000 op=accept res=4 fd=3 str=\"TCP:[127.0.0.1:35773]\" stitched a=2 b=52318 "
            "s2=\"127.0.0.1:52318\" s3=\"TCP:[127.0.0.1:35773->127.0.0.1:52318]\"");
  EXPECT_TRUE(out.events.empty());
  // Halves of different calls, or two unfinished halves, do not join.
  EXPECT_FALSE(StraceParser::DecodeJoined("28 read(17<anon_inode:[eventfd]>,  <unfinished ...>",
                                          "28 <... write resumed>\"x\", 1) = 1", 0, &out, &e));
  EXPECT_FALSE(StraceParser::DecodeJoined("28 read(17,  <unfinished ...>", "28 read(17,  <unfinished ...>", 0, &out, &e));
  // JoinFragments is the engine's entry point: the same event, appended.
  FileContext ctx;
  ctx.file = 3;
  // Pairs come in together; one that does not join adds no event.
  EventBatch joined;
  const SourceParser::HalfPair pairs[] = {
      {"9565  00:38:58.245595 exit(0 <unfinished ...>", "9565  00:38:58.245631 <... exit resumed>) = ?"},
      {"28 read(17,  <unfinished ...>", "28 <... write resumed>\"x\", 1) = 1"},
      {"28 read(17,  <unfinished ...>", "28 <... read resumed>\"x\", 1) = 1"}};
  std::vector<uint8_t> ok;
  StraceParser().JoinFragments(ctx, pairs, &joined, &ok);
  EXPECT_EQ(ok, (std::vector<uint8_t>{1, 0, 1}));
  ASSERT_EQ(joined.events.size(), 2u);
  EXPECT_EQ(Dump(joined, joined.events[0]), "exit tid=9565 op=exit res=0 ? stitched a=0");
  EXPECT_EQ(joined.events[0].file, 3);
  EXPECT_EQ(joined.events[1].tid, 28);
  EXPECT_EQ(joined.events[1].file, 3);
}

TEST(StraceParser, NeverResumedCallsKeepWhatTheFirstHalfSays) {
  // formats/strace/f_tt_vfork_killed.txt: sh is SIGKILLed inside wait4, so strace prints
  // "<... wait4 resumed> <unfinished ...>) = ?"; the sleep child outlives it.
  EventBatch b = ParseText(Testdata("formats/strace/f_tt_vfork_killed.txt"));
  std::vector<std::string> dumps;
  for (const Event& e : b.events) dumps.push_back(Dump(b, e));
  EXPECT_EQ(dumps, (std::vector<std::string>{
                       "vfork tid=9731 op=clone res=9732 stitched f=0x4021",
                       "rt_sigprocmask tid=9732 op=other res=0",
                       "execve tid=9732 op=exec res=0 str=\"/usr/bin/sleep\" stitched a=41 s2=\"sleep 10\"",
                       "rt_sigprocmask tid=9731 op=other res=0",
                       "wait4 tid=9731 op=wait res=0 ? stitched",
                       "clock_nanosleep tid=9732 op=sleep res=0 stitched a=10 b=0",
                       "KILLED SIGKILL tid=9731 res=-1",
                       "close tid=9732 op=close res=0 fd=1",
                       "close tid=9732 op=close res=0 fd=2",
                       "exit_group tid=9732 op=exit res=0 ? a=0",
                       "EXITED  tid=9732",
                   }));
  // An unfinished call followed by its thread's death stays unfinished, decoded from its
  // first half (formats/strace/f_tt_T_yy_ops.txt line 59, cut before its resume).
  EventBatch cut = ParseText(
      "9564  00:38:58.247019 wait4(9566,  <unfinished ...>\n"
      "9564  00:38:58.300000 +++ killed by SIGKILL +++\n");
  ASSERT_EQ(cut.events.size(), 2u);
  EXPECT_EQ(Dump(cut, cut.events[0]), "UNFINISHED wait4 tid=9564 op=wait ? a=9566");
  EXPECT_TRUE(cut.fragments.empty());
  EXPECT_EQ(cut.counters.unfinished, 1u);
}

// The start and end of a line too long to hold (ChunkReader keeps 64 KiB and 4 KiB of it).
TEST(StraceParser, JoinCutLineCutsTheStringItEndsIn) {
  const StraceParser p;
  EXPECT_EQ(p.JoinCutLine("14625 12:01:39.997096 write(1</dev/null>, \"AAAA", "AAAA\\n\", 3000001) = 3000001 <0.000213>"),
            "14625 12:01:39.997096 write(1</dev/null>, \"AAAA\"..., 3000001) = 3000001 <0.000213>");
  // Not inside an escape: "\x4" and then "1" would be another byte.
  EXPECT_EQ(p.JoinCutLine("write(3, \"\\x41\\x4", "2\\x43\", 3) = 3"), "write(3, \"\\x41\"..., 3) = 3");
  // An escaped quote in the tail does not close the string.
  EXPECT_EQ(p.JoinCutLine("sendto(5, \"ab", "c\\\"d\", 4, 0, NULL, 0) = 4"), "sendto(5, \"ab\"..., 4, 0, NULL, 0) = 4");
  // Cut outside a string (a huge struct or array), or an end that closes none: not joined.
  EXPECT_EQ(p.JoinCutLine("poll([{fd=3, events=POLLIN}, {fd=4", ", events=POLLIN}], 2, -1) = 1"), "");
  EXPECT_EQ(p.JoinCutLine("write(1, \"AAAA", "AAAA"), "");
}

TEST(StraceParser, TerminalFormMatchesUnprefixedHalvesByName) {
  // formats/strace/pid_bracket.txt: strace -f writing to stderr. The first process's lines
  // carry no "[pid N]"; an attach message cuts vfork's line.
  EventBatch b = ParseText(Testdata("formats/strace/pid_bracket.txt"));
  EXPECT_EQ(b.counters.diagnostics, 0u);
  EXPECT_EQ(b.counters.unfinished, 0u);
  EXPECT_EQ(b.counters.stitched, 6u);
  std::vector<std::string> dumps;
  for (const Event& e : b.events)
    if (e.op == Op::kClone || e.op == Op::kWait || e.type == EventType::kAttached) dumps.push_back(Dump(b, e));
  EXPECT_EQ(dumps, (std::vector<std::string>{
                       "ATTACHED  tid=7553",
                       "vfork tid=7552 op=clone res=7553 stitched f=0x4021",
                       "wait4 tid=7552 op=wait res=7553 stitched",
                       "wait4 tid=0 op=wait res=-1 err=ECHILD",
                       "ATTACHED  tid=7554",
                       "vfork tid=7552 op=clone res=7554 stitched f=0x4021",
                       "wait4 tid=7552 op=wait res=7554 stitched",
                       "wait4 tid=0 op=wait res=-1 err=ECHILD",
                   }));
}

// `text` parsed as a file that holds the trace and the program's output (into *b): each event
// as "LINE DUMP".
std::vector<std::string> TraceAndOutputDumps(const std::string& text, EventBatch* b) {
  parser_test::ParseWhole(StraceParser(), text, b, 0, /*trace_and_output=*/true);
  std::vector<std::string> dumps;
  for (const Event& e : b->events) dumps.push_back(StrCat(e.line, " ", Dump(*b, e)));
  return dumps;
}

// strace on stderr, the program's stderr in the same file, in a file named as a trace
// (formats/strace_stderr/py_missing_module/strace_log lines 280-284, `strace -f -tt python3
// -S app.py 2> strace_log`). Read as a trace of its own, a write( followed by the text it wrote
// is counted (ParseCounters::echoed_writes, which makes the engine read the file again as trace
// and output) and the lines are reported; read as trace and output, they are two calls.
TEST(StraceParser, WriteFollowedByItsOwnTextIsCountedAsAnEcho) {
  const std::string text(
      "16:40:21.257290 write(1, \"report-gen 0.3 starting\", 23) = 23\n"
      "16:40:21.257388 write(1, \"\\n\", 1)       = 1\n"
      "16:40:21.257419 write(2, \"warn: REPORT_DIR not set, writin\"..., 42warn: REPORT_DIR not set, writing to ./out) = 42\n"
      "16:40:21.257446 write(2, \"\\n\", 1\n"
      ")       = 1\n");
  EventBatch alone = ParseText(text);
  EXPECT_EQ(alone.counters.echoed_writes, 1u);  // line 4: its newline ended the line (line 3 decodes)
  EXPECT_EQ(alone.counters.diagnostics, 2u);
  EventBatch b;
  const std::vector<std::string> dumps = TraceAndOutputDumps(text, &b);
  EXPECT_EQ(dumps, (std::vector<std::string>{"1 write tid=0 op=write res=23 fd=1", "2 write tid=0 op=write res=1 fd=1",
                                             "3 write tid=0 op=write res=42 fd=2", "4 write tid=0 op=write res=1 fd=2"}));
  EXPECT_EQ(b.counters.diagnostics, 0u);
}

// With -f the text of a write strace printed as unfinished lands in another thread's call
// (formats/strace_stderr/node_busy_stderr/strace_log lines 773-778): the mprotect is read
// without it, as if strace had printed " <unfinished ...>" right after its flags.
TEST(StraceParser, OtherThreadsWriteGluedIntoACallIsCutOff) {
  const std::string text(
      "[pid    12] 16:40:21.593798 write(2, \"progress 15: scanning batch 105\\n\", 32 <unfinished ...>\n"
      "[pid    19] 16:40:21.593852 mprotect(0x7f3dec029000, 61440, PROT_READ|PROT_WRITEprogress 15: scanning batch 105\n"
      " <unfinished ...>\n"
      "[pid    12] 16:40:21.593867 <... write resumed>) = 32\n"
      "[pid    12] 16:40:21.594000 write(2, \"progress 16: scanning batch 112\\n\", 32 <unfinished ...>\n"
      "[pid    19] 16:40:21.594024 <... mprotect resumed>) = 0\n");
  EventBatch b;
  const std::vector<std::string> dumps = TraceAndOutputDumps(text, &b);
  ASSERT_EQ(dumps.size(), 3u);
  EXPECT_EQ(dumps[0], "1 write tid=12 op=write res=32 fd=2 stitched");
  EXPECT_EQ(dumps[1], "2 mprotect tid=19 op=mprotect res=0 stitched f=0x3");  // PROT_READ|PROT_WRITE
  EXPECT_EQ(b.counters.diagnostics, 0u);
}

TEST(StraceParser, ProgramOutputGluedIntoACallIsJoinedAroundIt) {
  // formats/strace_stderr/tee/program.log lines 120-124 (strace -f 2>&1 | tee): the program's
  // output lands between write's arguments and its result. In such a file (trace and
  // output) the call is one event at the head's line, the program's own line ("0") an
  // annotation, and a head that nothing completes keeps its diagnostic. In a trace of its
  // own the lines are reported and nothing is joined (ConcurrentAppendsAreReportedLineByLine).
  const std::string text(
      "[pid    10] 11:27:16.910266 write(2, NULL, 0) = 0\n"
      "[pid    10] 11:27:16.910455 write(1, \"child says hi\\n0\\n\", 16child says hi\n"
      "0\n"
      ") = 16\n"
      "[pid    10] 11:27:16.877461 write(1, \"done\\n\", 5done\n"
      "[pid    10] 11:27:16.878617 openat(AT_FDCWD, \"/etc/resolv.conf\", O_RDONLY) = 19\n");
  EventBatch b;
  const std::vector<std::string> dumps = TraceAndOutputDumps(text, &b);
  EXPECT_EQ(dumps, (std::vector<std::string>{"1 write tid=10 op=write res=0 fd=2",
                                             "2 write tid=10 op=write res=16 fd=1",
                                             "6 openat tid=10 op=open res=19 fd=-100 str=\"/etc/resolv.conf\""}));
  ASSERT_EQ(b.diagnostics.size(), 1u);
  EXPECT_EQ(StrCat(b.diagnostics[0].line, " ", b.diagnostics[0].message), "5 unterminated argument list");
  EXPECT_EQ(b.counters.annotations, 1u);
  EventBatch alone = ParseText(text);
  EXPECT_EQ(alone.counters.syscalls, 2u);
  EXPECT_EQ(alone.counters.diagnostics, 4u);
}

// ---- chunks ----

// Splits `text` after `split_line` lines, parses both chunks, joins the fragments the way
// the engine does (per tid, in file order) and returns every event's dump in file order.
std::vector<std::string> ParseInTwoChunks(const std::string& text, size_t split_line, size_t* joined_pairs) {
  size_t off = 0;
  for (size_t i = 0; i < split_line; ++i) off = text.find('\n', off) + 1;
  EventBatch first = ParseText(std::string_view(text).substr(0, off));
  EventBatch second = ParseText(std::string_view(text).substr(off));
  std::vector<std::string> out;
  std::vector<bool> dropped(second.events.size(), false);
  std::vector<std::string> replaced(first.events.size());
  *joined_pairs = 0;
  for (const Fragment& u : first.fragments) {
    if (!u.unfinished) continue;
    for (const Fragment& r : second.fragments) {
      if (r.unfinished || r.tid != u.tid || dropped[r.event_index]) continue;
      EventBatch joined;
      Event e;
      if (StraceParser::DecodeJoined(u.text, r.text, 0, &joined, &e)) {
        e.line = first.events[u.event_index].line;
        replaced[u.event_index] = Dump(joined, e, true);
        dropped[r.event_index] = true;
        ++*joined_pairs;
      }
      break;
    }
  }
  for (size_t i = 0; i < first.events.size(); ++i)
    out.push_back(replaced[i].empty() ? Dump(first, first.events[i], true) : replaced[i]);
  for (size_t i = 0; i < second.events.size(); ++i)
    if (!dropped[i]) out.push_back(Dump(second, second.events[i], true));
  return out;
}

TEST(StraceParser, PairsSplitAcrossChunksDecodeLikeOneChunk) {
  // p2 strace_log: 183 interrupted calls. Split it at every line that falls inside a pair
  // (between an unfinished half and its resumed half) and compare with one chunk.
  std::string text = Testdata("p2_chat_clean_single/strace_log");
  EventBatch whole = ParseText(text);
  ASSERT_EQ(whole.counters.stitched, 183u);
  std::vector<std::string> want;
  for (const Event& e : whole.events) want.push_back(Dump(whole, e, true));
  size_t splits = 0, pairs = 0;
  for (size_t line = 1; line < whole.counters.lines; line += 7) {
    size_t joined = 0;
    std::vector<std::string> got = ParseInTwoChunks(text, line, &joined);
    ASSERT_EQ(got, want) << "split after line " << line;
    splits += joined > 0;
    pairs += joined;
  }
  EXPECT_GT(splits, 60u);  // most split points cut through at least one pair
  EXPECT_GT(pairs, 100u);
}

TEST(StraceParser, SplitPairPlaceholdersCarryLineAndTid) {
  std::string text = Testdata("formats/strace/f_tt_yy_accept_split.txt");
  size_t off = 0;
  for (int i = 0; i < 3; ++i) off = text.find('\n', off) + 1;  // chunk 1 = lines 1-3
  EventBatch first = ParseText(std::string_view(text).substr(0, off));
  EventBatch second = ParseText(std::string_view(text).substr(off));
  ASSERT_EQ(first.fragments.size(), 1u);
  EXPECT_EQ(Dump(first, first.events[first.fragments[0].event_index]),
            "UNFINISHED accept4 tid=29865 op=accept fd=3 str=\"TCP:[127.0.0.1:35773]\" ?");
  EXPECT_EQ(first.events[first.fragments[0].event_index].line, 2u);
  ASSERT_EQ(second.fragments.size(), 1u);  // the connect pair (lines 4 and 6) is in chunk 2
  EXPECT_EQ(Dump(second, second.events[second.fragments[0].event_index]), "RESUMED accept4 tid=29865 op=accept res=4");
  EXPECT_EQ(second.events[second.fragments[0].event_index].line, 2u);
  EXPECT_EQ(second.counters.stitched, 1u);
}

// ---- bad input ----

struct Diag {
  uint32_t line;
  std::string message;
};

std::vector<Diag> Diagnostics(const EventBatch& b) {
  std::vector<Diag> out;
  for (const Diagnostic& d : b.diagnostics) out.push_back({d.line, d.message});
  return out;
}

bool operator==(const Diag& a, const Diag& b) { return a.line == b.line && a.message == b.message; }
void PrintTo(const Diag& d, std::ostream* os) { *os << d.line << ": " << d.message; }

TEST(StraceParser, BadLinesAreDiagnosedAndParsingGoesOn) {
  std::string text =
      "19:31:04.483125 brk(NULL)               = 0x245d5000 <0.000055>\n"
      "\x7f" "ELF\x02\x01\x01 garbage \xff\xfe\n"
      "19:31:04.483941 access(\"/etc/ld.so.preload\", R_OK\n"
      "19:31:04.484000 openat(AT_FDCWD, \"/unterminated, O_RDONLY) = 3\n"
      "19:31:04.485003 close(3</etc/ld.so.cache>) = 0 <0.003595>\r\n"
      "\n"
      "19:31:04.485100 close(3</etc/ld.so.cache>)\n"
      "19:31:04.485200 close(3</etc/ld.so.cache>) = zero\n"
      "19:31:04.485300 --- SIGTERM{si_signo=SIGTERM} ---\n"
      "19:31:04.485400 +++ exited with zero +++\n"
      "28    \n"
      "19:31:04.485003 close(3</etc/ld.so.cache>) = 0 <0.0035";  // the file's cut last line
  text.insert(text.find("garbage"), std::string("\0\0", 2));
  EventBatch b = ParseText(text);
  EXPECT_EQ(Diagnostics(b), (std::vector<Diag>{
                                {2, "not a strace line"},
                                {3, "unterminated argument list"},
                                {4, "unterminated string in the arguments"},
                                {7, "no result after the argument list"},
                                {8, "unreadable return value"},
                                {9, "unreadable signal line"},
                                {10, "unreadable exit status"},
                                {11, "line has a prefix but no content"},
                            }));
  EXPECT_EQ(b.diagnostics[0].text.size(), 20u);  // the raw line, NULs included
  ASSERT_EQ(b.events.size(), 3u);
  EXPECT_EQ(Dump(b, b.events[1]), "close tid=0 op=close res=0 fd=3 str=\"/etc/ld.so.cache\"");  // CRLF
  EXPECT_EQ(b.events[1].line, 5u);
  EXPECT_EQ(Dump(b, b.events[2]), "close tid=0 op=close res=0 fd=3 str=\"/etc/ld.so.cache\"");  // cut -T
  EXPECT_EQ(b.events[2].line, 12u);
  EXPECT_EQ(b.counters.lines, 12u);
  EXPECT_EQ(b.counters.diagnostics, 8u);
}

TEST(StraceParser, DamagedCaptureHasExactlyItsDamagesReported) {
  // testdata/cases/damaged_inputs/strace_log (see its EXPECTED.md): three garbage lines
  // inserted at 1001-1003, and the file cut inside its last line, a signal line.
  EventBatch b = ParseText(Testdata("cases/damaged_inputs/strace_log"));
  EXPECT_EQ(Diagnostics(b), (std::vector<Diag>{
                                {1001, "not a strace line"},
                                {1002, "not a strace line"},
                                {1003, "not a strace line"},
                                {2061, "incomplete last line (no newline): unterminated signal line"},
                            }));
  EXPECT_EQ(b.diagnostics[3].text, "45    00:58:37.671550 --- SIGTERM {si_signo=SIGTERM, si_c");
  EXPECT_EQ(b.counters.lines, 2061u);
  EXPECT_EQ(b.counters.unfinished, 0u);
  // The lines around the garbage are ordinary calls.
  const Event* l1004 = EventAtLine(b, 1004);
  ASSERT_NE(l1004, nullptr);
  EXPECT_EQ(l1004->op, Op::kOpen);
  EXPECT_TRUE(b.strings.View(l1004->str).ends_with("/html/__pycache__/entities.cpython-311.pyc"));
  // A cut exit line is incomplete, not an exit.
  EventBatch cut = ParseText("45    00:58:37.671550 +++ killed by SIGTERM");
  EXPECT_EQ(Diagnostics(cut), (std::vector<Diag>{{1, "incomplete last line (no newline): unterminated exit line"}}));
  EXPECT_TRUE(cut.events.empty());
}

TEST(StraceParser, OversizedLineIsReportedUnread) {
  std::string huge = "19:31:04.869120 write(21<TCP:[127.0.0.1:3001->127.0.0.1:56814]>, \"";
  huge.append(10 << 20, 'x');
  huge.append("\", 10485760) = 10485760\n");
  std::string text = "19:31:04.483125 brk(NULL) = 0x245d5000\n" + huge + "19:31:04.900000 close(21) = 0\n";
  EventBatch b = ParseText(text);
  EXPECT_EQ(Diagnostics(b), (std::vector<Diag>{{2, "line longer than 1048576 bytes"}}));
  EXPECT_EQ(b.diagnostics[0].text.size(), kMaxDiagnosticText);
  ASSERT_EQ(b.events.size(), 2u);
  EXPECT_EQ(b.events[1].line, 3u);
  EXPECT_EQ(b.strings.MemoryBytes() < (1u << 20), true);
}

TEST(StraceParser, HostileLinesStayLinear) {
  // 300 000 '<' that each look like the start of an fd annotation: one scan, one diagnostic.
  std::string opens = "ioctl(";
  for (int i = 0; i < 300000; ++i) opens += "1<";
  // 50 000 resumed halves of unknown threads after 50 000 pending calls.
  std::string halves;
  for (int i = 0; i < 50000; ++i) halves += std::to_string(1000 + i) + "  read(3,  <unfinished ...>\n";
  for (int i = 0; i < 50000; ++i) halves += "<... write resumed>) = 1\n";
  EventBatch a = ParseText(opens + ") = 0\n");
  EXPECT_EQ(Diagnostics(a), (std::vector<Diag>{{1, "unterminated fd annotation in the arguments"}}));
  EventBatch b = ParseText(halves);
  EXPECT_EQ(b.counters.unfinished, 50000u);
  EXPECT_EQ(b.fragments.size(), 100000u);
  EXPECT_EQ(b.counters.diagnostics, 0u);
}

TEST(StraceParser, DiagnosticsAreCappedButCounted) {
  std::string text;
  for (int i = 0; i < 1000; ++i) text += "\xff\xfe not strace\n";
  EventBatch b = ParseText(text);
  EXPECT_EQ(b.diagnostics.size(), kMaxDiagnosticsPerBatch);
  EXPECT_EQ(b.counters.diagnostics, 1000u);
  EXPECT_TRUE(b.events.empty());
}

// ---- whole captures ----

TEST(StraceParser, SampleCapturesParseWithoutDiagnostics) {
  struct File {
    const char* path;
    int32_t tid;
    uint64_t lines, syscalls, errors, signals, exits;
  };
  static const File kFiles[] = {
      // Independently: `wc -l`, `grep -c '= -1 E'`, `grep -c -- '--- SIG'`, `grep -c '+++'`;
      // syscalls = lines - signals - exits (- resumed halves in p2).
      {"p1_chat_clean_ff/strace_log.28", 28, 1001, 999, 52, 1, 1},
      {"p2_chat_clean_single/strace_log", 0, 1374, 1179, 59, 1, 11},
      {"p3_missing_module/strace_log.28", 28, 582, 581, 43, 0, 1},
      {"p4_shell_spawn/strace_log.28", 28, 1044, 1041, 52, 2, 1},
      {"p4_shell_spawn/strace_log.91", 91, 112, 109, 9, 2, 1},
  };
  for (const File& f : kFiles) {
    SCOPED_TRACE(f.path);
    EventBatch b = ParseText(Testdata(f.path), f.tid);
    EXPECT_EQ(b.counters.diagnostics, 0u) << (b.diagnostics.empty() ? "" : b.diagnostics[0].message + ": " + b.diagnostics[0].text);
    EXPECT_EQ(b.counters.lines, f.lines);
    EXPECT_EQ(b.counters.syscalls, f.syscalls);
    EXPECT_EQ(b.counters.errors, f.errors);
    EXPECT_EQ(b.counters.signals, f.signals);
    EXPECT_EQ(b.counters.exits, f.exits);
    EXPECT_EQ(b.counters.unfinished, 0u);
    EXPECT_EQ(b.counters.events, b.events.size());
    EXPECT_TRUE(b.fragments.empty());
  }
}

TEST(StraceParser, EveryCapturedFormatParsesWithoutDiagnostics) {
  for (const char* f : {"X_raw.txt", "X_verbose.txt", "e_raw.txt", "f_X_verbose_signal.txt", "f_i_terminal.txt", "f_k.txt", "f_r_T.txt", "f_r_T_resumed.txt", "f_tt_T_y_i_n.txt", "i_n.txt", "f_tt_Y.txt", "f_tt_Y_terminal.txt", "f_e_read_write.txt", "f_tt_T_z.txt", "f_unix_s.txt", "ff_unix_s.txt",
                        "f_tt_T_y_sh.txt", "f_tt_T_yy_net.txt", "f_tt_T_yy_ops.txt", "f_tt_setpriv.txt",
                        "f_tt_vfork_killed.txt", "f_tt_xx.txt", "f_tt_y_at.txt", "f_tt_y_fexecve.txt",
                        "f_tt_yy_accept_split.txt", "f_tt_yy_msg.txt", "f_yy_odd_paths.txt", "k.txt", "killed.txt",
                        "p_tt_detached.txt", "p_tt_stop_kill.txt", "pid_bracket.txt", "r_T.txt", "s8_and_v.txt", "t.txt",
                        "tt_ptrace.txt", "ttt_ns.txt", "x.txt"}) {
    SCOPED_TRACE(f);
    std::string text = Testdata(std::string("formats/strace/") + f);
    ASSERT_FALSE(text.empty());
    EventBatch b = ParseText(text);
    EXPECT_EQ(b.counters.diagnostics, 0u) << (b.diagnostics.empty() ? "" : b.diagnostics[0].message + ": " + b.diagnostics[0].text);
    EXPECT_GT(b.events.size(), 0u);
  }
}

}  // namespace
}  // namespace rundown
