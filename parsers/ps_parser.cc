#include "parsers/ps_parser.h"

namespace rundown {

void PsParser::ParseChunk(const FileContext& ctx, const Chunk& chunk, EventBatch* out) const {
  out->counters.lines += ForEachLine(chunk.text, [&](std::string_view line, uint32_t n) {
    out->Report(n, "parser not implemented yet", line);
  });
}

}  // namespace rundown
