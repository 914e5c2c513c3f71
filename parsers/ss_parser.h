// PLACEHOLDER: to be replaced by the real SsParser (see issue tracker).
#ifndef RUNDOWN_PARSERS_SS_PARSER_H_
#define RUNDOWN_PARSERS_SS_PARSER_H_

#include "parsers/source_parser.h"

namespace rundown {

class SsParser : public SourceParser {
 public:
  SourceKind kind() const override { return SourceKind::kSs; }
  bool Splittable() const override { return false; }
  void ParseChunk(const FileContext& ctx, const Chunk& chunk, EventBatch* out) const override;
};

}  // namespace rundown

#endif  // RUNDOWN_PARSERS_SS_PARSER_H_
