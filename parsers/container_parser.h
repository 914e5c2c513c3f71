// PLACEHOLDER: to be replaced by the real ContainerParser (see issue tracker).
#ifndef RUNDOWN_PARSERS_CONTAINER_PARSER_H_
#define RUNDOWN_PARSERS_CONTAINER_PARSER_H_

#include "parsers/source_parser.h"

namespace rundown {

class ContainerParser : public SourceParser {
 public:
  SourceKind kind() const override { return SourceKind::kContainer; }
  bool Splittable() const override { return false; }
  void ParseChunk(const FileContext& ctx, const Chunk& chunk, EventBatch* out) const override;
};

}  // namespace rundown

#endif  // RUNDOWN_PARSERS_CONTAINER_PARSER_H_
