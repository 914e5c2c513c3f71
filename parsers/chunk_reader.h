// ChunkReader reads a file sequentially with read(2) into caller-owned buffers and hands
// out chunks that end on a line boundary, carrying the partial last line over to the next
// chunk. read() into reused buffers measured 1.6-2.8x faster than mmap for one sequential
// pass on a 2-vCPU VM and keeps RSS bounded by the buffers in flight (issue #4).
//
// A line longer than the chunk size cannot be held whole: its first kKeptPrefixBytes are
// kept (so the parser can still name the syscall) and the rest is skipped; the chunk lists
// where that happened so the engine can report it with its line number. A CutLineJoiner, when
// given, may make the kept start and the line's last kKeptTailBytes one line the parser reads
// (strace: one call whose long string lost its middle).
//
// Thread-safety: Next() is called from one thread (the pipeline's serial input stage).
#ifndef RUNDOWN_PARSERS_CHUNK_READER_H_
#define RUNDOWN_PARSERS_CHUNK_READER_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "parsers/input_file.h"

namespace rundown {

// A growable byte buffer that, unlike std::string, does not zero what it grows into: read()
// fills it right after (resizing a std::string cleared 4 MiB per chunk, 2-3 % of a parse).
class ByteBuffer {
 public:
  ByteBuffer() = default;
  ByteBuffer(ByteBuffer&& o) noexcept { swap(o); }  // leaves `o` empty
  ByteBuffer& operator=(ByteBuffer&& o) noexcept {
    ByteBuffer(std::move(o)).swap(*this);
    return *this;
  }

  const char* data() const { return data_.get(); }
  size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  char back() const { return data_[size_ - 1]; }
  operator std::string_view() const { return std::string_view(data_.get(), size_); }

  void clear() { size_ = 0; }
  // Makes room for at least `n` bytes in all, keeping the content.
  void reserve(size_t n);
  // Returns room for `n` more bytes past size(), unset; Commit(k) then adds k <= n of them.
  char* Extend(size_t n) {
    reserve(size_ + n);
    return data_.get() + size_;
  }
  void Commit(size_t k) { size_ += k; }
  // REQUIRES: n <= size().
  void Truncate(size_t n) { size_ = n; }
  void Assign(std::string_view s);
  void Append(std::string_view s);
  void swap(ByteBuffer& o) noexcept;

 private:
  std::unique_ptr<char[]> data_;
  size_t size_ = 0;
  size_t capacity_ = 0;
};

// Makes one readable line of the start and the end of a line too long to hold; empty when it
// cannot (the start alone is kept). See SourceParser::JoinCutLine.
using CutLineJoiner = std::function<std::string(std::string_view head, std::string_view tail)>;

struct CutLine {
  uint32_t offset;  // within ChunkBuffer::bytes
  uint64_t full;    // the line's length in the file
  bool joined;      // its end was joined to its start (CutLineJoiner)
};

struct ChunkBuffer {
  ByteBuffer bytes;                // whole lines
  uint64_t offset = 0;             // file offset of bytes[0]
  uint32_t index = 0;
  bool last = false;
  std::vector<CutLine> cut_lines;  // lines that were cut
};

class ChunkReader {
 public:
  // 1 MiB: as fast as 4 MiB on the 1 GiB benchmark and ~15 MiB less RSS with the buffers in
  // flight (docs/BENCHMARKS.md); lines longer than a chunk are cut (kKeptPrefixBytes kept).
  static constexpr size_t kDefaultChunkBytes = 1 << 20;
  static constexpr size_t kKeptPrefixBytes = 64 << 10;
  static constexpr size_t kKeptTailBytes = 4 << 10;

  static absl::StatusOr<ChunkReader> Open(const std::string& path, size_t chunk_bytes = kDefaultChunkBytes,
                                          CutLineJoiner joiner = {});
  ChunkReader(ChunkReader&& o) noexcept;
  ChunkReader& operator=(ChunkReader&&) = delete;
  ~ChunkReader();

  // Fills `out` with the next chunk. Returns false (and leaves `out` empty) once the file
  // is exhausted; an I/O error mid-file is kept in status().
  bool Next(ChunkBuffer* out);
  const absl::Status& status() const { return in_.status(); }
  // Empty, or why a compressed file's data broke off (see InputFile::damage()).
  const std::string& damage() const { return in_.damage(); }
  uint64_t file_size() const { return file_size_; }

 private:
  ChunkReader(InputFile in, size_t chunk_bytes, CutLineJoiner joiner);
  // Appends up to `want` bytes to `dst`; returns bytes read (0 at EOF or error).
  size_t ReadMore(ByteBuffer* dst, size_t want);
  void SkipRestOfLine(ChunkBuffer* out, size_t line_start);

  InputFile in_;
  size_t chunk_bytes_;
  uint64_t file_size_ = 0;
  uint64_t total_read_ = 0;  // bytes read from the file so far
  uint32_t next_index_ = 0;
  bool eof_ = false;
  ByteBuffer carry_;
  CutLineJoiner joiner_;
};

// The first `n` bytes of a file (fewer when it is shorter; empty when it cannot be read).
std::string ReadFileHead(const std::string& path, size_t n);

// Reads a whole (small) file, decompressed. Files over `max_bytes` fail with
// ResourceExhausted. A compressed stream that breaks off returns what came before it and
// says why in `*damage` (when given).
absl::StatusOr<std::string> ReadWholeFile(const std::string& path, size_t max_bytes, std::string* damage = nullptr);

}  // namespace rundown

#endif  // RUNDOWN_PARSERS_CHUNK_READER_H_
