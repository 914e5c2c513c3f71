#include "parsers/chunk_reader.h"

#include <cstring>
#include <string>

#include "parsers/text_util.h"

namespace rundown {
absl::StatusOr<ChunkReader> ChunkReader::Open(const std::string& path, size_t chunk_bytes, CutLineJoiner joiner) {
  auto in = InputFile::Open(path);
  if (!in.ok()) return in.status();
  return ChunkReader(std::move(*in), chunk_bytes < 4096 ? 4096 : chunk_bytes, std::move(joiner));
}

ChunkReader::ChunkReader(InputFile in, size_t chunk_bytes, CutLineJoiner joiner)
    : in_(std::move(in)), chunk_bytes_(chunk_bytes), file_size_(in_.disk_size()), joiner_(std::move(joiner)) {}

ChunkReader::ChunkReader(ChunkReader&& o) noexcept
    : in_(std::move(o.in_)), chunk_bytes_(o.chunk_bytes_), file_size_(o.file_size_),
      total_read_(o.total_read_), next_index_(o.next_index_), eof_(o.eof_),
      carry_(std::move(o.carry_)), joiner_(std::move(o.joiner_)) {}

ChunkReader::~ChunkReader() = default;

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
  const size_t got = in_.Read(dst->Extend(want), want);
  if (got < want) eof_ = true;
  dst->Commit(got);
  total_read_ += got;
  return got;
}

// The line starting at `line_start` has no '\n' within a whole chunk: keep its prefix,
// then read and drop bytes until its end, keeping its last kKeptTailBytes for the joiner.
// The next line goes to carry_.
void ChunkReader::SkipRestOfLine(ChunkBuffer* out, size_t line_start) {
  ByteBuffer& b = out->bytes;
  uint64_t full = b.size() - line_start;
  std::string tail(std::string_view(b).substr(line_start + kKeptPrefixBytes));
  auto keep_tail = [&tail](std::string_view more) {
    tail.append(more);
    if (tail.size() > 2 * kKeptTailBytes) tail.erase(0, tail.size() - kKeptTailBytes);
  };
  keep_tail({});
  b.Truncate(line_start + kKeptPrefixBytes);
  ByteBuffer scratch;
  while (!eof_) {
    scratch.clear();
    size_t n = ReadMore(&scratch, 1 << 16);
    const char* nl = n == 0 ? nullptr : static_cast<const char*>(std::memchr(scratch.data(), '\n', n));
    if (nl) {
      size_t used = static_cast<size_t>(nl - scratch.data()) + 1;
      full += used - 1;
      keep_tail(std::string_view(scratch).substr(0, used - 1));
      carry_.Assign(std::string_view(scratch).substr(used));
      break;
    }
    full += n;
    keep_tail(std::string_view(scratch).substr(0, n));
  }
  if (tail.size() > kKeptTailBytes) tail.erase(0, tail.size() - kKeptTailBytes);
  bool joined = false;
  if (joiner_) {
    std::string line = joiner_(std::string_view(b).substr(line_start), tail);
    if (!line.empty()) {
      b.Truncate(line_start);
      b.Append(line);
      joined = true;
    }
  }
  b.Append("\n");
  out->cut_lines.push_back({static_cast<uint32_t>(line_start), full, joined});
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
  // A line longer than a (small) chunk but within the cap is held whole: read on to its end.
  while (last_nl == std::string_view::npos && !eof_ && b.size() <= kKeptPrefixBytes) {
    const size_t before = b.size();
    if (ReadMore(&b, chunk_bytes_) == 0) break;
    last_nl = std::string_view(b).substr(before).rfind('\n');
    if (last_nl != std::string_view::npos) last_nl += before;
  }
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
  auto in = InputFile::Open(path);
  if (!in.ok()) return {};
  std::string out(n, '\0');
  out.resize(in->Read(out.data(), n));
  return out;
}

absl::StatusOr<std::string> ReadWholeFile(const std::string& path, size_t max_bytes, std::string* damage) {
  auto in = InputFile::Open(path);
  if (!in.ok()) return in.status();
  std::string all;
  for (;;) {
    const size_t at = all.size();
    all.resize(at + (1 << 16));
    const size_t n = in->Read(all.data() + at, 1 << 16);
    all.resize(at + n);
    if (all.size() > max_bytes) {
      return absl::ResourceExhaustedError(StrCat(
          path, ": over the ", max_bytes, "-byte limit for this kind of source"));
    }
    if (n < (1 << 16)) break;
  }
  if (!in->status().ok())
    return absl::Status(in->status().code(), StrCat(path, ": ", std::string(in->status().message())));
  if (damage != nullptr) *damage = in->damage();
  return all;
}

}  // namespace rundown
