// libFuzzer target for ContainerParser (docker inspect JSON): parses the input (capped at 256 KiB) as one chunk and checks
// the batch invariants of fuzz/batch_checks.h.
#include <cstddef>
#include <cstdint>

#include "fuzz/batch_checks.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  rundown::fuzz::ParseAndCheck(rundown::SourceKind::kContainer, rundown::fuzz::Input(data, size));
  return 0;
}
