#include "parsers/source_parser.h"

#include "parsers/simd.h"

#if RUNDOWN_HAVE_AVX2_PATHS
#include <immintrin.h>
#endif

namespace rundown::line_internal {

size_t NewlineOffsetsSse2(const char* p, size_t blocks, uint16_t* out) {
  size_t found = 0;
  for (size_t b = 0; b < blocks; ++b) found += MaskOffsets(NewlineMask64(p + 64 * b), 64 * b, out + found);
  return found;
}

#if RUNDOWN_HAVE_AVX2_PATHS
namespace {
RUNDOWN_TARGET_AVX2 inline uint64_t NewlineMaskAvx2(const char* p, __m256i nl) {
  const __m256i lo = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p));
  const __m256i hi = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p + 32));
  return static_cast<uint32_t>(_mm256_movemask_epi8(_mm256_cmpeq_epi8(lo, nl))) |
         static_cast<uint64_t>(static_cast<uint32_t>(_mm256_movemask_epi8(_mm256_cmpeq_epi8(hi, nl)))) << 32;
}
}  // namespace

// Two 32-byte compares a block instead of four 16-byte ones: ~10 instructions, not ~20.
// Two blocks a turn: the loop's own count and pointer steps once for both.
RUNDOWN_TARGET_AVX2 size_t NewlineOffsetsAvx2(const char* p, size_t blocks, uint16_t* out) {
  const __m256i nl = _mm256_set1_epi8('\n');
  uint16_t* o = out;
  size_t b = 0;
  for (; b + 2 <= blocks; b += 2) {
    const uint64_t first = NewlineMaskAvx2(p + 64 * b, nl), second = NewlineMaskAvx2(p + 64 * b + 64, nl);
    o += MaskOffsets(first, 64 * b, o);
    o += MaskOffsets(second, 64 * b + 64, o);
  }
  if (b < blocks) o += MaskOffsets(NewlineMaskAvx2(p + 64 * b, nl), 64 * b, o);
  return static_cast<size_t>(o - out);
}
#else
size_t NewlineOffsetsAvx2(const char* p, size_t blocks, uint16_t* out) { return NewlineOffsetsSse2(p, blocks, out); }
#endif

size_t NewlineOffsets(const char* p, size_t blocks, uint16_t* out) {
  return simd::Avx2() ? NewlineOffsetsAvx2(p, blocks, out) : NewlineOffsetsSse2(p, blocks, out);
}

}  // namespace rundown::line_internal
