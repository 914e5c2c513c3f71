// CallDecoder turns one complete strace call, "NAME(ARGS) = RESULT [ERRNO (text)] [<DUR>]",
// into an Event and its Detail following the slot contract of parsers/event.h. It is the one
// generic decoder driven by the syscall table (strace_syscalls.h): the table says which
// argument is the fd, the path, the address, the flags; the decoder reads them.
//
//   result  := "?" [ERRNO " (" text ")"]                        (exit, killed, restarted)
//           |  NUMBER [fd-annotation] [" " ERRNO " (" text ")"] [" (" decoding ")"]
//   NUMBER  := decimal | "-1" | "0x" hex                        (hex results may be wide)
//
// A decoder belongs to one EventBatch: it interns strings and names into that batch and
// caches syscall-name lookups for it. Scratch buffers are members, so decoding a line
// allocates nothing once the buffers have grown (interning a new string copies it into the
// batch's arena).
//
// Thread-safety: none; one decoder per chunk task.
#ifndef RUNDOWN_PARSERS_STRACE_DECODER_H_
#define RUNDOWN_PARSERS_STRACE_DECODER_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "absl/base/optimization.h"
#include "absl/container/flat_hash_map.h"
#include "parsers/event.h"
#include "parsers/event_batch.h"
#include "parsers/strace_args.h"
#include "parsers/strace_syscalls.h"
#include "parsers/text_util.h"

namespace rundown::strace {

class CallDecoder {
 public:
  explicit CallDecoder(EventBatch* out) : out_(out) {}
  CallDecoder(const CallDecoder&) = delete;
  CallDecoder& operator=(const CallDecoder&) = delete;

  // Decodes `call` (the line body: prefix and timestamp already removed) into *ev: name,
  // op, result, err, flags, fd, str, detail. Returns "" on success, else the diagnostic
  // message; *ev is then partly filled and must be dropped.
  std::string_view Decode(std::string_view call, Event* ev);

  // Reads only the result part of a resumed half with no partner ("...) = 8 <0.000030>"),
  // for a placeholder event. False when no result is found.
  bool DecodeResumedResult(std::string_view tail, Event* ev);

  // The name id and table entry for a syscall name (cached per batch).
  struct NameInfo {
    NameId name = 0;
    const SyscallInfo* info = nullptr;
  };
  const NameInfo& Lookup(std::string_view name) {
    const NameKey k = KeyOf(name);
    const CacheSlot& c = cache_[k.Slot()];
    if (ABSL_PREDICT_TRUE(c.key == k && (name.size() <= 16 || SameBytes(c.name, name)))) return c.info;
    return LookupSlow(name, k);
  }

  // Decode for a call whose name, its first `name_size` bytes, was looked up already (`n`):
  // a stitched pair's joined text, whose unfinished half found it.
  std::string_view Decode(std::string_view call, size_t name_size, const NameInfo& n, Event* ev);

 private:
  // Both Decodes: `name` is the start of `call`, `n` what Lookup says of it.
  std::string_view DecodeNamed(std::string_view call, std::string_view name, const NameInfo& n, Event* ev);
  // The argument list read whole (ScanArgs), for the calls ScanFirstArg does not do for.
  std::string_view DecodeAllArgs(std::string_view after, std::string_view name, const SyscallInfo* info, Event* ev);
  std::string_view DecodeResult(std::string_view rest, Event* ev);
  // DecodeResult, with *ev as it was when it fails.
  bool DecodeResultOrUndo(std::string_view rest, Event* ev);
  void DecodeArgs(const SyscallInfo* info, std::string_view name, const ArgList& args, Event* ev);

  // One per Layout; see strace_syscalls.h.
  void DecodeUntabled(const ArgList& args, Event* ev);
  void DecodeFdCall(const SyscallInfo& s, const ArgList& args, Event* ev);
  void DecodeOpen(const SyscallInfo& s, const ArgList& args, Event* ev);
  void DecodeExec(const SyscallInfo& s, const ArgList& args, Event* ev);
  void DecodeClone(std::string_view name, const ArgList& args, Event* ev);
  void DecodeSocket(const ArgList& args, Event* ev);
  void DecodeAddress(const SyscallInfo& s, const ArgList& args, Event* ev);
  void DecodeListen(const SyscallInfo& s, const ArgList& args, Event* ev);
  void DecodePath(const SyscallInfo& s, const ArgList& args, Event* ev);
  void DecodeSetId(const SyscallInfo& s, const ArgList& args, Event* ev);
  void DecodeCapset(const ArgList& args, Event* ev);
  void DecodePrctl(const SyscallInfo& s, const ArgList& args, Event* ev);
  void DecodePtrace(const SyscallInfo& s, const ArgList& args, Event* ev);
  void DecodeKill(const SyscallInfo& s, const ArgList& args, Event* ev);
  void DecodeMemory(const SyscallInfo& s, const ArgList& args, Event* ev);
  void DecodeMemfd(const SyscallInfo& s, const ArgList& args, Event* ev);
  void DecodePipe(const SyscallInfo& s, const ArgList& args, Event* ev);
  void DecodeNumber(int index, const ArgList& args, Event* ev);
  void DecodeNamespace(const SyscallInfo& s, const ArgList& args, Event* ev);
  void DecodeMount(const SyscallInfo& s, const ArgList& args, Event* ev);
  void DecodeCommand(const SyscallInfo& s, const ArgList& args, Event* ev);
  void DecodeUtime(const SyscallInfo& s, const ArgList& args, Event* ev);
  void DecodeSleep(const SyscallInfo& s, const ArgList& args, Event* ev);
  void DecodeWaitSleep(const SyscallInfo& s, const ArgList& args, Event* ev);
  void DecodeSockopt(const SyscallInfo& s, const ArgList& args, Event* ev);
  void DecodeXattr(std::string_view name, const SyscallInfo& s, const ArgList& args, Event* ev);
  void DecodeKernel(std::string_view name, const SyscallInfo& s, const ArgList& args, Event* ev);

  // Helpers shared by the layouts.
  Detail& NewDetail(Event* ev);
  // Sets ev->fd and ev->str (the normalized annotation) from arg; false when not an fd.
  bool TakeFd(std::string_view arg, Event* ev);
  // The same for a first argument ScanFirstArg already read as an fd, for a tabled call
  // (DecodeFdCall) or an untabled one (DecodeUntabled).
  // `arg` is the argument's text, kept in first_args_.
  void TakeFirstFd(bool tabled, const FirstFd& first, std::string_view arg, Event* ev);
  StrId InternFirstFd(const FirstFd& first, std::string_view arg);  // TakeFirstFd's miss of first_args_
  StrId InternAnnotation(std::string_view ann);
  // The same for the annotation of `fd`, through a small cache: consecutive calls on one fd
  // repeat its annotation, and a compare is cheaper than hashing it again.
  StrId InternFdAnnotation(int32_t fd, std::string_view ann);
  // A path argument, unescaped and made absolute against `dir` (an annotation) when
  // relative; sets kTruncated when -s cut it.
  StrId InternPath(std::string_view arg, std::string_view dir, Event* ev);
  // The unescaped text of a string argument, or kNoStr when `arg` is not one (NULL).
  StrId InternString(std::string_view arg);
  // OpenFlags(flags), remembered for the last text.
  uint32_t CachedOpenFlags(std::string_view flags);

  EventBatch* out_;
  std::string_view result_annotation_;  // "-y" annotation of the returned fd, if any
  std::string scratch_;  // an unescaped string argument
  std::string path_;     // a path joined to its directory
  std::string dir_;      // a normalized dirfd annotation
  std::string ann_;      // a normalized fd annotation
  std::string text_;     // argv joined, an address
  std::string last_open_flags_;  // CachedOpenFlags's text and what OpenFlags made of it
  uint32_t last_open_bits_ = 0;
  // Syscall names: a direct-mapped cache in front of the map, because the same dozen names
  // fill most of a trace and a hash of the whole name costs more than the compare. A slot
  // is found and checked by a key of two words that hold every byte of a name up to 16
  // bytes long ("epoll_pwait": its first and last eight, overlapping) and its length, so a
  // hit costs four loads and no byte loop; a longer name also compares its bytes.
  struct NameKey {
    uint64_t head = 0, tail = 0;
    size_t size = 0;
    bool operator==(const NameKey& o) const { return head == o.head && tail == o.tail && size == o.size; }
    size_t Slot() const { return ((head ^ (tail >> 1) ^ size) * 0x9E3779B97F4A7C15ULL) >> (64 - kCacheBits); }
  };
  static NameKey KeyOf(std::string_view name) {
    const char* p = name.data();
    const size_t n = name.size();
    NameKey k;
    k.size = n;
    if (n >= 8) {
      __builtin_memcpy(&k.head, p, 8);
      __builtin_memcpy(&k.tail, p + n - 8, 8);
    } else if (n >= 4) {
      uint32_t a, b;
      __builtin_memcpy(&a, p, 4);
      __builtin_memcpy(&b, p + n - 4, 4);
      k.head = a | static_cast<uint64_t>(b) << 32;
    } else if (n > 0) {
      k.head = static_cast<uint8_t>(p[0]) | static_cast<uint8_t>(p[n / 2]) << 8 | static_cast<uint8_t>(p[n - 1]) << 16;
    }
    return k;
  }
  const NameInfo& LookupSlow(std::string_view name, const NameKey& k);
  struct CacheSlot {
    NameKey key{~0ULL, ~0ULL, ~size_t{0}};  // matches no name
    std::string_view name;                   // the batch's copy
    NameInfo info;
  };
  static constexpr int kCacheBits = 8;
  CacheSlot cache_[size_t{1} << kCacheBits];
  StringViewMap<NameInfo> names_;
  NameInfo folded_;
  struct FdSlot {
    std::string_view ann;  // as printed in the line; points into the pool's copy
    StrId id = kNoStr;
  };
  static constexpr size_t kFdSlots = 64;
  FdSlot fd_cache_[kFdSlots];
  StrId InternFdAnnotationSlow(FdSlot* slot, std::string_view ann);  // a miss of fd_cache_
  // Paths and annotations: a server opens, stats and reads the same few files again and
  // again, and a slot compare costs less than hashing the string again (openat interns its
  // path, its dirfd's annotation and its result's). With ArgNumber's early "no" for a missing
  // argument: 938 -> 928 Ir/line (bench/ir.sh, 16 MiB f-tt-T-y).
  RecentInterner<16> recent_;
  MiddleMemo middles_;  // see ScanFirstArg
  FirstArgMemo first_args_;   // likewise
};

}  // namespace rundown::strace

#endif  // RUNDOWN_PARSERS_STRACE_DECODER_H_
