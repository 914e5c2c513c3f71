// libFuzzer target for ProgramLogParser (text, NDJSON through simdjson, error blocks): parses the input (capped at 256 KiB) as one chunk and checks
// the batch invariants of fuzz/batch_checks.h; then again as a trace that holds the program's
// output (FileContext::trace_and_output: its lines rebuilt from strace's write( lines).
#include <cstddef>
#include <cstdint>

#include <string_view>

#include "fuzz/batch_checks.h"
#include "parsers/program_log_parser.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text = rundown::fuzz::Input(data, size);
  rundown::fuzz::ParseAndCheck(rundown::SourceKind::kProgramLog, text);
  rundown::EventBatch b;
  rundown::FileContext ctx;
  ctx.kind = rundown::SourceKind::kProgramLog;
  ctx.trace_and_output = true;
  rundown::ProgramLogParser().ParseChunk(ctx, rundown::Chunk{text, 0, 0, true}, &b);
  rundown::fuzz::CheckBatch(b, text);
  return 0;
}
