// InputFile reads a source file once, from start to end. A plain file goes through read(2);
// a compressed one — how traces of past audits are archived (`gzip strace_log.*`, `zstd`,
// `xz`, `bzip2`, `lz4`) — is decompressed on the fly, so every reader (the chunked parser
// input, whole-file sources, content sniffing, the re-read of cited lines) sees the same
// text and line numbers. gzip, by far the most common, goes through zlib, which gives every
// byte up to a cut and reads concatenated members (`cat a.gz b.gz`, pigz, log rotation);
// the others go through libarchive's filters.
//
// A compressed stream that ends early (a file cut during a copy) is not an I/O error: what
// was decompressed is returned, then Read() returns 0 and damage() says what happened, so
// the text before the cut is still analysed and the cut is reported. (libarchive drops the
// last partial block before a cut, and all of a file cut within its first block.)
#ifndef RUNDOWN_PARSERS_INPUT_FILE_H_
#define RUNDOWN_PARSERS_INPUT_FILE_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include <sys/types.h>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

struct archive;
struct z_stream_s;

namespace rundown {

enum class Compression : uint8_t { kNone = 0, kGzip, kXz, kZstd, kBzip2, kLz4 };

// The compression `head` (a file's first bytes) starts with, by magic number.
Compression DetectCompression(std::string_view head);
std::string_view CompressionName(Compression c);  // "gzip", "xz", ... ("" for kNone)

// `name` without a compression suffix: "strace_log.28.gz" -> "strace_log.28".
std::string_view WithoutCompressionSuffix(std::string_view name);

// "a FIFO (named pipe)", "a character device", "a directory", ... for a stat(2) mode.
std::string_view FileTypeName(mode_t mode);

class InputFile {
 public:
  // Only a regular file is opened (InvalidArgument names what else `path` is): a FIFO, a
  // device or a socket is never read, so nothing blocks or reads forever.
  static absl::StatusOr<InputFile> Open(const std::string& path);
  InputFile(InputFile&& o) noexcept;
  InputFile& operator=(InputFile&&) = delete;
  ~InputFile();

  // Reads up to `n` bytes into `dst`; returns how many (fewer only at the end). 0 at the end
  // of the text, after an I/O error (status()) or after the stream broke off (damage()).
  size_t Read(char* dst, size_t n);

  const absl::Status& status() const { return status_; }
  // Empty, or why a compressed stream ended early ("truncated gzip input").
  const std::string& damage() const { return damage_; }
  Compression compression() const { return compression_; }
  uint64_t disk_size() const { return disk_size_; }

 private:
  InputFile(int fd, uint64_t disk_size) : fd_(fd), disk_size_(disk_size) {}
  absl::Status StartDecompression();
  size_t ReadPlain(char* dst, size_t n);
  size_t ReadGzip(char* dst, size_t n);
  bool NextGzipMember();
  size_t ReadArchive(char* dst, size_t n);

  int fd_ = -1;
  struct archive* ar_ = nullptr;
  struct z_stream_s* zs_ = nullptr;
  std::unique_ptr<unsigned char[]> zin_;  // compressed input for zlib
  Compression compression_ = Compression::kNone;
  uint64_t disk_size_ = 0;
  bool done_ = false;
  absl::Status status_;
  std::string damage_;
};

}  // namespace rundown

#endif  // RUNDOWN_PARSERS_INPUT_FILE_H_
