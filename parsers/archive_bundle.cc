#include "parsers/archive_bundle.h"

#include <archive.h>
#include <archive_entry.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <memory>

#include "parsers/text_util.h"

namespace rundown {
namespace {

constexpr uint64_t kKeepFreeBytes = uint64_t{1} << 30;

struct ArchiveDeleter {
  void operator()(archive* a) const { archive_read_free(a); }
};
using ArchivePtr = std::unique_ptr<archive, ArchiveDeleter>;

// Any archive format behind any compression; not the raw format (one plain stream).
ArchivePtr OpenArchive(const std::string& path) {
  ArchivePtr a(archive_read_new());
  if (!a) return a;
  archive_read_support_filter_all(a.get());
  archive_read_support_format_all(a.get());
  if (archive_read_open_filename(a.get(), path.c_str(), 1 << 16) != ARCHIVE_OK) a.reset();
  return a;
}

std::string ArchiveError(archive* a) {
  const char* why = archive_error_string(a);
  return why != nullptr ? why : "unreadable archive";
}

bool EnoughSpace(const std::string& dir) {
  struct statvfs fs;
  if (::statvfs(dir.c_str(), &fs) != 0) return true;  // cannot tell: the write will fail if it must
  return static_cast<uint64_t>(fs.f_bavail) * fs.f_frsize > kKeepFreeBytes;
}

// Creates the folders of `rel` under `root` (private, 0700).
bool MakeParents(const std::string& root, std::string_view rel) {
  for (size_t slash = rel.find('/'); slash != std::string_view::npos; slash = rel.find('/', slash + 1)) {
    const std::string dir = StrCat(root, "/", rel.substr(0, slash));
    if (::mkdir(dir.c_str(), 0700) != 0 && errno != EEXIST) return false;
    struct stat st;
    if (::lstat(dir.c_str(), &st) != 0 || !S_ISDIR(st.st_mode)) return false;  // a member file is in the way
  }
  return true;
}

// Copies the current entry's data into `fd`. Returns "" or why it stopped.
std::string CopyData(archive* a, int fd, const std::string& root) {
  uint64_t since_check = 0;
  for (;;) {
    const void* block = nullptr;
    size_t size = 0;
    la_int64_t offset = 0;
    const int rc = archive_read_data_block(a, &block, &size, &offset);
    if (rc == ARCHIVE_EOF) return "";
    if (rc < ARCHIVE_WARN) return StrCat("the archive breaks off in this member (", ArchiveError(a), ")");
    if (::lseek(fd, offset, SEEK_SET) < 0) return std::strerror(errno);  // sparse members
    for (const char* p = static_cast<const char*>(block); size > 0;) {
      const ssize_t n = ::write(fd, p, size);
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) return StrCat("cannot write: ", std::strerror(errno));
      p += n;
      size -= static_cast<size_t>(n);
      since_check += static_cast<uint64_t>(n);
    }
    if (since_check > (uint64_t{64} << 20)) {
      since_check = 0;
      if (!EnoughSpace(root)) return "extraction stopped: less than 1 GiB left in the temporary folder";
    }
  }
}

}  // namespace

std::string SafeMemberPath(std::string_view name) {
  while (name.starts_with("/") || name.starts_with("./")) name.remove_prefix(name.starts_with("/") ? 1 : 2);
  while (name.ends_with("/")) name.remove_suffix(1);
  if (name.empty()) return "";
  std::string out;
  for (size_t start = 0; start <= name.size();) {
    size_t end = name.find('/', start);
    if (end == std::string_view::npos) end = name.size();
    const std::string_view part = name.substr(start, end - start);
    if (part == "..") return "";
    if (!part.empty() && part != ".") StrAppend(&out, out.empty() ? "" : "/", part);
    start = end + 1;
  }
  return out;
}

bool IsArchiveBundle(const std::string& path) {
  struct stat st;
  if (::stat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return false;
  ArchivePtr a = OpenArchive(path);
  archive_entry* entry = nullptr;
  return a && archive_read_next_header(a.get(), &entry) >= ARCHIVE_WARN;
}

absl::StatusOr<ExtractedBundle> ExtractedBundle::Extract(const std::string& path) {
  ArchivePtr a = OpenArchive(path);
  if (!a) return absl::InvalidArgumentError(StrCat(path, ": not an archive libarchive can read"));
  const char* tmp = std::getenv("TMPDIR");
  std::string templ = StrCat(tmp != nullptr && *tmp != '\0' ? tmp : "/tmp", "/rundown-XXXXXX");
  if (::mkdtemp(templ.data()) == nullptr)
    return absl::UnavailableError(StrCat("cannot create a temporary folder: ", std::strerror(errno)));
  ExtractedBundle b;
  b.root_ = templ;
  auto skip = [&](std::string_view member, std::string reason) {
    b.skipped_.push_back({StrCat(path, "/", member), std::move(reason)});
  };
  archive_entry* entry = nullptr;
  for (;;) {
    const int rc = archive_read_next_header(a.get(), &entry);
    if (rc == ARCHIVE_EOF) break;
    if (rc < ARCHIVE_WARN) {
      b.skipped_.push_back({path, StrCat("the archive breaks off here (", ArchiveError(a.get()), "): later members are lost")});
      break;
    }
    const char* raw_name = archive_entry_pathname(entry);
    const std::string name = raw_name != nullptr ? raw_name : "";
    const auto type = archive_entry_filetype(entry);
    if (type == AE_IFDIR) continue;
    if (type != AE_IFREG || archive_entry_hardlink(entry) != nullptr) {
      skip(name, "not a regular file (link, device or FIFO): not extracted");
      continue;
    }
    const std::string rel = SafeMemberPath(name);
    if (rel.empty()) {
      skip(name, "member name leaves the archive's folder (absolute or with '..'): not extracted");
      continue;
    }
    if (!EnoughSpace(b.root_)) {
      skip(name, "not extracted: less than 1 GiB left in the temporary folder");
      break;
    }
    const std::string target = StrCat(b.root_, "/", rel);
    if (!MakeParents(b.root_, rel)) {
      skip(name, "its folder cannot be created (a member file has that name): not extracted");
      continue;
    }
    ::unlink(target.c_str());  // a later member of the same name replaces the earlier one, as tar does
    const int fd = ::open(target.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (fd < 0) {
      skip(name, StrCat("cannot be created: ", std::strerror(errno)));
      continue;
    }
    std::string stopped = CopyData(a.get(), fd, b.root_);
    ::close(fd);
    if (!stopped.empty()) {
      skip(name, StrCat(stopped, "; what came before is analysed"));
      if (stopped.starts_with("the archive breaks off") || stopped.starts_with("extraction stopped")) break;
    }
  }
  return b;
}

ExtractedBundle::~ExtractedBundle() {
  if (root_.empty()) return;
  std::error_code ec;
  std::filesystem::remove_all(root_, ec);
}

}  // namespace rundown
