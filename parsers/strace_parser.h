// PLACEHOLDER: to be replaced by the real StraceParser (see issue tracker).
#ifndef RUNDOWN_PARSERS_STRACE_PARSER_H_
#define RUNDOWN_PARSERS_STRACE_PARSER_H_

#include "parsers/source_parser.h"

namespace rundown {

class StraceParser : public SourceParser {
 public:
  SourceKind kind() const override { return SourceKind::kStrace; }
  bool Splittable() const override { return true; }
  void ParseChunk(const FileContext& ctx, const Chunk& chunk, EventBatch* out) const override;
};

}  // namespace rundown

#endif  // RUNDOWN_PARSERS_STRACE_PARSER_H_
