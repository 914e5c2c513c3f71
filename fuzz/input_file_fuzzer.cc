// libFuzzer target for InputFile (parsers/input_file.h): the input is written to a memfd
// and read back through InputFile in uneven reads, as the chunk reader and the evidence
// re-read do. Compressed inputs (gzip through zlib, xz/zstd/bzip2/lz4 through libarchive)
// exercise the member, trailing-data and cut-stream handling. Checks: no crash, reads never
// exceed the request, a plain input comes back byte for byte, and the end is sticky. The
// input is also taken as an archive member name: SafeMemberPath must never return a name
// that leaves the extraction folder.
#include <sys/mman.h>
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "parsers/archive_bundle.h"
#include "parsers/input_file.h"

namespace {

void CheckMemberPath(std::string_view name) {
  const std::string safe = rundown::SafeMemberPath(name);
  if (safe.starts_with("/") || safe == ".." || safe.starts_with("../") || safe.ends_with("/..") ||
      safe.find("/../") != std::string::npos)
    std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  CheckMemberPath(std::string_view(reinterpret_cast<const char*>(data), size < 4096 ? size : 4096));
  const int fd = memfd_create("input_file_fuzzer", MFD_CLOEXEC);
  if (fd < 0) return 0;
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  if (::write(fd, data, size) != static_cast<ssize_t>(size)) {
    ::close(fd);
    return 0;
  }
  auto in = rundown::InputFile::Open("/proc/self/fd/" + std::to_string(fd));
  ::close(fd);  // InputFile opened its own descriptor
  if (!in.ok()) return 0;
  constexpr size_t kMaxOut = 16 << 20;  // a small input may expand a thousandfold
  std::string out;
  char buf[4099];
  size_t step = 1 + (size > 0 ? data[0] % sizeof(buf) : 0);
  for (;;) {
    const size_t n = in->Read(buf, step);
    if (n > step) std::abort();
    if (n == 0) break;
    out.append(buf, n);
    if (out.size() > kMaxOut) return 0;
    step = step % sizeof(buf) + 1;
  }
  if (in->Read(buf, sizeof(buf)) != 0) std::abort();  // the end stays the end
  if (in->compression() == rundown::Compression::kNone && (out != input || !in->damage().empty())) std::abort();
  return 0;
}
