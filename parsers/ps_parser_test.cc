// PsParser on real procps-ng 4.0.2 output: testdata/p*/ps.txt (the shared captures) and
// testdata/formats/ps/<flags>.txt (captured by testdata/formats/capture_snapshots.sh in a
// private pid namespace: pid 1 the script, python3 pid 7 with its child pid 60, node pid 8
// as nobody with 7 threads).
#include "parsers/ps_parser.h"

#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "parsers/parser_test_util.h"

namespace rundown {
namespace {

using parser_test::Testdata;

struct Parsed : parser_test::Parsed {
  std::string_view cmd(size_t i) const { return str(ev(i).str); }
  std::string_view user(size_t i) const { return str(detail(i).str2); }
  std::string_view start(size_t i) const { return str(detail(i).str3); }
};

Parsed Parse(std::string_view text) { return parser_test::Parse<Parsed>(PsParser(), text); }

TEST(PsParser, AuxOfTheSharedCapture) {
  Parsed p = Parse(Testdata("p1_chat_clean_ff/ps.txt"));
  ASSERT_EQ(p.batch.events.size(), 6u);
  EXPECT_TRUE(p.batch.diagnostics.empty());
  EXPECT_EQ(p.batch.counters.annotations, 1u);
  // auditor       28  4.0  0.1 827504 45132 ?        Sl   19:31   0:00 node app.js
  EXPECT_EQ(p.ev(3).type, EventType::kProcessRow);
  EXPECT_EQ(p.ev(3).tid, 28);
  EXPECT_EQ(p.ev(3).line, 5u);
  EXPECT_EQ(p.cmd(3), "node app.js");
  EXPECT_EQ(p.name(3), "node");
  EXPECT_EQ(p.user(3), "auditor");
  EXPECT_EQ(p.start(3), "19:31");
  EXPECT_EQ(p.detail(3).a, -1);  // aux has no PPID
  EXPECT_EQ(p.detail(3).b, -1);
  EXPECT_EQ(p.detail(3).c, 0);
  EXPECT_EQ(p.cmd(4), "node /opt/harness/chat-client.js --users alice,bob --rounds 2 --hold 3000");
  EXPECT_EQ(p.cmd(0), "/bin/bash /opt/harness/entrypoint.sh");
  EXPECT_EQ(p.name(0), "bash");
  EXPECT_EQ(p.user(0), "root");
}

// Kernel threads have no memory: VSZ, RSS and SZ read 0. testdata/formats/ps/kthread_*.txt
// (testdata/harness/apps/kernel_thread_lookalikes.py, ps run on the host, outside a pid
// namespace): kthreadd (2), a real kernel thread (3), a process started as "[kworker/0:1H]"
// (memory: not one), and a zombie that renamed itself "kworker/1:2" (0 memory, but STAT Z and
// "<defunct>": not one either). Without a memory column nothing is claimed.
TEST(PsParser, KernelThreadsAreTheRowsWithoutMemory) {
  struct Case {
    const char* file;
    std::vector<int32_t> pids;
    std::vector<bool> kernel;
  };
  const Case cases[] = {
      {"formats/ps/kthread_u.txt", {2, 3, 2722, 2723}, {true, true, false, false}},
      {"formats/ps/kthread_o_vsz_stat.txt", {2, 3, 2722, 2723}, {true, true, false, false}},
      {"formats/ps/kthread_o_noppid.txt", {2, 3, 2722, 2723}, {true, true, false, false}},  // "<defunct>"
      {"formats/ps/kthread_ly.txt", {2, 3, 2722, 2723}, {true, true, false, false}},
      {"formats/ps/ef.txt", {}, {}},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.file);
    Parsed p = Parse(Testdata(c.file));
    EXPECT_TRUE(p.batch.diagnostics.empty());
    std::vector<int32_t> pids;
    std::vector<bool> kernel;
    for (size_t i = 0; i < p.batch.events.size(); ++i) {
      if (c.pids.empty()) {
        EXPECT_EQ(p.detail(i).flags & kPsKernelThread, 0u) << i;  // -ef has no memory column
        continue;
      }
      pids.push_back(p.ev(i).tid);
      kernel.push_back((p.detail(i).flags & kPsKernelThread) != 0);
    }
    EXPECT_EQ(pids, c.pids);
    EXPECT_EQ(kernel, c.kernel);
  }
}

TEST(PsParser, EfLosesArgumentQuoting) {
  Parsed p = Parse(Testdata("p2_chat_clean_single/ps.txt"));
  ASSERT_EQ(p.batch.events.size(), 6u);
  EXPECT_EQ(p.ev(1).tid, 16);
  EXPECT_EQ(p.detail(1).a, 1);
  EXPECT_EQ(p.user(1), "root");  // -ef's UID column holds names
  EXPECT_EQ(p.cmd(1), "inotifywait -m -r --timefmt %F %T --format %T %w%f %e /home/auditor");
  EXPECT_EQ(p.ev(3).tid, 28);
  EXPECT_EQ(p.detail(3).a, 23);
  EXPECT_EQ(p.start(3), "19:31");
}

TEST(PsParser, EjhIndentationIsTreeDepth) {
  Parsed p = Parse(Testdata("p3_missing_module/ps.txt"));
  ASSERT_EQ(p.batch.events.size(), 4u);
  EXPECT_EQ(p.cmd(0), "entrypoint.sh");
  EXPECT_EQ(p.detail(0).c, 0);
  EXPECT_EQ(p.cmd(2), "node");
  EXPECT_EQ(p.ev(2).tid, 47);
  EXPECT_EQ(p.detail(2).c, 1);
  EXPECT_EQ(p.user(2), "");
  EXPECT_EQ(p.detail(2).a, -1);

  Parsed q = Parse(Testdata("formats/ps/ejH.txt"));
  ASSERT_EQ(q.batch.events.size(), 5u);
  EXPECT_EQ(q.ev(2).tid, 60);
  EXPECT_EQ(q.cmd(2), "python3");
  EXPECT_EQ(q.detail(2).c, 2);
}

TEST(PsParser, ForestArtIsStripped) {
  for (const char* file : {"formats/ps/axjf.txt", "formats/ps/auxf.txt", "formats/ps/ef_forest.txt"}) {
    Parsed p = Parse(Testdata(file));
    ASSERT_EQ(p.batch.events.size(), 5u) << file;
    EXPECT_TRUE(p.batch.diagnostics.empty()) << file;
    EXPECT_EQ(p.ev(2).tid, 60) << file;
    EXPECT_EQ(p.cmd(2), "/root/.pyenv/versions/3.11.7/bin/python3 /tmp/rd_servers.py") << file;
    EXPECT_EQ(p.name(2), "python3") << file;
    EXPECT_EQ(p.detail(2).c, 1) << file;
    EXPECT_EQ(p.detail(1).c, 0) << file;
  }
  Parsed p = Parse(Testdata("formats/ps/axjf.txt"));
  EXPECT_EQ(p.detail(2).a, 7);
  EXPECT_EQ(p.user(3), "65534");  // axjf has a numeric UID column only
  // Deeper levels: each adds four columns of art.
  Parsed d = Parse(
      "  PID COMMAND\n"
      "    1 init\n"
      "    2  \\_ sh\n"
      "    3  |   \\_ node app.js\n"
      "    4      \\_ sleep 1\n");
  ASSERT_EQ(d.batch.events.size(), 4u);
  EXPECT_EQ(d.cmd(2), "node app.js");
  EXPECT_EQ(d.detail(2).c, 2);
  EXPECT_EQ(d.detail(3).c, 2);
}

TEST(PsParser, ThreadRowsFoldIntoTheirProcess) {
  Parsed p = Parse(Testdata("formats/ps/eLf.txt"));
  ASSERT_EQ(p.batch.events.size(), 5u);
  EXPECT_EQ(p.batch.counters.annotations, 7u);  // header + 6 extra thread rows of node
  EXPECT_EQ(p.ev(2).tid, 8);
  EXPECT_EQ(p.detail(2).b, 7);
  EXPECT_EQ(p.user(2), "nobody");
  EXPECT_EQ(p.name(2), "node");
  EXPECT_EQ(p.detail(0).b, 1);

  // Without NLWP the thread rows are counted.
  Parsed q = Parse(
      "  PID   LWP CMD\n"
      "    8     8 node\n"
      "    8    19 node\n"
      "    8    21 node\n"
      "    9     9 sh\n");
  ASSERT_EQ(q.batch.events.size(), 2u);
  EXPECT_EQ(q.detail(0).b, 3);
  EXPECT_EQ(q.detail(1).b, 1);
}

// formats/ps/*_renamed_thread.txt (capture_renamed_thread.sh): python3 pid 5 with threads 7,
// renamed "kworker/0:2H" through /proc, and 8. The renamed thread is a thread row of pid 5
// (name from the comm column, or from CMD where -L without f prints thread names); the
// thread that kept its name and -eLf's shared argv make none.
TEST(PsParser, RenamedThreadIsAThreadRowOfItsProcess) {
  for (const char* f : {"formats/ps/eL_renamed_thread.txt", "formats/ps/eLo_renamed_thread.txt",
                        "formats/ps/T_renamed_thread.txt"}) {
    SCOPED_TRACE(f);
    Parsed p = Parse(Testdata(f));
    EXPECT_TRUE(p.batch.diagnostics.empty());
    ASSERT_EQ(p.batch.events.size(), 4u);
    EXPECT_EQ(p.lines(), (std::vector<uint32_t>{2, 3, 4, 6}));
    EXPECT_EQ(p.ev(1).tid, 5);
    EXPECT_EQ(p.name(1), "python3");
    EXPECT_EQ(p.detail(1).flags & kPsThreadRow, 0u);
    EXPECT_EQ(p.ev(2).type, EventType::kProcessRow);
    EXPECT_EQ(p.ev(2).tid, 5);
    EXPECT_EQ(p.name(2), "kworker/0:2H");
    EXPECT_EQ(p.cmd(2), p.cmd(1));
    EXPECT_EQ(p.detail(2).flags & kPsThreadRow, static_cast<uint32_t>(kPsThreadRow));
    EXPECT_EQ(p.detail(2).b, 7);  // the thread's id
    EXPECT_EQ(p.batch.counters.annotations, 3u);  // the header, threads 7 and 8
  }
  Parsed f = Parse(Testdata("formats/ps/eLf_renamed_thread.txt"));
  ASSERT_EQ(f.batch.events.size(), 3u);
  EXPECT_EQ(f.detail(1).b, 3);  // NLWP
  for (size_t i = 0; i < f.batch.events.size(); ++i) EXPECT_EQ(f.detail(i).flags & kPsThreadRow, 0u);
}

// ps -m lists each process's threads under it with "-" in the process's columns
// (formats/ps/m_*.txt: bash pid 1, python3 pid 2 with 4 threads, ps): each thread row was
// "column value does not fit the header". They are annotations that count the threads when
// there is no NLWP column.
TEST(PsParser, ThreadRowsOfPsMCountIntoTheProcessAbove) {
  for (const char* f : {"formats/ps/m_axm.txt", "formats/ps/m_efm.txt", "formats/ps/m_em_o_lwp_nlwp.txt",
                        "formats/ps/m_emo_lwp.txt"}) {
    SCOPED_TRACE(f);
    Parsed p = Parse(Testdata(f));
    EXPECT_TRUE(p.batch.diagnostics.empty());
    ASSERT_EQ(p.batch.events.size(), 3u);
    EXPECT_EQ(p.lines(), (std::vector<uint32_t>{2, 4, 9}));
    EXPECT_EQ(p.batch.counters.annotations, 7u);  // the header, 6 thread rows
    EXPECT_EQ(p.ev(1).tid, 2);
    EXPECT_EQ(p.name(1), "python3");
    EXPECT_TRUE(p.cmd(1).starts_with("/root/.pyenv/versions/3.11.7/bin/python3 -c  import threading"));
    EXPECT_EQ(p.detail(0).b, 1);
    EXPECT_EQ(p.detail(1).b, 4);
    EXPECT_EQ(p.detail(2).b, 1);
  }
  EXPECT_EQ(Parse(Testdata("formats/ps/m_efm.txt")).detail(1).a, 1);  // PPID of the process row
  Parsed orphan = Parse("    PID TTY      STAT   TIME COMMAND\n      - -        S      0:00 -\n");
  ASSERT_EQ(orphan.batch.diagnostics.size(), 1u);
  EXPECT_EQ(orphan.batch.diagnostics[0].line, 2u);
  EXPECT_EQ(orphan.batch.diagnostics[0].message, "thread row (ps -m) with no process row above it");
}

TEST(PsParser, CustomColumnsWithCommInTheMiddle) {
  // ps -eo pid,ppid,user,uid,comm,lwp,nlwp,stat,start,etime,args: two COMMAND columns.
  Parsed p = Parse(Testdata("formats/ps/eo_many.txt"));
  ASSERT_EQ(p.batch.events.size(), 5u);
  EXPECT_TRUE(p.batch.diagnostics.empty());
  EXPECT_EQ(p.ev(0).tid, 1);
  EXPECT_EQ(p.name(0), "capture_snapsho");  // comm, truncated to 15 by the kernel
  EXPECT_EQ(p.cmd(0), "/bin/bash ./capture_snapshots.sh --inside");
  EXPECT_EQ(p.user(2), "nobody");
  EXPECT_EQ(p.detail(2).b, 7);
  EXPECT_EQ(p.start(2), "00:39:53");
  EXPECT_EQ(p.cmd(4), "ps -eo pid,ppid,user,uid,comm,lwp,nlwp,stat,start,etime,args");
}

// A comm with a space before the args column (capture in a private pid namespace: the copy of
// sleep at "/tmp/f2/睡眠 prog", comm "睡眠 prog", each CJK character two terminal columns
// wide). Before, the comm was its first word and the rest joined the command line: name
// "睡眠", command "prog       /tmp/f2/睡眠 prog 60".
TEST(PsParser, NameWithASpaceBeforeTheCommand) {
  for (const char* file : {"formats/ps/e_sort_pcpu_o_comm_args.txt", "formats/ps/eo_comm30_args.txt",
                           "formats/ps/eTo_spid_comm_args.txt"}) {
    SCOPED_TRACE(file);
    Parsed p = Parse(Testdata(file));
    EXPECT_TRUE(p.batch.diagnostics.empty());
    ASSERT_EQ(p.batch.events.size(), 9u);  // -T's thread rows fold into their process
    size_t sleeper = 0;
    for (size_t i = 0; i < p.batch.events.size(); ++i)
      if (p.ev(i).tid == 7) sleeper = i;
    EXPECT_EQ(p.name(sleeper), "睡眠 prog");
    EXPECT_EQ(p.cmd(sleeper), "/tmp/f2/睡眠 prog 60");
    for (size_t i = 0; i < p.batch.events.size(); ++i) EXPECT_EQ(p.cmd(i).find("  "), std::string_view::npos) << p.cmd(i);
  }
  // A row that does not line up with the header (the command does not start where its
  // header does) keeps the one-word reading.
  Parsed w = Parse("    PID COMMAND         COMMAND\n12345678 Web Content     /usr/lib/firefox/firefox -contentproc\n");
  ASSERT_EQ(w.batch.events.size(), 1u);
  EXPECT_EQ(w.name(0), "Web");
  // ps -eLo pid,lwp,comm,args: python3's thread named "GC Thread#0" with prctl(PR_SET_NAME)
  // is a thread row of pid 2 with that name (before: name "GC", command "Thread#0  ...").
  Parsed t = Parse(Testdata("formats/ps/eLo_comm_args_thread_name_space.txt"));
  EXPECT_TRUE(t.batch.diagnostics.empty());
  ASSERT_EQ(t.batch.events.size(), 4u);
  EXPECT_EQ(t.ev(2).line, 4u);
  EXPECT_EQ(t.ev(2).tid, 2);
  EXPECT_EQ(t.name(2), "GC Thread#0");
  EXPECT_TRUE(t.detail(2).flags & kPsThreadRow);
  EXPECT_EQ(t.cmd(2), t.cmd(1));
  EXPECT_TRUE(t.cmd(1).starts_with("/usr/bin/python3 -c  import ctypes")) << t.cmd(1);
}

TEST(PsParser, LstartTakesFiveTokens) {
  Parsed p = Parse(Testdata("formats/ps/eo_lstart.txt"));
  ASSERT_EQ(p.batch.events.size(), 5u);
  EXPECT_EQ(p.start(0), "Mon Nov 23 00:39:53 2026");
  EXPECT_EQ(p.cmd(0), "/bin/bash ./capture_snapshots.sh --inside");
}

TEST(PsParser, ShortCustomListings) {
  Parsed p = Parse(Testdata("formats/ps/o_pid_comm.txt"));
  ASSERT_EQ(p.batch.events.size(), 4u);
  EXPECT_EQ(p.ev(3).tid, 90);
  EXPECT_EQ(p.cmd(3), "ps");
  Parsed q = Parse(Testdata("formats/ps/eo_pid_ppid_user_args.txt"));
  ASSERT_EQ(q.batch.events.size(), 5u);
  EXPECT_EQ(q.cmd(2),
            "node -e require('http').createServer(()=>{}).listen(8080, '127.0.0.1'); setInterval(()=>{}, 1000)");
  EXPECT_EQ(q.detail(2).a, 1);
  // The command column in the middle is one token; the last column is not a command.
  Parsed r = Parse("COMMAND           PID\nnode               28\n");
  ASSERT_EQ(r.batch.events.size(), 1u);
  EXPECT_EQ(r.cmd(0), "node");
  EXPECT_EQ(r.ev(0).tid, 28);
}

// ps -eo args,pid,ppid: the command column comes first, cut or padded to the header's width,
// with spaces inside; the one-word columns after it are read from the end of the row
// (formats/ps/eo_args_pid_ppid.txt, eo_comm_pid_ppid_user.txt, captured here with a
// "sleep 1234" running as pid 25261).
TEST(PsParser, CommandColumnBeforeOthers) {
  Parsed p = Parse(Testdata("formats/ps/eo_args_pid_ppid.txt"));
  EXPECT_TRUE(p.batch.diagnostics.empty());
  ASSERT_EQ(p.batch.events.size(), 69u);
  EXPECT_EQ(p.cmd(0), "/process_api --firecracker-");  // ps cut it at the header's width
  EXPECT_EQ(p.ev(0).tid, 1);
  EXPECT_EQ(p.detail(0).a, 0);
  EXPECT_EQ(p.ev(65).line, 67u);
  EXPECT_EQ(p.cmd(65), "sleep 1234");
  EXPECT_EQ(p.name(65), "sleep");
  EXPECT_EQ(p.ev(65).tid, 25261);
  EXPECT_EQ(p.detail(65).a, 25260);
  Parsed q = Parse(Testdata("formats/ps/eo_comm_pid_ppid_user.txt"));
  EXPECT_TRUE(q.batch.diagnostics.empty());
  ASSERT_EQ(q.batch.events.size(), 69u);
  EXPECT_EQ(q.cmd(65), "sleep");
  EXPECT_EQ(q.ev(65).tid, 25261);
  EXPECT_EQ(q.detail(65).a, 25260);
  EXPECT_EQ(q.user(65), "root");
}

// Without a header the columns cannot be named: every row is reported, none guessed
// (ps -eo pid,ppid,cmd --no-headers, formats/ps/eo_no_headers.txt).
// BusyBox 1.35 ps (formats/ps/busybox_*.txt, capture_formats4.sh): "{comm} argv" when the
// process's name is not its argv[0]'s. Python renamed "kworker/0:1" by prctl(PR_SET_NAME) read
// as name "{kworker/0:1}", so no rule saw the kernel-thread look-alike that procps's
// "ps -o comm" shows.
TEST(PsParser, BusyboxBraceNameIsTheComm) {
  Parsed p = Parse(Testdata("formats/ps/busybox_ps_renamed.txt"));
  EXPECT_TRUE(p.batch.diagnostics.empty());
  ASSERT_EQ(p.batch.events.size(), 3u);
  // "    1 root     {inside2.sh} /bin/bash ./inside2.sh"
  EXPECT_EQ(p.ev(0).tid, 1);
  EXPECT_EQ(p.name(0), "inside2.sh");
  EXPECT_EQ(p.cmd(0), "/bin/bash ./inside2.sh");
  EXPECT_EQ(p.user(0), "root");
  EXPECT_EQ(p.ev(1).tid, 2);
  EXPECT_EQ(p.name(1), "kworker/0:1");
  EXPECT_EQ(p.cmd(1), "/root/.pyenv/versions/3.11.7/bin/python3 -c import ctypes,time "
                      "ctypes.CDLL(\"libc.so.6\").prctl(15, b\"kworker/0:1\", 0, 0, 0); time.sleep(30)");
  EXPECT_EQ(p.detail(1).a, -1);  // no PPID column
  EXPECT_EQ(p.name(2), "busybox");  // "busybox ps": no braces
  Parsed o = Parse(Testdata("formats/ps/busybox_ps_o_renamed.txt"));
  EXPECT_TRUE(o.batch.diagnostics.empty());
  ASSERT_EQ(o.batch.events.size(), 3u);
  EXPECT_EQ(o.name(1), "kworker/0:1");
  EXPECT_EQ(o.detail(1).a, 1);
  EXPECT_TRUE(o.cmd(1).starts_with("/root/.pyenv/versions/3.11.7/bin/python3 -c "));
  // busybox ps -T: a thread's row is its tid with the process's argv, and nothing tells it
  // from a process: threads 47 and 48 of python3 pid 2 read as processes.
  Parsed t = Parse(Testdata("formats/ps/busybox_ps_T.txt"));
  EXPECT_TRUE(t.batch.diagnostics.empty());
  ASSERT_EQ(t.batch.events.size(), 8u);
  EXPECT_EQ(t.name(0), "inside.sh");
  EXPECT_EQ(t.ev(2).tid, 47);
  EXPECT_EQ(t.cmd(2), t.cmd(1));
}

TEST(PsParser, HeaderlessListingIsReportedNotGuessed) {
  Parsed p = Parse(Testdata("formats/ps/eo_no_headers.txt"));
  EXPECT_TRUE(p.batch.events.empty());
  EXPECT_EQ(p.batch.counters.diagnostics, 69u);
  EXPECT_EQ(p.batch.diagnostics[0].line, 1u);
}

TEST(PsParser, BadRowsAreDiagnosticsNamingTheLine) {
  Parsed p = Parse(
      "garbage before the header\n"
      "USER         PID %CPU %MEM    VSZ   RSS TTY      STAT START   TIME COMMAND\n"
      "root           1  3.4  0.0   4492  3128 ?        Ss   19:31   0:00 /bin/bash\n"
      "root         abc  3.4  0.0   4492  3128 ?        Ss   19:31   0:00 /bin/bash\n"
      "root           2  3.4\n"
      "root           3  3.4  0.0   4492  3128 ?        Ss   19:31   0:00\n");
  ASSERT_EQ(p.batch.events.size(), 1u);
  ASSERT_EQ(p.batch.diagnostics.size(), 4u);
  EXPECT_EQ(p.batch.diagnostics[0].line, 1u);
  EXPECT_EQ(p.batch.diagnostics[0].message,
            "no ps header (PID ... COMMAND) before this row (ps --no-headers or -o col= output: its columns cannot be named)");
  EXPECT_EQ(p.batch.diagnostics[1].line, 4u);
  EXPECT_EQ(p.batch.diagnostics[1].message, "column value does not fit the header");
  EXPECT_EQ(p.batch.diagnostics[2].message, "row has fewer columns than the header");
  EXPECT_EQ(p.batch.diagnostics[3].message, "row ends before the command column");
  EXPECT_EQ(p.batch.counters.lines, 6u);

  Parsed q = Parse("  PID  PPID\n    1     0    7\n");
  ASSERT_EQ(q.batch.diagnostics.size(), 1u);
  EXPECT_EQ(q.batch.diagnostics[0].message, "row has more columns than the header");
}

TEST(PsParser, CrlfLineEndingsAreOneDiagnostic) {
  // testdata/cases/damaged_inputs/ps.txt: every line ends in "\r\n".
  Parsed p = Parse(Testdata("cases/damaged_inputs/ps.txt"));
  ASSERT_EQ(p.batch.events.size(), 7u);
  ASSERT_EQ(p.batch.diagnostics.size(), 1u);
  EXPECT_EQ(p.batch.diagnostics[0].line, 1u);
  EXPECT_EQ(p.batch.diagnostics[0].message, "CRLF line endings (first at this line); the '\\r' is dropped");
  EXPECT_EQ(p.cmd(3), "python3 -S server.py");
  for (size_t i = 0; i < p.batch.events.size(); ++i) EXPECT_EQ(p.cmd(i).find('\r'), std::string_view::npos);
}

// `{ date -u; ps -ef; echo "--- $(date '+%F %T') ---"; ps -ef; }` (capture_snapshots.sh).
TEST(PsParser, DateLinesBetweenSnapshotsAreStamps) {
  Parsed p = Parse(Testdata("formats/ps/date_loop.txt"));
  EXPECT_TRUE(p.batch.diagnostics.empty());
  EXPECT_EQ(p.batch.counters.annotations, 4u);  // 2 dates, 2 headers
  EXPECT_EQ(p.lines(), (std::vector<uint32_t>{3, 4, 5, 8, 9, 10}));
  // root          60       1  0 00:23 ?        00:00:00 ps -ef
  EXPECT_EQ(p.ev(5).tid, 60);
  EXPECT_EQ(p.detail(5).a, 1);
  EXPECT_EQ(p.name(5), "ps");
}

// top -b (procps-ng 4.0.2), the commands of capture_snapshots.sh run in a private pid
// namespace that held only bash (pid 1), node as nobody with a worker thread (pid 2) and top.
TEST(PsParser, TopBatchOutputIsReadLikePs) {
  // Two iterations (-n 2): the summary area and the header repeat; no diagnostics.
  Parsed p = Parse(Testdata("formats/ps/top_b_n2.txt"));
  EXPECT_TRUE(p.batch.diagnostics.empty());
  EXPECT_EQ(p.batch.counters.annotations, 12u);  // 2 x (5 summary lines + header)
  EXPECT_EQ(p.lines(), (std::vector<uint32_t>{8, 9, 10, 19, 20, 21}));
  //       2 nobody    20   0 1593372  52404  37840 S   0.0   0.2   0:00.11 node
  EXPECT_EQ(p.ev(1).tid, 2);
  EXPECT_EQ(p.user(1), "nobody");
  EXPECT_EQ(p.cmd(1), "node");
  EXPECT_EQ(p.ev(4).tid, 2);
  // top cuts COMMAND at 80 columns and marks it with '+'; the mark stays (it may be the
  // name: "g++").
  EXPECT_EQ(p.cmd(0), "cap_top+");

  // -c -w 200: the whole command line.
  Parsed c = Parse(Testdata("formats/ps/top_b_c_w200.txt"));
  EXPECT_TRUE(c.batch.diagnostics.empty());
  ASSERT_EQ(c.batch.events.size(), 3u);
  EXPECT_EQ(c.cmd(2), "top -b -c -w 200 -n 1");
  EXPECT_EQ(c.name(2), "top");
  EXPECT_EQ(c.ev(1).tid, 2);
  EXPECT_EQ(c.name(1), "node");

  // -H: rows are threads under their tids (node's worker is tid 4..8 here), not processes.
  Parsed h = Parse(Testdata("formats/ps/top_b_H.txt"));
  EXPECT_TRUE(h.batch.events.empty());
  ASSERT_EQ(h.batch.diagnostics.size(), 1u);
  EXPECT_EQ(h.batch.diagnostics[0].line, 2u);
  EXPECT_EQ(h.batch.diagnostics[0].message, "top -H lists threads, not processes: its rows are not read as processes");
  EXPECT_EQ(h.batch.counters.annotations, 16u);  // 5 summary lines, header, 10 thread rows
}

// The CPU columns (testdata/formats/capture_cpu.sh, a private pid namespace on a loaded host:
// chatd pid 10 with 2 spinning threads, chatd pid 11 with 8, an idle sleep 60 pid 14, gzip -1
// pid 16 fed by head pid 15). Event::result is the share of one core in tenths of a percent,
// Event::fd the CPU time in seconds, -1 when the listing has no such column.
TEST(PsParser, CpuColumnsAreTheRowsShareAndTime) {
  struct Case {
    const char* file;
    int32_t pcpu, cpu_s;  // of chatd with 8 threads (pid 11)
    int32_t idle_pcpu;    // of sleep 60 (pid 14)
  };
  const Case cases[] = {
      // root          11 31.3  0.0  68044  1564 ?        Sl   22:32   0:01 /tmp/rd_chatd 7072 8
      {"formats/ps/cpu_aux.txt", 313, 1, 0},
      // root          11       1 32 22:32 ?        00:00:01 /tmp/rd_chatd 7072 8   (C: whole percent)
      {"formats/ps/cpu_ef.txt", 320, 1, 0},
      //      11       1 32.0 00:00:01       5 /tmp/rd_chatd 7072 8
      {"formats/ps/cpu_eo_pcpu_time_etimes.txt", 320, 1, 0},
      //      11 00:00:02       00:06 rd_chatd        /tmp/rd_chatd 7072 8   (no %CPU: 2 s over 6 s)
      {"formats/ps/cpu_eo_cputime_etime.txt", 333, 2, 0},
      // -L: the leader's row, first, holds the process's totals (its 8 threads: 3.6 to 4.2 each)
      //      11      11 32.1 00:00:02 rd_chatd        /tmp/rd_chatd 7072 8
      {"formats/ps/cpu_eLo_pcpu.txt", 321, 2, 0},
      //      11 root      20   0   68044   1564   1396 S  36.8   0.0   0:02.40 rd_chatd
      {"formats/ps/top_b_cpu.txt", 368, 2, 0},
      //    11     1 root     S    68044   0%  24% /tmp/rd_chatd 7072 8   (no time column)
      {"formats/ps/busybox_top_cpu.txt", 240, -1, 0},
      // PID   USER     COMMAND: nothing about the CPU
      {"formats/ps/busybox_cpu.txt", -1, -1, -1},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.file);
    Parsed p = Parse(Testdata(c.file));
    EXPECT_TRUE(p.batch.diagnostics.empty());
    int busy = 0, idle = 0;
    for (size_t i = 0; i < p.batch.events.size(); ++i) {
      if (p.ev(i).tid == 11) {
        ++busy;
        EXPECT_EQ(p.ev(i).result, c.pcpu);
        EXPECT_EQ(p.ev(i).fd, c.cpu_s);
      }
      if (p.ev(i).tid == 14) {
        ++idle;
        EXPECT_EQ(p.ev(i).result, c.idle_pcpu);
      }
    }
    EXPECT_EQ(busy, 1);
    EXPECT_EQ(idle, 1);
  }
}

// ps's span formats, read as whole seconds.
TEST(PsParser, ElapsedAndTimeSpansInEveryFormat) {
  const std::string text =
      "    PID     TIME     ELAPSED CMD\n"
      "      2 1-02:03:04 3-00:00:00 a\n"  // [DD-]HH:MM:SS: CPU 93784 s over 259200 s
      "      3 0:02.99    10          b\n"  // top's M:SS.hh, etimes' seconds
      "      4 -          -           c\n";  // unreadable: unknown, no diagnostic
  Parsed p = Parse(text);
  EXPECT_TRUE(p.batch.diagnostics.empty());
  ASSERT_EQ(p.batch.events.size(), 3u);
  EXPECT_EQ(p.ev(0).fd, 93784);
  EXPECT_EQ(p.ev(0).result, 361);  // 93784 * 1000 / 259200
  EXPECT_EQ(p.ev(1).fd, 2);
  EXPECT_EQ(p.ev(1).result, 200);
  EXPECT_EQ(p.ev(2).fd, -1);
  EXPECT_EQ(p.ev(2).result, -1);
}

// `ps -eo pid=PID,ppid=PARENT,user=OWNER,args=CMDLINE` renames the headers; the usual new
// names still say which column is which (captured in a private pid namespace: sh, its fork
// about to run sleep, and ps).
TEST(PsParser, RenamedHeadersAreRead) {
  Parsed p = Parse(Testdata("formats/ps/eo_renamed_headers.txt"));
  EXPECT_TRUE(p.batch.diagnostics.empty());
  EXPECT_EQ(p.lines(), (std::vector<uint32_t>{2, 3, 4}));
  EXPECT_EQ(p.ev(2).tid, 3);
  EXPECT_EQ(p.detail(2).a, 1);
  EXPECT_EQ(p.user(2), "root");
  EXPECT_EQ(p.cmd(2), "ps -eo pid=PID,ppid=PARENT,user=OWNER,args=CMDLINE");
  EXPECT_EQ(p.name(2), "ps");
  EXPECT_EQ(p.detail(0).a, 0);
}

// ps refusing its options, stderr captured into ps.txt (formats/ps/eo_bad_format.txt:
// procps `ps -eo pid,foo`, busybox_ps_o_bad_argument.txt: BusyBox `ps -o pid,time,args`,
// capture_formats6.sh). Before: every line of the error and of procps's usage text was "no ps
// header ... (ps --no-headers ...)", 7 of them; now the error is one diagnostic saying so.
TEST(PsParser, PsErrorMessageIsOneDiagnostic) {
  Parsed p = Parse(Testdata("formats/ps/eo_bad_format.txt"));
  EXPECT_TRUE(p.batch.events.empty());
  ASSERT_EQ(p.batch.diagnostics.size(), 1u);
  EXPECT_EQ(p.batch.diagnostics[0].line, 1u);
  EXPECT_EQ(p.batch.diagnostics[0].message,
            "an error message of ps (its stderr was captured with the output): ps printed no table");
  EXPECT_EQ(p.batch.diagnostics[0].text, "error: unknown user-defined format specifier \"foo\"");
  EXPECT_EQ(p.batch.counters.annotations, 6u);  // the usage text's non-empty lines
  Parsed b = Parse(Testdata("formats/ps/busybox_ps_o_bad_argument.txt"));
  EXPECT_TRUE(b.batch.events.empty());
  ASSERT_EQ(b.batch.diagnostics.size(), 1u);
  EXPECT_EQ(b.batch.diagnostics[0].message, p.batch.diagnostics[0].message);
  EXPECT_TRUE(b.batch.diagnostics[0].text.starts_with("ps: bad -o argument 'time', supported arguments: "));
}

}  // namespace
}  // namespace rundown
