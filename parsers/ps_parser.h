// PLACEHOLDER: to be replaced by the real PsParser (see issue tracker).
#ifndef RUNDOWN_PARSERS_PS_PARSER_H_
#define RUNDOWN_PARSERS_PS_PARSER_H_

#include "parsers/source_parser.h"

namespace rundown {

class PsParser : public SourceParser {
 public:
  SourceKind kind() const override { return SourceKind::kPs; }
  bool Splittable() const override { return false; }
  void ParseChunk(const FileContext& ctx, const Chunk& chunk, EventBatch* out) const override;
};

}  // namespace rundown

#endif  // RUNDOWN_PARSERS_PS_PARSER_H_
