// Ingest turns a list of classified files into one EventStore. Files are parsed side by
// side and each splittable file is cut into chunks parsed by TBB tasks (a parallel pipeline:
// serial read -> parallel parse -> ordered collect). Then, per file in order, the chunk
// batches are merged: chunk-local line numbers become absolute (prefix sums), chunk-local
// string and name ids are remapped into the store's pools, strace halves split across
// chunks are stitched, -r deltas are summed and -t/-tt midnight wraps are unrolled.
// The result is identical for any thread count or chunk size.
#ifndef RUNDOWN_ENGINE_INGEST_H_
#define RUNDOWN_ENGINE_INGEST_H_

#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "engine/event_store.h"
#include "parsers/chunk_reader.h"
#include "parsers/parser_registry.h"
#include "parsers/source_sniffer.h"

namespace rundown {

struct IngestOptions {
  int threads = 0;                 // 0 = all cores
  size_t chunk_bytes = ChunkReader::kDefaultChunkBytes;  // split size for splittable sources
  ParserOptions parser;
  // The parser for a kind of source; empty: MakeParser(kind, parser). Benchmarks put
  // reduced parsers here to measure the pipeline around the real ones (bench/parser_bench.cc,
  // BM_IngestFloor).
  std::function<std::unique_ptr<SourceParser>(SourceKind)> make_parser;
};

struct IngestStats {
  double seconds = 0;        // wall time of the whole ingest
  double parse_seconds = 0;  // of which: reading and parsing (parallel)
  double merge_seconds = 0;  // of which: merging the batches into the store, stitching
                             // across chunks and rebuilding time
  uint64_t bytes = 0;
  ParseCounters totals;
};

// Parses `files` into a store. A file that cannot be read is kept in the store's file table
// with `error` set and a diagnostic; it never aborts the others.
absl::StatusOr<EventStore> Ingest(const std::vector<DiscoveredFile>& files,
                                  const IngestOptions& options, IngestStats* stats = nullptr);

// Ingest(), then once more when a trace turned out to be strace's stderr holding the program's
// output too (`strace -f node app.js 2> strace_log > program.log`): a strace file not read as
// such (DiscoveredFile::trace_and_output) in which a write( line is followed by the very text it
// wrote (ParseCounters::echoed_writes) is marked trace_and_output, with a note, in `*files`,
// and the files are parsed again: its glued calls joined, the program's lines left out of the
// trace. With `list_output` the file's program-output entry is added too (AddDiscovered), so
// the log rules read the program's lines. Discovery cannot tell: the program's first write
// may come anywhere in the file, and scanning every trace in full there would cost every run
// what only these pay now (one more parse).
absl::StatusOr<EventStore> IngestReadingOutput(std::vector<DiscoveredFile>* files, const IngestOptions& options,
                                               IngestStats* stats, bool list_output);

// A file given by content, for tests and `rundown rules test` fixtures.
struct InMemoryFile {
  std::string name;          // shown as the evidence file name, e.g. "strace_log.28"
  SourceKind kind = SourceKind::kUnknown;  // kUnknown: classify by name, then content
  std::string text;
};

// Same as Ingest() over in-memory files (same chunking, so tests exercise the real path).
absl::StatusOr<EventStore> IngestBuffers(const std::vector<InMemoryFile>& files,
                                         const IngestOptions& options, IngestStats* stats = nullptr);

}  // namespace rundown

#endif  // RUNDOWN_ENGINE_INGEST_H_
