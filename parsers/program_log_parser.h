// PLACEHOLDER: to be replaced by the real ProgramLogParser (see issue tracker).
#ifndef RUNDOWN_PARSERS_PROGRAM_LOG_PARSER_H_
#define RUNDOWN_PARSERS_PROGRAM_LOG_PARSER_H_

#include "parsers/source_parser.h"

namespace rundown {

class ProgramLogParser : public SourceParser {
 public:
  SourceKind kind() const override { return SourceKind::kProgramLog; }
  bool Splittable() const override { return false; }
  void ParseChunk(const FileContext& ctx, const Chunk& chunk, EventBatch* out) const override;
};

}  // namespace rundown

#endif  // RUNDOWN_PARSERS_PROGRAM_LOG_PARSER_H_
