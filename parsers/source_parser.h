// SourceParser is the one interface every input format implements (strace, inotifywait,
// ss, netstat, ps, program.log, container metadata). The engine reads a file into chunks
// that end on line boundaries and calls ParseChunk for each, possibly on several threads at
// once; parsers therefore keep no mutable state between calls. A parser whose format needs
// the whole file (a header line defines the columns, a stack trace spans lines) says so with
// Splittable() == false and then gets the whole file as one chunk.
#ifndef RUNDOWN_PARSERS_SOURCE_PARSER_H_
#define RUNDOWN_PARSERS_SOURCE_PARSER_H_

#include <algorithm>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "parsers/event.h"
#include "parsers/event_batch.h"
#include "parsers/text_encoding.h"

namespace rundown {

// What the engine knows about a file before parsing it.
struct FileContext {
  FileId file = 0;
  SourceKind kind = SourceKind::kUnknown;
  std::string path;
  // strace -ff: the tid from the "strace_log.<tid>" suffix; 0 when the file carries a pid
  // column or is a single-process trace.
  int32_t default_tid = 0;
  // What the file's first bytes said (parsers/text_encoding.h). A UTF-16 file reaches the
  // parser converted to UTF-8; a UTF-8 byte order mark is skipped before the first line.
  TextEncoding encoding = TextEncoding::kUtf8;
  // What the parser read from the start of the file's first chunk (SourceParser::HeadTraits),
  // handed to every chunk so that all chunks of one file read its lines the same way; 0 when
  // nobody worked it out, and then each chunk judges from its own lines.
  uint32_t head_traits = 0;
  // The file holds strace's trace interleaved with the program's output (strace wrote to
  // stderr: DiscoveredFile::trace_and_output). The strace parser counts the program's lines
  // as annotations, the program-log parser leaves strace's lines out.
  bool trace_and_output = false;
};

struct Chunk {
  std::string_view text;    // whole lines; only the file's last chunk may lack a final '\n'
  uint64_t offset = 0;      // byte offset of text[0] in the file
  uint32_t index = 0;       // 0-based chunk number within the file
  bool last = false;
};

class SourceParser {
 public:
  virtual ~SourceParser() = default;
  virtual SourceKind kind() const = 0;
  virtual bool Splittable() const = 0;
  // How lines of this file are to be read, judged from `head` (at most kHeadTraitsBytes of
  // the file's first chunk) before any chunk is parsed: a choice that must not differ from
  // chunk to chunk (inotifywait -c or not). 0 when the parser needs none.
  static constexpr size_t kHeadTraitsBytes = 64 * 1024;
  virtual uint32_t HeadTraits(std::string_view head) const {
    (void)head;
    return 0;
  }
  // Parses `chunk` into `out` (events in line order, chunk-local line numbers).
  // REQUIRES: out->file == ctx.file. Never fails: unreadable lines become diagnostics.
  virtual void ParseChunk(const FileContext& ctx, const Chunk& chunk, EventBatch* out) const = 0;
  // A line too long to hold whole (ChunkReader::kKeptPrefixBytes of it are kept): one line
  // made of its start and its end that this parser can read, or empty (only the start is
  // parsed). Called from the reader's serial stage, rarely.
  virtual std::string JoinCutLine(std::string_view head, std::string_view tail) const { return {}; }
  // Two halves of one call that ended up in different chunks (see Fragment): their raw lines.
  struct HalfPair {
    std::string_view unfinished_line, resumed_line;
  };
  // Joins each pair: decodes it as one call and appends exactly one event to `out` (line
  // numbers left to the caller), or none when the halves do not join; (*joined)[i] says
  // which. All pairs a chunk completes come in one call, so a parser sets up its decoder
  // once for them. A parser with no such notion joins none.
  virtual void JoinFragments(const FileContext& ctx, std::span<const HalfPair> pairs, EventBatch* out,
                             std::vector<uint8_t>* joined) const {
    joined->assign(pairs.size(), 0);
  }
};

// Calls fn(line, line_no) for each line of `text`, without its "\n" or "\r\n", numbering
// from 1. A final line without '\n' is still a line. Returns the number of lines. `fn` is
// taken by value: its captures are then locals of the loop, not read through a spilled
// pointer to the caller's closure on every line.
template <typename Fn>
uint32_t ForEachLine(std::string_view text, Fn fn);

// ---- implementation ----
namespace line_internal {
// Bit k set when p[k] == '\n', for the 64 bytes at p.
inline uint64_t NewlineMask64(const char* p) {
#if defined(__SSE2__)
  const __m128i nl = _mm_set1_epi8('\n');
  auto bits = [p, nl](int k) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 16 * k));
    return static_cast<uint64_t>(static_cast<uint32_t>(_mm_movemask_epi8(_mm_cmpeq_epi8(v, nl))));
  };
  return bits(0) | bits(1) << 16 | bits(2) << 32 | bits(3) << 48;
#else
  uint64_t m = 0;
  for (int k = 0; k < 64; ++k) m |= static_cast<uint64_t>(p[k] == '\n') << k;
  return m;
#endif
}
// The offsets of the bits of `mask`, plus `base`, into out, ascending; returns how many.
inline size_t MaskOffsets(uint64_t mask, size_t base, uint16_t* out) {
  uint16_t* o = out;
  for (; mask != 0; mask &= mask - 1) *o++ = static_cast<uint16_t>(base + __builtin_ctzll(mask));
  return static_cast<size_t>(o - out);
}
// The offsets from p of the '\n's of the `blocks` (<= kMaxOffsetBlocks) 64-byte blocks at p
// into out[], ascending; returns how many. The AVX2 version when simd::Avx2(), else the SSE2
// one (source_parser.cc). Out of line on purpose: inlined into a parser's loop, GCC 12
// bounced every loaded vector through the stack (~40 instructions a block instead of ~20),
// and one call covers 16 blocks. Offsets, not a mask per block: the parser's loop then
// takes one per line, where walking masks cost it ~10 instructions a block (the block
// pointer and the mask pointer spilled, the inlined parser leaving few registers).
inline constexpr size_t kMaxOffsetBlocks = 16;
size_t NewlineOffsets(const char* p, size_t blocks, uint16_t* out);
size_t NewlineOffsetsSse2(const char* p, size_t blocks, uint16_t* out);
size_t NewlineOffsetsAvx2(const char* p, size_t blocks, uint16_t* out);  // REQUIRES: simd::CpuHasAvx2()

// The same for the last `len` (< 64) bytes of a text, plus bit `len` when the text does not
// end with '\n' (its last line ends there).
inline uint64_t TailNewlineMask(const char* p, size_t len, bool open_end) {
  uint64_t m = static_cast<uint64_t>(open_end) << len;
  for (size_t k = 0; k < len; ++k) m |= static_cast<uint64_t>(p[k] == '\n') << k;
  return m;
}
}  // namespace line_internal

// Lines are found from the offsets of the '\n's of 16 blocks of 64 bytes at a time (one
// pass over the text, no call per line); the tail shorter than a block is searched byte by
// byte. A final line without '\n' gets an end of its own past the text, so `fn` has one
// call site (inlined into this loop, it costs no call per line).
template <typename Fn>
uint32_t ForEachLine(std::string_view text, Fn fn) {
  constexpr size_t kBatch = line_internal::kMaxOffsetBlocks;
  uint32_t line_no = 0;
  const char* const begin = text.data();
  const size_t n = text.size();
  const bool open_end = n > 0 && begin[n - 1] != '\n';
  const size_t full_blocks = n / 64;
  const size_t total_blocks = ((open_end ? n + 1 : n) + 63) / 64;  // with the tail's
  const char* start = begin;  // of the current line
  uint16_t ends[64 * kBatch];  // of the batch's lines, from `batch`
  for (size_t first = 0; first < total_blocks; first += kBatch) {
    const char* const batch = begin + 64 * first;
    const size_t count = std::min(kBatch, total_blocks - first);
    const size_t full = std::min(count, full_blocks - std::min(full_blocks, first));
    size_t found = line_internal::NewlineOffsets(batch, full, ends);
    if (full < count) {  // the last block
      const size_t at = 64 * full;
      found += line_internal::MaskOffsets(line_internal::TailNewlineMask(batch + at, n - 64 * first - at, open_end),
                                          at, ends + found);
    }
    for (const uint16_t* e = ends; e != ends + found; ++e) {
      const char* stop = batch + *e;  // a '\n', or the end of the text
      const char* line_end = (stop > start && stop[-1] == '\r') ? stop - 1 : stop;
      fn(std::string_view(start, static_cast<size_t>(line_end - start)), ++line_no);
      start = stop + 1;
    }
  }
  return line_no;
}

}  // namespace rundown

#endif  // RUNDOWN_PARSERS_SOURCE_PARSER_H_
