#include "parsers/source_parser.h"

#include "parsers/simd.h"

#if RUNDOWN_HAVE_AVX2_PATHS
#include <immintrin.h>
#endif

namespace rundown::line_internal {

void NewlineMasksSse2(const char* p, size_t blocks, uint64_t* out) {
  for (size_t b = 0; b < blocks; ++b) out[b] = NewlineMask64(p + 64 * b);
}

#if RUNDOWN_HAVE_AVX2_PATHS
// Two 32-byte compares a block instead of four 16-byte ones: ~10 instructions, not ~20.
RUNDOWN_TARGET_AVX2 void NewlineMasksAvx2(const char* p, size_t blocks, uint64_t* out) {
  const __m256i nl = _mm256_set1_epi8('\n');
  for (size_t b = 0; b < blocks; ++b, p += 64) {
    const __m256i lo = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p));
    const __m256i hi = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p + 32));
    out[b] = static_cast<uint32_t>(_mm256_movemask_epi8(_mm256_cmpeq_epi8(lo, nl))) |
             static_cast<uint64_t>(static_cast<uint32_t>(_mm256_movemask_epi8(_mm256_cmpeq_epi8(hi, nl)))) << 32;
  }
}
#else
void NewlineMasksAvx2(const char* p, size_t blocks, uint64_t* out) { NewlineMasksSse2(p, blocks, out); }
#endif

void NewlineMasks(const char* p, size_t blocks, uint64_t* out) {
  if (simd::Avx2()) {
    NewlineMasksAvx2(p, blocks, out);
  } else {
    NewlineMasksSse2(p, blocks, out);
  }
}

}  // namespace rundown::line_internal
