#include "bench/trace_generator.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <regex>
#include <string>
#include <string_view>
#include <vector>

#include "engine/ingest.h"

namespace rundown::bench {
namespace {

struct Generated {
  Manifest manifest;
  MemorySink sink;
};

Generated Generate(const std::string& variant, uint64_t bytes, uint64_t seed = 1) {
  Generated g;
  GenOptions o;
  auto v = ParseVariant(variant);
  EXPECT_TRUE(v.ok()) << v.status();
  o.variant = *v;
  o.target_bytes = bytes;
  o.seed = seed;
  g.manifest = GenerateTrace(o, &g.sink);
  return g;
}

// The part of a line after its pid prefix and timestamp.
std::string_view Body(std::string_view line) {
  size_t i = 0;
  if (line.starts_with("[pid ")) {
    i = line.find("] ") + 2;
  } else {
    while (i < line.size() && line[i] >= '0' && line[i] <= '9') ++i;
    if (i < line.size() && line[i] == ' ' && i > 0) {
      while (i < line.size() && line[i] == ' ') ++i;
    } else {
      i = 0;
    }
  }
  // Timestamp: digits, ':' and '.', possibly right-aligned with spaces (-r).
  size_t j = i;
  while (j < line.size() && line[j] == ' ') ++j;
  size_t k = j;
  while (k < line.size() && ((line[k] >= '0' && line[k] <= '9') || line[k] == ':' || line[k] == '.')) ++k;
  if (k > j && k < line.size() && line[k] == ' ' && line.substr(j, k - j).find_first_of(":.") != std::string_view::npos)
    i = k + 1;
  return line.substr(i);
}

// Counts by looking at each line on its own, independently of the generator.
struct LineCounts {
  uint64_t lines = 0, syscalls = 0, stitched = 0, signals = 0, exits = 0, errors = 0,
           messages = 0, unfinished_lines = 0;
};

LineCounts CountLines(const std::vector<std::pair<std::string, std::string>>& files) {
  static const std::regex kError(R"(\) += -1 E[A-Z0-9]+ \()");
  LineCounts c;
  for (const auto& [name, text] : files) {
    size_t start = 0;
    while (start < text.size()) {
      size_t nl = text.find('\n', start);
      std::string_view line(text.data() + start, (nl == std::string::npos ? text.size() : nl) - start);
      start = nl == std::string::npos ? text.size() : nl + 1;
      ++c.lines;
      if (line == " <unfinished ...>") continue;  // continuation after an attach message
      std::string_view b = Body(line);
      if (b.starts_with("--- SIG")) {
        ++c.signals;
      } else if (b.starts_with("+++ exited with ")) {
        ++c.exits;
      } else if (b.starts_with("strace: Process ")) {
        ++c.messages;
      } else if (b.find("strace: Process ") != std::string_view::npos) {
        ++c.messages;
        ++c.unfinished_lines;
      } else if (b.ends_with(" <unfinished ...>")) {
        ++c.unfinished_lines;
      } else {
        ++c.syscalls;
        if (b.starts_with("<... ")) ++c.stitched;
        if (std::regex_search(line.begin(), line.end(), kError)) ++c.errors;
      }
    }
  }
  return c;
}

class TraceGeneratorVariant : public ::testing::TestWithParam<std::string> {};

TEST_P(TraceGeneratorVariant, ManifestSaysExactlyWhatWasWritten) {
  Generated g = Generate(GetParam(), 2 << 20);
  const Manifest& m = g.manifest;
  ASSERT_EQ(m.files.size(), g.sink.files.size());
  uint64_t bytes = 0, lines = 0;
  for (size_t i = 0; i < m.files.size(); ++i) {
    const std::string& text = g.sink.files[i].second;
    EXPECT_EQ(m.files[i].name, g.sink.files[i].first);
    EXPECT_EQ(m.files[i].bytes, text.size()) << m.files[i].name;
    uint64_t nl = static_cast<uint64_t>(std::count(text.begin(), text.end(), '\n'));
    EXPECT_EQ(m.files[i].lines, nl) << m.files[i].name;
    EXPECT_TRUE(text.empty() || text.back() == '\n') << m.files[i].name;
    bytes += text.size();
    lines += nl;
  }
  EXPECT_EQ(m.bytes, bytes);
  EXPECT_EQ(m.lines, lines);
  EXPECT_GE(m.bytes, uint64_t{2} << 20);  // at least the size asked for, a little more
  EXPECT_LT(m.bytes, (uint64_t{2} << 20) + (32 << 10));
}

TEST_P(TraceGeneratorVariant, CountsAgreeWithAnIndependentLineCounter) {
  Generated g = Generate(GetParam(), 2 << 20);
  const Manifest& m = g.manifest;
  LineCounts c = CountLines(g.sink.files);
  EXPECT_EQ(c.lines, m.lines);
  EXPECT_EQ(c.syscalls, m.syscalls);
  EXPECT_EQ(c.stitched, m.stitched);
  EXPECT_EQ(c.unfinished_lines, m.stitched + m.unfinished);  // every unfinished half resumes
  EXPECT_EQ(c.signals, m.signals);
  EXPECT_EQ(c.exits, m.exits);
  EXPECT_EQ(c.errors, m.errors);
  EXPECT_EQ(c.messages, m.strace_messages);
  uint64_t per_syscall = 0;
  for (const auto& [name, n] : m.per_syscall) per_syscall += n;
  EXPECT_EQ(per_syscall, m.syscalls);
  EXPECT_EQ(m.events, m.syscalls + m.signals + m.exits + m.strace_messages + m.unfinished);
  EXPECT_EQ(m.unfinished, 0u);
  EXPECT_GT(m.errors, 0u);
  EXPECT_GE(m.signals, 1u);  // the SIGTERM at the end
}

// The parser is the system under test here: a parse of the generated trace must yield
// exactly the counts the generator wrote, and the same events for 1, 2 and 8 threads. Small chunks so that many unfinished/resumed
// pairs straddle a chunk boundary.
TEST_P(TraceGeneratorVariant, ParseCountsEqualTheManifest) {
  Generated g = Generate(GetParam(), 2 << 20);
  const Manifest& m = g.manifest;
  std::vector<InMemoryFile> files;
  for (const auto& [name, text] : g.sink.files) files.push_back({name, SourceKind::kStrace, text});
  uint64_t digest = 0;
  for (int threads : {1, 2, 8}) {
    IngestOptions o;
    o.threads = threads;
    o.chunk_bytes = 64 << 10;
    IngestStats stats;
    auto store = IngestBuffers(files, o, &stats);
    ASSERT_TRUE(store.ok()) << store.status();
    const ParseCounters& c = stats.totals;
    SCOPED_TRACE(testing::Message() << "threads=" << threads);
    // The same events, in the same order, whatever the thread count.
    if (digest == 0) digest = store->ContentDigest();
    EXPECT_EQ(store->ContentDigest(), digest);
    EXPECT_EQ(c.bytes, m.bytes);
    EXPECT_EQ(c.lines, m.lines);
    EXPECT_EQ(c.syscalls, m.syscalls);
    EXPECT_EQ(c.stitched, m.stitched);
    EXPECT_EQ(c.signals, m.signals);
    EXPECT_EQ(c.exits, m.exits);
    EXPECT_EQ(c.errors, m.errors);
    EXPECT_EQ(c.unfinished, m.unfinished);
    EXPECT_EQ(c.diagnostics, 0u);
    EXPECT_EQ(store->size(), m.events);
  }
}

INSTANTIATE_TEST_SUITE_P(AllPresets, TraceGeneratorVariant, ::testing::ValuesIn(PresetVariants()),
                         [](const testing::TestParamInfo<std::string>& info) {
                           std::string n = info.param;
                           for (char& ch : n)
                             if (ch == '-') ch = '_';
                           return n;
                         });

TEST(TraceGenerator, SameSeedGivesTheSameBytes) {
  Generated a = Generate("f-tt-T-y", 1 << 20, 7);
  Generated b = Generate("f-tt-T-y", 1 << 20, 7);
  Generated c = Generate("f-tt-T-y", 1 << 20, 8);
  ASSERT_EQ(a.sink.files.size(), 1u);
  EXPECT_EQ(a.sink.files[0].second, b.sink.files[0].second);
  EXPECT_NE(a.sink.files[0].second, c.sink.files[0].second);
}

TEST(TraceGenerator, PerTidFilesHaveNoSplitCallsAndOneFilePerTask) {
  Generated g = Generate("ff-tt-T-y-child", 2 << 20);
  EXPECT_EQ(g.manifest.stitched, 0u);
  EXPECT_EQ(g.manifest.files.size(), g.manifest.threads);
  for (const auto& [name, text] : g.sink.files) {
    EXPECT_TRUE(name.starts_with("strace_log.")) << name;
    EXPECT_EQ(text.find("<unfinished ...>"), std::string::npos) << name;
    EXPECT_EQ(text.find("resumed>"), std::string::npos) << name;
    // Every task's file ends with its exit.
    EXPECT_TRUE(text.ends_with(" +++\n")) << name;
  }
}

// Every "<unfinished ...>" half is followed, later, by the "<... NAME resumed>" half of the
// same thread and the same call, and a thread has at most one call in flight.
TEST(TraceGenerator, ResumedHalvesFollowTheirUnfinishedHalf) {
  Generated g = Generate("f-ttt-T-y-s256", 2 << 20);
  const std::string& text = g.sink.files[0].second;
  std::map<int, std::string> in_flight;  // tid -> syscall name
  size_t start = 0;
  uint64_t pairs = 0;
  while (start < text.size()) {
    size_t nl = text.find('\n', start);
    std::string_view line(text.data() + start, nl - start);
    start = nl + 1;
    int tid = std::stoi(std::string(line.substr(0, line.find(' '))));
    std::string_view b = Body(line);
    if (b.ends_with(" <unfinished ...>")) {
      ASSERT_EQ(in_flight.count(tid), 0u) << line;
      in_flight[tid] = std::string(b.substr(0, b.find('(')));
    } else if (b.starts_with("<... ")) {
      ASSERT_EQ(in_flight.count(tid), 1u) << line;
      EXPECT_TRUE(b.starts_with("<... " + in_flight[tid] + " resumed>")) << line;
      in_flight.erase(tid);
      ++pairs;
    }
  }
  EXPECT_TRUE(in_flight.empty());
  EXPECT_EQ(pairs, g.manifest.stitched);
  EXPECT_GT(pairs, 100u);
}

// Shapes copied from the captures: the "= " column, -T, the pid column, -y annotations.
TEST(TraceGenerator, LinesHaveStraceShapes) {
  Generated g = Generate("f-tt-T-y", 1 << 20);
  const std::string& text = g.sink.files[0].second;
  EXPECT_TRUE(text.starts_with(
      "28    19:31:21.065207 execve(\"/usr/bin/node\", [\"node\", \"app.js\"], 0x7ffea00c0ff8 /* 7 vars */) = 0 <0.001703>\n"));
  EXPECT_NE(text.find("28    19:31:21.066936 brk(NULL)         = 0x11613000 <"), std::string::npos);
  EXPECT_NE(text.find(" accept4(19<socket:[36008]>, NULL, NULL, SOCK_CLOEXEC|SOCK_NONBLOCK) = "), std::string::npos);
  EXPECT_NE(text.find(" epoll_pwait(14<anon_inode:[eventpoll]>,  <unfinished ...>\n"), std::string::npos);
  EXPECT_NE(text.find(" <... epoll_pwait resumed>[{events=EPOLLIN, data={u32=17, u64=17}}], 1024, "), std::string::npos);
  EXPECT_NE(text.find(" --- SIGTERM {si_signo=SIGTERM, si_code=SI_USER, si_pid=1, si_uid=0} ---\n"), std::string::npos);
  EXPECT_NE(text.find(" exit_group(0)     = ?\n"), std::string::npos);  // "= " at column 40
  EXPECT_TRUE(text.ends_with(" +++ exited with 0 +++\n"));
  // -s 32: buffers are cut, paths are not.
  EXPECT_NE(text.find("\"GET / HTTP/1.1\\r\\nHost: 127.0.0.1:\"..., 65536) = 59 <"), std::string::npos);
  EXPECT_NE(text.find("\"/home/auditor/app/frontend/index.html\", O_RDONLY|O_CLOEXEC) = "), std::string::npos);

  Generated yy = Generate("ff-tt-T-yy-s256", 1 << 20);
  std::string main_file;
  for (const auto& [name, t] : yy.sink.files)
    if (name == "strace_log.28") main_file = t;
  EXPECT_NE(main_file.find("accept4(19<TCPv6:[[::]:3000]>, NULL, NULL, SOCK_CLOEXEC|SOCK_NONBLOCK) = "),
            std::string::npos);
  EXPECT_NE(main_file.find("<TCPv6:[[::ffff:127.0.0.1]:3000->[::ffff:127.0.0.1]:"), std::string::npos);
  EXPECT_NE(main_file.find("<TCP:[127.0.0.1:3001->127.0.0.1:"), std::string::npos);
}

TEST(TraceGenerator, PidBracketPrefixOnlyWhileSeveralTasksAreTraced) {
  Generated g = Generate("pid-bracket-tt-T-y", 1 << 20);
  const std::string& text = g.sink.files[0].second;
  EXPECT_TRUE(text.starts_with("19:31:21.065207 execve("));  // one task: no prefix
  EXPECT_NE(text.find("strace: Process 32 attached\n <unfinished ...>\n[pid    32] "), std::string::npos);
  EXPECT_NE(text.find("[pid    28] "), std::string::npos);
  // The main thread exits last, alone again: no prefix.
  size_t last = text.rfind('\n', text.size() - 2) + 1;
  EXPECT_TRUE(text.substr(last).ends_with(" +++ exited with 0 +++\n"));
  EXPECT_NE(text[last], '[') << text.substr(last);
}

TEST(TraceGenerator, FileSinkWritesTheBytesMemorySinkGets) {
  for (const char* variant : {"f-tt-T-y", "ff-tt-T-y-child"}) {
    Generated g = Generate(variant, 1 << 20);
    std::string dir = testing::TempDir() + "/rundown_gen_" + std::to_string(::getpid());
    std::string out = g.sink.files.size() == 1 ? dir + ".strace" : dir;
    GenOptions o;
    o.variant = *ParseVariant(variant);
    o.target_bytes = 1 << 20;
    FileSink sink(out, g.sink.files.size() > 1);
    Manifest m = GenerateTrace(o, &sink);
    ASSERT_TRUE(sink.Close().ok());
    EXPECT_EQ(m.ToJson(), g.manifest.ToJson());
    for (const auto& [name, text] : g.sink.files) {
      std::ifstream in(g.sink.files.size() == 1 ? out : out + "/" + name, std::ios::binary);
      std::stringstream ss;
      ss << in.rdbuf();
      EXPECT_EQ(ss.str(), text) << variant << " " << name;
    }
    std::filesystem::remove_all(out);
  }
}

TEST(TraceGenerator, VariantNamesRoundTrip) {
  for (const std::string& name : PresetVariants()) {
    auto v = ParseVariant(name);
    ASSERT_TRUE(v.ok()) << name;
    EXPECT_EQ(VariantName(*v), name);
  }
  EXPECT_EQ(StraceFlags(*ParseVariant("f-ttt-T-y-s256")), "-f -ttt -T -y -s 256");
  EXPECT_EQ(StraceFlags(*ParseVariant("none")), "");
  EXPECT_FALSE(ParseVariant("f-ff").ok());
  EXPECT_FALSE(ParseVariant("f-tt-ttt").ok());
  EXPECT_FALSE(ParseVariant("f-q").ok());
  EXPECT_FALSE(ParseVariant("s0").ok());
}

}  // namespace
}  // namespace rundown::bench
