// rundown_bench: Google Benchmark micro-benchmarks of the parsers and of ingestion, each with
// baselines on the same buffer in the same binary (docs/BENCHMARKS.md).
//
//   BM_Parse/<source>        MakeParser(kind, {})->ParseChunk over the buffer, cut into 1 MiB
//                            chunks on line boundaries when the parser is Splittable() (as the
//                            engine does), else as one chunk
//   BM_MemchrLines/<source>  baseline: memchr line count of the same buffer
//   BM_ByteLoop/<source>     baseline: a plain byte-by-byte newline count of the same buffer
//   BM_LinePrefix/<variant>  strace::SplitLine (pid column or [pid N], timestamp) on every line
//                            of the generated strace buffer: the per-line work every call pays
//   BM_Ingest/threads:N      Ingest() of a generated -f -tt -T -y file (page cache) with N threads
//   BM_ReadLines             baseline for BM_Ingest: read(2) of the same file + memchr line count
//   BM_IngestFloor/<what>/threads:N
//                            Ingest() of the same file with reduced parsers, the cost of the
//                            pipeline around the strace parser: "lines" only splits lines,
//                            "events" also stores one 40-byte event per line, "prefix" also
//                            reads each line's pid column and timestamp (strace::SplitLine),
//                            "structural" is "events" after one SSE2 pass over the chunk that
//                            writes a 64-bit mask per 64 bytes for each of " ( ) < > = \n
//                            (the index a SIMD-first decoder would start from)
//   BM_StoreAppend/<bytes>   the store side of the event size: 8.1 M records of 40 (Event),
//                            32 or 24 bytes appended batch by batch into fresh reserved memory
//   BM_Generate/<variant>    the trace generator itself, into a sink that drops the bytes
//
// strace sources are generated in memory at set-up (RUNDOWN_BENCH_MB, default 64 MiB); the
// other sources are the real testdata files replicated to RUNDOWN_BENCH_SMALL_MB (default 8).
// BM_Ingest uses a RUNDOWN_BENCH_INGEST_MB (default 256) file in $TMPDIR, removed at exit.
// Every benchmark checks its result once before timing and reports an error instead of a
// number when the check fails.
#include <benchmark/benchmark.h>
#include <emmintrin.h>
#include <fcntl.h>
#include <sys/resource.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "bench/trace_generator.h"
#include "engine/ingest.h"
#include "parsers/chunk_reader.h"
#include "parsers/parser_registry.h"
#include "parsers/source_parser.h"
#include "parsers/strace_line.h"

namespace rundown::bench {
namespace {

constexpr size_t kChunkBytes = ChunkReader::kDefaultChunkBytes;

size_t EnvMiB(const char* name, size_t def) {
  const char* v = std::getenv(name);
  if (v == nullptr || *v == '\0') return def;
  long n = std::strtol(v, nullptr, 10);
  return n > 0 ? static_cast<size_t>(n) : def;
}

uint64_t CountNewlines(std::string_view s) {
  uint64_t n = 0;
  const char* p = s.data();
  const char* end = p + s.size();
  while (p < end) {
    const void* nl = std::memchr(p, '\n', static_cast<size_t>(end - p));
    if (nl == nullptr) break;
    ++n;
    p = static_cast<const char*>(nl) + 1;
  }
  return n;
}

uint64_t PeakRssMiB() {
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  return static_cast<uint64_t>(ru.ru_maxrss) / 1024;
}

// ---- data sets ------------------------------------------------------------------------

struct Dataset {
  std::string key;
  SourceKind kind = SourceKind::kUnknown;
  int32_t default_tid = 0;
  std::string text;
  std::vector<Chunk> chunks;
  uint64_t lines = 0;  // physical lines (memchr count, plus an unterminated last line)
  std::string error;   // set-up failure, reported by every benchmark on this data set
};

struct RealSource {
  const char* key;
  SourceKind kind;
  const char* file;     // under testdata/
  int header_lines;     // kept once, not replicated
};
constexpr RealSource kRealSources[] = {
    {"inotify/p1-default", SourceKind::kInotify, "p1_chat_clean_ff/inotify.log", 0},
    {"inotify/p2-timefmt", SourceKind::kInotify, "p2_chat_clean_single/inotify.log", 0},
    {"inotify/p4-csv", SourceKind::kInotify, "p4_shell_spawn/inotify.log", 0},
    {"ss/p1-tunap", SourceKind::kSs, "p1_chat_clean_ff/ss.txt", 1},
    {"netstat/p2-tulpn", SourceKind::kNetstat, "p2_chat_clean_single/netstat.txt", 2},
    {"ps/p1-aux", SourceKind::kPs, "p1_chat_clean_ff/ps.txt", 1},
    {"ps/p2-ef", SourceKind::kPs, "p2_chat_clean_single/ps.txt", 1},
    {"program_log/p1-text", SourceKind::kProgramLog, "p1_chat_clean_ff/program.log", 0},
    {"program_log/p2-ndjson", SourceKind::kProgramLog, "p2_chat_clean_single/program.log", 0},
};

// strace variants parsed by BM_Parse: every prefix and timestamp form.
const std::vector<std::string>& StraceVariants() {
  static const std::vector<std::string> v = {"f-tt-T-y",  "ff-tt-T-y", "f-ttt-T-y-s256",
                                             "pid-bracket-tt-T-y", "f-r-T", "none", "t"};
  return v;
}

void CutChunks(Dataset* d, bool splittable) {
  std::string_view all = d->text;
  size_t off = 0;
  uint32_t index = 0;
  while (off < all.size()) {
    size_t len = all.size() - off;
    if (splittable && len > kChunkBytes) {
      size_t nl = all.rfind('\n', off + kChunkBytes - 1);
      len = (nl == std::string_view::npos || nl < off) ? kChunkBytes : nl + 1 - off;
    }
    Chunk c;
    c.text = all.substr(off, len);
    c.offset = off;
    c.index = index++;
    off += len;
    c.last = off == all.size();
    d->chunks.push_back(c);
  }
  d->lines = CountNewlines(all) + (!all.empty() && all.back() != '\n' ? 1 : 0);
}

std::unique_ptr<Dataset> BuildStrace(const std::string& variant) {
  auto d = std::make_unique<Dataset>();
  d->key = "strace/" + variant;
  d->kind = SourceKind::kStrace;
  auto v = ParseVariant(variant);
  if (!v.ok()) {
    d->error = std::string(v.status().message());
    return d;
  }
  GenOptions o;
  o.variant = *v;
  o.target_bytes = EnvMiB("RUNDOWN_BENCH_MB", 64) << 20;
  MemorySink sink;
  GenerateTrace(o, &sink);
  // -ff: the main thread's file, which holds nearly all of the trace.
  size_t pick = 0;
  for (size_t i = 0; i < sink.files.size(); ++i)
    if (sink.files[i].second.size() > sink.files[pick].second.size()) pick = i;
  if (v->prefix == PrefixMode::kPerTidFiles) d->default_tid = 28;
  d->text = std::move(sink.files[pick].second);
  CutChunks(d.get(), true);
  return d;
}

std::unique_ptr<Dataset> BuildReal(const RealSource& src) {
  auto d = std::make_unique<Dataset>();
  d->key = src.key;
  d->kind = src.kind;
  std::string path = std::string(RUNDOWN_TESTDATA) + "/" + src.file;
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  std::string file = ss.str();
  if (!in || file.empty()) {
    d->error = "cannot read " + path;
    return d;
  }
  if (file.back() != '\n') file.push_back('\n');
  size_t body = 0;
  for (int i = 0; i < src.header_lines; ++i) body = file.find('\n', body) + 1;
  const size_t target = EnvMiB("RUNDOWN_BENCH_SMALL_MB", 8) << 20;
  d->text = file.substr(0, body);
  std::string_view rows = std::string_view(file).substr(body);
  while (d->text.size() < target) d->text.append(rows);
  auto parser = MakeParser(src.kind, {});
  CutChunks(d.get(), parser->Splittable());
  return d;
}

// One data set in memory at a time (benchmarks run in registration order).
const Dataset& GetDataset(const std::string& key) {
  static std::unique_ptr<Dataset> current;
  if (current != nullptr && current->key == key) return *current;
  current.reset();
  if (key.rfind("strace/", 0) == 0) {
    current = BuildStrace(key.substr(7));
  } else {
    for (const RealSource& s : kRealSources)
      if (key == s.key) current = BuildReal(s);
  }
  return *current;
}

// ---- parser benchmarks ------------------------------------------------------------------

struct ParseResult {
  ParseCounters counters;
  uint64_t events = 0;
};

ParseResult ParseAll(const SourceParser& parser, const FileContext& ctx, const Dataset& d) {
  ParseResult r;
  for (const Chunk& c : d.chunks) {
    EventBatch b;
    b.file = ctx.file;
    parser.ParseChunk(ctx, c, &b);
    r.counters.Add(b.counters);
    r.events += b.events.size();
  }
  return r;
}

void BM_Parse(benchmark::State& state, const std::string& key) {
  const Dataset& d = GetDataset(key);
  if (!d.error.empty()) return state.SkipWithError(d.error.c_str());
  auto parser = MakeParser(d.kind, {});
  FileContext ctx;
  ctx.file = 0;
  ctx.kind = d.kind;
  ctx.path = key;
  ctx.default_tid = d.default_tid;
  // Check once before timing: every line seen, something parsed, nothing unreadable.
  ParseResult first = ParseAll(*parser, ctx, d);
  if (first.counters.lines != d.lines) {
    std::string e = "parser counted " + std::to_string(first.counters.lines) + " lines, buffer has " +
                    std::to_string(d.lines);
    return state.SkipWithError(e.c_str());
  }
  if (first.events == 0) return state.SkipWithError("parser produced no events (not implemented yet?)");
  if (d.kind == SourceKind::kStrace && first.counters.diagnostics != 0) {
    std::string e = std::to_string(first.counters.diagnostics) + " diagnostics on a generated trace";
    return state.SkipWithError(e.c_str());
  }
  for (auto _ : state) {
    ParseResult r = ParseAll(*parser, ctx, d);
    benchmark::DoNotOptimize(r.events);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * d.text.size()));
  state.counters["events"] = benchmark::Counter(static_cast<double>(first.events * state.iterations()),
                                                benchmark::Counter::kIsRate);
  state.counters["lines"] = static_cast<double>(d.lines);
  state.counters["diagnostics"] = static_cast<double>(first.counters.diagnostics);
  state.counters["chunks"] = static_cast<double>(d.chunks.size());
}

void BM_MemchrLines(benchmark::State& state, const std::string& key) {
  const Dataset& d = GetDataset(key);
  if (!d.error.empty()) return state.SkipWithError(d.error.c_str());
  std::string_view text = d.text;
  if (CountNewlines(text) + (text.back() != '\n') != d.lines) return state.SkipWithError("line count mismatch");
  for (auto _ : state) benchmark::DoNotOptimize(CountNewlines(text));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
}

[[gnu::noinline]] uint64_t ByteLoopCount(const char* p, size_t n) {
  uint64_t lines = 0;
  for (size_t i = 0; i < n; ++i) lines += p[i] == '\n';
  return lines;
}

void BM_ByteLoop(benchmark::State& state, const std::string& key) {
  const Dataset& d = GetDataset(key);
  if (!d.error.empty()) return state.SkipWithError(d.error.c_str());
  if (ByteLoopCount(d.text.data(), d.text.size()) != CountNewlines(d.text))
    return state.SkipWithError("line count mismatch");
  for (auto _ : state) benchmark::DoNotOptimize(ByteLoopCount(d.text.data(), d.text.size()));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * d.text.size()));
}

void BM_LinePrefix(benchmark::State& state, const std::string& key) {
  const Dataset& d = GetDataset(key);
  if (!d.error.empty()) return state.SkipWithError(d.error.c_str());
  auto split_all = [&d] {
    uint64_t timed = 0;
    std::string_view rest = d.text;
    while (!rest.empty()) {
      const size_t nl = rest.find('\n');
      strace::LineParts p;
      strace::SplitLine(rest.substr(0, nl), d.default_tid, &p);
      timed += p.time_ns != kNoTime;
      rest = nl == std::string_view::npos ? std::string_view() : rest.substr(nl + 1);
    }
    return timed;
  };
  // Check once: a variant with timestamps has one on every line it generated.
  const uint64_t timed = split_all();
  if (key.find("-t") != std::string::npos && timed == 0) return state.SkipWithError("no timestamps read");
  for (auto _ : state) benchmark::DoNotOptimize(split_all());
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * d.text.size()));
  state.counters["lines"] = benchmark::Counter(static_cast<double>(d.lines * state.iterations()),
                                               benchmark::Counter::kIsRate);
}

// ---- ingestion --------------------------------------------------------------------------

// A generated -f -tt -T -y trace on disk, removed at exit.
struct TempTrace {
  std::string path;
  Manifest manifest;
  std::string error;
  ~TempTrace() {
    if (!path.empty()) std::remove(path.c_str());
  }
};

const TempTrace& GetTempTrace() {
  static TempTrace t;
  if (!t.path.empty() || !t.error.empty()) return t;
  std::filesystem::path dir = std::filesystem::temp_directory_path();
  std::string path = (dir / ("rundown_bench_" + std::to_string(getpid()) + ".strace")).string();
  GenOptions o;
  o.variant = *ParseVariant("f-tt-T-y");
  o.target_bytes = EnvMiB("RUNDOWN_BENCH_INGEST_MB", 256) << 20;
  FileSink sink(path, false);
  t.path = path;
  t.manifest = GenerateTrace(o, &sink);
  if (absl::Status s = sink.Close(); !s.ok()) t.error = std::string(s.message());
  // Warm the page cache.
  if (t.error.empty()) {
    int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
    std::vector<char> buf(kChunkBytes);
    while (fd >= 0 && read(fd, buf.data(), buf.size()) > 0) {
    }
    if (fd >= 0) close(fd);
  }
  return t;
}

std::string CompareToManifest(const ParseCounters& c, const Manifest& m) {
  std::string out;
  auto cmp = [&](const char* what, uint64_t got, uint64_t want) {
    if (got != want) out += std::string(what) + " " + std::to_string(got) + " != manifest " + std::to_string(want) + "; ";
  };
  cmp("bytes", c.bytes, m.bytes);
  cmp("lines", c.lines, m.lines);
  cmp("syscalls", c.syscalls, m.syscalls);
  cmp("stitched", c.stitched, m.stitched);
  cmp("signals", c.signals, m.signals);
  cmp("exits", c.exits, m.exits);
  cmp("errors", c.errors, m.errors);
  cmp("unfinished", c.unfinished, m.unfinished);
  cmp("diagnostics", c.diagnostics, 0);
  return out;
}

// The temp trace as Ingest's input, and options with the benchmark's thread count.
std::vector<DiscoveredFile> TempTraceFiles(const TempTrace& t) { return {{t.path, SourceKind::kStrace, 0, "override", ""}}; }
IngestOptions IngestOptionsFor(const benchmark::State& state) {
  IngestOptions o;
  o.threads = static_cast<int>(state.range(0));
  o.chunk_bytes = kChunkBytes;
  return o;
}

void BM_Ingest(benchmark::State& state) {
  const TempTrace& t = GetTempTrace();
  if (!t.error.empty()) return state.SkipWithError(t.error.c_str());
  const std::vector<DiscoveredFile> files = TempTraceFiles(t);
  const IngestOptions o = IngestOptionsFor(state);
  {
    IngestStats st;
    auto store = Ingest(files, o, &st);
    if (!store.ok()) return state.SkipWithError(std::string(store.status().message()).c_str());
    std::string diff = CompareToManifest(st.totals, t.manifest);
    if (!diff.empty()) return state.SkipWithError(("parse != generator manifest: " + diff).c_str());
  }
  uint64_t events = 0;
  for (auto _ : state) {
    IngestStats st;
    auto store = Ingest(files, o, &st);
    events = store.ok() ? store->size() : 0;
    benchmark::DoNotOptimize(events);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * t.manifest.bytes));
  state.counters["events"] =
      benchmark::Counter(static_cast<double>(events * state.iterations()), benchmark::Counter::kIsRate);
  state.counters["peak_rss_MiB"] = static_cast<double>(PeakRssMiB());
}

// The masks of a structural index: one bit per byte of `text` for each of the bytes below,
// 64 bytes per word, words of one block side by side (kStructuralBytes words per block).
constexpr char kStructuralBytes[] = {'"', '(', ')', '<', '>', '=', '\n'};
constexpr size_t kStructuralKinds = sizeof(kStructuralBytes);

uint64_t BlockMask(const char* p, char c) {
  const __m128i needle = _mm_set1_epi8(c);
  uint64_t m = 0;
  for (int i = 0; i < 4; ++i) {
    __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 16 * i));
    m |= static_cast<uint64_t>(static_cast<uint16_t>(_mm_movemask_epi8(_mm_cmpeq_epi8(v, needle)))) << (16 * i);
  }
  return m;
}

void StructuralIndex(std::string_view text, std::vector<uint64_t>* index) {
  const size_t blocks = text.size() / 64;
  index->resize((blocks + 1) * kStructuralKinds);
  uint64_t* out = index->data();
  for (size_t b = 0; b < blocks; ++b, out += kStructuralKinds)
    for (size_t k = 0; k < kStructuralKinds; ++k) out[k] = BlockMask(text.data() + 64 * b, kStructuralBytes[k]);
  char tail[64] = {};
  std::memcpy(tail, text.data() + 64 * blocks, text.size() - 64 * blocks);
  for (size_t k = 0; k < kStructuralKinds; ++k) out[k] = BlockMask(tail, kStructuralBytes[k]);
}

// A parser that does only part of the strace parser's work on every line (BM_IngestFloor).
class FloorParser : public SourceParser {
 public:
  enum Work { kLines, kEvents, kPrefix, kStructural };
  explicit FloorParser(Work work) : work_(work) {}
  SourceKind kind() const override { return SourceKind::kStrace; }
  bool Splittable() const override { return true; }
  void ParseChunk(const FileContext& ctx, const Chunk& chunk, EventBatch* out) const override {
    out->events.reserve(chunk.text.size() / 32 + 16);
    if (work_ == kStructural) {
      thread_local std::vector<uint64_t> index;
      StructuralIndex(chunk.text, &index);
      benchmark::DoNotOptimize(index.data());
      benchmark::ClobberMemory();
    }
    out->counters.lines += ForEachLine(chunk.text, [&](std::string_view line, uint32_t no) {
      if (work_ == kLines) return;
      Event e;
      e.line = no;
      e.file = ctx.file;
      if (work_ == kPrefix) {
        strace::LineParts p;
        strace::SplitLine(line, ctx.default_tid, &p);
        e.tid = p.tid;
        e.time_ns = p.time_ns;
      }
      out->events.push_back(e);
    });
    out->counters.bytes += chunk.text.size();
  }

 private:
  Work work_;
};

void BM_IngestFloor(benchmark::State& state, FloorParser::Work work) {
  const TempTrace& t = GetTempTrace();
  if (!t.error.empty()) return state.SkipWithError(t.error.c_str());
  const std::vector<DiscoveredFile> files = TempTraceFiles(t);
  IngestOptions o = IngestOptionsFor(state);
  o.make_parser = [work](SourceKind) { return std::make_unique<FloorParser>(work); };
  uint64_t lines = 0, events = 0;
  for (auto _ : state) {
    IngestStats st;
    auto store = Ingest(files, o, &st);
    lines = st.totals.lines;
    events = store.ok() ? store->size() : 0;
    benchmark::DoNotOptimize(events);
  }
  if (lines != t.manifest.lines) return state.SkipWithError("line count != manifest");
  if (events != (work == FloorParser::kLines ? 0 : t.manifest.lines)) return state.SkipWithError("event count != lines");
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * t.manifest.bytes));
  state.counters["peak_rss_MiB"] = static_cast<double>(PeakRssMiB());
}

void BM_ReadLines(benchmark::State& state) {
  const TempTrace& t = GetTempTrace();
  if (!t.error.empty()) return state.SkipWithError(t.error.c_str());
  std::vector<char> buf(kChunkBytes);
  auto count = [&]() -> uint64_t {
    int fd = open(t.path.c_str(), O_RDONLY | O_CLOEXEC);
    uint64_t n = 0;
    ssize_t got;
    while (fd >= 0 && (got = read(fd, buf.data(), buf.size())) > 0)
      n += CountNewlines(std::string_view(buf.data(), static_cast<size_t>(got)));
    if (fd >= 0) close(fd);
    return n;
  };
  if (count() != t.manifest.lines) return state.SkipWithError("line count != manifest");
  for (auto _ : state) benchmark::DoNotOptimize(count());
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * t.manifest.bytes));
}

// What a smaller event would save in the merge (Event is 40 bytes; issue 4): the 1 GiB
// trace's 8.1 M events appended 7,600 at a time (a 1 MiB chunk's worth) from one reused,
// cache-hot batch into a vector reserved as the store is, with the merge's per-event fix-up
// of the line and the string id. The memory is fresh every iteration, as a parse's store is:
// most of the time is the first touch of its pages (page faults, kernel time).
template <size_t kBytes>
struct StoreRecord {
  int64_t time_ns = 0;
  uint32_t line = 0;
  uint32_t str = 0;
  unsigned char rest[kBytes - 16] = {};
};
static_assert(sizeof(StoreRecord<40>) == sizeof(Event));

template <size_t kBytes>
void BM_StoreAppend(benchmark::State& state) {
  using R = StoreRecord<kBytes>;
  constexpr size_t kEvents = 8135137, kPerBatch = 7600, kStrings = 300;
  std::vector<R> batch(kPerBatch);
  for (size_t i = 0; i < kPerBatch; ++i) {
    batch[i].line = static_cast<uint32_t>(i);
    batch[i].str = static_cast<uint32_t>(i % kStrings);
  }
  std::vector<uint32_t> str_map(kStrings);
  for (size_t i = 0; i < kStrings; ++i) str_map[i] = static_cast<uint32_t>(i * 7);
  for (auto _ : state) {
    std::vector<R> store;
    store.reserve((size_t{1} << 30) / 40);  // as Ingest reserves for 1 GiB of input
    for (size_t done = 0; done < kEvents; done += kPerBatch) {
      const size_t n = std::min(kPerBatch, kEvents - done), at = store.size();
      store.insert(store.end(), batch.begin(), batch.begin() + static_cast<ptrdiff_t>(n));
      for (R* r = store.data() + at; r != store.data() + store.size(); ++r) {
        r->line += static_cast<uint32_t>(done);
        r->str = str_map[r->str];
      }
    }
    benchmark::DoNotOptimize(store.data());
  }
  state.counters["store_MiB"] = static_cast<double>(kEvents * kBytes >> 20);
}

// ---- the generator ----------------------------------------------------------------------

class NullSink : public Sink {
 public:
  void Append(int, std::string_view, std::string_view bytes) override { n += bytes.size(); }
  uint64_t n = 0;
};

void BM_Generate(benchmark::State& state, const std::string& variant) {
  GenOptions o;
  o.variant = *ParseVariant(variant);
  o.target_bytes = EnvMiB("RUNDOWN_BENCH_MB", 64) << 20;
  uint64_t bytes = 0;
  for (auto _ : state) {
    NullSink sink;
    Manifest m = GenerateTrace(o, &sink);
    if (m.bytes != sink.n) return state.SkipWithError("manifest bytes != bytes written");
    bytes += m.bytes;
  }
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
}

void RegisterAll() {
  for (const std::string& v : StraceVariants()) {
    std::string key = "strace/" + v;
    benchmark::RegisterBenchmark(("BM_Parse/" + key).c_str(), BM_Parse, key)->Unit(benchmark::kMillisecond);
    benchmark::RegisterBenchmark(("BM_MemchrLines/" + key).c_str(), BM_MemchrLines, key)
        ->Unit(benchmark::kMillisecond);
    benchmark::RegisterBenchmark(("BM_ByteLoop/" + key).c_str(), BM_ByteLoop, key)->Unit(benchmark::kMillisecond);
    benchmark::RegisterBenchmark(("BM_LinePrefix/" + key).c_str(), BM_LinePrefix, key)
        ->Unit(benchmark::kMillisecond);
  }
  for (const RealSource& s : kRealSources) {
    std::string key = s.key;
    benchmark::RegisterBenchmark(("BM_Parse/" + key).c_str(), BM_Parse, key)->Unit(benchmark::kMillisecond);
    benchmark::RegisterBenchmark(("BM_MemchrLines/" + key).c_str(), BM_MemchrLines, key)
        ->Unit(benchmark::kMillisecond);
    benchmark::RegisterBenchmark(("BM_ByteLoop/" + key).c_str(), BM_ByteLoop, key)->Unit(benchmark::kMillisecond);
  }
  benchmark::RegisterBenchmark("BM_ReadLines", BM_ReadLines)->Unit(benchmark::kMillisecond)->UseRealTime();
  benchmark::RegisterBenchmark("BM_StoreAppend/40", BM_StoreAppend<40>)->Unit(benchmark::kMillisecond);
  benchmark::RegisterBenchmark("BM_StoreAppend/32", BM_StoreAppend<32>)->Unit(benchmark::kMillisecond);
  benchmark::RegisterBenchmark("BM_StoreAppend/24", BM_StoreAppend<24>)->Unit(benchmark::kMillisecond);
  for (auto [name, work] : {std::pair{"lines", FloorParser::kLines}, std::pair{"events", FloorParser::kEvents},
                            std::pair{"prefix", FloorParser::kPrefix},
                            std::pair{"structural", FloorParser::kStructural}}) {
    benchmark::RegisterBenchmark((std::string("BM_IngestFloor/") + name).c_str(), BM_IngestFloor, work)
        ->ArgName("threads")
        ->Arg(1)
        ->Arg(2)
        ->Unit(benchmark::kMillisecond)
        ->UseRealTime();
  }
  benchmark::RegisterBenchmark("BM_Ingest", BM_Ingest)
      ->ArgName("threads")
      ->Arg(1)
      ->Arg(2)
      ->Unit(benchmark::kMillisecond)
      ->UseRealTime()
      ->MeasureProcessCPUTime();
  for (const char* v : {"f-tt-T-y", "ff-tt-T-y", "f-ttt-T-y-s256"}) {
    benchmark::RegisterBenchmark((std::string("BM_Generate/") + v).c_str(), BM_Generate, std::string(v))
        ->Unit(benchmark::kMillisecond);
  }
}

}  // namespace
}  // namespace rundown::bench

int main(int argc, char** argv) {
  rundown::bench::RegisterAll();
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
