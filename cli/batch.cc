#include "cli/batch.h"

#include <dirent.h>
#include <sys/stat.h>

#include <algorithm>
#include <exception>

#include "oneapi/tbb/blocked_range.h"
#include "oneapi/tbb/parallel_for.h"
#include "oneapi/tbb/partitioner.h"
#include "oneapi/tbb/task_arena.h"
#include "parsers/archive_bundle.h"
#include "parsers/source_sniffer.h"
#include "parsers/text_util.h"

namespace rundown::cli {
namespace {

std::string WithoutTrailingSlash(std::string dir) {
  while (dir.size() > 1 && dir.back() == '/') dir.pop_back();
  return dir;
}

bool IsFolder(const std::string& path) {
  struct stat st;
  return ::stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode);  // follows a symlink
}

// An archive by its name: one that libarchive cannot open is still meant as an audit, and
// its row says what is wrong with it.
bool NamedLikeArchive(std::string_view name) {
  for (std::string_view suffix : {".tar", ".tgz", ".tbz", ".tbz2", ".txz", ".tzst", ".zip", ".7z", ".cpio"})
    if (name.ends_with(suffix)) return true;
  return name.find(".tar.") != std::string_view::npos;
}

// Adds what `dir` stands for to `out` (see the rule in batch.h).
void ExpandOne(const std::string& dir, std::vector<std::string>* out) {
  DIR* d = IsFolder(dir) ? ::opendir(dir.c_str()) : nullptr;
  if (d == nullptr) {  // an archive, or a path whose analysis will say what is wrong with it
    out->push_back(dir);
    return;
  }
  std::vector<std::string> names;
  while (dirent* e = ::readdir(d)) {
    std::string_view name = e->d_name;
    if (name != "." && name != "..") names.emplace_back(name);
  }
  ::closedir(d);
  std::vector<std::string> members;
  for (const std::string& name : names) {
    const std::string path = StrCat(dir == "/" ? "" : dir, "/", name);
    if (IsFolder(path)) {
      if (!IsSkippedFolderName(name)) members.push_back(path);
      continue;
    }
    if (NamedLikeArchive(name) || IsArchiveBundle(path)) {
      members.push_back(path);
    } else if (ClassifyFile(path).kind != SourceKind::kUnknown) {
      out->push_back(dir);  // a source of its own: DIR is one artifacts folder
      return;
    }
  }
  if (members.empty()) members.push_back(dir);
  out->insert(out->end(), members.begin(), members.end());
}

// Why a folder without a known source is no audit: an analysis of it would only say that
// every source is missing.
std::string NoSourceMessage(const std::vector<SkippedFile>& skipped) {
  if (skipped.empty()) return "no known source: the folder has no file";
  const SkippedFile& first = skipped.front();
  return StrCat("no known source among its ", Counted(skipped.size(), "file(s)"), " (",
                first.path.substr(first.path.rfind('/') + 1), ": ", first.reason, ")");
}

reports::BatchRow AnalyzeOne(const std::string& folder, const CommonOptions& common,
                             const std::set<reports::StandardSource>& allow_missing, const rules::RuleSet& rules) {
  try {
    auto analysis = AnalyzeFolder(folder, common, allow_missing, rules);
    if (!analysis.ok()) return reports::MakeErrorRow(folder, std::string(analysis.status().message()));
    if (analysis->files == 0) return reports::MakeErrorRow(folder, NoSourceMessage(analysis->report.skipped));
    return reports::MakeBatchRow(analysis->report);
  } catch (const std::exception& e) {  // e.g. std::bad_alloc on a huge folder: the others go on
    return reports::MakeErrorRow(folder, StrCat("analysis stopped: ", e.what()));
  }
}

}  // namespace

std::vector<std::string> ExpandBatchFolders(const std::vector<std::string>& dirs) {
  std::vector<std::string> out;
  for (const std::string& dir : dirs) ExpandOne(WithoutTrailingSlash(dir), &out);
  std::sort(out.begin(), out.end(),
            [](const std::string& a, const std::string& b) { return NumericAwareCompare(a, b) < 0; });
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::vector<reports::BatchRow> AnalyzeBatch(const std::vector<std::string>& folders, const CommonOptions& common,
                                            const std::set<reports::StandardSource>& allow_missing,
                                            const rules::RuleSet& rules) {
  std::vector<reports::BatchRow> rows(folders.size());
  tbb::task_arena arena(common.threads > 0 ? common.threads : tbb::task_arena::automatic);
  arena.execute([&] {
    tbb::parallel_for(
        tbb::blocked_range<size_t>(0, folders.size(), 1),
        [&](const tbb::blocked_range<size_t>& range) {
          for (size_t i = range.begin(); i != range.end(); ++i)
            tbb::this_task_arena::isolate([&] { rows[i] = AnalyzeOne(folders[i], common, allow_missing, rules); });
        },
        tbb::simple_partitioner());
  });
  return rows;
}

}  // namespace rundown::cli
