// Which vector instructions the byte scanners use. The build targets plain x86-64 (SSE2, as
// every x86-64 CPU has); the hottest scans (the newline masks, the strace argument scanner)
// also have AVX2 versions that read 32 bytes where SSE2 reads 16, chosen once at start-up
// when the CPU has AVX2 (with BMI1, BMI2 and POPCNT, which every AVX2 CPU also has).
// RUNDOWN_SIMD=sse2 in the environment keeps the SSE2 versions, to compare the two on one
// machine; tests and the fuzzer switch with SetAvx2.
#ifndef RUNDOWN_PARSERS_SIMD_H_
#define RUNDOWN_PARSERS_SIMD_H_

#if defined(__x86_64__) && defined(__SSE2__)
#define RUNDOWN_HAVE_AVX2_PATHS 1
// Marks a function compiled for AVX2 CPUs: call it only when simd::Avx2() is true.
#define RUNDOWN_TARGET_AVX2 __attribute__((target("avx2,bmi,bmi2,popcnt")))
#else
#define RUNDOWN_HAVE_AVX2_PATHS 0
#define RUNDOWN_TARGET_AVX2
#endif

namespace rundown::simd {

namespace internal {
extern bool avx2;  // set before main() runs; see SetAvx2
}  // namespace internal

// Whether the AVX2 versions run. A global flag, not a function pointer per scan: a scan
// called per line tests it in a predictable branch and stays inlinable.
inline bool Avx2() { return internal::avx2; }

// Whether this CPU (and OS) can run the AVX2 versions at all.
bool CpuHasAvx2();

// Selects the AVX2 versions (when `on` and CpuHasAvx2()) or the SSE2 ones; returns the
// previous choice. Not thread-safe: for tests and the fuzzer, between parses.
bool SetAvx2(bool on);

}  // namespace rundown::simd

#endif  // RUNDOWN_PARSERS_SIMD_H_
