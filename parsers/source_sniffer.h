// Source discovery: which files of an artifacts folder are which source. A file is
// classified by its name first (strace_log, strace_log.<tid>, *.strace, inotify*, ss*.txt,
// netstat*.txt, ps*.txt, program.log and the other names of the program's output (stdout.txt,
// stderr.log, output.txt, ...), container.json/inspect.json) and, when the name says
// nothing, by sniffing its first lines. Anything left unclassified is returned as skipped
// with the reason, never dropped in silence.
#ifndef RUNDOWN_PARSERS_SOURCE_SNIFFER_H_
#define RUNDOWN_PARSERS_SOURCE_SNIFFER_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "parsers/event.h"

namespace rundown {

struct DiscoveredFile {
  std::string path;
  SourceKind kind = SourceKind::kUnknown;
  int32_t default_tid = 0;  // strace -ff suffix
  std::string how;          // "name", "content", "override"
  std::string note;         // said in the report when set: the name and the content disagree
  // The program's output (program.log, stdout.txt ...) that holds strace's trace too: strace
  // wrote to stderr (`strace -f node app.js 2> program.log`, `2>&1 | tee program.log`).
  // Discovery lists such a file twice: as the trace, and as program output whose strace
  // lines are left out (FileContext::trace_and_output).
  bool trace_and_output = false;
};

struct SkippedFile {
  std::string path;
  std::string reason;
};

struct Discovery {
  std::vector<DiscoveredFile> files;  // sorted by kind, then path (numeric-aware)
  std::vector<SkippedFile> skipped;
};

// Classifies `head` (the first few KiB of a file) by content; kUnknown when unsure.
SourceKind SniffContent(std::string_view head);
// True for a line strace writes: a call (after a pid column, "[pid N]", a timestamp), a
// signal, an exit, a resumed half, a message of strace itself ("strace: Process N attached").
bool LooksLikeStrace(std::string_view line);

// Classifies by file name alone; kUnknown when the name says nothing.
SourceKind ClassifyName(std::string_view filename, int32_t* default_tid);

// Classifies one file: by name, else by its first 8 KiB (decompressed, read as UTF-8); the
// tid of a trace named like "trace.1234" either way. kind is kUnknown when both say nothing.
// A snapshot named like one tool that holds another's table (`ss -tunap > netstat.txt`) is
// read as what its header says, with a note. A file named as program output whose head is
// mostly strace lines is the trace, with trace_and_output set: AddDiscovered lists it twice.
DiscoveredFile ClassifyFile(const std::string& path);
// Appends `f` to `files`; a file that holds the trace and the program's output as two
// entries: the trace, and the same path as program output.
void AddDiscovered(DiscoveredFile f, std::vector<DiscoveredFile>* files);
// The program-output entry of a file that holds the trace and the program's output.
// REQUIRES: trace.trace_and_output.
DiscoveredFile OutputEntry(const DiscoveredFile& trace);

// Lists `dir` and its subfolders (3 levels; hidden folders and node_modules left out) and
// classifies every regular file; what cannot be listed or classified is in `skipped`. A
// regular file of a known source instead of a folder is discovered alone. NotFound /
// InvalidArgument when `dir` is missing, or neither a folder nor such a file.
absl::StatusOr<Discovery> DiscoverSources(const std::string& dir);

// The folders of `d` that each hold a run of their own, when there are two or more: a trace
// in two folders, or two other sources each in two folders (p1/ and p2/, each with its
// strace_log.N, ps.txt, program.log). One run whose sources sit in sub-folders (strace/,
// logs/) has each source in one folder; a program.log rotated into old/ repeats one source
// only. Sorted numeric-aware; empty when `d` is one run.
std::vector<std::string> SeparateRuns(const Discovery& d);

// Folders that discovery does not enter: hidden ones, node_modules, __pycache__, venv.
bool IsSkippedFolderName(std::string_view name);
// Orders names as people number them: "strace_log.9" before "strace_log.10". <0, 0, >0.
int NumericAwareCompare(std::string_view a, std::string_view b);

std::string_view SourceKindName(SourceKind kind);  // "strace", "inotify", ...
bool ParseSourceKind(std::string_view name, SourceKind* kind);

}  // namespace rundown

#endif  // RUNDOWN_PARSERS_SOURCE_SNIFFER_H_
