// Archives given instead of a folder: what is extracted, what is refused and why, and that
// the temporary folder goes away. The archives are made by testdata/formats/archives/make.py
// from real captures.
#include "parsers/archive_bundle.h"

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "parsers/text_util.h"

namespace rundown {
namespace {

namespace fs = std::filesystem;

std::string Archives() { return std::string(RUNDOWN_TESTDATA) + "/formats/archives/"; }

std::string Read(const fs::path& p) {
  std::ifstream f(p, std::ios::binary);
  std::stringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

// Every file under `root`, relative, sorted.
std::vector<std::string> Tree(const fs::path& root) {
  std::vector<std::string> out;
  for (const auto& e : fs::recursive_directory_iterator(root))
    out.push_back(StrCat(fs::relative(e.path(), root).string(), e.is_directory() ? "/" : ""));
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<std::string> Skipped(const ExtractedBundle& b) {
  std::vector<std::string> out;
  for (const SkippedFile& s : b.skipped()) out.push_back(StrCat(s.path.substr(Archives().size()), ": ", s.reason));
  return out;
}

TEST(ArchiveBundle, SafeMemberPathKeepsNamesInsideTheFolder) {
  EXPECT_EQ(SafeMemberPath("artifacts/strace_log.28"), "artifacts/strace_log.28");
  EXPECT_EQ(SafeMemberPath("./artifacts//ps.txt"), "artifacts/ps.txt");
  EXPECT_EQ(SafeMemberPath("/etc/cron.d/x"), "etc/cron.d/x");
  EXPECT_EQ(SafeMemberPath("artifacts/"), "artifacts");
  EXPECT_EQ(SafeMemberPath("../escaped.txt"), "");
  EXPECT_EQ(SafeMemberPath("artifacts/../../x"), "");
  EXPECT_EQ(SafeMemberPath("a/.."), "");
  EXPECT_EQ(SafeMemberPath("/"), "");
  EXPECT_EQ(SafeMemberPath(""), "");
  EXPECT_EQ(SafeMemberPath("..."), "...");  // a name, not a parent
}

TEST(ArchiveBundle, ArchivesAreBundlesButACompressedFileIsNot) {
  EXPECT_TRUE(IsArchiveBundle(Archives() + "bundle.tar.gz"));
  EXPECT_TRUE(IsArchiveBundle(Archives() + "bundle.zip"));
  EXPECT_FALSE(IsArchiveBundle(std::string(RUNDOWN_TESTDATA) + "/formats/compressed/strace_log.35.gz"));
  EXPECT_FALSE(IsArchiveBundle(std::string(RUNDOWN_TESTDATA) + "/p1_chat_clean_ff/strace_log.35"));
  EXPECT_FALSE(IsArchiveBundle(std::string(RUNDOWN_TESTDATA) + "/p1_chat_clean_ff"));
  EXPECT_FALSE(IsArchiveBundle("/nonexistent.tar.gz"));
}

TEST(ArchiveBundle, ExtractsRegularFilesAndRefusesWhatCouldEscape) {
  const std::string trace = Read(std::string(RUNDOWN_TESTDATA) + "/p1_chat_clean_ff/strace_log.35");
  const std::string ps = Read(std::string(RUNDOWN_TESTDATA) + "/p4_shell_spawn/ps.txt");
  std::string root;
  {
    auto b = ExtractedBundle::Extract(Archives() + "bundle.tar.gz");
    ASSERT_TRUE(b.ok()) << b.status();
    root = b->root();
    EXPECT_EQ(Tree(root), (std::vector<std::string>{"abs/", "abs/ps.txt", "artifacts/", "artifacts/ps.txt",
                                                    "artifacts/strace_log.35"}));
    EXPECT_EQ(Read(fs::path(root) / "artifacts/strace_log.35"), trace);
    EXPECT_EQ(Read(fs::path(root) / "artifacts/ps.txt"), ps);  // the later member of that name
    EXPECT_EQ(fs::status(root).permissions() & fs::perms::all, fs::perms::owner_all);
    EXPECT_EQ(Skipped(*b), (std::vector<std::string>{
                               "bundle.tar.gz/../escaped.txt: member name leaves the archive's folder (absolute or "
                               "with '..'): not extracted",
                               "bundle.tar.gz/artifacts/passwd_link: not a regular file (link, device or FIFO): not "
                               "extracted",
                               "bundle.tar.gz/artifacts/hard_link: not a regular file (link, device or FIFO): not "
                               "extracted",
                               "bundle.tar.gz/artifacts/fifo: not a regular file (link, device or FIFO): not extracted",
                           }));
    EXPECT_FALSE(fs::exists(fs::path(root).parent_path() / "escaped.txt"));
  }
  EXPECT_FALSE(fs::exists(root));  // removed with the bundle
}

TEST(ArchiveBundle, ZipAndCutArchives) {
  auto zip = ExtractedBundle::Extract(Archives() + "bundle.zip");
  ASSERT_TRUE(zip.ok()) << zip.status();
  EXPECT_EQ(Tree(zip->root()), (std::vector<std::string>{"artifacts/", "artifacts/ps.txt", "artifacts/strace_log.35"}));
  EXPECT_TRUE(zip->skipped().empty());
  // Cut 1000 bytes into the trace's data: what came before is kept, and the cut is listed.
  auto cut = ExtractedBundle::Extract(Archives() + "cut.tar.gz");
  ASSERT_TRUE(cut.ok()) << cut.status();
  const std::string trace = Read(std::string(RUNDOWN_TESTDATA) + "/p1_chat_clean_ff/strace_log.35");
  const std::string got = Read(fs::path(cut->root()) / "artifacts/strace_log.35");
  EXPECT_EQ(got, trace.substr(0, 1000));
  ASSERT_EQ(cut->skipped().size(), 1u);
  EXPECT_EQ(cut->skipped()[0].path, Archives() + "cut.tar.gz/artifacts/strace_log.35");
  EXPECT_TRUE(cut->skipped()[0].reason.starts_with("the archive breaks off in this member (")) << cut->skipped()[0].reason;
  EXPECT_TRUE(cut->skipped()[0].reason.ends_with("); what came before is analysed")) << cut->skipped()[0].reason;
  EXPECT_FALSE(ExtractedBundle::Extract(std::string(RUNDOWN_TESTDATA) + "/p1_chat_clean_ff/strace_log.35").ok());
}

}  // namespace
}  // namespace rundown
