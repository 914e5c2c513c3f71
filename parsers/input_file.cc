#include "parsers/input_file.h"

#include <archive.h>
#include <archive_entry.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "parsers/text_util.h"

namespace rundown {
namespace {

struct Magic {
  Compression kind;
  std::string_view bytes;
  std::string_view suffix;
  std::string_view name;
};
constexpr Magic kMagics[] = {
    {Compression::kGzip, "\x1F\x8B", ".gz", "gzip"},
    {Compression::kXz, "\xFD" "7zXZ\x00", ".xz", "xz"},
    {Compression::kZstd, "\x28\xB5\x2F\xFD", ".zst", "zstd"},
    {Compression::kBzip2, "BZh", ".bz2", "bzip2"},
    {Compression::kLz4, "\x04\x22\x4D\x18", ".lz4", "lz4"},
};

absl::Status ErrnoStatus(int err, const std::string& what) {
  std::string msg = StrCat(what, ": ", std::strerror(err));
  if (err == ENOENT) return absl::NotFoundError(msg);
  if (err == EACCES || err == EPERM) return absl::PermissionDeniedError(msg);
  return absl::UnavailableError(msg);
}

constexpr size_t kCompressedBlock = 1 << 16;

// Refills zlib's input when it is empty; false at the end of the file or on an error.
bool RefillGzip(int fd, z_stream* zs, unsigned char* buf, absl::Status* status) {
  if (zs->avail_in > 0) return true;
  ssize_t r;
  do {
    r = ::read(fd, buf, kCompressedBlock);
  } while (r < 0 && errno == EINTR);
  if (r < 0) *status = ErrnoStatus(errno, "read");
  if (r <= 0) return false;
  zs->next_in = buf;
  zs->avail_in = static_cast<uInt>(r);
  return true;
}

}  // namespace

Compression DetectCompression(std::string_view head) {
  for (const Magic& m : kMagics) {
    // "BZh" is followed by the block size digit; the other magics are exact.
    if (head.starts_with(m.bytes) && (m.kind != Compression::kBzip2 || (head.size() > 3 && head[3] >= '1' && head[3] <= '9')))
      return m.kind;
  }
  return Compression::kNone;
}

std::string_view CompressionName(Compression c) {
  for (const Magic& m : kMagics)
    if (m.kind == c) return m.name;
  return "";
}

std::string_view WithoutCompressionSuffix(std::string_view name) {
  for (const Magic& m : kMagics) {
    if (name.size() > m.suffix.size() && name.ends_with(m.suffix)) return name.substr(0, name.size() - m.suffix.size());
  }
  return name;
}

std::string_view FileTypeName(mode_t mode) {
  if (S_ISREG(mode)) return "a regular file";
  if (S_ISDIR(mode)) return "a directory";
  if (S_ISFIFO(mode)) return "a FIFO (named pipe)";
  if (S_ISCHR(mode)) return "a character device";
  if (S_ISBLK(mode)) return "a block device";
  if (S_ISSOCK(mode)) return "a socket";
  return "not a regular file";
}

absl::StatusOr<InputFile> InputFile::Open(const std::string& path) {
  // O_NONBLOCK: opening a FIFO for reading waits for a writer, which never comes; only
  // regular files are read (a FIFO or /dev/zero named strace_log would block or never end).
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) return ErrnoStatus(errno, path);
  struct stat st;
  if (::fstat(fd, &st) != 0) {
    int err = errno;
    ::close(fd);
    return ErrnoStatus(err, path);
  }
  if (!S_ISREG(st.st_mode)) {
    ::close(fd);
    return absl::InvalidArgumentError(StrCat(path, ": ", FileTypeName(st.st_mode), ", not read"));
  }
  ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) & ~O_NONBLOCK);
  InputFile f(fd, static_cast<uint64_t>(st.st_size));
  char head[8];
  const ssize_t got = ::pread(fd, head, sizeof head, 0);
  f.compression_ = DetectCompression(std::string_view(head, got > 0 ? static_cast<size_t>(got) : 0));
  if (f.compression_ == Compression::kNone) {
    ::posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
    return f;
  }
  if (absl::Status s = f.StartDecompression(); !s.ok()) return s;
  return f;
}

absl::Status InputFile::StartDecompression() {
  if (compression_ == Compression::kGzip) {
    zs_ = new z_stream{};
    zin_ = std::make_unique_for_overwrite<unsigned char[]>(kCompressedBlock);
    if (inflateInit2(zs_, 15 + 16) != Z_OK) return absl::ResourceExhaustedError("inflateInit2");  // gzip header only
    return absl::OkStatus();
  }
  ar_ = archive_read_new();
  if (ar_ == nullptr) return absl::ResourceExhaustedError("archive_read_new");
  archive_read_support_filter_all(ar_);
  archive_read_support_format_raw(ar_);  // one stream, no archive members
  struct archive_entry* entry = nullptr;
  if (archive_read_open_fd(ar_, fd_, kCompressedBlock) != ARCHIVE_OK || archive_read_next_header(ar_, &entry) != ARCHIVE_OK) {
    // A stream cut within its first block fails here: nothing of it can be read.
    const char* why = archive_error_string(ar_);
    damage_ = StrCat("the ", CompressionName(compression_), " data cannot be read (", why != nullptr ? why : "unreadable",
                     "): nothing of the file was read");
    done_ = true;
  }
  return absl::OkStatus();
}

InputFile::InputFile(InputFile&& o) noexcept
    : fd_(o.fd_), ar_(o.ar_), zs_(o.zs_), zin_(std::move(o.zin_)), compression_(o.compression_),
      disk_size_(o.disk_size_), done_(o.done_), status_(std::move(o.status_)), damage_(std::move(o.damage_)) {
  o.fd_ = -1;
  o.ar_ = nullptr;
  o.zs_ = nullptr;
}

InputFile::~InputFile() {
  if (zs_ != nullptr) {
    inflateEnd(zs_);
    delete zs_;
  }
  if (ar_ != nullptr) archive_read_free(ar_);  // does not close fd_
  if (fd_ >= 0) ::close(fd_);
}

size_t InputFile::Read(char* dst, size_t n) {
  if (done_ || n == 0) return 0;
  if (zs_ != nullptr) return ReadGzip(dst, n);
  return ar_ == nullptr ? ReadPlain(dst, n) : ReadArchive(dst, n);
}

size_t InputFile::ReadPlain(char* dst, size_t n) {
  size_t got = 0;
  while (got < n) {
    ssize_t r = ::read(fd_, dst + got, n - got);
    if (r < 0 && errno == EINTR) continue;
    if (r < 0) status_ = ErrnoStatus(errno, "read");
    if (r <= 0) {
      done_ = true;
      break;
    }
    got += static_cast<size_t>(r);
  }
  return got;
}

size_t InputFile::ReadArchive(char* dst, size_t n) {
  size_t got = 0;
  while (got < n) {
    // Small requests: a cut stream loses only the block it was cut in (libarchive gives
    // nothing of a request it cannot fill).
    la_ssize_t r = archive_read_data(ar_, dst + got, std::min(n - got, kCompressedBlock));
    if (r == ARCHIVE_RETRY) continue;
    if (r < 0) {
      const char* why = archive_error_string(ar_);
      damage_ = StrCat("the ", CompressionName(compression_), " data breaks off here (",
                       why != nullptr ? why : "unreadable", "): the rest of the file is lost");
    }
    if (r <= 0) {
      done_ = true;
      break;
    }
    got += static_cast<size_t>(r);
  }
  return got;
}

// After a member's end: another member follows (gzip reads them as one text), or the file
// ends, possibly padded with zeros; anything else is reported and ignored, as gzip(1) does.
bool InputFile::NextGzipMember() {
  uint64_t ignored = 0;
  while (RefillGzip(fd_, zs_, zin_.get(), &status_)) {
    if (ignored == 0 && zs_->next_in[0] == 0x1F) {
      inflateReset(zs_);
      return true;
    }
    for (; zs_->avail_in > 0; ++zs_->next_in, --zs_->avail_in) ignored += zs_->next_in[0] != 0;
  }
  if (ignored > 0) damage_ = StrCat(ignored, " bytes after the end of the gzip data were ignored");
  return false;
}

size_t InputFile::ReadGzip(char* dst, size_t n) {
  zs_->next_out = reinterpret_cast<unsigned char*>(dst);
  zs_->avail_out = static_cast<uInt>(std::min<size_t>(n, 1u << 30));
  const uInt want = zs_->avail_out;
  while (zs_->avail_out > 0) {
    if (!RefillGzip(fd_, zs_, zin_.get(), &status_)) {
      // The file ended inside a member: everything before the cut was given out.
      if (status_.ok()) damage_ = "the gzip data breaks off here (truncated gzip input): the rest of the file is lost";
      done_ = true;
      break;
    }
    const int rc = inflate(zs_, Z_NO_FLUSH);
    if (rc == Z_STREAM_END) {
      if (!NextGzipMember()) {
        done_ = true;
        break;
      }
      continue;
    }
    if (rc != Z_OK && rc != Z_BUF_ERROR) {
      damage_ = StrCat("the gzip data breaks off here (", zs_->msg != nullptr ? zs_->msg : "corrupt data",
                       "): the rest of the file is lost");
      done_ = true;
      break;
    }
  }
  return want - zs_->avail_out;
}

}  // namespace rundown
