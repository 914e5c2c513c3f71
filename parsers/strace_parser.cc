#include "parsers/strace_parser.h"

#include <algorithm>
#include <deque>
#include <string>
#include <utility>
#include <vector>

#include "absl/base/attributes.h"
#include "absl/base/optimization.h"
#include "absl/hash/hash.h"
#include "parsers/glued_write.h"
#include "parsers/source_sniffer.h"
#include "parsers/strace_args.h"
#include "parsers/strace_decoder.h"
#include "parsers/strace_line.h"
#include "parsers/strace_syscalls.h"
#include "parsers/text_util.h"

namespace rundown {
namespace {

using strace::CallDecoder;
using strace::LineParts;

constexpr std::string_view kAttachedInCall = "strace: Process ";

bool IsNameStart(char c) { return (c >= 'a' && c <= 'z') || c == '_'; }

// "SIGCHLD", "SIGRT_3", "SIGRTMIN": the names strace prints (a number for unknown ones is
// still "SIG" followed by digits).
bool IsSignalName(std::string_view s) {
  if (!s.starts_with("SIG") || s.size() == 3) return false;
  for (char c : s)
    if (!((c >= 'A' && c <= 'Z') || IsDigit(c) || c == '_')) return false;
  return true;
}

// A line of the hex dump -e read=FD / -e write=FD print after the call:
//   " | 00000  7f 45 4c 46 02 01 01 03  00 00 00 00 00 00 00 00  .ELF............ |"
bool IsDataDump(std::string_view line) {
  if (!line.starts_with(" | ") || line.size() < 10) return false;
  for (size_t i = 3; i < 8; ++i)
    if (!IsDigit(line[i]) && !(line[i] >= 'a' && line[i] <= 'f')) return false;
  return line[8] == ' ' && line[9] == ' ';
}

// An unfinished half waiting for its resumed half.
struct Pending {
  std::string_view text;   // the raw line, or the line as rebuilt when strace cut it (see
                           // AttachCutsCall); valid while the chunk (and the parser) is
  int32_t tid = 0;
  uint32_t event_index = 0;
  uint32_t body_at = 0;    // where the call starts in text, after prefix and timestamp
  uint32_t name_size = 0;  // of the call's name, at body_at
  uint32_t stitch_slot = 0;  // its record in EventBatch::stitches, resumed line 0 until Stitch
  // The name's table entry (its id is the event's): Stitch decodes the joined call
  // without looking the name up again.
  const strace::SyscallInfo* info = nullptr;
  bool has_prefix = false;
  bool used = false;       // the table slot holds an entry
  std::string_view body() const { return text.substr(body_at); }
};

// The pending unfinished halves of a chunk, by tid. A chunk has a few threads inside a call
// at any time, and 18 % of the lines of a -f trace are halves: an open-addressed table of
// trivially copyable entries (linear probing, deletion by backward shift, so no tombstones)
// adds, finds and drops one in a few instructions, where absl::flat_hash_map<int32_t,
// Pending> with a std::string in every entry cost ~50 instructions a line of the trace.
// The hash is absl's, seeded per process, so chosen tids cannot pile into one cluster.
// Entry pointers are valid until the next Insert or Erase.
class PendingTable {
 public:
  PendingTable() : slots_(kInitialSlots) {}
  size_t size() const { return size_; }
  Pending* Find(int32_t tid) {
    for (size_t i = Home(tid);; i = (i + 1) & mask()) {
      Pending& s = slots_[i];
      if (!s.used) return nullptr;
      if (s.tid == tid) return &s;
    }
  }
  // The entry of `tid`; a new one when `*fresh`: tid set, the rest left as an erased entry
  // had it, for the caller to set (Unfinished sets every field).
  Pending* Insert(int32_t tid, bool* fresh) {
    if (2 * (size_ + 1) > mask_ + 1) Grow();  // before the probe: one probe finds or adds
    size_t i = Home(tid);
    for (; slots_[i].used; i = (i + 1) & mask()) {
      if (slots_[i].tid == tid) {
        *fresh = false;
        return &slots_[i];
      }
    }
    slots_[i].tid = tid;  // the caller sets the rest
    slots_[i].used = true;
    ++size_;
    *fresh = true;
    return &slots_[i];
  }
  void Erase(Pending* e) {
    size_t hole = static_cast<size_t>(e - slots_.data());
    // Moves back each later entry of the run that may sit in the hole (its home is not
    // cyclically after the hole), so every entry stays reachable from its home.
    for (size_t j = (hole + 1) & mask(); slots_[j].used; j = (j + 1) & mask()) {
      if (((j - Home(slots_[j].tid)) & mask()) >= ((j - hole) & mask())) {
        slots_[hole] = slots_[j];
        hole = j;
      }
    }
    slots_[hole].used = false;
    --size_;
  }
  // Calls f(Pending&) for each entry, in slot order, until f returns false.
  template <typename F>
  void ForEachWhile(F&& f) {
    for (Pending& s : slots_)
      if (s.used && !f(s)) return;
  }
  void Clear() {
    slots_.assign(kInitialSlots, Pending());
    mask_ = kInitialSlots - 1;
    size_ = 0;
  }

 private:
  static constexpr size_t kInitialSlots = 16;
  size_t mask() const { return mask_; }
  size_t Home(int32_t tid) const { return absl::Hash<int32_t>{}(tid) & mask(); }
  void Grow() {
    std::vector<Pending> old(slots_.size() * 2);
    old.swap(slots_);
    mask_ = slots_.size() - 1;
    for (const Pending& s : old) {
      if (!s.used) continue;
      size_t i = Home(s.tid);
      while (slots_[i].used) i = (i + 1) & mask();
      slots_[i] = s;
    }
  }
  std::vector<Pending> slots_;  // a power of two in size, at most half used
  size_t mask_ = kInitialSlots - 1;  // slots_.size() - 1, kept: a division by sizeof(Pending) otherwise
  size_t size_ = 0;
};

// Parses one chunk. Holds the per-chunk state: pending unfinished halves, the decoder with
// its scratch buffers and name cache.
class ChunkParser {
 public:
  // `cut_line` is the number of the chunk's last line when it is the file's last line and
  // has no '\n' (the file was cut), else 0.
  ChunkParser(const FileContext& ctx, EventBatch* out, uint32_t cut_line)
      : ctx_(ctx),
        out_(out),
        decoder_(out),
        cut_line_(cut_line),
        first_event_(out->events.size()),
        first_stitch_(out->stitches.size()) {}
  void Line(std::string_view line, uint32_t no);
  void Finish();

 private:
  // A new event of line `no` (what its prefix says: thread, time), type kSyscall.
  Event Base(const LineParts& p, uint32_t no);
  void SetBase(const LineParts& p, uint32_t no, Event* e) {
    e->tid = p.tid;
    e->time_ns = p.time_ns;
    e->line = no;
    e->file = ctx_.file;
    if (p.timebase != Timebase::kNone) out_->timebase = p.timebase;
  }
  void Push(const Event& e) {
    out_->events.push_back(e);
    Placed(&out_->events.back());
  }
  // The event of a call line is built where it is kept (a 40-byte copy from the stack cost
  // ~20 instructions a line): NewEvent appends Base(p, no), Placed counts it once it is decoded.
  Event& NewEvent(const LineParts& p, uint32_t no) {
    Event& e = out_->events.emplace_back();
    SetBase(p, no, &e);
    return e;
  }
  void Placed(Event* e) {
    if (ABSL_PREDICT_FALSE(unplaced_delta_ != 0) && e->time_ns != kNoTime) {
      e->time_ns += unplaced_delta_;
      unplaced_delta_ = 0;
    }
  }
  // -r: the delta of a line that becomes no event (a resumed half joined to its call)
  // still counts: it goes into the next event's delta.
  void KeepDelta(const LineParts& p) {
    if (p.timebase == Timebase::kRelative) unplaced_delta_ += p.time_ns;
  }
  void Call(const LineParts& p, std::string_view raw, uint32_t no);
  // CompleteCall and Unfinished are inlined into the line loop (GCC 12 left them out, the
  // loop being large): each call line paid ~25 instructions of call, saved registers and
  // LineParts re-read; 897 -> 871 Ir a line of the 16 MiB trace. Stitch gained nothing.
  ABSL_ATTRIBUTE_ALWAYS_INLINE void CompleteCall(const LineParts& p, std::string_view raw, uint32_t no);
  // A call line Decode refused: another reading of it, or its diagnostic.
  ABSL_ATTRIBUTE_NOINLINE void UndecodedCall(const LineParts& p, std::string_view raw, uint32_t no,
                                             std::string_view err);
  // `kept` is the line the pending half keeps: `raw`, or its rebuilt form.
  ABSL_ATTRIBUTE_ALWAYS_INLINE void Unfinished(const LineParts& p, std::string_view raw, uint32_t no,
                                               std::string_view kept);
  void Resumed(const LineParts& p, std::string_view raw, uint32_t no);
  void OrphanResumed(const LineParts& p, std::string_view name, std::string_view raw, uint32_t no);
  // Joins `pend` (which the caller then drops) to the resumed half `p` named `name`.
  void Stitch(const Pending& pend, const LineParts& p, std::string_view name, std::string_view raw, uint32_t no);
  void Detached(const LineParts& p, uint32_t no);
  void AttachCutsCall(const LineParts& p, std::string_view raw, uint32_t no, size_t at);
  bool ContinuesLastCall(const LineParts& p, std::string_view raw, uint32_t no);
  bool ContinuesGluedHead(std::string_view line);
  // `head` without the line another thread's unfinished write( glued to its end (GluedLineAtEnd).
  std::string_view WithoutOtherThreadsLine(std::string_view head);
  void DropGluedHead();
  void Signal(const LineParts& p, std::string_view raw, uint32_t no);
  void Exit(const LineParts& p, std::string_view raw, uint32_t no);
  void StraceMessage(const LineParts& p, uint32_t no);
  void Annotation() { ++out_->counters.annotations; }
  // All diagnostics go through here: the cut last line of a file says so.
  void Report(uint32_t no, std::string_view message, std::string_view raw) {
    // strace wrote to stderr, with the program's output: a line strace did not write is the
    // program's, read by the program-log parser from the same file.
    if (ABSL_PREDICT_FALSE(ctx_.trace_and_output) && !LooksLikeStrace(raw)) return Annotation();
    if (ABSL_PREDICT_FALSE(no == cut_line_)) return out_->Report(no, StrCat("incomplete last line (no newline): ", message), raw);
    out_->Report(no, message, raw);
  }
  ABSL_ATTRIBUTE_NOINLINE void ReportOversized(std::string_view line, uint32_t no);

  Pending* FindPending(const LineParts& p, std::string_view name);
  // An unfinished half that will not be resumed in this chunk: its placeholder gets what the
  // first half alone says (arguments, fd, path), with the result unknown.
  bool SummaryHeader(std::string_view line, uint32_t no);
  void DecodeFirstHalf(const Pending& pend);
  // Decodes a call line cut short by `mark_size` bytes of marker ("<unfinished ...>",
  // "<detached ...>") as the call with its printed arguments and an unknown result.
  bool DecodeHead(std::string_view body, size_t mark_size, Event* e);
  void EndThread(int32_t tid);

  const FileContext& ctx_;
  EventBatch* out_;
  CallDecoder decoder_;
  strace::LineSplitter splitter_;
  const uint32_t cut_line_;
  // Every event this parser adds is placed (Placed) or taken back (CompleteCall), so
  // Finish counts them from the batch's size, not an increment per event.
  const size_t first_event_;
  // Stitch records are added in event order, one per unfinished half as it comes (its slot
  // in Pending); the halves never stitched leave a record with line 0, dropped by Finish.
  // Added as calls resumed, they had to be sorted (an insertion sort moving each ~4.7
  // places: 15 Ir a line of the 16 MiB trace).
  const size_t first_stitch_;
  size_t stitched_ = 0;  // records given their resumed line
  bool in_summary_ = false;  // after the header of a `strace -c` table
  // The last "<unfinished ...>" line and its tid (see ContinuesLastCall).
  uint32_t open_call_line_ = 0;
  int32_t open_call_tid_ = 0;
  std::string continued_;  // a continuation line rebuilt as a resumed half
  // A call line whose printing the program's own output cut (see GluedHead), its number, and
  // the joined text being tried.
  std::string_view glued_head_;
  uint32_t glued_no_ = 0;
  size_t glued_events_ = 0;  // events in the batch when the head was held
  std::string glued_call_;
  int64_t unplaced_delta_ = 0;  // see KeepDelta
  std::string joined_;
  PendingTable pending_;
  std::deque<std::string> rebuilt_lines_;  // lines rebuilt by AttachCutsCall (Pending::text of some);
                                           // a deque moves none of them
};

Event ChunkParser::Base(const LineParts& p, uint32_t no) {
  Event e;
  SetBase(p, no, &e);
  return e;
}

void ChunkParser::Line(std::string_view line, uint32_t no) {
  if (ABSL_PREDICT_FALSE(glued_no_ != 0) && ContinuesGluedHead(line)) return;
  if (line.empty()) return;
  if (ABSL_PREDICT_FALSE(in_summary_)) return Annotation();  // the rest of a `strace -c` table
  if (ABSL_PREDICT_FALSE(line.size() > StraceParser::kMaxLineBytes)) return ReportOversized(line, no);
  if (line[0] == ' ') {
    if (line.starts_with(" > ")) return Annotation();  // -k stack frame
    if (IsDataDump(line)) return Annotation();         // -e read=/write= hex dump
  }
  LineParts p;
  splitter_.Split(line, ctx_.default_tid, &p);
  std::string_view b = p.body;
  if (ABSL_PREDICT_TRUE(!b.empty() && IsNameStart(b.front()))) return Call(p, line, no);
  if (ABSL_PREDICT_FALSE(b.empty())) return Report(no, "line has a prefix but no content", line);
  switch (b.front()) {
    case '-':
      if (b.starts_with("--- ")) return Signal(p, line, no);
      break;
    case '+':
      if (b.starts_with("+++ ")) return Exit(p, line, no);
      break;
    case '<':
      if (b.starts_with(strace::kResumedOpen)) return Resumed(p, line, no);
      if (b == strace::kUnfinishedMark) return Annotation();  // the tail of a call cut by "attached"
      if (b.starts_with(strace::kDetachedMark)) return Detached(p, no);
      break;
    case '[':
      if (b.starts_with("[ Process PID=")) return Annotation();
      break;
    default:
      break;
  }
  if (SummaryHeader(line, no)) return;
  if (ContinuesLastCall(p, line, no)) return;
  Report(no, "not a strace line", line);
}

// `strace -c` (-C after the calls) prints a table of counts instead of calls; its header
// names the columns -U chose, in any order: "% time     seconds  usecs/call     calls    errors
// syscall", "syscall calls errors % time longest shortest ...". One diagnostic, not one per
// row; the rest of the chunk is the table.
bool ChunkParser::SummaryHeader(std::string_view line, uint32_t no) {
  static constexpr std::string_view kColumns[] = {"%",     "time",   "seconds", "usecs/call", "calls",
                                                  "errors", "syscall", "longest", "shortest"};
  int words = 0;
  bool names = false;
  for (std::string_view rest = line; !rest.empty();) {
    size_t start = rest.find_first_not_of(' ');
    if (start == std::string_view::npos) break;
    rest.remove_prefix(start);
    std::string_view word = rest.substr(0, rest.find(' '));
    rest.remove_prefix(word.size());
    if (std::find(std::begin(kColumns), std::end(kColumns), word) == std::end(kColumns)) return false;
    names |= word == "syscall" || word == "calls";
    ++words;
  }
  if (words < 2 || !names) return false;
  in_summary_ = true;
  // -C prints the table after the calls: those were read, only the table's counts are not.
  Report(no,
         out_->counters.syscalls > 0
             ? "strace -C summary table after the calls: its counts are not read (the calls above are)"
             : "strace -c summary table: counts only, no calls to analyze (trace without -c)",
         line);
  return true;
}

void ChunkParser::ReportOversized(std::string_view line, uint32_t no) {
  Report(no, StrCat("line longer than ", StraceParser::kMaxLineBytes, " bytes"), line);
}

void ChunkParser::Call(const LineParts& p, std::string_view raw, uint32_t no) {
  std::string_view b = p.body;
  // Both marks end in "...>"; -T's "<0.000012>", which ends most lines, does not. (b.size() >=
  // 2: it starts with a name byte.)
  if (b.back() == '>' && b[b.size() - 2] == '.') {
    if (b.ends_with(strace::kUnfinishedMark)) return Unfinished(p, raw, no, raw);
    if (b.ends_with(strace::kDetachedMark)) return Detached(p, no);
  }
  CompleteCall(p, raw, no);  // strace's own "strace: ..." lines too: see UndecodedCall
}

inline void ChunkParser::CompleteCall(const LineParts& p, std::string_view raw, uint32_t no) {
  Event& e = NewEvent(p, no);
  std::string_view err = decoder_.Decode(p.body, &e);
  if (ABSL_PREDICT_FALSE(!err.empty())) {
    out_->events.pop_back();
    return UndecodedCall(p, raw, no, err);
  }
  ++out_->counters.syscalls;
  if (e.result == -1 && e.err != 0) ++out_->counters.errors;
  Placed(&e);
}

void ChunkParser::UndecodedCall(const LineParts& p, std::string_view raw, uint32_t no, std::string_view err) {
  // Looked for here, not before decoding: "strace" followed by ':' is no call name, so such a
  // line never decodes, and the test cost every call line ~4 instructions.
  if (p.body.starts_with("strace: ")) return StraceMessage(p, no);
  // The program's text right after a write('s count: the engine reads the file again as
  // trace and output (MarkTracesHoldingOutput). A cut last line proves nothing.
  if (EchoesItsString(p.body) && no != cut_line_) ++out_->counters.echoed_writes;
  // Writing to a terminal, strace cuts a call short to announce a new process:
  //   vfork(strace: Process 7553 attached
  //    <unfinished ...>
  if (size_t at = p.body.find(kAttachedInCall); at != std::string_view::npos && at > 0)
    return AttachCutsCall(p, raw, no, at);
  if (SummaryHeader(raw, no)) return;
  if (ContinuesLastCall(p, raw, no)) return;  // "flags=...) = N" after an unfinished line
  if (ctx_.trace_and_output && err == "unterminated argument list") {
    // Perhaps a glued head (ContinuesGluedHead): reported when no continuation follows.
    DropGluedHead();
    glued_head_ = WithoutOtherThreadsLine(raw);
    glued_no_ = no;
    glued_events_ = out_->events.size();
    return;
  }
  Report(no, err, raw);
}

// strace writing to stderr prints a call's arguments on entry and its result on exit; what
// the program writes in between lands inside the call's line when both go to one file
// (`strace -f node app.js 2>&1 | tee program.log`, formats/strace_stderr/tee/program.log):
//   [pid    19] 11:07:35.406102 write(1, "done\n", 5done
//   ) = 5
// or, after lines of output, "child says hi" / "0" / ") = 16". The cut line (the head) is
// held; the first later line that completes it is joined to it, one event at the head's line.
// A line strace wrote that does not complete it ends the wait: the head is reported as it
// would have been. Lines in between are the program's (see Report). Only in such a file: in
// a trace of its own, a cut call is two runs appending at once (-A, honest_*_A_concurrent),
// whose rest may follow a line of the other run and must not be joined to it.
bool ChunkParser::ContinuesGluedHead(std::string_view line) {
  if (out_->events.size() != glued_events_) {  // an event came in between: events stay in line order
    DropGluedHead();
    return false;
  }
  const bool unfinished = line.size() == strace::kUnfinishedMark.size() + 1 && line.ends_with(strace::kUnfinishedMark);
  if (!line.empty() && (line.front() == ')' || line.front() == ',' || line.front() == ' ')) {
    glued_call_.assign(glued_head_);
    glued_call_.append(line);
    LineParts p;
    splitter_.Split(glued_call_, ctx_.default_tid, &p);
    Event trial;
    const uint32_t no = glued_no_;
    if (unfinished) {
      glued_no_ = 0;
      std::string& kept = rebuilt_lines_.emplace_back(glued_call_);
      splitter_.Split(kept, ctx_.default_tid, &p);
      Unfinished(p, kept, no, kept);
      return true;
    }
    if (!p.body.empty() && decoder_.Decode(p.body, &trial).empty()) {
      glued_no_ = 0;
      CompleteCall(p, glued_call_, no);
      return true;
    }
  }
  if (LooksLikeStrace(line)) DropGluedHead();  // strace went on: no continuation comes
  return false;
}

std::string_view ChunkParser::WithoutOtherThreadsLine(std::string_view head) {
  size_t glued = 0;
  pending_.ForEachWhile([&](const Pending& pend) {
    if (pend.body().starts_with("write(")) glued = GluedLineAtEnd(head, pend.body());
    return glued == 0;
  });
  return head.substr(0, head.size() - glued);
}

void ChunkParser::DropGluedHead() {
  if (glued_no_ == 0) return;
  const uint32_t no = glued_no_;
  glued_no_ = 0;
  Report(no, "unterminated argument list", glued_head_);
}

// Two shapes finish the call of the line before on a line of their own, with no prefix,
// no timestamp and no "<... NAME resumed>":
//  - on a terminal, after "strace: Process N attached" cut the call (captured with -f -i):
//      [00007f75311a9353] clone(child_stack=NULL, flags=...|SIGCHLDstrace: Process 16941 attached
//      , child_tidptr=0x7f75310d2a10) = 16941
//  - with -z/-Z, strace 6.1 prints an interrupted call only once it returned, as its
//    "<unfinished ...>" line followed at once by the rest:
//      21011 15:10:06.362493 read(3,  <unfinished ...>
//      "", 4096)                               = 0 <0.000238>
// A line that no other reading took is joined to that call as its resumed half when the
// joined call decodes; otherwise it is reported as it would have been.
bool ChunkParser::ContinuesLastCall(const LineParts& p, std::string_view raw, uint32_t no) {
  std::string_view b = p.body;
  // Reached only for a line no other reading took (markers were dispatched already).
  if (open_call_line_ == 0 || no != open_call_line_ + 1 || p.has_prefix || p.time_ns != kNoTime || b.empty() ||
      !strace::CallName(b).empty())
    return false;
  Pending* pend = pending_.Find(open_call_tid_);
  if (pend == nullptr || pend->event_index + 1 != out_->events.size()) return false;
  const std::string_view first_body = pend->body();
  std::string_view name = strace::CallName(first_body);
  if (name.empty()) return false;
  continued_.assign(strace::kResumedOpen);
  continued_.append(name);
  continued_.append(strace::kResumedClose);
  continued_.append(b);
  Event trial;
  const std::string_view call = strace::JoinHalves(first_body, continued_, &joined_);
  if (call.empty() || !decoder_.Decode(call, &trial).empty()) return false;
  LineParts resumed = p;
  resumed.tid = open_call_tid_;
  resumed.body = continued_;
  open_call_line_ = 0;
  Stitch(*pend, resumed, name, raw, no);
  pending_.Erase(pend);
  return true;
}

void ChunkParser::AttachCutsCall(const LineParts& p, std::string_view raw, uint32_t no, size_t at) {
  LineParts msg = p;
  msg.body = p.body.substr(at);
  StraceMessage(msg, no);
  const size_t cut = static_cast<size_t>(p.body.data() - raw.data()) + at;
  std::string& rebuilt = rebuilt_lines_.emplace_back(raw.substr(0, cut));
  rebuilt.append(strace::kUnfinishedMark);
  Unfinished(p, raw, no, rebuilt);
}

inline void ChunkParser::Unfinished(const LineParts& p, std::string_view raw, uint32_t no, std::string_view kept) {
  std::string_view name = strace::CallName(p.body);
  if (ABSL_PREDICT_FALSE(name.empty())) return Report(no, "not a system call line", raw);
  bool fresh;
  Pending& pend = *pending_.Insert(p.tid, &fresh);
  if (!fresh) DecodeFirstHalf(pend);  // an earlier unfinished call of this thread was never resumed
  pend.event_index = static_cast<uint32_t>(out_->events.size());
  Event& e = NewEvent(p, no);
  const CallDecoder::NameInfo& n = decoder_.Lookup(name);
  e.name = n.name;
  e.op = n.info ? n.info->op : Op::kOther;
  e.type = EventType::kUnfinished;
  open_call_line_ = no;
  open_call_tid_ = p.tid;
  pend.text = kept;
  pend.body_at = static_cast<uint32_t>(p.body.data() - raw.data());
  pend.name_size = static_cast<uint32_t>(name.size());
  pend.info = n.info;
  pend.has_prefix = p.has_prefix;
  pend.stitch_slot = static_cast<uint32_t>(out_->stitches.size());
  out_->stitches.emplace_back(pend.event_index, 0);
  ++out_->counters.unfinished;
  Placed(&e);
}

// The pending half of this tid; when strace wrote to a terminal, the first process's lines
// carry no "[pid N]", so an unprefixed half is matched by syscall name instead.
Pending* ChunkParser::FindPending(const LineParts& p, std::string_view name) {
  Pending* found = pending_.Find(p.tid);
  if (ABSL_PREDICT_TRUE(found != nullptr)) return found;
  if (p.has_prefix) {  // a prefixed half can only belong to the unprefixed process
    found = pending_.Find(ctx_.default_tid);
    return found != nullptr && strace::CallName(found->body()) == name ? found : nullptr;
  }
  // An unprefixed half: the most recent pending call of that name. The search is bounded
  // (a terminal trace has a few threads) so hostile input cannot make it quadratic.
  constexpr int kMaxCandidates = 256;
  int visited = 0;
  Pending* best = nullptr;
  pending_.ForEachWhile([&](Pending& i) {
    if (strace::CallName(i.body()) == name && (best == nullptr || i.event_index > best->event_index)) best = &i;
    return ++visited < kMaxCandidates;  // stops the walk too: the table may be far larger
  });
  return best;
}

void ChunkParser::Resumed(const LineParts& p, std::string_view raw, uint32_t no) {
  std::string_view name = strace::ResumedName(p.body);
  if (ABSL_PREDICT_FALSE(name.empty())) return Report(no, "unreadable resumed call", raw);
  Pending* pend = FindPending(p, name);
  if (pend == nullptr) return OrphanResumed(p, name, raw, no);
  Stitch(*pend, p, name, raw, no);
  pending_.Erase(pend);  // Stitch adds no pending half: `pend` is still valid
}

void ChunkParser::Stitch(const Pending& pend, const LineParts& p, std::string_view name, std::string_view raw,
                         uint32_t no) {
  const std::string_view call = strace::JoinHalves(pend.body(), pend.name_size, p.body, name, &joined_);
  if (call.empty()) {
    DecodeFirstHalf(pend);  // a different call resumed: this one never will
    return OrphanResumed(p, name, raw, no);
  }
  Event e = out_->events[pend.event_index];
  if (!pend.has_prefix && p.has_prefix) e.tid = p.tid;
  // The joined call starts with the first half's name (JoinHalves checked the second's).
  std::string_view err = decoder_.Decode(call, pend.name_size, {e.name, pend.info}, &e);
  if (ABSL_PREDICT_FALSE(!err.empty())) return Report(no, err, raw);
  e.flags |= kStitched;
  out_->events[pend.event_index] = e;
  KeepDelta(p);
  out_->stitches[pend.stitch_slot].second = no;
  ++stitched_;
  --out_->counters.unfinished;
  ++out_->counters.stitched;
  ++out_->counters.syscalls;
  if (e.result == -1 && e.err != 0) ++out_->counters.errors;
}

void ChunkParser::OrphanResumed(const LineParts& p, std::string_view name, std::string_view raw, uint32_t no) {
  Event e = Base(p, no);
  const CallDecoder::NameInfo& n = decoder_.Lookup(name);
  e.name = n.name;
  e.op = n.info ? n.info->op : Op::kOther;
  e.type = EventType::kResumed;
  std::string_view tail = p.body.substr(strace::kResumedOpen.size() + name.size() + strace::kResumedClose.size());
  if (tail.starts_with(" ")) tail.remove_prefix(1);
  if (tail.starts_with(strace::kUnfinishedMark)) tail.remove_prefix(strace::kUnfinishedMark.size());
  Event result = e;
  if (decoder_.DecodeResumedResult(tail, &result)) {
    e.result = result.result;
    e.err = result.err;
    e.flags = result.flags;
  }
  out_->fragments.push_back({static_cast<uint32_t>(out_->events.size()), p.tid, false, std::string(raw)});
  Push(e);
}

bool ChunkParser::DecodeHead(std::string_view body, size_t mark_size, Event* e) {
  std::string_view head = body.substr(0, body.size() - mark_size);
  while (!head.empty() && head.back() == ' ') head.remove_suffix(1);
  if (head.ends_with(',')) head.remove_suffix(1);
  joined_.assign(head);
  joined_.append(") = ?");
  return decoder_.Decode(joined_, e).empty();
}

void ChunkParser::DecodeFirstHalf(const Pending& pend) {
  Event e = out_->events[pend.event_index];
  if (!DecodeHead(pend.body(), strace::kUnfinishedMark.size(), &e)) return;
  e.type = EventType::kUnfinished;
  out_->events[pend.event_index] = e;
}

void ChunkParser::EndThread(int32_t tid) {
  Pending* pend = pending_.Find(tid);
  if (pend == nullptr) return;
  DecodeFirstHalf(*pend);
  pending_.Erase(pend);
}

// "<detached ...>" alone (strace -p let go inside a call), or ending a call strace let go at
// its entry: `-b execve` detaches from a child as it calls execve,
//   4392  07:02:59.345172 execve("/bin/sh", ["sh", "-c", "id"], 0x7ffc5aec9528 /* 37 vars */ <detached ...>
// That call is an event with its arguments and an unknown result, then the detach.
void ChunkParser::Detached(const LineParts& p, uint32_t no) {
  Event e = Base(p, no);
  std::string_view name = strace::CallName(p.body);
  if (!name.empty() && DecodeHead(p.body, strace::kDetachedMark.size(), &e)) {
    ++out_->counters.syscalls;
    Push(e);
    e = Base(p, no);
  }
  e.type = EventType::kDetached;
  if (!name.empty()) e.name = decoder_.Lookup(name).name;
  Push(e);
}

// "--- SIGCHLD {si_signo=SIGCHLD, si_code=CLD_EXITED, si_pid=91, si_uid=0, si_status=0, ...} ---"
// "--- stopped by SIGSTOP ---"
void ChunkParser::Signal(const LineParts& p, std::string_view raw, uint32_t no) {
  std::string_view s = p.body.substr(4);
  if (ABSL_PREDICT_FALSE(!s.ends_with(" ---"))) return Report(no, "unterminated signal line", raw);
  s.remove_suffix(4);
  std::string_view name, info;
  if (s.starts_with("stopped by ")) {
    name = s.substr(11);
  } else {
    size_t sp = s.find(' ');
    name = s.substr(0, sp);
    if (sp != std::string_view::npos) info = s.substr(sp + 1);
  }
  if (ABSL_PREDICT_FALSE(!IsSignalName(name) || (info.starts_with('{') && !info.ends_with('}'))))
    return Report(no, "unreadable signal line", raw);
  Event e = Base(p, no);
  e.type = EventType::kSignal;
  e.name = out_->Name(name);
  if (info.starts_with('{')) {
    Detail d;
    int64_t v;
    if (strace::ParseNumber(strace::StructField(info, "si_pid"), &v)) d.a = static_cast<int32_t>(v);
    if (strace::ParseNumber(strace::StructField(info, "si_uid"), &v)) d.b = static_cast<int32_t>(v);
    std::string_view status = strace::StructField(info, "si_status");  // "0", or "SIGKILL" for CLD_KILLED
    if (strace::ParseNumber(status, &v)) d.c = static_cast<int32_t>(v);
    else if (!status.empty()) d.c = strace::SignalNumber(strace::SymbolicName(status));
    e.str = out_->strings.Intern(strace::SymbolicName(strace::StructField(info, "si_code")));
    e.detail = out_->AddDetail(d);
  }
  ++out_->counters.signals;
  Push(e);
}

// "+++ exited with 0 +++", "+++ killed by SIGKILL +++", "+++ killed by SIGSEGV (core dumped) +++"
void ChunkParser::Exit(const LineParts& p, std::string_view raw, uint32_t no) {
  std::string_view s = p.body.substr(4);
  if (ABSL_PREDICT_FALSE(!s.ends_with(" +++"))) return Report(no, "unterminated exit line", raw);
  s.remove_suffix(4);
  Event e = Base(p, no);
  if (s.starts_with("exited with ")) {
    if (ABSL_PREDICT_FALSE(!ParseInt(s.substr(12), &e.result))) return Report(no, "unreadable exit status", raw);
    e.type = EventType::kExited;
  } else if (s.starts_with("killed by ")) {
    std::string_view sig = s.substr(10);
    sig = sig.substr(0, sig.find(' '));
    if (ABSL_PREDICT_FALSE(!IsSignalName(sig))) return Report(no, "unreadable exit status", raw);
    e.type = EventType::kKilled;
    e.name = out_->Name(sig);
    e.result = -1;
  } else if (s.starts_with("superseded by execve")) {
    return Annotation();  // a non-leader thread called execve; the leader goes on as the tid
  } else {
    return Report(no, "unknown +++ line", raw);
  }
  EndThread(p.tid);
  ++out_->counters.exits;
  Push(e);
}

// "strace: Process 35 attached", "strace: Process 35 detached" are events, "Process 35
// suspended" an annotation. Any other message is strace's own error or warning, which its
// stderr holds when the trace is written there (strace without -o, `2> strace_log`): "strace:
// invalid system call '%clone'" (then nothing else: strace refused to start), "strace: exec:
// Permission denied", "strace: Seccomp filter is requested but there are no syscalls to
// filter." Reported, so the report quotes it: before, such a file read as an empty trace.
void ChunkParser::StraceMessage(const LineParts& p, uint32_t no) {
  std::string_view rest = p.body.substr(8);
  if (rest.starts_with("Process ")) {
    rest.remove_prefix(8);
    size_t sp = rest.find(' ');
    LineParts q = p;
    if (sp != std::string_view::npos && ParseInt(rest.substr(0, sp), &q.tid)) {
      std::string_view what = rest.substr(sp + 1);
      if (what.starts_with("attached") || what.starts_with("detached")) {
        Event e = Base(q, no);
        e.type = what.starts_with("attached") ? EventType::kAttached : EventType::kDetached;
        return Push(e);
      }
      if (what.starts_with("suspended")) return Annotation();
    }
  }
  Report(no, kStraceOwnMessage, p.body);
}

void ChunkParser::Finish() {
  DropGluedHead();
  out_->counters.events += out_->events.size() - first_event_;
  out_->trailing_delta_ns = unplaced_delta_;
  pending_.ForEachWhile([&](const Pending& pend) {
    DecodeFirstHalf(pend);
    out_->fragments.push_back({pend.event_index, pend.tid, true, std::string(pend.text)});
    return true;
  });
  pending_.Clear();
  if (out_->stitches.size() - first_stitch_ != stitched_) {
    out_->stitches.erase(std::remove_if(out_->stitches.begin() + first_stitch_, out_->stitches.end(),
                                        [](const std::pair<uint32_t, uint32_t>& s) { return s.second == 0; }),
                         out_->stitches.end());
  }
  // The engine pairs fragments in file order.
  std::sort(out_->fragments.begin(), out_->fragments.end(),
            [](const Fragment& a, const Fragment& b) { return a.event_index < b.event_index; });
}

}  // namespace

std::string StraceParser::JoinCutLine(std::string_view head, std::string_view tail) const {
  bool in_string = false;
  size_t escape = std::string_view::npos;  // where the last escape inside a string began
  for (size_t i = 0; i < head.size(); ++i) {
    if (!in_string) {
      in_string = head[i] == '"';
    } else if (head[i] == '\\') {
      escape = i++;
    } else if (head[i] == '"') {
      in_string = false;
    }
  }
  if (!in_string) return {};
  // Not inside an escape: "\x4" + "1" would read as another byte (\x41, \101 are 4 bytes).
  const size_t cut = escape != std::string_view::npos && head.size() - escape <= 4 ? escape : head.size();
  size_t close = 0;
  while (close < tail.size() && tail[close] != '"') close += tail[close] == '\\' ? 2 : 1;
  if (close >= tail.size()) return {};
  return StrCat(head.substr(0, cut), "\"...", tail.substr(close + 1));
}

void StraceParser::ParseChunk(const FileContext& ctx, const Chunk& chunk, EventBatch* out) const {
  uint32_t cut_line = 0;
  if (chunk.last && !chunk.text.empty() && chunk.text.back() != '\n')
    cut_line = static_cast<uint32_t>(std::count(chunk.text.begin(), chunk.text.end(), '\n')) + 1;
  // A generated -f -tt -T -y trace interns a new string (mostly socket annotations with
  // ephemeral ports) every ~1.8 KB; growing the pool's index from empty rehashed each one
  // about once more.
  out->strings.Reserve(chunk.text.size() / 2048);
  ChunkParser parser(ctx, out, cut_line);
  // The parser's address captured, not a reference to it: one load a line less (850 -> 848
  // Ir a line of the 16 MiB trace, with ForEachLine taking the lambda by value).
  out->counters.lines += ForEachLine(chunk.text, [p = &parser](std::string_view line, uint32_t no) { p->Line(line, no); });
  parser.Finish();
}

namespace {

// DecodeJoined with a decoder (of the batch the strings go to) and a join buffer the caller
// keeps across pairs.
bool DecodeJoinedWith(CallDecoder& decoder, std::string* buf, std::string_view unfinished_line,
                      std::string_view resumed_line, int32_t default_tid, Event* ev) {
  LineParts first, second;
  strace::SplitLine(unfinished_line, default_tid, &first);
  strace::SplitLine(resumed_line, default_tid, &second);
  const std::string_view joined = strace::JoinHalves(first.body, second.body, buf);
  if (joined.empty()) return false;
  *ev = Event();
  ev->tid = !first.has_prefix && second.has_prefix ? second.tid : first.tid;
  ev->time_ns = first.time_ns;
  if (!decoder.Decode(joined, ev).empty()) return false;
  ev->flags |= kStitched;
  return true;
}

}  // namespace

bool StraceParser::DecodeJoined(std::string_view unfinished_line, std::string_view resumed_line, int32_t default_tid,
                                EventBatch* out, Event* ev) {
  CallDecoder decoder(out);
  std::string buf;
  return DecodeJoinedWith(decoder, &buf, unfinished_line, resumed_line, default_tid, ev);
}

void StraceParser::JoinFragments(const FileContext& ctx, std::span<const HalfPair> pairs, EventBatch* out,
                                 std::vector<uint8_t>* joined) const {
  // A decoder costs thousands of instructions to set up (its caches) and starts cold: one
  // for all the pairs of a chunk, not one per pair.
  CallDecoder decoder(out);
  std::string buf;
  joined->assign(pairs.size(), 0);
  for (size_t i = 0; i < pairs.size(); ++i) {
    Event e;
    if (!DecodeJoinedWith(decoder, &buf, pairs[i].unfinished_line, pairs[i].resumed_line, ctx.default_tid, &e)) continue;
    e.file = ctx.file;
    out->events.push_back(e);
    (*joined)[i] = 1;
  }
}

}  // namespace rundown
