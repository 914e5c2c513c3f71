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

#include <string>
#include <string_view>

#include "absl/container/flat_hash_map.h"
#include "parsers/event.h"
#include "parsers/event_batch.h"
#include "parsers/strace_args.h"
#include "parsers/strace_syscalls.h"

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
  const NameInfo& Lookup(std::string_view name);

 private:
  std::string_view DecodeResult(std::string_view rest, Event* ev);
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
  void DecodeSockopt(const SyscallInfo& s, const ArgList& args, Event* ev);

  // Helpers shared by the layouts.
  Detail& NewDetail(Event* ev);
  // Sets ev->fd and ev->str (the normalized annotation) from arg; false when not an fd.
  bool TakeFd(std::string_view arg, Event* ev);
  // The same for a first argument ScanFirstArg already read as an fd, for a tabled call
  // (DecodeFdCall) or an untabled one (DecodeUntabled).
  void TakeFirstFd(bool tabled, const FirstFd& first, Event* ev);
  StrId InternAnnotation(std::string_view ann);
  // The same for the annotation of `fd`, through a small cache: consecutive calls on one fd
  // repeat its annotation, and a compare is cheaper than hashing it again.
  StrId InternFdAnnotation(int32_t fd, std::string_view ann);
  // A path argument, unescaped and made absolute against `dir` (an annotation) when
  // relative; sets kTruncated when -s cut it.
  StrId InternPath(std::string_view arg, std::string_view dir, Event* ev);
  // The unescaped text of a string argument, or kNoStr when `arg` is not one (NULL).
  StrId InternString(std::string_view arg);

  EventBatch* out_;
  std::string_view result_annotation_;  // "-y" annotation of the returned fd, if any
  std::string scratch_;  // an unescaped string argument
  std::string path_;     // a path joined to its directory
  std::string dir_;      // a normalized dirfd annotation
  std::string ann_;      // a normalized fd annotation
  std::string text_;     // argv joined, an address
  // Syscall names: a direct-mapped cache in front of the map, because the same dozen names
  // fill most of a trace and a hash of the whole name costs more than the compare.
  struct CacheSlot {
    std::string_view key;
    NameInfo info;
  };
  static constexpr size_t kCacheSlots = 256;
  CacheSlot cache_[kCacheSlots];
  StringViewMap<NameInfo> names_;
  NameInfo folded_;
  struct FdSlot {
    std::string_view ann;  // as printed in the line; points into the pool's copy
    StrId id = kNoStr;
  };
  static constexpr size_t kFdSlots = 64;
  FdSlot fd_cache_[kFdSlots];
  StrId InternFdAnnotationSlow(FdSlot* slot, std::string_view ann);  // a miss of fd_cache_
  MiddleMemo middles_;  // see ScanFirstArg
};

}  // namespace rundown::strace

#endif  // RUNDOWN_PARSERS_STRACE_DECODER_H_
