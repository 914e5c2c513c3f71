// Tests for the parsers' shared pieces: string pool, errno table, line iteration, chunk
// reader, source discovery.
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "parsers/chunk_reader.h"
#include "parsers/errno_table.h"
#include "parsers/event_batch.h"
#include "parsers/input_file.h"
#include "parsers/simd.h"
#include "parsers/source_parser.h"
#include "parsers/source_sniffer.h"
#include "parsers/text_encoding.h"
#include "parsers/text_util.h"
#include "parsers/string_pool.h"

namespace rundown {
namespace {

// This process's scratch folder, removed when the process ends (ctest runs every test as a
// process of its own, so the folders would pile up in TMPDIR).
const std::filesystem::path& ScratchDir() {
  struct Scratch {
    std::filesystem::path dir = std::filesystem::temp_directory_path() /
                                ("rundown_core_test_" + std::to_string(::getpid()));
    ~Scratch() {
      std::error_code ignored;
      std::filesystem::remove_all(dir, ignored);
    }
  };
  static const Scratch scratch;
  return scratch.dir;
}

std::string WriteTemp(const std::string& name, const std::string& content) {
  std::filesystem::path full = ScratchDir() / name;
  std::filesystem::create_directories(full.parent_path());
  std::string path = full.string();
  std::ofstream(path, std::ios::binary) << content;
  return path;
}

TEST(StringPool, InternReturnsSameIdForEqualStringsAndEmptyIsZero) {
  StringPool pool;
  EXPECT_EQ(pool.Intern(""), kNoStr);
  StrId a = pool.Intern("/etc/passwd");
  StrId b = pool.Intern(std::string("/etc/") + "passwd");
  EXPECT_EQ(a, b);
  EXPECT_NE(a, pool.Intern("/etc/shadow"));
  EXPECT_EQ(pool.View(a), "/etc/passwd");
  std::string big(100000, 'x');
  EXPECT_EQ(pool.View(pool.Intern(big)), big);
  StrId found;
  EXPECT_TRUE(pool.Find("/etc/shadow", &found));
  EXPECT_FALSE(pool.Find("/nope", &found));
}

TEST(Counted, ResolvesPluralMarksForTheCount) {
  EXPECT_EQ(Counted(1, "path(s)"), "1 path");
  EXPECT_EQ(Counted(0, "path(s)"), "0 paths");
  EXPECT_EQ(Counted(3, "process(es) without a fork"), "3 processes without a fork");
  EXPECT_EQ(Counted(1, "process(es) without a fork"), "1 process without a fork");
  EXPECT_EQ(Counted(2, "malformed line(s) (see above)"), "2 malformed lines (see above)");
  EXPECT_EQ(Counted(1, "call (s) (x)"), "1 call (s) (x)");  // marks only right after a letter
  EXPECT_EQ(Counted(2, "open("), "2 open(");
}

TEST(ErrnoTable, NamesRoundTripIncludingKernelInternalCodes) {
  EXPECT_EQ(ErrnoIndex("ENOENT"), 2);
  EXPECT_EQ(ErrnoName(2), "ENOENT");
  EXPECT_EQ(ErrnoIndex("EAGAIN"), 11);
  EXPECT_EQ(ErrnoIndex("EWOULDBLOCK"), 11);
  EXPECT_EQ(ErrnoName(ErrnoIndex("ERESTARTSYS")), "ERESTARTSYS");
  EXPECT_TRUE(IsRestartErrno(ErrnoIndex("ERESTART_RESTARTBLOCK")));
  EXPECT_FALSE(IsRestartErrno(ErrnoIndex("EINTR")));
  EXPECT_EQ(ErrnoIndex("EBOGUS"), kErrnoUnknown);
}

TEST(ForEachLine, StripsCrlfAndKeepsUnterminatedLastLine) {
  std::vector<std::string> lines;
  uint32_t n = ForEachLine("a\r\nb\n\nc", [&](std::string_view l, uint32_t no) {
    lines.push_back(std::to_string(no) + ":" + std::string(l));
  });
  EXPECT_EQ(n, 4u);
  EXPECT_EQ(lines, (std::vector<std::string>{"1:a", "2:b", "3:", "4:c"}));
}

// ForEachLine reads 64-byte blocks, 16 at a time: lines and "\r\n" pairs that straddle a
// block, texts that end on a block boundary with or without '\n', and empty lines everywhere give the
// same lines as splitting the text one byte at a time.
TEST(ForEachLine, SameLinesAtEveryBlockBoundary) {
  auto reference = [](std::string_view text) {
    std::vector<std::string> out;
    size_t start = 0;
    for (size_t i = 0; i <= text.size(); ++i) {
      if (i < text.size() && text[i] != '\n') continue;
      if (i == text.size() && start == text.size()) break;
      size_t end = i > start && text[i - 1] == '\r' ? i - 1 : i;
      out.emplace_back(text.substr(start, end - start));
      start = i + 1;
    }
    return out;
  };
  uint32_t seed = 12345;
  auto next = [&seed] { return seed = seed * 1103515245u + 12345u, (seed >> 16) & 0x7fff; };
  std::vector<size_t> sizes;
  for (size_t size = 0; size <= 260; ++size) sizes.push_back(size);
  for (size_t size = 1020; size <= 1090; ++size) sizes.push_back(size);  // the 16-block batches
  for (size_t size = 2040; size <= 2056; ++size) sizes.push_back(size);
  // Both versions of the newline masks (parsers/simd.h), where the CPU runs AVX2.
  for (bool avx2 : {false, true}) {
    if (avx2 && !simd::CpuHasAvx2()) continue;
    const bool before = simd::SetAvx2(avx2);
    for (size_t size : sizes) {
      for (int variant = 0; variant < 4; ++variant) {
        std::string text(size, 'x');
        for (char& c : text) {
          uint32_t r = next() % 16;
          c = r == 0 ? '\n' : r == 1 ? '\r' : static_cast<char>('a' + r);
        }
        if (variant == 1 && size > 0) text.back() = '\n';
        if (variant == 2 && size > 64) text[63] = '\r', text[64] = '\n';
        std::vector<std::string> got;
        ForEachLine(text, [&](std::string_view l, uint32_t no) {
          EXPECT_EQ(no, got.size() + 1);
          got.emplace_back(l);
        });
        ASSERT_EQ(got, reference(text)) << "size " << size << " variant " << variant << " avx2 " << avx2;
      }
    }
    simd::SetAvx2(before);
  }
}

// The AVX2 newline offsets equal the SSE2 ones, '\n' at every position of a block and bytes
// that differ from it in one bit (0x8A, 0x0B) around it.
TEST(ForEachLine, Avx2OffsetsEqualSse2Offsets) {
  if (!simd::CpuHasAvx2()) GTEST_SKIP() << "no AVX2 on this CPU";
  constexpr size_t kBlocks = line_internal::kMaxOffsetBlocks;
  std::string text(64 * kBlocks, 'a');
  for (size_t i = 0; i < text.size(); ++i) {
    const size_t r = (i * 7919) % 13;
    text[i] = r == 0 ? '\n' : r == 1 ? '\x8a' : r == 2 ? '\x0b' : r == 3 ? '\0' : 'a';
  }
  std::vector<uint16_t> sse2(64 * kBlocks), avx2(64 * kBlocks);
  sse2.resize(line_internal::NewlineOffsetsSse2(text.data(), kBlocks, sse2.data()));
  avx2.resize(line_internal::NewlineOffsetsAvx2(text.data(), kBlocks, avx2.data()));
  EXPECT_EQ(sse2.size(), static_cast<size_t>(std::count(text.begin(), text.end(), '\n')));
  EXPECT_EQ(avx2, sse2);
}

// SameBytes reads words that overlap at the end: every length up to three words, with the
// strings differing at each position in turn (a word boundary or an overlap missed would
// call them equal), and strings of different lengths.
TEST(SameBytes, FindsEveryDifferingByteAtEveryLength) {
  for (size_t n = 0; n <= 24; ++n) {
    const std::string a(n, 'x');
    std::string b = a;
    EXPECT_TRUE(SameBytes(a, b)) << n;
    for (size_t i = 0; i < n; ++i) {
      b[i] = 'y';
      EXPECT_FALSE(SameBytes(a, b)) << n << " " << i;
      b[i] = 'x';
    }
    EXPECT_FALSE(SameBytes(a, a + "x")) << n;
  }
}

TEST(EventBatch, ReportKeepsFirstDiagnosticsAndCountsAll) {
  EventBatch b;
  b.file = 3;
  for (uint32_t i = 1; i <= kMaxDiagnosticsPerBatch + 10; ++i) b.Report(i, "bad", std::string(500, 'z'));
  EXPECT_EQ(b.counters.diagnostics, kMaxDiagnosticsPerBatch + 10);
  ASSERT_EQ(b.diagnostics.size(), kMaxDiagnosticsPerBatch);
  EXPECT_EQ(b.diagnostics[0].file, 3);
  EXPECT_EQ(b.diagnostics[0].line, 1u);
  EXPECT_EQ(b.diagnostics[0].text.size(), kMaxDiagnosticText);
}

// A crashed filesystem leaves whole blocks of NULs where the text was: a line holding a run
// of kHoleBytes NULs is lost text (counters.lost, and the message says so); a shorter run is
// only an unreadable line.
TEST(EventBatch, LineHoldingAHoleOfNulsIsCountedAsLostText) {
  EventBatch b;
  const std::string hole = "45    00:58:32.321023 newfs" + std::string(kHoleBytes, '\0') + "tat(3, \"\") = 0";
  b.Report(908, "not a system call line", hole);
  b.Report(1002, "not a strace line", std::string(kHoleBytes - 1, '\0'));
  EXPECT_EQ(b.counters.diagnostics, 2u);
  EXPECT_EQ(b.counters.lost, 1u);
  ASSERT_EQ(b.diagnostics.size(), 2u);
  EXPECT_EQ(b.diagnostics[0].message,
            "a hole of 4096 NUL bytes (the filesystem lost what was written here, e.g. in a crash): the text it "
            "replaced is lost; not a system call line");
  EXPECT_EQ(b.diagnostics[1].message, "not a strace line");
}

std::vector<ChunkBuffer> ReadAllChunks(const std::string& path, size_t chunk_bytes) {
  auto reader = ChunkReader::Open(path, chunk_bytes);
  EXPECT_TRUE(reader.ok()) << reader.status();
  std::vector<ChunkBuffer> out;
  ChunkBuffer c;
  while (reader->Next(&c)) {
    out.push_back(std::move(c));
    c = ChunkBuffer();
  }
  return out;
}

TEST(ChunkReader, ChunksEndOnLineBoundariesAndCoverTheFile) {
  std::string content;
  for (int i = 0; i < 5000; ++i) content += "line " + std::to_string(i) + "\n";
  content += "last without newline";
  std::string path = WriteTemp("chunks.txt", content);
  std::vector<ChunkBuffer> chunks = ReadAllChunks(path, 4096);
  ASSERT_GT(chunks.size(), 10u);
  std::string joined;
  for (size_t i = 0; i < chunks.size(); ++i) {
    EXPECT_EQ(chunks[i].offset, joined.size());
    EXPECT_EQ(chunks[i].index, i);
    if (i + 1 < chunks.size()) {
      EXPECT_EQ(chunks[i].bytes.back(), '\n');
      EXPECT_FALSE(chunks[i].last);
    }
    joined += chunks[i].bytes;
  }
  EXPECT_TRUE(chunks.back().last);
  EXPECT_EQ(joined, content);
}

TEST(ChunkReader, LineLongerThanAChunkIsCutAndRecorded) {
  std::string content = "short\n" + std::string(10 << 20, 'A') + "\nafter\n";
  std::string path = WriteTemp("huge.txt", content);
  std::vector<ChunkBuffer> chunks = ReadAllChunks(path, 1 << 20);
  std::string joined;
  uint64_t cut_len = 0;
  for (const auto& c : chunks) {
    joined += c.bytes;
    for (const CutLine& cut : c.cut_lines) cut_len = cut.full;
  }
  EXPECT_EQ(cut_len, 10u << 20);
  EXPECT_EQ(joined, "short\n" + std::string(ChunkReader::kKeptPrefixBytes, 'A') + "\nafter\n");
}

// A joiner makes one line of the kept start and the line's last kKeptTailBytes.
TEST(ChunkReader, CutLineJoinerGetsTheStartAndTheEnd) {
  const std::string line = "head:" + std::string(3 << 20, 'A') + std::string(8192, 'B') + ":tail";
  const std::string path = WriteTemp("huge_joined.txt", "short\n" + line + "\nafter\n");
  std::string head_seen, tail_seen;
  auto reader = ChunkReader::Open(path, 1 << 20, [&](std::string_view head, std::string_view tail) {
    head_seen = head;
    tail_seen = tail;
    return std::string("joined");
  });
  ASSERT_TRUE(reader.ok());
  std::string all;
  std::vector<CutLine> cuts;
  for (ChunkBuffer c; reader->Next(&c); c = ChunkBuffer()) {
    for (const CutLine& cut : c.cut_lines) cuts.push_back(cut);
    all += c.bytes;
  }
  EXPECT_EQ(all, "short\njoined\nafter\n");
  EXPECT_EQ(head_seen, line.substr(0, ChunkReader::kKeptPrefixBytes));
  EXPECT_EQ(tail_seen, line.substr(line.size() - ChunkReader::kKeptTailBytes));
  ASSERT_EQ(cuts.size(), 1u);
  EXPECT_EQ(cuts[0].full, line.size());
  EXPECT_TRUE(cuts[0].joined);
}

// With chunks smaller than the cap (tests, benchmarks), a line longer than a chunk but shorter
// than kKeptPrefixBytes is held whole, not cut (it used to throw out_of_range).
TEST(ChunkReader, LineLongerThanASmallChunkButUnderTheCapIsWhole) {
  const std::string content = "short\n" + std::string(20000, 'L') + "\ntail\n";
  const std::string path = WriteTemp("long_small_chunk.txt", content);
  std::vector<ChunkBuffer> chunks = ReadAllChunks(path, 4096);
  ASSERT_EQ(chunks.size(), 2u);
  EXPECT_EQ(std::string_view(chunks[0].bytes), "short\n");
  EXPECT_EQ(std::string_view(chunks[1].bytes), content.substr(6));
  EXPECT_EQ(chunks[1].offset, 6u);
  EXPECT_TRUE(chunks[1].cut_lines.empty());
  EXPECT_TRUE(chunks[1].last);
}

TEST(ChunkReader, MissingFileIsNotFound) {
  auto r = ChunkReader::Open("/nonexistent/rundown/file");
  EXPECT_EQ(r.status().code(), absl::StatusCode::kNotFound);
}

TEST(SourceSniffer, ClassifiesByNameWithTidSuffix) {
  int32_t tid = 0;
  EXPECT_EQ(ClassifyName("strace_log.28", &tid), SourceKind::kStrace);
  EXPECT_EQ(tid, 28);
  EXPECT_EQ(ClassifyName("strace_log", &tid), SourceKind::kStrace);
  EXPECT_EQ(tid, 0);
  EXPECT_EQ(ClassifyName("run.strace", &tid), SourceKind::kStrace);
  EXPECT_EQ(ClassifyName("inotify.log", &tid), SourceKind::kInotify);
  EXPECT_EQ(ClassifyName("ss.txt", &tid), SourceKind::kSs);
  EXPECT_EQ(ClassifyName("netstat.txt", &tid), SourceKind::kNetstat);
  EXPECT_EQ(ClassifyName("ps.txt", &tid), SourceKind::kPs);
  EXPECT_EQ(ClassifyName("program.log", &tid), SourceKind::kProgramLog);
  EXPECT_EQ(ClassifyName("notes.md", &tid), SourceKind::kUnknown);
  EXPECT_EQ(ClassifyName("sshd_config.txt", &tid), SourceKind::kUnknown);
  // Compressed copies are classified as the file they hold.
  EXPECT_EQ(ClassifyName("strace_log.91.gz", &tid), SourceKind::kStrace);
  EXPECT_EQ(tid, 91);
  EXPECT_EQ(ClassifyName("ps.txt.zst", &tid), SourceKind::kPs);
  EXPECT_EQ(ClassifyName("inotify.log.xz", &tid), SourceKind::kInotify);
  EXPECT_EQ(ClassifyName("notes.md.gz", &tid), SourceKind::kUnknown);
  // The program's output under the names reviewers save it as.
  for (const char* name : {"stdout.txt", "stderr.log", "STDERR.TXT", "output.txt", "program.err", "console.log"})
    EXPECT_EQ(ClassifyName(name, &tid), SourceKind::kProgramLog) << name;
}

// `ss -tunap > netstat.txt`: the table's header wins over the name, and the file says so.
TEST(SourceSniffer, SnapshotNamedLikeAnotherToolIsReadAsWhatItHolds) {
  const std::string ss = std::string(RUNDOWN_TESTDATA) + "/p1_chat_clean_ff/ss.txt";
  const std::string renamed = testing::TempDir() + "/netstat.txt";
  std::filesystem::copy_file(ss, renamed, std::filesystem::copy_options::overwrite_existing);
  DiscoveredFile f = ClassifyFile(renamed);
  EXPECT_EQ(f.kind, SourceKind::kSs);
  EXPECT_EQ(f.how, "content");
  EXPECT_EQ(f.note, "named like netstat output, but holds ss's table: read as ss");
  // Named right, or a table the sniffer cannot name (netstat -s): the name stands, no note.
  DiscoveredFile same = ClassifyFile(ss);
  EXPECT_EQ(same.kind, SourceKind::kSs);
  EXPECT_EQ(same.note, "");
  std::ofstream(renamed) << "Ip:\n    Forwarding: 2\n";
  DiscoveredFile stats = ClassifyFile(renamed);
  EXPECT_EQ(stats.kind, SourceKind::kNetstat);
  EXPECT_EQ(stats.note, "");
  std::filesystem::remove(renamed);
}

TEST(SourceSniffer, SniffsRealHeadersAndLines) {
  EXPECT_EQ(SniffContent("Netid State  Recv-Q Send-Q Local Address:Port   Peer Address:PortProcess\n"),
            SourceKind::kSs);
  EXPECT_EQ(SniffContent("Active Internet connections (only servers)\nProto Recv-Q\n"),
            SourceKind::kNetstat);
  EXPECT_EQ(SniffContent("    PID    PGID     SID TTY          TIME CMD\n"), SourceKind::kPs);
  EXPECT_EQ(SniffContent("USER         PID %CPU %MEM    VSZ   RSS TTY      STAT START   TIME COMMAND\n"),
            SourceKind::kPs);
  EXPECT_EQ(SniffContent("28    1795375881.065207 execve(\"/usr/bin/node\", [\"node\"], 0x7ffe /* 7 vars */) = 0\n"),
            SourceKind::kStrace);
  EXPECT_EQ(SniffContent("/home/auditor/app/,\"CLOSE_NOWRITE,CLOSE\",package.json\n"),
            SourceKind::kInotify);
  EXPECT_EQ(SniffContent("2026-11-22 19:31:21 /home/auditor/app/package.json OPEN\n"),
            SourceKind::kInotify);
  EXPECT_EQ(SniffContent("hello world\n"), SourceKind::kUnknown);
  // strace could not exec its target: the failed execve and strace's own exit are the trace
  // (formats/strace/honest_f_tt_T_y_exec_eacces.txt, traceme_eperm.txt: the exit alone).
  EXPECT_EQ(SniffContent(ReadFileHead(std::string(RUNDOWN_TESTDATA) + "/formats/strace/honest_f_tt_T_y_exec_eacces.txt", 4096)), SourceKind::kStrace);
  EXPECT_EQ(SniffContent(ReadFileHead(std::string(RUNDOWN_TESTDATA) + "/formats/strace/honest_f_tt_T_y_traceme_eperm.txt", 4096)), SourceKind::kStrace);
  // A watch loop's files start with date(1), top's with its summary: the table header after
  // it decides.
  EXPECT_EQ(SniffContent(ReadFileHead(std::string(RUNDOWN_TESTDATA) + "/formats/ss/date_loop.txt", 4096)), SourceKind::kSs);
  EXPECT_EQ(SniffContent(ReadFileHead(std::string(RUNDOWN_TESTDATA) + "/formats/netstat/date_loop.txt", 4096)), SourceKind::kNetstat);
  EXPECT_EQ(SniffContent(ReadFileHead(std::string(RUNDOWN_TESTDATA) + "/formats/ps/date_loop.txt", 4096)), SourceKind::kPs);
  EXPECT_EQ(SniffContent(ReadFileHead(std::string(RUNDOWN_TESTDATA) + "/formats/ps/top_b_n2.txt", 4096)), SourceKind::kPs);
}

TEST(SourceSniffer, DiscoverListsUnknownFilesAsSkipped) {
  std::string a = WriteTemp("disc/strace_log.7", "execve(\"/bin/true\", [\"true\"], 0x1 /* 1 vars */) = 0\n");
  WriteTemp("disc/README.md", "hello\n");
  WriteTemp("disc/trace.out", "19:31:04.476323 execve(\"/bin/true\", [\"true\"], 0x1 /* 1 vars */) = 0\n");
  // A snapshot saved by PowerShell (UTF-16LE with a byte order mark) is sniffed as text.
  std::string netstat = "\xFF\xFE";
  for (char c : std::string_view("Active Internet connections (only servers)\r\nProto Recv-Q Send-Q\r\n")) {
    netstat.push_back(c);
    netstat.push_back('\0');
  }
  WriteTemp("disc/sockets.out", netstat);
  std::string dir = std::filesystem::path(a).parent_path().string();
  auto d = DiscoverSources(dir);
  ASSERT_TRUE(d.ok()) << d.status();
  ASSERT_EQ(d->files.size(), 3u);
  EXPECT_EQ(d->files[0].kind, SourceKind::kStrace);
  EXPECT_EQ(d->files[0].default_tid, 7);
  EXPECT_EQ(d->files[1].how, "content");
  EXPECT_EQ(std::filesystem::path(d->files[2].path).filename(), "sockets.out");
  EXPECT_EQ(d->files[2].kind, SourceKind::kNetstat);
  EXPECT_EQ(d->files[2].how, "content");
  ASSERT_EQ(d->skipped.size(), 1u);
  EXPECT_EQ(std::filesystem::path(d->skipped[0].path).filename(), "README.md");
  EXPECT_EQ(DiscoverSources("/nonexistent/x").status().code(), absl::StatusCode::kNotFound);
}

}  // namespace
// Artifacts in subfolders are found; hidden folders and dependency trees are not searched.
TEST(SourceSniffer, DiscoverSearchesSubfolders) {
  std::string a = WriteTemp("tree/strace/strace_log.91", "execve(\"/bin/sh\", [\"sh\"], 0x1 /* 1 vars */) = 0\n");
  WriteTemp("tree/strace/strace_log.28", "execve(\"/usr/bin/node\", [\"node\"], 0x1 /* 1 vars */) = 0\n");
  WriteTemp("tree/snapshots/ps.txt", "UID          PID    PPID  C STIME TTY          TIME CMD\n");
  WriteTemp("tree/.git/strace_log.5", "execve(\"/bin/true\", [\"true\"], 0x1 /* 1 vars */) = 0\n");
  WriteTemp("tree/node_modules/x/strace_log.6", "execve(\"/bin/true\", [\"true\"], 0x1 /* 1 vars */) = 0\n");
  WriteTemp("tree/a/b/c/strace_log.7", "execve(\"/bin/true\", [\"true\"], 0x1 /* 1 vars */) = 0\n");
  std::filesystem::path root = std::filesystem::path(a).parent_path().parent_path();
  auto d = DiscoverSources(root.string());
  ASSERT_TRUE(d.ok()) << d.status();
  std::vector<std::string> found, skipped;
  for (const DiscoveredFile& f : d->files) found.push_back(std::filesystem::relative(f.path, root).string());
  for (const SkippedFile& f : d->skipped)
    skipped.push_back(StrCat(std::filesystem::relative(f.path, root).string(), ": ", f.reason));
  EXPECT_EQ(found, (std::vector<std::string>{"strace/strace_log.28", "strace/strace_log.91", "snapshots/ps.txt"}));
  EXPECT_EQ(skipped, std::vector<std::string>{"a/b/c: folder deeper than 3 levels"});
  // A folder where a file should be is said; one without a dot (strace_log/ of -ff files) is
  // an ordinary folder.
  std::filesystem::create_directories(root / "ss.txt");
  std::filesystem::create_directories(root / "strace_log");
  auto again = DiscoverSources(root.string());
  ASSERT_TRUE(again.ok());
  skipped.clear();
  for (const SkippedFile& f : again->skipped)
    skipped.push_back(StrCat(std::filesystem::relative(f.path, root).string(), ": ", f.reason));
  EXPECT_EQ(skipped, (std::vector<std::string>{"ss.txt: a folder named like ss output, not a file: searched like any folder",
                                               "a/b/c: folder deeper than 3 levels"}));
  std::filesystem::remove(root / "ss.txt");
  std::filesystem::remove(root / "strace_log");
}

// Several runs under one folder are told apart from one run whose sources sit in sub-folders.
TEST(SourceSniffer, SeparateRunsFindsFoldersThatEachHoldARun) {
  auto files = [](std::vector<std::pair<std::string, SourceKind>> in) {
    Discovery d;
    for (auto& [path, kind] : in) d.files.push_back({path, kind, 0, "name", ""});
    return d;
  };
  // One run: the trace in strace/, the snapshots in snapshots/, program.log beside them.
  EXPECT_TRUE(SeparateRuns(files({{"/a/strace/strace_log.28", SourceKind::kStrace},
                                  {"/a/strace/strace_log.91", SourceKind::kStrace},
                                  {"/a/snapshots/ps.txt", SourceKind::kPs},
                                  {"/a/snapshots/ss.txt", SourceKind::kSs},
                                  {"/a/program.log", SourceKind::kProgramLog}}))
                  .empty());
  // One run whose program.log was rotated into old/: one source repeated is no second run.
  EXPECT_TRUE(SeparateRuns(files({{"/a/strace_log", SourceKind::kStrace},
                                  {"/a/program.log", SourceKind::kProgramLog},
                                  {"/a/old/program.log", SourceKind::kProgramLog}}))
                  .empty());
  // Traces in two folders: two runs, whatever else is there.
  EXPECT_EQ(SeparateRuns(files({{"/a/run10/strace_log.5", SourceKind::kStrace},
                                {"/a/run9/strace_log.7", SourceKind::kStrace},
                                {"/a/run9/ps.txt", SourceKind::kPs}})),
            (std::vector<std::string>{"/a/run9", "/a/run10"}));
  // No trace, but two sources each in two folders.
  EXPECT_EQ(SeparateRuns(files({{"/a/x/ps.txt", SourceKind::kPs},
                                {"/a/y/ps.txt", SourceKind::kPs},
                                {"/a/x/program.log", SourceKind::kProgramLog},
                                {"/a/y/program.log", SourceKind::kProgramLog}})),
            (std::vector<std::string>{"/a/x", "/a/y"}));
}

// What is not a regular file is listed as skipped with what it is, and never opened: a FIFO
// named strace_log would block the read forever, a link to /dev/zero would never end.
TEST(SourceSniffer, DiscoverSaysWhatIsNotARegularFileAndNeverOpensIt) {
  std::filesystem::remove_all(ScratchDir() / "special");
  std::string a = WriteTemp("special/strace_log.28", "execve(\"/bin/true\", [\"true\"], 0x1 /* 1 vars */) = 0\n");
  const std::filesystem::path dir = std::filesystem::path(a).parent_path();
  ASSERT_EQ(::mkfifo((dir / "strace_log.77").c_str(), 0644), 0);
  std::filesystem::create_symlink("/dev/zero", dir / "ps.txt");
  std::filesystem::create_symlink(dir / "nowhere", dir / "program.log");
  std::filesystem::create_symlink("inotify.log", dir / "inotify.log");
  std::filesystem::create_directory_symlink(".", dir / "loop");
  auto d = DiscoverSources(dir.string());
  ASSERT_TRUE(d.ok()) << d.status();
  ASSERT_EQ(d->files.size(), 1u);
  std::vector<std::string> skipped;
  for (const SkippedFile& f : d->skipped) skipped.push_back(StrCat(std::filesystem::path(f.path).filename().string(), ": ", f.reason));
  EXPECT_EQ(skipped, (std::vector<std::string>{
                         "inotify.log: a symbolic link loop, not read",
                         "loop: a symbolic link to a directory, not followed",
                         "program.log: a dangling symbolic link (its target does not exist), not read",
                         "ps.txt: a symbolic link to a character device, not read",
                         "strace_log.77: a FIFO (named pipe), not read",
                     }));
}

TEST(InputFile, OnlyRegularFilesAreOpened) {
  const std::string fifo = (ScratchDir() / "open_fifo").string();
  std::filesystem::create_directories(ScratchDir());
  std::filesystem::remove(fifo);
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0644), 0);
  EXPECT_EQ(InputFile::Open(fifo).status(), absl::InvalidArgumentError(fifo + ": a FIFO (named pipe), not read"));
  EXPECT_EQ(InputFile::Open("/dev/zero").status(), absl::InvalidArgumentError("/dev/zero: a character device, not read"));
  EXPECT_EQ(InputFile::Open("/tmp").status(), absl::InvalidArgumentError("/tmp: a directory, not read"));
  EXPECT_EQ(ReadFileHead(fifo, 64), "");
}

// A capture given alone instead of a folder is discovered alone; any other file is refused.
TEST(SourceSniffer, DiscoverTakesOneFileOfAKnownSource) {
  std::string trace = WriteTemp("alone/capture.txt", "12 execve(\"/bin/true\", [\"true\"], 0x1 /* 1 vars */) = 0\n");
  auto d = DiscoverSources(trace);
  ASSERT_TRUE(d.ok()) << d.status();
  ASSERT_EQ(d->files.size(), 1u);
  EXPECT_EQ(d->files[0].path, trace);
  EXPECT_EQ(d->files[0].kind, SourceKind::kStrace);
  EXPECT_EQ(d->files[0].how, "content");
  EXPECT_TRUE(d->skipped.empty());
  std::string notes = WriteTemp("alone/notes.md", "# what I saw\n");
  EXPECT_EQ(DiscoverSources(notes).status(),
            absl::InvalidArgumentError(StrCat(notes, ": not a folder, nor a file of a known source")));
  EXPECT_EQ(DiscoverSources("/dev/null").status(),
            absl::InvalidArgumentError("/dev/null: not a folder, nor a file of a known source"));
}

TEST(TextEncoding, DetectsMarksAndUnmarkedUtf16ButNotBinary) {
  EXPECT_EQ(DetectEncoding("  PID TTY"), TextEncoding::kUtf8);
  EXPECT_EQ(DetectEncoding(""), TextEncoding::kUtf8);
  EXPECT_EQ(DetectEncoding("\xEF\xBB\xBF  PID"), TextEncoding::kUtf8Bom);
  EXPECT_EQ(DetectEncoding("\xFF\xFE"), TextEncoding::kUtf16Le);
  using namespace std::string_view_literals;
  EXPECT_EQ(DetectEncoding("\xFE\xFF\0P"sv), TextEncoding::kUtf16Be);
  EXPECT_EQ(DetectEncoding("P\0I\0D\0 \0T\0T\0Y\0\r\0\n\0"sv), TextEncoding::kUtf16Le);
  EXPECT_EQ(DetectEncoding("\0P\0I\0D\0 \0T\0T\0Y"sv), TextEncoding::kUtf16Be);
  // Short, non-text or mixed NUL patterns are not UTF-16: the parsers report them line by line.
  EXPECT_EQ(DetectEncoding("P\0I\0"sv), TextEncoding::kUtf8);
  EXPECT_EQ(DetectEncoding("\x7f" "ELF\x02\x01\x01\0\0\0\0\0\0\0\0\0"sv), TextEncoding::kUtf8);
  EXPECT_EQ(DetectEncoding("P\0I\0D\0 \0T\0T\0\x01\0\n\0"sv), TextEncoding::kUtf8);
  EXPECT_EQ(ByteOrderMarkSize(TextEncoding::kUtf16Le, "\xFF\xFEP"), 2u);
  EXPECT_EQ(ByteOrderMarkSize(TextEncoding::kUtf16Le, "P\0I"sv), 0u);
  EXPECT_EQ(ByteOrderMarkSize(TextEncoding::kUtf8Bom, "\xEF\xBB\xBFx"), 3u);
}

TEST(TextEncoding, Utf8SequencesAreCheckedStrictly) {
  EXPECT_EQ(Utf8SequenceLength("a", 0), 1u);
  EXPECT_EQ(Utf8SequenceLength("\xC3\xA9", 0), 2u);          // é
  EXPECT_EQ(Utf8SequenceLength("\xE2\x82\xAC", 0), 3u);      // €
  EXPECT_EQ(Utf8SequenceLength("\xF0\x9F\x94\x92", 0), 4u);  // U+1F512
  EXPECT_EQ(Utf8SequenceLength("\xC0\xAF", 0), 0u);          // overlong '/'
  EXPECT_EQ(Utf8SequenceLength("\xE0\x80\xAF", 0), 0u);      // overlong
  EXPECT_EQ(Utf8SequenceLength("\xED\xA0\x80", 0), 0u);      // surrogate
  EXPECT_EQ(Utf8SequenceLength("\xF4\x90\x80\x80", 0), 0u);  // above U+10FFFF
  EXPECT_EQ(Utf8SequenceLength("\xC3", 0), 0u);              // cut
  EXPECT_EQ(Utf8SequenceLength("\x80", 0), 0u);              // a continuation alone
  // PrintableText: escapes what a terminal would act on or cannot show, keeps the rest.
  EXPECT_EQ(PrintableText("tab\tnl\n caf\xC3\xA9"), "tab\tnl\n caf\xC3\xA9");
  EXPECT_EQ(PrintableText("\x1b]0;owned\x07\r\x7f"), "\\x1b]0;owned\\x07\\x0d\\x7f");
  EXPECT_EQ(PrintableText(std::string("a\0b\xff\xc2\x9b", 6)), "a\\x00b\\xff\\xc2\\x9b");
}

TEST(TextEncoding, Utf16ToUtf8KeepsEveryCharacterAndMarksDamage) {
  using namespace std::string_view_literals;
  // "é€😀" little-endian after a mark: U+00E9, U+20AC, U+1F600 (a surrogate pair).
  EXPECT_EQ(Utf16ToUtf8("\xFF\xFE\xE9\x00\xAC\x20\x3D\xD8\x00\xDE"sv, TextEncoding::kUtf16Le),
            "\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80");
  EXPECT_EQ(Utf16ToUtf8("\0p\0s\0\n"sv, TextEncoding::kUtf16Be), "ps\n");
  size_t bad = 0;
  // A lone high surrogate, a lone low surrogate, and a file cut inside its last code unit.
  EXPECT_EQ(Utf16ToUtf8("\x3D\xD8" "a\0" "\x00\xDE" "b"sv, TextEncoding::kUtf16Le, &bad),
            "\xEF\xBF\xBD" "a" "\xEF\xBF\xBD" "\xEF\xBF\xBD");
  EXPECT_EQ(bad, 3u);
  EXPECT_EQ(HeadAsUtf8("\xFF\xFE" "a\0b\0c"sv), "ab");  // the odd byte of a cut head is dropped
  EXPECT_EQ(HeadAsUtf8("\xEF\xBB\xBF" "% time"), "% time");
  EXPECT_EQ(HeadAsUtf8("plain"), "plain");
}

std::string ReadAll(InputFile* in, size_t step) {
  std::string out, buf(step, '\0');
  for (size_t n; (n = in->Read(buf.data(), step)) > 0;) out.append(buf.data(), n);
  return out;
}

// testdata/formats/compressed/make.sh compressed a real 23-line trace with each tool.
TEST(InputFile, DecompressesEveryFormatToTheFilesText) {
  const std::string dir = std::string(RUNDOWN_TESTDATA) + "/formats/compressed/";
  auto plain = InputFile::Open(std::string(RUNDOWN_TESTDATA) + "/p1_chat_clean_ff/strace_log.35");
  ASSERT_TRUE(plain.ok());
  EXPECT_EQ(plain->compression(), Compression::kNone);
  const std::string text = ReadAll(&*plain, 1 << 16);
  ASSERT_EQ(text.size(), 1886u);
  const std::pair<std::string, Compression> kFiles[] = {
      {"strace_log.35.gz", Compression::kGzip},   {"strace_log.35.xz", Compression::kXz},
      {"strace_log.35.zst", Compression::kZstd},  {"strace_log.35.bz2", Compression::kBzip2},
      {"strace_log.35.lz4", Compression::kLz4},   {"two_members_strace_log.35.gz", Compression::kGzip},
  };
  for (const auto& [name, kind] : kFiles) {
    for (size_t step : {size_t{7}, size_t{1} << 20}) {
      SCOPED_TRACE(StrCat(name, " in reads of ", step));
      auto in = InputFile::Open(dir + name);
      ASSERT_TRUE(in.ok()) << in.status();
      EXPECT_EQ(in->compression(), kind);
      EXPECT_EQ(ReadAll(&*in, step), text);
      EXPECT_TRUE(in->status().ok());
      EXPECT_EQ(in->damage(), "");
    }
  }
}

TEST(InputFile, CutCompressedFileGivesItsBeginningAndSaysWhy) {
  auto in = InputFile::Open(std::string(RUNDOWN_TESTDATA) + "/formats/compressed/cut_strace_log.35.gz");
  ASSERT_TRUE(in.ok()) << in.status();
  const std::string got = ReadAll(&*in, 4096);
  auto plain = InputFile::Open(std::string(RUNDOWN_TESTDATA) + "/p1_chat_clean_ff/strace_log.35");
  ASSERT_TRUE(plain.ok());
  const std::string text = ReadAll(&*plain, 1 << 16);
  ASSERT_GT(got.size(), 1000u);
  ASSERT_LT(got.size(), text.size());
  EXPECT_EQ(got, text.substr(0, got.size()));
  EXPECT_TRUE(in->status().ok());
  EXPECT_EQ(in->damage(), "the gzip data breaks off here (truncated gzip input): the rest of the file is lost");
  std::string damage;
  auto whole = ReadWholeFile(std::string(RUNDOWN_TESTDATA) + "/formats/compressed/cut_strace_log.35.gz", 1 << 20, &damage);
  ASSERT_TRUE(whole.ok());
  EXPECT_EQ(*whole, got);
  EXPECT_EQ(damage, in->damage());
}

TEST(InputFile, MagicNumbersAndSuffixes) {
  using namespace std::string_view_literals;
  EXPECT_EQ(DetectCompression("\x1F\x8B\x08"), Compression::kGzip);
  EXPECT_EQ(DetectCompression("\xFD" "7zXZ\0"sv), Compression::kXz);
  EXPECT_EQ(DetectCompression("\x28\xB5\x2F\xFD"), Compression::kZstd);
  EXPECT_EQ(DetectCompression("BZh9"), Compression::kBzip2);
  EXPECT_EQ(DetectCompression("BZh is not a block size"), Compression::kNone);  // text that starts "BZh"
  EXPECT_EQ(DetectCompression("\x04\x22\x4D\x18"), Compression::kLz4);
  EXPECT_EQ(DetectCompression("\x1F"), Compression::kNone);
  EXPECT_EQ(DetectCompression("19:31:04.528842 rseq("), Compression::kNone);
  EXPECT_EQ(WithoutCompressionSuffix("strace_log.28.gz"), "strace_log.28");
  EXPECT_EQ(WithoutCompressionSuffix("ps.txt.bz2"), "ps.txt");
  EXPECT_EQ(WithoutCompressionSuffix(".gz"), ".gz");
  EXPECT_EQ(WithoutCompressionSuffix("strace_log.28"), "strace_log.28");
}

}  // namespace rundown
