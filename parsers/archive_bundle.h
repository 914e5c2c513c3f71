// An artifacts folder kept as one archive (audit-17.tar.gz, artifacts.zip, .tar.zst, .7z ...):
// how past audits are stored and handed over. `rundown analyze audit-17.tar.gz` extracts the
// archive's regular files into a private temporary folder and analyses that (cli/); the report
// names files as `audit-17.tar.gz/strace_log.28`.
//
// The archive is untrusted input: member names are kept inside the folder (a leading '/' is
// dropped, a name with a ".." component is refused), links, devices and FIFOs are not created,
// files are created exclusively (O_EXCL | O_NOFOLLOW), and extraction stops before the
// temporary file system's free space drops under 1 GiB. What is not extracted is listed with
// its reason, as unknown files of a folder are.
#ifndef RUNDOWN_PARSERS_ARCHIVE_BUNDLE_H_
#define RUNDOWN_PARSERS_ARCHIVE_BUNDLE_H_

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "parsers/source_sniffer.h"

namespace rundown {

// True when `path` is a regular file holding an archive of files (tar, compressed or not,
// zip, 7z, cpio, ...), as opposed to one compressed source file (strace_log.28.gz).
bool IsArchiveBundle(const std::string& path);

// A temporary folder holding an extracted archive; removed when destroyed.
class ExtractedBundle {
 public:
  // Extracts `archive` into a new folder under $TMPDIR (or /tmp).
  static absl::StatusOr<ExtractedBundle> Extract(const std::string& archive);
  ExtractedBundle(ExtractedBundle&& o) noexcept : root_(std::move(o.root_)), skipped_(std::move(o.skipped_)) {
    o.root_.clear();
  }
  ExtractedBundle& operator=(ExtractedBundle&&) = delete;
  ~ExtractedBundle();

  const std::string& root() const { return root_; }  // the folder to analyse
  // Members not extracted ("archive/member: reason").
  const std::vector<SkippedFile>& skipped() const { return skipped_; }

 private:
  ExtractedBundle() = default;
  std::string root_;
  std::vector<SkippedFile> skipped_;
};

// The member path an archive entry may be extracted to, or "" when it must not be: leading
// "/" and "./" dropped; empty names and any ".." component refused.
std::string SafeMemberPath(std::string_view name);

}  // namespace rundown

#endif  // RUNDOWN_PARSERS_ARCHIVE_BUNDLE_H_
