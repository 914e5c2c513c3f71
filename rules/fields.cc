#include "rules/fields.h"

#include <algorithm>
#include <array>
#include <cstdio>
#include <ctime>
#include <initializer_list>
#include <map>

#include "absl/container/flat_hash_set.h"
#include "engine/path_classifier.h"
#include "parsers/address.h"
#include "parsers/dns_query.h"
#include "parsers/errno_table.h"
#include "parsers/path_util.h"
#include "parsers/sent_payload.h"
#include "parsers/text_util.h"

namespace rundown::rules {
namespace {

// --- symbol tables ----------------------------------------------------------------------

constexpr Symbol kOps[] = {
    {"other", 0},           {"exec", 1},          {"clone", 2},          {"exit", 3},
    {"wait", 4},            {"open", 5},          {"read", 6},           {"write", 7},
    {"close", 8},           {"dup", 9},           {"pipe", 10},          {"stat", 11},
    {"unlink", 12},         {"rename", 13},       {"mkdir", 14},         {"rmdir", 15},
    {"chmod", 16},          {"chown", 17},        {"link", 18},          {"symlink", 19},
    {"truncate", 20},       {"chdir", 21},        {"socket", 22},        {"connect", 23},
    {"bind", 24},           {"listen", 25},       {"accept", 26},        {"send", 27},
    {"recv", 28},           {"shutdown", 29},     {"setid", 30},         {"capset", 31},
    {"prctl", 32},          {"ptrace", 33},       {"kill", 34},          {"mmap", 35},
    {"mprotect", 36},       {"memfd", 37},        {"fs_access", 38},     {"fs_modify", 39},
    {"fs_attrib", 40},      {"fs_close_write", 41}, {"fs_close_nowrite", 42}, {"fs_open", 43},
    {"fs_moved_from", 44},  {"fs_moved_to", 45},  {"fs_create", 46},     {"fs_delete", 47},
    {"fs_delete_self", 48}, {"fs_move_self", 49}, {"fs_unmount", 50},    {"fs_overflow", 51},
    {"namespace", 52},      {"mount", 53},        {"module", 54},        {"sysadmin", 55},
    {"utime", 56},          {"sleep", 57},        {"getsockopt", 58},    {"xattr", 59},
    {"kernel", 60},         {"ioctl", 61},
};
static_assert(std::size(kOps) == static_cast<size_t>(Op::kCount_));
static_assert(static_cast<int>(Op::kMemfd) == 37 && static_cast<int>(Op::kFsOverflow) == 51 &&
              static_cast<int>(Op::kUtime) == 56 && static_cast<int>(Op::kSleep) == 57 &&
              static_cast<int>(Op::kGetsockopt) == 58 && static_cast<int>(Op::kXattr) == 59 &&
              static_cast<int>(Op::kIoctl) == 61);

constexpr Symbol kTypes[] = {
    {"syscall", 0},  {"unfinished", 1}, {"resumed", 2},    {"signal", 3},      {"exited", 4},
    {"killed", 5},   {"attached", 6},   {"detached", 7},   {"file_event", 8},  {"socket_row", 9},
    {"process_row", 10}, {"log_line", 11}, {"run_info", 12},
};
static_assert(static_cast<int>(EventType::kRunInfo) == 12);

constexpr Symbol kSources[] = {{"unknown", 0}, {"strace", 1},      {"inotify", 2},   {"ss", 3},
                               {"netstat", 4}, {"ps", 5},          {"program_log", 6}, {"container", 7}};
static_assert(static_cast<int>(SourceKind::kContainer) == 7);

constexpr Symbol kPathClasses[] = {{"app", 0},  {"system", 1},    {"home", 2},
                                   {"temp", 3}, {"sensitive", 4}, {"other", 5}};
constexpr Symbol kDepKindSymbols[] = {
    {"npm", 0},           {"node_addon", 1},   {"node_file", 2},   {"python_stdlib", 3}, {"python_package", 4},
    {"python_module", 5}, {"python_startup", 6}, {"ruby_stdlib", 7}, {"ruby_gem", 8},      {"ruby_file", 9},
    {"perl_module", 10},  {"java_archive", 11}, {"java_class", 12}, {"erlang_app", 13}, {"lua_module", 14},
    {"composer_package", 15}, {"php_file", 16}, {"shared_library", 17}};
constexpr Symbol kDepOriginSymbols[] = {{"system", 0}, {"project", 1}, {"user", 2}, {"temp", 3}, {"other", 4}};
constexpr Symbol kNetClasses[] = {{"loopback", 0},    {"private", 1}, {"link_local", 2}, {"external", 3},
                                  {"unspecified", 4}, {"unix", 5},    {"netlink", 6},    {"unknown", 7}};
constexpr Symbol kFamilies[] = {{"unix", 1}, {"inet", 2}, {"inet6", 10}, {"netlink", 16}, {"packet", 17}, {"other", -2}};
constexpr Symbol kProtos[] = {{"tcp", 0}, {"udp", 1}, {"unix", 2}, {"raw", 3}, {"netlink", 4}, {"other", 5}};
constexpr Symbol kFdTypes[] = {{"file", 0}, {"socket", 1}, {"pipe", 2}, {"anon", 3}, {"other", 4}};
constexpr Symbol kTargetKinds[] = {{"self", 0},    {"descendant", 1}, {"other", 2}, {"group", 3},
                                   {"unknown", 4}, {"own_group", 5},  {"tree", 6}};

constexpr Symbol kCloneFlags[] = {
    {"CLONE_VM", kCloneVm},           {"CLONE_FS", kCloneFs},           {"CLONE_FILES", kCloneFiles},
    {"CLONE_SIGHAND", kCloneSighand}, {"CLONE_THREAD", kCloneThread},   {"CLONE_VFORK", kCloneVfork},
    {"CLONE_PARENT", kCloneParent},   {"CLONE_NEWNS", kCloneNewNs},     {"CLONE_NEWPID", kCloneNewPid},
    {"CLONE_NEWNET", kCloneNewNet},   {"CLONE_NEWUSER", kCloneNewUser}, {"CLONE_NEWUTS", kCloneNewUts},
    {"CLONE_NEWIPC", kCloneNewIpc},   {"CLONE_NEWCGROUP", kCloneNewCgroup}, {"CLONE_NEWTIME", kCloneNewTime},
};
constexpr Symbol kOpenFlags[] = {
    {"O_WRONLY", kOWrOnly},       {"O_RDWR", kORdWr},         {"O_CREAT", kOCreat},
    {"O_TRUNC", kOTrunc},         {"O_APPEND", kOAppend},     {"O_EXCL", kOExcl},
    {"O_CLOEXEC", kOCloexec},     {"O_DIRECTORY", kODirectory}, {"O_TMPFILE", kOTmpfile},
    {"O_PATH", kOPath},           {"O_NOFOLLOW", kONofollow}, {"O_NONBLOCK", kONonblock},
};
// The special bits of a file mode (chmod(2)'s S_ISUID, S_ISGID, S_ISVTX).
constexpr Symbol kModeBits[] = {{"S_ISUID", 04000}, {"S_ISGID", 02000}, {"S_ISVTX", 01000}};
constexpr Symbol kProtFlags[] = {{"PROT_READ", kProtRead}, {"PROT_WRITE", kProtWrite}, {"PROT_EXEC", kProtExec}};
constexpr Symbol kMapFlags[] = {
    {"MAP_SHARED", kMapShared},       {"MAP_PRIVATE", kMapPrivate},     {"MAP_FIXED", kMapFixed},
    {"MAP_ANONYMOUS", kMapAnonymous}, {"MAP_HUGETLB", kMapHugetlb},     {"MAP_FIXED_NOREPLACE", kMapFixedNoreplace},
    {"MAP_32BIT", kMap32Bit},         {"MAP_NORESERVE", kMapNoreserve}, {"MAP_POPULATE", kMapPopulate},
    {"MAP_STACK", kMapStack},         {"MAP_GROWSDOWN", kMapGrowsdown}, {"MAP_LOCKED", kMapLocked},
    {"MAP_DENYWRITE", kMapDenywrite},
};
constexpr Symbol kConnectOutcomes[] = {{"connected", 1}, {"failed", 2}, {"unknown", 3}};
static_assert(static_cast<int>(ConnectOutcome::kConnected) == 1 && static_cast<int>(ConnectOutcome::kFailed) == 2 &&
              static_cast<int>(ConnectOutcome::kUnknown) == 3);
constexpr Symbol kInotifyFlags[] = {
    {"ACCESS", kInAccess},           {"MODIFY", kInModify},       {"ATTRIB", kInAttrib},
    {"CLOSE_WRITE", kInCloseWrite},  {"CLOSE_NOWRITE", kInCloseNoWrite}, {"OPEN", kInOpen},
    {"MOVED_FROM", kInMovedFrom},    {"MOVED_TO", kInMovedTo},    {"CREATE", kInCreate},
    {"DELETE", kInDelete},           {"DELETE_SELF", kInDeleteSelf}, {"MOVE_SELF", kInMoveSelf},
    {"UNMOUNT", kInUnmount},         {"Q_OVERFLOW", kInQOverflow}, {"IGNORED", kInIgnored},
    {"ISDIR", kInIsDir},             {"CLOSE", kInClose},         {"MOVE", kInMove},
};

constexpr std::array<std::string_view, 32> kSignalNames = {
    "0",       "SIGHUP",  "SIGINT",    "SIGQUIT", "SIGILL",  "SIGTRAP", "SIGABRT",   "SIGBUS",
    "SIGFPE",  "SIGKILL", "SIGUSR1",   "SIGSEGV", "SIGUSR2", "SIGPIPE", "SIGALRM",   "SIGTERM",
    "SIGSTKFLT", "SIGCHLD", "SIGCONT", "SIGSTOP", "SIGTSTP", "SIGTTIN", "SIGTTOU",   "SIGURG",
    "SIGXCPU", "SIGXFSZ", "SIGVTALRM", "SIGPROF", "SIGWINCH", "SIGIO",  "SIGPWR",    "SIGSYS"};

// --- domains ----------------------------------------------------------------------------

constexpr EventType kCallTypes[] = {EventType::kSyscall, EventType::kUnfinished, EventType::kResumed};

ClassMask Calls(std::initializer_list<Op> ops) {
  ClassMask m;
  for (EventType t : kCallTypes)
    for (Op op : ops) m.set(static_cast<size_t>(t) * kOpSlots + static_cast<size_t>(op));
  return m;
}

ClassMask AllCalls() {
  ClassMask m;
  for (EventType t : kCallTypes)
    for (size_t op = 0; op < static_cast<size_t>(Op::kCount_); ++op) m.set(static_cast<size_t>(t) * kOpSlots + op);
  return m;
}

ClassMask Types(std::initializer_list<EventType> types) {
  ClassMask m;
  for (EventType t : types)
    for (size_t op = 0; op < kOpSlots; ++op) m.set(static_cast<size_t>(t) * kOpSlots + op);
  return m;
}

constexpr std::initializer_list<Op> kPathOps = {Op::kOpen,  Op::kStat,    Op::kUnlink,   Op::kRename,
                                                Op::kMkdir, Op::kRmdir,   Op::kChmod,    Op::kChown,
                                                Op::kLink,  Op::kSymlink, Op::kTruncate, Op::kChdir,
                                                Op::kMount, Op::kUtime,   Op::kXattr};
constexpr std::initializer_list<Op> kFdOps = {Op::kRead,   Op::kWrite,   Op::kClose,  Op::kDup,      Op::kMmap,
                                              Op::kOther,  Op::kConnect, Op::kBind,   Op::kListen,
                                              Op::kAccept, Op::kSend,    Op::kRecv,   Op::kShutdown,
                                              Op::kModule, Op::kNamespace, Op::kGetsockopt, Op::kKernel,
                                              Op::kIoctl};
constexpr std::initializer_list<Op> kNetOps = {Op::kSocket, Op::kConnect, Op::kBind, Op::kListen,
                                               Op::kAccept, Op::kSend,    Op::kRecv, Op::kShutdown};

bool IsPathOp(Op op) {
  for (Op p : kPathOps)
    if (p == op) return true;
  return false;
}

// --- the table --------------------------------------------------------------------------

std::vector<FieldDef> BuildTable() {
  using F = FieldId;
  using T = FieldType;
  const ClassMask all = AllClasses();
  const ClassMask calls = AllCalls();
  const ClassMask strace = calls | Types({EventType::kSignal, EventType::kExited, EventType::kKilled,
                                          EventType::kAttached, EventType::kDetached});
  const ClassMask file = Calls(kPathOps) | Calls(kFdOps) | Types({EventType::kFileEvent});
  const ClassMask net = Calls(kNetOps) | Types({EventType::kSocketRow});
  const ClassMask net_or_write = net | Calls({Op::kWrite});
  const ClassMask exec = Calls({Op::kExec});
  const ClassMask clone = Calls({Op::kClone});
  const ClassMask open = Calls({Op::kOpen});
  const ClassMask dep = Calls({Op::kOpen, Op::kMmap});
  const ClassMask sig = Calls({Op::kKill}) | Types({EventType::kSignal, EventType::kKilled});
  const ClassMask priv = Calls({Op::kSetId, Op::kCapset, Op::kPrctl, Op::kPtrace});
  const ClassMask mem = Calls({Op::kMmap, Op::kMprotect});
  const ClassMask log = Types({EventType::kLogLine});
  const ClassMask fs = Types({EventType::kFileEvent});
  const ClassMask ps = Types({EventType::kProcessRow});
  std::span<const Symbol> none;
  auto def = [](F id, std::string_view name, T type, std::string_view doc, const ClassMask& domain,
                std::span<const Symbol> symbols = {}) { return FieldDef{id, name, type, doc, symbols, domain, false}; };
  auto run = [&](F id, std::string_view name, T type, std::string_view doc) {
    return FieldDef{id, name, type, doc, none, all, true};
  };
  return {
      def(F::kEvtOp, "evt.op", T::kEnum, "normalized operation: exec, clone, open, read, write, connect, bind, listen, accept, send, recv, setid, ptrace, kill, mmap, mprotect, memfd, namespace, mount, module, sysadmin, utime, xattr, kernel, ioctl, fs_create ... (other for the rest)", all, kOps),
      def(F::kEvtType, "evt.type", T::kEnum, "record type: syscall, unfinished, resumed, signal, exited, killed, file_event, socket_row, process_row, log_line ...", all, kTypes),
      def(F::kEvtSource, "evt.source", T::kEnum, "source kind: strace, inotify, ss, netstat, ps, program_log, container", all, kSources),
      def(F::kEvtName, "evt.name", T::kString, "syscall name, signal name, socket state, log level or first inotify event", all),
      def(F::kEvtStr, "evt.str", T::kString, "the event's primary string as parsed (path, fd annotation, message ...)", all),
      def(F::kEvtResult, "evt.result", T::kInt, "return value of the call (missing for '= ?')", calls),
      def(F::kEvtFailed, "evt.failed", T::kBool, "the call returned an error", calls),
      def(F::kEvtErrno, "evt.errno", T::kString, "errno name of a failed call (ENOENT ...)", calls),
      def(F::kEvtTid, "evt.tid", T::kInt, "thread id (strace) or pid (ps, ss rows)", all),
      def(F::kEvtFd, "evt.fd", T::kInt, "the fd argument of the call", calls),
      def(F::kEvtTime, "evt.time", T::kTime, "timestamp (ns; epoch or time of day as the trace printed it)", all),
      def(F::kEvtRelTime, "evt.reltime", T::kDuration, "time since the start of the run", all),
      def(F::kEvtFile, "evt.file", T::kString, "path of the source file the event came from", all),
      def(F::kEvtLine, "evt.line", T::kInt, "line number in that file", all),
      def(F::kEvtTruncated, "evt.truncated", T::kBool, "the line or a string in it was cut (strace -s)", all),
      def(F::kEvtLaunch, "evt.launch", T::kBool, "part of the launcher that started the target, not of the target: a chain of programs replacing themselves (env, unshare, sudo, sh -c 'exec ...', a #! script's interpreter) and what it ran before the hand-over, a wrapper at the root that forks the command it was given and waits for it (timeout, time, flock, script -qc, sudo, su, runuser, xvfb-run, bwrap, a shell's `-c` command string forked as its only child) with its other children, or a package manager running a script (npm/yarn/pnpm start, run, test; not install, ci, add, update, rebuild, whose lifecycle scripts are the manager's children) and its script shell", all),
      def(F::kEvtInjected, "evt.injected", T::kBool, "strace made the result (-e inject= / -e fault=: the line ends in (INJECTED)); the failure is the reviewer's fault injection, not the system's", all),

      def(F::kProcPid, "proc.pid", T::kInt, "pid of the process (thread-group leader)", all),
      def(F::kProcPpid, "proc.ppid", T::kInt, "pid of its parent", all),
      def(F::kProcName, "proc.name", T::kString, "basename of the program it runs (sh, node)", all),
      def(F::kProcSlept, "proc.slept", T::kDuration, "how long the thread had slept (nanosleep, clock_nanosleep: -T's time in each call, else the length asked for) before this event, its creator's sleeps before the fork or thread creation included; a process's sleeps after it first listened or accepted (a server's timers) not counted; missing without timestamps", all),
      def(F::kProcSleeper, "proc.sleeper", T::kString, "the program that did the most of proc.slept's sleeping, as it was when it slept: a child forked after its parent's wait names the parent's program (updater), not the one it exec'd (sh); missing when proc.slept is 0 or missing", all),
      def(F::kProcSleeperPid, "proc.sleeper_pid", T::kInt, "pid of the process proc.sleeper names", all),
      def(F::kProcExe, "proc.exe", T::kString, "path of the program (last successful exec)", all),
      def(F::kProcCmdline, "proc.cmdline", T::kString, "argv joined by spaces", all),
      def(F::kProcScript, "proc.script", T::kString, "the script the process's program was given: the first argument of its last exec that is not an option (python3 /tmp/s.py), from its last known cwd when relative; missing when an option before it gives code or a module (-c, -e, -m) or there is none. Named for any program: ask for an interpreter or a shell too", all),
      def(F::kProcInterpreter, "proc.interpreter", T::kString, "basename of the interpreter the kernel ran for the process's program when that is a #! script exec'd itself (./csvsum with #!/usr/bin/node: node): what readlink(\"/proc/self/exe\") answered when it is not the exec's file and the process then read that file; proc.script is then the file. Missing otherwise (an exec of the interpreter names it in proc.name)", all),
      def(F::kProcCwd, "proc.cwd", T::kString, "last known working directory (a relative chdir resolved against the one before; the cwd inherited at the fork until the process changes it)", all),
      def(F::kProcUser, "proc.user", T::kString, "user name (from ps)", all),
      def(F::kProcIsTarget, "proc.is_target", T::kBool, "the traced program itself: the root of the tree, or the command a wrapper at the root (timeout, time, flock, sudo...) forked", all),
      def(F::kProcDepth, "proc.depth", T::kInt, "0 for the target, 1 for its children ...", all),
      def(F::kProcCopyGeneration, "proc.copy_generation", T::kInt, "how many forked copies, none of which ran a program (no successful exec), lead from the nearest process that did (or the root) down to this one: 0 for a process that ran a program of its own, 1 for a forked copy of it, 2 for a copy of a copy ... (a fork bomb's copies grow it by one per generation)", all),
      def(F::kProcExitCode, "proc.exit_code", T::kInt, "exit code of the process", all),
      def(F::kProcKilledBy, "proc.killed_by", T::kString, "signal that killed the process", all),
      def(F::kProcThreads, "proc.threads", T::kInt, "number of threads besides the leader", all),
      def(F::kProcChildren, "proc.children", T::kInt, "number of child processes", all),
      def(F::kProcPname, "proc.pname", T::kString, "name of the parent process", all),
      def(F::kProcPexe, "proc.pexe", T::kString, "program of the parent process", all),
      def(F::kProcPcmdline, "proc.pcmdline", T::kString, "command line of the parent process", all),
      def(F::kProcPscript, "proc.pscript", T::kString, "the script the parent process's program was given (proc.script of the parent): `rm -- \"$0\"` runs with the script's shell as its parent", all),
      def(F::kProcOutlivedParent, "proc.outlived_parent", T::kBool, "the process was still running when its parent ended (a daemon's forked copy after the launcher returned, an orphaned stage); false for the root and when the parent's end is not in the trace", all),
      def(F::kProcReaped, "proc.reaped", T::kBool, "a wait call of its parent returned its pid: the parent collected its end (a worker the program manages)", all),
      def(F::kProcDaemonChain, "proc.daemon_chain", T::kBool, "the process is one of the target's forked copies (no exec) through which the run's life went to its daemon (the daemon and, in a double fork, the copy between that exited 0 once it had forked it)", all),

      def(F::kThreadTid, "thread.tid", T::kInt, "thread id of a strace event", strace),
      def(F::kThreadIsMain, "thread.is_main", T::kBool, "the event's thread is its process's leader", strace),
      def(F::kThreadBusy, "thread.busy", T::kDuration, "how long the thread had run without a system call right before this event (its next call, or its end), in a process that had started serving (a listen or accept before): from when its previous call had surely returned (a call that never blocks such as rseq or mmap: its start; another: the next line of a one-file -f trace) or from its clone; missing below 1 s, without timestamps, in -ff traces (no other thread's line bounds a call), and when the trace may leave calls out (ps shows its strace with -e trace=, -z, -P ...; without that row, a class of calls is absent): a thread blocked in a call left out is silent too", strace),

      def(F::kExecPath, "exec.path", T::kString, "program path given to execve", exec),
      def(F::kExecName, "exec.name", T::kString, "basename of exec.path", exec),
      def(F::kExecCmdline, "exec.cmdline", T::kString, "argv joined by spaces", exec),
      def(F::kExecOk, "exec.ok", T::kBool, "the exec succeeded", exec),
      def(F::kExecInitial, "exec.initial", T::kBool, "the target's own start (the root's execs up to its first successful one, or through the launchers that replaced themselves): not a spawn", exec),
      def(F::kExecTruncated, "exec.truncated", T::kBool, "argv was cut by strace -s", exec),
      def(F::kExecEmptyArgv, "exec.empty_argv", T::kBool, "the program was started with an empty argv (argc 0), as CVE-2021-4034 exploits start pkexec", exec),
      def(F::kExecDeleted, "exec.deleted", T::kBool, "the program ran from a file with no name left: execveat(fd, \"\", AT_EMPTY_PATH) of an fd that -y marks (deleted), a memfd or a file unlinked before the exec", exec),
      def(F::kExecEnvc, "exec.envc", T::kInt, "number of environment variables", exec),
      def(F::kExecClass, "exec.class", T::kEnum, "where the program lives: app, system, home, temp, sensitive, other", exec, kPathClasses),
      def(F::kExecScriptDeployed, "exec.script_deployed", T::kBool, "the exec hands an interpreter a script of the program as deployed: its first argument that is not an option (/bin/sh www/cgi-bin/hits.sh), from the cwd when relative, is a file of the app's directory that the run never created, wrote, renamed or chmod'ed", exec),
      def(F::kExecRerunsOwnProgram, "exec.reruns_own_program", T::kBool, "the exec runs again the program its process ran before it (its parent's when it had not exec'd yet): the same executable and the same arguments, the script named relative or absolute (node's cluster workers: `node server.js` forks `/usr/bin/node /home/u/app/server.js`)", exec),
      def(F::kExecEnvHooks, "exec.env_hooks", T::kString, "the variables of the environment that make the loader or an interpreter run a file outside the system directories (LD_PRELOAD, LD_AUDIT, BASH_ENV, NODE_OPTIONS --require/--import, JAVA_TOOL_OPTIONS -javaagent, PERL5OPT -M, RUBYOPT -r), joined by spaces; missing when there are none or strace did not print the environment (it does with -v)", exec),
      def(F::kExecHooksAdded, "exec.hooks_added", T::kBool, "exec.env_hooks holds a hook the process did not start with: not in the environment of its previous exec, or of its parent's exec before it made the process (the root's first exec, the reviewer's launch, adds none)", exec),
      def(F::kExecHistoryOffAdded, "exec.history_off_added", T::kBool, "the environment (printed with -v) turns shell history off (HISTFILE=/dev/null or empty, HISTSIZE=0, HISTFILESIZE=0, SAVEHIST=0) and the one the process started from did not (as exec.hooks_added decides)", exec),

      def(F::kExecFoundLater, "exec.found_later", T::kBool, "a failed exec of a PATH search that went on to find the program: the same process later exec'd a program of the same name successfully (execvp tries every PATH entry)", exec),
      def(F::kExecDropped, "exec.dropped", T::kBool, "the program run (exec.path) was written or created by a successful call of the run before this exec, as file.dropped says of a path: a stage the run put there and then started", exec),

      def(F::kCloneFlags, "clone.flags", T::kFlags, "CLONE_* flags (CLONE_THREAD, CLONE_VM, CLONE_NEWUSER ...)", clone, kCloneFlags),
      def(F::kCloneThread, "clone.thread", T::kBool, "CLONE_THREAD: a new thread, not a process", clone),
      def(F::kCloneProcess, "clone.process", T::kBool, "a new process (fork, vfork, clone without CLONE_THREAD)", clone),
      def(F::kCloneChild, "clone.child", T::kInt, "tid of the new thread or process", clone),

      def(F::kFilePath, "file.path", T::kString, "path of the file the event touches (argument, or the fd's target)", file),
      def(F::kFileName, "file.name", T::kString, "basename of file.path", file),
      def(F::kFileDir, "file.dir", T::kString, "directory of file.path", file),
      def(F::kFileClass, "file.class", T::kEnum, "app, system, home, temp, sensitive (secrets, keys, other programs' .env), other", file, kPathClasses),
      def(F::kFileTarget, "file.target", T::kString, "second path: rename's and link's new name, the link a symlink creates (its file.path is the link's content, which the call does not touch); for an open, the file its new fd names (-y) when that is not file.path (a symlink followed, /proc/self/fd/N re-opened)", file),
      def(F::kFileTargetClass, "file.target_class", T::kEnum, "file.class of file.target", file, kPathClasses),
      def(F::kFileRead, "file.read", T::kBool, "the event reads the file (open for reading, read, inotify ACCESS)", file),
      def(F::kFileWrite, "file.write", T::kBool, "the event writes or changes the file (open for writing, write, unlink, rename, chmod, inotify MODIFY ...)", file),
      def(F::kFileCreated, "file.created", T::kBool, "open with O_CREAT, mkdir, link, symlink, inotify CREATE", file),
      def(F::kFileDeleted, "file.deleted", T::kBool, "unlink, rmdir, inotify DELETE", file),
      def(F::kFileExecuted, "file.executed", T::kBool, "the path is a program or #! script that a successful exec of the run started before this event (a dropped stage that ran, the target's own executable), or the program an exec of the dynamic loader was given (ld-linux-x86-64.so.2 /dev/shm/x); false for other paths", file),
      def(F::kFileDropped, "file.dropped", T::kBool, "the path was written or created by a successful call of the run before this event (an open for writing or with O_CREAT, a rename or link onto it): a file the run put there, such as a download", file),
      def(F::kFileNew, "file.new", T::kBool, "the path names a file the run itself made, by this call or before it, not one that was there when it started: created with O_CREAT|O_EXCL (mkstemp), with O_CREAT where the trace saw it absent before (ENOENT, unlinked, renamed away; strace cannot tell a new file from an emptied one otherwise) or where the first call on it is such an O_CREAT and inotify.log holds a CREATE (or MOVED_TO) of the path for each time the run made it, that first open counted, or by a rename, link, symlink or mkdir onto the name; until it is unlinked or renamed away (that call included). A file read, stat'ed or opened before and then overwritten in place is not new", file),
      def(F::kDepKind, "dep.kind", T::kEnum, "what a successful open for reading or an executable mmap loaded (the model's dependency inventory): npm, node_addon, node_file (a .js/.cjs/.mjs a Node.js process loaded from outside node_modules: the project's own), python_stdlib, python_package, python_module (a .py/.pyc/extension a Python process loaded from outside the standard library and site-packages), python_startup (.pth, sitecustomize, usercustomize), ruby_stdlib, ruby_gem, ruby_file, perl_module, java_archive, java_class, erlang_app (a .beam, by its OTP application), lua_module, composer_package (vendor/<vendor>/<package>/), php_file, shared_library; missing for any other call or file", dep, kDepKindSymbols),
      def(F::kDepPackage, "dep.package", T::kString, "the package or module it loaded: express, @scope/pkg, json, requests, webrick, IO::Socket, libssl.so; for a start-up file its file name", dep),
      def(F::kDepOrigin, "dep.origin", T::kEnum, "where it came from, by the path's class: system, project (the target's directory), user (a home: ~/.local, ~/.npm ...), temp (/tmp, /var/tmp, /dev/shm), other", dep, kDepOriginSymbols),
      def(F::kDepShadows, "dep.shadows", T::kBool, "the module is named like a standard-library module (Python: a top-level module, no package's __init__ beside it; socket, json, ssl, subprocess ...) or a Node.js core module that no npm browser stand-in is named after (node_modules/fs, child_process, net ...) and was loaded from outside the runtime's own directories, so it runs instead of the real one", dep),
      def(F::kFileForeignPackage, "file.foreign_package", T::kBool, "the file the call changes (a rename's, link's or symlink's new name, else the path) lies in an installed package (node_modules/<name>, site-packages/<name>, dist-packages/<name>) that the process is not working in: its working directory is outside that package's folder (npm runs a package's install scripts from the package's own folder)", file),
      def(F::kFileProcOther, "file.proc_other", T::kBool, "the path is under /proc/PID/ of a process or thread outside the traced tree (PID 1, the harness, other users' programs); missing for other paths", file),
      def(F::kFileProcSelf, "file.proc_self", T::kBool, "the path is under /proc/PID/ of the event's own process (its pid or one of its threads' tids): false for a child's, a parent's or an outside process's entry; missing for other paths and for /proc/self", file),
      def(F::kFileModeBits, "file.mode_bits", T::kFlags, "S_ISUID, S_ISGID, S_ISVTX bits of the mode a chmod gives the file, or an open with O_CREAT or a mkdir creates it with (empty when none)", Calls({Op::kChmod, Op::kOpen, Op::kMkdir}), kModeBits),
      def(F::kOpenFlags, "open.flags", T::kFlags, "O_* flags of an open (O_WRONLY, O_RDWR, O_CREAT, O_TRUNC, O_APPEND ...)", open, kOpenFlags),
      def(F::kOpenMode, "open.mode", T::kInt, "mode argument of an open with O_CREAT", open),

      def(F::kFdTarget, "fd.target", T::kString, "what the fd argument refers to (path, TCP:[...], pipe:[...])", Calls(kFdOps)),
      def(F::kFdType, "fd.type", T::kEnum, "file, socket, pipe, anon, other", Calls(kFdOps), kFdTypes),
      def(F::kFdNetwork, "fd.network", T::kBool, "the fd is an IPv4/IPv6 socket (from a -yy annotation, or for dup calls the socket() or accept() that made it); false for unix sockets and socketpairs", Calls(kFdOps)),
      def(F::kFdAccepted, "fd.accepted", T::kBool, "for dup calls: the duplicated socket came from accept() (a peer connected to the program, as to a bind shell), not from a connect() it made; missing for other events", Calls({Op::kDup})),
      def(F::kFdConnected, "fd.connected", T::kBool, "for read/recv calls: the socket was opened with connect() by the process or an ancestor (a server it reached out to), not one from accept(), socketpair() or a pipe; missing for other events", Calls({Op::kRead, Op::kRecv})),

      def(F::kNetRemote, "net.remote", T::kString, "remote address (connect, send, recv, accept; socket row peer; a write on a connected socket, Model::WritePeer) as \"1.2.3.4:80\"", net_or_write),
      def(F::kNetRemoteIp, "net.remote_ip", T::kIp, "remote host address; supports `in 10.0.0.0/8`", net_or_write),
      def(F::kNetRemotePort, "net.remote_port", T::kInt, "remote port", net_or_write),
      def(F::kNetLocal, "net.local", T::kString, "local address (bind, listen; socket row local)", net),
      def(F::kNetLocalPort, "net.local_port", T::kInt, "local port (bind, listen, accept's listening port)", net),
      def(F::kNetClass, "net.class", T::kEnum, "loopback, private, link_local, external, unspecified, unix, netlink, unknown (of the remote address, for a write that of net.remote)", net_or_write, kNetClasses),
      def(F::kNetFamily, "net.family", T::kEnum, "unix, inet, inet6, netlink, packet, other", net, kFamilies),
      def(F::kNetProto, "net.proto", T::kEnum, "tcp, udp, unix, raw, netlink, other", net, kProtos),
      def(F::kNetDns, "net.dns", T::kBool, "a DNS query (port 53 or a resolver socket), unless the packet strace printed is not a query (data sent to port 53)", net),
      def(F::kNetDnsName, "net.dns_name", T::kString,
          "the name a DNS query packet asked for (\"...\" at the end when strace -s cut it); on a send, or a write to a socket connected to a DNS server",
          net | Calls({Op::kWrite})),
      def(F::kNetResolverListed, "net.resolver_listed", T::kBool,
          "the remote host is a nameserver of the resolv.conf the run read (a read() whose buffer strace printed: /etc/resolv.conf, systemd's resolv.conf ...); false when those lines name other servers only; missing when no read showed a nameserver line (none traced, or -s cut them)",
          net),
      def(F::kNetState, "net.state", T::kString, "socket row state (LISTEN, ESTAB, TIME-WAIT ...)", net),
      def(F::kNetOutcome, "net.outcome", T::kEnum, "how a connect ended: connected, failed, or unknown (a non-blocking connect's EINPROGRESS that nothing later settled: no getsockopt(SO_ERROR), transfer or second connect on the socket)", Calls({Op::kConnect}), kConnectOutcomes),
      def(F::kNetError, "net.error", T::kString, "errno of a failed connect (ECONNREFUSED ...): the call's own, or for a non-blocking connect the one getsockopt(SO_ERROR), a transfer or a second connect reported; missing unless net.outcome is failed", Calls({Op::kConnect})),
      def(F::kNetSent, "net.sent", T::kBool, "connect only: data was sent on the socket afterwards (send, sendto, sendmsg, sendmmsg, write on its fd or a copy of it); false when the trace shows the socket closed or connected again with nothing sent (a UDP connect() puts no packet on the wire); missing when it was still open at the end", Calls({Op::kConnect})),
      def(F::kNetPeer, "net.peer", T::kString, "send or write on an inet socket (the ones whose buffers are inspected): where the data went, the send's own address or the one its socket was connected to", Calls({Op::kSend, Op::kWrite})),
      def(F::kNetHttpHost, "net.http_host", T::kString, "send or write on an inet socket: the host (no port) of the HTTP/1.x request the buffer starts with: an absolute-form target (to a proxy), CONNECT's, else the Host header; only what strace -s printed", Calls({Op::kSend, Op::kWrite})),
      def(F::kNetSentSecret, "net.sent_secret", T::kString, "send or write on an inet socket: the kind of well-known secret its printed buffer holds: \"private key\", \"AWS access key id\", \"GitHub token\"; only what strace -s printed", Calls({Op::kSend, Op::kWrite})),
      def(F::kNetSentFile, "net.sent_file", T::kString, "send or write on an inet socket: the path of a sensitive file (file.class sensitive) an earlier read of which returned 16 or more bytes that this buffer repeats; only what strace -s printed of both", Calls({Op::kSend, Op::kWrite})),
      def(F::kNetSentProtocol, "net.sent_protocol", T::kString, "send or write on an inet socket: the protocol its printed buffer speaks when it is one that says what the program is doing whatever the address: \"stratum\" (a mining pool's JSON-RPC call: mining.subscribe, mining.authorize, XMRig's login); only what strace -s printed", Calls({Op::kSend, Op::kWrite})),
      def(F::kNetSentAppSecret, "net.sent_app_secret", T::kString, "send or write on an inet socket: the path of one of the app's own secret files (file.class app, a secret by its name: .env, .env.*, *.pem, *.key, credentials.json ...) an earlier read of which returned 16 or more bytes that this buffer repeats; only what strace -s printed of both", Calls({Op::kSend, Op::kWrite})),
      def(F::kNetInbound, "net.inbound", T::kBool, "socket row of a connection: its local port is one the run listens on (listen() in the trace, a LISTEN row of the snapshot), so a client connected to the program rather than the program to a server; missing for listening rows and other events", Types({EventType::kSocketRow})),

      def(F::kSigName, "sig.name", T::kString, "signal name (SIGTERM ...) received, sent with kill, or that killed the process", sig),
      def(F::kSigNumber, "sig.number", T::kInt, "signal number", sig),
      def(F::kSigSender, "sig.sender", T::kInt, "si_pid of a received signal", sig),
      def(F::kSigSenderUid, "sig.sender_uid", T::kInt, "si_uid of a received signal", sig),
      def(F::kSigCode, "sig.code", T::kString, "si_code of a received signal (SI_USER, CLD_EXITED ...)", sig),
      def(F::kSigTarget, "sig.target", T::kInt, "pid (or tid) a kill/tkill/tgkill is sent to", sig),
      def(F::kSigTargetKind, "sig.target_kind", T::kEnum, "self, descendant (its own child tree, or the group one of them leads), tree (another process of the traced tree: a sibling, a parent, or the group one leads), own_group (kill(0), or kill(-N) of the group its getpgrp() or setsid() returned), group (any other pid <= 0), other, unknown", sig, kTargetKinds),
      def(F::kSigFromOutside, "sig.from_outside", T::kBool, "a received signal sent by a process outside the traced tree (the harness)", sig),

      def(F::kPrivOption, "priv.option", T::kString, "prctl option or ptrace request name (PR_SET_NAME, PTRACE_ATTACH)", priv),
      def(F::kPrivRequest, "priv.request", T::kInt, "prctl option / ptrace request number", priv),
      def(F::kPrivTarget, "priv.target", T::kInt, "pid a ptrace is aimed at", priv),
      def(F::kPrivId, "priv.id", T::kInt, "first id argument of setuid/setgid/setresuid ...", priv),
      def(F::kPrivIdsUnchanged, "priv.ids_unchanged", T::kBool, "a setuid/setgid-family call that sets only ids the thread already has: each id argument (other than -1) is what its getuid/geteuid (getgid/getegid) returned since its last exec or id change, as in setuid(getuid()); false when the trace shows no such read; missing for setgroups", Calls({Op::kSetId})),
      def(F::kPrivCapsEmpty, "priv.caps_empty", T::kBool, "a capset that leaves the thread no capability: the effective, permitted and inheritable sets are all 0 (a drop of everything, never a gain)", Calls({Op::kCapset})),
      def(F::kPrivThreadName, "priv.thread_name", T::kString, "the name prctl(PR_SET_NAME) gives the calling thread (its comm, at most 15 bytes), or a write to /proc/.../comm gives a process or thread (when -y names the file)", Calls({Op::kPrctl, Op::kWrite})),
      def(F::kPrivValue, "priv.value", T::kInt, "the second argument of a prctl as a number (PR_SET_DUMPABLE's SUID_DUMP_DISABLE 0, SUID_DUMP_USER 1; PR_CAP_AMBIENT's IS_SET 1, RAISE 2, LOWER 3, CLEAR_ALL 4; PR_SET_PDEATHSIG's signal); missing for PR_SET_NAME and when the trace does not give it", Calls({Op::kPrctl})),

      def(F::kMemProt, "mem.prot", T::kFlags, "PROT_READ, PROT_WRITE, PROT_EXEC", mem, kProtFlags),
      def(F::kMemExec, "mem.exec", T::kBool, "the mapping is made executable", mem),
      def(F::kMemWriteExec, "mem.write_exec", T::kBool, "writable and executable at once", mem),
      def(F::kMemMapFlags, "mem.map_flags", T::kFlags, "MAP_* flags of an mmap (MAP_SHARED, MAP_PRIVATE, MAP_FIXED, MAP_ANONYMOUS, MAP_HUGETLB ...)", Calls({Op::kMmap}), kMapFlags),
      def(F::kMemAnon, "mem.anon", T::kBool, "an anonymous mmap (no file)", Calls({Op::kMmap})),
      def(F::kMemFile, "mem.file", T::kString, "the file an mmap maps", Calls({Op::kMmap})),
      def(F::kMemRetriedOk, "mem.retried_ok", T::kBool, "a refused mmap whose thread's next call is an mmap that succeeded: often a special mapping (huge pages, a fixed or 32-bit address) asked for and an ordinary one granted, but glibc's malloc also retries smaller when memory runs out, so memory_exhausted does not use it (mem.map_flags tells a MAP_HUGETLB request apart)", Calls({Op::kMmap})),
      def(F::kMemfdName, "memfd.name", T::kString, "name given to memfd_create", Calls({Op::kMemfd})),

      def(F::kNsTypes, "ns.types", T::kFlags, "the namespaces a clone/clone3 or unshare creates, or setns joins (CLONE_NEWUSER, CLONE_NEWNS, CLONE_NEWNET ...)", Calls({Op::kClone, Op::kNamespace}), kCloneFlags),
      def(F::kMountSource, "mount.source", T::kString, "what a mount mounts (device, directory, \"none\"), pivot_root's put_old", Calls({Op::kMount})),
      def(F::kMountFstype, "mount.fstype", T::kString, "file-system type of a mount / fsopen (tmpfs, proc, overlay ...)", Calls({Op::kMount})),
      def(F::kUtimeMtime, "utime.mtime", T::kString, "the modification time a utimensat/utimes/utime sets explicitly, as \"2019-01-01 00:00:00 UTC\" (missing for NULL / UTIME_NOW)", Calls({Op::kUtime})),
      def(F::kUtimeBackdated, "utime.backdated", T::kBool, "the call sets a modification time more than a day before its own date; any explicit time when the trace has no date (-t, -tt, -r)", Calls({Op::kUtime})),
      def(F::kXattrName, "xattr.name", T::kString, "the extended attribute a setxattr / removexattr (l-, f-forms) sets or removes: security.capability (file capabilities), trusted.*, security.*, user.*", Calls({Op::kXattr})),
      def(F::kCallCommand, "call.command", T::kString, "the command of ioctl and of the kernel calls (evt.op \"kernel\": personality, syslog, keyctl, add_key, kcmp ...): TIOCSTI, PER_LINUX|ADDR_NO_RANDOMIZE, SYSLOG_ACTION_READ_ALL, KEYCTL_READ; named even when strace printed a number (-X raw)", Calls({Op::kKernel, Op::kIoctl})),
      def(F::kCallFileAttrs, "call.file_attrs", T::kString, "for ioctl FS_IOC_GETFLAGS / FS_IOC_SETFLAGS (lsattr, chattr): the protecting attributes read or set, \"immutable\", \"append_only\", both joined by | or empty; named also when strace printed numbers", Calls({Op::kIoctl})),
      def(F::kSleepDuration, "sleep.duration", T::kDuration, "the time a nanosleep / clock_nanosleep asks to sleep, or the timeout of a select / pselect6 / poll / ppoll on no fd (a sleep too), as a relative length (missing for TIMER_ABSTIME deadlines and for no timeout)", Calls({Op::kSleep})),
      def(F::kSleepDeadline, "sleep.deadline", T::kString, "\"an absolute deadline\" for a TIMER_ABSTIME sleep (a time to wake at, not a length: sleep.duration is missing), missing otherwise; written beside sleep.duration in observations", Calls({Op::kSleep})),
      def(F::kSleepSlept, "sleep.slept", T::kDuration, "how long the call was seen to sleep: -T's time spent in it; without -T, or when the thread never came back from it, the time to the thread's next line in its file (its next call, its +++ exited/killed +++ line) or to the file's last line: what is known of a TIMER_ABSTIME deadline's length", Calls({Op::kSleep})),
      def(F::kSleepWoke, "sleep.woke", T::kBool, "the program got control back from the sleep: the call returned, or a signal cut it (= ? ERESTART_RESTARTBLOCK) and the thread went on with another call; false when the thread's trace ends in it or in the restart_syscall that resumed it", Calls({Op::kSleep})),

      def(F::kFsMask, "fs.mask", T::kFlags, "inotify events of the line (ACCESS, MODIFY, CREATE, DELETE, ISDIR ...)", fs, kInotifyFlags),
      def(F::kFsEvent, "fs.event", T::kString, "first inotify event name", fs),
      def(F::kFsWatch, "fs.watch", T::kString, "watched directory", fs),

      def(F::kPsCmdline, "ps.cmdline", T::kString, "command line as the ps snapshot shows it (a process may rewrite its argv)", ps),
      def(F::kPsComm, "ps.comm", T::kString, "command name column of the ps row", ps),
      def(F::kPsUser, "ps.user", T::kString, "user column of the ps row", ps),
      def(F::kPsPpid, "ps.ppid", T::kInt, "parent pid column of the ps row", ps),
      def(F::kPsKernelThread, "ps.kernel_thread", T::kBool, "the row's memory columns (VSZ, RSS, SZ) are all 0 and it is no zombie: a kernel thread, as ps sees it outside a pid namespace; missing when the snapshot has no memory column (ps -ef, BusyBox's default ps)", ps),
      def(F::kPsCpu, "ps.cpu", T::kInt, "CPU use of the process in whole percent of one core (above 100 with several busy threads): ps's %CPU (its CPU time over its life) or -ef's C, top's %CPU (over its last interval), else TIME over ELAPSED; missing when the listing has neither", ps),
      def(F::kPsCpuTime, "ps.cputime", T::kDuration, "CPU time the process had used (TIME, TIME+ column), whole seconds; missing without the column", ps),

      def(F::kLogMessage, "log.message", T::kString, "the program's log line / message", log),
      def(F::kLogLevel, "log.level", T::kString, "level (INFO, WARN, ERROR ...)", log),
      def(F::kLogKind, "log.kind", T::kString, "error kind (MODULE_NOT_FOUND, SyntaxError ...)", log),
      def(F::kLogCommand, "log.command", T::kString, "the program a shell could not find (log.kind \"command not found\": \"sudo\" in \"x.sh: line 2: sudo: command not found\" or dash's \"x.sh: 2: sudo: not found\")", log),
      def(F::kCmdNotFound, "cmd.not_found", T::kString, "a program the run looked for and did not find, from either source: log.command of a shell's \"command not found\" line, or in the trace the last miss of a search over PATH (stat or access of DIR/NAME in two or more bin, sbin or shims directories in a row by one thread, none there: what a shell does before it says \"not found\", and which or command -v)", Calls({Op::kStat}) | log),
      def(F::kLogLogger, "log.logger", T::kString, "logger / component name", log),
      def(F::kLogError, "log.error", T::kBool, "an error line", log),
      def(F::kLogWarning, "log.warning", T::kBool, "a warning line", log),
      def(F::kLogFatal, "log.fatal", T::kBool, "an uncaught exception / process-ending error", log),
      def(F::kLogStack, "log.stack", T::kBool, "a stack-trace frame line", log),
      def(F::kLogDependency, "log.dependency", T::kBool, "a missing module / package, npm ERR!", log),
      def(F::kLogListening, "log.listening", T::kBool, "a start-up 'listening on' line", log),

      run(F::kRunDuration, "run.duration", T::kDuration, "how long the run lasted"),
      run(F::kRunExitCode, "run.exit_code", T::kInt, "exit code of the target"),
      run(F::kRunKilledBy, "run.killed_by", T::kString, "signal that killed the target"),
      run(F::kRunExited, "run.exited", T::kBool, "the target's end was seen"),
      run(F::kRunStartupCrash, "run.startup_crash", T::kBool, "the target died during start-up"),
      run(F::kRunSteady, "run.steady", T::kBool, "the target reached steady state"),
      run(F::kRunServing, "run.serving", T::kBool, "the target serves: it listened or accepted (the trace) or program.log says it is listening; a program that only ran long is steady (run.steady), not serving"),
      run(F::kRunStoppedByHarness, "run.stopped_by_harness", T::kBool, "stopped by a SIGTERM/SIGINT from outside"),
      run(F::kRunLockWait, "run.lock_wait", T::kDuration, "stopped by the harness (or a wrapper's time limit) while every thread of the program, which served nothing, had been waiting on a futex: how long, from the latest start of those waits to the stop signal (missing otherwise)"),
      run(F::kRunHangWait, "run.hang_wait", T::kDuration, "stopped by the harness (or a wrapper's time limit) while every thread of the program, which served nothing (no listening socket, accepted connection, bound port or listening message), sat in a call nothing would end: a futex or flock, a read or write on a pipe, socket or stdin, poll/select/epoll_wait without a timeout, a connect, a wait for children that are stuck too, pause: how long, from the latest start of those calls to the stop (missing otherwise; a sleep is no such call)"),
      run(F::kRunHangCalls, "run.hang_calls", T::kString, "the calls of run.hang_wait, one per kind of wait: \"read on /mnt/jobs\", \"epoll_wait (no timeout)\", \"connect to 127.0.0.1:9200\", \"wait4 for pid 54\", \"futex\" (missing when run.hang_wait is)"),
      run(F::kRunReason, "run.reason", T::kString, "why the run counts as a start-up crash / not steady"),
      run(F::kRunAppDir, "run.app_dir", T::kString, "the target's own directory"),
      run(F::kRunRootPid, "run.root_pid", T::kInt, "pid of the target"),
      run(F::kRunProcesses, "run.processes", T::kInt, "number of processes in the traced tree"),
  };
}

// --- extraction helpers -----------------------------------------------------------------

Value Missing() { return {}; }
Value Int(int64_t v) { return {Value::Kind::kInt, v, {}}; }
Value Bool(bool v) { return {Value::Kind::kBool, v ? 1 : 0, {}}; }
Value Str(std::string_view s) {
  if (s.empty()) return Missing();
  return {Value::Kind::kStr, 0, s};
}
Value StrOf(const EventStore& s, StrId id) { return id == kNoStr ? Missing() : Str(s.str(id)); }
Value NonNeg(int64_t v) { return v < 0 ? Missing() : Int(v); }

// proc.copy_generation: the forked copies (no successful exec) from `p` up to the nearest
// process that ran a program, bounded so a hostile tree costs little.
int64_t CopyGeneration(const Model& m, ProcIndex p) {
  constexpr int64_t kMaxGenerations = 64;
  int64_t gen = 0;
  for (; p != kNoProc && gen < kMaxGenerations; ++gen) {
    const Process& q = m.process(p);
    if (q.parent == kNoProc || std::any_of(q.execs.begin(), q.execs.end(), [](const ExecRecord& x) { return x.ok; }))
      break;
    p = q.parent;
  }
  return gen;
}

// The class the model gave a path of the run (its file summary), or the path's own class when
// the summary does not list it.
Value PathClassOf(const Model& m, const EventStore& s, StrId path) {
  if (path == kNoStr) return Missing();
  if (const FileSummary* f = m.FindFile(path)) return Int(static_cast<int64_t>(f->cls));
  return Int(static_cast<int64_t>(m.ClassifyPath(s.str(path))));
}

bool IsPathText(std::string_view s) { return !s.empty() && s.front() == '/'; }

std::string_view ProgramName(const EventStore& s, const Model::Program& p) {
  return p.exe != kNoStr ? Basename(s.str(p.exe)) : ProgramOf(s.str(p.cmdline));
}

// The path a file event is about: the argument for path calls and inotify lines, the fd's
// target for fd calls (only when it is a path, not a socket or pipe).
StrId FilePathId(const EventContext& ctx, EventIndex i, const Event& e) {
  if (IsPathOp(e.op)) {
    const StrId path = ctx.model().PathArg(i);
    // utimensat(fd, NULL, ...) (touch -r) and fsetxattr name their file by an fd, maybe without -y.
    if (path == kNoStr && (e.op == Op::kUtime || e.op == Op::kXattr)) return ctx.model().FdTarget(i);
    return path;
  }
  if (IsFileEventOp(e.op)) return e.str;
  StrId t = ctx.model().FdTarget(i);
  return t != kNoStr && IsPathText(ctx.store().str(t)) ? t : kNoStr;
}

// The second path of a rename/link/symlink; for an open, the file its new fd names (-y) when
// that is not the path the program gave: a symlink it followed, /proc/self/fd/N re-opened.
StrId FileTargetId(const EventContext& ctx, EventIndex i, const Event& e) {
  if (!IsPathOp(e.op) || e.op == Op::kXattr) return kNoStr;
  const StrId target = ctx.model().TargetArg(i);
  if (e.op != Op::kOpen || target == kNoStr) return target;
  const StrId path = FilePathId(ctx, i, e);
  return path != kNoStr && ctx.store().str(path) == ctx.store().str(target) ? kNoStr : target;
}

// file.dropped and exec.dropped: a successful write or creation of path p came before event i.
Value WrittenBefore(const Model& m, StrId p, EventIndex i) {
  if (p == kNoStr) return Missing();
  const FileSummary* f = m.FindFile(p);
  return Bool(f != nullptr && f->first_write != kNoEvent && m.Before(f->first_write, i));
}

// file.foreign_package. The working directory stands for "whose code is running": npm and
// its peers start a package's lifecycle scripts (node-gyp builds, esbuild's install.js) with
// the package's own folder as cwd, while the app and anything it runs work elsewhere. A
// process whose cwd is unknown counts as foreign.
// The module a successful open for reading or an executable mmap loaded, when the model's
// inventory holds its path (engine/dependency_inventory.h); nullptr for any other call.
const ModuleFile* LoadedModule(const EventContext& ctx, EventIndex i, const Event& e) {
  if (e.err != 0 || e.detail == kNoDetail) return nullptr;
  const Detail& d = ctx.store().DetailOrEmpty(e);
  StrId path = kNoStr;
  if (e.op == Op::kOpen && (d.flags & kOAccMode) == kORdOnly && !(d.flags & (kOCreat | kOTrunc)))
    path = ctx.model().PathArg(i);
  else if (e.op == Op::kMmap && e.fd >= 0 && (d.flags & kProtExec))
    path = ctx.model().FdTarget(i);
  return path == kNoStr ? nullptr : ctx.model().dependencies().Find(path);
}

Value ForeignPackage(const EventContext& ctx, EventIndex i, const Event& e) {
  const bool names_new = e.op == Op::kRename || e.op == Op::kLink || e.op == Op::kSymlink;
  const StrId p = names_new ? ctx.model().TargetArg(i) : FilePathId(ctx, i, e);
  if (p == kNoStr) return Missing();
  const std::string_view root = PathClassifier::InstalledPackageRoot(ctx.store().str(p));
  if (root.empty()) return Bool(false);
  const ProcIndex pi = ctx.model().ProcessOf(i);
  const std::string_view cwd = pi == kNoProc ? std::string_view() : ctx.model().Cwd(ctx.model().process(pi));
  return Bool(!(cwd == root || (cwd.starts_with(root) && cwd.size() > root.size() && cwd[root.size()] == '/')));
}

int64_t FdType(std::string_view t) {
  if (t.empty()) return -1;
  if (t.front() == '/') return 0;
  if (t.starts_with("pipe:")) return 2;
  if (t.starts_with("anon_inode:")) return 3;
  static constexpr std::string_view kSock[] = {"socket:", "TCP", "UDP", "UNIX", "NETLINK", "RAW", "PACKET", "UDPLITE"};
  for (std::string_view p : kSock)
    if (t.starts_with(p)) return 1;
  return 4;
}

bool OpensForWrite(uint32_t flags) {
  return (flags & kOAccMode) == kOWrOnly || (flags & kOAccMode) == kORdWr ||
         (flags & (kOCreat | kOTrunc | kOAppend)) != 0;
}

Value FileRead(const Event& e, const Detail& d) {
  switch (e.op) {
    case Op::kOpen: return Bool((d.flags & kOAccMode) != kOWrOnly && (d.flags & kOPath) == 0);
    case Op::kRead:
    case Op::kFsAccess: return Bool(true);
    default: return Bool(false);
  }
}

Value FileWrite(const Event& e, const Detail& d) {
  switch (e.op) {
    case Op::kOpen: return Bool(OpensForWrite(d.flags));
    case Op::kWrite: case Op::kUnlink: case Op::kRename: case Op::kMkdir: case Op::kRmdir:
    case Op::kChmod: case Op::kChown: case Op::kLink: case Op::kSymlink: case Op::kTruncate:
    case Op::kUtime: case Op::kXattr: case Op::kFsModify: case Op::kFsAttrib: case Op::kFsCloseWrite: case Op::kFsMovedFrom:
    case Op::kFsMovedTo: case Op::kFsCreate: case Op::kFsDelete: case Op::kFsDeleteSelf:
      return Bool(true);
    default: return Bool(false);
  }
}

// "2019-01-01 00:00:00 UTC".
std::string FormatEpochSeconds(int64_t secs) {
  const time_t t = static_cast<time_t>(secs);
  struct tm tm;
  char buf[40];
  if (gmtime_r(&t, &tm) == nullptr || std::strftime(buf, sizeof(buf), "%Y-%m-%d %H:%M:%S UTC", &tm) == 0)
    return StrCat(secs);
  return buf;
}

// A utime call's explicit modification time lies more than a day before the call. The
// call's date is its own timestamp when its trace printed epoch times (-ttt); else none is
// known, and any explicit time counts.
bool Backdated(const EventStore& s, const Event& e, const Detail& d) {
  if (!(d.flags & kUtimeMtimeSet)) return false;
  if (e.time_ns == kNoTime || s.file(e.file).timebase != Timebase::kEpoch) return true;
  constexpr int64_t kDay = 86400;
  return d.b < e.time_ns / 1000000000 - kDay;
}

// The pid of a "/proc/PID/..." path (also "/proc/PID" itself), or -1.
int32_t ProcPidOf(std::string_view path) {
  if (!path.starts_with("/proc/")) return -1;
  path.remove_prefix(6);
  const size_t end = path.find('/');
  int32_t pid;
  return ParseInt(path.substr(0, end), &pid) && pid > 0 ? pid : -1;
}

// The PID of the /proc/PID/ path the event touches; -1 for any other path.
int32_t ProcPidOfEvent(const EventContext& ctx, EventIndex i, const Event& e) {
  const StrId p = FilePathId(ctx, i, e);
  return p == kNoStr ? -1 : ProcPidOf(ctx.store().str(p));
}

bool IsRemoteOp(Op op) { return op == Op::kConnect || op == Op::kSend || op == Op::kRecv || op == Op::kAccept; }

// The remote and local address of a network event; "" when it has none.
std::string_view NetAddress(const EventContext& ctx, EventIndex i, const Event& e, bool remote) {
  const EventStore& s = ctx.store();
  const Detail& d = s.DetailOrEmpty(e);
  if (e.type == EventType::kSocketRow) return s.str(remote ? d.str2 : e.str);
  if (e.op == Op::kWrite) return remote ? s.str(ctx.model().WritePeer(i)) : "";
  if (IsRemoteOp(e.op) != remote) return "";
  if (const Endpoint* ep = ctx.EndpointOf(i); ep != nullptr && ep->address != kNoStr) return s.str(ep->address);
  return s.str(d.str2);
}

Value HostOf(std::string_view addr) {
  std::string_view host;
  int port = -1;
  if (addr.empty() || !SplitHostPort(addr, &host, &port)) return Missing();
  if (host == "*") return Missing();
  return Str(host);
}

Value PortOf(std::string_view addr) {
  std::string_view host;
  int port = -1;
  if (addr.empty() || !SplitHostPort(addr, &host, &port) || port < 0) return Missing();
  return Int(port);
}

// The program of a shell's "x.sh: line 2: sudo: command not found" (dash: "x.sh: 2: sudo:
// not found"): the text between the last two ": " of the message. The parser has matched the
// whole line's shape (program_log_parser.cc, shell_error) when it set the kind.
Value NotFoundCommand(const EventStore& s, const Event& e, const Detail& d) {
  if (d.str2 == kNoStr || s.str(d.str2) != "command not found") return Missing();
  std::string_view m = s.str(e.str);
  for (std::string_view tail : {": command not found", ": not found"}) {
    if (!m.ends_with(tail)) continue;
    m.remove_suffix(tail.size());
    const size_t colon = m.rfind(": ");
    return colon == std::string_view::npos ? Missing() : Str(m.substr(colon + 2));
  }
  return Missing();
}

// execvp tries each PATH entry in turn: an attempt that failed and was followed, in the same
// process, by a successful exec of the same basename was a miss on the way to the program.
Value ExecFoundLater(const EventContext& ctx, EventIndex i, const Event& e) {
  if (e.err == 0) return Bool(false);
  const Model& m = ctx.model();
  const EventStore& s = ctx.store();
  const ProcIndex pi = m.ProcessOf(i);
  if (pi == kNoProc || e.str == kNoStr) return Bool(false);
  const std::string_view name = Basename(s.str(e.str));
  bool after = false;
  for (const ExecRecord& x : m.process(pi).execs) {
    if (x.event == i) after = true;
    else if (after && x.ok && x.path != kNoStr && Basename(s.str(x.path)) == name) return Bool(true);
  }
  return Bool(false);
}

// The thread's call after (step +1) or before (step -1) event i: strace writes a thread's calls
// in order, so it is the nearest call of that tid in the same file, looked for within 64
// events. kNoEvent when there is none.
EventIndex AdjacentCallOfThread(const EventStore& s, EventIndex i, int step) {
  constexpr EventIndex kThreadWindow = 64;
  const Event& e = s.event(i);
  for (EventIndex k = 1; k <= kThreadWindow; ++k) {
    if (step < 0 ? k > i : i + k >= s.size()) break;
    const EventIndex j = step < 0 ? i - k : i + k;
    const Event& other = s.event(j);
    if (other.file != e.file) break;
    if (other.tid == e.tid && other.type == EventType::kSyscall) return j;
  }
  return kNoEvent;
}

// A refused mmap the thread retried at once and got: the program asked for a special mapping
// (MAP_HUGETLB, a MAP_FIXED or MAP_32BIT address: PHP's OPcache, JVMs with large pages) and fell
// back to an ordinary one, so the memory was there.
Value MmapRetriedOk(const EventStore& s, EventIndex i, const Event& e) {
  if (e.err == 0) return Bool(false);
  const EventIndex next = AdjacentCallOfThread(s, i, +1);
  return Bool(next != kNoEvent && s.event(next).op == Op::kMmap && s.event(next).err == 0);
}

// "/usr/local/bin/nc" -> "nc" when the event is a failed lookup of a program in a directory
// programs are searched in (bin, sbin, node_modules/.bin, pyenv's shims); empty otherwise.
std::string_view MissedProgramLookup(const EventContext& ctx, EventIndex i, std::string_view* dir) {
  const Event& e = ctx.store().event(i);
  if (e.type != EventType::kSyscall || e.op != Op::kStat || e.err == 0) return {};
  const StrId p = FilePathId(ctx, i, e);
  if (p == kNoStr) return {};
  const std::string_view path = ctx.store().str(p);
  if (!path.starts_with('/')) return {};
  *dir = Dirname(path);
  const std::string_view last = Basename(*dir);
  if (last != "bin" && last != "sbin" && last != ".bin" && last != "shims") return {};
  return Basename(path);
}

// The last miss of a search over PATH: a shell (or which, or a library's which()) stats
// DIR/NAME in each PATH directory in turn and stops at the first that is there. The thread's
// next calls (4: a signal handler's rt_sigreturn may come between two lookups) look for
// nothing more of that name, and its calls before it missed the same name in at least one
// other directory. A shell that then says "sudo: not found" leaves no exec in the trace, only
// this. Unknowable in a trace of failed calls only (strace -Z), where the hit is left out.
Value SearchMissed(const EventContext& ctx, EventIndex i) {
  std::string_view dir;
  const std::string_view name = MissedProgramLookup(ctx, i, &dir);
  if (name.empty() || ctx.model().succeeded_calls() == 0) return Missing();
  const EventStore& s = ctx.store();
  EventIndex next = i;
  for (int k = 0; k < 4 && (next = AdjacentCallOfThread(s, next, +1)) != kNoEvent; ++k) {
    if (s.event(next).op != Op::kStat) continue;
    const StrId p = FilePathId(ctx, next, s.event(next));
    if (p != kNoStr && Basename(s.str(p)) == name) return Missing();  // the search goes on
  }
  // A shell stats a directory it may not enter twice (EACCES); count distinct directories.
  for (EventIndex j = AdjacentCallOfThread(s, i, -1); j != kNoEvent; j = AdjacentCallOfThread(s, j, -1)) {
    std::string_view other_dir;
    if (MissedProgramLookup(ctx, j, &other_dir) != name) break;
    if (other_dir != dir) return Str(name);
  }
  return Missing();
}

// Whether a sleep returned to the program. A signal that arrives during a sleep ends the call
// with "= ? ERESTART_RESTARTBLOCK"; without a handler (SIGCHLD of a finished child), the kernel
// resumes the same sleep and strace shows it as the thread's next call,
// "restart_syscall(<... resuming interrupted clock_nanosleep ...>", which may itself be cut again.
// Any other call of the thread means the sleep ended (a handler ran and the program went on).
// strace writes a thread's records in order, so the thread's next records are the next events of
// its tid in the same file; the scan stops at the first of them that is no signal.
Value SleepWoke(const EventStore& s, EventIndex i, const Event& e) {
  if (!(e.flags & kResultUnknown)) return Bool(true);
  for (EventIndex j = i + 1; j < s.size(); ++j) {
    const Event& next = s.event(j);
    if (next.file != e.file) break;
    if (next.tid != e.tid || next.type == EventType::kSignal) continue;
    if (next.type == EventType::kExited || next.type == EventType::kKilled) return Bool(false);
    const bool restart = next.name && s.name(next.name) == "restart_syscall";
    if (!restart) return Bool(true);
    if (!(next.flags & kResultUnknown)) return Bool(true);
  }
  return Bool(false);
}

// How long a sleep was seen to last: -T's time in a call that returned; else (no -T, or a
// signal cut the call, "= ? ERESTART_RESTARTBLOCK", and the kernel went on sleeping in
// restart_syscall) the time to the thread's next line in its file other than a signal or
// that restart_syscall, or to the file's last line. The look ahead stops after kLookAhead
// lines, at a lower bound.
Value SleepSlept(const EventStore& s, EventIndex i, const Event& e, const Detail& d) {
  if (d.c >= 0 && !(e.flags & kResultUnknown)) return Int(int64_t{d.c} * 1000000);
  if (e.time_ns == kNoTime) return Missing();
  constexpr EventIndex kLookAhead = 1 << 20;
  int64_t end = kNoTime;
  for (EventIndex j = i + 1; j < s.size() && j - i <= kLookAhead; ++j) {
    const Event& next = s.event(j);
    if (next.file != e.file) break;
    if (next.time_ns != kNoTime) end = next.time_ns;
    if (next.tid != e.tid || next.type == EventType::kSignal) continue;
    if (next.type == EventType::kSyscall && next.name && s.name(next.name) == "restart_syscall") continue;
    break;
  }
  return end == kNoTime ? Missing() : Int(std::max<int64_t>(end - e.time_ns, 0));
}

// A setuid-family call that changes nothing: setuid(getuid()), setresgid(g, g, g) after
// getgid() = g (the privilege-drop idiom, a no-op in a process that never had other ids). The
// ids the thread has are the results of its getuid/geteuid (or getgid/getegid) calls since its
// last exec or call of the same family, looked for among the events just before it in its file.
Value PrivIdsUnchanged(const EventStore& s, EventIndex i, const Event& e, const Detail& d) {
  const std::string_view name = e.name ? s.name(e.name) : std::string_view();
  if (e.op != Op::kSetId || name == "setgroups") return Missing();
  const bool uid = name.find("uid") != std::string_view::npos;
  const std::string_view get_real = uid ? "getuid" : "getgid", get_effective = uid ? "geteuid" : "getegid";
  constexpr EventIndex kLookBack = 256;
  std::vector<int64_t> known;
  for (EventIndex j = i; j-- > 0 && i - j <= kLookBack;) {
    const Event& prev = s.event(j);
    if (prev.file != e.file) break;
    if (prev.tid != e.tid || prev.type != EventType::kSyscall) continue;
    if (prev.op == Op::kExec) break;
    const std::string_view prev_name = prev.name ? s.name(prev.name) : std::string_view();
    if (prev.op == Op::kSetId && (prev_name.find("uid") != std::string_view::npos) == uid) break;
    if ((prev_name == get_real || prev_name == get_effective) && prev.err == 0 && !(prev.flags & kResultUnknown))
      known.push_back(prev.result);
  }
  if (known.empty()) return Bool(false);
  for (int32_t id : {d.a, d.b, d.c})
    if (id != -1 && std::find(known.begin(), known.end(), id) == known.end()) return Bool(false);
  return Bool(true);
}

Value NetClass(const EventContext& ctx, EventIndex i, const Event& e) {
  if (e.type == EventType::kSocketRow) {
    const Detail& d = ctx.store().DetailOrEmpty(e);
    AddressClass peer = SocketRowClass(d.flags, true);
    std::string_view peer_text = ctx.store().str(d.str2);
    bool has_peer = !peer_text.empty() && peer_text != "*:*" && peer != AddressClass::kUnspecified &&
                    peer != AddressClass::kUnknown;
    AddressClass c = has_peer ? peer : SocketRowClass(d.flags, false);
    return Int(static_cast<int64_t>(c));
  }
  if (const Endpoint* ep = ctx.EndpointOf(i)) return Int(static_cast<int64_t>(ep->cls));
  std::string_view addr = NetAddress(ctx, i, e, IsRemoteOp(e.op) || e.op == Op::kWrite);
  if (addr.empty()) return Missing();
  return Int(static_cast<int64_t>(ClassifyAddress(addr)));
}

Value NetProto(const EventContext& ctx, EventIndex i, const Event& e) {
  const Detail& d = ctx.store().DetailOrEmpty(e);
  if (e.type == EventType::kSocketRow) {
    if (d.flags & kSockTcp) return Int(0);
    if (d.flags & kSockUdp) return Int(1);
    if (d.flags & kSockUnix) return Int(2);
    if (d.flags & kSockRaw) return Int(3);
    if (d.flags & kSockNetlink) return Int(4);
    return Int(5);
  }
  if (e.op == Op::kSocket) {
    if (d.a == 1) return Int(2);
    if (d.a == 16) return Int(4);
    if ((d.b & 0xF) == 1) return Int(0);
    if ((d.b & 0xF) == 2) return Int(1);
    if ((d.b & 0xF) == 3) return Int(3);
    return Int(5);
  }
  std::string_view t = ctx.store().str(ctx.model().FdTarget(i));
  if (t.starts_with("TCP")) return Int(0);
  if (t.starts_with("UDP")) return Int(1);
  if (t.starts_with("UNIX")) return Int(2);
  if (t.starts_with("NETLINK")) return Int(4);
  return Missing();
}

Value Family(int32_t af) {
  for (const Symbol& s : kFamilies)
    if (s.value == af) return Int(af);
  return af < 0 ? Missing() : Int(-2);
}

int64_t SignalNumberOf(std::string_view name) {
  for (size_t i = 1; i < kSignalNames.size(); ++i)
    if (kSignalNames[i] == name) return static_cast<int64_t>(i);
  return -1;
}

// pidfd_send_signal through a pidfd whose process the trace does not name (no -yy) has no
// target: unknown, not a process group.
bool UnknownPidfdTarget(const Event& e, const Detail& d) { return e.fd >= 0 && d.a < 0; }

Value TargetKind(const EventContext& ctx, EventIndex i, const Event& e, const Detail& d) {
  int32_t target = d.a;
  if (UnknownPidfdTarget(e, d)) return Int(4);
  const Model& m = ctx.model();
  if (m.SignalsOwnGroup(i)) return Int(5);
  // kill(-N): the group that traced process N leads (PostgreSQL's postmaster stopping each
  // child's group, the child having called setsid()) is judged as that process.
  ProcIndex t = target < -1 ? m.FindPid(-target) : target > 0 ? m.FindPid(target) : kNoProc;
  if (target <= 0 && (t == kNoProc || !m.process(t).in_strace || !m.process(t).group_leader)) return Int(3);
  ProcIndex self = m.ProcessOf(i);
  if (t == kNoProc) return Int(2);
  if (self == kNoProc) return Int(4);
  if (t == self) return Int(0);
  // Walk up from the target; the depth bound guards against a malformed (cyclic) tree.
  for (ProcIndex p = m.process(t).parent, n = 0; p != kNoProc && n < 4096; p = m.process(p).parent, ++n)
    if (p == self) return Int(1);
  // A sibling or an ancestor in the traced tree (a PostgreSQL backend asking the checkpointer
  // for a checkpoint) is the program's own process too.
  return Int(m.process(t).in_strace ? 6 : 2);
}

Value ProcField(FieldId id, const EventContext& ctx, EventIndex i) {
  const Model& m = ctx.model();
  const EventStore& s = ctx.store();
  ProcIndex pi = m.ProcessOf(i);
  if (pi == kNoProc) return Missing();
  const Process& p = m.process(pi);
  // The traced tree's root has no traced parent; ps may still name it (strace, the harness).
  ProcIndex parent_index = p.parent;
  if (parent_index == kNoProc && p.ppid > 0) parent_index = m.FindPid(p.ppid);
  const Process* parent = parent_index != kNoProc ? &m.process(parent_index) : nullptr;
  switch (id) {
    case FieldId::kProcPid: return Int(p.pid);
    case FieldId::kProcPpid: return parent ? Int(parent->pid) : NonNeg(p.ppid);
    case FieldId::kProcName: return Str(ProgramName(s, m.ProgramAt(pi, i)));
    case FieldId::kProcSlept: {
      const Event& e = s.event(i);
      if (e.time_ns == kNoTime || e.tid <= 0 || !(e.type == EventType::kSyscall || e.type == EventType::kUnfinished))
        return Missing();
      return Int(m.sleeps().SleptBefore(e.tid, e.time_ns));
    }
    case FieldId::kProcSleeper:
    case FieldId::kProcSleeperPid: {
      const Event& e = s.event(i);
      if (e.time_ns == kNoTime || e.tid <= 0) return Missing();
      EventIndex most = kNoEvent;
      int64_t most_ns = 0;
      for (const auto& [event, share] : m.sleeps().SleepersBefore(e.tid, e.time_ns))
        if (share > most_ns) most = event, most_ns = share;
      const ProcIndex q = most == kNoEvent ? kNoProc : m.ProcessOf(most);
      if (q == kNoProc) return Missing();
      if (id == FieldId::kProcSleeperPid) return Int(m.process(q).pid);
      return Str(ProgramName(s, m.ProgramAt(q, most)));
    }
    case FieldId::kProcExe: return StrOf(s, m.ProgramAt(pi, i).exe);
    case FieldId::kProcCmdline: return StrOf(s, m.ProgramAt(pi, i).cmdline);
    case FieldId::kProcScript: return StrOf(s, m.ProgramAt(pi, i).script);
    case FieldId::kProcInterpreter: {
      const StrId interpreter = m.ProgramAt(pi, i).interpreter;
      return interpreter == kNoStr ? Missing() : Str(Basename(s.str(interpreter)));
    }
    case FieldId::kProcCwd: return Str(m.Cwd(p));
    case FieldId::kProcUser: return StrOf(s, p.user);
    case FieldId::kProcIsTarget: return Bool(p.is_target);
    case FieldId::kProcDepth: return Int(p.depth);
    case FieldId::kProcCopyGeneration: return Int(CopyGeneration(m, pi));
    case FieldId::kProcExitCode: return NonNeg(p.exit_code);
    case FieldId::kProcKilledBy: return p.killed_by ? Str(s.name(p.killed_by)) : Missing();
    case FieldId::kProcThreads: return Int(static_cast<int64_t>(p.threads.size()));
    case FieldId::kProcChildren: return Int(static_cast<int64_t>(p.children.size()));
    case FieldId::kProcPname: return parent ? Str(ProgramName(s, m.ProgramAt(parent_index, i))) : Missing();
    case FieldId::kProcPexe: return parent ? StrOf(s, m.ProgramAt(parent_index, i).exe) : Missing();
    case FieldId::kProcPcmdline: return parent ? StrOf(s, m.ProgramAt(parent_index, i).cmdline) : Missing();
    case FieldId::kProcPscript: return parent ? StrOf(s, m.ProgramAt(parent_index, i).script) : Missing();
    case FieldId::kProcOutlivedParent: return Bool(m.OutlivedParent(pi));
    case FieldId::kProcDaemonChain: {
      if (m.life().daemon_pid == 0) return Bool(false);
      for (ProcIndex q = m.FindPid(m.life().daemon_pid); q != kNoProc && q != m.root(); q = m.process(q).parent)
        if (q == pi) return Bool(true);
      return Bool(false);
    }
    case FieldId::kProcReaped: return Bool(p.reaped);
    default: return Missing();
  }
}

Value RunField(FieldId id, const EventContext& ctx) {
  const RunLife& l = ctx.model().life();
  const EventStore& s = ctx.store();
  switch (id) {
    case FieldId::kRunDuration:
      return l.duration_s < 0 ? Missing() : Int(static_cast<int64_t>(l.duration_s * 1e9));
    case FieldId::kRunExitCode: return NonNeg(l.exit_code);
    case FieldId::kRunKilledBy: return l.killed_by ? Str(s.name(l.killed_by)) : Missing();
    case FieldId::kRunExited: return Bool(l.exited);
    case FieldId::kRunStartupCrash: return Bool(l.startup_crash);
    case FieldId::kRunSteady: return Bool(l.reached_steady_state);
    case FieldId::kRunServing: return Bool(l.serving);
    case FieldId::kRunStoppedByHarness: return Bool(l.stopped_by_harness);
    case FieldId::kRunLockWait: return l.lock_wait_ns < 0 ? Missing() : Int(l.lock_wait_ns);
    case FieldId::kRunHangWait: return l.hang_wait_ns < 0 ? Missing() : Int(l.hang_wait_ns);
    case FieldId::kRunHangCalls: return l.hang_wait_ns < 0 ? Missing() : Str(l.hang_calls);
    case FieldId::kRunReason: return Str(l.reason);
    case FieldId::kRunAppDir: return Str(ctx.model().app_dir());
    case FieldId::kRunRootPid: return l.root_pid > 0 ? Int(l.root_pid) : Missing();
    case FieldId::kRunProcesses: {
      int64_t n = 0;
      for (const Process& p : ctx.model().processes()) n += p.in_strace ? 1 : 0;
      return Int(n);
    }
    default: return Missing();
  }
}

Value EventField(FieldId id, const EventContext& ctx, EventIndex i, const Event& e) {
  const Model& m = ctx.model();
  const EventStore& s = ctx.store();
  const Detail& d = s.DetailOrEmpty(e);
  switch (id) {
    case FieldId::kEvtOp: return Int(static_cast<int64_t>(e.op));
    case FieldId::kEvtType: return Int(static_cast<int64_t>(e.type));
    case FieldId::kEvtSource: return Int(static_cast<int64_t>(s.file(e.file).kind));
    case FieldId::kEvtName: return e.name ? Str(s.name(e.name)) : Missing();
    case FieldId::kEvtStr: return StrOf(s, e.str);
    case FieldId::kEvtResult: return (e.flags & kResultUnknown) ? Missing() : Int(e.result);
    case FieldId::kEvtFailed: return Bool(e.err != 0);
    case FieldId::kEvtErrno: return e.err ? Str(ErrnoName(e.err)) : Missing();
    case FieldId::kEvtTid: return e.tid ? Int(e.tid) : Missing();
    case FieldId::kEvtFd: return e.fd == kNoFd ? Missing() : Int(e.fd);
    case FieldId::kEvtTime: return e.time_ns == kNoTime ? Missing() : Int(e.time_ns);
    case FieldId::kEvtRelTime:
      return e.time_ns == kNoTime || ctx.run_start_ns() == kNoTime ? Missing() : Int(e.time_ns - ctx.run_start_ns());
    case FieldId::kEvtFile: return Str(s.file(e.file).path);
    case FieldId::kEvtLine: return Int(e.line);
    case FieldId::kEvtTruncated: return Bool(e.flags & kTruncated);
    case FieldId::kEvtLaunch: return Bool(ctx.model().InLaunch(i));
    case FieldId::kEvtInjected: return Bool(e.flags & kInjected);

    case FieldId::kThreadTid: return e.tid ? Int(e.tid) : Missing();
    case FieldId::kThreadBusy: return NonNeg(m.BusyBefore(i));
    case FieldId::kThreadIsMain: {
      ProcIndex p = m.ProcessOf(i);
      return p == kNoProc || e.tid == 0 ? Missing() : Bool(m.process(p).pid == e.tid);
    }

    case FieldId::kExecPath: return StrOf(s, m.PathArg(i));
    case FieldId::kExecName: return e.str ? Str(Basename(s.str(e.str))) : Missing();
    case FieldId::kExecCmdline: return StrOf(s, d.str2);
    case FieldId::kExecOk: return Bool(e.err == 0 && e.result == 0 && !(e.flags & kResultUnknown));
    case FieldId::kExecInitial: return Bool(ctx.IsInitialExec(i));
    case FieldId::kExecTruncated: return Bool(d.flags & kExecTruncated);
    case FieldId::kExecEmptyArgv: return Bool(d.flags & kExecEmptyArgv);
    case FieldId::kExecDeleted: return Bool(d.flags & kExecDeleted);
    case FieldId::kExecEnvc: return NonNeg(d.a);
    case FieldId::kExecClass: {
      const StrId path = m.PathArg(i);
      return path ? Int(static_cast<int64_t>(m.ClassifyPath(s.str(path)))) : Missing();
    }
    case FieldId::kExecScriptDeployed: return Bool(m.RunsDeployedScript(i));
    case FieldId::kExecRerunsOwnProgram: return Bool(m.RerunsOwnProgram(i));
    case FieldId::kExecEnvHooks: return StrOf(s, d.str3);
    case FieldId::kExecHooksAdded:
    case FieldId::kExecHistoryOffAdded: {
      const ProcIndex pi = m.ProcessOf(i);
      if (pi == kNoProc) return Bool(false);
      for (const ExecRecord& x : m.process(pi).execs)
        if (x.event == i) return Bool(id == FieldId::kExecHooksAdded ? x.hooks_added : x.history_off_added);
      return Bool(false);
    }

    case FieldId::kExecFoundLater: return ExecFoundLater(ctx, i, e);
    case FieldId::kExecDropped: return WrittenBefore(m, m.PathArg(i), i);

    case FieldId::kCloneFlags: return Int(d.flags & ~static_cast<uint32_t>(kCloneIsFork));
    // Without the flags (kCloneFlagsUnknown) the model's reading of what the child did decides.
    case FieldId::kCloneThread:
      return Bool((d.flags & kCloneThread) || ((d.flags & kCloneFlagsUnknown) && e.result > 0 && m.IsThread(e.result)));
    case FieldId::kCloneProcess:
      return Bool(!(d.flags & kCloneThread) && e.err == 0 && e.result > 0 &&
                  !((d.flags & kCloneFlagsUnknown) && m.IsThread(e.result)));
    case FieldId::kCloneChild: return e.err == 0 && e.result > 0 ? Int(e.result) : Missing();

    case FieldId::kFilePath: return StrOf(s, FilePathId(ctx, i, e));
    case FieldId::kFileName: {
      StrId p = FilePathId(ctx, i, e);
      return p ? Str(Basename(s.str(p))) : Missing();
    }
    case FieldId::kFileDir: {
      StrId p = FilePathId(ctx, i, e);
      return p ? Str(Dirname(s.str(p))) : Missing();
    }
    case FieldId::kFileClass: return PathClassOf(m, s, FilePathId(ctx, i, e));
    case FieldId::kFileTarget: return StrOf(s, FileTargetId(ctx, i, e));
    case FieldId::kFileTargetClass: return PathClassOf(m, s, FileTargetId(ctx, i, e));
    case FieldId::kFileRead: return FilePathId(ctx, i, e) ? FileRead(e, d) : Missing();
    case FieldId::kFileWrite: return FilePathId(ctx, i, e) ? FileWrite(e, d) : Missing();
    case FieldId::kFileCreated:
      return Bool((e.op == Op::kOpen && (d.flags & kOCreat)) || e.op == Op::kMkdir || e.op == Op::kLink ||
                  e.op == Op::kSymlink || e.op == Op::kFsCreate);
    case FieldId::kFileDeleted: return Bool(e.op == Op::kUnlink || e.op == Op::kRmdir || e.op == Op::kFsDelete);
    case FieldId::kFileExecuted: {
      const StrId p = FilePathId(ctx, i, e);
      if (p == kNoStr) return Missing();
      const FileSummary* f = m.FindFile(p);
      return Bool(f != nullptr && f->first_exec != kNoEvent && m.Before(f->first_exec, i));
    }
    case FieldId::kFileDropped: return WrittenBefore(m, FilePathId(ctx, i, e), i);
    case FieldId::kFileNew: {
      const StrId p = FilePathId(ctx, i, e);
      return p == kNoStr ? Missing() : Bool(m.MadeByRun(p, i));
    }
    case FieldId::kFileForeignPackage: return ForeignPackage(ctx, i, e);
    case FieldId::kDepKind:
    case FieldId::kDepPackage:
    case FieldId::kDepOrigin:
    case FieldId::kDepShadows: {
      const ModuleFile* dep = LoadedModule(ctx, i, e);
      if (dep == nullptr) return Missing();
      if (id == FieldId::kDepKind) return Int(static_cast<int64_t>(dep->kind));
      if (id == FieldId::kDepOrigin) return Int(static_cast<int64_t>(dep->origin));
      if (id == FieldId::kDepPackage) return Str(dep->name);
      return Bool(dep->shadows);
    }
    case FieldId::kFileProcOther: {
      const int32_t pid = ProcPidOfEvent(ctx, i, e);
      if (pid < 0) return Missing();
      const ProcIndex pi = m.FindPid(pid);
      return Bool(!(pi != kNoProc && m.processes()[pi].in_strace) && !m.IsThread(pid));
    }
    case FieldId::kFileProcSelf: {
      const int32_t pid = ProcPidOfEvent(ctx, i, e);
      if (pid < 0) return Missing();
      const ProcIndex own = m.ProcessOf(i);
      return Bool(own != kNoProc && m.FindPid(pid) == own);
    }
    case FieldId::kFileModeBits:
      if (e.op == Op::kOpen && !(d.flags & kOCreat)) return Missing();
      return d.a < 0 ? Missing() : Int(d.a & 07000);
    case FieldId::kOpenFlags: return Int(d.flags);
    case FieldId::kOpenMode: return NonNeg(d.a);

    case FieldId::kFdTarget: return StrOf(s, m.FdTarget(i));
    case FieldId::kFdType: {
      int64_t t = FdType(s.str(m.FdTarget(i)));
      return t < 0 ? Missing() : Int(t);
    }
    case FieldId::kFdNetwork: {
      const std::string_view t = s.str(m.FdTarget(i));
      for (std::string_view p : {"TCP", "UDP", "RAW", "PACKET"})
        if (t.starts_with(p)) return Bool(true);
      const int32_t family = m.DupFamily(i);
      if (family != 0) return Bool(family == 2 || family == 10);
      return t.empty() ? Missing() : Bool(false);
    }
    case FieldId::kFdConnected:
      return (e.op == Op::kRead || e.op == Op::kRecv) && e.type == EventType::kSyscall ? Bool(m.ReadFromConnected(i))
                                                                                       : Missing();
    case FieldId::kFdAccepted:
      return e.op == Op::kDup && e.type == EventType::kSyscall ? Bool(m.DupOfAccepted(i)) : Missing();

    case FieldId::kNetRemote: return Str(NetAddress(ctx, i, e, true));
    case FieldId::kNetRemoteIp: return HostOf(NetAddress(ctx, i, e, true));
    case FieldId::kNetRemotePort: return PortOf(NetAddress(ctx, i, e, true));
    case FieldId::kNetLocal: return Str(NetAddress(ctx, i, e, false));
    case FieldId::kNetLocalPort: {
      if (const Endpoint* ep = ctx.EndpointOf(i)) {
        if (e.op == Op::kAccept) return NonNeg(ep->local_port);
        if (e.op == Op::kBind || e.op == Op::kListen) return NonNeg(ep->port);
      }
      return PortOf(NetAddress(ctx, i, e, false));
    }
    case FieldId::kNetClass: return NetClass(ctx, i, e);
    case FieldId::kNetFamily:
      if (e.type == EventType::kSocketRow) return Missing();
      if (const Endpoint* ep = ctx.EndpointOf(i); ep && ep->family >= 0) return Family(ep->family);
      return Family(d.a);
    case FieldId::kNetProto: return NetProto(ctx, i, e);
    case FieldId::kNetDns: {
      if (ctx.SentNonDns(i)) return Bool(false);
      if (const Endpoint* ep = ctx.EndpointOf(i)) return Bool(ep->dns);
      Value port = PortOf(NetAddress(ctx, i, e, true));
      return Bool(!port.missing() && port.i == 53);
    }
    case FieldId::kNetDnsName: return Str(ctx.DnsName(i));
    case FieldId::kNetSent: {
      const Endpoint* ep = ctx.EndpointOf(i);
      if (ep == nullptr || ep->sent == SentData::kUnknown) return Missing();
      return Bool(ep->sent == SentData::kSome);
    }
    case FieldId::kNetPeer: return Str(ctx.Peer(i));
    case FieldId::kNetHttpHost: return Str(ctx.HttpHost(i));
    case FieldId::kNetSentSecret: return Str(ctx.SentSecret(i));
    case FieldId::kNetSentFile: return Str(ctx.SentFile(i));
    case FieldId::kNetSentProtocol: return Str(ctx.SentProtocol(i));
    case FieldId::kNetSentAppSecret: return Str(ctx.SentAppSecret(i));
    case FieldId::kNetResolverListed: {
      const Value host = HostOf(NetAddress(ctx, i, e, true));
      if (host.missing()) return Missing();
      const std::optional<bool> listed = ctx.ResolverListed(host.s);
      return listed ? Bool(*listed) : Missing();
    }
    case FieldId::kNetState: return e.type == EventType::kSocketRow && e.name ? Str(s.name(e.name)) : Missing();
    case FieldId::kNetInbound: {
      if (e.type != EventType::kSocketRow || !e.name) return Missing();
      const std::string_view state = s.name(e.name);
      if (state == "LISTEN" || state == "UNCONN") return Missing();
      const Value port = PortOf(NetAddress(ctx, i, e, false));
      return port.missing() ? Missing() : Bool(ctx.IsListeningPort(port.i));
    }
    case FieldId::kNetOutcome: {
      const Endpoint* ep = ctx.EndpointOf(i);
      return ep != nullptr && ep->outcome != ConnectOutcome::kNone ? Int(static_cast<int64_t>(ep->outcome)) : Missing();
    }
    case FieldId::kNetError: {
      const Endpoint* ep = ctx.EndpointOf(i);
      return ep != nullptr && ep->outcome == ConnectOutcome::kFailed ? Str(ErrnoName(ep->outcome_err)) : Missing();
    }

    case FieldId::kSigName:
      if (e.op == Op::kKill && e.type != EventType::kSignal && e.type != EventType::kKilled)
        return d.b >= 0 && d.b < static_cast<int32_t>(kSignalNames.size()) ? Str(kSignalNames[d.b]) : Missing();
      return e.name ? Str(s.name(e.name)) : Missing();
    case FieldId::kSigNumber: {
      if (e.op == Op::kKill && e.type != EventType::kSignal && e.type != EventType::kKilled) return NonNeg(d.b);
      int64_t n = e.name ? SignalNumberOf(s.name(e.name)) : -1;
      return NonNeg(n);
    }
    case FieldId::kSigSender: return e.type == EventType::kSignal ? NonNeg(d.a) : Missing();
    case FieldId::kSigSenderUid: return e.type == EventType::kSignal ? NonNeg(d.b) : Missing();
    case FieldId::kSigCode: return e.type == EventType::kSignal ? StrOf(s, e.str) : Missing();
    case FieldId::kSigTarget:
      return e.op == Op::kKill && e.type != EventType::kSignal && !UnknownPidfdTarget(e, d) ? Int(d.a) : Missing();
    case FieldId::kSigTargetKind: return e.op == Op::kKill && e.type != EventType::kSignal ? TargetKind(ctx, i, e, d) : Missing();
    case FieldId::kSigFromOutside:
      if (e.type != EventType::kSignal) return Missing();
      return Bool(d.a > 0 && m.FindPid(d.a) == kNoProc);

    case FieldId::kPrivOption: return StrOf(s, e.str);
    case FieldId::kPrivRequest: return e.op == Op::kSetId ? Missing() : Int(d.flags);
    case FieldId::kPrivTarget: return e.op == Op::kPtrace ? NonNeg(d.a) : Missing();
    case FieldId::kPrivId: return e.op == Op::kSetId ? NonNeg(d.a) : Missing();
    case FieldId::kPrivIdsUnchanged: return PrivIdsUnchanged(s, i, e, d);
    case FieldId::kPrivCapsEmpty: return e.op == Op::kCapset ? Bool(d.b == 1) : Missing();
    case FieldId::kPrivValue:
      return e.op == Op::kPrctl && d.str2 == kNoStr && d.a >= 0 ? Int(d.a) : Missing();
    case FieldId::kPrivThreadName:
      return e.op == Op::kPrctl || e.op == Op::kWrite ? StrOf(s, d.str2) : Missing();

    case FieldId::kMemProt: return Int(d.flags);
    case FieldId::kMemExec: return Bool(d.flags & kProtExec);
    case FieldId::kMemWriteExec: return Bool((d.flags & kProtExec) && (d.flags & kProtWrite));
    case FieldId::kMemMapFlags: return NonNeg(d.a);
    case FieldId::kMemAnon: return Bool(e.fd < 0);
    case FieldId::kMemFile: {
      StrId t = e.fd >= 0 ? m.FdTarget(i) : kNoStr;
      return t ? Str(s.str(t)) : Missing();
    }
    case FieldId::kMemRetriedOk: return MmapRetriedOk(s, i, e);
    case FieldId::kMemfdName: return StrOf(s, e.str);

    case FieldId::kNsTypes: return Int(d.flags & kCloneNamespaces);
    case FieldId::kMountSource: return StrOf(s, d.str2);
    case FieldId::kMountFstype: return StrOf(s, d.str3);
    case FieldId::kUtimeMtime: return Str(ctx.UtimeText(i));
    case FieldId::kUtimeBackdated: return Bool(Backdated(s, e, d));
    case FieldId::kXattrName:
    case FieldId::kCallCommand: return StrOf(s, d.str2);
    case FieldId::kCallFileAttrs: {
      if (e.op != Op::kIoctl || e.detail == kNoDetail) return Missing();
      static constexpr std::string_view kNames[] = {"", "immutable", "append_only", "immutable|append_only"};
      return Str(kNames[d.flags & (kAttrImmutable | kAttrAppendOnly)]);
    }
    case FieldId::kSleepDuration:
      if (e.op != Op::kSleep || (d.flags & kSleepAbsolute) || d.a < 0) return Missing();
      return Int(int64_t{d.a} * 1000000000 + std::max<int32_t>(d.b, 0));
    case FieldId::kSleepDeadline:
      return e.op == Op::kSleep && (d.flags & kSleepAbsolute) ? Str("an absolute deadline") : Missing();
    case FieldId::kSleepSlept: return e.op == Op::kSleep ? SleepSlept(s, i, e, d) : Missing();
    case FieldId::kSleepWoke: return e.op == Op::kSleep ? SleepWoke(s, i, e) : Missing();

    case FieldId::kFsMask: return Int(d.flags);
    case FieldId::kFsEvent: return e.name ? Str(s.name(e.name)) : Missing();
    case FieldId::kFsWatch: return StrOf(s, d.str2);

    case FieldId::kPsCmdline: return StrOf(s, e.str);
    case FieldId::kPsComm: return e.name ? Str(s.name(e.name)) : Missing();
    case FieldId::kPsUser: return StrOf(s, d.str2);
    case FieldId::kPsPpid: return NonNeg(d.a);
    case FieldId::kPsCpu: return e.result < 0 ? Missing() : Int(e.result / 10);
    case FieldId::kPsCpuTime: return e.fd < 0 ? Missing() : Int(int64_t{e.fd} * 1'000'000'000);
    case FieldId::kPsKernelThread:
      return d.flags & kPsHasMemory ? Bool((d.flags & kPsKernelThread) != 0) : Missing();

    case FieldId::kLogMessage: return StrOf(s, e.str);
    case FieldId::kLogLevel: return e.name ? Str(s.name(e.name)) : Missing();
    case FieldId::kLogKind: return StrOf(s, d.str2);
    case FieldId::kLogCommand: return NotFoundCommand(s, e, d);
    case FieldId::kCmdNotFound: return e.type == EventType::kLogLine ? NotFoundCommand(s, e, d) : SearchMissed(ctx, i);
    case FieldId::kLogLogger: return StrOf(s, d.str3);
    case FieldId::kLogError: return Bool(d.flags & kLogError);
    case FieldId::kLogWarning: return Bool(d.flags & kLogWarning);
    case FieldId::kLogFatal: return Bool(d.flags & kLogFatal);
    case FieldId::kLogStack: return Bool(d.flags & kLogStackFrame);
    case FieldId::kLogDependency: return Bool(d.flags & kLogDependency);
    case FieldId::kLogListening: return Bool(d.flags & kLogListening);
    default: return ProcField(id, ctx, i);
  }
}

std::string FormatDuration(int64_t ns) {
  char buf[48];
  double s = static_cast<double>(ns) / 1e9;
  if (ns % 1000000000 == 0) std::snprintf(buf, sizeof(buf), "%llds", static_cast<long long>(ns / 1000000000));
  else std::snprintf(buf, sizeof(buf), "%.3fs", s);
  return buf;
}

}  // namespace

std::string_view FieldTypeName(FieldType t) {
  switch (t) {
    case FieldType::kString: return "string";
    case FieldType::kInt: return "int";
    case FieldType::kBool: return "bool";
    case FieldType::kDuration: return "duration";
    case FieldType::kTime: return "time";
    case FieldType::kIp: return "ip";
    case FieldType::kEnum: return "enum";
    case FieldType::kFlags: return "flags";
  }
  return "?";
}

ClassMask AllClasses() {
  ClassMask m;
  m.set();
  return m;
}

uint32_t SourcesOf(const ClassMask& mask) {
  auto any_of_type = [&](EventType t) {
    for (size_t op = 0; op < kOpSlots; ++op)
      if (mask.test(static_cast<size_t>(t) * kOpSlots + op)) return true;
    return false;
  };
  auto bit = [](SourceKind k) { return 1u << static_cast<uint32_t>(k); };
  uint32_t out = 0;
  for (EventType t : {EventType::kSyscall, EventType::kUnfinished, EventType::kResumed, EventType::kSignal,
                      EventType::kExited, EventType::kKilled, EventType::kAttached, EventType::kDetached})
    if (any_of_type(t)) out |= bit(SourceKind::kStrace);
  if (any_of_type(EventType::kFileEvent)) out |= bit(SourceKind::kInotify);
  if (any_of_type(EventType::kSocketRow)) out |= bit(SourceKind::kSs) | bit(SourceKind::kNetstat);
  if (any_of_type(EventType::kProcessRow)) out |= bit(SourceKind::kPs);
  if (any_of_type(EventType::kLogLine)) out |= bit(SourceKind::kProgramLog);
  if (any_of_type(EventType::kRunInfo)) out |= bit(SourceKind::kContainer);
  return out;
}

const std::vector<FieldDef>& Fields() {
  static const std::vector<FieldDef>* table = [] {
    auto* t = new std::vector<FieldDef>(BuildTable());
    for (size_t i = 0; i < t->size(); ++i)
      if (static_cast<size_t>((*t)[i].id) != i) std::abort();  // the table must follow FieldId order
    if (t->size() != static_cast<size_t>(FieldId::kCount_)) std::abort();
    return t;
  }();
  return *table;
}

const FieldDef& Field(FieldId id) { return Fields()[static_cast<size_t>(id)]; }

const FieldDef* FindField(std::string_view name) {
  static const absl::flat_hash_map<std::string, size_t>* index = [] {
    auto* m = new absl::flat_hash_map<std::string, size_t>();
    for (size_t i = 0; i < Fields().size(); ++i) (*m)[std::string(Fields()[i].name)] = i;
    return m;
  }();
  auto it = index->find(AbslView(name));
  return it == index->end() ? nullptr : &Fields()[it->second];
}

std::vector<std::string_view> FieldNames() {
  std::vector<std::string_view> out;
  for (const FieldDef& f : Fields()) out.push_back(f.name);
  return out;
}

bool FindSymbol(const FieldDef& f, std::string_view name, int64_t* value) {
  for (const Symbol& s : f.symbols)
    if (s.name == name) {
      *value = s.value;
      return true;
    }
  return false;
}

std::vector<std::string_view> SymbolNames(const FieldDef& f) {
  std::vector<std::string_view> out;
  for (const Symbol& s : f.symbols) out.push_back(s.name);
  return out;
}

EventContext::EventContext(const Model& model) : model_(model) {
  const std::vector<Endpoint>& eps = model.endpoints();
  for (uint32_t k = 0; k < eps.size(); ++k)
    if (eps[k].event != kNoEvent) endpoint_of_.try_emplace(eps[k].event, k);
  // The packets of sends to DNS servers are not in the events: their lines are re-read
  // (a bounded number: a flood of queries names its first ones).
  constexpr size_t kMaxDnsLines = 4096;
  std::vector<EvidenceRef> refs;
  std::vector<EventIndex> sends;
  const EventStore& s = model.store();
  // A query goes out with sendto(addr:53) or on a socket connected to port 53 (the
  // resolver's connect, then sendmmsg/sendto/send without an address, or write(): Go's own
  // resolver writes its queries): the fds connected to a DNS server are followed per process
  // until closed.
  absl::flat_hash_set<std::pair<ProcIndex, int32_t>> dns_fds;
  // The servers resolv.conf names (net.resolver_listed), from the buffers of its reads.
  constexpr size_t kMaxResolvReads = 64;
  std::vector<EvidenceRef> resolv_reads;
  // The sends whose buffers are inspected (sends on inet sockets, writes on sockets connected
  // to an inet address: Model::WritePeer), and the reads of sensitive files they are
  // compared with.
  constexpr size_t kMaxSecretReads = 256;
  std::vector<EventIndex> payloads, secret_reads;
  for (EventIndex i = 0; i < s.size(); ++i) {
    const Event& e = s.event(i);
    if (e.op == Op::kUtime && e.type == EventType::kSyscall) {
      const Detail& d = s.DetailOrEmpty(e);
      if (d.flags & kUtimeMtimeSet) utime_texts_.emplace(i, FormatEpochSeconds(d.b));
      continue;
    }
    if (e.op == Op::kRead && e.type == EventType::kSyscall && e.result > 0) {
      const StrId target = model.FdTarget(i);
      if (target == kNoStr) continue;
      if (s.str(target).ends_with("resolv.conf")) {
        if (resolv_reads.size() < kMaxResolvReads)
          for (const EvidenceRef& r : s.Evidence(i)) resolv_reads.push_back(r);
      } else if (secret_reads.size() < kMaxSecretReads) {
        const FileSummary* f = model.FindFile(target);
        if (f != nullptr && (f->cls == PathClass::kSensitive ||
                             (f->cls == PathClass::kApp && PathClassifier::IsSecret(s.str(target)))))
          secret_reads.push_back(i);
      }
      continue;
    }
    if (e.type == EventType::kSyscall) TrackPayload(e, i, &payloads);
    if (e.type != EventType::kSyscall ||
        (e.op != Op::kSend && e.op != Op::kWrite && e.op != Op::kConnect && e.op != Op::kClose) ||
        sends.size() >= kMaxDnsLines)
      continue;
    const std::pair<ProcIndex, int32_t> fd{model.ProcessOf(i), e.fd};
    if (e.op == Op::kClose) {
      dns_fds.erase(fd);
      continue;
    }
    const Endpoint* ep = EndpointOf(i);
    if (e.op == Op::kConnect) {
      if (ep != nullptr && ep->dns) dns_fds.insert(fd);
      else dns_fds.erase(fd);
      continue;
    }
    if (!(ep != nullptr && ep->dns) && !dns_fds.contains(fd)) continue;
    for (const EvidenceRef& r : s.Evidence(i)) {
      refs.push_back(r);
      sends.push_back(i);
    }
  }
  if (!refs.empty()) {
    const std::vector<std::pair<EvidenceRef, std::string>> lines = s.RawLines(refs, 4096);
    std::map<EvidenceRef, std::string_view> text(lines.begin(), lines.end());
    for (size_t k = 0; k < sends.size(); ++k) {
      if (dns_names_.contains(sends[k])) continue;  // a stitched send: its first half had it
      std::string name;
      switch (ReadDnsPacket(text[refs[k]], &name)) {
        case DnsPacket::kQuery:
          not_dns_.erase(sends[k]);
          if (!name.empty()) dns_names_.emplace(sends[k], std::move(name));
          break;
        case DnsPacket::kNotAQuery: not_dns_.insert(sends[k]); break;
        case DnsPacket::kUnreadable: break;
      }
    }
  }
  InspectPayloads(payloads, secret_reads);
  for (const auto& [ref, line] : s.RawLines(resolv_reads, 4096)) {
    for (const std::string& server : ResolvConfNameservers(line)) {
      IpAddress ip;
      if (ParseIp(server, &ip)) resolvers_.push_back(ip);
    }
  }
  // The ports the run listens on, for net.inbound: a snapshot row on one of them is a client's
  // connection to the program (its peer may be anywhere: a published port's client).
  for (const Endpoint& ep : eps) {
    if (ep.event == kNoEvent || ep.port < 0) continue;
    const Event& e = s.event(ep.event);
    if ((e.type == EventType::kSyscall && ep.op == Op::kListen && e.result == 0) ||
        (e.type == EventType::kSocketRow && e.name && s.name(e.name) == "LISTEN"))
      listening_ports_.insert(ep.port);
  }
  run_start_ns_ = model.life().start_ns;
  if (run_start_ns_ == kNoTime) {
    for (const SourceFile& f : model.store().files())
      if (f.first_time_ns != kNoTime && (run_start_ns_ == kNoTime || f.first_time_ns < run_start_ns_))
        run_start_ns_ = f.first_time_ns;
  }
}

void EventContext::TrackPayload(const Event& e, EventIndex i, std::vector<EventIndex>* payloads) {
  constexpr size_t kMaxPayloads = 4096;
  if (payloads->size() >= kMaxPayloads) return;
  if (e.op == Op::kSend) {
    const Endpoint* ep = EndpointOf(i);
    if (ep == nullptr || ep->cls >= NetClass::kUnix || ep->accepted_peer) return;
    payloads->push_back(i);
    if (ep->address != kNoStr) peers_.emplace(i, store().str(ep->address));
  } else if (e.op == Op::kWrite) {
    const std::string_view peer = store().str(model_.WritePeer(i));
    if (peer.empty() || ClassifyAddress(peer) >= AddressClass::kUnix) return;
    payloads->push_back(i);
    peers_.emplace(i, peer);
  }
}

// The buffer of each event as strace printed it: the pieces of a split call joined. For sends,
// also the name of a packet that is a DNS query by its wire format (strict_dns_), unless the
// event was read as one already (a send to a DNS port).
absl::flat_hash_map<EventIndex, std::string> EventContext::Buffers(const std::vector<EventIndex>& events, bool sends) {
  std::vector<EvidenceRef> refs;
  std::map<EvidenceRef, EventIndex> event_of;
  for (EventIndex i : events)
    for (const EvidenceRef& r : store().Evidence(i)) {
      refs.push_back(r);
      event_of.emplace(r, i);
    }
  absl::flat_hash_map<EventIndex, std::string> out;
  for (const auto& [ref, line] : store().RawLines(refs, 4096)) {
    bool truncated = false;
    out[event_of[ref]] += TransferBuffer(line, &truncated);
    if (std::string name; sends && !dns_names_.contains(event_of[ref]) && ReadStrictDnsQuery(line, &name))
      strict_dns_.emplace(event_of[ref], std::move(name));
  }
  return out;
}

namespace {
// How many distinct bytes `s` holds.
size_t DistinctBytes(std::string_view s) {
  uint64_t seen[4] = {};
  size_t n = 0;
  for (const unsigned char c : s) {
    const uint64_t bit = uint64_t{1} << (c & 63);
    n += (seen[c >> 6] & bit) == 0;
    seen[c >> 6] |= bit;
  }
  return n;
}
}  // namespace

// Bytes read from a sensitive file, or from one of the app's own secret files, and sent
// later: every 16-byte run of the reads' buffers (not a run of a few repeated characters:
// padding and blank lines match anything) is looked for in each sent buffer.
void EventContext::InspectPayloads(const std::vector<EventIndex>& sends, const std::vector<EventIndex>& secret_reads) {
  constexpr size_t kRun = 16;
  constexpr size_t kMaxRuns = 1 << 16;
  const absl::flat_hash_map<EventIndex, std::string> read_bufs = Buffers(secret_reads, false);
  absl::flat_hash_map<std::string_view, EventIndex> runs;
  for (EventIndex i : secret_reads) {  // in trace order: a run names the first read of it
    auto buf = read_bufs.find(i);
    if (buf == read_bufs.end()) continue;
    for (size_t k = 0; k + kRun <= buf->second.size() && runs.size() < kMaxRuns; ++k) {
      const std::string_view run = std::string_view(buf->second).substr(k, kRun);
      if (DistinctBytes(run) >= 6) runs.try_emplace(run, i);
    }
  }
  for (auto& [i, buf] : Buffers(sends, true)) {
    if (auto it = strict_dns_.find(i); it != strict_dns_.end()) dns_names_.emplace(i, std::move(it->second));
    if (std::string host = HttpRequestHost(buf); !host.empty()) http_hosts_.emplace(i, std::move(host));
    if (std::string_view kind = SecretShapeIn(buf); !kind.empty()) sent_secrets_.emplace(i, kind);
    if (std::string_view proto = MiningProtocolIn(buf); !proto.empty()) sent_protocols_.emplace(i, proto);
    for (size_t k = 0; k + kRun <= buf.size(); ++k) {
      auto it = runs.find(std::string_view(buf).substr(k, kRun));
      if (it == runs.end() || !model_.Before(it->second, i)) continue;
      const StrId path = model_.FdTarget(it->second);
      const FileSummary* f = model_.FindFile(path);
      (f != nullptr && f->cls == PathClass::kApp ? sent_app_secrets_ : sent_files_).emplace(i, store().str(path));
      break;
    }
  }
  strict_dns_.clear();
}

std::optional<bool> EventContext::ResolverListed(std::string_view host) const {
  if (resolvers_.empty()) return std::nullopt;
  IpAddress ip;
  if (!ParseIp(host, &ip)) return false;
  for (const IpAddress& r : resolvers_)
    if (r.family == ip.family && r.bytes == ip.bytes) return true;
  return false;
}

std::string_view EventContext::UtimeText(EventIndex i) const {
  auto it = utime_texts_.find(i);
  return it == utime_texts_.end() ? std::string_view() : std::string_view(it->second);
}

bool EventContext::SentNonDns(EventIndex i) const { return not_dns_.contains(i); }

std::string_view EventContext::DnsName(EventIndex i) const {
  auto it = dns_names_.find(i);
  return it == dns_names_.end() ? std::string_view() : std::string_view(it->second);
}

const Endpoint* EventContext::EndpointOf(EventIndex i) const {
  auto it = endpoint_of_.find(i);
  return it == endpoint_of_.end() ? nullptr : &model_.endpoints()[it->second];
}

Value Extract(FieldId id, const EventContext& ctx, EventIndex event) {
  const FieldDef& f = Field(id);
  if (f.run_level) return RunField(id, ctx);
  if (event == kNoEvent) return Missing();
  const Event& e = ctx.store().event(event);
  if (!f.domain.test(EventClass(e))) return Missing();
  return EventField(id, ctx, event, e);
}

std::string FormatValue(const FieldDef& f, const Value& v) {
  if (v.missing()) return "?";
  switch (f.type) {
    case FieldType::kString:
    case FieldType::kIp: return std::string(v.s);
    case FieldType::kBool: return v.i ? "true" : "false";
    case FieldType::kDuration: return FormatDuration(v.i);
    case FieldType::kEnum:
      for (const Symbol& s : f.symbols)
        if (s.value == v.i) return std::string(s.name);
      return StrCat(v.i);
    case FieldType::kFlags: {
      std::string out;
      for (const Symbol& s : f.symbols)
        if (s.value != 0 && (v.i & s.value) == s.value) StrAppend(&out, out.empty() ? "" : "|", s.name);
      return out.empty() ? "0" : out;
    }
    case FieldType::kInt:
    case FieldType::kTime: return StrCat(v.i);
  }
  return "?";
}

}  // namespace rundown::rules
