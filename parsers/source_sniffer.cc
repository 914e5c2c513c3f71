#include "parsers/source_sniffer.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_split.h"
#include "parsers/chunk_reader.h"
#include "parsers/input_file.h"
#include "parsers/ps_parser.h"
#include "parsers/text_encoding.h"
#include "parsers/text_util.h"
#include "parsers/time_format.h"

namespace rundown {
namespace {

bool StartsWithStr(std::string_view s, std::string_view p) { return s.starts_with(p); }
bool EndsWithStr(std::string_view s, std::string_view p) { return s.ends_with(p); }
bool ContainsStr(std::string_view s, std::string_view p) { return s.find(p) != std::string_view::npos; }

constexpr std::array<std::pair<SourceKind, std::string_view>, 8> kKindNames = {{
    {SourceKind::kUnknown, "unknown"},
    {SourceKind::kStrace, "strace"},
    {SourceKind::kInotify, "inotify"},
    {SourceKind::kSs, "ss"},
    {SourceKind::kNetstat, "netstat"},
    {SourceKind::kPs, "ps"},
    {SourceKind::kProgramLog, "program_log"},
    {SourceKind::kContainer, "container"},
}};

bool AllDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// With `skip_stamps`, a line that is only a date (date(1) before each snapshot of a watch
// loop) or top's summary area is passed over too, so the table header after it decides.
std::string_view FirstNonBlankLine(std::string_view head, size_t skip = 0, bool skip_stamps = false) {
  for (absl::string_view piece : absl::StrSplit(AbslView(head), '\n')) {
    std::string_view line = StripSpaces(std::string_view(piece.data(), piece.size()));
    if (line.empty()) continue;
    if (int64_t ns; skip_stamps && (ParseDateLine(line, &ns) || IsTopSummary(line))) continue;
    if (skip-- == 0) return line;
  }
  return {};
}

bool LooksLikeInotify(std::string_view line) {
  if (StartsWithStr(line, "Setting up watches") || StartsWithStr(line, "Watches established"))
    return true;
  static constexpr std::string_view kEvents[] = {
      "ACCESS", "MODIFY", "ATTRIB", "CLOSE_WRITE", "CLOSE_NOWRITE", "OPEN", "MOVED_FROM",
      "MOVED_TO", "CREATE", "DELETE", "DELETE_SELF", "MOVE_SELF", "UNMOUNT", "Q_OVERFLOW"};
  bool has_path = line.find('/') != std::string_view::npos;
  if (!has_path) return false;
  for (std::string_view ev : kEvents) {
    size_t pos = line.find(ev);
    // Events are cut by the field separator of the output format: ' ' (default, --format
    // "%w%f %e"), ',' and '"' (--csv), '|', ':', ';' or a tab (user formats such as
    // "%T|%w|%f|%:e", "%w%f\t%e").
    auto is_sep = [](char c) {
      return c == ' ' || c == ',' || c == '"' || c == '|' || c == ':' || c == ';' || c == '\t';
    };
    while (pos != std::string_view::npos) {
      bool left = pos == 0 || is_sep(line[pos - 1]);
      size_t end = pos + ev.size();
      bool right = end == line.size() || is_sep(line[end]);
      if (left && right) return true;
      pos = line.find(ev, pos + 1);
    }
  }
  return false;
}

// program.log by content: an NDJSON log record, the first line of a runtime's crash report,
// or a "[timestamp] LEVEL" text record.
bool LooksLikeProgramLog(std::string_view line) {
  if (StartsWithStr(line, "{\"") &&
      (ContainsStr(line, "\"msg\"") || ContainsStr(line, "\"message\"") || ContainsStr(line, "\"level\"")))
    return true;
  static constexpr std::string_view kStarts[] = {
      "Traceback (most recent call last):", "node:internal/", "Exception in thread \"", "panic: ",
      "npm ERR!", "npm error ", "npm warn ", "npm WARN "};
  for (std::string_view p : kStarts)
    if (StartsWithStr(line, p)) return true;
  std::string_view head = line.substr(0, 48);
  bool stamped = !line.empty() && (line[0] == '[' || absl::ascii_isdigit(line[0])) &&
                 (ContainsStr(head, "T") || ContainsStr(head, ":"));
  return stamped && (ContainsStr(head, " INFO") || ContainsStr(head, " WARN") || ContainsStr(head, " ERROR") ||
                     ContainsStr(head, " DEBUG") || ContainsStr(head, "[INFO]") || ContainsStr(head, "[ERROR]"));
}

}  // namespace

// "28    1795375881.06 execve(", "[pid 12] 19:31:04 read(", "19:31:04.476323 execve(",
// "execve(", "--- SIGCHLD {", "+++ exited with 0 +++".
bool LooksLikeStrace(std::string_view line) {
  if (StartsWithStr(line, "[pid ")) return true;
  if (StartsWithStr(line, "--- SIG") || StartsWithStr(line, "+++ ")) return true;
  if (StartsWithStr(line, "strace: ")) return true;
  size_t i = 0;
  // Skip a pid column and a timestamp: digits, ':', '.', spaces.
  while (i < line.size() && (absl::ascii_isdigit(line[i]) || line[i] == ':' || line[i] == '.' ||
                             line[i] == ' '))
    ++i;
  size_t name_start = i;
  while (i < line.size() && (absl::ascii_islower(line[i]) || absl::ascii_isdigit(line[i]) ||
                             line[i] == '_'))
    ++i;
  if (i > name_start && i < line.size() && line[i] == '(') return true;
  // After a pid column or a timestamp: "28350 19:22:34.711270 +++ exited with 1 +++", the
  // second of the two lines strace writes when it cannot exec its target.
  const std::string_view rest = line.substr(name_start);
  return StartsWithStr(rest, "<... ") || (name_start > 0 && (StartsWithStr(rest, "+++ ") || StartsWithStr(rest, "--- SIG")));
}

std::string_view SourceKindName(SourceKind kind) {
  for (const auto& [k, name] : kKindNames)
    if (k == kind) return name;
  return "unknown";
}

bool ParseSourceKind(std::string_view name, SourceKind* kind) {
  for (const auto& [k, n] : kKindNames) {
    if (n == name && k != SourceKind::kUnknown) {
      *kind = k;
      return true;
    }
  }
  return false;
}

SourceKind ClassifyName(std::string_view name, int32_t* default_tid) {
  *default_tid = 0;
  // A compressed copy is classified as the file it holds: "strace_log.28.gz", "ps.txt.zst".
  std::string lower = absl::AsciiStrToLower(AbslView(WithoutCompressionSuffix(name)));
  std::string_view n = lower;
  if (n == "strace_log" || EndsWithStr(n, ".strace") || n == "strace.log" ||
      n == "strace.txt")
    return SourceKind::kStrace;
  if (StartsWithStr(n, "strace_log.") || StartsWithStr(n, "strace.")) {
    std::string_view suffix = n.substr(n.rfind('.') + 1);
    int32_t tid = 0;
    if (AllDigits(suffix) && ParseInt(suffix, &tid)) *default_tid = tid;
    return SourceKind::kStrace;
  }
  if (StartsWithStr(n, "inotify")) return SourceKind::kInotify;
  if (StartsWithStr(n, "netstat")) return SourceKind::kNetstat;
  if (n == "ss.txt" || n == "ss.log" || (StartsWithStr(n, "ss") && EndsWithStr(n, ".txt") &&
                                         n.size() > 3 && !absl::ascii_isalpha(n[2])))
    return SourceKind::kSs;
  if (n == "ps.txt" || n == "ps.log" || (StartsWithStr(n, "ps") && EndsWithStr(n, ".txt") &&
                                         n.size() > 3 && !absl::ascii_isalpha(n[2])))
    return SourceKind::kPs;
  // The program's own output, under the names reviewers save it as.
  static constexpr std::string_view kProgramLogNames[] = {
      "program.log", "program.txt", "program.out", "program.err", "stdout.log", "stdout.txt", "stderr.log",
      "stderr.txt",  "output.log",  "output.txt",  "console.log", "app.log",    "app.out"};
  for (std::string_view name : kProgramLogNames)
    if (n == name) return SourceKind::kProgramLog;
  if (n == "container.json" || n == "inspect.json" || n == "docker_inspect.json")
    return SourceKind::kContainer;
  return SourceKind::kUnknown;
}

namespace {

// The kind of ss, netstat or ps table `head` starts with, judged by its header (the first
// line that is not blank, a date(1) stamp or top's summary); kUnknown for anything else.
SourceKind SniffSnapshotHeader(std::string_view head) {
  const std::string_view first = FirstNonBlankLine(head, 0, /*skip_stamps=*/true);
  if (StartsWithStr(first, "Netid ") || StartsWithStr(first, "State ") ||
      StartsWithStr(first, "Recv-Q "))
    return SourceKind::kSs;
  if (StartsWithStr(first, "Active Internet connections") ||
      StartsWithStr(first, "Active UNIX domain sockets") ||
      StartsWithStr(first, "Proto Recv-Q"))
    return SourceKind::kNetstat;
  // ss -s and netstat -r / -i: not socket lists, but their parser says so with a diagnostic.
  if (StartsWithStr(first, "Total: ") && ContainsStr(head, "\nTCP: ")) return SourceKind::kSs;
  if (StartsWithStr(first, "Kernel IP routing table") || StartsWithStr(first, "Kernel IPv6 routing table") ||
      StartsWithStr(first, "Kernel Interface table"))
    return SourceKind::kNetstat;
  return IsPsHeader(first) ? SourceKind::kPs : SourceKind::kUnknown;
}

}  // namespace

SourceKind SniffContent(std::string_view head) {
  std::string_view first = FirstNonBlankLine(head);
  if (first.empty()) return SourceKind::kUnknown;
  if (SourceKind k = SniffSnapshotHeader(head); k != SourceKind::kUnknown) return k;
  if (first.front() == '{' && ContainsStr(first, "\"Id\"") &&
      ContainsStr(head, "\"HostConfig\""))
    return SourceKind::kContainer;
  if (first.front() == '[' && ContainsStr(head, "\"HostConfig\""))
    return SourceKind::kContainer;
  // inotifywatch: its banner (stderr) or its table's header. The inotify reader reports the
  // count table (no single events) instead of the file being skipped as unknown.
  if (StartsWithStr(first, "Establishing watches...") ||
      (StartsWithStr(first, "total ") && EndsWithStr(first, " filename")))
    return SourceKind::kInotify;
  int strace = 0, inotify = 0, program_log = 0, seen = 0;
  for (absl::string_view piece : absl::StrSplit(AbslView(head), '\n')) {
    std::string_view line = StripSpaces(std::string_view(piece.data(), piece.size()));
    if (line.empty()) continue;
    if (++seen > 8) break;
    strace += LooksLikeStrace(line);
    inotify += LooksLikeInotify(line);
    program_log += LooksLikeProgramLog(line);
  }
  if (seen > 0 && strace * 2 > seen) return SourceKind::kStrace;
  if (seen > 0 && inotify * 2 > seen) return SourceKind::kInotify;
  if (LooksLikeProgramLog(first) || (seen > 0 && program_log * 2 > seen)) return SourceKind::kProgramLog;
  return SourceKind::kUnknown;
}

namespace {

// Reviewers keep artifacts in subfolders too (strace/strace_log.N, logs/program.log), so
// folders are searched a few levels down; hidden folders and dependency trees are not
// artifacts. A bound on the files looked at keeps a mistaken folder (a home, a checkout) from
// being read whole: what is left is reported, not dropped silently.
constexpr int kMaxDepth = 3;
constexpr size_t kMaxEntries = 20000;

// Why a folder entry that is not a regular file (a FIFO, a device, a dangling link) is not read.
std::string NotReadReason(const std::string& path) {
  struct stat st;
  const bool is_link = ::lstat(path.c_str(), &st) == 0 && S_ISLNK(st.st_mode);
  if (::stat(path.c_str(), &st) != 0) {
    const int err = errno;
    if (err == ELOOP) return "a symbolic link loop, not read";
    if (is_link && err == ENOENT) return "a dangling symbolic link (its target does not exist), not read";
    return StrCat("cannot be examined: ", std::strerror(err));
  }
  return StrCat(is_link ? "a symbolic link to " : "", FileTypeName(st.st_mode),
                S_ISDIR(st.st_mode) ? ", not followed" : ", not read");
}

void ScanFolder(const std::string& dir, int depth, size_t* seen, Discovery* out) {
  DIR* d = ::opendir(dir.c_str());
  if (!d) {
    out->skipped.push_back({dir, StrCat("cannot list: ", std::strerror(errno))});
    return;
  }
  std::vector<std::string> names;
  while (dirent* e = ::readdir(d)) {
    std::string_view name = e->d_name;
    if (name == "." || name == "..") continue;
    names.emplace_back(name);
  }
  ::closedir(d);
  std::sort(names.begin(), names.end(),
            [](const std::string& a, const std::string& b) { return NumericAwareCompare(a, b) < 0; });
  std::vector<std::string> subfolders;
  for (const std::string& name : names) {
    std::string path = dir + (dir.empty() || dir.back() == '/' ? "" : "/") + name;
    if (++*seen > kMaxEntries) {
      out->skipped.push_back({path, StrCat("not examined: more than ", kMaxEntries, " entries in the folder tree")});
      break;
    }
    struct stat st;
    if (::lstat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode)) {  // no symlinked folders: no loops
      if (IsSkippedFolderName(name)) continue;
      // `ps.txt/`, `program.log/`: a capture that made a folder where the file should be; said,
      // so a missing source is not a mystery (names without a dot, such as a strace_log/ of -ff
      // files, are ordinary folders).
      int32_t tid = 0;
      if (const SourceKind named = ClassifyName(name, &tid); named != SourceKind::kUnknown && name.find('.') != std::string::npos)
        out->skipped.push_back({path, StrCat("a folder named like ", SourceKindName(named),
                                             " output, not a file: searched like any folder")});
      if (depth < kMaxDepth) {
        subfolders.push_back(std::move(path));
      } else {
        out->skipped.push_back({path, StrCat("folder deeper than ", kMaxDepth, " levels")});
      }
      continue;
    }
    if (::stat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) {
      if (name[0] != '.') out->skipped.push_back({path, NotReadReason(path)});
      continue;
    }
    DiscoveredFile f = ClassifyFile(path);
    if (f.kind == SourceKind::kUnknown) {
      out->skipped.push_back({path, st.st_size == 0 ? "empty file of unknown kind"
                                                    : "neither its name nor its content matches a known source"});
      continue;
    }
    AddDiscovered(std::move(f), &out->files);
  }
  for (const std::string& sub : subfolders) ScanFolder(sub, depth + 1, seen, out);
}

}  // namespace

DiscoveredFile ClassifyFile(const std::string& path) {
  const std::string_view name = std::string_view(path).substr(path.rfind('/') + 1);
  DiscoveredFile f;
  f.path = path;
  f.kind = ClassifyName(name, &f.default_tid);
  f.how = "name";
  if (f.kind == SourceKind::kSs || f.kind == SourceKind::kNetstat || f.kind == SourceKind::kPs) {
    const SourceKind held = SniffSnapshotHeader(HeadAsUtf8(ReadFileHead(path, 8192)));
    if (held != SourceKind::kUnknown && held != f.kind) {
      f.note = StrCat("named like ", SourceKindName(f.kind), " output, but holds ", SourceKindName(held),
                      "'s table: read as ", SourceKindName(held));
      f.kind = held;
      f.how = "content";
    }
  }
  if (f.kind == SourceKind::kProgramLog &&
      SniffContent(HeadAsUtf8(ReadFileHead(path, 8192))) == SourceKind::kStrace) {
    f.kind = SourceKind::kStrace;
    f.how = "content";
    f.trace_and_output = true;
    f.note = "named like the program's output, but holds strace's trace (strace wrote to stderr, with the program's "
             "output): read as the trace, and its other lines as the program's output";
  }
  if (f.kind != SourceKind::kUnknown) return f;
  f.kind = SniffContent(HeadAsUtf8(ReadFileHead(path, 8192)));
  f.how = "content";
  if (f.kind == SourceKind::kStrace) {
    const std::string_view bare = WithoutCompressionSuffix(name);
    std::string_view suffix = bare.substr(bare.rfind('.') + 1);
    if (bare.find('.') != std::string_view::npos && AllDigits(suffix)) (void)ParseInt(suffix, &f.default_tid);
  }
  return f;
}

DiscoveredFile OutputEntry(const DiscoveredFile& trace) {
  DiscoveredFile output = trace;
  output.kind = SourceKind::kProgramLog;
  output.default_tid = 0;
  output.how = "name";
  output.note.clear();  // said once, on the trace
  return output;
}

void AddDiscovered(DiscoveredFile f, std::vector<DiscoveredFile>* files) {
  if (f.trace_and_output) files->push_back(OutputEntry(f));
  files->push_back(std::move(f));
}

absl::StatusOr<Discovery> DiscoverSources(const std::string& dir) {
  struct stat st;
  if (::stat(dir.c_str(), &st) != 0) {
    return errno == ENOENT ? absl::NotFoundError(StrCat(dir, ": no such folder"))
                           : absl::PermissionDeniedError(StrCat(dir, ": ", std::strerror(errno)));
  }
  if (!S_ISDIR(st.st_mode)) {
    // One capture given alone (`rundown analyze strace_log`): the other sources are missing.
    DiscoveredFile one = S_ISREG(st.st_mode) ? ClassifyFile(dir) : DiscoveredFile{};
    if (one.kind == SourceKind::kUnknown)
      return absl::InvalidArgumentError(StrCat(dir, ": not a folder, nor a file of a known source"));
    Discovery out;
    AddDiscovered(std::move(one), &out.files);
    return out;
  }
  DIR* probe = ::opendir(dir.c_str());
  if (!probe) return absl::PermissionDeniedError(StrCat(dir, ": ", std::strerror(errno)));
  ::closedir(probe);
  Discovery out;
  size_t seen = 0;
  ScanFolder(dir, 1, &seen, &out);
  std::stable_sort(out.files.begin(), out.files.end(),
                   [](const DiscoveredFile& a, const DiscoveredFile& b) { return a.kind < b.kind; });
  return out;
}

std::vector<std::string> SeparateRuns(const Discovery& d) {
  std::map<SourceKind, std::set<std::string>> folders;  // kind -> the folders holding it
  for (const DiscoveredFile& f : d.files) {
    const size_t slash = f.path.rfind('/');
    folders[f.kind].insert(slash == std::string::npos ? "." : f.path.substr(0, slash));
  }
  std::set<std::string> runs;
  size_t repeated = 0;
  for (const auto& [kind, where] : folders) {
    if (where.size() < 2) continue;
    ++repeated;
    runs.insert(where.begin(), where.end());
  }
  const auto strace = folders.find(SourceKind::kStrace);
  if (strace != folders.end() && strace->second.size() >= 2) {
    runs = strace->second;
  } else if (repeated < 2) {
    return {};
  }
  std::vector<std::string> out(runs.begin(), runs.end());
  std::sort(out.begin(), out.end(), [](const std::string& a, const std::string& b) { return NumericAwareCompare(a, b) < 0; });
  return out;
}

int NumericAwareCompare(std::string_view a, std::string_view b) {
  size_t i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    if (absl::ascii_isdigit(a[i]) && absl::ascii_isdigit(b[j])) {
      size_t i2 = i, j2 = j;
      while (i2 < a.size() && absl::ascii_isdigit(a[i2])) ++i2;
      while (j2 < b.size() && absl::ascii_isdigit(b[j2])) ++j2;
      uint64_t x = 0, y = 0;
      (void)ParseInt(a.substr(i, i2 - i), &x);
      (void)ParseInt(b.substr(j, j2 - j), &y);
      if (x != y) return x < y ? -1 : 1;
      i = i2;
      j = j2;
      continue;
    }
    if (a[i] != b[j]) return a[i] < b[j] ? -1 : 1;
    ++i;
    ++j;
  }
  return (a.size() - i) < (b.size() - j) ? -1 : ((a.size() - i) > (b.size() - j) ? 1 : 0);
}

bool IsSkippedFolderName(std::string_view name) {
  return name.front() == '.' || name == "node_modules" || name == "__pycache__" || name == "venv";
}

}  // namespace rundown
