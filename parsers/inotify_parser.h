// InotifyParser reads inotifywait (inotify-tools 3.22) output: one kFileEvent event per
// event line (see the slot table in event.h).
//
// Accepted layouts, per line:
//   - default `-m -r`: "WATCHED_DIR/ EVENTS FILENAME" ("/home/u/app/ CLOSE_NOWRITE,CLOSE a.js";
//     the filename is empty, and the line ends with a space, for an event on the watched
//     directory itself);
//   - `--csv`: `/home/u/app/,"CLOSE_NOWRITE,CLOSE",app.js` (fields quoted when they hold a
//     comma or a quote, quotes doubled);
//   - `--format` output: with ParserOptions::inotify_format (%w %f %e %Xe %T %%) and
//     inotify_timefmt (a strftime subset, see time_format.h) the line is matched against the
//     spec; without them the common shapes are recognised: an optional leading timestamp
//     (ISO date-time, "%F %T", epoch seconds, a time of day, optionally in [brackets]), the
//     event list (any separator: %e, %:e, %|e) and the path as "%w%f" or "%w %f", before or
//     after the events, fields separated by spaces, '|' or ','.
// `--format ... --no-newline` puts every record on one line: it is cut at the format's last
// literal (or right after each event list) when every piece decodes, else reported.
// Paths may contain spaces. Banners ("Setting up watches.", "Watches established.") are
// annotations; inotifywait's own errors ("Couldn't watch ...", "Failed to watch ...; upper
// limit ...") and unreadable lines are diagnostics naming the line.
//
// Slots: str = full path (no trailing '/'), name = first event name, op = the Op::kFs* of
// the first event that has one, detail.flags = InotifyMask bits, detail.str2 = watched
// directory (as printed, with its '/'; derived from the path for "%w%f"), detail.str3 = the
// other half of a rename: a MOVED_FROM immediately followed by a MOVED_TO (the kernel queues
// the pair back to back; inotifywait prints no cookie) get each other's path, whatever the
// directories. Timestamps: kEpoch when the time has a date or is epoch seconds (UTC unless
// the text has an offset), kTimeOfDay for a time of day only.
//
// Splittable: every line stands alone (a rename pair cut by a chunk boundary stays unpaired).
#ifndef RUNDOWN_PARSERS_INOTIFY_PARSER_H_
#define RUNDOWN_PARSERS_INOTIFY_PARSER_H_

#include <memory>

#include "parsers/parser_registry.h"
#include "parsers/source_parser.h"

namespace rundown {

struct InotifyFormatSpec;  // compiled --format spec (inotify_parser.cc)

class InotifyParser : public SourceParser {
 public:
  explicit InotifyParser(const ParserOptions& options);
  ~InotifyParser() override;
  SourceKind kind() const override { return SourceKind::kInotify; }
  bool Splittable() const override { return true; }
  // Whether the file is `inotifywait -c` CSV, judged from its first lines once for all its
  // chunks: a chunk of a damaged log judged alone could read the same lines otherwise.
  uint32_t HeadTraits(std::string_view head) const override;
  void ParseChunk(const FileContext& ctx, const Chunk& chunk, EventBatch* out) const override;

 private:
  ParserOptions options_;
  std::unique_ptr<const InotifyFormatSpec> spec_;  // null: detect per chunk
};

}  // namespace rundown

#endif  // RUNDOWN_PARSERS_INOTIFY_PARSER_H_
