// rundown_gen_trace: writes a realistic strace trace of a given size and its manifest.
//
//   rundown_gen_trace --out build/bench-data/trace.strace --size 1G --variant f-tt-T-y
//   rundown_gen_trace --out build/bench-data/ff --size 256M --variant ff-tt-T-y
//   rundown_gen_trace --list-variants
//
// Single-file variants write PATH and PATH.manifest.json; -ff variants write the directory
// PATH with one strace_log.<tid> per task and PATH/manifest.json.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "absl/strings/numbers.h"
#include "bench/trace_generator.h"

namespace {

constexpr char kUsage[] =
    "usage: rundown_gen_trace --out PATH [--size SIZE] [--variant NAME] [--seed N]\n"
    "                         [--threads-sim N] [--start-epoch SECONDS] [--quiet]\n"
    "       rundown_gen_trace --list-variants\n"
    "\n"
    "  --out PATH          file to write (a directory for -ff variants)\n"
    "  --size SIZE         approximate output size: 123, 64K, 256M, 1G (default 64M)\n"
    "  --variant NAME      strace flags as dash-separated tokens (default f-tt-T-y):\n"
    "                      f | ff | pid-bracket, t | tt | ttt | r, T, y | yy, s<N>, child;\n"
    "                      'none' is plain strace -o FILE\n"
    "  --seed N            random seed (default 1); same seed, same bytes\n"
    "  --threads-sim N     libuv thread pool size of the simulated server (default 4)\n"
    "  --start-epoch S     time of the first line, seconds since the epoch\n"
    "                      (default 1795375881.065207, as in testdata/p2)\n"
    "  --quiet             no summary on stderr\n";

bool ParseSize(std::string_view s, uint64_t* out) {
  uint64_t mult = 1;
  if (!s.empty()) {
    switch (s.back()) {
      case 'k': case 'K': mult = uint64_t{1} << 10; break;
      case 'm': case 'M': mult = uint64_t{1} << 20; break;
      case 'g': case 'G': mult = uint64_t{1} << 30; break;
      default: break;
    }
    if (mult != 1) s.remove_suffix(1);
  }
  uint64_t n = 0;
  if (!absl::SimpleAtoi(absl::string_view(s.data(), s.size()), &n) || n == 0) return false;
  *out = n * mult;
  return true;
}

int Usage(const std::string& error) {
  if (!error.empty()) std::fprintf(stderr, "rundown_gen_trace: %s\n\n", error.c_str());
  std::fputs(kUsage, stderr);
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  using rundown::bench::GenOptions;
  GenOptions o;
  std::string out, variant = "f-tt-T-y";
  bool quiet = false;
  for (int i = 1; i < argc; ++i) {
    std::string_view a = argv[i];
    auto value = [&](std::string_view* v) -> bool {
      if (i + 1 >= argc) return false;
      *v = argv[++i];
      return true;
    };
    std::string_view v;
    if (a == "--help" || a == "-h") {
      std::fputs(kUsage, stdout);
      return 0;
    } else if (a == "--list-variants") {
      for (const std::string& name : rundown::bench::PresetVariants()) {
        auto parsed = rundown::bench::ParseVariant(name);
        std::string flags = rundown::bench::StraceFlags(*parsed);
        std::printf("%-24s strace %s%s\n", name.c_str(), flags.empty() ? "-o FILE" : flags.c_str(),
                    parsed->prefix == rundown::bench::PrefixMode::kPidBracket ? " (to stderr)" : "");
      }
      return 0;
    } else if (a == "--quiet") {
      quiet = true;
    } else if (a == "--out") {
      if (!value(&v)) return Usage("--out needs a path");
      out = std::string(v);
    } else if (a == "--size") {
      if (!value(&v) || !ParseSize(v, &o.target_bytes)) return Usage("--size needs a size like 64M or 1G");
    } else if (a == "--variant") {
      if (!value(&v)) return Usage("--variant needs a name");
      variant = std::string(v);
    } else if (a == "--seed") {
      if (!value(&v) || !absl::SimpleAtoi(absl::string_view(v.data(), v.size()), &o.seed)) return Usage("--seed needs a number");
    } else if (a == "--threads-sim") {
      if (!value(&v) || !absl::SimpleAtoi(absl::string_view(v.data(), v.size()), &o.pool_threads) || o.pool_threads < 1 || o.pool_threads > 1024)
        return Usage("--threads-sim needs a number in 1..1024");
    } else if (a == "--start-epoch") {
      double s = 0;
      if (!value(&v) || !absl::SimpleAtod(absl::string_view(v.data(), v.size()), &s) || s < 1e8 || s > 4e9)
        return Usage("--start-epoch needs seconds since the epoch (after 1973)");
      o.start_us = static_cast<int64_t>(s * 1e6 + 0.5);
    } else {
      return Usage("unknown argument '" + std::string(a) + "'");
    }
  }
  if (out.empty()) return Usage("--out is required");
  auto parsed = rundown::bench::ParseVariant(variant);
  if (!parsed.ok()) return Usage(std::string(parsed.status().message()));
  o.variant = *parsed;
  const bool per_tid = o.variant.prefix == rundown::bench::PrefixMode::kPerTidFiles;

  auto start = std::chrono::steady_clock::now();
  rundown::bench::FileSink sink(out, per_tid);
  rundown::bench::Manifest m = rundown::bench::GenerateTrace(o, &sink);
  if (absl::Status s = sink.Close(); !s.ok()) {
    std::fprintf(stderr, "rundown_gen_trace: %s\n", std::string(s.message()).c_str());
    return 1;
  }
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

  std::string manifest_path = per_tid ? out + "/manifest.json" : out + ".manifest.json";
  std::FILE* f = std::fopen(manifest_path.c_str(), "w");
  std::string json = m.ToJson();
  if (f == nullptr || std::fwrite(json.data(), 1, json.size(), f) != json.size() || std::fclose(f) != 0) {
    std::fprintf(stderr, "rundown_gen_trace: cannot write %s\n", manifest_path.c_str());
    return 1;
  }
  if (!quiet) {
    std::fprintf(stderr,
                 "wrote %s (%s): %llu bytes, %llu lines, %zu file(s), %llu syscalls, %llu stitched, "
                 "%llu signals, %llu exits, %llu errors in %.2f s (%.0f MB/s)\nmanifest %s\n",
                 out.c_str(), m.strace_flags.empty() ? "strace" : m.strace_flags.c_str(),
                 static_cast<unsigned long long>(m.bytes), static_cast<unsigned long long>(m.lines),
                 m.files.size(), static_cast<unsigned long long>(m.syscalls),
                 static_cast<unsigned long long>(m.stitched), static_cast<unsigned long long>(m.signals),
                 static_cast<unsigned long long>(m.exits), static_cast<unsigned long long>(m.errors), secs,
                 secs > 0 ? static_cast<double>(m.bytes) / secs / 1e6 : 0.0, manifest_path.c_str());
  }
  return 0;
}
