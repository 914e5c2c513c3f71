#include "parsers/strace_decoder.h"

#include <algorithm>
#include <climits>

#include "absl/base/attributes.h"
#include "absl/base/optimization.h"
#include "parsers/env_hooks.h"
#include "parsers/errno_table.h"
#include "parsers/strace_line.h"
#include "parsers/text_util.h"

namespace rundown::strace {
namespace {


int32_t Clip(int64_t v) {
  return static_cast<int32_t>(v > INT32_MAX ? INT32_MAX : v < INT32_MIN ? INT32_MIN : v);
}

bool ArgNumber(std::string_view arg, int32_t* out) {
  int64_t v;
  // An argument the call did not have (openat without a mode): ParseNumber says no too, after
  // ~90 instructions of searching.
  if (arg.empty() || !ParseNumber(arg, &v)) return false;
  *out = Clip(v);
  return true;
}

// Appends `rel` to the absolute directory `dir`, folding "." and ".." lexically, into *out
// (which keeps its capacity: no allocation once grown).
void JoinPath(std::string_view dir, std::string_view rel, std::string* out) {
  out->assign(dir);
  while (out->size() > 1 && out->back() == '/') out->pop_back();
  while (!rel.empty()) {
    size_t slash = rel.find('/');
    std::string_view part = rel.substr(0, slash);
    rel = slash == std::string_view::npos ? std::string_view() : rel.substr(slash + 1);
    if (part.empty() || part == ".") continue;
    if (part == "..") {
      size_t up = out->rfind('/');
      out->resize(up == 0 || up == std::string::npos ? 1 : up);
      continue;
    }
    if (out->back() != '/') out->push_back('/');
    out->append(part);
  }
}

// "0x7ffc09f96520 /* 41 vars */" -> 41; "[\"A=1\", \"B=2\"]" (-v) -> 2, with the code hooks
// among the variables (env_hooks.h) appended to *hooks, *history_off set when one turns shell
// history off, and *shown set; else -1.
int32_t ReadEnvironment(std::string_view env, bool* truncated, bool* shown, bool* history_off, std::string* hooks) {
  if (size_t c = env.find("/* "); c != std::string_view::npos) {
    std::string_view n = env.substr(c + 3);
    int32_t count;
    return ParseInt(n.substr(0, n.find(' ')), &count) ? count : -1;
  }
  if (!env.starts_with('[')) return -1;
  *shown = true;
  std::string_view body = ListBody(env), item;
  std::string variable;
  int32_t count = 0;
  while (NextItem(&body, &item)) {
    if (item == "...") {
      *truncated = true;
      continue;
    }
    ++count;
    bool cut = false;
    if (!ParseString(item, &variable, &cut)) continue;
    if (IsCodeHook(variable)) AppendHook(variable, hooks);
    *history_off |= TurnsHistoryOff(variable);
  }
  return count;
}

// write() to a file -y names as a comm file ("3</proc/74/task/175/comm>"). Its data is kept
// (DecodeFdCall), so the fast first-argument read does not do for it.
ABSL_ATTRIBUTE_ALWAYS_INLINE inline bool IsCommWrite(const SyscallInfo* info, const ArgList& args) {
  return info != nullptr && info->op == Op::kWrite && info->name == "write" && args.Get(info->fd).ends_with("/comm>");
}

// The result of most lines, " = N" or " = N <0.000012>" (-T) with N of at most 9 digits:
// no errno, annotation, decoding or clipping follows, so the general reading below has
// nothing more to say. False for every other shape. `gt_ends_rest`: the first '>' of `rest`
// is its last byte (ScanFirstArg's); without it, text after the duration is for DecodeResult
// to report (a memchr for the '>' here cost 34 Ir a line).
ABSL_ATTRIBUTE_ALWAYS_INLINE inline bool ReadPlainResult(std::string_view rest, bool gt_ends_rest, int32_t* result) {
  const char* p = rest.data();
  const size_t n = rest.size();
  if (n < 4) return false;
  uint32_t head;
  __builtin_memcpy(&head, p, 4);
  if ((head & 0xFFFFFF) != (' ' | '=' << 8 | ' ' << 16)) return false;  // " = ", little-endian
  auto digit = [p](size_t i) { return static_cast<uint32_t>(static_cast<uint8_t>(p[i]) - '0'); };
  const size_t limit = std::min<size_t>(n, 12);  // 9 digits: no clipping
  size_t i = 3;
  uint32_t v = 0;
  for (; i < limit && digit(i) <= 9; ++i) v = v * 10 + digit(i);
  if (i == 3 || (i < n && digit(i) <= 9)) return false;
  if (i != n && (p[i] != ' ' || i + 1 == n || p[i + 1] != '<')) return false;
  if (i != n && !gt_ends_rest) return false;
  *result = static_cast<int32_t>(v);
  return true;
}

// strace prints after the return value only an errno and its text, decodings in
// parentheses, "(INJECTED)" and, last, -T's "<0.000012>". A digit where those begin, or text
// after the duration, is the next line run into this one (a lost newline): the call is
// reported rather than read with the other call silently inside it. "" when `rest[i..]` is
// such a tail.
// `gt`: the first '>' of rest[i..] when known (from a search before i), else npos.
std::string_view RunOnText(std::string_view rest, size_t i, size_t gt) {
  if (i < rest.size() && IsDigit(rest[i])) return "text after the return value (two lines run together?)";
  // Usually no '>' but the line's last byte follows: nothing can follow a duration then.
  if (gt == std::string_view::npos) gt = rest.find('>', i);
  if (gt == std::string_view::npos || gt + 1 == rest.size()) return {};
  const size_t lt = rest.find('<', i);
  if (lt == std::string_view::npos || lt == 0 || lt + 1 >= rest.size() || !IsDigit(rest[lt + 1]) || rest[lt - 1] != ' ')
    return {};
  const size_t closing = gt > lt ? gt : rest.find('>', lt);
  if (closing == std::string_view::npos || closing + 1 == rest.size()) return {};
  return "text after the call's duration (two lines run together?)";
}

// -T's time spent in the call at the end of the result, "= 0 <600.000162>", in milliseconds
// (clipped to int32: 24 days); -1 when the line has none.
int32_t ElapsedMs(std::string_view rest) {
  if (rest.size() < 3 || rest.back() != '>') return -1;
  const size_t lt = rest.rfind('<');
  if (lt == std::string_view::npos) return -1;
  const std::string_view t = rest.substr(lt + 1, rest.size() - lt - 2);
  // `--syscall-times=s` prints whole seconds: `<70>`.
  const size_t dot = std::min(t.find('.'), t.size());
  int64_t seconds = 0, ms = 0;
  if (dot == 0 || dot > 9) return -1;
  for (size_t i = 0; i < t.size(); ++i) {
    if (i == dot) continue;
    if (!IsDigit(t[i])) return -1;
    if (i < dot) seconds = seconds * 10 + (t[i] - '0');
    else if (i - dot <= 3) ms = ms * 10 + (t[i] - '0');
  }
  for (size_t digits = t.size() - std::min(dot + 1, t.size()); digits < 3; ++digits) ms *= 10;
  return static_cast<int32_t>(std::min<int64_t>(seconds * 1000 + ms, INT32_MAX));
}

}  // namespace

const CallDecoder::NameInfo& CallDecoder::LookupSlow(std::string_view name, const NameKey& k) {
  auto it = names_.find(name);
  if (it == names_.end()) {
    NameInfo info{out_->Name(name), FindSyscall(name)};
    std::string_view key = out_->names.View(info.name);
    if (ABSL_PREDICT_FALSE(key != name)) {  // the batch folded a hostile flood of names into "?"
      folded_ = info;
      return folded_;
    }
    it = names_.emplace(key, info).first;
  }
  CacheSlot& c = cache_[k.Slot()];
  c.key = k;
  c.name = it->first;
  c.info = it->second;
  return c.info;
}

std::string_view CallDecoder::Decode(std::string_view call, Event* ev) {
  std::string_view name = CallName(call);
  if (ABSL_PREDICT_FALSE(name.empty())) return "not a system call line";
  return DecodeNamed(call, name, Lookup(name), ev);
}

std::string_view CallDecoder::Decode(std::string_view call, size_t name_size, const NameInfo& n, Event* ev) {
  return DecodeNamed(call, call.substr(0, name_size), n, ev);
}

// Inlined into both Decodes: a call between them cost more than the lookup Stitch saves.
ABSL_ATTRIBUTE_ALWAYS_INLINE inline std::string_view CallDecoder::DecodeNamed(std::string_view call,
                                                                              std::string_view name,
                                                                              const NameInfo& n, Event* ev) {
  ev->name = n.name;
  ev->op = n.info ? n.info->op : Op::kOther;
  ev->type = EventType::kSyscall;
  const std::string_view after = call.substr(name.size() + 1);
  if (n.info == nullptr || n.info->NeedsOnlyFirstArg()) {
    // Most calls need only their fd: read the list from both ends (ScanFirstArg). When
    // that does not work out, the full scan (DecodeAllArgs) decides, with its diagnostics.
    ArgList args;
    FirstFd first;
    bool gt_ends_rest;
    const size_t close = ScanFirstArg(after, &args, &first, &middles_, &first_args_, &gt_ends_rest);
    if (close != std::string_view::npos && !IsCommWrite(n.info, args)) {
      const std::string_view rest = after.substr(close + 1);
      bool decoded = ReadPlainResult(rest, gt_ends_rest, &ev->result);  // "= 8 <0.000012>": nothing else to undo
      if (ABSL_PREDICT_TRUE(decoded)) {
        result_annotation_ = {};
      } else {
        decoded = DecodeResultOrUndo(rest, ev);
      }
      if (decoded) {
        if (first.valid) {
          TakeFirstFd(n.info != nullptr, first, args.arg[0], ev);
        } else if (n.info != nullptr || !first.no_angle) {  // else DecodeUntabled finds no fd
          DecodeArgs(n.info, name, args, ev);
        }
        return {};
      }
    }
  }
  return DecodeAllArgs(after, name, n.info, ev);
}

// Out of line, as is DecodeAllArgs: the common path above then saves and restores fewer
// registers, and keeps no Event copy on its stack.
ABSL_ATTRIBUTE_NOINLINE bool CallDecoder::DecodeResultOrUndo(std::string_view rest, Event* ev) {
  const Event before = *ev;
  if (DecodeResult(rest, ev).empty()) return true;
  *ev = before;
  return false;
}

ABSL_ATTRIBUTE_NOINLINE std::string_view CallDecoder::DecodeAllArgs(std::string_view after, std::string_view name,
                                                                    const SyscallInfo* info, Event* ev) {
  ArgList args;
  ScanStatus status;
  size_t close = ScanArgs(after, &args, &status);
  if (ABSL_PREDICT_FALSE(close == std::string_view::npos)) {
    switch (status) {
      case ScanStatus::kOpenString: return "unterminated string in the arguments";
      case ScanStatus::kOpenComment: return "unterminated comment in the arguments";
      case ScanStatus::kOpenAnnotation: return "unterminated fd annotation in the arguments";
      default: return "unterminated argument list";
    }
  }
  std::string_view err = DecodeResult(after.substr(close + 1), ev);
  if (ABSL_PREDICT_FALSE(!err.empty())) return err;
  DecodeArgs(info, name, args, ev);
  if (ev->op == Op::kSleep) NewDetail(ev).c = ElapsedMs(after.substr(close + 1));
  return {};
}

bool CallDecoder::DecodeResumedResult(std::string_view tail, Event* ev) {
  ArgList args;
  ScanStatus status;
  size_t close = ScanArgs(tail, &args, &status);
  return close != std::string_view::npos && DecodeResult(tail.substr(close + 1), ev).empty();
}

std::string_view CallDecoder::DecodeResult(std::string_view rest, Event* ev) {
  result_annotation_ = {};
  const size_t first_gt = rest.find('>');
  if (ReadPlainResult(rest, first_gt + 1 == rest.size(), &ev->result)) return {};  // npos + 1 == 0
  size_t i = 0;
  while (i < rest.size() && rest[i] == ' ') ++i;
  if (ABSL_PREDICT_FALSE(i >= rest.size() || rest[i] != '=')) return "no result after the argument list";
  ++i;
  while (i < rest.size() && rest[i] == ' ') ++i;
  if (i < rest.size() && rest[i] == '?') {
    ev->flags |= kResultUnknown;
    ++i;
  } else {
    size_t start = i;
    int64_t v = 0;
    while (i < rest.size() && IsDigit(rest[i]) && v < INT32_MAX) v = v * 10 + (rest[i++] - '0');  // "= 3"
    if (i == start || (i < rest.size() && rest[i] != ' ' && rest[i] != '<')) {  // "= -1", "= 0x7f3f...", junk
      while (i < rest.size() && rest[i] != ' ' && rest[i] != '<') ++i;
      if (ABSL_PREDICT_FALSE(!ParseNumber(rest.substr(start, i - start), &v))) return "unreadable return value";
    }
    if (v > INT32_MAX || v < INT32_MIN) ev->flags |= kResultWide;
    ev->result = Clip(v);
    if (i < rest.size() && rest[i] == '<') {  // -y: "= 3</etc/ld.so.cache>"
      size_t end = AnnotationEnd(rest, i);
      if (ABSL_PREDICT_FALSE(end == std::string_view::npos)) return "unterminated fd annotation in the result";
      result_annotation_ = rest.substr(i + 1, end - i - 1);
      i = end + 1;
    }
    // --decode-pids=pidns: "= 3 /* 10775 in strace's PID NS */", the pid column's number.
    if (ABSL_PREDICT_FALSE(i + 1 < rest.size() && rest[i] == ' ' && rest[i + 1] == '/')) {
      std::string_view ns_pid = PidInStraceNamespace(rest.substr(i + 1));
      if (!ns_pid.empty() && ParseNumber(ns_pid, &v)) {
        ev->result = Clip(v);
        i = rest.find("*/", i) + 2;
      }
    }
  }
  while (i < rest.size() && rest[i] == ' ') ++i;
  const size_t gt = first_gt != std::string_view::npos && first_gt >= i ? first_gt : std::string_view::npos;
  if (std::string_view run_on = RunOnText(rest, i, gt); ABSL_PREDICT_FALSE(!run_on.empty())) return run_on;
  // "ENOENT (No such file or directory)"; a decoding such as "(Timeout)" is not an errno.
  if (i + 1 < rest.size() && rest[i] == 'E' && rest[i + 1] >= 'A' && rest[i + 1] <= 'Z') {
    size_t end = rest.find(' ', i);
    ev->err = ErrnoIndex(rest.substr(i, end == std::string_view::npos ? std::string_view::npos : end - i));
    if (IsRestartErrno(ev->err)) ev->flags |= kRestart;
  }
  // -e inject=/-e fault=: "= -1 ENOENT (No such file or directory) (INJECTED)", "= 42 (INJECTED)".
  // Only a failure or a parenthesised tail can hold it, so "= 0 <0.000012>" pays nothing.
  if (ABSL_PREDICT_FALSE((ev->err != 0 || (i < rest.size() && rest[i] == '(')) &&
                         rest.find("(INJECTED)", i) != std::string_view::npos))
    ev->flags |= kInjected;
  return {};
}

void CallDecoder::DecodeArgs(const SyscallInfo* info, std::string_view name, const ArgList& args, Event* ev) {
  if (info == nullptr) return DecodeUntabled(args, ev);
  const SyscallInfo& s = *info;
  switch (s.layout) {
    case Layout::kFd: return DecodeFdCall(s, args, ev);
    case Layout::kOpen: return DecodeOpen(s, args, ev);
    case Layout::kExec: return DecodeExec(s, args, ev);
    case Layout::kClone: return DecodeClone(name, args, ev);
    case Layout::kSocket: return DecodeSocket(args, ev);
    case Layout::kAddress:
    case Layout::kMessage: return DecodeAddress(s, args, ev);
    case Layout::kListen: return DecodeListen(s, args, ev);
    case Layout::kPath: return DecodePath(s, args, ev);
    case Layout::kSetId: return DecodeSetId(s, args, ev);
    case Layout::kCapset: return DecodeCapset(args, ev);
    case Layout::kPrctl: return DecodePrctl(s, args, ev);
    case Layout::kPtrace: return DecodePtrace(s, args, ev);
    case Layout::kKill: return DecodeKill(s, args, ev);
    case Layout::kMemory: return DecodeMemory(s, args, ev);
    case Layout::kMemfd: return DecodeMemfd(s, args, ev);
    case Layout::kDup: return DecodeFdCall(s, args, ev);
    case Layout::kPipe: return DecodePipe(s, args, ev);
    case Layout::kExit: return DecodeNumber(s.num, args, ev);
    case Layout::kWait: return DecodeNumber(s.path, args, ev);
    case Layout::kFcntl:
      DecodeFdCall(s, args, ev);
      if (args.Get(1).starts_with("F_DUPFD")) ev->op = Op::kDup;
      return;
    case Layout::kNamespace: return DecodeNamespace(s, args, ev);
    case Layout::kMount: return DecodeMount(s, args, ev);
    case Layout::kCommand: return DecodeCommand(s, args, ev);
    case Layout::kUtime: return DecodeUtime(s, args, ev);
    case Layout::kSleep: return DecodeSleep(s, args, ev);
    case Layout::kWaitSleep: return DecodeWaitSleep(s, args, ev);
    case Layout::kSockopt: return DecodeSockopt(s, args, ev);
    case Layout::kXattr: return DecodeXattr(name, s, args, ev);
    case Layout::kKernel: return DecodeKernel(name, s, args, ev);
  }
}

// ---- helpers ----

Detail& CallDecoder::NewDetail(Event* ev) {
  if (ev->detail == kNoDetail) ev->detail = out_->AddDetail(Detail());
  return out_->details[ev->detail];
}

StrId CallDecoder::InternAnnotation(std::string_view ann) {
  return ann.empty() ? kNoStr : recent_.Intern(out_->strings, NormalizeAnnotation(ann, &ann_));
}

StrId CallDecoder::InternFdAnnotation(int32_t fd, std::string_view ann) {
  if (ann.empty()) return kNoStr;
  FdSlot& slot = fd_cache_[static_cast<uint32_t>(fd) % kFdSlots];
  if (ABSL_PREDICT_TRUE(slot.id != kNoStr && SameBytes(slot.ann, ann))) return slot.id;
  return InternFdAnnotationSlow(&slot, ann);
}

// Out of line, so that the hit above is small enough to inline into the fast path.
ABSL_ATTRIBUTE_NOINLINE StrId CallDecoder::InternFdAnnotationSlow(FdSlot* slot, std::string_view ann) {
  StrId id = InternAnnotation(ann);
  std::string_view stored = out_->strings.View(id);
  // Cache only annotations stored as printed, so the key can point at the pool's copy
  // (which outlives the line); escaped ones are rare.
  if (stored == ann) *slot = {stored, id};
  return id;
}

// What DecodeFdCall (tabled) and DecodeUntabled make of a first argument ScanFirstArg read
// as an fd: an untabled call keeps only an annotated fd.
void CallDecoder::TakeFirstFd(bool tabled, const FirstFd& first, std::string_view arg, Event* ev) {
  if (first.annotation.empty()) {
    if (tabled) ev->fd = first.fd;
    return;
  }
  ev->fd = first.fd;
  ev->str = first.id != kNoStr ? first.id : InternFirstFd(first, arg);
}

// Out of line, so that TakeFirstFd stays small enough to inline into the fast path.
ABSL_ATTRIBUTE_NOINLINE StrId CallDecoder::InternFirstFd(const FirstFd& first, std::string_view arg) {
  const StrId id = InternFdAnnotation(first.fd, first.annotation);
  first_args_.Add(arg, first, id);
  return id;
}

bool CallDecoder::TakeFd(std::string_view arg, Event* ev) {
  int32_t fd;
  std::string_view ann;
  if (!ParseFd(arg, &fd, &ann)) return false;
  ev->fd = fd;
  if (!ann.empty()) ev->str = InternFdAnnotation(fd, ann);
  return true;
}

StrId CallDecoder::InternPath(std::string_view arg, std::string_view dir, Event* ev) {
  bool truncated = false;
  if (!ParseString(arg, &scratch_, &truncated)) return kNoStr;
  if (truncated) ev->flags |= kTruncated;
  if (scratch_.empty() || scratch_.front() == '/' || !dir.starts_with('/')) return recent_.Intern(out_->strings, scratch_);
  JoinPath(dir, scratch_, &path_);
  return recent_.Intern(out_->strings, path_);
}

// A process opens with the same few flag sets ("O_RDONLY|O_CLOEXEC"): one compare with the
// last set read replaces OpenFlags' split and lookups, ~240 instructions an openat.
uint32_t CallDecoder::CachedOpenFlags(std::string_view flags) {
  if (SameBytes(flags, last_open_flags_)) return last_open_bits_;
  last_open_bits_ = OpenFlags(flags);
  last_open_flags_.assign(flags);
  return last_open_bits_;
}

StrId CallDecoder::InternString(std::string_view arg) {
  bool truncated;
  return ParseString(arg, &scratch_, &truncated) ? out_->strings.Intern(scratch_) : kNoStr;
}

// ---- one decoder per layout ----

void CallDecoder::DecodeUntabled(const ArgList& args, Event* ev) {
  // Only an annotated fd is kept, and an annotation opens with '<': an address such as
  // futex's "0x566f960" is not read (ParseFd's general path costs ~270 instructions).
  const std::string_view arg = args.Get(0);
  if (arg.find('<') == std::string_view::npos) return;
  int32_t fd;
  std::string_view ann;
  if (ParseFd(arg, &fd, &ann) && !ann.empty()) {
    ev->fd = fd;
    ev->str = InternFdAnnotation(fd, ann);
  }
}

// A write to a comm file renames a process or thread: glibc's pthread_setname_np writes
// /proc/self/task/TID/comm for a thread other than the caller, and a process can write its own
// /proc/self/comm. The name is kept as prctl(PR_SET_NAME)'s is (detail.str2). Only an fd
// annotation (-y) says the file is a comm file; without it the name is not kept.
void CallDecoder::DecodeFdCall(const SyscallInfo& s, const ArgList& args, Event* ev) {
  if (!TakeFd(args.Get(s.fd), ev) || !IsCommWrite(&s, args)) return;
  bool truncated;
  if (ParseString(args.Get(s.fd + 1), &scratch_, &truncated)) NewDetail(ev).str2 = out_->strings.Intern(scratch_);
}

void CallDecoder::DecodeOpen(const SyscallInfo& s, const ArgList& args, Event* ev) {
  std::string_view dir_arg = args.Get(s.fd), dir_ann;
  int32_t dirfd = kAtFdcwd;
  if (s.fd < 0 || !ParseFd(dir_arg, &dirfd, &dir_ann)) dirfd = kAtFdcwd;
  ev->fd = dirfd;
  ev->str = InternPath(args.Get(s.path), NormalizeAnnotation(dir_ann, &dir_), ev);
  Detail& d = NewDetail(ev);
  if (!dir_ann.empty()) {
    std::string_view dir_text = dir_arg;
    if (dirfd == kAtFdcwd && !dir_arg.starts_with("AT_FDCWD<")) {
      // -X raw / verbose print AT_FDCWD as "-100" or "-100 /* AT_FDCWD */": stored as -y
      // prints it otherwise, "AT_FDCWD</home/u/app>" (the model reads the cwd from it).
      text_.assign("AT_FDCWD<");
      text_.append(dir_ann);
      text_.push_back('>');
      dir_text = text_;
    }
    d.str3 = recent_.Intern(out_->strings, dir_text);
  }
  std::string_view flags = args.Get(s.path2), mode = args.Get(s.num);
  if (flags.starts_with('{')) {  // openat2's struct open_how
    mode = StructField(flags, "mode");
    flags = StructField(flags, "flags");
  }
  d.flags = s.path2 < 0 ? uint32_t{kOWrOnly | kOCreat | kOTrunc} : CachedOpenFlags(flags);  // creat()
  ArgNumber(mode, &d.a);
  if (!result_annotation_.empty()) d.str2 = InternAnnotation(result_annotation_);
}

void CallDecoder::DecodeExec(const SyscallInfo& s, const ArgList& args, Event* ev) {
  std::string_view dir_ann;
  int32_t dirfd;
  if (s.fd >= 0 && ParseFd(args.Get(s.fd), &dirfd, &dir_ann)) ev->fd = dirfd;
  std::string_view path = args.Get(s.path);
  // execveat(fd, "", ..., AT_EMPTY_PATH) runs the file behind the fd (a memfd, say).
  ev->str = path == "\"\"" && !dir_ann.empty() ? InternAnnotation(dir_ann)
                                                : InternPath(path, NormalizeAnnotation(dir_ann, &dir_), ev);
  Detail& d = NewDetail(ev);
  bool truncated = (ev->flags & kTruncated) != 0;
  text_.clear();
  if (args.Get(s.path + 1) == "[]") d.flags |= kExecEmptyArgv;
  // strace -y prints an fd whose file has no name left as "3</tmp/x>(deleted)": the program
  // runs from a file already unlinked (or a memfd), nothing on disk to recover.
  if (s.fd >= 0 && path == "\"\"" && args.Get(s.fd).ends_with("(deleted)")) d.flags |= kExecDeleted;
  std::string_view argv = ListBody(args.Get(s.path + 1)), item;
  while (NextItem(&argv, &item)) {
    bool cut = false;
    if (!text_.empty()) text_.push_back(' ');
    if (item == "..." || !AppendString(item, &text_, &cut)) cut = true;
    // An argument strace cut with -s (or the rest of argv it left out) ends in "..." as
    // strace prints it: a report never quotes a cut argument as the whole one.
    if (cut) text_.append("...");
    truncated |= cut;
  }
  if (!text_.empty() && text_.back() == ' ') text_.pop_back();
  d.str2 = out_->strings.Intern(text_);
  bool env_shown = false, history_off = false;
  text_.clear();
  d.a = ReadEnvironment(args.Get(s.path + 2), &truncated, &env_shown, &history_off, &text_);
  if (env_shown) d.flags |= kExecEnvShown;
  if (history_off) d.flags |= kExecHistoryOff;
  if (!text_.empty()) d.str3 = out_->strings.Intern(text_);
  if (truncated) {
    d.flags |= kExecTruncated;
    ev->flags |= kTruncated;
  }
}

void CallDecoder::DecodeClone(std::string_view name, const ArgList& args, Event* ev) {
  Detail& d = NewDetail(ev);
  if (name == "fork") {
    d.flags = kCloneIsFork;
    return;
  }
  if (name == "vfork") {
    d.flags = kCloneIsFork | kCloneVfork | kCloneVm;
    return;
  }
  if (name == "clone3") {
    // "clone3(0x7ffc0f715fe0, 88)": the struct, flags included, left as an address.
    if (!args.Get(0).starts_with('{')) {
      d.flags = kCloneFlagsUnknown;
      return;
    }
    d.flags = CloneFlags(StructField(args.Get(0), "flags"));
  } else {
    for (int k = 0; k < args.count; ++k)
      if (args.arg[k].starts_with("flags=")) d.flags = CloneFlags(args.arg[k].substr(6));
  }
  if (!(d.flags & kCloneThread)) d.flags |= kCloneIsFork;
}

void CallDecoder::DecodeSocket(const ArgList& args, Event* ev) {
  Detail& d = NewDetail(ev);
  d.a = AddressFamily(SymbolicName(args.Get(0)));
  d.b = SocketType(args.Get(1));
  if (!result_annotation_.empty()) d.str3 = InternAnnotation(result_annotation_);
}

void CallDecoder::DecodeAddress(const SyscallInfo& s, const ArgList& args, Event* ev) {
  TakeFd(args.Get(s.fd), ev);
  std::string_view addr = args.Get(s.path);
  if (s.layout == Layout::kMessage) addr = StructField(addr, "msg_name");
  int32_t family, port;
  bool has_addr = ParseSockaddr(addr, &text_, &family, &port);
  if (!has_addr && result_annotation_.empty()) return;
  Detail& d = NewDetail(ev);
  if (has_addr) {
    d.str2 = out_->strings.Intern(text_);
    d.a = family;
    d.b = port;
  }
  if (!result_annotation_.empty()) d.str3 = InternAnnotation(result_annotation_);
}

void CallDecoder::DecodeListen(const SyscallInfo& s, const ArgList& args, Event* ev) {
  TakeFd(args.Get(s.fd), ev);
  ArgNumber(args.Get(s.num), &NewDetail(ev).a);
}

// Path calls keep ev->fd only when ev->str is that fd's own target (fchmod, AT_EMPTY_PATH):
// a dirfd next to a path that names another file would make the fd look like that file.
void CallDecoder::DecodePath(const SyscallInfo& s, const ArgList& args, Event* ev) {
  std::string_view path = args.Get(s.path), dir_ann;
  int32_t dirfd;
  bool has_dir = s.fd >= 0 && ParseFd(args.Get(s.fd), &dirfd, &dir_ann);
  if (s.path < 0 || (path == "\"\"" && has_dir)) {
    TakeFd(args.Get(s.fd), ev);
  } else if (ev->op == Op::kSymlink) {
    ev->str = InternPath(path, {}, ev);
  } else {
    ev->str = InternPath(path, NormalizeAnnotation(dir_ann, &dir_), ev);
  }
  if (ev->op == Op::kUnlink && args.Get(s.path + 1).find("AT_REMOVEDIR") != std::string_view::npos) ev->op = Op::kRmdir;
  if (s.path2 < 0 && s.num < 0) return;
  Detail& d = NewDetail(ev);
  if (s.path2 >= 0) {
    std::string_view dir2;
    int32_t fd2;
    if (!ParseFd(args.Get(s.path2 - 1), &fd2, &dir2)) dir2 = {};
    d.str2 = InternPath(args.Get(s.path2), NormalizeAnnotation(dir2, &dir_), ev);
  }
  if (s.num >= 0) {
    ArgNumber(args.Get(s.num), &d.a);
    if (ev->op == Op::kChown) ArgNumber(args.Get(s.num + 1), &d.b);  // the gid
  }
}

void CallDecoder::DecodeSetId(const SyscallInfo& s, const ArgList& args, Event* ev) {
  Detail& d = NewDetail(ev);
  int32_t* slots[3] = {&d.a, &d.b, &d.c};
  if (s.path >= 0) {  // setgroups(2, [0, 27])
    std::string_view list = ListBody(args.Get(s.path)), item;
    for (int k = 0; k < 3 && NextItem(&list, &item); ++k) ArgNumber(item, slots[k]);
    return;
  }
  for (int k = 0; k < 3; ++k) ArgNumber(args.Get(k), slots[k]);
}

void CallDecoder::DecodeCapset(const ArgList& args, Event* ev) {
  Detail& d = NewDetail(ev);
  ArgNumber(StructField(args.Get(0), "pid"), &d.a);
  const std::string_view sets = args.Get(1), effective = StructField(sets, "effective");
  if (!effective.empty()) ev->str = out_->strings.Intern(effective);
  if (effective == "0" && StructField(sets, "permitted") == "0" && StructField(sets, "inheritable") == "0") d.b = 1;
}

void CallDecoder::DecodePrctl(const SyscallInfo& s, const ArgList& args, Event* ev) {
  std::string_view option = SymbolicName(args.Get(s.num));
  ev->str = out_->strings.Intern(option);
  Detail& d = NewDetail(ev);
  d.flags = static_cast<uint32_t>(PrctlOption(option));
  std::string_view arg = args.Get(s.num + 1);
  if (option == "PR_SET_NAME") {
    bool truncated;
    if (ParseString(arg, &scratch_, &truncated)) d.str2 = out_->strings.Intern(scratch_);
  } else if (!ArgNumber(arg, &d.a)) {
    // PR_SET_DUMPABLE's values are printed by name (linux/sched/coredump.h), as are
    // PR_CAP_AMBIENT's sub-operations (linux/prctl.h); else a signal (PR_SET_PDEATHSIG,
    // SIGKILL); -1 when none of them.
    static constexpr std::pair<std::string_view, int32_t> kNamedValues[] = {
        {"SUID_DUMP_DISABLE", 0},     {"SUID_DUMP_USER", 1},       {"SUID_DUMP_ROOT", 2},
        {"PR_CAP_AMBIENT_IS_SET", 1}, {"PR_CAP_AMBIENT_RAISE", 2}, {"PR_CAP_AMBIENT_LOWER", 3},
        {"PR_CAP_AMBIENT_CLEAR_ALL", 4}};
    const std::string_view value = SymbolicName(arg);
    d.a = SignalNumber(value);
    for (const auto& [name, number] : kNamedValues)
      if (value == name) d.a = number;
  }
}

void CallDecoder::DecodePtrace(const SyscallInfo& s, const ArgList& args, Event* ev) {
  Detail& d = NewDetail(ev);
  if (s.num >= 0) {
    std::string_view request = SymbolicName(args.Get(s.num));
    ev->str = out_->strings.Intern(request);
    d.flags = static_cast<uint32_t>(PtraceRequest(request));
  }
  ArgNumber(args.Get(s.path), &d.a);
}

// kill(pid, sig), tgkill(tgid, tid, sig), pidfd_send_signal(pidfd, sig, ...): the target of a
// pidfd is known only from its annotation under -yy / --decode-fds=pidfd ("3<pid:1234>"); with
// -y ("3<anon_inode:[pidfd]>") or none it stays -1 (unknown, not a process group).
void CallDecoder::DecodeKill(const SyscallInfo& s, const ArgList& args, Event* ev) {
  const bool by_pidfd = s.fd >= 0 && TakeFd(args.Get(s.fd), ev);
  Detail& d = NewDetail(ev);
  if (by_pidfd && ev->str != kNoStr) {
    const std::string_view ann = out_->strings.View(ev->str);
    int32_t pid;
    if (ann.starts_with("pid:") && ParseInt(ann.substr(4), &pid)) d.a = pid;
  }
  if (s.path >= 0) ArgNumber(args.Get(s.path), &d.a);
  d.b = SignalNumber(SymbolicName(args.Get(s.path2)));
}

void CallDecoder::DecodeMemory(const SyscallInfo& s, const ArgList& args, Event* ev) {
  Detail& d = NewDetail(ev);
  d.flags = ProtFlags(args.Get(s.path2));
  if (s.fd < 0) return;  // mprotect
  TakeFd(args.Get(s.fd), ev);
  const std::string_view flags = args.Get(s.path2 + 1);
  if (!flags.empty()) d.a = static_cast<int32_t>(MapFlags(flags));
}

void CallDecoder::DecodeMemfd(const SyscallInfo& s, const ArgList& args, Event* ev) {
  bool truncated;
  if (ParseString(args.Get(s.path), &scratch_, &truncated)) ev->str = out_->strings.Intern(scratch_);
  if (!result_annotation_.empty()) NewDetail(ev).str2 = InternAnnotation(result_annotation_);
}

void CallDecoder::DecodePipe(const SyscallInfo& s, const ArgList& args, Event* ev) {
  std::string_view list = ListBody(args.Get(s.path)), item;
  Detail& d = NewDetail(ev);
  int32_t fd;
  std::string_view ann;
  if (NextItem(&list, &item) && ParseFd(item, &fd, &ann)) {
    d.a = fd;
    d.str2 = InternAnnotation(ann);
  }
  if (NextItem(&list, &item) && ParseFd(item, &fd, &ann)) {
    d.b = fd;
    d.str3 = InternAnnotation(ann);
  }
}

// unshare(CLONE_NEWNS|CLONE_NEWUSER); setns(3</proc/1/ns/mnt>, CLONE_NEWNS). setns with 0
// joins whatever namespace the fd is: its type comes from the annotation ("mnt:[4026531841]"
// for an nsfs fd, or a /proc/PID/ns/NAME path).
void CallDecoder::DecodeNamespace(const SyscallInfo& s, const ArgList& args, Event* ev) {
  uint32_t bits = CloneFlags(args.Get(s.path2)) & kCloneNamespaces;
  if (s.fd >= 0 && TakeFd(args.Get(s.fd), ev) && bits == 0 && ev->str != kNoStr)
    bits = NamespaceOfFile(out_->strings.View(ev->str));
  NewDetail(ev).flags = bits;
}

// mount("none", "/tmp/r", "tmpfs", 0, "size=1m"), pivot_root(".", "old"),
// move_mount(3, "", AT_FDCWD, "/mnt", MOVE_MOUNT_F_EMPTY_PATH), fsopen("tmpfs", 0).
void CallDecoder::DecodeMount(const SyscallInfo& s, const ArgList& args, Event* ev) {
  std::string_view dir_ann;
  int32_t dirfd;
  if (s.fd >= 0 && !ParseFd(args.Get(s.fd), &dirfd, &dir_ann)) dir_ann = {};
  if (s.path >= 0) ev->str = InternPath(args.Get(s.path), NormalizeAnnotation(dir_ann, &dir_), ev);
  Detail& d = NewDetail(ev);
  if (s.path2 >= 0) d.str2 = InternString(args.Get(s.path2));
  if (s.num >= 0) d.str3 = InternString(args.Get(s.num));
}

// bpf(BPF_PROG_LOAD, ...), reboot(..., LINUX_REBOOT_CMD_RESTART), sethostname("x", 1).
void CallDecoder::DecodeCommand(const SyscallInfo& s, const ArgList& args, Event* ev) {
  if (s.num < 0) return;
  std::string_view arg = args.Get(s.num);
  ev->str = arg.starts_with('"') ? InternString(arg) : arg.empty() ? kNoStr : out_->strings.Intern(SymbolicName(arg));
}

// utimensat(AT_FDCWD, "f", [{tv_sec=1546300800, tv_nsec=0} /* 2019-01-01T00:00:00+0000 */, ...], 0),
// utimensat(0, NULL, [UTIME_NOW, {tv_sec=...}], 0) (touch -r on its stdin), utimes("f",
// [{tv_sec=..., tv_usec=0}, ...]), utime("f", {actime=... /* ... */, modtime=...}); NULL
// times mean "now".
void CallDecoder::DecodeUtime(const SyscallInfo& s, const ArgList& args, Event* ev) {
  std::string_view path = args.Get(s.path), dir_ann;
  int32_t dirfd;
  const bool has_dir = s.fd >= 0 && ParseFd(args.Get(s.fd), &dirfd, &dir_ann);
  if ((path == "NULL" || path == "\"\"") && has_dir) TakeFd(args.Get(s.fd), ev);
  else ev->str = InternPath(path, NormalizeAnnotation(dir_ann, &dir_), ev);
  Detail& d = NewDetail(ev);
  std::string_view times = args.Get(s.path2), atime, mtime;
  if (times.starts_with('[')) {
    std::string_view list = ListBody(times);
    if (NextItem(&list, &atime)) NextItem(&list, &mtime);
    auto seconds = [](std::string_view t) { return t.find("UTIME_") != std::string_view::npos ? std::string_view() : StructField(t, "tv_sec"); };
    atime = seconds(atime);
    mtime = seconds(mtime);
  } else if (times.starts_with('{')) {
    atime = StructField(times, "actime");
    mtime = StructField(times, "modtime");
  }
  if (ArgNumber(atime, &d.a)) d.flags |= kUtimeAtimeSet;
  if (ArgNumber(mtime, &d.b)) d.flags |= kUtimeMtimeSet;
}

// nanosleep({tv_sec=600, tv_nsec=0}, NULL), clock_nanosleep(CLOCK_REALTIME, 0, {tv_sec=90,
// tv_nsec=0}, <unfinished ...>; TIMER_ABSTIME asks for a time on the clock, not a length. -X raw
// prints the flags as "0x1", -X verbose as "0x1 /* TIMER_ABSTIME */".
void CallDecoder::DecodeSleep(const SyscallInfo& s, const ArgList& args, Event* ev) {
  Detail& d = NewDetail(ev);
  const std::string_view req = args.Get(s.path);
  ArgNumber(StructField(req, "tv_sec"), &d.a);
  ArgNumber(StructField(req, "tv_nsec"), &d.b);
  if (s.num < 0) return;
  const std::string_view flags = args.Get(s.num);
  int32_t bits = 0;
  if (flags.find("TIMER_ABSTIME") != std::string_view::npos || (ArgNumber(SymbolicName(flags), &bits) && (bits & 1)))
    d.flags |= kSleepAbsolute;
}

// select(0, NULL, NULL, NULL, {tv_sec=2, tv_usec=0}), pselect6(0, NULL, NULL, NULL, {tv_sec=2,
// tv_nsec=0}, NULL), poll(NULL, 0, 2000), ppoll(NULL, 0, {tv_sec=2, tv_nsec=0}, NULL, 8): no fd
// to wait on, only the timeout ends them: a sleep (a NULL or negative timeout: forever, the
// length missing). With any fd, or a count not printed as a number, a plain call.
void CallDecoder::DecodeWaitSleep(const SyscallInfo& s, const ArgList& args, Event* ev) {
  int32_t fds = -1;
  if (!ArgNumber(args.Get(s.num), &fds) || fds != 0) {
    ev->op = Op::kOther;
    return;
  }
  Detail& d = NewDetail(ev);
  const std::string_view timeout = args.Get(s.path);
  if (timeout.starts_with('{')) {
    ArgNumber(StructField(timeout, "tv_sec"), &d.a);
    int32_t usec = -1;
    if (ArgNumber(StructField(timeout, "tv_usec"), &usec) && usec >= 0 && usec < 1'000'000) d.b = usec * 1000;
    else ArgNumber(StructField(timeout, "tv_nsec"), &d.b);
  } else if (int32_t ms; ArgNumber(timeout, &ms) && ms >= 0) {
    d.a = ms / 1000;
    d.b = (ms % 1000) * 1'000'000;
  }
}

// getsockopt(19<TCP:[...]>, SOL_SOCKET, SO_ERROR, [ECONNREFUSED], [4]): the outcome of a
// non-blocking connect. -X raw prints "[111]", -X verbose "[111 /* ECONNREFUSED */]"; a
// failed call or -e raw= leaves the value as an address ("0x7ffd8cd9f5d0"), not read.
void CallDecoder::DecodeSockopt(const SyscallInfo& s, const ArgList& args, Event* ev) {
  TakeFd(args.Get(s.fd), ev);
  if (!IsSoError(args.Get(s.num), args.Get(s.num + 1))) return;
  Detail& d = NewDetail(ev);
  d.flags = kSockoptSoError;
  const std::string_view value = args.Get(s.path);
  if (ev->err != 0 || !value.starts_with('[')) return;
  std::string_view item, list = ListBody(value);
  if (!NextItem(&list, &item)) return;
  item = SymbolicName(item);
  int32_t number;
  if (item.starts_with('E')) d.a = ErrnoIndex(item);
  else if (ArgNumber(item, &number)) d.a = ErrnoIndexOfNumber(number);
}

// setxattr("py3", "security.capability", "\1\0\0\2\200\0...", 20, 0),
// fsetxattr(3</tmp/x/notes.txt>, "user.seen", "1", 1, 0), lremovexattr("py3", "security.capability"):
// the file, and the attribute's name (its namespace says who may set it: user.* the file's
// owner, security.capability CAP_SETFCAP, trusted.* CAP_SYS_ADMIN). The value is not kept.
void CallDecoder::DecodeXattr(std::string_view name, const SyscallInfo& s, const ArgList& args, Event* ev) {
  if (s.path >= 0) ev->str = InternPath(args.Get(s.path), {}, ev);
  else TakeFd(args.Get(s.fd), ev);
  Detail& d = NewDetail(ev);
  d.str2 = InternString(args.Get(s.num));
  if (name.find("remove") != std::string_view::npos) d.flags = kXattrRemove;
}

// ioctl(7</dev/pts/0>, TIOCSTI, "i"), personality(PER_LINUX|ADDR_NO_RANDOMIZE),
// syslog(3 /* SYSLOG_ACTION_READ_ALL */, ...), keyctl(KEYCTL_READ, ...), add_key("user", ...):
// the command, named.
void CallDecoder::DecodeKernel(std::string_view name, const SyscallInfo& s, const ArgList& args, Event* ev) {
  if (s.fd >= 0) TakeFd(args.Get(s.fd), ev);
  const std::string_view command = args.Get(s.num);
  if (command.empty()) return;
  Detail& d = NewDetail(ev);
  if (command.starts_with('"')) {  // add_key's key type
    d.str2 = InternString(command);
    return;
  }
  const std::string_view named = KernelCommand(name, command, &scratch_);
  d.str2 = out_->strings.Intern(named);
  if (named == "FS_IOC_SETFLAGS" || named == "FS_IOC_GETFLAGS") d.flags = FileAttrFlags(args.Get(s.num + 1));
}

void CallDecoder::DecodeNumber(int index, const ArgList& args, Event* ev) {
  int32_t v;
  if (ArgNumber(args.Get(index), &v)) NewDetail(ev).a = v;
}

}  // namespace rundown::strace
