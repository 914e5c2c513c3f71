#include "parsers/simd.h"

#include <cstdlib>
#include <cstring>

namespace rundown::simd {

bool CpuHasAvx2() {
#if RUNDOWN_HAVE_AVX2_PATHS
  // __builtin_cpu_supports reads CPUID and checks that the OS saves the YMM registers.
  __builtin_cpu_init();
  return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("bmi") && __builtin_cpu_supports("bmi2") &&
         __builtin_cpu_supports("popcnt");
#else
  return false;
#endif
}

namespace {

bool ChooseAtStart() {
  const char* forced = std::getenv("RUNDOWN_SIMD");
  if (forced != nullptr && std::strcmp(forced, "sse2") == 0) return false;
  return CpuHasAvx2();
}

}  // namespace

namespace internal {
bool avx2 = ChooseAtStart();
}  // namespace internal

bool SetAvx2(bool on) {
  const bool before = internal::avx2;
  internal::avx2 = on && CpuHasAvx2();
  return before;
}

}  // namespace rundown::simd
