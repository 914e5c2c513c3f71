#include "parsers/inotify_parser.h"

#include <algorithm>
#include <string>
#include <vector>

#include "absl/container/inlined_vector.h"
#include "parsers/crlf_check.h"
#include "parsers/text_util.h"
#include "parsers/time_format.h"

namespace rundown {
namespace {

struct FsEventName {
  std::string_view name;
  uint32_t mask;
  Op op;
};

// inotifywait prints these names (inotifytools_event_to_str); CLOSE, MOVE, ISDIR and IGNORED
// qualify another event or say nothing about the file and have no Op of their own.
constexpr FsEventName kFsEvents[] = {
    {"ACCESS", kInAccess, Op::kFsAccess},
    {"MODIFY", kInModify, Op::kFsModify},
    {"ATTRIB", kInAttrib, Op::kFsAttrib},
    {"CLOSE_WRITE", kInCloseWrite, Op::kFsCloseWrite},
    {"CLOSE_NOWRITE", kInCloseNoWrite, Op::kFsCloseNoWrite},
    {"CLOSE", kInClose, Op::kOther},
    {"OPEN", kInOpen, Op::kFsOpen},
    {"MOVED_FROM", kInMovedFrom, Op::kFsMovedFrom},
    {"MOVED_TO", kInMovedTo, Op::kFsMovedTo},
    {"MOVE", kInMove, Op::kOther},
    {"CREATE", kInCreate, Op::kFsCreate},
    {"DELETE", kInDelete, Op::kFsDelete},
    {"DELETE_SELF", kInDeleteSelf, Op::kFsDeleteSelf},
    {"MOVE_SELF", kInMoveSelf, Op::kFsMoveSelf},
    {"UNMOUNT", kInUnmount, Op::kFsUnmount},
    {"Q_OVERFLOW", kInQOverflow, Op::kFsOverflow},
    {"IGNORED", kInIgnored, Op::kOther},
    {"ISDIR", kInIsDir, Op::kOther},
};

const FsEventName* FindFsEvent(std::string_view name) {
  if (name.empty()) return nullptr;
  for (const FsEventName& e : kFsEvents)
    if (e.name[0] == name[0] && e.name == name) return &e;  // the first byte rules out most
  return nullptr;
}

bool IsNameChar(char c) { return (c >= 'A' && c <= 'Z') || c == '_'; }
bool IsWordChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || IsDigit(c) || c == '_' || c == '.' || c == '-';
}

// Length of the known event name at s[i], 0 when none ("ACCESS.log" is not a name).
size_t NameAt(std::string_view s, size_t i) {
  size_t j = i;
  while (j < s.size() && IsNameChar(s[j])) ++j;
  if (j == i || (j < s.size() && IsWordChar(s[j]))) return 0;
  return FindFsEvent(s.substr(i, j - i)) ? j - i : 0;
}

// Length of the longest known event name at s[i] that ends before `sep` or a non-word byte.
// For a list separator that is itself a letter: the man page's "%Xe" typed as written gives
// "CLOSE_WRITEXCLOSE", one word to NameAt.
size_t NameBeforeLetterSep(std::string_view s, size_t i, char sep) {
  size_t best = 0;
  for (const FsEventName& e : kFsEvents) {
    size_t end = i + e.name.size();
    if (e.name.size() > best && s.substr(i).starts_with(e.name) &&
        (end == s.size() || s[end] == sep || !IsWordChar(s[end])))
      best = e.name.size();
  }
  return best;
}

// Reads an event list at s[i] ("CLOSE_WRITE,CLOSE", "OPEN:ISDIR"). `*sep` is the list
// separator: fixed when non-zero, else learnt from the text. Returns the end offsets after
// each complete name (longest last), empty when s[i] starts no list.
using ListEnds = absl::InlinedVector<size_t, 8>;  // inotifywait prints a few names per event

ListEnds EventListEnds(std::string_view s, size_t i, char* sep) {
  ListEnds ends;
  const bool letter_sep = *sep != 0 && IsWordChar(*sep);
  auto name_at = [&](size_t at) { return letter_sep ? NameBeforeLetterSep(s, at, *sep) : NameAt(s, at); };
  size_t n = name_at(i);
  while (n > 0) {
    i += n;
    ends.push_back(i);
    if (i + 1 >= s.size()) break;
    char c = s[i];
    bool can_sep = *sep ? c == *sep : (!IsSpace(c) && !IsWordChar(c) && c != '/');
    if (!can_sep) break;
    n = name_at(i + 1);
    if (n == 0) break;
    *sep = c;
    ++i;
  }
  return ends;
}

struct EventList {
  uint32_t mask = 0;
  std::string_view first;
  Op op = Op::kOther;
};

bool ReadEventList(std::string_view text, char sep, EventList* out) {
  EventList ev;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = sep ? text.find(sep, start) : std::string_view::npos;
    if (end == std::string_view::npos) end = text.size();
    const FsEventName* e = FindFsEvent(text.substr(start, end - start));
    if (!e) return false;
    if (ev.first.empty()) ev.first = e->name;
    if (ev.op == Op::kOther) ev.op = e->op;
    ev.mask |= e->mask;
    start = end + 1;
  }
  *out = ev;
  return true;
}

// One event line, decoded but not yet interned.
struct FsLine {
  std::string_view watched, file, joined;  // either watched (+ file) or joined is set
  bool split = false;                      // watched/file printed as separate fields
  std::string_view events;
  char list_sep = ',';
  bool has_time = false;
  CivilTime time;
};

bool IsFieldSep(char c) { return c == ' ' || c == '\t' || c == '|' || c == ',' || c == ';'; }

// Two --timefmt outputs that start no loose timestamp: '%c' ("Thu Dec  3 07:18:21 2026", the C
// locale's), and a conversion inotifywait's strftime leaves as it is ('%s.%N' prints
// "1796282303.%N", '%T.%N' "07:18:21.%N"): the time before it is read, the "%N" passed over.
size_t ReadOtherTime(std::string_view s, CivilTime* t) {
  if (!s.empty() && s.front() >= 'A' && s.front() <= 'Z') {
    *t = CivilTime();
    return ParseStrftime("%a %b %e %T %Y", s, t);
  }
  size_t pct = s.substr(0, 40).find("%N");
  if (pct == std::string_view::npos || pct == 0) return kNoMatch;
  if (pct + 2 < s.size() && !IsFieldSep(s[pct + 2])) return kNoMatch;
  std::string_view stamp = s.substr(0, pct);
  if (stamp.back() == '.' || stamp.back() == ',') stamp.remove_suffix(1);
  *t = CivilTime();
  return ParseLooseTimestamp(stamp, t) == stamp.size() ? pct + 2 : kNoMatch;
}

// "[19:31:04] " / "2026-11-22 19:31:21 " / "1795394400|": the timestamp and the separator.
size_t ReadLeadingTime(std::string_view line, std::string_view timefmt, FsLine* out) {
  bool bracket = !line.empty() && line.front() == '[';
  std::string_view s = line.substr(bracket ? 1 : 0);
  size_t n = timefmt.empty() ? ParseLooseTimestamp(s, &out->time) : ParseStrftime(timefmt, s, &out->time);
  if (timefmt.empty() && (n == kNoMatch || (n < s.size() && !IsFieldSep(s[n]) && s[n] != ']')))
    n = ReadOtherTime(s, &out->time);  // "1796284420.%N": the loose read stops at the dot
  if (n == kNoMatch || n == 0) return 0;
  size_t p = n + (bracket ? 1 : 0);
  if (bracket) {
    if (p >= line.size() || line[p] != ']') return 0;
    ++p;
  }
  if (p < line.size() && !IsFieldSep(line[p])) return 0;
  out->has_time = true;
  if (p < line.size()) ++p;
  while (p < line.size() && line[p] == ' ') ++p;
  return p;
}

// Splits "DIR/<sep>NAME" at its last "/<sep>"; false when there is none.
bool SplitWatched(std::string_view s, char sep, std::string_view* w, std::string_view* f) {
  char pat[2] = {'/', sep};
  size_t at = s.rfind(std::string_view(pat, 2));
  if (at == std::string_view::npos) return false;
  *w = s.substr(0, at + 1);
  *f = s.substr(at + 2);
  return true;
}

void AssignPath(std::string_view path, char sep, FsLine* out) {
  if (SplitWatched(path, sep, &out->watched, &out->file)) {
    out->split = true;
  } else {
    out->joined = path;
  }
}

// The spec-less reading: [time] then the event list and the path on either side of it.
bool ParseShape(std::string_view line, std::string_view timefmt, FsLine* out) {
  size_t pos = ReadLeadingTime(line, timefmt, out);
  for (size_t i = pos; i < line.size(); ++i) {
    if (!IsNameChar(line[i]) || (i > pos && IsWordChar(line[i - 1]))) continue;
    if (i > pos && line[i - 1] == '/') continue;
    char sep = 0;
    const ListEnds ends = EventListEnds(line, i, &sep);
    if (ends.empty()) continue;
    size_t end = ends.back();
    if (end < line.size() && !IsFieldSep(line[end]) && line[end] != '"') continue;
    // Both sides of the list are cut by the same field separator ("/d/ OPEN f", "/d/|OPEN|f").
    if (i > pos && end < line.size() && line[end] != line[i - 1]) continue;
    std::string_view left = line.substr(pos, i - pos);
    std::string_view right = line.substr(std::min(end + 1, line.size()));
    char fs = !left.empty() ? left.back() : (end < line.size() ? line[end] : ' ');
    if (!left.empty()) left.remove_suffix(1);
    // In "%w %e %f" the watched part ends with '/'; a list whose left side does not is
    // more likely a filename made of event words, unless nothing better follows.
    if (!left.empty() && !right.empty() && left.back() != '/') continue;
    out->events = line.substr(i, end - i);
    out->list_sep = sep ? sep : ',';
    if (!left.empty() && !right.empty()) {
      out->watched = left;
      out->file = right;
      out->split = true;
    } else {
      AssignPath(left.empty() ? right : left, fs, out);
    }
    return true;
  }
  return false;
}

// One CSV field at s[*pos]; quoted fields have their doubled quotes undone into `scratch`.
bool CsvField(std::string_view s, size_t* pos, std::string* scratch, std::string_view* field) {
  size_t p = *pos;
  if (p < s.size() && s[p] == '"') {
    scratch->clear();
    for (++p; p < s.size(); ++p) {
      if (s[p] != '"') {
        scratch->push_back(s[p]);
      } else if (p + 1 < s.size() && s[p + 1] == '"') {
        scratch->push_back('"');
        ++p;
      } else {
        break;
      }
    }
    if (p >= s.size()) return false;  // unterminated quote
    ++p;
    if (p < s.size() && s[p] != ',') return false;
    *field = *scratch;
  } else {
    size_t comma = s.find(',', p);
    if (comma == std::string_view::npos) comma = s.size();
    *field = s.substr(p, comma - p);
    p = comma;
  }
  *pos = p < s.size() ? p + 1 : s.size() + 1;
  return true;
}

struct CsvScratch {
  std::string w, e, f;
};

// "%w,%e,%f" with RFC 4180 quoting (inotifywait --csv).
bool ParseCsv(std::string_view line, CsvScratch* scratch, FsLine* out) {
  size_t pos = 0;
  std::string_view w, e, f;
  if (!CsvField(line, &pos, &scratch->w, &w) || pos > line.size()) return false;
  if (!CsvField(line, &pos, &scratch->e, &e) || pos > line.size()) return false;
  if (!CsvField(line, &pos, &scratch->f, &f) || pos <= line.size()) return false;
  EventList ev;
  if (!ReadEventList(e, ',', &ev)) return false;
  out->watched = w;
  out->file = f;
  out->split = true;
  out->events = e;
  out->list_sep = ',';
  return true;
}


// The event lists of a line, as ParseShape finds them: an upper-case name at a word start,
// not right after a '/' ("/d/OPEN" is a path). {start, end} of each, at most `max`.
using ListSpans = absl::InlinedVector<std::pair<size_t, size_t>, 8>;

ListSpans EventListsInLine(std::string_view line, size_t max) {
  ListSpans spans;
  for (size_t i = 0; i < line.size() && spans.size() < max; ++i) {
    if (!IsNameChar(line[i]) || (i > 0 && (IsWordChar(line[i - 1]) || line[i - 1] == '/'))) continue;
    char sep = 0;
    const ListEnds list = EventListEnds(line, i, &sep);
    if (list.empty()) continue;
    spans.push_back({i, list.back()});
    i = list.back();
  }
  return spans;
}

// Two records run together: a path starts ('/' after a field separator) between two event
// lists ("/x CREATE /x OPEN"). A file name made of event words ("/d/ CREATE OPEN x") has none.
bool PathBetweenLists(std::string_view line, const ListSpans& spans) {
  for (size_t k = 0; k + 1 < spans.size(); ++k) {
    std::string_view between = line.substr(spans[k].second, spans[k + 1].first - spans[k].second);
    for (size_t q = 1; q < between.size(); ++q)
      if (between[q] == '/' && IsFieldSep(between[q - 1])) return true;
  }
  return false;
}

bool HasGluedEventList(std::string_view line) {
  for (size_t i = 1; i + 1 < line.size(); ++i) {
    if (!IsNameChar(line[i]) || IsNameChar(line[i - 1]) || !IsWordChar(line[i - 1])) continue;
    char sep = 0;
    const ListEnds list = EventListEnds(line, i, &sep);
    if (!list.empty() && line.substr(list.back()).starts_with(" /")) return true;
  }
  return false;
}

// The class of a record's first byte: records of one --format all start alike.
int StartClass(char c) {
  if (c == '/') return 1;
  if (IsDigit(c)) return 2;
  if (c == '[') return 3;
  return IsNameChar(c) ? 4 : 0;
}

// The text a --no-newline format ends with, read from the end of the line: separator bytes
// (no word byte, no '/'), and escapes inotifywait prints as they are ('\t' stays "\t").
std::string_view TrailingSeparator(std::string_view line) {
  size_t k = line.size();
  while (k > 0) {
    if (k >= 2 && line[k - 2] == '\\' && line[k - 1] >= 'a' && line[k - 1] <= 'z') {
      k -= 2;
    } else if (!IsWordChar(line[k - 1]) && line[k - 1] != '/' && line[k - 1] != '"') {
      --k;
    } else {
      break;
    }
  }
  return line.substr(k);
}

}  // namespace

// ---- --format specs ----

struct InotifyFormatSpec {
  enum class Kind : uint8_t { kLiteral, kTime, kWatched, kFile, kJoined, kEvents };
  struct Piece {
    Kind kind;
    std::string text;  // literal
    char sep = ',';    // events
  };
  std::vector<Piece> pieces;
  std::string format, timefmt;
  bool valid = true;
  std::string error;
};

namespace {

using Spec = InotifyFormatSpec;
using Kind = Spec::Kind;

void AddLiteral(Spec* spec, char c) {
  if (spec->pieces.empty() || spec->pieces.back().kind != Kind::kLiteral)
    spec->pieces.push_back({Kind::kLiteral, "", ','});
  spec->pieces.back().text.push_back(c);
}

std::unique_ptr<Spec> CompileSpec(std::string_view format, std::string_view timefmt) {
  auto spec = std::make_unique<Spec>();
  spec->format.assign(format);
  spec->timefmt.assign(timefmt);
  for (size_t i = 0; i < format.size(); ++i) {
    if (format[i] != '%' || i + 1 >= format.size()) {
      AddLiteral(spec.get(), format[i]);
      continue;
    }
    char c = format[++i];
    switch (c) {
      case 'w': spec->pieces.push_back({Kind::kWatched, "", ','}); break;
      case 'f':
        if (!spec->pieces.empty() && spec->pieces.back().kind == Kind::kWatched)
          spec->pieces.back().kind = Kind::kJoined;
        else
          spec->pieces.push_back({Kind::kFile, "", ','});
        break;
      case 'e': spec->pieces.push_back({Kind::kEvents, "", ','}); break;
      case 'T': spec->pieces.push_back({Kind::kTime, "", ','}); break;
      case '%': AddLiteral(spec.get(), '%'); break;
      case '0': AddLiteral(spec.get(), '\0'); break;
      case 'n': AddLiteral(spec.get(), '\n'); break;
      default:
        if (i + 1 < format.size() && format[i + 1] == 'e') {  // %Xe
          spec->pieces.push_back({Kind::kEvents, "", c});
          ++i;
          break;
        }
        spec->valid = false;
        spec->error = StrCat("unsupported conversion %", c, " in --format '", format, "'");
    }
  }
  if (!timefmt.empty() && !StrftimeSupported(timefmt)) {
    spec->valid = false;
    spec->error = StrCat("unsupported conversion in --timefmt '", timefmt, "'");
  }
  return spec;
}

class SpecMatcher {
 public:
  SpecMatcher(const Spec& spec, std::string_view line, FsLine* out) : spec_(spec), line_(line), out_(out) {}
  bool Run() { return Match(0, 0); }

 private:
  bool Match(size_t k, size_t pos) {
    if (--budget_ < 0) return false;
    if (k == spec_.pieces.size()) return pos == line_.size();
    const Spec::Piece& p = spec_.pieces[k];
    switch (p.kind) {
      case Kind::kLiteral:
        return line_.substr(pos).starts_with(p.text) && Match(k + 1, pos + p.text.size());
      case Kind::kTime: return MatchTime(k, pos);
      case Kind::kEvents: return MatchEvents(k, pos, p.sep);
      default: return MatchText(k, pos, p.kind);
    }
  }

  bool MatchTime(size_t k, size_t pos) {
    std::string_view s = line_.substr(pos);
    CivilTime t;
    size_t n = spec_.timefmt.empty() ? ParseLooseTimestamp(s, &t) : ParseStrftime(spec_.timefmt, s, &t);
    if (n == kNoMatch) return false;
    out_->time = t;
    out_->has_time = true;
    return Match(k + 1, pos + n);
  }

  bool MatchEvents(size_t k, size_t pos, char sep) {
    char s = sep;
    const ListEnds ends = EventListEnds(line_, pos, &s);
    for (size_t i = ends.size(); i-- > 0;) {
      out_->events = line_.substr(pos, ends[i] - pos);
      out_->list_sep = sep;
      if (Match(k + 1, ends[i])) return true;
    }
    return false;
  }

  // %w, %f, %w%f: any text. A watched directory ends with '/', so those ends are tried first.
  bool MatchText(size_t k, size_t pos, Kind kind) {
    bool last = k + 1 == spec_.pieces.size();
    for (int pass = kind == Kind::kWatched ? 0 : 1; pass < 2; ++pass) {
      for (size_t end = last ? line_.size() : pos; end <= line_.size(); ++end) {
        if (pass == 0 && (end == pos || line_[end - 1] != '/')) continue;
        Capture(kind, line_.substr(pos, end - pos));
        if (Match(k + 1, end)) return true;
        if (budget_ < 0) return false;
      }
    }
    return false;
  }

  void Capture(Kind kind, std::string_view text) {
    if (kind == Kind::kJoined) {
      out_->joined = text;
      return;
    }
    (kind == Kind::kWatched ? out_->watched : out_->file) = text;
    out_->split = true;
  }

  const Spec& spec_;
  std::string_view line_;
  FsLine* out_;
  int budget_ = 100000;  // bounds backtracking on hostile lines
};

bool IsBanner(std::string_view line) {
  return line.starts_with("Setting up watches.") || line.starts_with("Watches established.") ||
         line.starts_with("Establishing watches...") || line.starts_with("Finished establishing watches");
}

// inotifywatch prints counts per watched path, not events:
//   total  access  modify  attrib  close_write  ...  filename
//   35     5       4       1       4            ...  /tmp/rdwatch/app/
bool IsInotifywatchHeader(std::string_view line) {
  return line.starts_with("total ") && line.ends_with(" filename");
}

// inotifywait's messages on stderr (2>&1 puts them in the log): the watch set is incomplete.
bool IsToolError(std::string_view line) {
  static constexpr std::string_view kPrefixes[] = {
      "Couldn't watch", "Failed to watch", "Please increase", "Error removing watch",
      "Couldn't initialize", "Couldn't open", "Stat failed", "No files specified",
      "Try increasing", "inotifywait: ", "Failed to open output file",
      "--no-newline cannot be specified"};
  for (std::string_view p : kPrefixes)
    if (!line.empty() && line[0] == p[0] && line.starts_with(p)) return true;
  return false;
}

// "%w%f %e %T": a time after the event list ("/tmp/app/x CREATE 1796352472", "... OPEN,ISDIR
// 2026-12-04 02:47:52"). Returns where the separator before the time is (the record ends
// there) and sets *t, or npos when the line does not end with an event list, a separator
// and a time. The time is the last 1 to 5 fields ('%c' has 5).
size_t TrailingTime(std::string_view line, std::string_view timefmt, CivilTime* t) {
  size_t start = line.size();
  for (int fields = 0; fields < 5; ++fields) {
    size_t p = start;
    while (p > 0 && IsFieldSep(line[p - 1])) --p;
    while (p > 0 && !IsFieldSep(line[p - 1])) --p;
    if (p < 2) return std::string_view::npos;
    start = p;
    std::string_view stamp = line.substr(start);
    CivilTime ct;
    size_t n = timefmt.empty() ? ParseLooseTimestamp(stamp, &ct) : ParseStrftime(timefmt, stamp, &ct);
    if (n != stamp.size() && timefmt.empty()) n = ReadOtherTime(stamp, &ct);
    if (n != stamp.size()) continue;
    // The event list ends at the separator before the time; it starts after a separator
    // that is not the list's own ',' or ':'.
    const size_t sep = start - 1;
    size_t q = sep;
    while (q > 0 && line[q - 1] != ' ' && line[q - 1] != '\t' && line[q - 1] != '|' && line[q - 1] != ';') --q;
    char list_sep = 0;
    const ListEnds ends = EventListEnds(line, q, &list_sep);
    if (ends.empty() || ends.back() != sep) continue;
    *t = ct;
    return sep;
  }
  return std::string_view::npos;
}

// Whether most of the first 16 record lines (not banners, not the tool's errors) of the file's
// head satisfy `matches`.
template <typename Pred>
bool MostHeadRecordsMatch(std::string_view text, Pred matches) {
  int sampled = 0, matched = 0;
  ForEachLine(text.substr(0, std::min(text.size(), SourceParser::kHeadTraitsBytes)),
              [&](std::string_view line, uint32_t) {
                if (sampled >= 16 || line.empty() || IsBanner(line) || IsToolError(line)) return;
                ++sampled;
                matched += matches(line);
              });
  return sampled > 0 && matched * 2 > sampled;
}

// Whether the records end with an event list and a time (TrailingTime). Decided per file: in
// the default "%w %e %f" a file may be named "1796352472" or "02:47:52", and such a name is a
// name there.
bool LooksTimeLast(std::string_view text, std::string_view timefmt) {
  return MostHeadRecordsMatch(text, [&](std::string_view line) {
    CivilTime t;
    return TrailingTime(line, timefmt, &t) != std::string_view::npos;
  });
}

// Whether the records read as `inotifywait -c` CSV.
bool LooksCsv(std::string_view text) {
  CsvScratch scratch;
  return MostHeadRecordsMatch(text, [&](std::string_view line) {
    FsLine f;
    return ParseCsv(line, &scratch, &f);
  });
}

enum HeadTrait : uint32_t { kPlainLines = 1, kCsvLines = 2, kTimeLast = 4 };

class ChunkParser {
 public:
  ChunkParser(const Spec* spec, const ParserOptions& options, EventBatch* out)
      : spec_(spec), timefmt_(options.inotify_timefmt), out_(out) {}

  void SetCsv(bool csv) { csv_ = csv; }
  void SetTimeLast(bool time_last) { time_last_ = time_last; }

  void Line(std::string_view line, uint32_t n) {
    if (line.find('\0') != std::string_view::npos) {
      // --format '...%0' --no-newline: NUL-terminated records (the man page's recipe for
      // names with newlines); they share the line number of the line they sit on.
      for (size_t start = 0; start <= line.size();) {
        size_t end = std::min(line.find('\0', start), line.size());
        Record(line.substr(start, end - start), n);
        start = end + 1;
      }
      return;
    }
    Record(line, n);
  }

 private:
  void Record(std::string_view line, uint32_t n) {
    if (line.empty()) return;
    if (IsBanner(line) || stats_table_) {
      ++out_->counters.annotations;
      return;
    }
    if (IsInotifywatchHeader(line)) {
      stats_table_ = true;  // its rows are annotations
      out_->Report(n, "inotifywatch statistics (event counts per watched path, no single events): not read as events", line);
      return;
    }
    if (IsToolError(line)) {
      out_->Report(n, "inotifywait reported an error: events may be missing", line);
      return;
    }
    if (CutRunTogether(line, n)) return;
    FsLine f;
    if (!held_.empty() && JoinHeld(line, &f)) {
      line = std::string_view(held_.data(), line.data() + line.size() - held_.data());
      n = held_no_;
      held_ = {};
      ++out_->counters.stitched;
    } else {
      ReportHeld();
      if (!Decode(line, &f)) {
        held_ = line;  // may be the first part of a record whose file name holds a newline
        held_no_ = n;
        return;
      }
    }
    Read(f, line, n);
  }

  void Read(FsLine& f, std::string_view line, uint32_t n) {
    EventList ev;
    if (!ReadEventList(f.events, f.list_sep, &ev)) {
      out_->Report(n, "unknown inotify event name", line);
      return;
    }
    if (!spec_ && !f.has_time) CutUnreadPrefix(&f, line, n);
    Emit(f, ev, n);
  }

  // --format '%w%f %e|' --no-newline prints every record on one line, each ended only by the
  // format's last literal (inotifywait(1): "Don't print newline symbol after user-specified
  // format"):
  //   /tmp/rdwatch/app/my notes.txt CREATE|/tmp/rdwatch/app/my notes.txt OPEN|...
  // Returns false when the line is one record. Else reads its records one by one, sharing the
  // line number, or, when they do not cut into records that all decode, reports the line:
  // records run together are never read as one event.
  bool CutRunTogether(std::string_view line, uint32_t n) {
    const ListSpans spans = EventListsInLine(line, line.size());
    const bool glued = HasGluedEventList(line);
    if (spans.size() < 2 && !glued) return false;
    std::vector<std::string_view> pieces;
    if (CutRecords(line, spans, &pieces)) {
      ReportHeld();
      for (std::string_view piece : pieces) {
        FsLine f;
        Decode(piece, &f);  // decoded before; again, as a decode may point into scratch_
        Read(f, piece, n);
      }
      return true;
    }
    if (!glued && !PathBetweenLists(line, spans)) return false;
    ReportHeld();
    out_->Report(n, "inotify records run together on one line (--format ... --no-newline without a separator "
                    "after the last field?): where one ends is unknown; not read", line);
    return true;
  }

  // The literal that ends each record is the --inotify-format's when it ends with one, else,
  // when the line ends with an event list, whatever follows it (maybe nothing: "%w%f %e"
  // glues "CLOSE/tmp/..."), else the separator bytes the line ends with. The line is cut
  // after each copy of it followed by a byte of the first record's start class (a path, a
  // time, an event list); with an event list last, only right after a list. A piece that
  // does not decode alone is joined with the next (the literal inside a file name).
  bool CutRecords(std::string_view line, const ListSpans& spans, std::vector<std::string_view>* pieces) {
    const int start_class = StartClass(line.front());
    if (start_class == 0 || spans.empty()) return false;
    std::string_view sep;
    bool after_list = false, keep_sep = false;
    if (spec_ && spec_->valid && spec_->pieces.back().kind == Kind::kLiteral) {
      sep = spec_->pieces.back().text;
      keep_sep = true;  // the spec matches a record with its literal
    } else if (std::string_view tail = line.substr(spans.back().second);
               tail.size() <= 8 && tail.find('/') == std::string_view::npos) {
      sep = tail;
      after_list = true;
    } else {
      sep = TrailingSeparator(line);
    }
    if (sep.empty() && !after_list) return false;
    std::vector<size_t> cuts;  // where a record's literal starts
    if (after_list) {
      for (const auto& span : spans)
        if (line.substr(span.second).starts_with(sep)) cuts.push_back(span.second);
    } else {
      for (size_t p = line.find(sep); p != std::string_view::npos; p = line.find(sep, p + 1)) cuts.push_back(p);
    }
    size_t begin = 0;
    FsLine f;
    for (size_t p : cuts) {
      size_t next = p + sep.size();
      if (p <= begin || next >= line.size() || StartClass(line[next]) != start_class) continue;
      std::string_view piece = line.substr(begin, (keep_sep ? next : p) - begin);
      f = FsLine();
      if (!Decode(piece, &f)) continue;  // joined with the next
      pieces->push_back(piece);
      begin = next;
    }
    size_t end = line.ends_with(sep) && !keep_sep ? line.size() - sep.size() : line.size();
    if (begin >= end) return false;
    std::string_view last = line.substr(begin, end - begin);
    f = FsLine();
    if (!Decode(last, &f)) return false;
    pieces->push_back(last);
    return pieces->size() >= 2;
  }

  // A file name with a newline splits a record over two lines; with the name before the
  // event list ("%w%f %e", --csv's quoted field) the first part has no event list:
  //   /tmp/rdwatch/app/,"CLOSE_WRITE,CLOSE","new
  //   line.txt"
  // The held line and `line` are one record when `line` follows it in the text, the two
  // decode as one, and `line` alone does not decode, or only as a relative path where the
  // joined record's is absolute ("line.txt CREATE"). (A name after the event list, as in the
  // default "%w %e %f", leaves its second part alone on a line: reported.)
  bool JoinHeld(std::string_view line, FsLine* f) {
    if (held_.data() + held_.size() + 1 != line.data() || held_.data()[held_.size()] != '\n') return false;
    bool alone_relative = true;
    if (Decode(line, f)) alone_relative = !StartsAbsolute(*f);
    *f = FsLine();
    if (!alone_relative) return false;
    std::string_view joined(held_.data(), line.data() + line.size() - held_.data());
    if (Decode(joined, f) && StartsAbsolute(*f)) return true;
    *f = FsLine();
    return false;
  }

  // A --timefmt this reader does not know ('%d.%m.%Y %H:%M' prints "03.12.2026 08:11") leaves
  // its text in front of the path: "03.12.2026 08:11 /tmp/rdwatch/app/my notes.txt". When the
  // path would start with '/' after a prefix that holds a space and no '/', the prefix is cut
  // off, the event has no time, and the chunk reports it once (the time needs
  // --inotify-timefmt).
  void CutUnreadPrefix(FsLine* f, std::string_view line, uint32_t n) {
    std::string_view& path = f->split ? f->watched : f->joined;
    if (path.empty() || path.front() == '/') return;
    size_t at = path.find(" /");
    if (at == std::string_view::npos || path.substr(0, at).find('/') != std::string_view::npos) return;
    if (!prefix_reported_) {
      prefix_reported_ = true;
      out_->Report(n, StrCat("text before the path is no timestamp read without --inotify-timefmt: '",
                             path.substr(0, at), "' (cut off; these events have no time)"),
                   line);
    }
    path.remove_prefix(at + 1);
  }

  static bool StartsAbsolute(const FsLine& f) { return (f.split ? f.watched : f.joined).starts_with('/'); }

  void ReportHeld() {
    if (held_.empty()) return;
    out_->Report(held_no_, spec_ ? StrCat("line does not match --format '", spec_->format, "'")
                                 : std::string("no inotify event list in the line"),
                 held_);
    pending_from_ = -1;
    held_ = {};
  }

 public:
  void Finish() { ReportHeld(); }

 private:
  bool Decode(std::string_view line, FsLine* f) {
    if (spec_ && spec_->valid) {
      if (SpecMatcher(*spec_, line, f).Run()) return true;
      *f = FsLine();
      // "%w %e %f" for an event on the watched directory ends with a space; tolerate a
      // copy whose trailing whitespace was trimmed.
      padded_.assign(line);
      padded_.push_back(' ');
      if (SpecMatcher(*spec_, padded_, f).Run()) return true;
      *f = FsLine();
    }
    if (csv_ && ParseCsv(line, &scratch_, f)) return true;
    *f = FsLine();
    // A quoted --csv field left open goes on on the next line (a name with a newline).
    if (csv_ && std::count(line.begin(), line.end(), '"') % 2 != 0) return false;
    if (time_last_) {  // "%w%f %e %T": the time is cut off first, so it is never read as a name
      CivilTime t;
      size_t cut = TrailingTime(line, timefmt_, &t);
      if (cut != std::string_view::npos && ParseShape(line.substr(0, cut), timefmt_, f) && !f->has_time) {
        f->time = t;
        f->has_time = true;
        return true;
      }
      *f = FsLine();
    }
    if (ParseShape(line, timefmt_, f)) return true;
    *f = FsLine();
    return !csv_ && ParseCsv(line, &scratch_, f);
  }

  void Emit(const FsLine& f, const EventList& ev, uint32_t n) {
    path_.clear();
    std::string_view watched;
    if (f.split) {
      watched = f.watched;
      path_.assign(f.watched);
      if (!f.file.empty()) {
        if (!path_.empty() && path_.back() != '/') path_.push_back('/');
        path_.append(f.file);
      }
    } else {
      path_.assign(f.joined);
      size_t slash = f.joined.rfind('/', f.joined.size() > 1 ? f.joined.size() - 2 : 0);
      watched = f.joined.ends_with('/') || slash == std::string_view::npos ? f.joined
                                                                           : f.joined.substr(0, slash + 1);
    }
    if (path_.size() > 1 && path_.back() == '/') path_.pop_back();
    Detail d;
    d.flags = ev.mask;
    d.str2 = watched_.Intern(out_->strings, watched);
    Event e;
    e.type = EventType::kFileEvent;
    e.line = n;
    e.op = ev.op;
    e.name = out_->Name(ev.first);
    e.str = path_ids_.Intern(out_->strings, path_);
    SetTime(f, &e);
    e.detail = out_->AddDetail(d);
    PairRename(ev.mask, e.str);
    out_->events.push_back(e);
    ++out_->counters.events;
  }

  void SetTime(const FsLine& f, Event* e) {
    if (!f.has_time) return;
    bool has_date = false;
    int64_t ns = CivilToNs(f.time, &has_date);
    if (ns == kNoTime) return;
    e->time_ns = ns;
    if (out_->timebase == Timebase::kNone) out_->timebase = has_date ? Timebase::kEpoch : Timebase::kTimeOfDay;
  }

  // A MOVED_FROM immediately followed by a MOVED_TO is one rename: each names the other.
  void PairRename(uint32_t mask, StrId path) {
    uint32_t index = static_cast<uint32_t>(out_->events.size());
    if ((mask & kInMovedTo) && pending_from_ >= 0) {
      Event& from = out_->events[pending_from_];
      out_->details[from.detail].str3 = path;
      out_->details.back().str3 = from.str;
    }
    pending_from_ = (mask & kInMovedFrom) ? static_cast<int64_t>(index) : -1;
  }

  bool stats_table_ = false;  // after an inotifywatch table header
  bool prefix_reported_ = false;  // CutUnreadPrefix reported its first line
  std::string_view held_;     // a line that did not decode, kept to try it with the next (JoinHeld)
  uint32_t held_no_ = 0;
  const Spec* spec_;
  std::string_view timefmt_;
  EventBatch* out_;
  bool csv_ = false;
  bool time_last_ = false;  // kTimeLast: records end with their time
  CsvScratch scratch_;
  std::string path_;
  RepeatInterner watched_, path_ids_;  // consecutive events share their directory, often their file
  std::string padded_;
  int64_t pending_from_ = -1;
};

}  // namespace

InotifyParser::InotifyParser(const ParserOptions& options) : options_(options) {
  if (!options_.inotify_format.empty()) spec_ = CompileSpec(options_.inotify_format, options_.inotify_timefmt);
}

InotifyParser::~InotifyParser() = default;

uint32_t InotifyParser::HeadTraits(std::string_view head) const {
  return (LooksCsv(head) ? kCsvLines : kPlainLines) | (LooksTimeLast(head, options_.inotify_timefmt) ? kTimeLast : 0u);
}

void InotifyParser::ParseChunk(const FileContext& ctx, const Chunk& chunk, EventBatch* out) const {
  ChunkParser p(spec_.get(), options_, out);
  ReportCrlf(chunk.text, out);
  if (spec_ && !spec_->valid) out->Report(1, spec_->error, options_.inotify_format);
  const uint32_t traits = ctx.head_traits != 0 ? ctx.head_traits : HeadTraits(chunk.text);
  p.SetCsv(traits & kCsvLines);
  p.SetTimeLast(traits & kTimeLast);
  out->counters.lines += ForEachLine(chunk.text, [&](std::string_view line, uint32_t n) { p.Line(line, n); });
  p.Finish();
}

}  // namespace rundown
