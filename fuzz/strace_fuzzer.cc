// libFuzzer target for StraceParser: parses the input as one chunk, then again as two
// chunks split at an input-derived line boundary, joining the fragments the way the engine
// does (StraceParser::DecodeJoined). Checks the batch invariants the engine relies on:
// line numbers within the chunk and in order, valid detail / string / name ids, fragments
// pointing at placeholders (bytes are counted by the engine, not the parser). And, line by
// line, that reading an argument list from both ends (strace::ScanFirstArg) finds the same
// ')' and first argument as the full scan whenever both read the list and nothing after it
// looks like another, and whether the first '>' after it ends the line as a search says;
// and that the DNS packet reader stays within bounds on every line.
// Where the CPU runs AVX2, its versions of the scans (parsers/simd.h) must agree with the
// SSE2 ones: the newline masks of the whole input, ScanFirstArg on every line; so must
// ScanFirstArg given the annotated fd arguments it read before (FirstArgMemo). A resumed line
// joined to the last unfinished one must read as the first half's call name. The start and end
// of a cut line joined by JoinCutLine must parse too.
// Input is capped at 1 MiB.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "parsers/dns_query.h"
#include "parsers/sent_payload.h"
#include "parsers/event_batch.h"
#include "parsers/simd.h"
#include "parsers/source_parser.h"
#include "parsers/strace_args.h"
#include "parsers/strace_line.h"
#include "parsers/strace_parser.h"

namespace {

constexpr size_t kMaxInput = 1 << 20;

void Check(bool ok) {
  if (!ok) __builtin_trap();
}

void CheckBatch(const rundown::EventBatch& b, std::string_view text) {
  uint32_t lines = static_cast<uint32_t>(b.counters.lines);
  Check(b.counters.events == b.events.size());
  uint32_t prev = 0;
  for (const rundown::Event& e : b.events) {
    Check(e.line >= 1 && e.line <= lines);
    Check(e.line >= prev);
    prev = e.line;
    Check(e.detail == rundown::kNoDetail || e.detail < b.details.size());
    Check(e.str < b.strings.size());
    Check(e.name < b.names.size());
  }
  for (const rundown::Detail& d : b.details) Check(d.str2 < b.strings.size() && d.str3 < b.strings.size());
  for (const rundown::Fragment& f : b.fragments) {
    Check(f.event_index < b.events.size());
    rundown::EventType t = b.events[f.event_index].type;
    Check(t == (f.unfinished ? rundown::EventType::kUnfinished : rundown::EventType::kResumed));
  }
  for (const auto& [index, resumed_line] : b.stitches) {
    Check(index < b.events.size());
    Check(resumed_line > b.events[index].line && resumed_line <= lines);
  }
  Check(b.diagnostics.size() <= rundown::kMaxDiagnosticsPerBatch);
}

// `trace_and_output`: the file is a program.log holding strace's stderr output too.
rundown::EventBatch Parse(std::string_view text, bool trace_and_output = false) {
  rundown::EventBatch b;
  rundown::FileContext ctx;
  ctx.kind = rundown::SourceKind::kStrace;
  ctx.trace_and_output = trace_and_output;
  rundown::StraceParser().ParseChunk(ctx, rundown::Chunk{text, 0, 0, true}, &b);
  CheckBatch(b, text);
  return b;
}

void CheckTwoEndedReads(std::string_view text) {
  rundown::strace::LineSplitter splitter;
  std::string_view unfinished;  // the body of the last "<unfinished ...>" line
  std::string joined;
  rundown::ForEachLine(text, [&](std::string_view line, uint32_t) {
    // The DNS packet reader runs on raw lines too (rules' net.dns_name); a name it returns is
    // bounded by the DNS limit plus the "..." of a cut name.
    Check(rundown::DnsQueryName(line).size() <= 256);
    // So do the payload readers (net.dns_name on any port, net.http_host, net.sent_secret): a
    // strict query's name is whole, a buffer is no longer than its line.
    std::string query;
    if (rundown::ReadStrictDnsQuery(line, &query)) Check(!query.empty() && query.size() <= 253);
    bool truncated = false;
    const std::string buffer = rundown::TransferBuffer(line, &truncated);
    Check(buffer.size() <= line.size());
    Check(rundown::HttpRequestHost(buffer).size() <= buffer.size());
    (void)rundown::SecretShapeIn(buffer);
    rundown::strace::LineParts p, q;
    rundown::strace::SplitLine(line, 1, &p);
    // The parser's stream reader (word loads, remembered pid column and seconds) reads every
    // line as SplitLine does.
    splitter.Split(line, 1, &q);
    Check(q.tid == p.tid && q.has_prefix == p.has_prefix && q.time_ns == p.time_ns && q.timebase == p.timebase &&
          q.body == p.body);
    // ResumedName's one-look fast path finds the name the search finds.
    Check(rundown::strace::ResumedName(p.body) == rundown::strace::ResumedNameSlow(p.body));
    // The parser decodes a pair JoinHalves joins under the name of its first half (Stitch
    // passes the half's lookup on): the joined call must read as that name.
    if (const std::string_view resumed = rundown::strace::ResumedName(p.body); !resumed.empty() && !unfinished.empty()) {
      const std::string_view half = rundown::strace::CallName(unfinished);
      const std::string_view call = rundown::strace::JoinHalves(unfinished, half.size(), p.body, resumed, &joined);
      Check(call.empty() || rundown::strace::CallName(call) == half);
    }
    std::string_view name = rundown::strace::CallName(p.body);
    if (name.empty()) return;
    if (p.body.ends_with(rundown::strace::kUnfinishedMark)) unfinished = p.body;
    std::string_view after = p.body.substr(name.size() + 1);
    rundown::strace::ArgList full, first;
    rundown::strace::ScanStatus status;
    const size_t full_close = rundown::strace::ScanArgs(after, &full, &status);
    const size_t first_close = rundown::strace::ScanFirstArg(after, &first);
    // The same read through the decoder's memo of checked texts (kept across inputs), and the
    // fd it reads on the way, which must be ParseFd's.
    static rundown::strace::MiddleMemo memo;
    rundown::strace::ArgList memo_args;
    rundown::strace::FirstFd fd;
    Check(rundown::strace::ScanFirstArg(after, &memo_args, &fd, &memo) == first_close);
    // What it says of the tail's '>' (read from its masks where it can) is what a search says.
    rundown::strace::ArgList tail_args;
    rundown::strace::FirstFd tail_fd;
    bool gt_ends_tail = false;
    Check(rundown::strace::ScanFirstArg(after, &tail_args, &tail_fd, nullptr, nullptr, &gt_ends_tail) == first_close);
    Check(first_close == std::string_view::npos || gt_ends_tail == (after.find('>', first_close + 1) + 1 == after.size()));
    if (rundown::simd::CpuHasAvx2()) {
      const bool avx2 = rundown::simd::SetAvx2(!rundown::simd::Avx2());
      rundown::strace::ArgList other;
      Check(rundown::strace::ScanFirstArg(after, &other) == first_close && other.count == first.count &&
            other.Get(0) == first.Get(0));
      rundown::simd::SetAvx2(avx2);
    }
    if (first_close != std::string_view::npos) {
      Check(memo_args.count == first.count && memo_args.Get(0) == first.Get(0));
      int32_t number;
      std::string_view annotation;
      Check(!fd.valid || (rundown::strace::ParseFd(first.Get(0), &number, &annotation) && number == fd.fd &&
                          annotation == fd.annotation));
    }
    // The same read through the decoder's memo of annotated fd arguments (kept across
    // inputs): it gives what the read without it gives, and the id kept with the argument
    // (here a hash of its text).
    static rundown::strace::FirstArgMemo first_args;
    rundown::strace::ArgList memo_first_args;
    rundown::strace::FirstFd memo_first_fd;
    Check(rundown::strace::ScanFirstArg(after, &memo_first_args, &memo_first_fd, nullptr, &first_args) == first_close);
    if (first_close != std::string_view::npos) {
      Check(memo_first_args.count == first.count && memo_first_args.Get(0) == first.Get(0) && memo_first_fd.valid == fd.valid);
      const uint32_t id = static_cast<uint32_t>(std::hash<std::string_view>()(first.Get(0))) | 1;
      if (fd.valid) Check(memo_first_fd.fd == fd.fd && memo_first_fd.annotation == fd.annotation);
      if (fd.valid && memo_first_fd.id != 0) Check(memo_first_fd.id == id);
      if (fd.valid && memo_first_fd.id == 0 && !fd.annotation.empty()) first_args.Add(first.Get(0), fd, id);
    }
    if (first_close == std::string_view::npos || full_close == std::string_view::npos) return;
    // Junk after a result ("f(1) = 2 3) = 4") leaves two readings; real output has no ')'
    // after the list's own.
    if (after.find(')', full_close + 1) != std::string_view::npos) return;
    // The first-argument read checks the brackets after the first argument without skipping
    // fd annotations (MiddleCloses, for speed): in real output brackets outside strings and
    // annotations balance, so a bracket inside a path only sends it to the full scan. Junk
    // whose stray bracket outside is evened out by one inside an annotation reads two ways.
    for (size_t lt = after.find('<'); lt != std::string_view::npos; lt = after.find('<', lt + 1)) {
      if (!rundown::strace::OpensAnnotation(after, lt)) continue;
      const size_t gt = rundown::strace::AnnotationEnd(after, lt);
      if (gt == std::string_view::npos) break;
      if (after.substr(lt, gt - lt).find_first_of("()[]{}") != std::string_view::npos) return;
    }
    Check(first_close == full_close);
    Check(first.count == (full.count > 0 ? 1 : 0));
    Check(first.Get(0) == full.Get(0));
  });
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > kMaxInput) size = kMaxInput;
  std::string_view text(reinterpret_cast<const char*>(data), size);
  Parse(text);
  Parse(text, /*trace_and_output=*/true);
  CheckTwoEndedReads(text);
  if (rundown::simd::CpuHasAvx2()) {
    const size_t blocks = std::min(size / 64, rundown::line_internal::kMaxOffsetBlocks);
    std::vector<uint16_t> sse2(64 * blocks), avx2(64 * blocks);
    sse2.resize(rundown::line_internal::NewlineOffsetsSse2(text.data(), blocks, sse2.data()));
    avx2.resize(rundown::line_internal::NewlineOffsetsAvx2(text.data(), blocks, avx2.data()));
    Check(sse2 == avx2);
  }
  if (size == 0) return 0;
  {
    // A line too long to hold, as the reader keeps it: its start and its end joined into one
    // line, which then parses like any other.
    const size_t cut = (static_cast<size_t>(data[0]) * size) / 256;
    const std::string line = rundown::StraceParser().JoinCutLine(text.substr(0, cut), text.substr(cut));
    Check(line.empty() || line.size() <= size + 4);
    if (!line.empty() && line.find('\n') == std::string::npos) Parse(line);
  }
  // Split after the first '\n' at or past an offset taken from the first byte.
  size_t split = text.find('\n', (static_cast<size_t>(data[0]) * size) / 256);
  if (split == std::string_view::npos) return 0;
  rundown::EventBatch first = Parse(text.substr(0, split + 1));
  rundown::EventBatch second = Parse(text.substr(split + 1));
  for (const rundown::Fragment& u : first.fragments) {
    if (!u.unfinished) continue;
    for (const rundown::Fragment& r : second.fragments) {
      if (r.unfinished || r.tid != u.tid) continue;
      rundown::EventBatch joined;
      rundown::Event e;
      if (rundown::StraceParser::DecodeJoined(u.text, r.text, 0, &joined, &e)) {
        Check(e.detail == rundown::kNoDetail || e.detail < joined.details.size());
        Check(e.str < joined.strings.size());
        Check((e.flags & rundown::kStitched) != 0);
      }
      break;
    }
  }
  return 0;
}
