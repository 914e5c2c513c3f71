// PLACEHOLDER: to be replaced by the real InotifyParser (see issue tracker).
#ifndef RUNDOWN_PARSERS_INOTIFY_PARSER_H_
#define RUNDOWN_PARSERS_INOTIFY_PARSER_H_

#include "parsers/parser_registry.h"
#include "parsers/source_parser.h"

namespace rundown {

class InotifyParser : public SourceParser {
 public:
  explicit InotifyParser(const ParserOptions& options) : options_(options) {}
  SourceKind kind() const override { return SourceKind::kInotify; }
  bool Splittable() const override { return false; }
  void ParseChunk(const FileContext& ctx, const Chunk& chunk, EventBatch* out) const override;
 private:
  ParserOptions options_;
};

}  // namespace rundown

#endif  // RUNDOWN_PARSERS_INOTIFY_PARSER_H_
