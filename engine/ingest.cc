#include "engine/ingest.h"

#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <functional>
#include <limits>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <thread>
#include <type_traits>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "absl/container/flat_hash_set.h"
#include "parsers/text_util.h"
#include "oneapi/tbb/concurrent_queue.h"
#include "oneapi/tbb/parallel_for_each.h"
#include "oneapi/tbb/parallel_pipeline.h"
#include "oneapi/tbb/task_arena.h"
#include "engine/sort_util.h"
#include "parsers/chunk_reader.h"
#include "parsers/text_encoding.h"

namespace rundown {

// Maps the pages a reserved vector is about to fill before it is written, kBytes at a time:
// one madvise(MADV_POPULATE_WRITE) maps 512 pages where each first write took a page fault.
// The store's first touch (~325 MB for 1 GiB of trace) was ~8 % of a 1-thread parse; a
// bench of appending 8.1 M events alone spent ~30 % less CPU with it. Ahead of the writes by
// at most kBytes (RSS), only inside the capacity; where the call fails (kernels before 5.14)
// the pages fault in as before.
class Prefaulter {
 public:
  template <typename Vector>
  void Before(const Vector& v, size_t new_size) {
    using T = typename Vector::value_type;
    if (failed_ || new_size > v.capacity()) return;  // a reallocation faults in as usual
    const char* base = reinterpret_cast<const char*>(v.data());
    if (base != base_) {  // a new block: start at the first page not yet written
      base_ = base;
      done_ = PageUp(base + v.size() * sizeof(T));
    }
    const char* need = base + new_size * sizeof(T);
    if (need <= done_) return;
    const char* end = std::min(PageUp(need) + kBytes, base + v.capacity() * sizeof(T));
    if (end <= done_) return;
    if (madvise(const_cast<char*>(done_), static_cast<size_t>(end - done_), MADV_POPULATE_WRITE) != 0) {
      failed_ = true;
      return;
    }
    done_ = end;
  }

 private:
  static constexpr size_t kBytes = 2 << 20;
  static const char* PageUp(const char* p) {
    const uintptr_t page = 4096;
    return reinterpret_cast<const char*>((reinterpret_cast<uintptr_t>(p) + page - 1) & ~(page - 1));
  }
  const char* base_ = nullptr;
  const char* done_ = nullptr;  // pages below this are mapped
  bool failed_ = false;
};

// Builds an EventStore from parsed batches. This file's external interface is Ingest() and
// IngestBuffers(); StoreBuilder is a friend of EventStore so it can fill its private parts.
class StoreBuilder {
 public:
  explicit StoreBuilder(EventStore* store) : s_(*store) {}

  FileId AddFile(const FileContext& ctx, std::shared_ptr<const std::string> inline_text) {
    SourceFile f;
    f.id = static_cast<FileId>(s_.files_.size());
    f.path = ctx.path;
    f.kind = ctx.kind;
    f.default_tid = ctx.default_tid;
    f.inline_text = std::move(inline_text);
    s_.files_.push_back(std::move(f));
    return s_.files_.back().id;
  }
  // Reserved once from the input size: the untouched part of a reservation costs no RSS.
  void Reserve(size_t events, size_t details) {
    s_.events_.reserve(events);
    s_.details_.reserve(details);
  }
  void FileNote(FileId id, const std::string& note) { s_.files_[id].note = note; }
  void FileError(FileId id, const std::string& message) {
    s_.files_[id].error = message;
    s_.diagnostics_.push_back({id, 0, message, ""});
    ++s_.files_[id].counters.diagnostics;
  }
  // The file's text ends early (a compressed stream broke off): reported at its last line,
  // after the file's other diagnostics; what came before was parsed.
  void FileDamage(FileId id, const std::string& message) {
    SourceFile& f = s_.files_[id];
    s_.diagnostics_.push_back({id, static_cast<uint32_t>(f.counters.lines), message, ""});
    ++f.counters.diagnostics;
    ++f.counters.lost;
  }
  // A file's batches are appended in order between BeginFile and EndFile, either all at
  // once (MergeFile) or as the pipeline delivers them (the streamed file, see IngestImpl).
  // Only one file may be open at a time: its events must stay the tail of the store.
  // A call whose "<unfinished ...>" and "<... resumed>" halves fell into different chunks is
  // joined as the batch holding the resumed half arrives: the joined call replaces the
  // unfinished placeholder already in the store, and the resumed placeholder is never copied.
  struct OpenHalf {  // an unfinished half no chunk resumed yet
    EventIndex event;
    uint32_t line;
    std::string text;
  };
  // The time before a file's first one: far enough below any time (all are >= 0) that no
  // midnight wrap is seen from it, without overflow (FixEvents: no test per event).
  static constexpr int64_t kBeforeAnyTime = std::numeric_limits<int64_t>::min() / 2;
  struct OpenFile {
    FileId id = 0;
    const SourceParser* parser = nullptr;
    const FileContext* ctx = nullptr;
    size_t stitch_base = 0;
    uint32_t line_base = 0;
    absl::flat_hash_map<int32_t, OpenHalf> open;  // by tid
    std::vector<StitchInfo> cross;                  // stitch records of pairs joined across chunks
    int64_t unplaced_delta_ns = 0;                  // -r: see Append
    int64_t running_ns = 0, day_offset_ns = 0, prev_ns = kBeforeAnyTime;  // see FixEvents
    bool tid_zero = false, tid_other = false;  // events without and with a task id (FixEvents)
  };
  OpenFile BeginFile(FileId id, const SourceParser& parser, const FileContext& ctx);
  void Append(OpenFile* f, EventBatch& batch);
  void EndFile(OpenFile* f);
  static void AttributeUnprefixedLines(std::span<Event> events);
  void MergeFile(FileId id, const SourceParser& parser, const FileContext& ctx,
                 std::vector<EventBatch>& batches);

 private:
  // Joins the batch's resumed halves to open halves of earlier chunks; returns the batch
  // indexes of the resumed placeholders that are now part of a joined call (ascending).
  void JoinAcrossChunks(OpenFile* f, const EventBatch& b, std::vector<uint32_t>* joined);
  absl::flat_hash_map<int32_t, OpenHalf>::iterator OpenHalfOfTheOtherForm(OpenFile* f, const Fragment& fr);
  // Appends batch events [from, to) to the store, then gives them the store's ids, absolute
  // lines and placed times.
  void CopyEvents(OpenFile* f, Timebase timebase, const EventBatch& b, uint32_t from, uint32_t to);
  template <Timebase kTimebase>
  void FixEvents(OpenFile* f, const EventBatch& b, Event* e, Event* end);

  EventStore& s_;
  std::vector<StrId> str_map_;
  std::vector<StrId> name_map_;
  std::vector<uint32_t> joined_scratch_;
  uint32_t detail_base_ = 0;  // the batch's first detail in the store (Append -> FixEvents)
  Prefaulter events_prefault_, details_prefault_;
};

// strace -f writing to a terminal prints "[pid N] " only while it traces two tasks, so one call's
// halves may come one with and one without it (StraceParser matches those by name within a
// chunk). Across chunks: a prefixed half may resume the unprefixed open half (tid 0), an
// unprefixed one any open half, the most recent first (at most 8 tried); the one that joins
// (same call) is it. Only in files whose lines have no default tid (not -ff's).
absl::flat_hash_map<int32_t, StoreBuilder::OpenHalf>::iterator StoreBuilder::OpenHalfOfTheOtherForm(
    OpenFile* f, const Fragment& fr) {
  if (f->ctx->default_tid != 0 || f->open.empty()) return f->open.end();
  std::vector<absl::flat_hash_map<int32_t, OpenHalf>::iterator> candidates;
  if (fr.tid != 0) {
    if (auto it = f->open.find(0); it != f->open.end()) candidates.push_back(it);
  } else {
    for (auto it = f->open.begin(); it != f->open.end(); ++it) candidates.push_back(it);
    std::sort(candidates.begin(), candidates.end(), [](auto a, auto b) { return a->second.event > b->second.event; });
    if (candidates.size() > 8) candidates.resize(8);
  }
  for (auto it : candidates) {
    const SourceParser::HalfPair pair{it->second.text, fr.text};
    EventBatch trial;
    std::vector<uint8_t> ok;
    f->parser->JoinFragments(*f->ctx, std::span(&pair, 1), &trial, &ok);
    if (!ok.empty() && ok[0] != 0 && trial.events.size() == 1) return it;
  }
  return f->open.end();
}

void StoreBuilder::JoinAcrossChunks(OpenFile* f, const EventBatch& b, std::vector<uint32_t>* joined) {
  joined->clear();
  // The open halves this batch resumes, in fragment order; each is taken off `open` whether
  // or not it joins.
  std::vector<OpenHalf> halves;
  std::vector<const Fragment*> resumed;
  for (const Fragment& fr : b.fragments) {
    if (fr.unfinished) continue;
    auto it = f->open.find(fr.tid);
    if (it == f->open.end()) it = OpenHalfOfTheOtherForm(f, fr);
    if (it == f->open.end()) continue;  // a resumed half with no start: stays kResumed
    halves.push_back(std::move(it->second));
    f->open.erase(it);
    resumed.push_back(&fr);
  }
  if (halves.empty()) return;
  std::vector<SourceParser::HalfPair> pairs;
  for (size_t i = 0; i < halves.size(); ++i) pairs.push_back({halves[i].text, resumed[i]->text});
  // All pairs in one call, so the parser sets up one decoder for them. When one does not
  // join, decoding it may have left strings in the shared batch that joining it alone would
  // have dropped with its batch: then each pair is joined again on its own, so the store
  // gets the same strings as if no pair had been batched.
  std::vector<uint8_t> ok;
  std::vector<EventBatch> ones(1);
  ones[0].file = f->id;
  f->parser->JoinFragments(*f->ctx, pairs, &ones[0], &ok);
  const bool shared = ones[0].events.size() == pairs.size() && std::find(ok.begin(), ok.end(), 0) == ok.end();
  if (shared) {
    s_.strings_.InternAll(ones[0].strings, &str_map_);
    s_.names_.InternAll(ones[0].names, &name_map_);
  } else {
    ones = std::vector<EventBatch>(pairs.size());
    for (size_t i = 0; i < pairs.size(); ++i) {
      ones[i].file = f->id;
      f->parser->JoinFragments(*f->ctx, std::span(&pairs[i], 1), &ones[i], &ok);
      ok.resize(1);
      if (ok[0] == 0 || ones[i].events.size() != 1) ones[i].events.clear();
    }
  }
  SourceFile& file = s_.files_[f->id];
  for (size_t i = 0; i < pairs.size(); ++i) {
    const EventBatch& one = shared ? ones[0] : ones[i];
    if (!shared) {
      if (one.events.empty()) continue;
      s_.strings_.InternAll(one.strings, &str_map_);
      s_.names_.InternAll(one.names, &name_map_);
    }
    const OpenHalf& u = halves[i];
    Event e = one.events[shared ? i : 0];
    e.file = f->id;
    e.line = u.line;
    e.time_ns = s_.events_[u.event].time_ns;  // the placeholder's, already on the file's timebase
    e.str = str_map_[e.str];
    e.name = static_cast<NameId>(name_map_[e.name]);
    e.flags |= kStitched;
    if (e.detail != kNoDetail) {
      Detail d = one.details[e.detail];
      d.str2 = str_map_[d.str2];
      d.str3 = str_map_[d.str3];
      s_.details_.push_back(d);
      e.detail = static_cast<uint32_t>(s_.details_.size() - 1);
    }
    s_.events_[u.event] = e;
    f->cross.push_back({u.event, b.events[resumed[i]->event_index].line + f->line_base});
    joined->push_back(resumed[i]->event_index);
    // The chunk parsers counted an unfinished call and an orphan resumed half; it is one
    // stitched call.
    file.counters.stitched += 1;
    file.counters.syscalls += 1;
    if (file.counters.unfinished > 0) file.counters.unfinished -= 1;
    if (e.err != 0 && e.result == -1) file.counters.errors += 1;
    if (file.counters.events > 0) file.counters.events -= 1;
  }
}

void StoreBuilder::Append(OpenFile* f, EventBatch& b) {
  const uint32_t line_base = f->line_base;
  SourceFile& file = s_.files_[f->id];
  file.counters.Add(b.counters);
  if (b.timebase != Timebase::kNone) file.timebase = b.timebase;
  std::vector<uint32_t>& joined = joined_scratch_;
  JoinAcrossChunks(f, b, &joined);
  s_.strings_.InternAll(b.strings, &str_map_);
  s_.names_.InternAll(b.names, &name_map_);
  detail_base_ = static_cast<uint32_t>(s_.details_.size());
  details_prefault_.Before(s_.details_, s_.details_.size() + b.details.size());
  s_.details_.insert(s_.details_.end(), b.details.begin(), b.details.end());
  for (auto d = s_.details_.begin() + detail_base_; d != s_.details_.end(); ++d) {
    d->str2 = str_map_[d->str2];
    d->str3 = str_map_[d->str3];
  }
  const EventIndex event_base = static_cast<EventIndex>(s_.events_.size());
  // Where batch event i lands in the store: after the base, less the joined halves before it.
  auto store_index = [&](uint32_t i) {
    return event_base + i - static_cast<EventIndex>(std::lower_bound(joined.begin(), joined.end(), i) - joined.begin());
  };
  // -r: the delta of a resumed half that is not copied goes into the next timed event, as
  // does what the chunk before left unplaced (EventBatch::trailing_delta_ns).
  const bool relative = b.timebase == Timebase::kRelative;
  uint32_t from = 0;
  for (uint32_t i : joined) {
    CopyEvents(f, file.timebase, b, from, i);
    if (relative && b.events[i].time_ns != kNoTime) f->unplaced_delta_ns += b.events[i].time_ns;
    from = i + 1;
  }
  CopyEvents(f, file.timebase, b, from, static_cast<uint32_t>(b.events.size()));
  // The records are in event order (ParseOneChunk sorted them): the joined halves before
  // each are counted by one walk along `joined`, not a binary search per record (~25 Ir a
  // record less).
  const size_t stitch_at = s_.stitches_.size();
  s_.stitches_.resize(stitch_at + b.stitches.size());
  StitchInfo* stitch = s_.stitches_.data() + stitch_at;
  auto joined_before = joined.begin();
  for (const auto& [index, resumed_line] : b.stitches) {
    while (joined_before != joined.end() && *joined_before < index) ++joined_before;
    *stitch++ = {event_base + index - static_cast<EventIndex>(joined_before - joined.begin()), resumed_line + line_base};
  }
  for (Diagnostic& d : b.diagnostics) {
    d.file = f->id;
    d.line += line_base;
    s_.diagnostics_.push_back(std::move(d));
  }
  for (Fragment& fr : b.fragments) {
    if (!fr.unfinished) continue;
    f->open[fr.tid] = OpenHalf{store_index(fr.event_index), b.events[fr.event_index].line + line_base, std::move(fr.text)};
  }
  if (relative) f->unplaced_delta_ns += b.trailing_delta_ns;
  f->line_base += static_cast<uint32_t>(b.counters.lines);
  // Free the batch now: merging must not hold two copies of the events at once.
  b = EventBatch();
}

// GCC 12 split FixEvents' loop, inlined here, into three passes over the events (loop
// distribution: the times; the line and ids; the file id), each loading them again: kept as
// one loop, 52 -> 48 Ir an event (43 with FixEvents' zeros counted). Clang does not know the
// attribute.
#if defined(__GNUC__) && !defined(__clang__)
#define RUNDOWN_ONE_LOOP __attribute__((optimize("no-tree-loop-distribution")))
#else
#define RUNDOWN_ONE_LOOP
#endif

// Copies n events as bytes, two at a time in five 16-byte moves: insert() copied Event
// field by field (its member initialisers make it non-trivial), 10 Ir an event; this is ~6.5.
// Not memcpy: glibc copies such blocks with `rep movsb`, which callgrind counts a byte at
// a time (856 -> 880 Ir/line of the 16 MiB trace), hiding every other change behind it.
static void CopyBytes(const Event* from, size_t n, Event* to) {
  static_assert(std::is_trivially_copyable_v<Event> && sizeof(Event) == 40);
#if defined(__SSE2__)
  const char* s = reinterpret_cast<const char*>(from);
  char* d = reinterpret_cast<char*>(to);
  const char* const pairs_end = s + 80 * (n / 2);
  for (; s != pairs_end; s += 80, d += 80) {
    for (int k = 0; k < 5; ++k)
      _mm_storeu_si128(reinterpret_cast<__m128i*>(d + 16 * k), _mm_loadu_si128(reinterpret_cast<const __m128i*>(s + 16 * k)));
  }
  if (n % 2 != 0) std::memcpy(d, s, sizeof(Event));
#else
  if (n > 0) std::memcpy(to, from, n * sizeof(Event));
#endif
}

RUNDOWN_ONE_LOOP void StoreBuilder::CopyEvents(OpenFile* f, Timebase timebase, const EventBatch& b, uint32_t from, uint32_t to) {
  // A bulk copy, then one pass over the copies: cheaper than building each event and
  // push_back'ing it (that re-reads the vector's end after every store, as an Event's
  // uint8_t fields may alias it, and checks the capacity).
  const size_t at = s_.events_.size();
  events_prefault_.Before(s_.events_, at + (to - from));
  s_.events_.resize(at + (to - from));  // left unwritten (see EventVector)
  CopyBytes(b.events.data() + from, to - from, s_.events_.data() + at);
  Event* e = s_.events_.data() + at;
  Event* end = s_.events_.data() + s_.events_.size();
  switch (timebase) {
    case Timebase::kRelative: return FixEvents<Timebase::kRelative>(f, b, e, end);
    case Timebase::kTimeOfDay: return FixEvents<Timebase::kTimeOfDay>(f, b, e, end);
    default: return FixEvents<Timebase::kEpoch>(f, b, e, end);
  }
}

// -r prints the time since the previous call; -t/-tt print a time of day that wraps at
// midnight. Both become monotone ns values here, event by event in file order, as the
// batches are copied (the events are in cache then; a pass over the store afterwards is
// another read and write of every event). One loop per timebase keeps the per-event work
// to the few field updates (StoreBuilder::Append was ~85 instructions a line with the
// timebase tested per event).
template <Timebase kTimebase>
void StoreBuilder::FixEvents(OpenFile* f, const EventBatch& b, Event* e, Event* end) {
  constexpr int64_t kDay = 86400LL * 1000000000LL;
  constexpr int64_t kMaxTime = std::numeric_limits<int64_t>::max();
  SourceFile& file = s_.files_[f->id];
  const uint32_t line_base = f->line_base, detail_base = detail_base_;
  const FileId id = f->id;
  const StrId* str_map = str_map_.data();
  const StrId* name_map = name_map_.data();
  // Locals, so the loop keeps them in registers; kNoTime is INT64_MIN, so `last` needs no
  // test and `first` starts from the largest value.
  int64_t unplaced = kTimebase == Timebase::kRelative && b.timebase == Timebase::kRelative ? f->unplaced_delta_ns : 0;
  int64_t running = f->running_ns, day_offset = f->day_offset_ns, prev = f->prev_ns;
  int64_t first = file.first_time_ns == kNoTime ? kMaxTime : file.first_time_ns, last = file.last_time_ns;
  const size_t count = static_cast<size_t>(end - e);
  size_t tid_zeros = 0;  // counted, one add: two flags cost two tests and two ORs an event
  for (; e != end; ++e) {
    tid_zeros += e->tid == 0;
    if (int64_t t = e->time_ns; t != kNoTime) {
      if constexpr (kTimebase == Timebase::kRelative) {
        running += t + unplaced;
        unplaced = 0;
        t = running;
      } else if constexpr (kTimebase == Timebase::kTimeOfDay) {
        if (t + day_offset < prev - kDay / 2) day_offset += kDay;
        t += day_offset;
      }
      e->time_ns = t;
      prev = t;
      first = std::min(first, t);
      last = std::max(last, t);
    }
    e->line += line_base;
    e->file = id;
    e->str = str_map[e->str];
    e->name = static_cast<NameId>(name_map[e->name]);
    if (e->detail != kNoDetail) e->detail += detail_base;
  }
  if constexpr (kTimebase == Timebase::kRelative) {
    if (b.timebase == Timebase::kRelative) f->unplaced_delta_ns = unplaced;
  }
  f->running_ns = running;
  f->tid_zero |= tid_zeros > 0;
  f->tid_other |= tid_zeros < count;
  f->day_offset_ns = day_offset;
  f->prev_ns = prev;
  file.first_time_ns = first == kMaxTime ? kNoTime : first;
  file.last_time_ns = last;
}

StoreBuilder::OpenFile StoreBuilder::BeginFile(FileId id, const SourceParser& parser, const FileContext& ctx) {
  OpenFile f;
  f.id = id;
  f.parser = &parser;
  f.ctx = &ctx;
  f.stitch_base = s_.stitches_.size();
  s_.files_[id].first_event = static_cast<EventIndex>(s_.events_.size());
  return f;
}

void StoreBuilder::EndFile(OpenFile* f) {
  // The file's stitch records are sorted by event, chunk after chunk; the few joined across
  // chunks are merged in from the back, moving only the records after the first of them.
  auto by_event = [](const StitchInfo& a, const StitchInfo& b) { return a.event < b.event; };
  std::sort(f->cross.begin(), f->cross.end(), by_event);
  size_t read = s_.stitches_.size(), from = f->cross.size();
  s_.stitches_.resize(read + from);
  for (size_t write = s_.stitches_.size(); from > 0;) {
    if (read > f->stitch_base && s_.stitches_[read - 1].event > f->cross[from - 1].event) {
      s_.stitches_[--write] = s_.stitches_[--read];
    } else {
      s_.stitches_[--write] = f->cross[--from];
    }
  }
  SourceFile& file = s_.files_[f->id];
  file.end_event = static_cast<EventIndex>(s_.events_.size());
  if (file.kind == SourceKind::kStrace && file.default_tid == 0 && f->tid_zero && f->tid_other)
    AttributeUnprefixedLines(std::span<Event>(s_.events_).subspan(file.first_event));
}

// strace -f writing to a terminal or stderr prefixes a line with "[pid N] " only while it
// traces more than one task (process or thread): the lines of the first process before its
// first clone, and those of the last task left, carry no pid and were given tid 0. Each is
// the only live task's: the first process (the first prefixed tid that no clone or attach
// made), then whoever is left as tasks are made (clone results, attaches) and end (exits,
// deaths). A line printed while the trace shows several live tasks keeps tid 0. Run on files
// with events of both kinds (FixEvents notes which a file has).
void StoreBuilder::AttributeUnprefixedLines(std::span<Event> events) {
  absl::flat_hash_set<int32_t> made, live;  // tasks a clone or attach made; tasks alive
  int32_t first = 0;                         // the first process, once known
  std::vector<Event*> before_first;          // its unprefixed lines until then
  for (Event& e : events) {
    if (e.type == EventType::kAttached && e.tid != 0) made.insert(e.tid);  // before it counts as first
    if (e.tid == 0) {
      if (first == 0) {
        before_first.push_back(&e);
      } else if (live.size() == 1) {
        e.tid = *live.begin();
      }
    } else if (!made.contains(e.tid) && first == 0) {
      first = e.tid;
      for (Event* early : before_first) early->tid = first;
      live.insert(first);
    }
    if (e.type == EventType::kAttached || (e.type == EventType::kSyscall && e.op == Op::kClone && e.result > 0)) {
      const int32_t task = e.type == EventType::kAttached ? e.tid : e.result;
      if (task != 0) {
        made.insert(task);
        live.insert(task);
      }
    }
    if (e.tid != 0 && e.type != EventType::kAttached && e.type != EventType::kExited && e.type != EventType::kKilled &&
        first != 0)
      live.insert(e.tid);  // a task that shows up without its birth in this file
    if ((e.type == EventType::kExited || e.type == EventType::kKilled) && e.tid != 0) live.erase(e.tid);
  }
}

void StoreBuilder::MergeFile(FileId id, const SourceParser& parser, const FileContext& ctx,
                             std::vector<EventBatch>& batches) {
  OpenFile f = BeginFile(id, parser, ctx);
  for (EventBatch& b : batches) Append(&f, b);
  EndFile(&f);
}

namespace {

struct ParsedFile {
  FileContext ctx;
  std::vector<EventBatch> batches;
  std::string error;
  uint64_t size = 0;  // bytes, for the store's reservation (0 when unknown)
  // The content when it is parsed from memory (IngestBuffers, or a UTF-16 file converted to
  // UTF-8); the store keeps it so cited lines are read from it, not from the file.
  std::shared_ptr<const std::string> text;
  std::string damage;  // why a compressed file's data broke off (InputFile::damage())
  std::string note;    // discovery's (DiscoveredFile::note)
};

// Reads the file's encoding from its first bytes; a UTF-16 file is converted whole (such
// files are small: PowerShell and Windows editors write them, strace never does).
void DecodeFile(ParsedFile* pf, std::string_view head, const std::function<absl::StatusOr<std::string>()>& read_all) {
  pf->ctx.encoding = DetectEncoding(head);
  if (!IsUtf16(pf->ctx.encoding)) return;
  auto all = read_all();
  if (!all.ok()) {
    pf->error = std::string(all.status().message());
    return;
  }
  pf->text = std::make_shared<const std::string>(Utf16ToUtf8(*all, pf->ctx.encoding));
}

// The first chunk of a file starts after a UTF-8 byte order mark; the encoding a file came
// in is reported once, at line 1, as CRLF line endings are.
Chunk SkipByteOrderMark(const FileContext& ctx, Chunk chunk, EventBatch* out) {
  if (chunk.index != 0 || ctx.encoding == TextEncoding::kUtf8) return chunk;
  const size_t mark = chunk.offset == 0 ? ByteOrderMarkSize(ctx.encoding, chunk.text) : 0;
  chunk.text.remove_prefix(mark);
  chunk.offset += mark;
  std::string_view first = chunk.text.substr(0, std::min(chunk.text.find('\n'), size_t{120}));
  if (first.ends_with('\r')) first.remove_suffix(1);
  if (IsUtf16(ctx.encoding)) {
    out->Report(1, StrCat("the file is ", EncodingName(ctx.encoding),
                          " text (PowerShell or a Windows editor wrote it); it was converted to UTF-8 before parsing "
                          "and cited lines are shown converted"),
                first);
  } else {
    out->Report(1, "the file starts with a UTF-8 byte order mark (a Windows editor or PowerShell wrote it); skipped", first);
  }
  return chunk;
}

// Receives a file's batches in file order.
using Collect = std::function<void(EventBatch&)>;

// Chunk-local line of a byte offset inside `text` (1-based); only used for the rare cut line.
uint32_t LineAt(std::string_view text, size_t offset) {
  return 1 + static_cast<uint32_t>(std::count(text.begin(), text.begin() + offset, '\n'));
}

// A hole (kHoleBytes NULs or more) inside a line a parser accepted as text (a program.log
// record, an inotify path) is lost text all the same: it is reported at its line, or the
// parser's diagnostic of that line says so. One memchr when the chunk has no NUL, the usual case.
// Whether `text` may hold a hole: a run of kHoleBytes NULs or more covers a multiple of
// kHoleBytes, so one byte in every kHoleBytes settles it for text without one (a memchr
// of every chunk was ~0.6 % of a strace parse's instructions).
bool MayHoldHole(std::string_view text) {
  for (size_t i = 0; i < text.size(); i += kHoleBytes) {
    if (text[i] == '\0') return true;
  }
  return false;
}

void ReportHoles(std::string_view text, EventBatch* out) {
  if (!MayHoldHole(text)) return;
  for (size_t at = text.find('\0'); at != std::string_view::npos; at = text.find('\0', at)) {
    const size_t run_end = std::min(text.find_first_not_of('\0', at), text.size());
    if (run_end - at < kHoleBytes) {
      at = run_end;
      continue;
    }
    const size_t nl = at == 0 ? std::string_view::npos : text.rfind('\n', at - 1);
    const size_t start = nl == std::string_view::npos ? 0 : nl + 1;
    const size_t end = std::min(text.find('\n', run_end), text.size());
    const uint32_t line = LineAt(text, at);
    auto reported = std::find_if(out->diagnostics.begin(), out->diagnostics.end(),
                                 [&](const Diagnostic& d) { return d.line == line; });
    if (reported == out->diagnostics.end()) {
      out->Report(line, "the rest of the line was read as it is", text.substr(start, end - start));
    } else if (!reported->message.starts_with("a hole of ")) {  // the parser cited the line without its NULs
      reported->message = HoleMessage(run_end - at, reported->message);
      ++out->counters.lost;
    }
    at = end;
  }
}

void ParseOneChunk(const SourceParser& parser, const FileContext& ctx, const Chunk& whole,
                   const std::vector<CutLine>& cut_lines, EventBatch* out) {
  out->file = ctx.file;
  const Chunk chunk = SkipByteOrderMark(ctx, whole, out);
  // Reserve for lines of 32 bytes: real traces average ~110, so growth never copies; the
  // untouched tail of the reservation is never faulted in, so it costs no RSS.
  out->events.reserve(chunk.text.size() / 32 + 16);
  parser.ParseChunk(ctx, chunk, out);
  ReportHoles(chunk.text, out);
  out->counters.bytes += chunk.text.size();
  // Sorted here, in parallel, so the merge only concatenates (batches cover ascending
  // event ranges) and merges in the few pairs that straddle chunks. The strace parser adds
  // them in order already: this is then one compare a record.
  SortNearlySorted(&out->stitches);
  for (const CutLine& cut : cut_lines) {
    const uint32_t line = LineAt(whole.text, cut.offset);
    for (Event& e : out->events)  // the call read from its start and end lost its middle
      if (e.line == line) e.flags |= kTruncated;
    out->Report(line,
                StrCat("line of ", cut.full, " bytes is longer than the ", ChunkReader::kKeptPrefixBytes, "-byte cap; ",
                       cut.joined ? StrCat("its first ", ChunkReader::kKeptPrefixBytes, " and last ",
                                           ChunkReader::kKeptTailBytes, " bytes were read as one, the middle left out")
                                  : "only its beginning was parsed"),
                whole.text.substr(cut.offset, 120));
  }
}

// The ordered parallel pipeline for one splittable source: read (serial) -> parse
// (parallel) -> collect (serial, in order). At most `tokens` chunk buffers are alive.
template <typename NextChunk>
void ParseChunked(const SourceParser& parser, const FileContext& ctx, size_t tokens,
                  NextChunk&& next, const Collect& collect) {
  struct Token {
    std::unique_ptr<ChunkBuffer> owned;
    Chunk chunk;
    EventBatch batch;
  };
  tbb::concurrent_queue<std::unique_ptr<ChunkBuffer>> free_buffers;
  tbb::parallel_pipeline(
      tokens,
      tbb::make_filter<void, Token*>(
          tbb::filter_mode::serial_in_order,
          [&](tbb::flow_control& fc) -> Token* {
            auto t = std::make_unique<Token>();
            if (!free_buffers.try_pop(t->owned)) t->owned = std::make_unique<ChunkBuffer>();
            if (!next(t->owned.get(), &t->chunk)) {
              fc.stop();
              return nullptr;
            }
            return t.release();
          }) &
          tbb::make_filter<Token*, Token*>(
              tbb::filter_mode::parallel,
              [&](Token* t) {
                ParseOneChunk(parser, ctx, t->chunk, t->owned->cut_lines, &t->batch);
                return t;
              }) &
          tbb::make_filter<Token*, void>(tbb::filter_mode::serial_in_order, [&](Token* t) {
            std::unique_ptr<Token> owned(t);
            collect(t->batch);
            free_buffers.push(std::move(t->owned));
          }));
}

// What the parser reads from the start of the file (its first kHeadTraitsBytes, after a byte
// order mark) before any chunk: every chunk is parsed with it, whatever the chunk size.
void SetHeadTraits(const SourceParser& parser, std::string_view head, FileContext* ctx) {
  head.remove_prefix(ByteOrderMarkSize(ctx->encoding, head));
  ctx->head_traits = parser.HeadTraits(head.substr(0, std::min(head.size(), SourceParser::kHeadTraitsBytes)));
}

void ParseFile(const SourceParser& parser, const IngestOptions& options, size_t tokens,
               ParsedFile* pf, const Collect& collect) {
  if (!parser.Splittable()) {
    constexpr size_t kMaxWholeFile = size_t{1} << 30;
    auto text = ReadWholeFile(pf->ctx.path, kMaxWholeFile, &pf->damage);
    if (!text.ok()) {
      pf->error = std::string(text.status().message());
      return;
    }
    Chunk c{*text, 0, 0, true};
    EventBatch batch;
    ParseOneChunk(parser, pf->ctx, c, {}, &batch);
    collect(batch);
    return;
  }
  auto reader = ChunkReader::Open(pf->ctx.path, options.chunk_bytes, [&parser](std::string_view head, std::string_view tail) {
    return parser.JoinCutLine(head, tail);
  });
  if (!reader.ok()) {
    pf->error = std::string(reader.status().message());
    return;
  }
  SetHeadTraits(parser, ReadFileHead(pf->ctx.path, SourceParser::kHeadTraitsBytes + 4), &pf->ctx);
  ParseChunked(parser, pf->ctx, tokens,
               [&](ChunkBuffer* buf, Chunk* chunk) {
                 if (!reader->Next(buf)) return false;
                 *chunk = Chunk{buf->bytes, buf->offset, buf->index, buf->last};
                 return true;
               },
               collect);
  if (!reader->status().ok()) pf->error = std::string(reader->status().message());
  pf->damage = reader->damage();
}

// In-memory variant: chunks are views into `text`, cut at line boundaries.
void ParseBuffer(const SourceParser& parser, const IngestOptions& options, size_t tokens,
                 std::string_view text, ParsedFile* pf, const Collect& collect) {
  if (!parser.Splittable()) {
    EventBatch batch;
    ParseOneChunk(parser, pf->ctx, Chunk{text, 0, 0, true}, {}, &batch);
    collect(batch);
    return;
  }
  SetHeadTraits(parser, text.substr(0, SourceParser::kHeadTraitsBytes + 4), &pf->ctx);
  size_t pos = 0;
  uint32_t index = 0;
  ParseChunked(parser, pf->ctx, tokens,
               [&](ChunkBuffer* buf, Chunk* chunk) {
                 buf->cut_lines.clear();
                 if (pos >= text.size()) return false;
                 size_t end = std::min(text.size(), pos + options.chunk_bytes);
                 if (end < text.size()) {
                   size_t nl = text.rfind('\n', end - 1);
                   end = (nl == std::string_view::npos || nl < pos) ? text.find('\n', end) : nl;
                   end = end == std::string_view::npos ? text.size() : end + 1;
                 }
                 *chunk = Chunk{text.substr(pos, end - pos), pos, index++, end == text.size()};
                 pos = end;
                 return true;
               },
               collect);
}

uint64_t PhysicalMemoryBytes() {
  const long pages = sysconf(_SC_PHYS_PAGES), page = sysconf(_SC_PAGESIZE);
  return pages > 0 && page > 0 ? static_cast<uint64_t>(pages) * static_cast<uint64_t>(page) : uint64_t{1} << 32;
}

int ResolveThreads(int threads) {
  if (threads > 0) return threads;
  unsigned hw = std::thread::hardware_concurrency();
  return hw == 0 ? 1 : static_cast<int>(hw);
}

absl::StatusOr<EventStore> IngestImpl(std::vector<ParsedFile> parsed, const IngestOptions& options,
                                      IngestStats* stats) {
  auto start = std::chrono::steady_clock::now();
  const int threads = ResolveThreads(options.threads);
  std::vector<std::unique_ptr<SourceParser>> parsers(static_cast<size_t>(SourceKind::kContainer) + 1);
  for (ParsedFile& pf : parsed) {
    auto& p = parsers[static_cast<size_t>(pf.ctx.kind)];
    if (!p) p = options.make_parser ? options.make_parser(pf.ctx.kind) : MakeParser(pf.ctx.kind, options.parser);
  }
  const size_t tokens = static_cast<size_t>(threads) * 2;
  EventStore store;
  StoreBuilder builder(&store);
  for (ParsedFile& pf : parsed) pf.ctx.file = builder.AddFile(pf.ctx, pf.text);
  auto parse_fn = [&](const SourceParser& p, ParsedFile* pf, const Collect& collect) {
    if (pf->text) return ParseBuffer(p, options, tokens, *pf->text, pf, collect);
    if (pf->error.empty()) ParseFile(p, options, tokens, pf, collect);
  };
  // The first file (the trace, as discovery orders strace first) is merged into the store
  // while it is parsed, by the pipeline's in-order stage: its batches are freed as they
  // arrive, so their memory is reused by the next chunks instead of every event being
  // written twice into fresh pages. The others are merged afterwards, in file order, so
  // each file's events stay contiguous. The store is reserved from the input size (a
  // mapping that is only touched as it fills); too small an estimate only costs a regrowth.
  uint64_t input_bytes = 0;
  for (const ParsedFile& pf : parsed) input_bytes += pf.size;
  const uint64_t cap_bytes = PhysicalMemoryBytes() / 4;
  builder.Reserve(std::min<uint64_t>(input_bytes / 40, cap_bytes / sizeof(Event)) + 64,
                  std::min<uint64_t>(input_bytes / 64, cap_bytes / sizeof(Detail)) + 64);
  std::optional<StoreBuilder::OpenFile> streamed;
  if (!parsed.empty()) {
    if (const SourceParser* p = parsers[static_cast<size_t>(parsed.front().ctx.kind)].get())
      streamed = builder.BeginFile(parsed.front().ctx.file, *p, parsed.front().ctx);
  }
  tbb::task_arena arena(threads);
  arena.execute([&] {
    tbb::parallel_for_each(parsed.begin(), parsed.end(), [&](ParsedFile& pf) {
      const SourceParser* p = parsers[static_cast<size_t>(pf.ctx.kind)].get();
      if (p == nullptr) {
        pf.error = "no parser for this kind of source";
        return;
      }
      if (&pf == &parsed.front()) {
        parse_fn(*p, &pf, [&](EventBatch& b) { builder.Append(&*streamed, b); });
      } else {
        parse_fn(*p, &pf, [&](EventBatch& b) { pf.batches.push_back(std::move(b)); });
      }
    });
  });
  const auto parsed_at = std::chrono::steady_clock::now();
  for (ParsedFile& pf : parsed) {
    if (!pf.note.empty()) builder.FileNote(pf.ctx.file, pf.note);
    if (!pf.error.empty()) builder.FileError(pf.ctx.file, pf.error);
    const SourceParser* p = parsers[static_cast<size_t>(pf.ctx.kind)].get();
    if (p == nullptr) continue;
    if (&pf == &parsed.front()) {
      builder.EndFile(&*streamed);
    } else {
      builder.MergeFile(pf.ctx.file, *p, pf.ctx, pf.batches);
    }
    if (!pf.damage.empty()) builder.FileDamage(pf.ctx.file, pf.damage);
  }
  if (stats != nullptr) {
    const auto now = std::chrono::steady_clock::now();
    stats->seconds = std::chrono::duration<double>(now - start).count();
    stats->parse_seconds = std::chrono::duration<double>(parsed_at - start).count();
    stats->merge_seconds = std::chrono::duration<double>(now - parsed_at).count();
    stats->totals = ParseCounters();
    for (const SourceFile& f : store.files()) stats->totals.Add(f.counters);
    stats->bytes = stats->totals.bytes;
  }
  return store;
}

std::vector<ParsedFile> MakeContexts(size_t n) { return std::vector<ParsedFile>(n); }

}  // namespace

absl::StatusOr<EventStore> Ingest(const std::vector<DiscoveredFile>& files,
                                  const IngestOptions& options, IngestStats* stats) {
  if (files.size() > 0xFFFF) return absl::InvalidArgumentError("more than 65535 input files");
  std::vector<ParsedFile> parsed = MakeContexts(files.size());
  for (size_t i = 0; i < files.size(); ++i) {
    ParsedFile& pf = parsed[i];
    pf.ctx = FileContext{static_cast<FileId>(i), files[i].kind, files[i].path, files[i].default_tid};
    pf.note = files[i].note;
    pf.ctx.trace_and_output = files[i].trace_and_output;
    std::error_code ec;
    const uintmax_t size = std::filesystem::file_size(files[i].path, ec);
    pf.size = ec ? 0 : static_cast<uint64_t>(size);
    constexpr size_t kMaxConverted = size_t{1} << 30;
    DecodeFile(&pf, ReadFileHead(files[i].path, 256),
               [&] { return ReadWholeFile(files[i].path, kMaxConverted, &pf.damage); });
  }
  return IngestImpl(std::move(parsed), options, stats);
}

absl::StatusOr<EventStore> IngestReadingOutput(std::vector<DiscoveredFile>* files, const IngestOptions& options,
                                               IngestStats* stats, bool list_output) {
  auto store = Ingest(*files, options, stats);
  if (!store.ok()) return store;
  std::vector<DiscoveredFile> outputs;
  bool marked = false;
  for (size_t i = 0; i < files->size(); ++i) {
    DiscoveredFile& f = (*files)[i];
    if (f.kind != SourceKind::kStrace || f.trace_and_output || store->files()[i].counters.echoed_writes == 0) continue;
    f.trace_and_output = true;
    marked = true;
    f.note = "strace wrote this trace to stderr, and the program's stderr went into it too (its write( lines are "
             "followed by the text they wrote): read as the trace, and its other lines as the program's output";
    if (list_output) outputs.push_back(OutputEntry(f));
  }
  if (!marked) return store;
  files->insert(files->end(), outputs.begin(), outputs.end());
  std::stable_sort(files->begin(), files->end(),
                   [](const DiscoveredFile& a, const DiscoveredFile& b) { return a.kind < b.kind; });
  return Ingest(*files, options, stats);
}

absl::StatusOr<EventStore> IngestBuffers(const std::vector<InMemoryFile>& files,
                                         const IngestOptions& options, IngestStats* stats) {
  if (files.size() > 0xFFFF) return absl::InvalidArgumentError("more than 65535 input files");
  std::vector<ParsedFile> parsed = MakeContexts(files.size());
  for (size_t i = 0; i < files.size(); ++i) {
    ParsedFile& pf = parsed[i];
    int32_t tid = 0;
    SourceKind kind = files[i].kind;
    SourceKind by_name = ClassifyName(files[i].name, &tid);
    if (kind == SourceKind::kUnknown) kind = by_name;
    if (kind == SourceKind::kUnknown) kind = SniffContent(HeadAsUtf8(std::string_view(files[i].text).substr(0, 8192)));
    pf.ctx = FileContext{static_cast<FileId>(i), kind, files[i].name, tid};
    pf.size = files[i].text.size();
    DecodeFile(&pf, files[i].text, [&]() -> absl::StatusOr<std::string> { return files[i].text; });
    if (!pf.text) pf.text = std::make_shared<const std::string>(files[i].text);
  }
  return IngestImpl(std::move(parsed), options, stats);
}

}  // namespace rundown
