#include "parsers/strace_parser.h"

#include <algorithm>
#include <climits>
#include <string>

#include "absl/base/optimization.h"
#include "absl/container/flat_hash_map.h"
#include "parsers/errno_table.h"
#include "parsers/path_util.h"
#include "parsers/strace_args.h"
#include "parsers/strace_syscalls.h"
#include "parsers/text_util.h"

namespace rundown {
namespace {

using strace::ArgList;
using strace::Layout;
using strace::SyscallInfo;

constexpr std::string_view kUnfinished = "<unfinished ...>";
constexpr std::string_view kDetached = "<detached ...>";

// A line split into its prefix, timestamp and body.
struct LineParts {
  int32_t tid = 0;
  int64_t time_ns = kNoTime;
  Timebase timebase = Timebase::kNone;
  std::string_view body;
};

bool IsNameChar(char c) { return (c >= 'a' && c <= 'z') || IsDigit(c) || c == '_'; }

// "19:31:04" (-t), "19:31:04.476323" (-tt), "1795375881.065207" (-ttt), "0.000123" (-r).
// Fractions of any precision (--timestamps=...,ns prints nine digits).
bool ParseTimestamp(std::string_view tok, int64_t* ns, Timebase* base) {
  std::string_view whole = tok.substr(0, tok.find('.'));
  std::string_view frac = whole.size() < tok.size() ? tok.substr(whole.size() + 1) : std::string_view();
  if (whole.size() < tok.size() && frac.empty()) return false;
  int64_t frac_ns = 0, scale = 100000000;
  for (char c : frac) {
    if (!IsDigit(c)) return false;
    frac_ns += (c - '0') * scale;
    scale /= 10;
  }
  int64_t secs = 0;
  int fields = 0;
  while (true) {
    size_t colon = whole.find(':');
    int64_t v = 0;
    if (!ParseInt(whole.substr(0, colon), &v) || v < 0) return false;
    secs = secs * 60 + v;
    ++fields;
    if (colon == std::string_view::npos) break;
    whole.remove_prefix(colon + 1);
  }
  if (fields == 3) {
    *base = Timebase::kTimeOfDay;
  } else if (fields == 1 && !frac.empty()) {
    // -ttt prints seconds since the epoch (ten digits since 2001); -r a small delta.
    *base = secs >= 100000000 ? Timebase::kEpoch : Timebase::kRelative;
  } else {
    return false;
  }
  if (secs > INT64_MAX / 1000000000 - 1) return false;
  *ns = secs * 1000000000 + frac_ns;
  return true;
}

// Splits prefix and timestamp off a line. The pid column is digits then spaces; a bare
// number followed by ':' or '.' is a timestamp instead.
void SplitLine(std::string_view line, int32_t default_tid, LineParts* p) {
  p->tid = default_tid;
  p->time_ns = kNoTime;
  p->timebase = Timebase::kNone;
  size_t i = 0;
  if (line.starts_with("[pid ")) {
    i = 5;
    while (i < line.size() && line[i] == ' ') ++i;
    size_t start = i;
    while (i < line.size() && IsDigit(line[i])) ++i;
    int32_t tid = 0;
    if (i < line.size() && line[i] == ']' && ParseInt(line.substr(start, i - start), &tid)) {
      p->tid = tid;
      ++i;
    } else {
      i = 0;
    }
  } else {
    size_t j = 0;
    while (j < line.size() && IsDigit(line[j])) ++j;
    int32_t tid = 0;
    if (j > 0 && j < line.size() && line[j] == ' ' && ParseInt(line.substr(0, j), &tid)) {
      p->tid = tid;
      i = j;
    }
  }
  while (i < line.size() && line[i] == ' ') ++i;
  if (i < line.size() && IsDigit(line[i])) {
    size_t end = line.find(' ', i);
    if (end != std::string_view::npos &&
        ParseTimestamp(line.substr(i, end - i), &p->time_ns, &p->timebase)) {
      i = end;
      while (i < line.size() && line[i] == ' ') ++i;
    }
  }
  p->body = line.substr(i);
}

uint32_t OpenFlagBit(std::string_view f) {
  struct Named { std::string_view name; uint32_t bit; };
  static constexpr Named kNames[] = {
      {"O_WRONLY", kOWrOnly},     {"O_RDWR", kORdWr},         {"O_CREAT", kOCreat},
      {"O_TRUNC", kOTrunc},       {"O_APPEND", kOAppend},     {"O_EXCL", kOExcl},
      {"O_CLOEXEC", kOCloexec},   {"O_DIRECTORY", kODirectory}, {"O_TMPFILE", kOTmpfile},
      {"O_PATH", kOPath},         {"O_NOFOLLOW", kONofollow}, {"O_NONBLOCK", kONonblock},
      {"O_NDELAY", kONonblock}};
  for (const Named& n : kNames)
    if (n.name == f) return n.bit;
  return 0;
}

// x86-64 numeric O_* values, for -X raw output.
uint32_t OpenFlagsFromNumber(uint64_t v) {
  uint32_t out = static_cast<uint32_t>(v & 3);
  if (v & 0100) out |= kOCreat;
  if (v & 0200) out |= kOExcl;
  if (v & 01000) out |= kOTrunc;
  if (v & 02000) out |= kOAppend;
  if (v & 04000) out |= kONonblock;
  if (v & 0200000) out |= kODirectory;
  if (v & 0400000) out |= kONofollow;
  if (v & 02000000) out |= kOCloexec;
  if ((v & 020200000) == 020200000) out |= kOTmpfile;
  if (v & 010000000) out |= kOPath;
  return out;
}

uint32_t ParseOpenFlags(std::string_view flags) {
  uint32_t bits = 0;
  uint64_t numeric = strace::ForEachFlag(flags, [&](std::string_view f) { bits |= OpenFlagBit(f); });
  return numeric != 0 && bits == 0 ? OpenFlagsFromNumber(numeric) : bits;
}

uint32_t ParseCloneFlags(std::string_view flags) {
  struct Named { std::string_view name; uint32_t bit; };
  static constexpr Named kNames[] = {
      {"CLONE_VM", kCloneVm},         {"CLONE_FS", kCloneFs},           {"CLONE_FILES", kCloneFiles},
      {"CLONE_SIGHAND", kCloneSighand}, {"CLONE_THREAD", kCloneThread}, {"CLONE_VFORK", kCloneVfork},
      {"CLONE_PARENT", kCloneParent}, {"CLONE_NEWNS", kCloneNewNs},     {"CLONE_NEWPID", kCloneNewPid},
      {"CLONE_NEWNET", kCloneNewNet}, {"CLONE_NEWUSER", kCloneNewUser}, {"CLONE_NEWUTS", kCloneNewUts},
      {"CLONE_NEWIPC", kCloneNewIpc}, {"CLONE_NEWCGROUP", kCloneNewCgroup}};
  uint32_t bits = 0;
  uint64_t numeric = strace::ForEachFlag(flags, [&](std::string_view f) {
    for (const Named& n : kNames)
      if (n.name == f) bits |= n.bit;
  });
  if (numeric != 0 && bits == 0) {
    if (numeric & 0x100) bits |= kCloneVm;
    if (numeric & 0x10000) bits |= kCloneThread;
    if (numeric & 0x4000) bits |= kCloneVfork;
  }
  return bits;
}

uint32_t ParseProt(std::string_view prot) {
  uint32_t bits = 0;
  uint64_t numeric = strace::ForEachFlag(prot, [&](std::string_view f) {
    if (f == "PROT_READ") bits |= kProtRead;
    if (f == "PROT_WRITE") bits |= kProtWrite;
    if (f == "PROT_EXEC") bits |= kProtExec;
  });
  return bits != 0 ? bits : static_cast<uint32_t>(numeric & 7);
}

// Decodes one call ("name(args) = result ...") into `ev` and its detail. This is the one
// generic decoder the syscall table drives.
class CallDecoder {
 public:
  CallDecoder(EventBatch* out, std::string* scratch) : out_(out), scratch_(*scratch) {}
  // Returns an error message, or "" on success.
  std::string_view Decode(std::string_view call, Event* ev);

 private:
  std::string_view DecodeResult(std::string_view rest, Event* ev, std::string_view* annotation);
  void DecodeArgs(const SyscallInfo* info, std::string_view name, const ArgList& args,
                  std::string_view result_ann, Event* ev);
  Detail& NewDetail(Event* ev) {
    ev->detail = out_->AddDetail(Detail());
    return out_->details.back();
  }
  StrId InternString(std::string_view arg, bool* truncated) {
    if (!strace::ParseString(arg, &scratch_, truncated)) return kNoStr;
    return out_->strings.Intern(scratch_);
  }
  StrId ResolvePath(std::string_view arg, std::string_view dir_ann, Event* ev);

  EventBatch* out_;
  std::string& scratch_;
  std::string joined_;
};

std::string_view CallDecoder::DecodeResult(std::string_view rest, Event* ev, std::string_view* annotation) {
  *annotation = {};
  rest = StripSpaces(rest);
  if (!rest.starts_with("=")) return "no result after the argument list";
  rest = StripSpaces(rest.substr(1));
  // Drop the -T duration " <0.000123>" first: it is always last.
  if (rest.ends_with(">")) {
    size_t lt = rest.rfind(" <");
    if (lt != std::string_view::npos && lt + 2 < rest.size() && IsDigit(rest[lt + 2])) rest = StripSpaces(rest.substr(0, lt));
  }
  if (rest.starts_with("?")) {
    ev->flags |= kResultUnknown;
    rest = StripSpaces(rest.substr(1));
  } else {
    size_t end = 0;
    while (end < rest.size() && rest[end] != ' ' && rest[end] != '<') ++end;
    int64_t v = 0;
    if (!strace::ParseNumber(rest.substr(0, end), &v)) return "unreadable return value";
    if (v > INT32_MAX || v < INT32_MIN) {
      ev->flags |= kResultWide;
      v = v > 0 ? INT32_MAX : INT32_MIN;
    }
    ev->result = static_cast<int32_t>(v);
    rest = rest.substr(end);
    if (rest.starts_with("<")) {
      size_t gt = rest.rfind('>');
      if (gt == std::string_view::npos) return "unterminated fd annotation in the result";
      *annotation = rest.substr(1, gt - 1);
      rest = rest.substr(gt + 1);
    }
    rest = StripSpaces(rest);
  }
  // "ENOENT (No such file or directory)", "ERESTARTSYS (To be restarted ...)", or a
  // decoding "(Timeout)", "(flags O_RDONLY)".
  if (rest.size() > 1 && rest[0] == 'E' && rest[1] >= 'A' && rest[1] <= 'Z') {
    size_t sp = rest.find(' ');
    uint8_t err = ErrnoIndex(rest.substr(0, sp));
    ev->err = err;
    if (IsRestartErrno(err)) ev->flags |= kRestart;
  } else if (ev->result < 0 && ev->result >= -4095 && rest.starts_with("(errno ")) {
    ev->err = kErrnoUnknown;
  }
  return {};
}

StrId CallDecoder::ResolvePath(std::string_view arg, std::string_view dir_ann, Event* ev) {
  bool truncated = false;
  if (!strace::ParseString(arg, &scratch_, &truncated)) return kNoStr;
  if (truncated) ev->flags |= kTruncated;
  if (scratch_.empty() || scratch_.front() == '/' || dir_ann.empty() || dir_ann.front() != '/')
    return out_->strings.Intern(scratch_);
  joined_ = JoinPath(dir_ann, scratch_);
  return out_->strings.Intern(joined_);
}

void CallDecoder::DecodeArgs(const SyscallInfo* info, std::string_view name, const ArgList& args,
                             std::string_view result_ann, Event* ev) {
  std::string_view ann;
  int32_t fd = kNoFd;
  if (info == nullptr || info->layout == Layout::kGeneric) {
    if (strace::ParseFd(args.Get(0), &fd, &ann) && !ann.empty()) {
      ev->fd = fd;
      ev->str = out_->strings.Intern(ann);
    }
    return;
  }
  auto take_fd = [&](int index) {
    if (index >= 0 && strace::ParseFd(args.Get(index), &fd, &ann)) {
      ev->fd = fd;
      if (!ann.empty()) ev->str = out_->strings.Intern(ann);
    }
  };
  switch (info->layout) {
    case Layout::kGeneric:
      break;
    case Layout::kFdCall:
      take_fd(info->fd);
      break;
    case Layout::kFcntl: {
      take_fd(info->fd);
      std::string_view cmd = args.Get(1);
      if (cmd.starts_with("F_DUPFD")) ev->op = Op::kDup;
      break;
    }
    case Layout::kOpen:
    case Layout::kOpenAt: {
      std::string_view dir_ann;
      if (info->layout == Layout::kOpenAt && strace::ParseFd(args.Get(info->fd), &fd, &dir_ann)) ev->fd = fd;
      else ev->fd = kAtFdcwd;
      ev->str = ResolvePath(args.Get(info->path), dir_ann, ev);
      Detail& d = NewDetail(ev);
      if (!dir_ann.empty()) d.str3 = out_->strings.Intern(args.Get(info->fd));
      std::string_view flags = info->path2 >= 0 ? args.Get(info->path2) : std::string_view();
      if (flags.starts_with("{")) flags = strace::StructField(flags, "flags");  // openat2
      d.flags = info->path2 >= 0 ? ParseOpenFlags(flags) : (kOWrOnly | kOCreat | kOTrunc);  // creat
      int64_t mode = -1;
      std::string_view mode_arg = info->path2 >= 0 ? args.Get(info->path2 + 1) : args.Get(1);
      if (!mode_arg.starts_with("{") && strace::ParseNumber(mode_arg, &mode)) d.a = static_cast<int32_t>(mode);
      if (!result_ann.empty()) d.str2 = out_->strings.Intern(result_ann);
      break;
    }
    case Layout::kExec: {
      std::string_view dir_ann;
      int base = info->path;
      if (info->fd >= 0 && strace::ParseFd(args.Get(info->fd), &fd, &dir_ann)) ev->fd = fd;
      ev->str = ResolvePath(args.Get(base), dir_ann, ev);
      Detail& d = NewDetail(ev);
      std::string_view argv = args.Get(base + 1);
      std::string cmd;
      if (argv.size() >= 2 && argv.front() == '[') {
        ArgList items;
        strace::SplitArgs(argv.substr(1, argv.rfind(']') - 1), &items);
        for (int k = 0; k < items.count; ++k) {
          bool truncated = false;
          if (items.arg[k] == "...") {
            d.flags |= 1;
            continue;
          }
          if (!strace::ParseString(items.arg[k], &scratch_, &truncated)) continue;
          if (truncated) d.flags |= 1;
          if (!cmd.empty()) cmd.push_back(' ');
          cmd.append(scratch_);
        }
        // More than kMaxArgs elements: the tail was folded into the last item and unescaped
        // as one string; mark it so nobody trusts the exact argv split.
        if (items.count == strace::kMaxArgs) d.flags |= 2;
      }
      d.str2 = out_->strings.Intern(cmd);
      std::string_view env = args.Get(base + 2);
      size_t vars = env.find("/* ");
      int32_t n = -1;
      if (vars != std::string_view::npos) {
        std::string_view count = env.substr(vars + 3);
        (void)ParseInt(count.substr(0, count.find(' ')), &n);
      } else if (env.starts_with("[")) {
        ArgList items;
        strace::SplitArgs(env.substr(1, env.rfind(']') - 1), &items);
        n = items.count;
      }
      d.a = n;
      break;
    }
    case Layout::kClone: {
      Detail& d = NewDetail(ev);
      if (name == "fork") {
        d.flags = kCloneIsFork;
      } else if (name == "vfork") {
        d.flags = kCloneIsFork | kCloneVfork | kCloneVm;
      } else if (name == "clone3") {
        d.flags = ParseCloneFlags(strace::StructField(args.Get(0), "flags"));
      } else {
        for (int k = 0; k < args.count; ++k)
          if (args.arg[k].starts_with("flags=")) d.flags = ParseCloneFlags(args.arg[k].substr(6));
      }
      if (!(d.flags & kCloneThread)) d.flags |= kCloneIsFork;
      break;
    }
    case Layout::kSocket: {
      Detail& d = NewDetail(ev);
      std::string_view dom = args.Get(0);
      d.a = dom == "AF_INET" ? 2 : dom == "AF_INET6" ? 10 : (dom == "AF_UNIX" || dom == "AF_LOCAL") ? 1
          : dom == "AF_NETLINK" ? 16 : dom == "AF_PACKET" ? 17 : 0;
      std::string_view type = args.Get(1);
      d.b = type.starts_with("SOCK_STREAM") ? 1 : type.starts_with("SOCK_DGRAM") ? 2 : type.starts_with("SOCK_RAW") ? 3 : 0;
      if (!result_ann.empty()) d.str3 = out_->strings.Intern(result_ann);
      break;
    }
    case Layout::kAddrCall:
    case Layout::kMsgCall: {
      take_fd(info->fd);
      Detail& d = NewDetail(ev);
      std::string_view addr_arg = args.Get(info->path);
      if (info->layout == Layout::kMsgCall) addr_arg = strace::StructField(addr_arg, "msg_name");
      int family = 0, port = -1;
      if (strace::ParseSockaddr(addr_arg, &scratch_, &family, &port)) {
        d.str2 = out_->strings.Intern(scratch_);
        d.a = family;
        d.b = port;
      }
      if (!result_ann.empty()) d.str3 = out_->strings.Intern(result_ann);
      break;
    }
    case Layout::kListen: {
      take_fd(info->fd);
      int64_t backlog = -1;
      if (strace::ParseNumber(args.Get(1), &backlog)) NewDetail(ev).a = static_cast<int32_t>(backlog);
      break;
    }
    case Layout::kPath: {
      std::string_view dir_ann;
      if (info->fd >= 0 && strace::ParseFd(args.Get(info->fd), &fd, &dir_ann)) ev->fd = fd;
      std::string_view path_arg = args.Get(info->path);
      if (path_arg == "\"\"" && !dir_ann.empty()) {
        ev->str = out_->strings.Intern(dir_ann);  // AT_EMPTY_PATH: the fd itself
      } else {
        ev->str = ResolvePath(path_arg, dir_ann, ev);
      }
      if (info->path2 >= 0) {
        std::string_view dir2;
        // renameat/linkat: the second path is relative to its own dirfd (the argument
        // before it); symlink: the target is stored verbatim.
        int32_t fd2;
        if (info->path2 > 0 && ev->op != Op::kSymlink) (void)strace::ParseFd(args.Get(info->path2 - 1), &fd2, &dir2);
        Detail& d = NewDetail(ev);
        d.str2 = ev->op == Op::kSymlink ? ResolvePath(args.Get(info->path2), "", ev)
                                        : ResolvePath(args.Get(info->path2), dir2, ev);
        if (ev->op == Op::kSymlink) std::swap(ev->str, d.str2);  // str = link path, str2 = target
      }
      break;
    }
    case Layout::kSetId: {
      Detail& d = NewDetail(ev);
      int32_t* slots[3] = {&d.a, &d.b, &d.c};
      for (int k = 0; k < 3 && k < args.count; ++k) {
        int64_t v;
        if (strace::ParseNumber(args.arg[k], &v)) *slots[k] = static_cast<int32_t>(v);
      }
      break;
    }
    case Layout::kPrctl: {
      Detail& d = NewDetail(ev);
      std::string_view option = args.Get(0);
      ev->str = out_->strings.Intern(option);
      if (option == "PR_SET_NAME") {
        bool truncated;
        d.str2 = InternString(args.Get(1), &truncated);
      }
      break;
    }
    case Layout::kPtrace: {
      Detail& d = NewDetail(ev);
      ev->str = out_->strings.Intern(args.Get(0));
      int64_t pid;
      if (strace::ParseNumber(args.Get(name == "ptrace" ? 1 : 0), &pid)) d.a = static_cast<int32_t>(pid);
      break;
    }
    case Layout::kKill: {
      Detail& d = NewDetail(ev);
      int64_t pid;
      if (info->path >= 0 && strace::ParseNumber(args.Get(info->path), &pid)) d.a = static_cast<int32_t>(pid);
      if (info->fd >= 0) take_fd(info->fd);
      std::string_view sig = args.Get(info->path2);
      int64_t signo;
      if (strace::ParseNumber(sig, &signo)) d.b = static_cast<int32_t>(signo);
      else d.str2 = out_->strings.Intern(sig);  // "SIGTERM"
      break;
    }
    case Layout::kMem: {
      if (info->fd >= 0) {
        if (strace::ParseFd(args.Get(info->fd), &fd, &ann)) {
          ev->fd = fd;
          if (!ann.empty()) ev->str = out_->strings.Intern(ann);
        }
      }
      NewDetail(ev).flags = ParseProt(args.Get(info->path2));
      break;
    }
    case Layout::kMemfd: {
      bool truncated;
      ev->str = InternString(args.Get(0), &truncated);
      if (!result_ann.empty()) NewDetail(ev).str2 = out_->strings.Intern(result_ann);
      break;
    }
    case Layout::kDup:
      take_fd(0);
      break;
    case Layout::kPipe: {
      std::string_view arr = args.Get(info->path);
      if (arr.size() < 2 || arr.front() != '[') break;
      ArgList fds;
      strace::SplitArgs(arr.substr(1, arr.rfind(']') - 1), &fds);
      Detail& d = NewDetail(ev);
      int32_t a, b;
      if (strace::ParseFd(fds.Get(0), &a, &ann)) {
        d.a = a;
        if (!ann.empty()) d.str2 = out_->strings.Intern(ann);
      }
      if (strace::ParseFd(fds.Get(1), &b, &ann)) {
        d.b = b;
        if (!ann.empty()) d.str3 = out_->strings.Intern(ann);
      }
      break;
    }
    case Layout::kExitCall: {
      int64_t status;
      if (strace::ParseNumber(args.Get(0), &status)) NewDetail(ev).a = static_cast<int32_t>(status);
      break;
    }
    case Layout::kWait: {
      int64_t pid;
      if (strace::ParseNumber(args.Get(name == "waitid" ? 1 : 0), &pid)) NewDetail(ev).a = static_cast<int32_t>(pid);
      break;
    }
  }
}

std::string_view CallDecoder::Decode(std::string_view call, Event* ev) {
  size_t paren = 0;
  while (paren < call.size() && IsNameChar(call[paren])) ++paren;
  if (paren == 0 || paren >= call.size() || call[paren] != '(') return "not a system call line";
  std::string_view name = call.substr(0, paren);
  ev->name = out_->Name(name);
  ev->type = EventType::kSyscall;
  const SyscallInfo* info = strace::FindSyscall(name);
  ev->op = info ? info->op : Op::kOther;
  std::string_view after = call.substr(paren + 1);
  bool open_string = false;
  size_t close = strace::FindArgsEnd(after, &open_string);
  if (close == std::string_view::npos)
    return open_string ? "unterminated string in the arguments" : "unterminated argument list";
  std::string_view result_ann;
  std::string_view err = DecodeResult(after.substr(close + 1), ev, &result_ann);
  if (!err.empty()) return err;
  ArgList args;
  strace::SplitArgs(after.substr(0, close), &args);
  DecodeArgs(info, name, args, result_ann, ev);
  return {};
}

struct Pending {
  uint32_t event_index;
  uint32_t line_no;
  std::string_view line;  // the whole raw line; valid while the chunk is
  std::string owned;      // the line as rebuilt when strace split it (see Line())
  std::string_view text() const { return owned.empty() ? line : std::string_view(owned); }
};

// Parses one chunk; holds the per-chunk state (pending unfinished calls, scratch buffers).
class ChunkParser {
 public:
  ChunkParser(const FileContext& ctx, EventBatch* out) : ctx_(ctx), out_(out), decoder_(out, &scratch_) {}
  void Line(std::string_view line, uint32_t no);
  void Finish();

 private:
  Event Base(const LineParts& p, uint32_t no) {
    Event e;
    e.tid = p.tid;
    e.time_ns = p.time_ns;
    e.line = no;
    e.file = ctx_.file;
    if (p.timebase != Timebase::kNone) out_->timebase = p.timebase;
    return e;
  }
  void Push(const Event& e) {
    out_->events.push_back(e);
    ++out_->counters.events;
  }
  void CompleteCall(Event e, std::string_view call, std::string_view raw, uint32_t no);
  void Unfinished(const LineParts& p, std::string_view raw, uint32_t no, std::string owned = {});
  void Resumed(const LineParts& p, std::string_view raw, uint32_t no);
  void Signal(const LineParts& p, std::string_view raw, uint32_t no);
  void Exit(const LineParts& p, std::string_view raw, uint32_t no);
  void StraceMessage(const LineParts& p, std::string_view raw, uint32_t no);
  void Annotation() { ++out_->counters.annotations; }
  // strace writing to a terminal omits the [pid N] prefix on some lines of the first
  // process; a resumed half without a tid then belongs to the pending call of that name.
  absl::flat_hash_map<int32_t, Pending>::iterator FindByName(std::string_view resumed_body, int32_t tid) {
    size_t r = resumed_body.find(" resumed>");
    if (r == std::string_view::npos) return pending_.end();
    std::string_view name = resumed_body.substr(5, r - 5);
    auto best = pending_.end();
    for (auto it = pending_.begin(); it != pending_.end(); ++it) {
      if (tid != ctx_.default_tid && it->first != ctx_.default_tid) continue;  // both known, differ
      LineParts q;
      SplitLine(it->second.text(), ctx_.default_tid, &q);
      if (q.body.starts_with(name) && q.body.size() > name.size() && q.body[name.size()] == '(' &&
          (best == pending_.end() || it->second.line_no > best->second.line_no))
        best = it;
    }
    return best;
  }

  const FileContext& ctx_;
  EventBatch* out_;
  std::string scratch_;
  std::string joined_;
  CallDecoder decoder_;
  absl::flat_hash_map<int32_t, Pending> pending_;
};

void ChunkParser::CompleteCall(Event e, std::string_view call, std::string_view raw, uint32_t no) {
  std::string_view err = decoder_.Decode(call, &e);
  if (ABSL_PREDICT_FALSE(!err.empty())) {
    out_->Report(no, err, raw);
    return;
  }
  ++out_->counters.syscalls;
  if (e.err != 0) ++out_->counters.errors;
  Push(e);
}

void ChunkParser::Unfinished(const LineParts& p, std::string_view raw, uint32_t no, std::string owned) {
  Event e = Base(p, no);
  std::string_view body = p.body;
  size_t paren = body.find('(');
  e.name = out_->Name(body.substr(0, paren == std::string_view::npos ? 0 : paren));
  const SyscallInfo* info = paren == std::string_view::npos ? nullptr : strace::FindSyscall(body.substr(0, paren));
  e.op = info ? info->op : Op::kOther;
  e.type = EventType::kUnfinished;
  if (auto it = pending_.find(p.tid); it != pending_.end()) {
    // A second unfinished call of the same thread without a resume: the first never
    // finished (the thread was killed, or lines were lost). Keep it as unfinished.
    out_->fragments.push_back({it->second.event_index, p.tid, true, std::string(it->second.text())});
  }
  pending_[p.tid] = {static_cast<uint32_t>(out_->events.size()), no, raw, std::move(owned)};
  ++out_->counters.unfinished;
  Push(e);
}

// Joins "name(a, b <unfinished ...>" and "<... name resumed>c) = 0" into "name(a, b c) = 0".
bool JoinHalves(std::string_view first_body, std::string_view second_body, std::string* out) {
  size_t u = first_body.rfind(kUnfinished);
  if (u == std::string_view::npos) return false;
  std::string_view head = first_body.substr(0, u);
  while (!head.empty() && head.back() == ' ') head.remove_suffix(1);
  size_t r = second_body.find(" resumed>");
  if (!second_body.starts_with("<... ") || r == std::string_view::npos) return false;
  std::string_view tail = second_body.substr(r + 9);
  out->assign(head);
  // strace prints the first half up to the last complete argument, with its comma; the
  // second half starts right after. A space keeps "a, b" readable; the splitter trims it.
  if (!tail.empty() && tail.front() != ')' && !head.empty() && head.back() == ',') out->push_back(' ');
  out->append(tail);
  return true;
}

void ChunkParser::Resumed(const LineParts& p, std::string_view raw, uint32_t no) {
  auto it = pending_.find(p.tid);
  if (it == pending_.end()) it = FindByName(p.body, p.tid);
  if (it == pending_.end()) {
    // The unfinished half is in an earlier chunk (or before the trace started).
    Event e = Base(p, no);
    size_t r = p.body.find(" resumed>");
    e.name = out_->Name(r == std::string_view::npos ? std::string_view() : p.body.substr(5, r - 5));
    e.type = EventType::kResumed;
    out_->fragments.push_back({static_cast<uint32_t>(out_->events.size()), p.tid, false, std::string(raw)});
    Push(e);
    return;
  }
  Pending pend = it->second;
  pending_.erase(it);
  LineParts first;
  SplitLine(pend.text(), ctx_.default_tid, &first);
  if (!JoinHalves(first.body, p.body, &joined_)) {
    out_->Report(no, "resumed call does not match its unfinished half", raw);
    return;
  }
  Event e = out_->events[pend.event_index];
  if (e.tid == ctx_.default_tid) e.tid = p.tid;  // the resumed half named the thread
  e.type = EventType::kSyscall;
  e.flags |= kStitched;
  std::string_view err = decoder_.Decode(joined_, &e);
  if (!err.empty()) {
    out_->Report(no, err, raw);
    return;
  }
  out_->events[pend.event_index] = e;
  out_->stitches.emplace_back(pend.event_index, no);
  --out_->counters.unfinished;
  ++out_->counters.stitched;
  ++out_->counters.syscalls;
  if (e.err != 0) ++out_->counters.errors;
}

// "--- SIGCHLD {si_signo=SIGCHLD, si_code=CLD_EXITED, si_pid=91, ...} ---"
// "--- stopped by SIGSTOP ---"
void ChunkParser::Signal(const LineParts& p, std::string_view raw, uint32_t no) {
  std::string_view s = p.body.substr(4);
  if (s.ends_with(" ---")) s.remove_suffix(4);
  Event e = Base(p, no);
  e.type = EventType::kSignal;
  Detail d;
  if (s.starts_with("stopped by ")) {
    e.name = out_->Name(s.substr(11));
    d.str2 = out_->strings.Intern("stopped");
  } else {
    size_t sp = s.find(' ');
    e.name = out_->Name(s.substr(0, sp));
    std::string_view info = sp == std::string_view::npos ? std::string_view() : StripSpaces(s.substr(sp));
    int64_t v;
    if (strace::ParseNumber(strace::StructField(info, "si_pid"), &v)) d.a = static_cast<int32_t>(v);
    if (strace::ParseNumber(strace::StructField(info, "si_uid"), &v)) d.b = static_cast<int32_t>(v);
    if (strace::ParseNumber(strace::StructField(info, "si_status"), &v)) d.c = static_cast<int32_t>(v);
    e.str = out_->strings.Intern(strace::StructField(info, "si_code"));
  }
  if (out_->names.View(e.name).empty() || !out_->names.View(e.name).starts_with("SIG")) {
    out_->Report(no, "unreadable signal line", raw);
    return;
  }
  e.detail = out_->AddDetail(d);
  ++out_->counters.signals;
  Push(e);
}

// "+++ exited with 0 +++", "+++ killed by SIGKILL +++", "+++ killed by SIGSEGV (core dumped) +++"
void ChunkParser::Exit(const LineParts& p, std::string_view raw, uint32_t no) {
  std::string_view s = p.body.substr(4);
  if (s.ends_with(" +++")) s.remove_suffix(4);
  Event e = Base(p, no);
  if (s.starts_with("exited with ")) {
    int32_t code;
    if (!ParseInt(s.substr(12), &code)) {
      out_->Report(no, "unreadable exit status", raw);
      return;
    }
    e.type = EventType::kExited;
    e.result = code;
  } else if (s.starts_with("killed by ")) {
    std::string_view sig = s.substr(10);
    sig = sig.substr(0, sig.find(' '));
    e.type = EventType::kKilled;
    e.name = out_->Name(sig);
    e.result = -1;
  } else {
    out_->Report(no, "unknown +++ line", raw);
    return;
  }
  ++out_->counters.exits;
  Push(e);
}

// "strace: Process 35 attached", "strace: Process 35 detached"; other strace messages
// (warnings, "strace: Process 12 attached with 3 threads") are annotations.
void ChunkParser::StraceMessage(const LineParts& p, std::string_view raw, uint32_t no) {
  std::string_view s = p.body.substr(8);
  if (s.starts_with("Process ")) {
    std::string_view rest = s.substr(8);
    size_t sp = rest.find(' ');
    int32_t tid;
    if (sp != std::string_view::npos && ParseInt(rest.substr(0, sp), &tid)) {
      std::string_view what = rest.substr(sp + 1);
      if (what.starts_with("attached") || what.starts_with("detached")) {
        LineParts q = p;
        q.tid = tid;
        Event e = Base(q, no);
        e.type = what.starts_with("attached") ? EventType::kAttached : EventType::kDetached;
        Push(e);
        return;
      }
    }
  }
  Annotation();
}

void ChunkParser::Line(std::string_view line, uint32_t no) {
  ++out_->counters.lines;
  if (line.empty()) return;
  if (line.starts_with(" > ")) {  // -k stack frame
    Annotation();
    return;
  }
  LineParts p;
  SplitLine(line, ctx_.default_tid, &p);
  std::string_view b = p.body;
  if (ABSL_PREDICT_FALSE(b.empty())) {
    out_->Report(no, "line has a prefix but no content", line);
    return;
  }
  switch (b.front()) {
    case '-':
      if (b.starts_with("--- ")) return Signal(p, line, no);
      break;
    case '+':
      if (b.starts_with("+++ ")) return Exit(p, line, no);
      break;
    case '<':
      if (b.starts_with("<... ")) return Resumed(p, line, no);
      if (b == kUnfinished) return Annotation();  // the tail of a call cut by "attached"
      if (b.starts_with(kDetached)) {
        Event e = Base(p, no);
        e.type = EventType::kDetached;
        return Push(e);
      }
      break;
    case '[':
      if (b.starts_with("[ Process PID=")) return Annotation();
      break;
    case 's':
      if (b.starts_with("strace: ")) return StraceMessage(p, line, no);
      break;
    default:
      break;
  }
  if (IsNameChar(b.front())) {
    if (b.ends_with(kUnfinished)) return Unfinished(p, line, no);
    // Writing to a terminal, strace may cut a call short to announce a new process:
    //   vfork(strace: Process 7553 attached
    //    <unfinished ...>
    // The call is an unfinished half; the announcement an attach; the next line is noise.
    if (size_t k = b.find("strace: Process "); k != std::string_view::npos && k > 0) {
      LineParts msg = p;
      msg.body = b.substr(k);
      StraceMessage(msg, line, no);
      std::string rebuilt(line.substr(0, static_cast<size_t>(b.data() - line.data()) + k));
      rebuilt.append(kUnfinished);
      LineParts call = p;
      return Unfinished(call, line, no, std::move(rebuilt));
    }
    if (b.ends_with(kDetached)) {
      Event e = Base(p, no);
      e.type = EventType::kDetached;
      size_t paren = b.find('(');
      e.name = out_->Name(paren == std::string_view::npos ? std::string_view() : b.substr(0, paren));
      return Push(e);
    }
    return CompleteCall(Base(p, no), b, line, no);
  }
  out_->Report(no, "not a strace line", line);
}

void ChunkParser::Finish() {
  for (const auto& [tid, pend] : pending_)
    out_->fragments.push_back({pend.event_index, tid, true, std::string(pend.text())});
  // Fragments in line order, so the engine pairs them in file order.
  std::sort(out_->fragments.begin(), out_->fragments.end(),
            [](const Fragment& a, const Fragment& b) { return a.event_index < b.event_index; });
}

}  // namespace

void StraceParser::ParseChunk(const FileContext& ctx, const Chunk& chunk, EventBatch* out) const {
  ChunkParser parser(ctx, out);
  ForEachLine(chunk.text, [&](std::string_view line, uint32_t no) { parser.Line(line, no); });
  parser.Finish();
}

bool StraceParser::JoinFragments(const FileContext& ctx, std::string_view unfinished_line,
                                 std::string_view resumed_line, EventBatch* out) const {
  LineParts first, second;
  SplitLine(unfinished_line, ctx.default_tid, &first);
  SplitLine(resumed_line, ctx.default_tid, &second);
  std::string joined, scratch;
  if (!JoinHalves(first.body, second.body, &joined)) return false;
  Event e;
  e.tid = first.tid;
  e.time_ns = first.time_ns;
  e.file = ctx.file;
  CallDecoder decoder(out, &scratch);
  if (!decoder.Decode(joined, &e).empty()) return false;
  e.flags |= kStitched;
  out->events.push_back(e);
  return true;
}

}  // namespace rundown
