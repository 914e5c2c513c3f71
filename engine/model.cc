#include "engine/model.h"

#include <algorithm>
#include <array>
#include <memory>
#include <span>
#include <thread>

#include "parsers/text_util.h"
#include "engine/path_classifier.h"
#include "oneapi/tbb/parallel_for.h"
#include "oneapi/tbb/task_arena.h"
#include "parsers/address.h"
#include "parsers/env_hooks.h"
#include "parsers/errno_table.h"
#include "parsers/path_util.h"
#include "absl/functional/function_ref.h"
#include "re2/re2.h"

namespace rundown {

std::string_view PathClassName(PathClass c) {
  switch (c) {
    case PathClass::kApp: return "app";
    case PathClass::kSystem: return "system";
    case PathClass::kHome: return "home";
    case PathClass::kTemp: return "temp";
    case PathClass::kSensitive: return "sensitive";
    case PathClass::kOther: return "other";
  }
  return "other";
}

std::string_view NetClassName(NetClass c) {
  switch (c) {
    case NetClass::kLoopback: return "loopback";
    case NetClass::kPrivate: return "private";
    case NetClass::kLinkLocal: return "link-local";
    case NetClass::kExternal: return "external";
    case NetClass::kUnspecified: return "unspecified";
    case NetClass::kUnix: return "unix";
    case NetClass::kNetlink: return "netlink";
    case NetClass::kUnknown: return "unknown";
  }
  return "unknown";
}

bool Model::IsStartExec(EventIndex i) const {
  return std::binary_search(start_execs_.begin(), start_execs_.end(), i);
}

bool Model::InLaunch(EventIndex i) const {
  const ProcIndex p = event_proc_[i];
  if (p == kNoProc) return false;
  if (processes_[p].launcher) return true;
  if (p == target_ && target_ != root_) return Before(i, target_start_);  // the wrapper's set-up
  if (p != root_) return false;
  return root_launches_ || (launch_end_ != kNoEvent && Before(i, launch_end_));
}

bool Model::Before(EventIndex a, EventIndex b) const {
  const int64_t ta = store_->event(a).time_ns, tb = store_->event(b).time_ns;
  return ta != kNoTime && tb != kNoTime ? ta < tb : a < b;  // no timestamps: file order
}

ProcIndex Model::FindPid(int32_t pid) const {
  auto it = by_pid_.find(pid);
  return it == by_pid_.end() ? kNoProc : it->second;
}

bool Model::IsThread(int32_t tid) const { return thread_of_.contains(tid); }

StrId Model::FdTarget(EventIndex i) const {
  const Event& e = store_->event(i);
  if (e.fd < 0) return kNoStr;
  if (e.str != kNoStr && e.type == EventType::kSyscall) return e.str;
  auto it = fd_target_.find(i);
  return it == fd_target_.end() ? kNoStr : it->second;
}

const FileSummary* Model::FindFile(StrId path) const {
  auto it = file_index_.find(path);
  return it == file_index_.end() ? nullptr : &files_[it->second];
}

namespace {
// Time order with the store's order breaking ties: calls within the clock's resolution (strace
// -t prints seconds) are still ordered by line, which within one trace file is their order.
// Unlike Model::Before it is a strict weak order (events without a time come first), so it
// can sort.
bool EarlierEvent(const EventStore& s, EventIndex a, EventIndex b) {
  const int64_t ta = s.event(a).time_ns, tb = s.event(b).time_ns;
  return ta != tb ? ta < tb : a < b;
}
}  // namespace

bool Model::MadeByRun(StrId path, EventIndex i) const {
  const FileSummary* f = FindFile(path);
  if (f == nullptr) return false;
  for (const auto& [made, gone] : f->made)
    if (!EarlierEvent(*store_, i, made) && (gone == kNoEvent || !EarlierEvent(*store_, gone, i))) return true;
  return false;
}

PathClass Model::ClassifyPath(std::string_view path) const { return PathClassifier(app_dir_).Classify(path); }

const SourceCoverage& Model::coverage(SourceKind k) const {
  for (const SourceCoverage& c : coverage_)
    if (c.kind == k) return c;
  static const SourceCoverage kNone;
  return kNone;
}

namespace {

NetClass FromAddressClass(AddressClass c) {
  switch (c) {
    case AddressClass::kLoopback: return NetClass::kLoopback;
    case AddressClass::kPrivate: return NetClass::kPrivate;
    case AddressClass::kLinkLocal: return NetClass::kLinkLocal;
    case AddressClass::kExternal: return NetClass::kExternal;
    case AddressClass::kUnspecified: return NetClass::kUnspecified;
    case AddressClass::kUnix: return NetClass::kUnix;
    case AddressClass::kNetlink: return NetClass::kNetlink;
    case AddressClass::kUnknown: return NetClass::kUnknown;
  }
  return NetClass::kUnknown;
}

// Classifies an address as the parsers format it: "1.2.3.4:80", "[::1]:3000", "/run/x",
// "@abstract", "netlink:0".
NetClass ClassifyAddress(std::string_view addr, int* port) {
  *port = -1;
  if (addr.empty()) return NetClass::kUnknown;
  if (addr.front() == '/' || addr.front() == '@') return NetClass::kUnix;
  if (addr.starts_with("netlink")) return NetClass::kNetlink;
  std::string_view host;
  if (!SplitHostPort(addr, &host, port)) host = addr;
  return FromAddressClass(ClassifyHost(host));
}

bool IsStrace(const EventStore& s, const Event& e) { return s.file(e.file).kind == SourceKind::kStrace; }

bool IsCallOk(const Event& e) { return e.err == 0 && !(e.flags & kResultUnknown) && e.result >= 0; }

// Errnos of connect(2) that leave the connection being made: EINPROGRESS (non-blocking), and
// EINTR or a restart (a blocking connect interrupted by a signal goes on asynchronously).
// "= ?" too: the process was killed while a blocking connect waited for the peer's answer
// (a listener whose backlog is full, a filtered address); it neither connected nor failed.
bool LeavesConnectPending(const Event& e) {
  static const uint8_t kInProgress = ErrnoIndex("EINPROGRESS"), kIntr = ErrnoIndex("EINTR"),
                       kAlready = ErrnoIndex("EALREADY");
  return e.err == kInProgress || e.err == kIntr || e.err == kAlready || (e.flags & (kRestart | kResultUnknown)) != 0;
}

// An accept that took no connection: a non-blocking listener polled with none pending
// (EAGAIN, as asyncio, libuv and Java NIO drain their listeners), or a wait interrupted by a
// signal. Neither is a failed connection.
bool AcceptFoundNothing(const Event& e) {
  static const uint8_t kAgain = ErrnoIndex("EAGAIN"), kIntr = ErrnoIndex("EINTR");
  return e.err == kAgain || e.err == kIntr || (e.flags & kRestart) != 0 || (e.flags & kResultUnknown) != 0;
}

// Errnos with which a transfer on a socket still connecting reports that the connection
// was never made (the pending error, as SO_ERROR would have read it).
bool IsConnectRefusal(uint8_t err) {
  static const uint8_t kRefusals[] = {ErrnoIndex("ECONNREFUSED"), ErrnoIndex("ETIMEDOUT"), ErrnoIndex("EHOSTUNREACH"),
                                      ErrnoIndex("ENETUNREACH"), ErrnoIndex("EHOSTDOWN")};
  return err != 0 && std::find(std::begin(kRefusals), std::end(kRefusals), err) != std::end(kRefusals);
}

// How a connect call itself ended; kUnknown while it is in progress.
void InitialOutcome(const Event& e, Endpoint* ep) {
  static const uint8_t kIsConn = ErrnoIndex("EISCONN");
  if (e.type != EventType::kSyscall) return;
  if (IsCallOk(e) || e.err == kIsConn) {
    ep->outcome = ConnectOutcome::kConnected;
  } else if (LeavesConnectPending(e)) {
    ep->outcome = ConnectOutcome::kUnknown;
  } else {
    ep->outcome = ConnectOutcome::kFailed;
    ep->outcome_err = e.err;
  }
}

// The address inside a -yy annotation: "TCP:[127.0.0.1:3001->127.0.0.1:52216]" gives the
// peer "127.0.0.1:52216"; "TCP:[0.0.0.0:3001]" gives the local "0.0.0.0:3001".
std::string_view AnnotationAddress(std::string_view ann, bool want_peer) {
  size_t open = ann.find(":[");
  if (open == std::string_view::npos || ann.back() != ']') return {};
  std::string_view inner = ann.substr(open + 2, ann.size() - open - 3);
  size_t arrow = inner.find("->");
  if (arrow == std::string_view::npos) return want_peer ? std::string_view() : inner;
  return want_peer ? inner.substr(arrow + 2) : inner.substr(0, arrow);
}

bool FdIsDirfd(Op op) {
  switch (op) {
    case Op::kOpen: case Op::kUnlink: case Op::kRename: case Op::kMkdir: case Op::kRmdir:
    case Op::kChmod: case Op::kChown: case Op::kLink: case Op::kSymlink: case Op::kExec:
      return true;
    default:
      return false;
  }
}

// Calls whose `str` is a path argument, not an fd annotation: those whose fd is a directory
// (FdIsDirfd), plus stat, truncate, utime and xattr, whose f-forms carry an fd instead (see
// event.h), and the mount calls.
bool IsPathCall(Op op) {
  return FdIsDirfd(op) || op == Op::kStat || op == Op::kTruncate || op == Op::kUtime || op == Op::kMount ||
         op == Op::kXattr;
}

std::string_view StripAtFdcwd(std::string_view s) {
  if (s.starts_with("AT_FDCWD<") && s.ends_with(">")) return s.substr(9, s.size() - 10);
  return s;
}


// Programs that set up the environment and then replace themselves with the next program
// of the command line (env, nice, setsid), or fork it and wait for it (timeout, time, flock,
// script -c, sudo, xvfb-run): the reviewer's launch chain, not the target.
bool IsShell(std::string_view path) {
  static constexpr std::string_view kShells[] = {"sh", "bash", "dash", "zsh", "ksh", "ash", "busybox"};
  const std::string_view name = Basename(path);
  for (std::string_view s : kShells)
    if (name == s) return true;
  return false;
}

bool IsLauncherProgram(std::string_view path) {
  static constexpr std::string_view kLaunchers[] = {
      "env", "unshare", "nsenter", "sudo", "su", "runuser", "setpriv", "setsid", "setuidgid", "gosu",
      "su-exec", "doas", "capsh", "chroot", "timeout", "nice", "ionice", "taskset", "chrt", "numactl",
      "prlimit", "stdbuf", "firejail", "bwrap", "tini", "dumb-init", "catatonit", "xvfb-run", "chpst",
      "setarch", "linux32", "linux64", "nohup", "time", "flock", "script",
      // The Erlang runtime's start: escript execs erl (a shell script), which execs erlexec,
      // which execs the emulator beam.smp, the program (testdata/cases/erlang_escript_kv).
      "escript", "erl", "erlexec"};
  if (IsShell(path)) return true;
  const std::string_view name = Basename(path);
  for (std::string_view l : kLaunchers)
    if (name == l) return true;
  return false;
}

uint32_t CallClassOf(Op op) {
  switch (op) {
    case Op::kMmap: case Op::kMprotect:
      return kCallsMemory;
    case Op::kExec: case Op::kClone:
      return kCallsProcess;
    case Op::kOpen: case Op::kStat: case Op::kUnlink: case Op::kRename: case Op::kMkdir: case Op::kRmdir:
    case Op::kChmod: case Op::kChown: case Op::kLink: case Op::kSymlink: case Op::kTruncate:
    case Op::kMount: case Op::kUtime: case Op::kXattr:
      return kCallsFile;
    case Op::kSocket: case Op::kConnect: case Op::kBind: case Op::kListen: case Op::kAccept: case Op::kSend:
    case Op::kRecv:
      return kCallsNetwork;
    default:
      return 0;
  }
}

// The words of a command line as strace and ps print it (argv joined by single spaces).
std::vector<std::string_view> Words(std::string_view cmdline) {
  std::vector<std::string_view> out;
  for (size_t start = 0; start < cmdline.size();) {
    size_t end = std::min(cmdline.find(' ', start), cmdline.size());
    if (end > start) out.push_back(cmdline.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

// The CallClass bits whose calls strace's `-e trace=SPEC` traces whole (its last -e trace=
// wins, as strace 6.1 has it). SPEC is a comma list of syscall names, %classes, "all", "none",
// `?name` and `/regex` (POSIX extended, searched in the name), the whole set negated by a
// leading "!". A class is held when SPEC names it (%network, network, %net) or every one of
// its key calls; a negated SPEC holds every class none of whose key calls it names. A class
// token the table does not know is taken to hold no class (and, negated, to leave out every
// one): the answer errs to "not assessed".
uint32_t ClassesOfTraceSpec(std::string_view spec) {
  struct Class {
    uint32_t bit;
    std::vector<std::string_view> tokens;  // class names that hold it whole
    std::vector<std::string_view> keys;    // the calls that show its absence
  };
  static const Class kClasses[] = {
      {kCallsMemory, {"%memory", "memory"}, {"mmap", "mprotect"}},
      // -f follows children whatever is traced: the execs show what ran.
      {kCallsProcess, {"%process", "process", "%file", "file"}, {"execve"}},
      {kCallsFile, {"%file", "file"}, {"open", "openat", "creat", "unlink", "unlinkat", "rename", "renameat",
                                       "renameat2"}},
      {kCallsNetwork, {"%network", "network", "%net"}, {"socket", "connect", "bind", "listen", "accept", "accept4",
                                                         "sendto", "sendmsg"}},
  };
  bool negated = false;
  while (spec.starts_with('!')) {
    negated = !negated;
    spec.remove_prefix(1);
  }
  std::vector<std::string_view> tokens;
  for (size_t start = 0; start <= spec.size();) {
    size_t end = std::min(spec.find(',', start), spec.size());
    std::string_view t = spec.substr(start, end - start);
    if (t.starts_with('?')) t.remove_prefix(1);
    if (!t.empty()) tokens.push_back(t);
    start = end + 1;
  }
  // A class token no entry of the table holds ("%desc", "ipc", "signal"): it may hold any key.
  bool unknown = false;
  for (std::string_view t : tokens) {
    bool known = false;
    for (const Class& c : kClasses) known |= std::find(c.tokens.begin(), c.tokens.end(), t) != c.tokens.end();
    unknown |= (t.starts_with('%') || t == "desc" || t == "ipc" || t == "signal") && !known;
  }
  // Each /regex token compiled once, as POSIX syntax (strace's is extended POSIX; what RE2
  // cannot read, a back-reference, names no call).
  RE2::Options posix;
  posix.set_posix_syntax(true);
  posix.set_log_errors(false);
  std::vector<std::unique_ptr<RE2>> regexes(tokens.size());
  for (size_t k = 0; k < tokens.size(); ++k)
    if (tokens[k].starts_with('/')) regexes[k] = std::make_unique<RE2>(tokens[k].substr(1), posix);
  // Whether token k names call `key`: its name, a regex that finds it, or "all".
  auto names = [&](size_t k, std::string_view key) {
    if (tokens[k] == "all") return true;
    if (regexes[k]) return regexes[k]->ok() && RE2::PartialMatch(key, *regexes[k]);
    return tokens[k] == key;
  };
  uint32_t out = 0;
  for (const Class& c : kClasses) {
    size_t keys_named = 0;
    for (std::string_view key : c.keys) {
      bool named = false;
      for (size_t k = 0; k < tokens.size(); ++k) named |= names(k, key);
      keys_named += named;
    }
    bool is_class = false;
    for (std::string_view t : tokens) is_class |= std::find(c.tokens.begin(), c.tokens.end(), t) != c.tokens.end();
    const bool whole = is_class || keys_named == c.keys.size();
    const bool some = is_class || keys_named > 0;
    if (negated ? !some && !unknown : whole) out |= c.bit;
  }
  return out & kCallsAll;
}

// What a ps row says of the strace that wrote this trace: whether it is that strace (its -p
// list names the traced root, or the command it ran is the root's), whether it attached to a
// running program (-p, --attach), and whether it ran with anything that leaves calls out
// (-e trace=, -P, -z/-Z, --status=, --trace-fds=).
struct TracerRow {
  bool ours = false, attached = false, filtered = false;
  // The last -e trace= SPEC, when it is the only filter (no -P, -z, --status= ...).
  std::string_view trace_spec;
  bool other_filter = false;
};
TracerRow ReadTracerRow(std::string_view ps_cmd, int32_t root_pid, std::string_view root_cmd) {
  TracerRow out;
  const std::vector<std::string_view> w = Words(ps_cmd);
  if (w.empty() || Basename(w[0]) != "strace") return out;
  // -e qualifiers that change how calls are printed, not which.
  static constexpr std::string_view kPrintOnly[] = {"signal", "signals", "s", "abbrev", "a", "verbose", "v",
                                                    "raw", "x", "read", "r", "write", "w", "quiet", "q",
                                                    "silent", "silence", "decode-fds", "decode-pids", "kvm",
                                                    "inject", "fault"};
  auto filters = [&](std::string_view e_arg) {
    const size_t eq = e_arg.find('=');
    if (eq == std::string_view::npos) return true;  // `-e open`: trace=open
    const std::string_view q = e_arg.substr(0, eq);
    return std::find(std::begin(kPrintOnly), std::end(kPrintOnly), q) == std::end(kPrintOnly);
  };
  const std::string pid = std::to_string(root_pid);
  size_t k = 1;
  for (; k < w.size() && w[k].size() > 1 && w[k][0] == '-'; ++k) {
    const std::string_view opt = w[k];
    if (opt == "--") {
      ++k;
      break;
    }
    if (opt.starts_with("--")) {
      const size_t eq = opt.find('=');
      const std::string_view name = opt.substr(2, eq == opt.npos ? opt.npos : eq - 2);
      const bool other = name == "trace-path" || name == "trace-fds" || name == "status" ||
                         name == "successful-only" || name == "failed-only";
      if (other || name == "trace") out.filtered = true;
      if (other) out.other_filter = true;
      if (name == "trace" && eq != opt.npos) out.trace_spec = opt.substr(eq + 1);
      if (name == "attach" && eq != opt.npos && opt.substr(eq + 1) == pid) out.attached = true;
      continue;  // "--opt value" forms of the printing options are not told apart: harmless
    }
    for (size_t c = 1; c < opt.size(); ++c) {
      const char ch = opt[c];
      if (ch == 'z' || ch == 'Z') out.filtered = out.other_filter = true;
      if (std::string_view("abeEIoOpPsSuUX").find(ch) == std::string_view::npos) continue;
      std::string_view arg = opt.substr(c + 1);
      if (arg.empty() && k + 1 < w.size()) arg = w[++k];
      if (ch == 'P') out.filtered = out.other_filter = true;
      if (ch == 'e' && filters(arg)) {
        out.filtered = true;
        const size_t eq = arg.find('=');
        const std::string_view q = eq == arg.npos ? "trace" : arg.substr(0, eq);
        if (q == "trace" || q == "t") out.trace_spec = eq == arg.npos ? arg : arg.substr(eq + 1);
        else out.other_filter = true;
      }
      if (ch == 'p' && arg == pid) out.attached = true;
      break;
    }
  }
  std::string rest;
  for (; k < w.size(); ++k) {
    if (!rest.empty()) rest += ' ';
    rest += w[k];
  }
  out.ours = out.attached || (!root_cmd.empty() && rest == root_cmd);
  return out;
}

// The options of a program that take their value as the next word (`python3 -X dev -W error
// app.py`, `node --require ./hook.js app.js`, `npm --prefix DIR install`, `yarn --cwd DIR`,
// `pnpm -C DIR start`): that word is no operand. `--opt=value` and `-Xdev` are one word and
// need no entry; an option not listed is taken for a flag.
bool TakesValue(std::string_view program, std::string_view option) {
  static constexpr std::string_view kPython[] = {"-X", "-W", "--check-hash-based-pycs"};
  static constexpr std::string_view kNode[] = {
      "-r", "--require", "--import", "--loader", "--experimental-loader", "--inspect-port", "--title",
      "--input-type", "-C", "--conditions", "--env-file", "--openssl-config", "--icu-data-dir", "--redirect-warnings"};
  static constexpr std::string_view kNpm[] = {
      "--prefix", "-C", "--workspace", "-w", "--userconfig", "--globalconfig", "--cache", "--registry",
      "--loglevel", "--script-shell", "--tag", "--otp", "--omit", "--include", "--install-strategy"};
  static constexpr std::string_view kYarn[] = {"--cwd", "--modules-folder", "--cache-folder", "--mutex",
                                               "--network-timeout", "--registry", "--use-yarnrc"};
  static constexpr std::string_view kPnpm[] = {"-C", "--dir", "--filter", "-F", "--reporter", "--store-dir",
                                               "--loglevel", "--registry"};
  auto in = [&](const auto& list) { return std::find(std::begin(list), std::end(list), option) != std::end(list); };
  const std::string_view name = Basename(program);
  if (name.starts_with("python")) return in(kPython);
  if (name == "node" || name == "nodejs") return in(kNode);
  if (name == "npm" || name == "npm-cli.js") return in(kNpm);
  if (name == "yarn" || name == "yarn.js" || name == "yarnpkg") return in(kYarn);
  if (name == "pnpm" || name == "pnpm.cjs" || name == "pnpm.js") return in(kPnpm);
  return false;
}

// The index of the first operand of words[program]'s command line (the first word after it
// that is neither an option nor an option's value, TakesValue), or words.size().
size_t FirstOperand(const std::vector<std::string_view>& words, size_t program) {
  for (size_t k = program + 1; k < words.size(); ++k) {
    if (words[k].front() != '-') return k;
    if (TakesValue(words[program], words[k])) ++k;
  }
  return words.size();
}

// The script an interpreter was given: its first operand ("app.js" in "node --inspect app.js",
// "app.py" in "python3 -X dev app.py"), or "".
std::string_view ScriptArgument(std::string_view cmdline) {
  const std::vector<std::string_view> words = Words(cmdline);
  const size_t k = words.empty() ? 0 : FirstOperand(words, 0);
  return k < words.size() ? words[k] : std::string_view();
}

// An option before the script argument of `cmdline` (ScriptArgument) gives code or a module
// instead of a script: a short option with a c, e or m (`perl -e`, `python3 -m ensurepip`), a
// shell's with a c (`sh -c CMD`, `bash -ec CMD`; `bash -e run.sh` runs run.sh). Options after
// the script are the script's (`hits.sh --check`).
bool CodeBeforeScript(std::string_view cmdline, std::string_view script) {
  const std::vector<std::string_view> words = Words(cmdline.substr(0, script.data() - cmdline.data()));
  const char* letters = !words.empty() && IsShell(words[0]) ? "c" : "cem";
  for (std::string_view w : words)
    if (w.size() >= 2 && w[0] == '-' && w[1] != '-' && w.find_first_of(letters) != std::string_view::npos) return true;
  return false;
}

// The exec after a script's shows its interpreter taking over ("#!/usr/bin/env node" makes
// /usr/bin/npm become `node /usr/bin/npm start`; a pyenv shim `bash .../shims/python3`):
// the script's path is one of the next command line's arguments.
bool RunsScript(std::string_view next_cmdline, std::string_view script) {
  const std::vector<std::string_view> words = Words(next_cmdline);
  return !script.empty() && std::find(words.begin() + std::min<size_t>(1, words.size()), words.end(), script) !=
                                words.end();
}

// A shell given a command string: `sh -c CMD`, `bash -ec CMD` (its first argument an option
// with a c, and a word after it).
bool HasCommandString(std::string_view cmdline) {
  const std::vector<std::string_view> words = Words(cmdline);
  return words.size() >= 3 && IsShell(words[0]) && words[1].front() == '-' && words[1].find('c') != std::string_view::npos;
}

// The exec (its command line `cmdline`) runs the command a wrapper was given (`wrapper`, the
// wrapper's command line): the wrapper's last arguments as they are (`timeout 1 python3 x.py`
// forks `python3 x.py`), or a shell's `-c` with a command string the wrapper was given
// (`script -qc "python3 x.py" /dev/null` forks `bash -c python3 x.py`).
bool RunsWrappedCommand(std::string_view wrapper, std::string_view cmdline) {
  if (cmdline.empty() || cmdline.size() >= wrapper.size()) return false;
  if (wrapper.substr(wrapper.size() - cmdline.size()) == cmdline && wrapper[wrapper.size() - cmdline.size() - 1] == ' ')
    return true;
  if (!HasCommandString(cmdline)) return false;
  const std::vector<std::string_view> words = Words(cmdline);
  const size_t command = static_cast<size_t>(words[2].data() - cmdline.data());
  return wrapper.find(cmdline.substr(command)) != std::string_view::npos;
}

// As RunsWrappedCommand for a shell's command string that strace -s cut (`sh -c "cd /app &&
// python3 "...`, `cut`: the exec's line was truncated): what is left after the string's last
// command separator (&&, ||, ;, |, &) is the start of the command the shell forked. Nothing
// left after the separator tells nothing.
bool RunsCutCommandString(std::string_view wrapper, std::string_view cmdline, bool cut) {
  if (!cut || cmdline.empty() || !wrapper.ends_with("...") || !HasCommandString(wrapper)) return false;
  wrapper.remove_suffix(3);
  const std::vector<std::string_view> words = Words(wrapper);
  std::string_view command = wrapper.substr(static_cast<size_t>(words[2].data() - wrapper.data()));
  const size_t separator = command.find_last_of(";&|\n");
  if (separator != std::string_view::npos) command.remove_prefix(separator + 1);
  command = StripSpaces(command);
  return !command.empty() && cmdline.starts_with(command);
}

// The package manager's commands that install, build or publish packages ("npm install",
// "npm ci", "yarn add", "pnpm rebuild"): the manager is the program reviewed, and the
// packages' lifecycle scripts it runs (postinstall ...) are its children, not the target.
bool IsPackageCommand(std::string_view word) {
  static constexpr std::string_view kCommands[] = {
      "install", "i",      "in",      "ins",       "inst",  "insta",  "instal", "isnt",     "isnta",     "isntal",
      "isntall", "add",    "ci",      "clean-install", "ic", "install-clean", "update", "up", "upgrade",
      "rebuild", "rb",     "link",    "ln",        "pack",  "publish", "uninstall", "remove", "rm", "dedupe"};
  return std::find(std::begin(kCommands), std::end(kCommands), word) != std::end(kCommands);
}

// The Node.js package managers, as the program or as the script node runs.
constexpr std::string_view kNodeManagers[] = {"npm", "npm-cli.js", "yarn", "yarn.js", "yarnpkg",
                                              "pnpm", "pnpm.cjs", "pnpm.js"};

bool IsNodeManager(std::string_view name) {
  return std::find(std::begin(kNodeManagers), std::end(kNodeManagers), name) != std::end(kNodeManagers);
}

// A package manager running a package script: "npm start", "node /usr/bin/npm run dev",
// "yarn start", "pnpm run serve": the program, or the interpreter's script, is the manager,
// and its command (the first word after it that is not an option) runs a script, not an install.
bool IsRunScriptManager(std::string_view cmdline) {
  const std::vector<std::string_view> words = Words(cmdline);
  for (size_t k = 0; k < 2 && k < words.size(); ++k) {
    if (!IsNodeManager(Basename(words[k]))) continue;
    const size_t c = FirstOperand(words, k);
    return c < words.size() && !IsPackageCommand(words[c]);  // a bare `yarn` installs
  }
  return false;
}

// setproctitle's "name: what" form: its first word ends with a colon ("nginx: worker
// process", "postgres: auditor postgres 127.0.0.1(41246) SELECT").
bool IsProcessTitle(std::string_view ps_cmd) {
  const std::string_view program = ProgramOf(ps_cmd);
  return program.size() > 1 && program.back() == ':';
}

}  // namespace

std::string_view Model::Cwd(const Process& p) const {
  return p.cwd == kNoStr ? std::string_view() : StripAtFdcwd(store_->str(p.cwd));
}

bool Model::OutlivedParent(ProcIndex p) const {
  const Process& c = processes_[p];
  if (c.parent == kNoProc) return false;
  const Process& parent = processes_[c.parent];
  if (parent.exit_event == kNoEvent) return false;
  if (c.exit_event == kNoEvent) return true;
  const int64_t pe = store_->event(parent.exit_event).time_ns, ce = store_->event(c.exit_event).time_ns;
  if (pe != kNoTime && ce != kNoTime) return ce > pe;
  return c.exit_event > parent.exit_event;  // no timestamps: the order the trace printed them
}

bool Model::RunsDeployedScript(EventIndex i) const {
  const Event& e = store_->event(i);
  if (e.op != Op::kExec || app_dir_.empty() || app_dir_ == "/") return false;
  const std::string_view cmdline = store_->str(store_->DetailOrEmpty(e).str2);
  // `sh -c "./run.sh; ..."`: a command string, whatever its first word names; `python3 -m
  // ensurepip`: a module.
  const std::string_view script = ScriptArgument(cmdline);
  if (script.empty() || CodeBeforeScript(cmdline, script)) return false;
  std::string path(script);
  if (script.front() != '/') {
    const ProcIndex p = ProcessOf(i);
    const std::string_view cwd = p == kNoProc ? std::string_view() : Cwd(processes_[p]);
    if (cwd.empty() || cwd.front() != '/') return false;
    path = JoinPath(cwd, script);
  }
  if (ClassifyPath(path) != PathClass::kApp) return false;
  StrId id = kNoStr;
  if (!store_->FindStr(path, &id)) return true;  // never named by a call of the run
  const FileSummary* f = FindFile(id);
  return f == nullptr || !(f->access & (kAccWrite | kAccCreate | kAccRename | kAccChmod));
}

bool Model::RerunsOwnProgram(EventIndex i) const {
  const ProcIndex p = ProcessOf(i);
  if (p == kNoProc) return false;
  const Process& proc = processes_[p];
  const ExecRecord* self = nullptr;
  const ExecRecord* before = nullptr;  // its last successful exec before this one
  for (const ExecRecord& x : proc.execs) {
    if (x.event == i) {
      self = &x;
      break;
    }
    if (x.ok) before = &x;
  }
  if (self == nullptr || !self->ok) return false;
  Program was{before ? before->path : kNoStr, before ? before->cmdline : kNoStr};
  ProcIndex was_in = p;
  if (before == nullptr) {  // a forked child runs its parent's program until it execs
    if (proc.parent == kNoProc || proc.created_by == kNoEvent) return false;
    was = ProgramAt(proc.parent, proc.created_by);
    was_in = proc.parent;
  }
  if (was.exe == kNoStr || was.cmdline == kNoStr) return false;
  // Paths as each process saw them: relative ones from its cwd.
  auto absolute = [&](ProcIndex q, std::string_view path) {
    if (path.empty() || path.front() == '/') return std::string(path);
    const std::string_view cwd = Cwd(processes_[q]);
    return cwd.empty() || cwd.front() != '/' ? std::string() : JoinPath(cwd, path);
  };
  const std::string exe = absolute(p, store_->str(self->path));
  if (exe.empty() || exe != absolute(was_in, store_->str(was.exe))) return false;
  const std::vector<std::string_view> now = Words(store_->str(self->cmdline));
  const std::vector<std::string_view> then = Words(store_->str(was.cmdline));
  const std::string_view script = ScriptArgument(store_->str(self->cmdline));
  if (now.size() != then.size() || script.empty()) return false;
  for (size_t k = 1; k < now.size(); ++k) {
    if (now[k] == then[k]) continue;
    // Only the script may differ, and only in how it is named (node gives its workers the
    // main module's absolute path).
    if (now[k].data() != script.data()) return false;
    const std::string a = absolute(p, now[k]);
    if (a.empty() || a != absolute(was_in, then[k])) return false;
  }
  return true;
}

Model::Program Model::ProgramAt(ProcIndex p, EventIndex i) const {
  for (int depth = 0; p != kNoProc && depth < 64; ++depth) {
    const Process& proc = processes_[p];
    const ExecRecord* last = nullptr;
    for (const ExecRecord& x : proc.execs) {
      if (x.event != i && !Before(x.event, i)) break;
      if (x.ok) last = &x;
    }
    if (last != nullptr) return {last->path, last->cmdline, last->script, last->interpreter};
    if (proc.parent == kNoProc || proc.created_by == kNoEvent) return {proc.exe, proc.cmdline};
    i = proc.created_by;  // before its first exec a child runs its parent's image
    p = proc.parent;
  }
  return {};
}

int32_t Model::DupFamily(EventIndex i) const {
  auto it = dup_family_.find(i);
  return it == dup_family_.end() ? 0 : it->second;
}

bool Model::DupOfAccepted(EventIndex i) const { return dup_of_accepted_.contains(i); }

bool Model::ReadFromConnected(EventIndex i) const { return read_from_connected_.contains(i); }

StrId Model::WritePeer(EventIndex i) const {
  auto it = write_peer_.find(i);
  return it == write_peer_.end() ? kNoStr : it->second;
}

bool Model::SignalsOwnGroup(EventIndex i) const { return own_group_kills_.contains(i); }

StrId Model::TargetArg(EventIndex i) const {
  auto it = absolute_target_.find(i);
  return it != absolute_target_.end() ? it->second : store_->DetailOrEmpty(store_->event(i)).str2;
}

StrId Model::PathArg(EventIndex i) const {
  auto it = absolute_path_.find(i);
  return it != absolute_path_.end() ? it->second : store_->event(i).str;
}

// Builds a Model in passes: coverage, process structure, per-process walks (fd tables,
// endpoints), file summaries, ps/ss joins, the run's life. This file's external interface
// is BuildModel().
class ModelBuilder {
 public:
  ModelBuilder(const EventStore& store, int threads) : s_(store), threads_(threads) {
    m_.store_ = &store;
    for (const SourceFile& f : s_.files())
      if (f.kind == SourceKind::kProgramLog) output_names_.push_back(Basename(f.path));
  }
  Model Build();

 private:
  struct CloneRec {
    EventIndex event;
    int32_t parent_tid;
    int32_t child_tid;
    bool thread;
    bool flags_unknown;  // kCloneFlagsUnknown: `thread` is decided by what the child did
  };
  // A child's end reported to a process: SIGCHLD (si_code CLD_*, si_pid the child) or a
  // wait that returned the child's pid.
  struct ChildReport {
    int32_t parent_tid;
    int32_t child_pid;
    bool by_wait = false;  // a wait that returned the child's pid (else a SIGCHLD naming it)
  };
  struct FdEntry {
    StrId target = kNoStr;
    StrId bound = kNoStr;  // address bound on this socket (bind), for listen()
    bool cloexec = false;
    std::string absolute;  // the target made absolute, when it was opened by a relative path
    int32_t family = 0;    // AF_* of a socket (socket(), or the listener of an accept), 0 unknown
    bool accepted = false;  // the socket came from accept(): a peer connected to the program
    bool pair = false;      // one end of a socketpair(): its peer is the other end, in the run
    StrId peer = kNoStr;    // the address it was connected to (connect) or accepted from
    bool connected = false;  // connect() on it did not fail at once: the program reached out
    bool before_trace = false;  // open when strace attached (AdoptPreTraceSocket)
    // A connect on this socket still in progress (EINPROGRESS), the walk step it was at, and
    // a second connect that found it still in progress (EALREADY): one outcome settles both.
    EventIndex pending_connect = kNoEvent;
    EventIndex pending_recheck = kNoEvent;
    uint32_t pending_step = 0;
    EventIndex connect = kNoEvent;  // the last connect on it, and whether data went out after it
    bool sent = false;
  };
  using FdTable = absl::flat_hash_map<int32_t, FdEntry>;

  void Coverage();
  std::string_view InotifyWatcherInPs() const;
  void Structure();
  void FindUntracedCreations();
  bool Unfiltered() const;
  void LinkReportedChildren();
  void MarkReaped();
  void NoteOtherRoots(ProcIndex root);
  int64_t RootEndTime(ProcIndex root) const;
  int32_t Leader(int32_t tid) const;
  ProcIndex AddProcess(int32_t pid);
  void AddThread(ProcIndex p, int32_t tid);  // tid joins p's threads; FindPid(tid) finds p
  void AssignEvents();
  void OrderProcessEvents();
  void WalkProcesses();
  FdTable::iterator AdoptPreTraceSocket(const Event& e, FdTable* table);
  void PrepareAttachedRun();
  // A pending connect's outcome, and the event that showed it.
  struct ConnectSettle {
    EventIndex connect;
    ConnectOutcome outcome;
    uint8_t err;
    EventIndex by;
  };
  // Per thread of a walk: the step of its last poll/select/epoll wait, and whether it timed
  // out (returned 0).
  struct LastWait {
    uint32_t step = 0;
    bool timed_out = false;
  };
  // What a process starts with (its parent's at the fork) and what walking it found.
  struct WalkState {
    FdTable table;
    std::string cwd;    // "" when unknown
    int32_t pgid = 0;   // its process group as getpgrp() or setsid() returned it; 0 unknown
  };
  struct WalkResult {
    std::vector<Endpoint> endpoints;
    std::vector<std::pair<EventIndex, StrId>> fd_targets;
    std::vector<std::pair<EventIndex, std::string>> absolute_paths;  // of relative path arguments
    std::vector<std::pair<EventIndex, int32_t>> socket_families;     // of dup calls on sockets
    std::vector<EventIndex> accepted_dups;                            // dup calls on accepted sockets
    std::vector<EventIndex> connected_reads;                          // reads on sockets it connected
    std::vector<std::pair<EventIndex, std::string_view>> write_peers;  // writes on connected sockets (in the pool)
    std::vector<EventIndex> own_group_kills;                          // kill(0) or kill(-its pgid)
    std::vector<std::pair<EventIndex, std::string>> absolute_targets;  // of relative new names
    std::vector<ConnectSettle> settles;                                // pending connects settled
    std::vector<EventIndex> sent_connects;    // connects whose socket then carried data
    std::vector<EventIndex> unsent_connects;  // connects whose socket ended with nothing sent
    std::string cwd;        // the walk's cwd at the process's last event (resolved; "" unknown)
    std::string exec_cwd;   // the cwd at its last successful exec: where its program started
  };
  void WalkOne(ProcIndex p, WalkState state, WalkResult* out);
  void SettleConnect(const Event& e, EventIndex i, FdEntry* entry,
                     const absl::flat_hash_map<int32_t, LastWait>& waits, WalkResult* out) const;
  bool IsWaitCall(NameId name) const;
  void ApplySettles(std::vector<ConnectSettle> settles);
  absl::flat_hash_map<EventIndex, size_t> ConnectIndex() const;  // connect event -> endpoint
  void ApplySent(const std::vector<EventIndex>& sent, const std::vector<EventIndex>& unsent);
  // The socket's connect (if any) ends here with nothing sent since: closed, reconnected.
  static void EndConnect(const FdEntry& entry, WalkResult* out) {
    if (entry.connect != kNoEvent && !entry.sent) out->unsent_connects.push_back(entry.connect);
  }
  std::string GuessRootCwd() const;
  // A getcwd that succeeded and printed an absolute directory (not "(unreachable)/...").
  bool IsGetcwd(const Event& e) const {
    return has_getcwd_ && e.op == Op::kOther && e.name == getcwd_ && e.type == EventType::kSyscall && IsCallOk(e) &&
           e.str != kNoStr && s_.str(e.str).starts_with('/');
  }
  const ExecRecord* TargetExec() const;
  void MarkRunScriptShells();
  // Marks the processes of `stack` and their descendants launchers, down from each one `take`
  // accepts (default: all).
  void MarkLaunchers(std::vector<ProcIndex> stack,
                     absl::FunctionRef<bool(ProcIndex)> take = [](ProcIndex) { return true; });
  void FindInterpreters();
  void NameScripts();
  void FindAppDir();
  void Files();
  // A load for the dependency inventory: a module file the target opened for reading with
  // success, or mapped executable (event i, path class `cls`).
  void NoteLoad(StrId path, PathClass cls, EventIndex i);
  std::string LoaderProgram(ProcIndex p, const Event& e, const Detail& d) const;
  bool IsLinkRead(const Event& e) const;  // readlink, readlinkat
  bool IsNotALink(const Event& e) const;
  // A path named like the run's captured output (program.log, or output_names_).
  bool IsOutputCapture(StrId path) const;
  void NoteWrite(FileSummary& f, EventIndex i) const;
  // What a call tells of whether its path exists and who made it (see Model::MadeByRun).
  enum class PathStep : uint8_t {
    kSeen,    // it was there: a successful call that needs an existing file
    kAbsent,  // it was not there: ENOENT, a successful unlink or rename away
    kCreate,  // O_CREAT succeeded: made by the run where it was seen absent before
    kMake,    // made by the run for sure: O_EXCL, a rename, link, symlink or mkdir onto it
    kNone,    // says nothing (a call refused for another reason than ENOENT)
  };
  struct PathStepRecord {
    uint32_t file;
    EventIndex event;
    PathStep step;
  };
  void NoteStep(const FileSummary* f, EventIndex i, PathStep step);
  PathStep StepOf(const Event& e, const Detail& d, bool failed) const;
  void FindMadeSpans();
  void MadeSpans(std::span<const PathStepRecord> steps, bool first_create_makes,
                 std::vector<std::pair<EventIndex, EventIndex>>* made) const;
  std::vector<PathStepRecord> path_steps_;  // filled by Files(), consumed by FindMadeSpans()
  std::vector<uint32_t> last_step_;          // per file: 1 + its latest record in path_steps_
  void JoinSnapshots();
  void FindTargetStart();
  size_t HandOver(const Process& p) const;
  void FindWrappedCommand(const ExecRecord& wrapper);
  ProcIndex WrappedChild(ProcIndex w, const ExecRecord& wrapper) const;
  void TranslateNamespacePids();
  void MarkAddedEnvHooks();
  std::vector<EventIndex> SnapshotEvents() const;
  ProcIndex MatchByCommand(const Event& row, const Detail& d,
                           const absl::flat_hash_map<int32_t, StrId>& ps_command);
  bool SameProgram(const Process& p, std::string_view ps_cmd, std::string_view ps_comm) const;
  void Life();
  void SyscallCounts();
  std::string_view TransferAddress(const Event& e, const Detail& d, const FdTable& table) const;
  bool IsStaleClose(const Event& e, const FdTable& table) const;
  void NoteWritePeer(const Event& e, const Detail& d, const FdTable& table, EventIndex i, WalkResult* out) const;
  void AddEndpoint(const Event& e, EventIndex i, int32_t pid, Op op, std::string_view addr,
                   int32_t family, std::vector<Endpoint>* out);

  const EventStore& s_;
  int threads_;
  Model m_;
  // The names of the program-log sources read, gathered once: IsOutputCapture is asked of every
  // write on fd 1/2, and a -ff folder holds a file per task.
  std::vector<std::string_view> output_names_;
  std::vector<CloneRec> clones_;
  std::vector<ChildReport> child_reports_;  // time order
  absl::flat_hash_map<int32_t, EventIndex> first_event_of_tid_;
  std::vector<std::vector<EventIndex>> proc_events_;  // per process, time order
  std::vector<WalkState> fork_states_;                // what a child starts with
  std::string root_exec_cwd_;                         // the root's cwd at its last successful exec
  // The interpreter of each program named after itself (a console script), from its first
  // module load (RuntimeOfFirstLoad); by the program's path, the same on every exec.
  absl::flat_hash_map<StrId, Runtime> runtime_of_program_;
  StrId unnamed_socket_ = kNoStr;                     // target of a socket() fd without -y
  StrId socketpair_peer_ = kNoStr;                    // address of a transfer on a socketpair end
  NameId socketpair_ = 0;
  bool has_socketpair_ = false;                       // socketpair is in the trace
  std::vector<NameId> wait_names_;                    // poll, select, epoll_wait ... in the trace
  std::vector<NameId> group_names_;                   // getpgrp, setsid: calls returning a pgid
  NameId getpeername_ = 0;
  NameId getcwd_ = 0;
  bool has_getcwd_ = false;                           // getcwd is in the trace
  bool has_getpeername_ = false;                      // getpeername is in the trace
  NameId kill_ = 0;
  bool has_kill_ = false;                             // kill is in the trace
  absl::flat_hash_set<int32_t> listening_ports_;      // PrepareAttachedRun's, for Model::start_untraced() only
};

void ModelBuilder::Coverage() {
  for (SourceKind k : {SourceKind::kStrace, SourceKind::kInotify, SourceKind::kSs, SourceKind::kNetstat,
                       SourceKind::kPs, SourceKind::kProgramLog, SourceKind::kContainer}) {
    SourceCoverage c;
    c.kind = k;
    for (const SourceFile& f : s_.files()) {
      if (f.kind != k) continue;
      c.files.push_back(f.id);
      c.lines += f.counters.lines;
      c.events += f.end_event - f.first_event;
      c.unparsed += f.counters.diagnostics;
      c.tables += f.counters.tables;
      c.bytes += f.counters.bytes;
      if (f.first_time_ns != kNoTime && (c.first_ns == kNoTime || f.first_time_ns < c.first_ns))
        c.first_ns = f.first_time_ns;
      if (f.last_time_ns != kNoTime && (c.last_ns == kNoTime || f.last_time_ns > c.last_ns))
        c.last_ns = f.last_time_ns;
    }
    if (k == SourceKind::kInotify && c.present() && c.lines == 0) {
      const std::string_view watcher = InotifyWatcherInPs();
      c.watcher_running = !watcher.empty();
      if (c.watcher_running)
        m_.notes_.push_back(StrCat("the inotify log is empty while ps lists its watcher running (", watcher,
                                   "): no file event in the folders it watched"));
    }
    m_.coverage_.push_back(std::move(c));
  }
}

// The command line of a ps row of `inotifywait` that monitors (-m, --monitor, or -d, --daemon;
// short options may be combined: -mr): it was watching when the snapshot was taken, during
// the run. Empty when there is none.
std::string_view ModelBuilder::InotifyWatcherInPs() const {
  for (const Event& e : s_.events()) {
    if (e.type != EventType::kProcessRow || (s_.DetailOrEmpty(e).flags & kPsThreadRow)) continue;
    const std::vector<std::string_view> args = Words(s_.str(e.str));
    if (args.empty() || Basename(args[0]) != "inotifywait") continue;
    for (std::string_view a : args) {
      if (a == "--monitor" || a == "--daemon" ||
          (a.size() > 1 && a[0] == '-' && a[1] != '-' && a.find_first_of("md") != std::string_view::npos))
        return s_.str(e.str);
    }
  }
  return {};
}

int32_t ModelBuilder::Leader(int32_t tid) const {
  // Threads of threads resolve to the thread-group leader; bounded to survive cycles in
  // corrupt input.
  for (int hops = 0; hops < 64; ++hops) {
    auto it = m_.thread_of_.find(tid);
    if (it == m_.thread_of_.end() || it->second == tid) return tid;
    tid = it->second;
  }
  return tid;
}

ProcIndex ModelBuilder::AddProcess(int32_t pid) {
  if (auto it = m_.by_pid_.find(pid); it != m_.by_pid_.end()) return it->second;
  ProcIndex idx = static_cast<ProcIndex>(m_.processes_.size());
  Process p;
  p.pid = pid;
  m_.processes_.push_back(p);
  m_.by_pid_[pid] = idx;
  return idx;
}

void ModelBuilder::AddThread(ProcIndex p, int32_t tid) {
  m_.by_pid_[tid] = p;
  auto& th = m_.processes_[p].threads;
  if (std::find(th.begin(), th.end(), tid) == th.end()) th.push_back(tid);
}

// Threads vs processes come only from clone results and flags: CLONE_THREAD puts the child
// in the caller's thread group; anything else (fork, vfork, clone with SIGCHLD) is a new
// process. File names of -ff traces are tids and say nothing about this.
void ModelBuilder::Structure() {
  const auto& ev = s_.events();
  // A clone whose flags the trace does not show (kCloneFlagsUnknown) made a process when the
  // child did what only a process does: exec'd, or was reported to its parent by SIGCHLD or
  // a wait; else a thread (pthread_create's clone3 is the usual such call).
  absl::flat_hash_set<int32_t> acted_as_process;
  uint64_t unknown_clones = 0;
  for (EventIndex i = 0; i < ev.size(); ++i) {
    const Event& e = ev[i];
    if (!IsStrace(s_, e)) continue;
    first_event_of_tid_.try_emplace(e.tid, i);
    if (e.type == EventType::kSyscall && e.op == Op::kExec && e.err == 0) acted_as_process.insert(e.tid);
    if (e.type == EventType::kSyscall && e.op == Op::kWait && e.result > 0) {
      acted_as_process.insert(e.result);
      child_reports_.push_back({e.tid, static_cast<int32_t>(e.result), true});
    }
    if (e.type == EventType::kSignal && s_.name(e.name) == "SIGCHLD") {
      const int32_t child = s_.DetailOrEmpty(e).a;
      acted_as_process.insert(child);
      // si_code SI_USER or SI_QUEUE: a SIGCHLD someone sent with kill(), si_pid the sender.
      if (child > 0 && s_.str(e.str).starts_with("CLD_")) child_reports_.push_back({e.tid, child});
    }
    if (e.op == Op::kClone && e.type == EventType::kSyscall && e.result > 0 && e.err == 0) {
      const Detail& d = s_.DetailOrEmpty(e);
      const bool unknown = (d.flags & kCloneFlagsUnknown) != 0;
      unknown_clones += unknown;
      clones_.push_back({i, e.tid, e.result, (d.flags & kCloneThread) != 0, unknown});
    }
  }
  TranslateNamespacePids();
  if (unknown_clones > 0) {
    uint64_t threads = 0;
    for (CloneRec& c : clones_) {
      if (!c.flags_unknown) continue;
      c.thread = !acted_as_process.contains(c.child_tid);
      threads += c.thread;
    }
    m_.notes_.push_back(StrCat(Counted(unknown_clones, "clone3 call(s)"), " without their flags (strace -e verbose=none or -e raw=): ",
                               unknown_clones - threads, " taken for a process because the child exec'd or was ",
                               "reported to its parent (SIGCHLD, wait), ", threads, " for a thread"));
  }
  // Clones sorted by time so a thread created by a thread resolves in order.
  std::stable_sort(clones_.begin(), clones_.end(), [&](const CloneRec& a, const CloneRec& b) {
    return ev[a.event].time_ns < ev[b.event].time_ns;
  });
  for (const CloneRec& c : clones_)
    if (c.thread) m_.thread_of_[c.child_tid] = Leader(c.parent_tid);
  // Every tid that is not a thread is a process; parents come from non-thread clones.
  std::vector<std::pair<EventIndex, int32_t>> tids;
  for (const auto& [tid, first] : first_event_of_tid_) tids.emplace_back(first, tid);
  std::sort(tids.begin(), tids.end());
  for (const auto& [first, tid] : tids) {
    int32_t leader = Leader(tid);
    ProcIndex p = AddProcess(leader);
    m_.processes_[p].in_strace = true;
    if (leader != tid) AddThread(p, tid);
  }
  // A thread known only from its clone's result made no call the trace shows (a `-e trace=`
  // filter, or a Go runtime thread parked before strace printed anything of it). It is still
  // a thread of that process: FindPid resolves it, so tgkill(920, 927, SIGURG) aimed at it is
  // a signal to the program itself, not to a process outside it.
  for (const CloneRec& c : clones_)
    if (c.thread && !first_event_of_tid_.contains(c.child_tid)) AddThread(AddProcess(Leader(c.child_tid)), c.child_tid);
  for (const CloneRec& c : clones_) {
    if (c.thread) continue;
    ProcIndex child = AddProcess(c.child_tid);
    ProcIndex parent = AddProcess(Leader(c.parent_tid));
    if (child == parent || m_.processes_[child].parent != kNoProc) continue;
    m_.processes_[child].parent = parent;
    m_.processes_[child].ppid = m_.processes_[parent].pid;
    m_.processes_[child].created_by = c.event;
    m_.processes_[child].in_strace = true;
    m_.processes_[parent].children.push_back(child);
  }
  LinkReportedChildren();
  MarkReaped();
  // The root: a parentless traced process, preferring one whose first event is an exec
  // (the target's start), then the earliest.
  ProcIndex best = kNoProc;
  int best_score = -1;
  int64_t best_time = 0;
  for (ProcIndex p = 0; p < m_.processes_.size(); ++p) {
    const Process& proc = m_.processes_[p];
    if (!proc.in_strace || proc.parent != kNoProc) continue;
    auto it = first_event_of_tid_.find(proc.pid);
    if (it == first_event_of_tid_.end()) continue;
    const Event& first = ev[it->second];
    int score = first.op == Op::kExec ? 1 : 0;
    if (score > best_score || (score == best_score && first.time_ns < best_time)) {
      best = p;
      best_score = score;
      best_time = first.time_ns;
    }
  }
  m_.root_ = best;
  if (best != kNoProc) m_.processes_[best].is_root = m_.processes_[best].is_target = true;
  // Tid 0 means "no pid column, one process": it is the root.
  if (best != kNoProc && m_.processes_[best].pid == 0) m_.life_.root_pid = 0;
  if (best != kNoProc) NoteOtherRoots(best);
}

// Inside a new pid namespace (`bwrap --unshare-pid`, firejail), fork and clone return the
// child's pid as that namespace numbers it ("= 2"), while strace names each line by the pid
// the tracer sees ("7988 execve(...)"): strace 6.1 translates only with --pidns-translation.
// A process is in such a namespace when a clone with CLONE_NEWPID made it, when its parent
// had called unshare(CLONE_NEWPID) before forking it, or when its parent is. The results of
// its clones are paired, in time order, with the tids the trace shows that no clone result
// names and whose first line comes after the clone started.
void ModelBuilder::TranslateNamespacePids() {
  const auto& ev = s_.events();
  bool any = false;
  for (const CloneRec& c : clones_) any |= (s_.DetailOrEmpty(ev[c.event]).flags & kCloneNewPid) != 0;
  absl::flat_hash_map<int32_t, int64_t> unshared;  // tid -> time of its unshare(CLONE_NEWPID)
  for (const Event& e : ev)
    if (e.op == Op::kNamespace && e.type == EventType::kSyscall && e.err == 0 && s_.name(e.name) == "unshare" &&
        (s_.DetailOrEmpty(e).flags & kCloneNewPid))
      any |= unshared.try_emplace(e.tid, e.time_ns).second;
  if (!any) return;
  absl::flat_hash_set<int32_t> named;
  for (const CloneRec& c : clones_) named.insert(c.child_tid);
  std::vector<std::pair<int64_t, int32_t>> unnamed;  // first line's time, tid
  for (const auto& [tid, first] : first_event_of_tid_)
    if (!named.contains(tid)) unnamed.emplace_back(ev[first].time_ns, tid);
  std::sort(unnamed.begin(), unnamed.end());
  std::vector<bool> taken(unnamed.size());
  std::vector<size_t> order(clones_.size());
  for (size_t k = 0; k < order.size(); ++k) order[k] = k;
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return ev[clones_[a].event].time_ns < ev[clones_[b].event].time_ns; });
  absl::flat_hash_set<int32_t> in_ns;
  uint64_t translated = 0;
  for (size_t k : order) {
    CloneRec& c = clones_[k];
    const Event& clone = ev[c.event];
    if (in_ns.contains(c.parent_tid) && !first_event_of_tid_.contains(c.child_tid)) {
      for (size_t u = 0; u < unnamed.size(); ++u) {
        if (taken[u] || unnamed[u].first < clone.time_ns) continue;
        taken[u] = true;
        c.child_tid = unnamed[u].second;
        ++translated;
        break;
      }
    }
    auto un = unshared.find(c.parent_tid);
    if (in_ns.contains(c.parent_tid) || (s_.DetailOrEmpty(clone).flags & kCloneNewPid) ||
        (un != unshared.end() && un->second <= clone.time_ns))
      in_ns.insert(c.child_tid);
  }
  if (translated > 0)
    m_.notes_.push_back(StrCat(Counted(translated, "fork/clone result(s)"), " numbered inside a new pid namespace (bwrap ",
                               "--unshare-pid, firejail; strace without --pidns-translation), matched to the ",
                               "traced tids that started after them"));
}

// A trace filtered with -e trace= (execve,openat ...) has no fork or clone lines, yet a child's
// end still reaches its parent: strace prints SIGCHLD whatever the filter, and a wait4 that
// returns the child's pid names it too. A traced process that no clone accounts for takes the
// first process a report of its end went to as its parent, so the tree, proc.pname and the
// launch exceptions that read the parent (tar's `sh -c gzip`) hold in filtered traces.
// created_by stays empty: there is no fork to cite. A subreaper adopting an orphan receives
// its SIGCHLD too; it is then the process that reaped it, the nearest the trace can tell.
void ModelBuilder::LinkReportedChildren() {
  uint64_t linked = 0;
  for (const ChildReport& r : child_reports_) {
    auto it = m_.by_pid_.find(r.child_pid);
    if (it == m_.by_pid_.end()) continue;
    const ProcIndex child = it->second;
    Process& c = m_.processes_[child];
    if (!c.in_strace || c.parent != kNoProc || c.pid != r.child_pid) continue;
    const ProcIndex parent = AddProcess(Leader(r.parent_tid));
    // The child must not be the parent's ancestor (pid reuse, corrupt input); bounded walk.
    bool cycle = parent == child;
    for (ProcIndex p = m_.processes_[parent].parent, n = 0; !cycle && p != kNoProc && n < 4096;
         p = m_.processes_[p].parent, ++n)
      cycle = p == child;
    if (cycle) continue;
    c.parent = parent;
    c.ppid = m_.processes_[parent].pid;
    m_.processes_[parent].children.push_back(child);
    ++linked;
  }
  if (linked > 0) {
    m_.notes_.push_back(StrCat(Counted(linked, "process(es)"), " without a fork or clone in the trace (strace -e trace= or -Z left them out), ",
                               "put under the process their end was reported to (SIGCHLD or wait)"));
  }
}

// A child whose pid a wait of its parent returned was collected by that parent: a worker it
// manages, whatever the child did with its session (Process::reaped).
void ModelBuilder::MarkReaped() {
  for (const ChildReport& r : child_reports_) {
    if (!r.by_wait) continue;
    auto it = m_.by_pid_.find(r.child_pid);
    if (it == m_.by_pid_.end()) continue;
    Process& c = m_.processes_[it->second];
    if (c.in_strace && c.parent != kNoProc && m_.processes_[c.parent].pid == Leader(r.parent_tid)) c.reaped = true;
  }
}

// Other parentless traced processes: their start is not in the trace. They stay in the tree
// and their activity is reviewed, and a note says what they may be, so that a finding about
// one is not read as the target's doing without a second look: strace -A appends a second
// run to the same file, -p attaches to several processes, and a damaged trace can lose a fork.
void ModelBuilder::NoteOtherRoots(ProcIndex root) {
  // A folder of thousands of -ff files whose forks are all missing (a trace cut at its
  // start, files of another run) would bury the report in notes: past kMaxNotes, one line
  // counts the rest.
  constexpr size_t kMaxNotes = 20;
  const auto& ev = s_.events();
  const int64_t root_end = RootEndTime(root);
  size_t noted = 0;
  std::vector<int32_t> unnoted;
  for (ProcIndex p = 0; p < m_.processes_.size(); ++p) {
    const Process& proc = m_.processes_[p];
    if (p == root || !proc.in_strace || proc.parent != kNoProc) continue;
    auto it = first_event_of_tid_.find(proc.pid);
    if (it == first_event_of_tid_.end()) continue;
    if (++noted > kMaxNotes) {
      unnoted.push_back(proc.pid);
      continue;
    }
    const Event& first = ev[it->second];
    const bool after_root = root_end != kNoTime && first.time_ns != kNoTime && first.time_ns > root_end;
    m_.notes_.push_back(StrCat(
        "traced pid ", proc.pid, " has no parent in the trace (first seen at ", s_.Where(first),
        first.op == Op::kExec ? ", starting a program" : "", after_root ? ", after the target exited" : "",
        "): ",
        after_root && first.op == Op::kExec ? "a separate run appended to the trace (strace -A); its activity is reviewed with "
                                              "the target's, though the target did not start it"
                                            : "a process attached with strace -p, or one whose fork is missing from the "
                                              "trace; its activity is reviewed with the target's"));
  }
  if (!unnoted.empty()) {
    m_.notes_.push_back(StrCat(unnoted.size(), " more traced pids have no parent in the trace (pids ", unnoted.front(),
                               " … ", unnoted.back(), "); their activity is reviewed with the target's"));
  }
}

// When the root's exit or kill was traced, its time; else kNoTime.
int64_t ModelBuilder::RootEndTime(ProcIndex root) const {
  const int32_t pid = m_.processes_[root].pid;
  for (const Event& e : s_.events())
    if ((e.type == EventType::kExited || e.type == EventType::kKilled) && e.tid == pid && IsStrace(s_, e))
      return e.time_ns;
  return kNoTime;
}

void ModelBuilder::AssignEvents() {
  const auto& ev = s_.events();
  m_.event_proc_.assign(ev.size(), kNoProc);
  ProcIndex root = m_.root_;
  tbb::parallel_for(tbb::blocked_range<size_t>(0, ev.size(), 1 << 16), [&](const auto& r) {
    for (size_t i = r.begin(); i != r.end(); ++i) {
      const Event& e = ev[i];
      switch (e.type) {
        case EventType::kFileEvent:
        case EventType::kRunInfo:
          break;
        case EventType::kLogLine:
          m_.event_proc_[i] = root;  // program.log is the target's own stdout/stderr
          break;
        case EventType::kSocketRow: {
          const Detail& d = s_.DetailOrEmpty(e);
          if (d.a > 0) m_.event_proc_[i] = m_.FindPid(d.a);
          break;
        }
        case EventType::kProcessRow:
          m_.event_proc_[i] = m_.FindPid(e.tid);
          break;
        default:
          if (IsStrace(s_, e)) m_.event_proc_[i] = m_.FindPid(e.tid);
      }
    }
  });
}

// Per process, its events in time order. A -f trace is already in order; -ff spreads a
// process over one file per thread, merged here by timestamp (stable: same-time events keep
// file order, and traces without timestamps keep file order).
void ModelBuilder::OrderProcessEvents() {
  const auto& ev = s_.events();
  proc_events_.assign(m_.processes_.size(), {});
  for (EventIndex i = 0; i < ev.size(); ++i) {
    ProcIndex p = m_.event_proc_[i];
    if (p != kNoProc && IsStrace(s_, ev[i])) proc_events_[p].push_back(i);
  }
  // A -f trace lists each process's calls in time order already; only -ff files of several
  // threads (or a shuffled capture) need the sort.
  tbb::parallel_for(size_t{0}, proc_events_.size(), [&](size_t p) {
    auto& v = proc_events_[p];
    auto by_time = [&](EventIndex a, EventIndex b) { return ev[a].time_ns < ev[b].time_ns; };
    if (!std::is_sorted(v.begin(), v.end(), by_time)) std::stable_sort(v.begin(), v.end(), by_time);
  });
}

// Where a send or recv went: its own address argument (sendto on an unconnected socket),
// else the peer the socket was connected to or accepted from (write-like sendto(fd, ..., NULL,
// 0) on a connected socket, recvfrom's NULL), else the peer in a -yy annotation of a socket
// the trace never saw connect (inherited, or opened before the trace began).
std::string_view ModelBuilder::TransferAddress(const Event& e, const Detail& d, const FdTable& table) const {
  if (d.str2 != kNoStr) return s_.str(d.str2);
  if (auto it = table.find(e.fd); it != table.end() && it->second.peer != kNoStr) return s_.str(it->second.peer);
  return e.str != kNoStr ? AnnotationAddress(s_.str(e.str), true) : std::string_view();
}

// A write on a socket the process (or an ancestor before a fork) connected, or one whose -yy
// annotation names both ends when the table does not know the fd (connected before the trace
// began). Not a socket from accept() (a server's reply) or a socketpair() end.
void ModelBuilder::NoteWritePeer(const Event& e, const Detail& d, const FdTable& table, EventIndex i,
                                 WalkResult* out) const {
  auto it = table.find(e.fd);
  if (it != table.end() && (it->second.accepted || it->second.pair || !it->second.connected)) return;
  if (it == table.end() && (e.str == kNoStr || !s_.str(e.str).ends_with("]"))) return;
  if (std::string_view peer = TransferAddress(e, d, table); !peer.empty()) out->write_peers.emplace_back(i, peer);
}

// A close that freed an fd number another thread had already been given again: thread A's
// `close(4<socket:[1]> <unfinished ...>` releases 4 while thread B's accept4, started just
// before it, returns `4<socket:[2]>`; in store order (by start) the close follows the accept.
// Its -y annotation names the object it closed: when that is not what the number holds now
// and the close overlapped other threads' calls (stitched), it closed the previous object and
// leaves the new one alone.
bool ModelBuilder::IsStaleClose(const Event& e, const FdTable& table) const {
  if (e.op != Op::kClose || !(e.flags & kStitched) || e.fd < 0 || e.str == kNoStr) return false;
  auto it = table.find(e.fd);
  if (it == table.end() || it->second.target == kNoStr || it->second.target == e.str) return false;
  // Under -yy a socket's annotation changes by itself: `TCP:[123]` while it connects, then
  // `TCP:[10.0.0.1:5->10.0.0.2:80]`. The same kind with an inode on one side may be the same
  // socket: not told apart, so not taken for another.
  const std::string_view held = s_.str(it->second.target), closed = s_.str(e.str);
  auto inode_only = [](std::string_view a) {
    const size_t open = a.find('[');
    return open != std::string_view::npos && a.size() > open + 2 && a.back() == ']' &&
           a.substr(open + 1, a.size() - open - 2).find_first_not_of("0123456789") == std::string_view::npos;
  };
  const size_t ho = held.find('['), co = closed.find('[');
  if (ho != std::string_view::npos && co != std::string_view::npos && held.substr(0, ho) == closed.substr(0, co) &&
      (inode_only(held) != inode_only(closed)))
    return false;
  return true;
}

void ModelBuilder::AddEndpoint(const Event& e, EventIndex i, int32_t pid, Op op,
                               std::string_view addr, int32_t family, std::vector<Endpoint>* out) {
  Endpoint ep;
  ep.event = i;
  ep.op = op;
  ep.pid = pid;
  ep.family = family;
  ep.err = e.err;
  // Every address comes from the store's pool (a parser interned it), so Find cannot miss
  // for a non-empty one; an accept without -yy has no peer at all.
  if (!addr.empty() && s_.FindStr(addr, &ep.address)) ep.cls = ClassifyAddress(addr, &ep.port);
  ep.dns = ep.port == 53;
  out->push_back(ep);
}

// Walks one process's calls in time order with its fd table and cwd: resolves what each fd
// refers to (the -y annotation wins when present) and relative path arguments (without -y
// strace prints them as given), records endpoints, and snapshots the state for children at
// each fork.
void ModelBuilder::WalkOne(ProcIndex p, WalkState state, WalkResult* out) {
  const auto& ev = s_.events();
  Process& proc = m_.processes_[p];
  FdTable& table = state.table;
  std::string& cwd = state.cwd;
  std::vector<Endpoint>* endpoints = &out->endpoints;
  std::vector<std::pair<EventIndex, StrId>>* resolved = &out->fd_targets;
  absl::flat_hash_map<int32_t, LastWait> waits;  // per tid
  EventIndex exit_group = kNoEvent;  // the last exit_group(N) of any of its threads
  uint32_t step = 0;
  for (EventIndex i : proc_events_[p]) {
    const Event& e = ev[i];
    const Detail& d = s_.DetailOrEmpty(e);
    ++step;
    if (IsStaleClose(e, table)) continue;
    // For openat/unlinkat/... the fd is a directory and `str` the path argument, so they
    // neither rename the fd nor read through it.
    if (e.fd >= 0 && !FdIsDirfd(e.op)) {
      auto it = table.find(e.fd);
      if (it == table.end() && m_.start_untraced_ && e.type == EventType::kSyscall && e.str != kNoStr)
        it = AdoptPreTraceSocket(e, &table);
      if (e.str != kNoStr) {
        if (it != table.end()) it->second.target = e.str;
      } else if (it != table.end() && it->second.target != kNoStr) {
        resolved->emplace_back(i, it->second.target);
      }
      if (it != table.end() && it->second.pending_connect != kNoEvent && e.type == EventType::kSyscall &&
          e.op != Op::kConnect)
        SettleConnect(e, i, &it->second, waits, out);
      if (it != table.end() && it->second.connected && (e.op == Op::kRead || e.op == Op::kRecv) &&
          e.type == EventType::kSyscall)
        out->connected_reads.push_back(i);
      if (e.op == Op::kWrite && e.type == EventType::kSyscall) NoteWritePeer(e, d, table, i, out);
      if (it != table.end() && it->second.connect != kNoEvent && !it->second.sent &&
          (e.op == Op::kSend || e.op == Op::kWrite) && e.type != EventType::kExited && e.type != EventType::kKilled) {
        it->second.sent = true;
        out->sent_connects.push_back(it->second.connect);
      }
    }
    if (e.op == Op::kOther && e.type == EventType::kSyscall && IsWaitCall(e.name))
      waits[e.tid] = {step, e.err == 0 && e.result == 0 && !(e.flags & kResultUnknown)};
    // The process group: getpgrp() returns it, setsid() the new one (the caller's pid). A
    // kill(0) or a kill(-N) of that group signals the caller's own group (killpg(getpgrp())).
    if (e.type == EventType::kSyscall && e.op == Op::kOther && e.err == 0 && e.result > 0 &&
        !(e.flags & kResultUnknown) && std::find(group_names_.begin(), group_names_.end(), e.name) != group_names_.end()) {
      state.pgid = e.result;
      if (e.result == proc.pid) proc.group_leader = true;
    }
    if (e.type == EventType::kSyscall && e.op == Op::kKill && has_kill_ && e.name == kill_ &&
        (d.a == 0 || (d.a < 0 && state.pgid > 0 && d.a == -state.pgid)))
      out->own_group_kills.push_back(i);
    if (e.type == EventType::kExited || e.type == EventType::kKilled) {
      if (e.tid == proc.pid) {
        proc.exit_event = i;
        if (e.type == EventType::kExited) proc.exit_code = e.result;
        else proc.killed_by = e.name;
      }
      proc.end_ns = e.time_ns;
      continue;
    }
    if (e.type == EventType::kUnfinished && e.op == Op::kConnect) {
      // The trace ended while a connect waited (strace killed or detached): the attempt and
      // its address are in the first half; how it ended is not in the trace.
      AddEndpoint(e, i, proc.pid, e.op, s_.str(d.str2), d.a, endpoints);
      endpoints->back().outcome = ConnectOutcome::kUnknown;
      continue;
    }
    if (e.type != EventType::kSyscall) continue;
    if (e.op == Op::kExit && s_.name(e.name) == "exit_group") exit_group = i;
    const bool ok = IsCallOk(e);
    std::string absolute;  // the path argument made absolute, when it was relative
    if (IsPathCall(e.op) && e.op != Op::kSymlink && e.str != kNoStr) {
      std::string_view path = s_.str(e.str);
      if (!path.empty() && path.front() != '/') {
        // openat(dirfd, "x"): relative to the directory dirfd names; else to the cwd. The
        // *at forms of the other calls keep their dirfd only as an annotation, so only
        // AT_FDCWD (or no dirfd) is resolved for them.
        std::string_view base;
        if (e.fd == kAtFdcwd || (e.fd == kNoFd && e.op != Op::kOpen)) {
          base = cwd;
        } else if (e.op == Op::kOpen && e.fd >= 0) {
          auto it = table.find(e.fd);
          if (it != table.end())
            base = !it->second.absolute.empty() ? std::string_view(it->second.absolute) : s_.str(it->second.target);
        }
        if (!base.empty() && base.front() == '/') absolute = JoinPath(base, path);
      } else if (!path.empty() && NeedsFolding(path)) {
        // "/app/data//mosquitto.db.new" (mosquitto joins its persistence_location, which
        // ends in '/', with "/mosquitto.db"): one file with the -y spelling of its fd.
        absolute = JoinPath("/", path);
      }
    }
    if (!absolute.empty()) out->absolute_paths.emplace_back(i, absolute);
    // rename/link/symlink's new name, relative to the cwd when given with AT_FDCWD or no
    // dirfd (a symlink's first argument is its content, not a path to resolve).
    if ((e.op == Op::kRename || e.op == Op::kLink || e.op == Op::kSymlink) && d.str2 != kNoStr &&
        !cwd.empty()) {
      std::string_view second = s_.str(d.str2);
      if (!second.empty() && second.front() != '/' && (e.fd == kAtFdcwd || e.fd == kNoFd))
        out->absolute_targets.emplace_back(i, JoinPath(cwd, second));
      else if (!second.empty() && second.front() == '/' && NeedsFolding(second))
        out->absolute_targets.emplace_back(i, JoinPath("/", second));
    }
    switch (e.op) {
      case Op::kOpen:
        if (ok) {
          FdEntry& entry = table[e.result];
          entry = FdEntry();
          entry.target = d.str2 != kNoStr ? d.str2 : e.str;
          entry.cloexec = (d.flags & kOCloexec) != 0;
          if (d.str2 == kNoStr) entry.absolute = absolute;  // no -y annotation to go by
        }
        if (d.str3 != kNoStr && e.fd == kAtFdcwd) {
          if (proc.cwd == kNoStr) proc.cwd = d.str3;
          cwd = std::string(StripAtFdcwd(s_.str(d.str3)));  // ground truth when -y shows it
        }
        break;
      case Op::kSocket:
        // Without -y the new fd has no annotation; it is still known to be a socket.
        if (ok) {
          table[e.result] = FdEntry{};
          table[e.result].target = unnamed_socket_;
          table[e.result].family = d.a;
        }
        break;
      case Op::kAccept: {
        if (!ok && AcceptFoundNothing(e)) break;
        if (ok) {
          table[e.result] = FdEntry();
          table[e.result].target = d.str3 != kNoStr ? d.str3 : d.str2 != kNoStr ? d.str2 : unnamed_socket_;
          auto listener = table.find(e.fd);
          if (listener != table.end()) table[e.result].family = listener->second.family;
          table[e.result].accepted = true;
        }
        AddEndpoint(e, i, proc.pid, Op::kAccept,
                    d.str2 != kNoStr ? s_.str(d.str2) : AnnotationAddress(s_.str(d.str3), true), d.a,
                    endpoints);
        if (ok) table[e.result].peer = endpoints->back().address;
        // Without a peer (accept4(fd, NULL, ...) under plain -y) the listening port still
        // says which service took the connection.
        auto it = table.find(e.fd);
        if (endpoints->back().address == kNoStr && it != table.end() && it->second.bound != kNoStr) {
          endpoints->back().local_port = -1;
          std::string_view host;
          (void)SplitHostPort(s_.str(it->second.bound), &host, &endpoints->back().local_port);
          // Only the host itself reaches a socket bound to a loopback address.
          int32_t port = -1;
          if (ClassifyAddress(s_.str(it->second.bound), &port) == NetClass::kLoopback)
            endpoints->back().cls = NetClass::kLoopback;
        }
        break;
      }
      case Op::kDup:
        if (ok && e.fd >= 0) {
          auto it = table.find(e.fd);
          FdEntry copy = it != table.end() ? it->second : FdEntry{};
          if (copy.family != 0) out->socket_families.emplace_back(i, copy.family);
          if (copy.accepted) out->accepted_dups.push_back(i);
          table[e.result] = std::move(copy);
        }
        break;
      case Op::kPipe: {
        const bool pair = has_socketpair_ && e.name == socketpair_;
        for (int32_t fd : {d.a, d.b}) {
          if (!ok || fd < 0) continue;
          table[fd] = FdEntry{};
          table[fd].pair = pair;
          if (pair) table[fd].family = 1;  // AF_UNIX: the only family Linux pairs
        }
        break;
      }
      case Op::kClose:
        if (auto it = table.find(e.fd); it != table.end()) {
          EndConnect(it->second, out);
          table.erase(it);
        }
        break;
      case Op::kBind:
        if (ok && e.fd >= 0) table[e.fd].bound = d.str2;
        AddEndpoint(e, i, proc.pid, Op::kBind, s_.str(d.str2), d.a, endpoints);
        break;
      case Op::kListen: {
        auto it = table.find(e.fd);
        std::string_view addr = it != table.end() && it->second.bound != kNoStr
                                    ? s_.str(it->second.bound)
                                    : AnnotationAddress(s_.str(e.str), false);
        AddEndpoint(e, i, proc.pid, Op::kListen, addr, d.a, endpoints);
        break;
      }
      case Op::kConnect: {
        // An address strace did not print ("connect(3, 0x7ffc2406e3b0, 16)" under -e
        // verbose=none or -e raw=connect) leaves the family to the socket() that made the fd.
        int32_t family = d.a;
        if (family < 0 && d.str2 == kNoStr)
          if (auto it = table.find(e.fd); it != table.end() && it->second.family != 0) family = it->second.family;
        AddEndpoint(e, i, proc.pid, e.op, s_.str(d.str2), family, endpoints);
        Endpoint& ep = endpoints->back();
        InitialOutcome(e, &ep);
        if (e.fd < 0) break;
        FdEntry& entry = table[e.fd];
        if (ep.address != kNoStr) entry.peer = ep.address;
        if (ep.outcome != ConnectOutcome::kFailed) entry.connected = true;
        // A second connect while the first is in progress asks how that one went; any other
        // starts a new association (a UDP socket connected again) and ends the last one.
        if (entry.pending_connect == kNoEvent) {
          EndConnect(entry, out);
          entry.connect = i;
          entry.sent = false;
        }
        // A second connect on a socket still connecting (Ruby's connect_nonblock loop) answers
        // for the first: 0 or EISCONN, or the refusal.
        if (entry.pending_connect != kNoEvent && ep.outcome != ConnectOutcome::kUnknown) {
          out->settles.push_back({entry.pending_connect, ep.outcome, ep.outcome_err, i});
          if (entry.pending_recheck != kNoEvent)
            out->settles.push_back({entry.pending_recheck, ep.outcome, ep.outcome_err, i});
          entry.pending_connect = entry.pending_recheck = kNoEvent;
        } else if (ep.outcome == ConnectOutcome::kUnknown) {  // EALREADY: the first still pending
          (entry.pending_connect == kNoEvent ? entry.pending_connect : entry.pending_recheck) = i;
          entry.pending_step = step;
        }
        break;
      }
      case Op::kSend:
      case Op::kRecv:
        AddEndpoint(e, i, proc.pid, e.op, TransferAddress(e, d, table), d.a, endpoints);
        if (auto it = table.find(e.fd); d.str2 == kNoStr && it != table.end()) {
          Endpoint& ep = endpoints->back();
          ep.accepted_peer = it->second.accepted;
          ep.before_trace = it->second.before_trace;
          // An asyncio/libuv self-pipe or a parent-child channel: a local UNIX pair, not an
          // unknown peer.
          if (it->second.pair && ep.address == kNoStr) {
            ep.address = socketpair_peer_;
            ep.cls = NetClass::kUnix;
            ep.family = 1;
          }
        }
        break;
      case Op::kExec:
        if (ok) {
          out->exec_cwd = cwd;
          for (auto it = table.begin(); it != table.end();) {
            if (it->second.cloexec) {
              EndConnect(it->second, out);
              table.erase(it++);
            } else {
              ++it;
            }
          }
        }
        break;
      case Op::kOther:  // getcwd says where the process is, whatever the walk guessed
        if (IsGetcwd(e)) {
          proc.cwd = e.str;
          cwd = std::string(s_.str(e.str));
        }
        break;
      case Op::kChdir:
        if (ok && e.str != kNoStr) {
          proc.cwd = e.str;
          // chdir("x") is relative to the cwd; fchdir's annotation is absolute.
          std::string_view dir = s_.str(e.str);
          cwd = dir.front() == '/' ? std::string(dir) : cwd.empty() ? std::string() : JoinPath(cwd, dir);
        }
        break;
      case Op::kClone:
        if (ok && !(d.flags & kCloneThread)) {
          ProcIndex child = m_.FindPid(e.result);
          if (child != kNoProc && child < fork_states_.size()) fork_states_[child] = {table, cwd, state.pgid};
        }
        break;
      default:
        break;
    }
  }
  out->cwd = std::move(cwd);
  // strace -qq (--quiet=exit) leaves out "+++ exited with N +++": the process's own
  // exit_group(N) is then the only record of how it ended. Deaths by a signal are still
  // printed ("+++ killed by SIGSEGV +++"), so only exits are missing.
  if (proc.exit_event == kNoEvent && exit_group != kNoEvent) {
    proc.exit_event = exit_group;
    proc.exit_code = s_.DetailOrEmpty(ev[exit_group]).a;
    proc.end_ns = ev[exit_group].time_ns;
  }
}

// A read of SO_ERROR, a transfer or getpeername on a socket whose connect is in progress.
void ModelBuilder::SettleConnect(const Event& e, EventIndex i, FdEntry* entry,
                                 const absl::flat_hash_map<int32_t, LastWait>& waits, WalkResult* out) const {
  ConnectOutcome outcome = ConnectOutcome::kConnected;
  uint8_t err = 0;
  switch (e.op) {
    case Op::kGetsockopt: {
      const Detail& d = s_.DetailOrEmpty(e);
      if (!(d.flags & kSockoptSoError) || d.a < 0) return;
      if (d.a > 0) {
        outcome = ConnectOutcome::kFailed;
        err = static_cast<uint8_t>(d.a);
        break;
      }
      // SO_ERROR is also 0 while the handshake is still going on: read after a wait that
      // timed out (a scanner's select), it says nothing (captured: a SYN_SENT socket).
      auto w = waits.find(e.tid);
      if (w != waits.end() && w->second.timed_out && w->second.step > entry->pending_step) return;
      break;
    }
    case Op::kRead:
    case Op::kWrite:
    case Op::kSend:
    case Op::kRecv:
      if (IsConnectRefusal(e.err)) {
        outcome = ConnectOutcome::kFailed;
        err = e.err;
      } else if (!IsCallOk(e)) {
        return;  // EAGAIN: still connecting
      }
      break;
    case Op::kOther:  // getpeername succeeds only once the connection is established
      if (!has_getpeername_ || e.name != getpeername_ || !IsCallOk(e)) return;
      break;
    default:
      return;
  }
  out->settles.push_back({entry->pending_connect, outcome, err, i});
  if (entry->pending_recheck != kNoEvent) out->settles.push_back({entry->pending_recheck, outcome, err, i});
  entry->pending_connect = entry->pending_recheck = kNoEvent;
}

bool ModelBuilder::IsWaitCall(NameId name) const {
  return std::find(wait_names_.begin(), wait_names_.end(), name) != wait_names_.end();
}

absl::flat_hash_map<EventIndex, size_t> ModelBuilder::ConnectIndex() const {
  absl::flat_hash_map<EventIndex, size_t> at;
  for (size_t k = 0; k < m_.endpoints_.size(); ++k)
    if (m_.endpoints_[k].op == Op::kConnect) at.emplace(m_.endpoints_[k].event, k);
  return at;
}

// Each pending connect takes the first outcome found for it (a socket shared through dup or
// fork may be settled by several processes; walk results are applied in process order).
void ModelBuilder::ApplySettles(std::vector<ConnectSettle> settles) {
  if (settles.empty()) return;
  const absl::flat_hash_map<EventIndex, size_t> connect_at = ConnectIndex();
  for (const ConnectSettle& c : settles) {
    auto it = connect_at.find(c.connect);
    if (it == connect_at.end()) continue;
    Endpoint& ep = m_.endpoints_[it->second];
    if (ep.settled_by != kNoEvent) continue;
    ep.outcome = c.outcome;
    ep.outcome_err = c.err;
    ep.settled_by = c.by;
  }
}

// A socket shared through fork or dup may be closed by one process and written by another (a
// child closes what it inherited): data sent on any copy wins over an end seen on another.
void ModelBuilder::ApplySent(const std::vector<EventIndex>& sent, const std::vector<EventIndex>& unsent) {
  if (sent.empty() && unsent.empty()) return;
  const absl::flat_hash_map<EventIndex, size_t> connect_at = ConnectIndex();
  for (EventIndex c : unsent)
    if (auto it = connect_at.find(c); it != connect_at.end()) m_.endpoints_[it->second].sent = SentData::kNothing;
  for (EventIndex c : sent)
    if (auto it = connect_at.find(c); it != connect_at.end()) m_.endpoints_[it->second].sent = SentData::kSome;
}

// The target's starting directory. With -y, the first openat(AT_FDCWD</dir>, ...) before any
// chdir names it: the exec of `./prog` comes before that line, and exec does not change the
// cwd. Without -y, a getcwd before any chdir does (Node, Python and the shells ask early).
// Failing both, interpreters open their script by its absolute path: `python3 rel.py`
// opening "/tmp/app/rel.py" says the cwd was /tmp/app; a script found on the PATH
// (`npm` is /usr/bin/npm, run by node) says nothing of it. Returns "" when none is found
// (relative paths then stay relative until the walk learns the cwd).
std::string ModelBuilder::GuessRootCwd() const {
  for (EventIndex i : proc_events_[m_.root_]) {
    const Event& e = s_.event(i);
    if (e.op == Op::kChdir) break;
    const StrId at = s_.DetailOrEmpty(e).str3;
    if (e.op == Op::kOpen && e.type == EventType::kSyscall && e.fd == kAtFdcwd && at != kNoStr)
      return std::string(StripAtFdcwd(s_.str(at)));
    if (IsGetcwd(e)) return std::string(s_.str(e.str));
  }
  const ExecRecord* start = TargetExec();
  std::string_view script = start ? ScriptArgument(s_.str(start->cmdline)) : std::string_view();
  if (script.empty() || script.front() == '/' || script.starts_with("..")) return "";
  if (script.starts_with("./")) script.remove_prefix(2);
  const std::string suffix = StrCat("/", script);
  const auto& ev = s_.events();
  for (EventIndex i : proc_events_[m_.root_]) {
    const Event& e = ev[i];
    if (e.op != Op::kOpen || e.type != EventType::kSyscall || e.err != 0) continue;
    std::string_view path = s_.str(e.str);
    if (path.front() == '/' && path.size() > suffix.size() && path.ends_with(suffix))
      return std::string(path.substr(0, path.size() - suffix.size()));
  }
  return "";
}

// The root's exec that started the target program (the last successful one of its start).
// An exec's environment sets a hook of its own when the hook was not in the environment its
// process started from: that of the process's previous successful exec, else the one its
// parent had when it made the process (the parent's last successful exec before the clone),
// up the tree. When that environment was not printed, or no exec comes before (the root's
// first: the reviewer's own launch), the hooks count as inherited. The same for turning shell
// history off (HISTFILE=/dev/null in a child's environment).
void ModelBuilder::MarkAddedEnvHooks() {
  auto last_ok_before = [&](const Process& p, EventIndex before) -> const ExecRecord* {
    for (auto x = p.execs.rbegin(); x != p.execs.rend(); ++x)
      if (x->ok && x->event < before) return &*x;
    return nullptr;
  };
  for (Process& proc : m_.processes_) {
    for (ExecRecord& x : proc.execs) {
      if (x.hooks == kNoStr && !x.history_off) continue;
      const ExecRecord* from = last_ok_before(proc, x.event);
      for (const Process* p = &proc; from == nullptr && p->parent != kNoProc && p->created_by != kNoEvent;) {
        const EventIndex created = p->created_by;
        p = &m_.processes_[p->parent];
        from = last_ok_before(*p, created);
      }
      if (from == nullptr || !from->env_shown) continue;
      // `env HISTFILE=/dev/null bash`: env's command line did it, and the history_off rule counts
      // that exec; the bash it starts is the same act.
      auto set_by_command = [&](const ExecRecord& r) {
        for (std::string_view w : Words(s_.str(r.cmdline)))
          if (TurnsHistoryOff(w)) return true;
        return false;
      };
      x.history_off_added = x.history_off && !from->history_off && !set_by_command(*from);
      const std::vector<std::string_view> had = SplitHooks(s_.str(from->hooks));
      for (std::string_view hook : SplitHooks(s_.str(x.hooks)))
        if (std::find(had.begin(), had.end(), hook) == had.end()) x.hooks_added = true;
    }
  }
}

const ExecRecord* ModelBuilder::TargetExec() const {
  const ExecRecord* start = nullptr;
  for (const ExecRecord& x : m_.processes_[m_.root_].execs)
    if (x.ok && m_.IsStartExec(x.event)) start = &x;
  return start;
}

// A connection strace -p found open (`4<TCP:[127.0.0.1:8161->127.0.0.1:51482]>` under -yy, no
// accept or connect for it in the trace): one accepted before the trace when its local port is
// one the run listens on, so what is sent on it is a server's reply, not the program reaching
// out; else one it opened before (connected, as a connect in the trace would have made it).
// table->end() when the annotation names no connection.
ModelBuilder::FdTable::iterator ModelBuilder::AdoptPreTraceSocket(const Event& e, FdTable* table) {
  const std::string_view ann = s_.str(e.str);
  const std::string_view local = AnnotationAddress(ann, false);
  if (AnnotationAddress(ann, true).empty() || !(ann.starts_with("TCP") || ann.starts_with("UDP"))) return table->end();
  std::string_view host;
  int port = -1;
  if (!SplitHostPort(local, &host, &port)) return table->end();
  FdEntry entry;
  entry.target = e.str;
  entry.before_trace = true;
  entry.family = ann.substr(3).starts_with("v6") ? 10 : 2;  // AF_INET6, AF_INET
  entry.accepted = listening_ports_.contains(port);
  entry.connected = !entry.accepted;
  return table->insert_or_assign(e.fd, std::move(entry)).first;
}

// For a run strace -p attached to (Model::start_untraced()), before the parallel walks: the local ports it
// listens on, from listen() and accept() on -yy-annotated sockets (`accept4(3<TCP:[127.0.0.1:
// 8161]>, ...)`) and the snapshots' LISTEN rows, and the peers of the -yy connections its calls
// name, interned so that an endpoint on a connection that predates the trace has its address
// (a sendto(4<TCP:[...->127.0.0.1:51482]>, ..., NULL, 0) names it nowhere else).
void ModelBuilder::PrepareAttachedRun() {
  for (const Event& e : s_.events()) {
    if (e.str == kNoStr) continue;
    std::string_view addr;
    if (e.type == EventType::kSocketRow && s_.name(e.name) == "LISTEN") {
      addr = s_.str(e.str);
    } else if (e.type == EventType::kSyscall && e.fd >= 0 && !IsPathCall(e.op)) {
      if (std::string_view peer = AnnotationAddress(s_.str(e.str), true); !peer.empty()) s_.InternDerived(peer);
      if (e.op == Op::kListen || e.op == Op::kAccept) addr = AnnotationAddress(s_.str(e.str), false);
    }
    std::string_view host;
    int port = -1;
    if (!addr.empty() && SplitHostPort(addr, &host, &port)) listening_ports_.insert(port);
  }
}

void ModelBuilder::WalkProcesses() {
  fork_states_.assign(m_.processes_.size(), {});
  m_.start_untraced_ =
      m_.root_ != kNoProc && m_.processes_[m_.root_].in_strace && m_.processes_[m_.root_].execs.empty();
  if (m_.start_untraced_) PrepareAttachedRun();
  has_getcwd_ = s_.FindName("getcwd", &getcwd_);
  if (m_.root_ != kNoProc) fork_states_[m_.root_].cwd = GuessRootCwd();
  unnamed_socket_ = s_.InternDerived("socket:[?]");  // serial: before the parallel walks
  socketpair_peer_ = s_.InternDerived("(socketpair)");
  has_socketpair_ = s_.FindName("socketpair", &socketpair_);
  for (std::string_view wait : {"select", "pselect6", "poll", "ppoll", "epoll_wait", "epoll_pwait", "epoll_pwait2"}) {
    NameId id;
    if (s_.FindName(wait, &id)) wait_names_.push_back(id);
  }
  has_getpeername_ = s_.FindName("getpeername", &getpeername_);
  has_kill_ = s_.FindName("kill", &kill_);  // kill(pid, sig): the one call that takes a group
  for (std::string_view group : {"getpgrp", "setsid"}) {
    NameId id;
    if (s_.FindName(group, &id)) group_names_.push_back(id);
  }
  std::vector<WalkResult> results(m_.processes_.size());
  // Parents before children: a child's starting fd table is its parent's at the fork.
  std::vector<std::vector<ProcIndex>> levels;
  std::vector<ProcIndex> frontier;
  for (ProcIndex p = 0; p < m_.processes_.size(); ++p)
    if (m_.processes_[p].parent == kNoProc) frontier.push_back(p);
  std::vector<bool> seen(m_.processes_.size(), false);
  int depth = 0;
  while (!frontier.empty()) {
    std::vector<ProcIndex> next;
    for (ProcIndex p : frontier) {
      seen[p] = true;
      m_.processes_[p].depth = depth;
      for (ProcIndex c : m_.processes_[p].children)
        if (!seen[c]) next.push_back(c);
    }
    levels.push_back(std::move(frontier));
    frontier = std::move(next);
    ++depth;
  }
  for (const auto& level : levels) {
    tbb::parallel_for(size_t{0}, level.size(), [&](size_t k) {
      ProcIndex p = level[k];
      WalkOne(p, std::move(fork_states_[p]), &results[p]);
    });
  }
  std::vector<WalkState>().swap(fork_states_);
  FindInterpreters();
  std::vector<std::vector<EventIndex>>().swap(proc_events_);
  // Serial: resolved relative paths are interned into the store here, with no reader running.
  std::vector<ConnectSettle> settles;
  std::vector<EventIndex> sent, unsent;
  for (ProcIndex p = 0; p < results.size(); ++p) {
    WalkResult& r = results[p];
    // chdir("data") leaves the walk's resolved cwd here; the raw argument is not a directory.
    if (!r.cwd.empty()) m_.processes_[p].cwd = s_.InternDerived(r.cwd);
    if (p == m_.root_ && !r.exec_cwd.empty()) root_exec_cwd_ = r.exec_cwd;
    for (const auto& [event, target] : r.fd_targets) m_.fd_target_.emplace(event, target);
    for (const auto& [event, path] : r.absolute_paths) m_.absolute_path_.emplace(event, s_.InternDerived(path));
    for (const auto& [event, family] : r.socket_families) m_.dup_family_.emplace(event, family);
    m_.dup_of_accepted_.insert(r.accepted_dups.begin(), r.accepted_dups.end());
    m_.read_from_connected_.insert(r.connected_reads.begin(), r.connected_reads.end());
    // An annotation's peer is a slice of the annotation, not a string of its own yet.
    for (const auto& [event, peer] : r.write_peers) m_.write_peer_.emplace(event, s_.InternDerived(peer));
    m_.own_group_kills_.insert(r.own_group_kills.begin(), r.own_group_kills.end());
    for (const auto& [event, path] : r.absolute_targets) m_.absolute_target_.emplace(event, s_.InternDerived(path));
    for (Endpoint& ep : r.endpoints) m_.endpoints_.push_back(ep);
    settles.insert(settles.end(), r.settles.begin(), r.settles.end());
    sent.insert(sent.end(), r.sent_connects.begin(), r.sent_connects.end());
    unsent.insert(unsent.end(), r.unsent_connects.begin(), r.unsent_connects.end());
    r = WalkResult();
  }
  ApplySettles(std::move(settles));
  ApplySent(sent, unsent);
}

// The interpreter the kernel ran for an exec of a #! script (`./csvsum` whose first line is
// `#!/usr/bin/node`): the trace has no execve of it, only the runtime asking who it is,
// readlink("/proc/self/exe") = "/usr/bin/node". That answer names a #! script's interpreter
// when it is not the exec's file and the process then opens the file to read it (the
// interpreter loading its script; the open's path, absolute under -y, is the script); an exec
// of a symbolic link (/usr/bin/python3 -> python3.11) reads no such file. Run before the walks
// free proc_events_.
void ModelBuilder::FindInterpreters() {
  const auto& ev = s_.events();
  tbb::parallel_for(size_t{0}, m_.processes_.size(), [&](size_t q) {
    Process& p = m_.processes_[q];
    const std::string own = "/proc/" + std::to_string(p.pid) + "/exe";
    for (ExecRecord& x : p.execs) {
      if (!x.ok || x.path == kNoStr) continue;
      std::string_view file = s_.str(x.path);
      while (file.starts_with("./")) file.remove_prefix(2);
      StrId interpreter = kNoStr;
      for (EventIndex i : proc_events_[q]) {
        if (!m_.Before(x.event, i)) continue;
        const Event& e = ev[i];
        if (e.type != EventType::kSyscall || e.err != 0 || e.str == kNoStr) continue;
        if (e.op == Op::kExec) break;  // the next program
        const std::string_view path = s_.str(e.str);
        if (e.op == Op::kStat && interpreter == kNoStr && (path == "/proc/self/exe" || path == own) && IsLinkRead(e)) {
          const StrId target = s_.DetailOrEmpty(e).str2;
          if (target != kNoStr && s_.str(target).starts_with('/') && s_.str(target) != s_.str(x.path)) interpreter = target;
        } else if (e.op == Op::kOpen && interpreter != kNoStr && path.starts_with('/') &&
                   (s_.DetailOrEmpty(e).flags & kOAccMode) == kORdOnly &&
                   (path == file || (path.ends_with(file) && path[path.size() - file.size() - 1] == '/'))) {
          x.interpreter = interpreter;
          x.script = e.str;
          break;
        }
      }
    }
  });
}

// The script each successful exec hands its program: the first argument that is not an option
// (`python3 /tmp/s.py`, `perl -w s.pl`), from the process's last known cwd when relative; none
// when a short option gives code or a module instead (-c, -e, -m: `sh -c "..."`, `perl -e`,
// `python3 -m pkg`). Any program's first argument is named so; the rules that use it
// (proc.script) ask for an interpreter or a shell. An exec of a #! script the kernel ran an
// interpreter for (InterpreterOf) hands it the exec's file itself.
void ModelBuilder::NameScripts() {
  for (Process& p : m_.processes_) {
    const std::string_view cwd = m_.Cwd(p);
    for (ExecRecord& x : p.execs) {
      if (!x.ok || x.cmdline == kNoStr || x.interpreter != kNoStr) continue;
      const std::string_view cmdline = s_.str(x.cmdline);
      const std::string_view script = ScriptArgument(cmdline);
      if (script.empty()) continue;
      if (CodeBeforeScript(cmdline, script)) continue;
      if (script.front() == '/') x.script = s_.InternDerived(script);
      else if (!cwd.empty() && cwd.front() == '/') x.script = s_.InternDerived(JoinPath(cwd, script));
    }
  }
}

// The app's directory: the root's cwd when its program started (its last successful exec,
// from the first AT_FDCWD annotation or the launcher's chdir), else its last known cwd, unless
// that is "/" or a home, in which case the directory of the script named in argv.
void ModelBuilder::FindAppDir() {
  if (m_.root_ == kNoProc) return;
  const Process& root = m_.processes_[m_.root_];
  // Where the target program started (a launcher's `cd app && exec prog` included), not
  // where it went later (redis-server's chdir into its data directory).
  std::string cwd = !root_exec_cwd_.empty() ? root_exec_cwd_ : std::string(m_.Cwd(root));
  std::string script;
  if (const ExecRecord* start = TargetExec()) {
    std::string_view arg = ScriptArgument(s_.str(start->cmdline));
    if (!arg.empty()) script = JoinPath(cwd.empty() ? "/" : cwd, arg);
  }
  if (!cwd.empty() && cwd != "/") {
    m_.app_dir_ = cwd;
  } else if (!script.empty()) {
    m_.app_dir_ = std::string(Dirname(script));
  }
}

// A failed open has only kAccFailed in its bits, so a refused write is never noted.
void ModelBuilder::NoteWrite(FileSummary& f, EventIndex i) const {
  if (f.first_write == kNoEvent || m_.Before(i, f.first_write)) f.first_write = i;
}

// Only the earliest of a run of kSeen records of one path matters (a path seen there stays
// there until a later step says otherwise), so a file read a thousand times keeps one record.
void ModelBuilder::NoteStep(const FileSummary* f, EventIndex i, PathStep step) {
  if (f == nullptr || step == PathStep::kNone) return;
  const uint32_t file = static_cast<uint32_t>(f - m_.files_.data());
  if (last_step_.size() <= file) last_step_.resize(m_.files_.size(), 0);
  if (step == PathStep::kSeen && last_step_[file] != 0) {
    PathStepRecord& last = path_steps_[last_step_[file] - 1];
    if (last.step == PathStep::kSeen) {
      if (EarlierEvent(s_, i, last.event)) last.event = i;
      return;
    }
  }
  path_steps_.push_back({file, i, step});
  last_step_[file] = static_cast<uint32_t>(path_steps_.size());
}

// The step a call other than rename takes on the path it touched (for link, symlink and mkdir:
// the name they make).
ModelBuilder::PathStep ModelBuilder::StepOf(const Event& e, const Detail& d, bool failed) const {
  static const uint8_t kNoEnt = ErrnoIndex("ENOENT");
  if (failed) return e.err == kNoEnt ? PathStep::kAbsent : PathStep::kNone;
  switch (e.op) {
    case Op::kOpen:
      if (d.flags & kOTmpfile) return PathStep::kNone;  // the path is a folder; the file has no name
      if (!(d.flags & kOCreat)) return PathStep::kSeen;
      if (d.flags & kOExcl) return PathStep::kMake;
      return PathStep::kCreate;
    case Op::kUnlink:
    case Op::kRmdir: return PathStep::kAbsent;
    case Op::kMkdir:
    case Op::kSymlink:
    case Op::kLink: return PathStep::kMake;
    default: return PathStep::kSeen;
  }
}

// Walks each path's steps in time order and keeps the spans in which it named a file the run
// made. strace cannot tell an O_CREAT that made a file from one that opened (and with O_TRUNC
// emptied) an existing one, so a plain O_CREAT counts only where the trace saw the path absent
// first: `> ~/.bash_history` as the first call on the path is the user's file emptied. The
// inotify log can tell: when it holds as many IN_CREATE/IN_MOVED_TO events of the path as the
// run made the name with that first O_CREAT counted as a creation, the first O_CREAT made it
// (an O_CREAT of an existing file is only IN_OPEN/IN_MODIFY). One event fewer (the file was
// there, or inotifywait had not yet watched a folder the run had just made) keeps the strace
// reading.
void ModelBuilder::FindMadeSpans() {
  std::sort(path_steps_.begin(), path_steps_.end(), [&](const PathStepRecord& a, const PathStepRecord& b) {
    return a.file != b.file ? a.file < b.file : EarlierEvent(s_, a.event, b.event);
  });
  for (size_t k = 0; k < path_steps_.size();) {
    size_t end = k;
    while (end < path_steps_.size() && path_steps_[end].file == path_steps_[k].file) ++end;
    FileSummary& f = m_.files_[path_steps_[k].file];
    const std::span<const PathStepRecord> steps(path_steps_.data() + k, end - k);
    if (steps.front().step == PathStep::kCreate && f.inotify_creates > 0) {
      MadeSpans(steps, /*first_create_makes=*/true, &f.made);
      if (f.made.size() > f.inotify_creates) f.made.clear();
    }
    if (f.made.empty()) MadeSpans(steps, /*first_create_makes=*/false, &f.made);
    k = end;
  }
  path_steps_ = {};
  last_step_ = {};
}

// The spans one path's steps (time order) make; `first_create_makes`: an O_CREAT that is the
// first step made the file.
void ModelBuilder::MadeSpans(std::span<const PathStepRecord> steps, bool first_create_makes,
                             std::vector<std::pair<EventIndex, EventIndex>>* made) const {
  enum class State : uint8_t { kUnknown, kThere, kAbsent, kMade };
  State state = first_create_makes ? State::kAbsent : State::kUnknown;
  for (const PathStepRecord& r : steps) {
    switch (r.step) {
      case PathStep::kSeen:
        if (state != State::kMade) state = State::kThere;
        break;
      case PathStep::kAbsent:
        if (state == State::kMade) made->back().second = r.event;
        state = State::kAbsent;
        break;
      case PathStep::kCreate:
      case PathStep::kMake:
        if (state == State::kMade) break;
        if (r.step == PathStep::kCreate && state != State::kAbsent) {
          state = State::kThere;
          break;
        }
        made->emplace_back(r.event, kNoEvent);
        state = State::kMade;
        break;
      case PathStep::kNone:
        break;
    }
  }
}

// The program an exec of the dynamic loader runs (`ld-linux-x86-64.so.2 [OPTIONS] PROGRAM`):
// its first operand, from the process's cwd when relative; "" for another exec.
std::string ModelBuilder::LoaderProgram(ProcIndex p, const Event& e, const Detail& d) const {
  const std::string_view name = Basename(s_.str(e.str));
  if (!name.starts_with("ld-linux") && !(name.starts_with("ld-") && name.find(".so") != std::string_view::npos)) return "";
  static constexpr std::string_view kValued[] = {"--library-path", "--inhibit-rpath", "--audit", "--preload",
                                                 "--argv0", "--glibc-hwcaps-prefix", "--glibc-hwcaps-mask"};
  const std::vector<std::string_view> words = Words(s_.str(d.str2));
  for (size_t k = 1; k < words.size(); ++k) {
    if (std::find(std::begin(kValued), std::end(kValued), words[k]) != std::end(kValued)) {
      ++k;
    } else if (!words[k].starts_with("--")) {
      if (words[k].front() == '/') return std::string(words[k]);
      const std::string_view cwd = p == kNoProc ? std::string_view() : m_.Cwd(m_.processes_[p]);
      return cwd.starts_with('/') ? JoinPath(cwd, words[k]) : "";
    }
  }
  return "";
}

bool ModelBuilder::IsLinkRead(const Event& e) const {
  const std::string_view name = s_.name(e.name);
  return name == "readlink" || name == "readlinkat";
}

bool ModelBuilder::IsNotALink(const Event& e) const {
  static const uint8_t kInval = ErrnoIndex("EINVAL");
  return e.err == kInval && IsLinkRead(e);
}

bool ModelBuilder::IsOutputCapture(StrId path) const {
  if (path == kNoStr) return false;
  const std::string_view name = Basename(s_.str(path));
  return name == "program.log" || std::find(output_names_.begin(), output_names_.end(), name) != output_names_.end();
}

namespace {
DepOrigin OriginOf(PathClass cls) {
  switch (cls) {
    case PathClass::kApp: return DepOrigin::kProject;
    case PathClass::kSystem: return DepOrigin::kSystem;
    case PathClass::kHome: return DepOrigin::kUser;
    case PathClass::kTemp: return DepOrigin::kTemp;
    default: return DepOrigin::kOther;
  }
}

// A package manager's own process (pip, npm, yarn ...; `python3 -m pip`): what it reads it
// copies, extracts or byte-compiles, and what it imports is its own code, not the program's.
// The scripts it runs are children with their own command lines.
bool IsPackageManager(std::string_view cmdline) {
  static constexpr std::string_view kOthers[] = {"npx", "npx-cli.js", "pip", "pip3", "poetry", "uv", "gem", "bundle",
                                                 "composer"};
  const std::vector<std::string_view> words = Words(cmdline);
  for (size_t k = 0; k < 2 && k < words.size(); ++k) {
    const std::string_view name = Basename(words[k]);
    if (IsNodeManager(name) || std::find(std::begin(kOthers), std::end(kOthers), name) != std::end(kOthers)) return true;
    if (name.starts_with("pip3.")) return true;
  }
  for (size_t k = 1; k + 1 < words.size() && k < 4; ++k)
    if (words[k] == "-m" && (words[k + 1] == "pip" || words[k + 1] == "ensurepip")) return true;
  return false;
}
}  // namespace

void ModelBuilder::NoteLoad(StrId path, PathClass cls, EventIndex i) {
  const ProcIndex p = m_.event_proc_[i];
  if (p == kNoProc || m_.InLaunch(i)) return;
  const Model::Program prog = m_.ProgramAt(p, i);
  if (prog.cmdline != kNoStr && IsPackageManager(s_.str(prog.cmdline))) return;
  const StrId program = prog.exe != kNoStr ? prog.exe : prog.cmdline;
  Runtime runtime = RuntimeOfProgram(s_.str(program));
  if (runtime == Runtime::kOther && prog.interpreter != kNoStr) runtime = RuntimeOfProgram(s_.str(prog.interpreter));
  auto known = runtime_of_program_.find(program);
  if (runtime == Runtime::kOther && known != runtime_of_program_.end()) runtime = known->second;
  const ModuleFile* m = m_.dependencies_.Note(path, s_.str(path), OriginOf(cls), runtime, i);
  // The kernel ran a #! script's interpreter without an execve of its own in the trace: the
  // interpreter shows in what it reads first.
  if (m != nullptr && m->kind != DepKind::kSharedLibrary && known == runtime_of_program_.end())
    runtime_of_program_.emplace(program, runtime == Runtime::kOther ? RuntimeOfFirstLoad(*m) : runtime);
}

void ModelBuilder::Files() {
  const auto& ev = s_.events();
  PathClassifier classifier(m_.app_dir_);
  auto touch = [&](StrId path, EventIndex i, uint32_t bits, int32_t pid) -> FileSummary* {
    if (path == kNoStr) return nullptr;
    std::string_view p = s_.str(path);
    if (p.empty() || p.front() != '/') return nullptr;
    auto [it, inserted] = m_.file_index_.try_emplace(path, static_cast<uint32_t>(m_.files_.size()));
    if (inserted) {
      FileSummary f;
      f.path = path;
      f.cls = classifier.Classify(p);
      f.first_event = i;
      m_.files_.push_back(f);
    }
    FileSummary& f = m_.files_[it->second];
    f.access |= bits;
    const Event& e = ev[i];
    if (e.time_ns != kNoTime) {
      if (f.first_ns == kNoTime || e.time_ns < f.first_ns) f.first_ns = e.time_ns;
      if (f.last_ns == kNoTime || e.time_ns > f.last_ns) f.last_ns = e.time_ns;
    }
    if (pid > 0 && f.pids.size() < 16 && std::find(f.pids.begin(), f.pids.end(), pid) == f.pids.end())
      f.pids.push_back(pid);
    return &f;
  };
  for (EventIndex i = 0; i < ev.size(); ++i) {
    const Event& e = ev[i];
    ProcIndex pi = m_.event_proc_[i];
    int32_t pid = pi == kNoProc ? 0 : m_.processes_[pi].pid;
    if (e.type == EventType::kFileEvent) {
      const Detail& d = s_.DetailOrEmpty(e);
      uint32_t bits = 0;
      if (d.flags & (kInAccess | kInCloseNoWrite)) bits |= kAccRead;
      if (d.flags & (kInModify | kInCloseWrite)) bits |= kAccWrite;
      if (d.flags & kInCreate) bits |= kAccCreate;
      if (d.flags & (kInDelete | kInDeleteSelf)) bits |= kAccDelete;
      if (d.flags & (kInMovedFrom | kInMovedTo)) bits |= kAccRename;
      if (d.flags & kInAttrib) bits |= kAccChmod;
      if (FileSummary* f = touch(e.str, i, bits, 0)) {
        ++f->inotify_events;
        if (d.flags & (kInCreate | kInMovedTo)) ++f->inotify_creates;
      }
      continue;
    }
    if (e.type != EventType::kSyscall || !IsStrace(s_, e)) continue;
    const Detail& d = s_.DetailOrEmpty(e);
    const StrId path = m_.PathArg(i);  // relative path arguments resolved by the walk
    // readlink's EINVAL is its answer "not a symbolic link" (runtimes that normalise paths ask
    // it of every directory), not a failed access.
    const bool failed = e.err != 0 && !IsNotALink(e);
    const uint32_t fail_bit = failed ? uint32_t{kAccFailed} : 0u;
    FileSummary* f = nullptr;
    switch (e.op) {
      case Op::kOpen: {
        uint32_t bits = kAccRead;
        if ((d.flags & kOAccMode) == kOWrOnly) bits = kAccWrite;
        if ((d.flags & kOAccMode) == kORdWr) bits |= kAccWrite;
        if (d.flags & (kOCreat | kOTmpfile)) bits |= kAccCreate;
        if (d.flags & kOTrunc) bits |= kAccWrite;
        if (failed) bits = kAccFailed;
        if ((f = touch(path, i, bits, pid))) {
          ++f->opens;
          if (bits == kAccRead && !(d.flags & (kODirectory | kOPath))) NoteLoad(path, f->cls, i);
          if (d.flags & kOCreat) f->creates += failed ? 0 : 1;
          if (bits & (kAccWrite | kAccCreate)) NoteWrite(*f, i);
        }
        break;
      }
      case Op::kRead:
      case Op::kWrite: {
        StrId target = m_.FdTarget(i);
        // The program's stdout/stderr going to the artifacts' own program.log is the harness's
        // capture of its output (a source of its own), not a file the program chose to write.
        if (e.op == Op::kWrite && (e.fd == 1 || e.fd == 2) && IsOutputCapture(target)) break;
        if ((f = touch(target, i, (e.op == Op::kRead ? kAccRead : kAccWrite) | fail_bit, pid)))
          ++(e.op == Op::kRead ? f->reads : f->writes);
        break;
      }
      case Op::kExec: {
        const bool ran = !failed && e.result == 0 && !(e.flags & kResultUnknown);
        // `/lib64/ld-linux-x86-64.so.2 /dev/shm/.shm-cache`: the loader runs the program it is
        // given, which no exec names. (Touched first: a touch may move the summaries, and f
        // must stay valid for NoteStep below.)
        const std::string program = ran ? LoaderProgram(pi, e, d) : std::string();
        if (FileSummary* g = program.empty() ? nullptr : touch(s_.InternDerived(program), i, kAccExec, pid)) {
          ++g->execs;
          if (g->first_exec == kNoEvent || m_.Before(i, g->first_exec)) g->first_exec = i;
        }
        if ((f = touch(path, i, kAccExec | fail_bit, pid))) {
          ++f->execs;
          if (ran && (f->first_exec == kNoEvent || m_.Before(i, f->first_exec))) f->first_exec = i;
        }
        break;
      }
      case Op::kMmap:
        // The loader maps a library's code PROT_EXEC from the fd it opened (the open may
        // predate the trace: strace -p).
        if (!failed && e.fd >= 0 && (d.flags & kProtExec)) {
          const StrId target = m_.FdTarget(i);
          if (target != kNoStr && s_.str(target).starts_with('/')) NoteLoad(target, classifier.Classify(s_.str(target)), i);
        }
        break;
      case Op::kUnlink:
      case Op::kRmdir:
        if ((f = touch(path, i, kAccDelete | fail_bit, pid))) ++f->deletes;
        break;
      case Op::kRename:
        if ((f = touch(path, i, kAccRename | fail_bit, pid))) ++f->renames;
        NoteStep(f, i, StepOf(e, d, failed) == PathStep::kNone ? PathStep::kNone : PathStep::kAbsent);
        if ((f = touch(m_.TargetArg(i), i, kAccRename | kAccCreate | fail_bit, pid))) {
          ++f->renames;
          if (!failed) NoteWrite(*f, i);
          NoteStep(f, i, failed ? PathStep::kNone : PathStep::kMake);
        }
        f = nullptr;
        break;
      case Op::kMkdir:
      case Op::kSymlink:
      case Op::kLink:
        if ((f = touch(e.op == Op::kMkdir ? path : m_.TargetArg(i), i, kAccCreate | fail_bit, pid))) {
          ++f->creates;
          if (e.op == Op::kLink && !failed) NoteWrite(*f, i);
        }
        break;
      case Op::kChmod:
      case Op::kChown:
      case Op::kUtime:
      case Op::kXattr:
        if ((f = touch(path, i, kAccChmod | fail_bit, pid))) ++f->chmods;
        break;
      case Op::kTruncate:
        f = touch(path, i, kAccWrite | fail_bit, pid);
        break;
      case Op::kStat:
        if ((e.fd == 1 || e.fd == 2) && IsOutputCapture(path)) break;  // stdio sizing its buffer
        f = touch(path, i, kAccStat | fail_bit, pid);
        break;
      default:
        break;
    }
    if (f && failed) ++f->failures;
    if (e.op != Op::kRead && e.op != Op::kWrite) NoteStep(f, i, StepOf(e, d, failed));
  }
  m_.dependencies_.Finish();
  FindMadeSpans();
}

// The events of the snapshot files (ps, ss, netstat), which are a small part of the store.
std::vector<EventIndex> ModelBuilder::SnapshotEvents() const {
  std::vector<EventIndex> out;
  for (const SourceFile& f : s_.files()) {
    if (f.kind != SourceKind::kPs && f.kind != SourceKind::kSs && f.kind != SourceKind::kNetstat) continue;
    for (EventIndex i = f.first_event; i < f.end_event; ++i) out.push_back(i);
  }
  return out;
}

// ps and the trace may see different pid namespaces. A ps row whose number the trace does not
// know (or knows as another program) is matched to a traced process still running with the
// same command line; among several, the one whose parent runs the ps row's parent's command.
ProcIndex ModelBuilder::MatchByCommand(const Event& row, const Detail& d,
                                       const absl::flat_hash_map<int32_t, StrId>& ps_command) {
  const std::string_view cmd = s_.str(row.str);
  auto parent = ps_command.find(d.a);
  const std::string_view parent_cmd = parent == ps_command.end() ? std::string_view() : s_.str(parent->second);
  ProcIndex best = kNoProc;
  int best_score = 0;
  for (ProcIndex q = 0; q < m_.processes_.size(); ++q) {
    const Process& cand = m_.processes_[q];
    if (!cand.in_strace || cand.in_ps || cand.cmdline == kNoStr || s_.str(cand.cmdline) != cmd) continue;
    if (cand.end_ns != kNoTime && cand.exit_event != kNoEvent) continue;  // gone before ps ran
    const bool parent_matches = !parent_cmd.empty() && cand.parent != kNoProc &&
                                s_.str(m_.processes_[cand.parent].cmdline) == parent_cmd;
    const int score = parent_matches ? 2 : 1;
    if (score > best_score) {
      best = q;
      best_score = score;
    }
  }
  if (best != kNoProc) {
    m_.notes_.push_back(StrCat("ps pid ", row.tid, " (", cmd, ") matched to traced pid ", m_.processes_[best].pid,
                               best_score == 2 ? " by command line and parent" : " by command line",
                               ": different pid namespaces"));
  }
  return best;
}

// The program a ps command line runs, against a traced process's: first words, by basename
// ("/usr/bin/node app.js" and "node app.js" are the same program; "[kworker/0:1]" is none).
// A process title a server writes over its argv without exec, setproctitle's "name: what"
// ("nginx: worker process", "postgres: checkpointer"), names the program before the colon.
// Any other text written over argv ("sshd: root@notty" from ./gvfsd-helper) still leaves the
// kernel's comm, the exec'd file's name cut to 15 bytes, in ps's COMMAND column (ps_comm,
// or the command's own name when ps printed no such column).
bool ModelBuilder::SameProgram(const Process& p, std::string_view ps_cmd, std::string_view ps_comm) const {
  if (p.cmdline == kNoStr || ps_cmd.empty()) return true;  // nothing to compare
  std::string_view ps_program = ProgramOf(ps_cmd);
  if (IsProcessTitle(ps_cmd)) ps_program.remove_suffix(1);
  constexpr size_t kCommBytes = 15;  // TASK_COMM_LEN - 1
  const std::string_view exe_name = p.exe == kNoStr ? std::string_view() : Basename(s_.str(p.exe));
  return ProgramOf(s_.str(p.cmdline)) == ps_program ||
         (!exe_name.empty() && (exe_name == ps_program || exe_name.substr(0, kCommBytes) == ps_comm));
}

// Processes from ps and owners from ss/netstat join the traced ones by pid (or, across pid
// namespaces, by command line: MatchByCommand), and socket rows become endpoints.
void ModelBuilder::JoinSnapshots() {
  const auto& ev = s_.events();
  const std::vector<EventIndex> rows = SnapshotEvents();
  absl::flat_hash_map<int32_t, StrId> ps_command;  // ps pid -> command line, for parents
  for (EventIndex i : rows)
    if (ev[i].type == EventType::kProcessRow) ps_command.emplace(ev[i].tid, ev[i].str);
  // A thread row (ps -L) belongs to the process its process row joined, which follows it in
  // the file; it changes nothing about that process.
  int32_t row_pid = -1;
  ProcIndex row_proc = kNoProc;
  for (EventIndex i : rows) {
    const Event& e = ev[i];
    if (e.type == EventType::kProcessRow && (s_.DetailOrEmpty(e).flags & kPsThreadRow)) {
      m_.event_proc_[i] = e.tid == row_pid ? row_proc : m_.FindPid(e.tid);
      continue;
    }
    if (e.type == EventType::kProcessRow) {
      const Detail& d = s_.DetailOrEmpty(e);
      row_pid = e.tid;
      row_proc = kNoProc;  // until it joins one
      ProcIndex p = m_.FindPid(e.tid);
      // A number the trace knows as a thread (86 of java pid 66; BusyBox `ps -T` prints a
      // thread's tid with its process's argv) whose row runs another program is a process of
      // another pid namespace too.
      const bool thread_id = p != kNoProc && m_.processes_[p].pid != e.tid;
      if (p != kNoProc && m_.processes_[p].in_strace && !SameProgram(m_.processes_[p], s_.str(e.str), s_.name(e.name))) {
        // The same number runs another program: ps saw another pid namespace (a container's
        // ps against a host trace, or the reverse).
        const Process& traced = m_.processes_[p];
        m_.notes_.push_back(StrCat("ps pid ", e.tid, " (", s_.str(e.str), ") is not traced ",
                                   thread_id ? StrCat("thread ", e.tid, " of pid ", traced.pid) : StrCat("pid ", e.tid),
                                   " (", s_.str(traced.cmdline), "): different pid namespaces"));
        p = kNoProc;
        if (ProcIndex q = MatchByCommand(e, d, ps_command); q != kNoProc) p = q;
        if (p == kNoProc) {
          // Left out, said. A thread's number is no row of its process either (AssignEvents
          // gave it one); a traced pid keeps its row, which may show that process disguised
          // ("[kworker/0:1]", kernel_thread_masquerade).
          if (thread_id) m_.event_proc_[i] = kNoProc;
          continue;
        }
      } else if (p == kNoProc) {
        p = MatchByCommand(e, d, ps_command);
      }
      if (p == kNoProc) {
        p = AddProcess(e.tid);
        m_.processes_[p].cmdline = e.str;
        m_.processes_[p].ppid = d.a;
      }
      Process& proc = m_.processes_[p];
      // ps has the full command line; a process known only from an ss row has just its name,
      // and one traced from the middle (strace -p) never showed its exec.
      if (!proc.in_strace) {
        proc.cmdline = e.str;
        proc.ppid = d.a;
      } else {
        if (proc.cmdline == kNoStr) proc.cmdline = e.str;
        else if (IsProcessTitle(s_.str(e.str))) proc.title = e.str;
        // The trace does not show who started its root (strace, the harness): ps does.
        if (proc.parent == kNoProc && proc.ppid < 0) proc.ppid = d.a;
      }
      proc.in_ps = true;
      proc.user = d.str2;
      m_.event_proc_[i] = p;
      row_proc = p;
    } else if (e.type == EventType::kSocketRow) {
      const Detail& d = s_.DetailOrEmpty(e);
      if (d.a <= 0) continue;
      ProcIndex p = m_.FindPid(d.a);
      if (p == kNoProc) {
        p = AddProcess(d.a);
        m_.processes_[p].cmdline = d.str3;
      }
      m_.processes_[p].in_ss = true;
      m_.event_proc_[i] = p;
    }
  }
  // Socket rows are endpoints too (a snapshot of what was open).
  for (EventIndex i : rows) {
    const Event& e = ev[i];
    if (e.type != EventType::kSocketRow) continue;
    const Detail& d = s_.DetailOrEmpty(e);
    std::string_view state = s_.name(e.name);
    bool listening = state == "LISTEN" || state == "UNCONN";
    std::string_view addr = listening ? s_.str(e.str) : s_.str(d.str2);
    const int32_t family = (d.flags & kSockUnix)      ? 1
                           : (d.flags & kSockNetlink) ? 16
                           : (d.flags & kSockV6)      ? 10
                                                      : 2;
    AddEndpoint(e, i, d.a, Op::kOther, addr, family, &m_.endpoints_);
  }
  // A root traced from the middle (strace -p) has its command line from ps only, after Build
  // gave each child that never exec'd its parent's: its forked workers run that program too.
  for (bool changed = true; changed;) {
    changed = false;
    for (Process& p : m_.processes_) {
      if (p.cmdline != kNoStr || p.exe != kNoStr || p.parent == kNoProc || !p.in_strace) continue;
      const Process& parent = m_.processes_[p.parent];
      if (parent.cmdline == kNoStr) continue;
      p.cmdline = parent.cmdline;
      changed = true;
    }
  }
}

// The exec of a process that started its program: its first successful exec, extended over
// each later successful exec as long as the program being replaced is a launcher. Its index
// in p.execs; the last failed attempt when none succeeded; execs.size() when there is none.
size_t ModelBuilder::HandOver(const Process& p) const {
  size_t end = p.execs.size(), first_ok = p.execs.size();
  for (size_t k = 0; k < p.execs.size(); ++k) {
    if (!p.execs[k].ok) continue;
    if (first_ok == p.execs.size()) {
      first_ok = end = k;
    } else if (IsLauncherProgram(s_.str(p.execs[end].path)) ||
               RunsScript(s_.str(p.execs[k].cmdline), s_.str(p.execs[end].path))) {
      end = k;
    } else {
      break;
    }
  }
  if (end == p.execs.size() && !p.execs.empty()) end = p.execs.size() - 1;  // none succeeded
  return end;
}

// The root's start: its execs up to the hand-over (HandOver). When launchers ran, the
// processes they started before the hand-over (and their descendants) are theirs.
void ModelBuilder::FindTargetStart() {
  if (m_.root_ == kNoProc) return;
  const Process& root = m_.processes_[m_.root_];
  size_t first_ok = 0;
  while (first_ok < root.execs.size() && !root.execs[first_ok].ok) ++first_ok;
  size_t end = HandOver(root);
  if (end == root.execs.size()) end = 0;
  bool run_script = false;
  for (size_t k = 0; k <= end && k < root.execs.size(); ++k) {
    m_.start_execs_.push_back(root.execs[k].event);
    run_script |= root.execs[k].ok && IsRunScriptManager(s_.str(root.execs[k].cmdline));
  }
  if (run_script) MarkRunScriptShells();
  else if (end < root.execs.size()) FindWrappedCommand(root.execs[end]);
  std::sort(m_.start_execs_.begin(), m_.start_execs_.end());
  if (run_script || end == first_ok || end >= root.execs.size()) return;
  m_.launch_end_ = root.execs[end].event;
  // What the chain started before the hand-over (a shim's readlink ...) is the chain's. A
  // process of it still running at the hand-over is not: a daemon the chain started that lives
  // on beside the program (erlexec's `sh -c "epmd" -daemon`: the copy that listens on :4369
  // after its parents exited; testdata/cases/erlang_escript_kv) is judged by what it does.
  std::vector<ProcIndex> stack;
  for (ProcIndex c : root.children) {
    const Process& child = m_.processes_[c];
    if (child.created_by != kNoEvent && m_.Before(child.created_by, m_.launch_end_)) stack.push_back(c);
  }
  // Ends are known only once WalkProcesses ran: find them here (a chain is rare).
  absl::flat_hash_map<ProcIndex, EventIndex> ends;
  const auto& ev = s_.events();
  for (EventIndex i = 0; i < ev.size(); ++i) {
    if (ev[i].type != EventType::kExited && ev[i].type != EventType::kKilled) continue;
    const ProcIndex p = m_.event_proc_[i];
    if (p != kNoProc && ev[i].tid == m_.processes_[p].pid) ends[p] = i;
  }
  MarkLaunchers(std::move(stack), [&](ProcIndex p) {
    const auto end_it = ends.find(p);
    return end_it != ends.end() && m_.Before(end_it->second, m_.launch_end_);
  });
}

// A wrapper at the root (`timeout 1 python3 x.py`, /usr/bin/time, flock, `script -qc`, sudo,
// xvfb-run) forks the command it was given and waits for it: the one child (or, under sudo's
// monitor, grandchild) whose first program runs the wrapper's last arguments
// (RunsWrappedCommand) is the target; its execs up to its own hand-over are the target's start.
// A shell given a command string that forks its one command instead of exec'ing it (dash:
// `sh -c "python3 x.py"` at the root, or the shell `su -s /bin/sh nobody -c CMD` runs) is
// such a wrapper too, and the search goes on below a shell the wrapper started. The wrapper,
// the monitor and shells in between and the wrappers' other children (Xvfb, xauth) are the
// launcher. Two such children, or none, leave the root the target.
void ModelBuilder::FindWrappedCommand(const ExecRecord& wrapper) {
  ProcIndex found = kNoProc;
  const ExecRecord* exec = &wrapper;
  std::vector<ProcIndex> stack;  // the wrappers' other children
  for (ProcIndex w = m_.root_; w != kNoProc; w = found) {
    const ProcIndex child = WrappedChild(w, *exec);
    if (child == kNoProc) break;
    if (found != kNoProc) m_.processes_[found].launcher = true;  // a shell between
    for (ProcIndex c : m_.processes_[w].children) {
      if (c == m_.processes_[child].parent) m_.processes_[c].launcher = true;  // sudo's monitor
      else if (c != child) stack.push_back(c);
    }
    found = child;
    exec = &m_.processes_[found].execs[HandOver(m_.processes_[found])];
  }
  if (found == kNoProc) return;
  m_.target_ = found;
  m_.root_launches_ = true;
  m_.processes_[m_.root_].is_target = false;
  Process& target = m_.processes_[found];
  target.is_target = true;
  const size_t end = HandOver(target);
  for (size_t k = 0; k <= end && k < target.execs.size(); ++k) m_.start_execs_.push_back(target.execs[k].event);
  m_.target_start_ = target.execs[end].event;
  MarkLaunchers(std::move(stack));
}

// The child of the wrapper process w (its program started by `wrapper`) that runs the command
// the wrapper was given (see FindWrappedCommand), or kNoProc when there is none or more than
// one, or w is no wrapper: a shell is one only with a command string and a single child.
ProcIndex ModelBuilder::WrappedChild(ProcIndex w, const ExecRecord& wrapper) const {
  const std::string_view path = s_.str(wrapper.path), wrapper_cmd = s_.str(wrapper.cmdline);
  const Process& proc = m_.processes_[w];
  if (!wrapper.ok || !IsLauncherProgram(path) || (IsShell(path) && (!HasCommandString(wrapper_cmd) ||
                                                                     proc.children.size() != 1)))
    return kNoProc;
  auto first_ok = [&](const Process& p) -> const ExecRecord* {
    for (const ExecRecord& x : p.execs)
      if (x.ok) return &x;
    return nullptr;
  };
  ProcIndex found = kNoProc;
  for (ProcIndex c : proc.children) {
    ProcIndex p = c;
    const Process& child = m_.processes_[c];
    if (first_ok(child) == nullptr && child.children.size() == 1) p = child.children[0];  // sudo's monitor
    const ExecRecord* first = first_ok(m_.processes_[p]);
    if (first == nullptr || !m_.Before(wrapper.event, first->event) ||
        !(RunsWrappedCommand(wrapper_cmd, s_.str(first->cmdline)) ||
          RunsCutCommandString(wrapper_cmd, s_.str(first->cmdline), s_.event(wrapper.event).flags & kTruncated)))
      continue;
    if (found != kNoProc) return kNoProc;
    found = p;
  }
  return found;
}

// `npm start` runs the package's script as `sh -c '<script>'`: the package manager and that
// shell are the launcher, the programs the shell starts are the target. Their first execs are
// the target's start, and what they do is judged; npm's own work (its config, its cache) is not.
void ModelBuilder::MarkRunScriptShells() {
  m_.root_launches_ = true;
  for (ProcIndex c : m_.processes_[m_.root_].children) {
    Process& shell = m_.processes_[c];
    const ExecRecord* first = nullptr;
    for (const ExecRecord& x : shell.execs)
      if (x.ok && first == nullptr) first = &x;
    if (first == nullptr || !IsShell(s_.str(first->path))) continue;
    shell.launcher = true;
    for (const ExecRecord& x : shell.execs) m_.start_execs_.push_back(x.event);  // sh, then exec in place
    for (ProcIndex g : shell.children) {
      for (const ExecRecord& x : m_.processes_[g].execs) {
        m_.start_execs_.push_back(x.event);
        if (x.ok) break;
      }
    }
  }
}

void ModelBuilder::MarkLaunchers(std::vector<ProcIndex> stack, absl::FunctionRef<bool(ProcIndex)> take) {
  while (!stack.empty()) {
    ProcIndex p = stack.back();
    stack.pop_back();
    if (m_.processes_[p].launcher || !take(p)) continue;
    m_.processes_[p].launcher = true;
    for (ProcIndex c : m_.processes_[p].children) stack.push_back(c);
  }
}

void ModelBuilder::SyscallCounts() {
  absl::flat_hash_map<NameId, std::pair<uint64_t, uint64_t>> counts;
  uint64_t injected = 0;
  const Event* first_injected = nullptr;
  for (const Event& e : s_.events()) {
    if (e.type != EventType::kSyscall && e.type != EventType::kUnfinished) continue;
    if (!IsStrace(s_, e)) continue;
    if ((e.flags & kInjected) && injected++ == 0) first_injected = &e;
    auto& c = counts[e.name];
    ++c.first;
    ++m_.calls_;
    if (e.err != 0) {
      ++c.second;
      ++m_.failed_calls_;
    } else if (e.type == EventType::kSyscall && !(e.flags & kResultUnknown)) {
      ++m_.succeeded_calls_;
    }
    if (e.op == Op::kOpen && e.type == EventType::kSyscall) {
      ++m_.opens_;
      m_.opens_without_path_ += s_.str(e.str).empty();
    }
    m_.traced_calls_ |= CallClassOf(e.op);
  }
  // The strace that wrote the trace, when ps caught it running.
  if (m_.root_ != kNoProc && !counts.empty()) {
    const Process& root = m_.processes_[m_.root_];
    for (ProcIndex q = 0; q < m_.processes_.size(); ++q) {
      const Process& p = m_.processes_[q];
      if (!p.in_ps || p.in_strace) continue;
      const TracerRow row = ReadTracerRow(s_.str(p.cmdline), root.pid, s_.str(root.cmdline));
      if (!row.ours) continue;
      m_.tracer_ = q;
      m_.tracer_attached_ = row.attached;
      m_.tracer_filtered_ = row.filtered;
      if (row.filtered && !row.other_filter && !row.trace_spec.empty()) {
        const uint32_t held = ClassesOfTraceSpec(row.trace_spec);
        // kCallsMemory stands for "unfiltered": only when every class is held (`-e trace=!futex`).
        m_.traced_calls_ = held == kCallsAll ? held : held & ~kCallsMemory;
        m_.trace_filter_ = std::string(row.trace_spec);
      }
      // strace -p shows none of the program's start-up calls (mmap, brk), which is how an
      // unfiltered trace is otherwise recognised.
      if (!row.filtered && !(m_.traced_calls_ & kCallsMemory)) {
        m_.traced_calls_ |= kCallsAll;
        m_.notes_.push_back(StrCat("the trace has no memory call (mmap, brk), yet ps shows its strace without a "
                                   "filter (pid ", p.pid, ": ", s_.str(p.cmdline),
                                   "): every call of the traced processes is in it from where it begins"));
      }
      break;
    }
  }
  // Fault injection makes failures the system never had: findings about failed calls
  // (fork_failure, memory_exhausted, a start-up crash) may be the reviewer's own doing.
  if (injected > 0)
    m_.notes_.push_back(StrCat(Counted(injected, "call(s)"), " returned what strace injected (-e inject= / -e fault=; first at ",
                               s_.Where(*first_injected),
                               "): those failures and return values were made by the fault injection, not by "
                               "the system, and findings about failed calls may come from them"));
  m_.syscall_counts_.assign(counts.begin(), counts.end());
  std::sort(m_.syscall_counts_.begin(), m_.syscall_counts_.end(), [&](const auto& a, const auto& b) {
    if (a.second.first != b.second.first) return a.second.first > b.second.first;
    return s_.name(a.first) < s_.name(b.first);
  });
}

// Whether the trace shows memory calls (mmap, brk), which every program makes: strace ran
// without -e trace= (SyscallCounts finds the same later, for every class).
bool ModelBuilder::Unfiltered() const {
  for (const Event& e : s_.events())
    if (e.type == EventType::kSyscall && (CallClassOf(e.op) & kCallsMemory) && IsStrace(s_, e)) return true;
  return false;
}

void ModelBuilder::FindUntracedCreations() {
  // In an unfiltered trace every tid makes calls from its first instant, so an empty file of
  // a -ff set (strace killed before it wrote the tid's first line, a copy cut short) names its
  // tid but shows nothing of it: like a missing file. A filtered one with -qq leaves a tid
  // that made none of the traced calls an empty file (see Model::untraced_creations).
  absl::flat_hash_set<int32_t> file_tids, empty_file_tids;
  for (const SourceFile& f : s_.files())
    if (f.kind == SourceKind::kStrace && f.default_tid > 0)
      (f.end_event > f.first_event ? file_tids : empty_file_tids).insert(f.default_tid);
  if (!empty_file_tids.empty() && !Unfiltered()) {
    file_tids.insert(empty_file_tids.begin(), empty_file_tids.end());
    empty_file_tids.clear();
  }
  if (file_tids.empty() && empty_file_tids.empty()) return;  // one file for every tid: none has a file of its own
  auto traced = [&](int32_t tid) { return file_tids.contains(tid) || first_event_of_tid_.contains(tid); };
  absl::flat_hash_set<int32_t> created;
  size_t found = 0;  // clone results naming a traced tid: the results and the names agree
  for (const CloneRec& c : clones_) {
    created.insert(c.child_tid);
    found += traced(c.child_tid);
  }
  // Traced tids no clone of the trace made: the root's, those of filtered-out forks, those
  // that were running when strace attached (-p), or all of them when the clone results count
  // in another pid namespace than the file names. When no result names a traced tid, only
  // a result among the traced tids' numbers (pids are handed out in increasing order) is
  // known to count in the same namespace.
  size_t uncreated = 0;
  int32_t lo = INT32_MAX, hi = 0;
  auto see = [&](int32_t tid) {
    uncreated += !created.contains(tid);
    lo = std::min(lo, tid);
    hi = std::max(hi, tid);
  };
  for (int32_t tid : file_tids) see(tid);
  for (int32_t tid : empty_file_tids) see(tid);
  for (const auto& [tid, first] : first_event_of_tid_)
    if (!file_tids.contains(tid)) see(tid);
  const bool same_namespace = found > 0 || uncreated <= 1;
  for (const CloneRec& c : clones_)
    if (!traced(c.child_tid) && (same_namespace || (c.child_tid > lo && c.child_tid < hi)))
      m_.untraced_creations_.push_back(c.event);
  std::sort(m_.untraced_creations_.begin(), m_.untraced_creations_.end());
}

void BuildLife(const EventStore& s, Model* m, RunLife* life);  // model_life.cc
void BuildSleeps(const EventStore& s, const Model& m, SleepLedger* out);  // model_life.cc
void BuildBusy(const EventStore& s, Model* m);                             // model_life.cc

Model ModelBuilder::Build() {
  Coverage();
  Structure();
  FindUntracedCreations();
  AssignEvents();
  // Exec records per process, in store order (an exec in any thread replaces the image).
  const auto& ev = s_.events();
  for (EventIndex i = 0; i < ev.size(); ++i) {
    const Event& e = ev[i];
    if (e.op != Op::kExec || e.type != EventType::kSyscall || !IsStrace(s_, e)) continue;
    ProcIndex p = m_.event_proc_[i];
    if (p == kNoProc) continue;
    const Detail& d = s_.DetailOrEmpty(e);
    ExecRecord r{i, e.str, d.str2, e.err == 0, (d.flags & kExecEnvShown) != 0, d.str3};
    r.history_off = (d.flags & kExecHistoryOff) != 0;
    Process& proc = m_.processes_[p];
    proc.execs.push_back(r);
    if (r.ok) {
      proc.exe = e.str;
      proc.cmdline = d.str2;
    }
  }
  FindTargetStart();
  MarkAddedEnvHooks();
  // A child that never exec'd runs its parent's image.
  for (Process& p : m_.processes_) {
    if (p.start_ns == kNoTime) {
      auto it = first_event_of_tid_.find(p.pid);
      if (p.created_by != kNoEvent) p.start_ns = ev[p.created_by].time_ns;
      else if (it != first_event_of_tid_.end()) p.start_ns = ev[it->second].time_ns;
    }
  }
  for (ProcIndex q = 0; q < m_.processes_.size(); ++q) {
    Process& p = m_.processes_[q];
    if (p.exe == kNoStr && p.parent != kNoProc) {
      p.exe = m_.processes_[p.parent].exe;
      p.cmdline = m_.processes_[p.parent].cmdline;
    }
  }
  OrderProcessEvents();
  WalkProcesses();
  NameScripts();
  FindAppDir();
  m_.dependencies_.set_project_dir(m_.app_dir_);
  Files();
  JoinSnapshots();
  SyscallCounts();
  BuildLife(s_, &m_, &m_.life_);
  BuildSleeps(s_, m_, &m_.sleeps_);
  BuildBusy(s_, &m_);
  return std::move(m_);
}

Model BuildModel(const EventStore& store, int threads) {
  unsigned hw = std::thread::hardware_concurrency();
  int n = threads > 0 ? threads : (hw == 0 ? 1 : static_cast<int>(hw));
  tbb::task_arena arena(n);
  Model out;
  arena.execute([&] { out = ModelBuilder(store, n).Build(); });
  return out;
}

}  // namespace rundown
