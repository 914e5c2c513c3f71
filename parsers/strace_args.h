// The argument grammar of a strace call line: the pieces every syscall shares. strace prints
// C-like values (strace(1), "Output format"):
//
//   value      := string | number | flags | struct | array | call | fd | value " /* " text " */"
//   string     := '"' (char | escape)* '"' ["..."]     "..." when -s cut the string
//   escape     := \n \t \r \v \f \\ \" | \xHH (-x/-xx) | \NNN (octal)
//   struct     := "{" [key "=" value {", " key "=" value}] [", ..."] "}"
//   array      := "[" [value {", " value}] [", ..."] "]"
//   call       := name "(" args ")"                   htons(80), inet_addr("1.2.3.4")
//   fd         := number ["<" annotation ">"]  |  "AT_FDCWD" ["<" path ">"]   (-y / -yy)
//   flags      := NAME {"|" NAME} | 0xHEX (-X raw) | 0xHEX " /* " NAME {"|" NAME} " */"
//
// An fd annotation holds a path (strace escapes '<', '>' and odd bytes in it: "\74", "\n"),
// optionally followed by a -yy device suffix ("/dev/null<char 1:3>"), or a socket/pipe
// description whose brackets may hold "->": "TCP:[127.0.0.1:3000->127.0.0.1:41234]",
// "TCPv6:[[::]:3000]", "UNIX-STREAM:[37009->37010]", "pipe:[34452]".
//
// Everything here works on views into the line and allocates nothing, except where it
// unescapes a string into a caller-provided buffer (which keeps its capacity across lines).
#ifndef RUNDOWN_PARSERS_STRACE_ARGS_H_
#define RUNDOWN_PARSERS_STRACE_ARGS_H_

#include <cstdint>
#include <string>
#include <string_view>

namespace rundown::strace {

// The first kMaxArgs top-level arguments of a call. Syscalls have at most 6 (7 for a few
// strace decodings such as clone3's "=> {...}" or a struct printed in two parts); arguments
// past the limit are folded into the last slot, which keeps their text but loses the split.
inline constexpr int kMaxArgs = 8;
// Only the first `count` slots are set: the others are left unwritten (zeroing all eight cost
// more than the rest of a short call's decoding setup), so read past `count` only with Get().
struct ArgList {
  ArgList() {}  // NOLINT: `arg` stays unwritten
  union {
    std::string_view arg[kMaxArgs];
  };
  int count = 0;
  std::string_view Get(int i) const { return i >= 0 && i < count ? arg[i] : std::string_view(); }
};

enum class ScanStatus : uint8_t { kOk, kOpenString, kOpenList, kOpenComment, kOpenAnnotation };

// Reads the argument list that starts right after a call's '(' (`text[0]` is the first
// byte of the first argument), splitting it into trimmed top-level arguments. Returns the
// index of the matching ')' or npos when the list does not close on this line (then
// *status says why: an unterminated string, list, comment or fd annotation). Linear in
// the length of `text`.
size_t ScanArgs(std::string_view text, ArgList* args, ScanStatus* status);

// The same list read from both ends, for calls whose decoding needs only their first
// argument (most of a trace: read, write, epoll_wait, futex, close...): the closing ')' is
// found backward from the result (the last ")  = " whose tail is a plausible result, that is
// one where every '>' closes a '<' of the tail, so a ") = " inside a -y annotation of the
// result is passed over), and only the first argument is split off (args->count == 1). The
// text between them is only checked: its strings close and its brackets balance without
// closing the list early, as the full scan would read it. Returns npos when the line does not
// have that shape; ScanArgs then reads it and says what is wrong. Saves scanning buffers,
// structs and arrays the analysis does not read.
//
// When the first argument is a plain fd, "13" or "13<anon_inode:[eventpoll]>", the scan has
// read it on its way and *fd holds what ParseFd(args->arg[0]) returns for it (the annotation
// as printed), with fd->valid set; for every other shape fd->valid is false.
struct FirstFd {
  int32_t fd = 0;
  std::string_view annotation;
  bool valid = false;
  uint32_t id = 0;  // the annotation's string id when a FirstArgMemo knew the argument, else 0
  // Not valid, and a FirstArgMemo knew the argument to hold no '<' (futex's "0x566f9c8"): no
  // annotated fd in it either, for an untabled call to read.
  bool no_angle = false;
};

// The texts between a first argument and the list's ')' that ScanFirstArg has checked: a
// trace repeats them (", FUTEX_WAKE_PRIVATE, 1", an eventfd's 8-byte buffer, an epoll_pwait's
// event array), and comparing one costs a fraction of checking it. The check reads nothing but
// those bytes and treats every digit alike, so a text found here passes again. Texts of 16
// bytes or more are kept with their digits as '0' and found so: the same text with other
// numbers ("data={u32=19, u64=19}}], 1024, 11332", a futex's timeout) is found too.
// Direct-mapped, texts of 8 to kMaxBytes bytes. Thread-safety: none; one per decoder.
class MiddleMemo {
 public:
  bool Contains(std::string_view middle) const;
  // Contains, inlined into the scans of strace_args.cc (defined there): the call cost ~10 of
  // its ~60 instructions.
  bool ContainsInline(std::string_view middle) const;
  void Add(std::string_view middle);

  static constexpr size_t kSlots = 256;
  static constexpr size_t kMaxBytes = 124;  // futex's FUTEX_WAIT_BITSET middle is 71
  struct Slot {
    uint32_t size = 0;  // 0: empty (no text shorter than 8 bytes is kept)
    char bytes[kMaxBytes];
  };

 private:
  Slot slots_[kSlots];
};

// First arguments as ScanFirstArg read them: an annotated fd, "14<anon_inode:[eventpoll]>",
// with its number, its annotation's place and the annotation's string id, or another
// argument (futex's "0x566f9c8") with where it ends. A trace repeats them on every call on
// the fd or the futex, and one compare of the whole argument replaces reading its number,
// finding the end of its annotation and looking the annotation up, or the scan for its end.
// Both reads stop at the argument's end (AnnotationEnd reads nothing past the '>' it
// returns), so the same bytes followed by ',' or the list's end read the same way again.
// Direct-mapped by the first 8 bytes; arguments of 8 to kMaxBytes bytes. Thread-safety:
// none; one per decoder (ids are its batch's).
class FirstArgMemo {
 public:
  // When the list opens with an argument kept here, returns the argument's end (its ',' or
  // list.size()) and, for an fd, sets *fd (with the id); npos otherwise.
  size_t Find(std::string_view list, FirstFd* fd) const;
  // Keeps `arg`, a first argument ScanFirstArg read as `fd` (valid, annotated), with `id`.
  void Add(std::string_view arg, const FirstFd& fd, uint32_t id);
  // Keeps `arg`, a first argument that is no fd, ending at the list's end or a ','.
  void AddOther(std::string_view arg);

 private:
  static constexpr size_t kSlots = 128;
  static constexpr size_t kMaxBytes = 54;  // a slot fills a 64-byte cache line
  static constexpr uint8_t kNoAngle = 1;  // an annotation starts after a digit and its '<'
  static size_t SlotOf(std::string_view arg);
  // Keeps `arg` (8 to kMaxBytes bytes; others are not kept) with what Find gives back.
  void Put(std::string_view arg, uint8_t annotation_start, int32_t fd, uint32_t id);
  struct Slot {
    char bytes[kMaxBytes];
    uint8_t size = 0;  // 0: empty
    uint8_t annotation_start = 0;  // 0: not an fd; kNoAngle: not an fd, and no '<' in it
    int32_t fd = 0;
    uint32_t id = 0;
  };
  Slot slots_[kSlots];
};

// `memo` and `first_args` may be null. *gt_ends_tail (when the list closes): the first '>'
// after the ')' is the text's last byte, as in "= 8 <0.000012>". Two lines run together may
// have text after it ("= 8 <0.000012>28 19:31:04.484256 read(3, <unfinished ...>"): the scan
// has the tail's angles at hand, so it tells the result reader (CallDecoder), which cannot
// afford a search per line.
size_t ScanFirstArg(std::string_view text, ArgList* args, FirstFd* fd, MiddleMemo* memo, FirstArgMemo* first_args,
                    bool* gt_ends_tail);
inline size_t ScanFirstArg(std::string_view text, ArgList* args, FirstFd* fd, MiddleMemo* memo = nullptr,
                           FirstArgMemo* first_args = nullptr) {
  bool gt_ends_tail;
  return ScanFirstArg(text, args, fd, memo, first_args, &gt_ends_tail);
}
inline size_t ScanFirstArg(std::string_view text, ArgList* args) {
  FirstFd fd;
  return ScanFirstArg(text, args, &fd);
}

// Iterates the top-level items of a list body (the text inside "[...]" or "{...}", without
// the brackets): sets *item to the next trimmed item and advances *list past it. Returns
// false at the end. Works for lists of any length (argv, envp, struct fields).
bool NextItem(std::string_view* list, std::string_view* item);

// The body of "[...]" or "{...}" (brackets removed); empty when `v` is not one.
std::string_view ListBody(std::string_view v);

// "3</etc/passwd>" -> 3, "/etc/passwd". "AT_FDCWD</home/a>" -> kAtFdcwd (-100), "/home/a".
// "-100 /* AT_FDCWD */", "0xffffff9c" (-e raw) -> -100. The annotation is returned as
// printed (still escaped; see NormalizeAnnotation). Returns false when `arg` is not an fd.
bool ParseFd(std::string_view arg, int32_t* fd, std::string_view* annotation);

// Index of the '>' that closes the annotation opened by the '<' at text[lt], or npos.
size_t AnnotationEnd(std::string_view text, size_t lt);
// Whether the '<' at text[lt] opens an fd annotation ("3</etc/passwd>", "AT_FDCWD</home>").
bool OpensAnnotation(std::string_view text, size_t lt);

// Turns an annotation into the form stored in events: the -yy device suffix of a path is
// dropped ("/dev/null<char 1:3>" -> "/dev/null") and escapes are undone ("we\76ird" ->
// "we>ird"). Returns `ann` itself when nothing changes, else a view of *scratch.
std::string_view NormalizeAnnotation(std::string_view ann, std::string* scratch);

// Unescapes the string literal at the start of `arg` ('"'...'"', optionally followed by
// "...") and appends it to *out. Returns false when `arg` does not start with '"'. Sets
// *truncated when strace cut the string (-s) or the literal does not close.
bool AppendString(std::string_view arg, std::string* out, bool* truncated);
inline bool ParseString(std::string_view arg, std::string* out, bool* truncated) {
  out->clear();
  return AppendString(arg, out, truncated);
}

// "AF_INET" -> "AF_INET"; "0x2 /* AF_INET */" (-X verbose) -> "AF_INET"; "2" (-X raw) -> "2".
std::string_view SymbolicName(std::string_view v);

// The value of `key=value` at the top level of a struct "{...}"; empty when absent.
std::string_view StructField(std::string_view strct, std::string_view key);

// A decimal, 0x-hex or 0-octal integer with an optional sign, also inside "htons(80)" /
// "htonl(0)", before a " /* NAME */" comment (-X verbose), and a pid before its -Y command
// ("17757<sh>"). A pid --decode-pids=pidns translated ("3 /* 10775 in strace's PID NS */")
// reads as the number in strace's namespace (10775), the one the pid column uses.
bool ParseNumber(std::string_view s, int64_t* out);

// "/* 10775 in strace's PID NS */..." (--decode-pids=pidns) -> "10775"; empty when
// `comment` does not start with such a comment.
std::string_view PidInStraceNamespace(std::string_view comment);

// `s` without the spaces at either end.
inline std::string_view Trim(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  return s;
}

// Flag set "A|B|C", "0x80000" (-X raw) or "0x80000 /* O_RDONLY|O_CLOEXEC */" (-X verbose):
// calls fn(name) for each symbolic name and returns the numeric value when one was printed
// (0 otherwise).
template <typename Fn>
uint64_t ForEachFlag(std::string_view flags, Fn&& fn);

// A socket address struct as one string: "1.2.3.4:80", "[::1]:3000", "/run/x.sock",
// "@abstract", "netlink:123", "unix:unnamed". *family is the AF_* number (1 unix, 2 inet,
// 10 inet6, 16 netlink), *port the port or -1. Returns false when `arg` is not a sockaddr.
bool ParseSockaddr(std::string_view arg, std::string* out, int32_t* family, int32_t* port);

// ---- implementation of templates ----
template <typename Fn>
uint64_t ForEachFlag(std::string_view flags, Fn&& fn) {
  uint64_t numeric = 0;
  if (size_t comment = flags.find("/*"); comment != std::string_view::npos) {
    int64_t n = 0;
    if (ParseNumber(flags.substr(0, comment), &n)) numeric = static_cast<uint64_t>(n);
    size_t end = flags.find("*/", comment);
    flags = flags.substr(comment + 2, end == std::string_view::npos ? std::string_view::npos : end - comment - 2);
  } else if (!flags.empty() && flags.front() >= '0' && flags.front() <= '9') {
    int64_t n = 0;
    if (flags.find('|') == std::string_view::npos && ParseNumber(flags, &n)) return static_cast<uint64_t>(n);
  }
  while (!flags.empty()) {
    size_t bar = flags.find('|');
    std::string_view name = Trim(flags.substr(0, bar));
    if (!name.empty()) fn(name);
    if (bar == std::string_view::npos) break;
    flags.remove_prefix(bar + 1);
  }
  return numeric;
}

}  // namespace rundown::strace

#endif  // RUNDOWN_PARSERS_STRACE_ARGS_H_
