// Generator of large, realistic strace traces for benchmarks and end-to-end counting tests.
//
// The generator simulates the lanchat Node.js server of testdata/ (see
// /work/shared/artifacts/README.md): ld.so start-up, module loading, V8 platform threads and
// the libuv thread pool created with clone3, then a steady state of HTTP requests served
// through the thread pool (openat/statx/read/close of static files, eventfd wake-ups, futex
// hand-offs), chat traffic on long-lived connections, V8 GC rounds, optional child
// processes (clone, execve, vfork, SIGCHLD, wait4), and finally a SIGTERM shutdown in
// which every thread exits. Each line is rendered from a template copied from the real
// captures, in the requested strace flags: line prefix (none, `-f -o` pid column,
// `[pid N]` on stderr, `-ff` per-tid files), timestamps (-t, -tt, -ttt, -r), -T, -y/-yy and
// -s. Calls of different threads are ordered by time; in single-file multi-thread variants a
// call that another thread's line interrupts is split into `<unfinished ...>` and
// `<... NAME resumed>` halves exactly as strace does.
//
// The Manifest says exactly what was written, in the terms of ParseCounters, so a parse of
// the output can be checked for exact counts.
//
// Thread-safety: GenerateTrace is reentrant; a Sink is used by one generator at a time.
#ifndef RUNDOWN_BENCH_TRACE_GENERATOR_H_
#define RUNDOWN_BENCH_TRACE_GENERATOR_H_

#include <cstdint>
#include <condition_variable>
#include <cstdio>
#include <deque>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace rundown::bench {

enum class PrefixMode : uint8_t {
  kNone,         // strace without -f: only the main thread is traced, no prefix
  kPidColumn,    // strace -f -o FILE: "28    " (tid left-aligned in 5 columns, then a space)
  kPidBracket,   // strace -f to stderr: "[pid    28] " while more than one task is traced
  kPerTidFiles,  // strace -ff -o DIR/strace_log: one file per tid, no prefix
};

enum class StampMode : uint8_t {
  kNone,
  kSeconds,   // -t    "19:31:04"
  kMicros,    // -tt   "19:31:04.476323"
  kEpoch,     // -ttt  "1795375881.065207"
  kRelative,  // -r    "     0.000123" (since the previous line of the same file)
};

struct Variant {
  PrefixMode prefix = PrefixMode::kPidColumn;
  StampMode stamp = StampMode::kMicros;
  bool durations = true;  // -T
  int annotate = 1;       // 0: none, 1: -y, 2: -yy
  int string_limit = 32;  // -s
  bool children = false;  // spawn child processes now and then (p4's shell spawn)
};

// Parses a variant name: dash-separated tokens, in any order.
//   prefix:  f | ff | pid-bracket (alias b) | (absent: no -f)
//   time:    t | tt | ttt | r
//   T, y, yy, s<N> (e.g. s256), child
// "none" is the variant with no token at all. Examples: "f-tt-T-y", "ff-tt-T-yy-s256-child".
absl::StatusOr<Variant> ParseVariant(std::string_view name);
// Canonical name, e.g. "f-tt-T-y" ("none" for the empty variant).
std::string VariantName(const Variant& v);
// The strace command-line flags the variant stands for, e.g. "-f -tt -T -y".
std::string StraceFlags(const Variant& v);
// A set of named variants covering every format dimension; the benchmarks use them.
std::vector<std::string> PresetVariants();

struct GenOptions {
  Variant variant;
  uint64_t target_bytes = 64 << 20;  // stop the steady state once this much is written
  uint64_t seed = 1;
  int pool_threads = 4;              // libuv thread pool size (--threads-sim)
  // Wall-clock time of the first line, microseconds since the epoch (p2's execve).
  int64_t start_us = 1795375881065207;
};

struct FileCounts {
  std::string name;  // "strace_log" or "strace_log.<tid>"
  uint64_t bytes = 0;
  uint64_t lines = 0;
};

// What the generator wrote, in the terms of rundown::ParseCounters.
struct Manifest {
  std::string variant;
  std::string strace_flags;
  std::string output;  // "file", "stderr" or "per-tid files"
  uint64_t seed = 0;
  int pool_threads = 0;
  uint64_t target_bytes = 0;

  uint64_t bytes = 0;
  uint64_t lines = 0;            // physical lines
  uint64_t syscalls = 0;         // complete calls; an unfinished/resumed pair counts once
  uint64_t stitched = 0;         // unfinished/resumed pairs
  uint64_t signals = 0;          // "--- SIG... ---" lines
  uint64_t exits = 0;            // "+++ exited with N +++" lines
  uint64_t errors = 0;           // calls returning -1 with an errno
  uint64_t unfinished = 0;       // calls left unfinished at the end of the trace
  uint64_t strace_messages = 0;  // "strace: Process N attached" (only in pid-bracket output)
  uint64_t events = 0;           // syscalls + signals + exits + strace_messages + unfinished
  uint64_t processes = 0;        // processes traced (main + children)
  uint64_t threads = 0;          // tasks traced (processes and threads)
  int64_t first_us = 0;          // time of the first and last line, µs since the epoch
  int64_t last_us = 0;
  std::vector<FileCounts> files;
  std::map<std::string, uint64_t> per_syscall;  // complete calls by name

  std::string ToJson() const;
};

// Receives the generated bytes. Files are numbered in the order they first appear.
class Sink {
 public:
  virtual ~Sink() = default;
  virtual void Append(int file, std::string_view name, std::string_view bytes) = 0;
};

// Keeps every file in memory (tests, benchmarks).
class MemorySink : public Sink {
 public:
  void Append(int file, std::string_view name, std::string_view bytes) override;
  std::vector<std::pair<std::string, std::string>> files;  // (name, content)
};

// Writes a single-file variant to `path`, or a -ff variant into directory `path` (created
// if missing) as path/strace_log.<tid>. The write(2) calls run on a background thread while
// the generator renders the next buffers (at most kMaxPending buffers in flight), so page
// cache copies and generation overlap on two cores.
class FileSink : public Sink {
 public:
  static constexpr size_t kMaxPending = 4;

  FileSink(std::string path, bool per_tid_files);
  ~FileSink() override;
  FileSink(const FileSink&) = delete;
  FileSink& operator=(const FileSink&) = delete;
  void Append(int file, std::string_view name, std::string_view bytes) override;
  // Waits for pending writes and closes every file; the first error met while writing or
  // closing.
  absl::Status Close();

 private:
  struct Job {
    int file;
    std::string name;
    std::string data;
  };
  void WriterLoop();
  void Write(const Job& job);  // on the writer thread

  std::string path_;
  bool per_tid_files_;
  std::vector<int> fds_;  // writer thread only (and Close() after it joined)
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<Job> pending_;    // guarded by mu_
  std::vector<std::string> spare_;  // guarded by mu_: drained buffers, reused
  bool closing_ = false;       // guarded by mu_
  absl::Status status_;        // guarded by mu_
  std::thread writer_;
};

// Writes a trace for `options` into `sink` and returns what it wrote. The output is a pure
// function of the options (same seed, same bytes).
Manifest GenerateTrace(const GenOptions& options, Sink* sink);

}  // namespace rundown::bench

#endif  // RUNDOWN_BENCH_TRACE_GENERATOR_H_
