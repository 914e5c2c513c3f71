// EventStore is the one normalized table every source feeds: all events of all files, in
// file order (files sorted by kind, then name) and line order within a file, with one string
// pool and one name pool for the whole run. It is built once by Ingest() (engine/ingest.h)
// and then read-only: the model, the rules and the reports read it from many threads.
//
// Evidence is (file, line): RawLines() re-reads the cited lines from the files on disk in
// one sequential pass per file, so the store never keeps copies of raw lines.
#ifndef RUNDOWN_ENGINE_EVENT_STORE_H_
#define RUNDOWN_ENGINE_EVENT_STORE_H_

#include <cstdint>
#include <memory>
#include <new>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "parsers/event.h"
#include "parsers/event_batch.h"
#include "parsers/string_pool.h"

namespace rundown {

using EventIndex = uint32_t;
inline constexpr EventIndex kNoEvent = 0xFFFFFFFFu;

namespace store_internal {
// std::allocator, except that an element added with no value (resize()) is left unwritten
// for the caller to fill: StoreBuilder grows the event vector by a batch and memcpy's the
// batch's events in. Event's member initialisers make it non-trivial, so insert() copied it
// field by field (10 Ir an event, ~8 Ir a line of the 16 MiB trace); a memcpy is ~2.
// REQUIRES of whoever resizes: every added element is written before it is read.
template <typename T>
struct AppendAllocator {
  using value_type = T;
  AppendAllocator() = default;
  template <typename U>
  AppendAllocator(const AppendAllocator<U>&) noexcept {}
  T* allocate(size_t n) { return std::allocator<T>().allocate(n); }
  void deallocate(T* p, size_t n) noexcept { std::allocator<T>().deallocate(p, n); }
  template <typename U, typename... Args>
  void construct(U* p, Args&&... args) {
    ::new (static_cast<void*>(p)) U(std::forward<Args>(args)...);
  }
  template <typename U>
  void construct(U*) noexcept {}  // resize(): written by the caller
  template <typename U>
  bool operator==(const AppendAllocator<U>&) const noexcept { return true; }
};
}  // namespace store_internal

// The store's events; read it as any std::vector<Event>.
using EventVector = std::vector<Event, store_internal::AppendAllocator<Event>>;

struct SourceFile {
  FileId id = 0;
  std::string path;
  SourceKind kind = SourceKind::kUnknown;
  int32_t default_tid = 0;
  Timebase timebase = Timebase::kNone;
  ParseCounters counters;         // bytes, lines, events, ... of this file
  EventIndex first_event = 0;     // events of this file are [first_event, end_event)
  EventIndex end_event = 0;
  int64_t first_time_ns = kNoTime;
  int64_t last_time_ns = kNoTime;
  std::string error;              // set when the file could not be read at all
  std::string note;               // how it was read, when its name says otherwise (DiscoveredFile::note)
  // The content of a file given in memory (IngestBuffers); RawLines reads it instead of disk.
  std::shared_ptr<const std::string> inline_text;
};

// Where a stitched call's second half was.
struct StitchInfo {
  EventIndex event;
  uint32_t resumed_line;
};

struct EvidenceRef {
  FileId file = 0;
  uint32_t line = 0;
  bool operator<(const EvidenceRef& o) const { return file != o.file ? file < o.file : line < o.line; }
  bool operator==(const EvidenceRef& o) const { return file == o.file && line == o.line; }
};

class EventStore {
 public:
  EventStore() = default;
  EventStore(const EventStore&) = delete;
  EventStore& operator=(const EventStore&) = delete;
  EventStore(EventStore&&) = default;
  EventStore& operator=(EventStore&&) = default;

  size_t size() const { return events_.size(); }
  const Event& event(EventIndex i) const { return events_[i]; }
  const EventVector& events() const { return events_; }
  // REQUIRES: e.detail != kNoDetail for the by-event form.
  const Detail& detail(const Event& e) const { return details_[e.detail]; }
  // A default Detail (all ids none, numbers -1) when the event has none.
  const Detail& DetailOrEmpty(const Event& e) const;
  std::string_view str(StrId id) const { return strings_.View(id); }
  std::string_view name(NameId id) const { return names_.View(id); }
  bool FindName(std::string_view s, NameId* id) const;
  bool FindStr(std::string_view s, StrId* id) const { return strings_.Find(s, id); }
  // Adds a string the model derived (a relative path made absolute). Views returned earlier
  // stay valid (the pool is an arena), but the lookup tables grow: REQUIRES no concurrent
  // str()/FindStr() call, so the model calls it only from its serial steps.
  StrId InternDerived(std::string_view s) const { return strings_.Intern(s); }

  const std::vector<SourceFile>& files() const { return files_; }
  const SourceFile& file(FileId id) const { return files_[id]; }
  const std::vector<Diagnostic>& diagnostics() const { return diagnostics_; }
  // Resumed-half line of a stitched event, or 0.
  uint32_t ResumedLine(EventIndex i) const;
  // "strace_log.28:667": the name of the event's file and its line, as notes and reasons cite it.
  std::string Where(const Event& e) const;
  // The (file, line) pairs that cite event i: one, or two for a stitched call.
  std::vector<EvidenceRef> Evidence(EventIndex i) const;

  // Re-reads the given lines from disk (one pass per file); the text of each is capped at
  // `max_bytes`. Lines that cannot be read map to "".
  std::vector<std::pair<EvidenceRef, std::string>> RawLines(std::vector<EvidenceRef> refs,
                                                            size_t max_bytes = 400) const;

  size_t MemoryBytes() const;
  // A hash of every event's content (fields, strings by value, stitch lines), independent of
  // string-pool ids: equal digests mean the same events in the same order. Used to check that
  // thread counts and chunk sizes do not change the result, and by `parse --stats`.
  uint64_t ContentDigest() const;

 private:
  friend class StoreBuilder;
  EventVector events_;
  std::vector<Detail> details_;
  mutable StringPool strings_;  // mutable for InternDerived
  StringPool names_;
  std::vector<SourceFile> files_;
  std::vector<Diagnostic> diagnostics_;
  std::vector<StitchInfo> stitches_;  // sorted by event
};

}  // namespace rundown

#endif  // RUNDOWN_ENGINE_EVENT_STORE_H_
