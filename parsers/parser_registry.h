// Builds the parser for a source kind. The options carry what the user told us about how a
// file was produced (e.g. the inotifywait --format spec) when the content cannot say it.
#ifndef RUNDOWN_PARSERS_PARSER_REGISTRY_H_
#define RUNDOWN_PARSERS_PARSER_REGISTRY_H_

#include <memory>
#include <string>

#include "parsers/source_parser.h"

namespace rundown {

struct ParserOptions {
  std::string inotify_format;   // inotifywait --format spec, e.g. "%T %w%f %e"; "" = detect
  std::string inotify_timefmt;  // inotifywait --timefmt spec, e.g. "%F %T"; "" = detect
};

// Never null for a kind other than kUnknown.
std::unique_ptr<SourceParser> MakeParser(SourceKind kind, const ParserOptions& options);

}  // namespace rundown

#endif  // RUNDOWN_PARSERS_PARSER_REGISTRY_H_
