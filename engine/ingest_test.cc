// Ingestion: the store must not depend on the thread count or on where chunks are cut
// (stitched pairs split across chunks, line numbers from prefix sums), and bad input is
// counted and reported with its line, never fatal.
#include "engine/ingest.h"

#include <algorithm>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>

#include "engine/sort_util.h"
#include "gtest/gtest.h"
#include "parsers/source_sniffer.h"
#include "parsers/strace_line.h"
#include "parsers/text_util.h"

namespace rundown {
namespace {

std::string ReadTestdata(const std::string& rel) {
  std::ifstream f(std::string(RUNDOWN_TESTDATA) + "/" + rel, std::ios::binary);
  std::stringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

// What PowerShell 5 writes for `ps -ef > ps.txt` (and Notepad's "Unicode"): UTF-16LE with a
// byte order mark and CRLF line endings. ASCII input only, as the captures here are.
std::string AsUtf16(std::string_view ascii, bool big_endian, bool mark, bool crlf) {
  std::string out = mark ? (big_endian ? std::string("\xFE\xFF") : std::string("\xFF\xFE")) : std::string();
  auto unit = [&](char c) {
    out.push_back(big_endian ? '\0' : c);
    out.push_back(big_endian ? c : '\0');
  };
  for (char c : ascii) {
    if (c == '\n' && crlf) unit('\r');
    unit(c);
  }
  return out;
}

std::string WriteTemp(const std::string& name, const std::string& content) {
  const std::string path = testing::TempDir() + "/" + name;
  std::ofstream(path, std::ios::binary) << content;
  return path;
}

std::vector<std::string> Messages(const EventStore& s) {
  std::vector<std::string> out;
  for (const Diagnostic& d : s.diagnostics()) out.push_back(StrCat(d.line, ": ", d.message));
  return out;
}

ParseCounters Totals(const EventStore& s) {
  ParseCounters c;
  for (const SourceFile& f : s.files()) c.Add(f.counters);
  return c;
}

TEST(Ingest, SameEventsForAnyThreadCountAndChunkSize) {
  // p2 is a real -f trace with 183 unfinished/resumed pairs; repeated 20 times it is ~3.3 MB.
  std::string one = ReadTestdata("p2_chat_clean_single/strace_log");
  ASSERT_GT(one.size(), 100000u);
  std::string trace;
  for (int i = 0; i < 20; ++i) trace += one;
  uint64_t reference = 0;
  ParseCounters ref_counts;
  for (int threads : {1, 2, 8}) {
    for (size_t chunk : {size_t{4} << 20, size_t{64} << 10, size_t{8} << 10}) {
      IngestOptions o;
      o.threads = threads;
      o.chunk_bytes = chunk;
      auto store = IngestBuffers({{"strace_log", SourceKind::kStrace, trace}}, o);
      ASSERT_TRUE(store.ok()) << store.status();
      uint64_t d = store->ContentDigest();
      ParseCounters c = Totals(*store);
      if (reference == 0) {
        reference = d;
        ref_counts = c;
        EXPECT_EQ(c.lines, 1374u * 20);
        EXPECT_EQ(c.stitched, 183u * 20);
        EXPECT_EQ(c.unfinished, 0u);
        EXPECT_EQ(c.diagnostics, 0u);
        continue;
      }
      EXPECT_EQ(d, reference) << "threads=" << threads << " chunk=" << chunk;
      EXPECT_EQ(c.stitched, ref_counts.stitched) << "threads=" << threads << " chunk=" << chunk;
      EXPECT_EQ(c.syscalls, ref_counts.syscalls);
      EXPECT_EQ(c.errors, ref_counts.errors);
      EXPECT_EQ(store->size(), ref_counts.events);
    }
  }
}

// The digest the thread-count tests compare must see a change in any event: here the result
// of one call ("= 3" -> "= 4") and the order of two lines.
TEST(Ingest, ContentDigestChangesWithTheEvents) {
  const std::string a =
      "28  19:31:04.476323 openat(AT_FDCWD, \"/etc/ld.so.cache\", O_RDONLY|O_CLOEXEC) = 3\n"
      "28  19:31:04.476500 close(3) = 0\n";
  std::string b = a;
  b.replace(b.find("= 3"), 3, "= 4");
  const std::string swapped = a.substr(a.find('\n') + 1) + a.substr(0, a.find('\n') + 1);
  auto digest = [](const std::string& text) {
    auto store = IngestBuffers({{"strace_log", SourceKind::kStrace, text}}, IngestOptions{});
    EXPECT_TRUE(store.ok());
    return store->ContentDigest();
  };
  EXPECT_EQ(digest(a), digest(a));
  EXPECT_NE(digest(a), digest(b));
  EXPECT_NE(digest(a), digest(swapped));
}

TEST(Ingest, StitchedEventCitesBothHalves) {
  std::string trace = ReadTestdata("p2_chat_clean_single/strace_log");
  IngestOptions o;
  o.chunk_bytes = 8 << 10;  // many pairs straddle a chunk boundary
  auto store = IngestBuffers({{"strace_log", SourceKind::kStrace, trace}}, o);
  ASSERT_TRUE(store.ok());
  size_t stitched = 0;
  for (EventIndex i = 0; i < store->size(); ++i) {
    const Event& e = store->event(i);
    if (!(e.flags & kStitched)) continue;
    ++stitched;
    auto ev = store->Evidence(i);
    ASSERT_EQ(ev.size(), 2u);
    EXPECT_LT(ev[0].line, ev[1].line);
    auto lines = store->RawLines(ev, 4096);
    EXPECT_NE(lines[0].second.find("<unfinished ...>"), std::string::npos) << lines[0].second;
    EXPECT_NE(lines[1].second.find(StrCat("<... ", store->name(e.name), " resumed>")), std::string::npos)
        << lines[1].second;
  }
  EXPECT_EQ(stitched, 183u);
}

// The pairs a chunk completes are joined together (one decoder for them); one that does
// not decode falls back to joining each pair alone, and the others still join.
TEST(Ingest, PairThatDoesNotJoinAcrossChunksLeavesTheOthersJoined) {
  const std::string first =
      "28  19:31:04.000001 read(3,  <unfinished ...>\n"
      "29  19:31:04.000002 openat(AT_FDCWD, \"/tmp/x\",  <unfinished ...>\n"
      "30  19:31:04.000003 write(1,  <unfinished ...>\n";
  const std::string second =
      "28  19:31:04.000004 <... read resumed>\"ab\", 2) = 2\n"
      "29  19:31:04.000005 <... openat resumed>O_RDONLY) = what\n"
      "30  19:31:04.000006 <... write resumed>\"cd\", 2) = 2\n";
  IngestOptions o;
  o.chunk_bytes = first.size();
  auto store = IngestBuffers({{"strace_log", SourceKind::kStrace, first + second}}, o);
  ASSERT_TRUE(store.ok());
  std::vector<std::string> seen;
  for (EventIndex i = 0; i < store->size(); ++i) {
    const Event& e = store->event(i);
    seen.push_back(StrCat(e.tid, " ", store->name(e.name), " ", static_cast<int>(e.type), " ", e.result, " ",
                          (e.flags & kStitched) ? "stitched" : "", " ", e.line));
  }
  EXPECT_EQ(seen, (std::vector<std::string>{"28 read 0 2 stitched 1", "29 openat 1 0  2", "30 write 0 2 stitched 3",
                                            "29 openat 2 0  5"}));
  EXPECT_EQ(store->file(0).counters.stitched, 2u);
}

// strace -r prints on every line, resumed halves included, the time since the line before:
// an event's time is the sum of every delta up to its line, also when the resumed half it
// absorbed (or a pair split between chunks) is not an event of its own. Real capture:
// strace -f -r -T -o f_r_T_resumed.txt sh -c 'sleep 0.05 & sleep 0.02; wait'.
TEST(Ingest, RelativeTimesSumEveryLinesDelta) {
  std::string trace = ReadTestdata("formats/strace/f_r_T_resumed.txt");
  std::vector<int64_t> elapsed = {0};  // by line number
  for (size_t pos = 0; pos < trace.size();) {
    size_t nl = trace.find('\n', pos);
    strace::LineParts p;
    strace::SplitLine(std::string_view(trace).substr(pos, nl - pos), 1, &p);
    ASSERT_EQ(p.timebase, Timebase::kRelative);
    elapsed.push_back(elapsed.back() + p.time_ns);
    pos = nl + 1;
  }
  for (size_t chunk : {size_t{1} << 20, size_t{4096}, size_t{512}}) {
    SCOPED_TRACE(chunk);
    IngestOptions o;
    o.chunk_bytes = chunk;
    auto store = IngestBuffers({{"strace_log", SourceKind::kStrace, trace}}, o);
    ASSERT_TRUE(store.ok());
    size_t stitched = 0;
    for (EventIndex i = 0; i < store->size(); ++i) {
      const Event& e = store->event(i);
      ASSERT_LT(e.line, elapsed.size());
      EXPECT_EQ(e.time_ns, elapsed[e.line]) << "line " << e.line;
      stitched += (e.flags & kStitched) != 0;
    }
    EXPECT_EQ(stitched, 237u);  // every "<... resumed>" line of the capture
  }
}

// Nearly sorted input (each element a few places off), sorted input, and input far from
// sorted (past the insertion budget, finished by std::sort) all come out sorted, with the
// same elements.
TEST(SortNearlySorted, SortsAnyInput) {
  std::vector<std::vector<std::pair<uint32_t, uint32_t>>> inputs;
  std::vector<std::pair<uint32_t, uint32_t>> nearly, reversed;
  for (uint32_t i = 0; i < 5000; ++i) nearly.push_back({i + (i % 7 == 3 ? 5 : 0), i});
  for (uint32_t i = 0; i < 5000; ++i) reversed.push_back({5000 - i, i});
  inputs = {nearly, reversed, {}, {{1, 1}}, {{2, 0}, {1, 0}, {2, 0}}};
  std::vector<std::pair<uint32_t, uint32_t>> sorted_nearly = nearly;
  std::sort(sorted_nearly.begin(), sorted_nearly.end());
  inputs.push_back(sorted_nearly);
  for (auto in : inputs) {
    auto want = in;
    std::sort(want.begin(), want.end());
    SortNearlySorted(&in);
    EXPECT_EQ(in, want);
  }
}

// strace -f to a terminal (formats/strace/pid_bracket.txt): "[pid N] " only while two tasks
// are traced. sh's own lines before its first vfork, between its children and after the last
// carry no pid: each is the only live task's, whatever the chunking and thread count.
TEST(Ingest, UnprefixedLinesOfTheTerminalFormAreTheOnlyLiveTasks) {
  const std::string trace = ReadTestdata("formats/strace/pid_bracket.txt");
  const std::vector<std::string> want = {
      "1 7552 execve", "2 7553 attached", "2 7552 vfork", "4 7553 execve", "6 7552 wait4", "8 7553 exit_group",
      "9 7553 exited", "11 7552 SIGCHLD", "12 7552 wait4", "13 7554 attached", "13 7552 vfork", "15 7554 execve",
      "17 7552 wait4", "19 7554 exit_group", "20 7554 exited", "22 7552 SIGCHLD", "23 7552 wait4",
      "24 7552 exit_group", "25 7552 exited"};
  for (size_t chunk : {size_t{256}, size_t{1} << 20}) {
    for (int threads : {1, 2}) {
      IngestOptions o;
      o.chunk_bytes = chunk;
      o.threads = threads;
      auto store = IngestBuffers({{"strace_log", SourceKind::kStrace, trace}}, o);
      ASSERT_TRUE(store.ok());
      std::vector<std::string> got;
      for (EventIndex i = 0; i < store->size(); ++i) {
        const Event& e = store->event(i);
        std::string_view what = e.type == EventType::kAttached ? "attached"
                                : e.type == EventType::kExited ? "exited"
                                                               : store->name(e.name);
        got.push_back(StrCat(e.line, " ", e.tid, " ", what));
      }
      EXPECT_EQ(got, want) << "chunk " << chunk << " threads " << threads;
    }
  }
  // The same form in a program.log (strace_stderr/tee, `strace -f 2>&1 | tee`): node's lines
  // before its first clone are pid 10's; no event is left without a task.
  auto store = IngestBuffers(
      {{"program.log", SourceKind::kStrace, ReadTestdata("formats/strace_stderr/tee/program.log")}}, IngestOptions{});
  ASSERT_TRUE(store.ok());
  size_t unknown = 0;
  for (EventIndex i = 0; i < store->size(); ++i) unknown += store->event(i).tid == 0;
  EXPECT_EQ(unknown, 0u);
  EXPECT_EQ(store->event(0).tid, 10);
}

TEST(Ingest, LineNumbersAreAbsoluteAcrossChunks) {
  std::string trace = ReadTestdata("p1_chat_clean_ff/strace_log.28");
  IngestOptions o;
  o.chunk_bytes = 4096;
  auto store = IngestBuffers({{"strace_log.28", SourceKind::kStrace, trace}}, o);
  ASSERT_TRUE(store.ok());
  // strace_log.28 ends with exit_group(0) = ? on line 1000 and +++ exited with 0 +++ on 1001.
  const Event& last = store->event(static_cast<EventIndex>(store->size() - 1));
  EXPECT_EQ(last.type, EventType::kExited);
  EXPECT_EQ(last.line, 1001u);
  EXPECT_EQ(last.tid, 28);
  auto raw = store->RawLines({{last.file, 1000}});
  EXPECT_EQ(raw[0].second, "19:31:19.918462 exit_group(0)           = ?");
}

TEST(Ingest, GarbageIsReportedWithItsLineAndTheRestIsParsed) {
  std::string trace = ReadTestdata("p1_chat_clean_ff/strace_log.35");
  size_t third = 0;
  for (int n = 0; n < 3; ++n) third = trace.find('\n', third) + 1;
  static constexpr char kGarbage[] = "\x7f\x45\x4c\x46\x00\x01\xff\xfe binary \x00\x00 junk";
  std::string garbage(kGarbage, sizeof(kGarbage) - 1);  // NULs included
  std::string damaged = trace.substr(0, third) + garbage + "\r\n" + trace.substr(third);
  damaged.resize(damaged.size() - 5);  // truncated last line
  auto store = IngestBuffers({{"strace_log.35", SourceKind::kStrace, damaged}}, IngestOptions{});
  ASSERT_TRUE(store.ok());
  // The garbage line and the cut "+++ exited with 0 +++" are reported; every other line of
  // the 23-line capture is still an event.
  ASSERT_EQ(store->diagnostics().size(), 2u);
  EXPECT_EQ(store->diagnostics()[0].line, 4u);
  EXPECT_EQ(store->diagnostics()[0].message, "not a strace line");
  EXPECT_EQ(store->diagnostics()[1].line, 24u);
  EXPECT_EQ(store->diagnostics()[1].message, "incomplete last line (no newline): unterminated exit line");
  EXPECT_EQ(store->files()[0].counters.lines, 24u);
  size_t syscalls = 0;
  for (const Event& e : store->events()) syscalls += e.type == EventType::kSyscall;
  EXPECT_EQ(syscalls, 22u);
}

// A hole of NULs inside lines a parser takes as text (a program.log record, an inotify path)
// is reported at its line as lost text, once; a hole the parser already reported (strace) is
// not reported twice. py_http_clean's program.log and inotify.log, 8 KiB of NULs over line 3.
TEST(Ingest, HoleOfNulsInATextLineIsLostTextAtItsLine) {
  for (const auto& [name, kind] : {std::pair{"program.log", SourceKind::kProgramLog},
                                   std::pair{"inotify.log", SourceKind::kInotify},
                                   std::pair{"strace_log", SourceKind::kStrace}}) {
    std::string text = ReadTestdata(std::string("cases/py_http_clean/") + name);
    size_t third = 0;
    for (int n = 0; n < 2; ++n) third = text.find('\n', third) + 1;
    text.replace(third + 10, 8192, std::string(8192, '\0'));
    auto store = IngestBuffers({{name, kind, text}}, IngestOptions{});
    ASSERT_TRUE(store.ok());
    ASSERT_EQ(store->diagnostics().size(), 1u) << name;
    EXPECT_EQ(store->diagnostics()[0].line, 3u) << name;
    EXPECT_TRUE(store->diagnostics()[0].message.starts_with(
        "a hole of 8192 NUL bytes (the filesystem lost what was written here, e.g. in a crash): the text it replaced "
        "is lost; "))
        << store->diagnostics()[0].message;
    EXPECT_EQ(store->files()[0].counters.lost, 1u) << name;
  }
}

// Chunks are tested for holes one byte in kHoleBytes: a hole of exactly kHoleBytes NULs is
// found wherever it starts, even when only its first or last byte is a tested one.
TEST(Ingest, HoleOfExactlyHoleBytesIsFoundAtAnyOffset) {
  std::string base;
  while (base.size() < 4 * kHoleBytes) base += ReadTestdata("cases/py_http_clean/program.log");
  for (size_t at : {kHoleBytes, kHoleBytes + 1, 2 * kHoleBytes - 1, 2 * kHoleBytes + 7}) {
    std::string text = base;
    text.replace(at, kHoleBytes, std::string(kHoleBytes, '\0'));
    auto store = IngestBuffers({{"program.log", SourceKind::kProgramLog, text}}, IngestOptions{});
    ASSERT_TRUE(store.ok());
    EXPECT_EQ(store->files()[0].counters.lost, 1u) << at;
    const auto& d = store->diagnostics();
    EXPECT_EQ(std::count_if(d.begin(), d.end(),
                            [](const Diagnostic& x) { return x.message.starts_with("a hole of 4096 NUL bytes"); }),
              1)
        << at;
  }
}

TEST(Ingest, UnreadableFileIsKeptWithAnError) {
  std::vector<DiscoveredFile> files = {{"/nonexistent/strace_log.1", SourceKind::kStrace, 1, "name", ""}};
  auto store = Ingest(files, IngestOptions{});
  ASSERT_TRUE(store.ok());
  ASSERT_EQ(store->files().size(), 1u);
  EXPECT_NE(store->files()[0].error.find("No such file"), std::string::npos) << store->files()[0].error;
  ASSERT_EQ(store->diagnostics().size(), 1u);
  EXPECT_EQ(store->size(), 0u);
}

// A write of 3 000 001 bytes traced with -s 30000000 (`strace -f -tt -T -y -s 30000000 -e
// trace=write python3 -c "os.write(1, b'A'*3000000 + b'\n')"`; the lines around it as
// captured, the middle of the string made here): the 3 MB line is longer than a chunk, and
// its start and end are read as one call, the string cut as -s cuts it.
TEST(Ingest, ACallLongerThanAChunkKeepsItsStartAndEnd) {
  const std::string huge = "14625 12:01:39.997096 write(1</dev/null>, \"" + std::string(3000000, 'A') +
                           "\\n\", 3000001) = 3000001 <0.000213>";
  const std::string trace = "14625 12:01:39.996301 getpid()              = 14625 <0.000011>\n" + huge +
                            "\n14625 12:01:40.023338 +++ exited with 0 +++\n";
  auto store = Ingest({{WriteTemp("huge_write.strace", trace), SourceKind::kStrace, 0, "name", ""}}, IngestOptions{});
  ASSERT_TRUE(store.ok());
  ASSERT_EQ(store->size(), 3u);
  const Event& w = store->event(1);
  EXPECT_EQ(store->name(w.name), "write");
  EXPECT_EQ(w.line, 2u);
  EXPECT_EQ(w.fd, 1);
  EXPECT_EQ(w.result, 3000001);
  EXPECT_TRUE(w.flags & kTruncated);
  EXPECT_EQ(store->event(2).type, EventType::kExited);
  ASSERT_EQ(store->diagnostics().size(), 1u);
  EXPECT_EQ(store->diagnostics()[0].line, 2u);
  EXPECT_EQ(store->diagnostics()[0].message,
            "line of 3000077 bytes is longer than the 65536-byte cap; its first 65536 and last 4096 bytes were "
            "read as one, the middle left out");
}

// A ps.txt or ss.txt saved by a Windows editor or written by PowerShell: the byte order mark
// is skipped (it used to hide the header, so every row of ps.txt was lost) and UTF-16 is
// converted; the rows are the plain file's, and line 1 says how the file was read.
TEST(Ingest, ByteOrderMarksAndUtf16GiveThePlainFilesEvents) {
  const std::string ps = ReadTestdata("p4_shell_spawn/ps.txt");
  auto plain = Ingest({{WriteTemp("plain_ps.txt", ps), SourceKind::kPs, 0, "name", ""}}, IngestOptions{});
  ASSERT_TRUE(plain.ok());
  ASSERT_EQ(plain->size(), 6u);
  ASSERT_TRUE(plain->diagnostics().empty());
  const std::string first_line = ps.substr(0, ps.find('\n'));
  const struct {
    std::string name, content;
    std::vector<std::string> diagnostics;
  } kCases[] = {
      {"bom_ps.txt", "\xEF\xBB\xBF" + ps,
       {"1: the file starts with a UTF-8 byte order mark (a Windows editor or PowerShell wrote it); skipped"}},
      {"powershell_ps.txt", AsUtf16(ps, false, true, true),
       {"1: the file is UTF-16LE text (PowerShell or a Windows editor wrote it); it was converted to UTF-8 before "
        "parsing and cited lines are shown converted",
        "1: CRLF line endings (first at this line); the '\\r' is dropped"}},
      {"be_unmarked_ps.txt", AsUtf16(ps, true, false, false),
       {"1: the file is UTF-16BE text (PowerShell or a Windows editor wrote it); it was converted to UTF-8 before "
        "parsing and cited lines are shown converted"}},
  };
  for (const auto& c : kCases) {
    SCOPED_TRACE(c.name);
    const std::string path = WriteTemp(c.name, c.content);
    auto store = Ingest({{path, SourceKind::kPs, 0, "name", ""}}, IngestOptions{});
    ASSERT_TRUE(store.ok());
    EXPECT_EQ(store->ContentDigest(), plain->ContentDigest());
    EXPECT_EQ(Messages(*store), c.diagnostics);
    EXPECT_EQ(store->diagnostics()[0].text, first_line);
    EXPECT_EQ(store->RawLines({{0, 1}, {0, 2}}), plain->RawLines({{0, 1}, {0, 2}}));
    // From memory (the rule tests' path) the same.
    auto buffered = IngestBuffers({{c.name, SourceKind::kPs, c.content}}, IngestOptions{});
    ASSERT_TRUE(buffered.ok());
    EXPECT_EQ(buffered->ContentDigest(), plain->ContentDigest());
    EXPECT_EQ(Messages(*buffered), c.diagnostics);
  }
}

// A byte order mark before a trace's first line made that line unreadable (in the target's
// own file, its execve); chunk boundaries after it stay where they were.
TEST(Ingest, ByteOrderMarkBeforeTheTracesFirstCall) {
  const std::string trace = ReadTestdata("p1_chat_clean_ff/strace_log.35");
  for (size_t chunk : {size_t{1} << 20, size_t{64}}) {
    IngestOptions o;
    o.chunk_bytes = chunk;
    auto plain = IngestBuffers({{"strace_log.35", SourceKind::kStrace, trace}}, o);
    auto marked = Ingest({{WriteTemp("strace_log.35", "\xEF\xBB\xBF" + trace), SourceKind::kStrace, 35, "name", ""}}, o);
    ASSERT_TRUE(plain.ok() && marked.ok());
    EXPECT_EQ(marked->ContentDigest(), plain->ContentDigest()) << chunk;
    EXPECT_EQ(Messages(*marked), std::vector<std::string>{"1: the file starts with a UTF-8 byte order mark (a Windows "
                                                          "editor or PowerShell wrote it); skipped"});
    EXPECT_EQ(marked->RawLines({{0, 1}})[0].second, trace.substr(0, trace.find('\n')));
  }
}

// Archived traces: a compressed file is parsed as the file it holds, its cited lines are
// read back decompressed, and a copy cut short keeps what came before the cut and says so.
TEST(Ingest, CompressedFilesAreReadAsTheFilesTheyHold) {
  const std::string dir = std::string(RUNDOWN_TESTDATA) + "/formats/compressed/";
  const std::string trace = ReadTestdata("p1_chat_clean_ff/strace_log.35");
  auto plain = IngestBuffers({{"strace_log.35", SourceKind::kStrace, trace}}, IngestOptions{});
  ASSERT_TRUE(plain.ok());
  for (const char* name : {"strace_log.35.gz", "strace_log.35.xz", "strace_log.35.zst", "strace_log.35.bz2",
                           "strace_log.35.lz4", "two_members_strace_log.35.gz"}) {
    SCOPED_TRACE(name);
    auto store = Ingest({{dir + name, SourceKind::kStrace, 35, "name", ""}}, IngestOptions{});
    ASSERT_TRUE(store.ok());
    EXPECT_EQ(store->ContentDigest(), plain->ContentDigest());
    EXPECT_TRUE(store->diagnostics().empty());
    EXPECT_EQ(store->RawLines({{0, 1}, {0, 23}}), plain->RawLines({{0, 1}, {0, 23}}));
  }
  // 700 of the 763 gzip bytes: 20 whole lines, then line 21 cut inside madvise's arguments.
  auto cut = Ingest({{dir + "cut_strace_log.35.gz", SourceKind::kStrace, 35, "name", ""}}, IngestOptions{});
  ASSERT_TRUE(cut.ok());
  const size_t line21 = [&] {
    size_t at = 0;
    for (int n = 0; n < 20; ++n) at = trace.find('\n', at) + 1;
    return at;
  }();
  auto prefix = IngestBuffers({{"strace_log.35", SourceKind::kStrace, trace.substr(0, line21)}}, IngestOptions{});
  ASSERT_TRUE(prefix.ok());
  EXPECT_EQ(cut->size(), prefix->size());
  for (EventIndex i = 0; i < prefix->size(); ++i) EXPECT_EQ(cut->event(i).line, prefix->event(i).line);
  EXPECT_EQ(Messages(*cut),
            (std::vector<std::string>{
                "21: incomplete last line (no newline): unterminated argument list",
                "21: the gzip data breaks off here (truncated gzip input): the rest of the file is lost"}));
  EXPECT_EQ(cut->diagnostics()[0].text, "19:31:19.914922 madvise(0x7f3fe5b3d000, ");
  EXPECT_TRUE(cut->files()[0].error.empty());  // analysed, not an unreadable file
}

// Whether an inotifywait log is read as CSV (-c) first or as plain lines is decided once per
// file, from its head, and handed to every chunk: a chunk judged alone could read the same
// lines the other way, so the events depended on where chunks were cut. The file is the
// libFuzzer input that showed it (real capture lines, mangled): its 214-byte first line is a
// chunk of its own at 64-byte chunks, and judged alone it read as no event instead of one.
TEST(Ingest, InotifyLogReadTheSameWayInEveryChunk) {
  const std::string log = ReadTestdata("formats/inotify/fuzz_garbage_csv_or_plain.bin");
  auto whole = IngestBuffers({{"inotify.log", SourceKind::kInotify, log}}, IngestOptions{});
  IngestOptions o;
  o.chunk_bytes = 64;
  auto cut = IngestBuffers({{"inotify.log", SourceKind::kInotify, log}}, o);
  ASSERT_TRUE(whole.ok() && cut.ok());
  ASSERT_EQ(whole->size(), 1u);
  EXPECT_EQ(whole->event(0).line, 1u);
  EXPECT_EQ(cut->ContentDigest(), whole->ContentDigest());
}

}  // namespace
}  // namespace rundown
