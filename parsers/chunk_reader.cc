#include "parsers/chunk_reader.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "parsers/text_util.h"

namespace rundown {
namespace {

absl::Status ErrnoStatus(int err, const std::string& what) {
  std::string msg = StrCat(what, ": ", std::strerror(err));
  if (err == ENOENT) return absl::NotFoundError(msg);
  if (err == EACCES || err == EPERM) return absl::PermissionDeniedError(msg);
  return absl::UnavailableError(msg);
}

}  // namespace

absl::StatusOr<ChunkReader> ChunkReader::Open(const std::string& path, size_t chunk_bytes) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return ErrnoStatus(errno, path);
  struct stat st;
  if (::fstat(fd, &st) != 0) {
    int err = errno;
    ::close(fd);
    return ErrnoStatus(err, path);
  }
  if (S_ISDIR(st.st_mode)) {
    ::close(fd);
    return absl::InvalidArgumentError(StrCat(path, ": is a directory"));
  }
  ::posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
  return ChunkReader(fd, chunk_bytes < 4096 ? 4096 : chunk_bytes, static_cast<uint64_t>(st.st_size));
}

ChunkReader::ChunkReader(int fd, size_t chunk_bytes, uint64_t file_size)
    : fd_(fd), chunk_bytes_(chunk_bytes), file_size_(file_size) {}

ChunkReader::ChunkReader(ChunkReader&& o) noexcept
    : fd_(o.fd_), chunk_bytes_(o.chunk_bytes_), file_size_(o.file_size_),
      total_read_(o.total_read_), next_index_(o.next_index_), eof_(o.eof_),
      carry_(std::move(o.carry_)), status_(std::move(o.status_)) {
  o.fd_ = -1;
}

ChunkReader::~ChunkReader() {
  if (fd_ >= 0) ::close(fd_);
}

void ByteBuffer::reserve(size_t n) {
  if (n <= capacity_) return;
  auto grown = std::make_unique_for_overwrite<char[]>(n);
  if (size_ > 0) std::memcpy(grown.get(), data_.get(), size_);
  data_ = std::move(grown);
  capacity_ = n;
}

void ByteBuffer::Assign(std::string_view s) {
  size_ = 0;
  Append(s);
}

void ByteBuffer::Append(std::string_view s) {
  if (s.empty()) return;
  std::memcpy(Extend(s.size()), s.data(), s.size());
  size_ += s.size();
}

void ByteBuffer::swap(ByteBuffer& o) noexcept {
  std::swap(data_, o.data_);
  std::swap(size_, o.size_);
  std::swap(capacity_, o.capacity_);
}

size_t ChunkReader::ReadMore(ByteBuffer* dst, size_t want) {
  if (eof_ || want == 0) return 0;
  char* room = dst->Extend(want);
  size_t got = 0;
  while (got < want) {
    ssize_t n = ::read(fd_, room + got, want - got);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      status_ = ErrnoStatus(errno, "read");
      eof_ = true;
      break;
    }
    if (n == 0) {
      eof_ = true;
      break;
    }
    got += static_cast<size_t>(n);
  }
  dst->Commit(got);
  total_read_ += got;
  return got;
}

// The line starting at `line_start` has no '\n' within a whole chunk: keep its prefix,
// then read and drop bytes until its end. The next line goes to carry_.
void ChunkReader::SkipRestOfLine(ChunkBuffer* out, size_t line_start) {
  ByteBuffer& b = out->bytes;
  uint64_t full = b.size() - line_start;
  b.Truncate(line_start + kKeptPrefixBytes);
  ByteBuffer scratch;
  while (!eof_) {
    scratch.clear();
    size_t n = ReadMore(&scratch, 1 << 16);
    const char* nl = n == 0 ? nullptr : static_cast<const char*>(std::memchr(scratch.data(), '\n', n));
    if (nl) {
      size_t used = static_cast<size_t>(nl - scratch.data()) + 1;
      full += used - 1;
      carry_.Assign(std::string_view(scratch).substr(used));
      break;
    }
    full += n;
  }
  b.Append("\n");
  out->cut_lines.emplace_back(static_cast<uint32_t>(line_start), full);
}

bool ChunkReader::Next(ChunkBuffer* out) {
  out->bytes.clear();
  out->cut_lines.clear();
  out->bytes.reserve(chunk_bytes_ + 1);
  out->bytes.swap(carry_);
  carry_.clear();
  out->offset = total_read_ - out->bytes.size();
  if (out->bytes.size() < chunk_bytes_) ReadMore(&out->bytes, chunk_bytes_ - out->bytes.size());
  ByteBuffer& b = out->bytes;
  if (b.empty()) return false;
  size_t last_nl = std::string_view(b).rfind('\n');
  if (last_nl != std::string_view::npos) {
    if (last_nl + 1 < b.size()) {
      if (eof_ && b.size() <= chunk_bytes_) {
        // The file's last line has no '\n': it belongs to this (final) chunk.
      } else {
        carry_.Assign(std::string_view(b).substr(last_nl + 1));
        b.Truncate(last_nl + 1);
      }
    }
  } else if (!eof_) {
    SkipRestOfLine(out, 0);  // one line longer than a whole chunk
  }
  out->index = next_index_++;
  out->last = eof_ && carry_.empty();
  return true;
}

std::string ReadFileHead(const std::string& path, size_t n) {
  std::string out(n, '\0');
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return {};
  ssize_t got;
  do {
    got = ::read(fd, out.data(), n);
  } while (got < 0 && errno == EINTR);
  ::close(fd);
  out.resize(got > 0 ? static_cast<size_t>(got) : 0);
  return out;
}

absl::StatusOr<std::string> ReadWholeFile(const std::string& path, size_t max_bytes) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return ErrnoStatus(errno, path);
  std::string all;
  char buf[1 << 16];
  for (;;) {
    ssize_t n = ::read(fd, buf, sizeof(buf));
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      int err = errno;
      ::close(fd);
      return ErrnoStatus(err, path);
    }
    if (n == 0) break;
    if (all.size() + static_cast<size_t>(n) > max_bytes) {
      ::close(fd);
      return absl::ResourceExhaustedError(StrCat(
          path, ": over the ", max_bytes, "-byte limit for this kind of source"));
    }
    all.append(buf, static_cast<size_t>(n));
  }
  ::close(fd);
  return all;
}

}  // namespace rundown
