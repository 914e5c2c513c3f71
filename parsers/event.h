// The normalized record every parser emits and the engine stores: one Event per syscall,
// signal, exit, file-system event, socket row, process row or log line. Events are compact
// (40 bytes) because a 1 GB strace trace holds ~9 M of them and the whole analysis must stay
// within 512 MiB: strings are interned ids, evidence is (file, line) and the raw text is
// re-read from the file when a report cites it. Fields that only some operations need live
// in a Detail record that the event points to.
//
// Slot meaning per operation (the contract between parsers, the model and the rules):
//
//   every strace call  name=syscall name, result, err (errno index), fd = the fd argument
//                      when the call has one (read, write, close, connect, mmap's 5th ...),
//                      str = the -y annotation of that fd ("/etc/passwd",
//                      "TCP:[127.0.0.1:3001->127.0.0.1:52216]", "pipe:[34452]") or kNoStr.
//   kOpen              str = path argument (absolute when the dirfd annotation or the path
//                      allows), fd = dirfd (kAtFdcwd for AT_FDCWD / open()),
//                      detail.str2 = -y annotation of the returned fd, detail.flags = O_* bits
//                      (OpenFlag), detail.a = mode or -1, detail.str3 = the dirfd's -y
//                      annotation (for AT_FDCWD: the cwd, "AT_FDCWD</home/u/app>").
//   kExec              str = filename, detail.str2 = argv joined by single spaces,
//                      detail.a = environment count (-1 unknown), detail.flags = ExecFlag
//                      bits (argv cut by -s, argv empty, environment printed),
//                      detail.str3 = the code hooks the environment sets (-v only:
//                      "LD_PRELOAD=/tmp/x.so", see env_hooks.h), kNoStr when none.
//   kClone             detail.flags = CloneFlag bits, result = child tid (clone, clone3,
//                      fork, vfork).
//   kSocket            detail.a = family (AF_*), detail.b = type (SOCK_STREAM ...).
//   kConnect kBind kAccept kSend kRecv (with an address)
//                      fd = socket, str = fd annotation, detail.str2 = address as
//                      "127.0.0.1:3000", "[::1]:3000", "/run/x.sock", "@abstract" or
//                      "netlink:pid", detail.a = family, detail.b = port (-1 none).
//                      kAccept: the peer comes from the address argument, or the result fd's
//                      -yy annotation (detail.str3 = result annotation).
//   kListen            fd, str = fd annotation, detail.a = backlog.
//   kUnlink kRename kMkdir kRmdir kChmod kChown kLink kSymlink kTruncate kChdir
//                      str = path (or fd annotation for the f* forms),
//                      detail.str2 = second path (rename/link target), detail.a = mode/uid.
//   kStat              (stat, access, statx, readlink ...) str = path; readlink, readlinkat:
//                      detail.str2 = the target the call returned, as printed (a relative
//                      one stays relative: "usr/lib", "python3.11"; "/proc/self/exe" answers
//                      the binary the kernel ran, a #! script's interpreter), none when it failed.
//   kSetId             (setuid, setgid, setreuid, setresuid, setgroups, setfsuid ...)
//                      detail.a, detail.b, detail.c = the ids in argument order.
//   kCapset            str = the effective set as printed ("1<<CAP_CHOWN|...", "0"),
//                      detail.a = the header's pid, detail.b = 1 when the effective,
//                      permitted and inheritable sets are all 0 (every capability dropped).
//   kPrctl kPtrace     detail.flags = option/request number, detail.a = target pid
//                      (ptrace), str = option name ("PR_SET_NAME"); prctl: detail.str2 =
//                      PR_SET_NAME's name ("kworker/0:1"), else detail.a = the first
//                      numeric argument (a signal's number for PR_SET_PDEATHSIG).
//   kKill              detail.a = target pid (tgkill: tid), detail.b = signal number.
//   kMmap kMprotect    detail.flags = PROT_* bits, fd = mmap's fd (-1 anonymous);
//                      mmap: detail.a = MapFlag bits of its flags argument (MAP_SHARED,
//                      MAP_FIXED, MAP_ANONYMOUS, MAP_HUGETLB ...), -1 when unreadable.
//   kGetsockopt        fd, str = fd annotation; SOL_SOCKET/SO_ERROR only: detail.flags =
//                      kSockoptSoError, detail.a = the socket's pending error as an errno
//                      index (errno_table.h; 0 = none), -1 when not printed (-e raw, a
//                      failed call). Other options have no detail.
//   kMemfd             str = memfd name.
//   kDup               fd = old fd, result = new fd.
//   kPipe              detail.a, detail.b = the two fds (pipe, pipe2, socketpair).
//   kRead kWrite kClose fd, str = fd annotation, result = bytes / 0; write to a file whose
//                      annotation ends in /comm (a process or thread renamed through /proc):
//                      detail.str2 = the name written.
//   kExit (exit, exit_group as calls) detail.a = status.
//   kOther             getcwd: str = the directory it returned (kernel's text, "(unreachable)/..."
//                      kept as printed); other calls: nothing beyond the common slots.
//   kNamespace         (unshare, setns) detail.flags = the CLONE_NEW* bits (CloneFlag) it
//                      asks for; setns: fd, str = fd annotation.
//   kMount             (mount, umount, umount2, pivot_root, chroot, move_mount, open_tree,
//                      fsopen, fsmount, mount_setattr) str = the target path (mount point,
//                      new root, chroot directory), detail.str2 = mount source / pivot_root's
//                      put_old, detail.str3 = file-system type.
//   kModule            (init_module, finit_module, delete_module, kexec_load, kexec_file_load)
//                      fd, str = the module / kernel file's annotation (finit_module,
//                      kexec_file_load) or the module name (delete_module).
//   kSysAdmin          calls that need CAP_SYS_ADMIN / _RAWIO / _BOOT / _TIME (bpf, iopl,
//                      ioperm, reboot, swapon, swapoff, settimeofday, clock_settime,
//                      sethostname, setdomainname, acct): str = the command or name
//                      argument ("BPF_PROG_LOAD", the host name).
//   kUtime             (utimensat, utimes, utime, futimesat) str = path; for
//                      utimensat(fd, NULL, ...) fd = that fd and str = its annotation (the
//                      dirfd of a path is not kept, as for kPath); detail.a / detail.b =
//                      access / modification time in epoch seconds (clipped to int32) when
//                      given explicitly, detail.flags = UtimeFlag bits.
//   kSleep             (nanosleep, clock_nanosleep; select, pselect6, poll, ppoll on no fd)
//                      detail.a / detail.b = the requested
//                      tv_sec (clipped to int32) / tv_nsec, -1 when not printed;
//                      detail.flags = SleepFlag bits (TIMER_ABSTIME: a deadline on the
//                      clock, not a length); detail.c = -T's time spent in the call in
//                      milliseconds (clipped to int32), -1 when the line has none.
//   kWait              detail.a = pid argument.
//   kXattr             (setxattr, lsetxattr, fsetxattr, removexattr, lremovexattr,
//                      fremovexattr) str = path; for the f-forms fd = that fd and str = its
//                      annotation; detail.str2 = the attribute name ("security.capability"),
//                      detail.flags = XattrFlag bits.
//   kKernel kIoctl     (kKernel: personality, syslog, userfaultfd, perf_event_open,
//                      modify_ldt, add_key, request_key, keyctl, open_by_handle_at, kcmp:
//                      kernel interfaces applications do not use; kIoctl: ioctl) fd = the fd
//                      argument (ioctl, open_by_handle_at) and str = its annotation;
//                      detail.str2 = the call's command, named even when strace printed a
//                      number ("TIOCSTI", "PER_LINUX|ADDR_NO_RANDOMIZE",
//                      "SYSLOG_ACTION_READ_ALL", "KEYCTL_READ"; see KernelCommand());
//                      ioctl FS_IOC_GETFLAGS / FS_IOC_SETFLAGS: detail.flags = FileAttrFlag
//                      bits of the attributes read or set.
//
//   type kSignal       name = signal name ("SIGCHLD"), detail.a = si_pid, detail.b = si_uid,
//                      detail.c = si_status (SIGCHLD), str = si_code name.
//   type kExited       result = exit code.   type kKilled: name = signal name.
//   type kFileEvent    (inotify) str = full path, name = first event name,
//                      detail.flags = InotifyMask bits, detail.str2 = watched dir,
//                      detail.str3 = cookie/raw extra, op = the file op it implies.
//   type kSocketRow    (ss/netstat) name = state ("LISTEN", "ESTAB"), str = local address,
//                      detail.str2 = peer address, detail.str3 = process name,
//                      detail.a = pid (-1 none), detail.b = fd (-1), detail.c = port,
//                      detail.flags = SocketRowFlag bits (protocol and address class).
//                      Also tid = pid (0 none), fd = fd, result = number of owning
//                      processes listed (the first one is in the slots). netstat states
//                      are spelled as ss spells them (ESTABLISHED -> ESTAB); unix rows:
//                      detail.c = the socket inode.
//   type kProcessRow   (ps) tid = pid, str = command line, detail.str2 = user,
//                      detail.str3 = start time text, detail.a = ppid (-1 unknown),
//                      detail.b = number of threads / LWP, detail.c = tree depth,
//                      detail.flags = ProcessRowFlag bits.
//                      name = command name (COMM column, else basename of argv[0]).
//                      result = CPU use in tenths of a percent of one core (the %CPU / C
//                      column; else TIME * 1000 / ELAPSED when both are there), -1 unknown;
//                      fd = CPU time in seconds (TIME, TIME+), -1 unknown.
//   type kLogLine      (program.log) str = message, name = level ("INFO", "ERROR"),
//                      detail.str2 = error kind ("MODULE_NOT_FOUND", "SyntaxError"),
//                      detail.str3 = logger / component, detail.flags = LogFlag bits.
//                      tid = the record's "pid" (NDJSON), else 0. Every line of an error
//                      report carries the report's level, logger and kind.
//   type kRunInfo      (docker inspect) name = setting ("NetworkMode", "CapDrop", "User",
//                      "Mount" ...), str = value as text (arrays joined by ',').
#ifndef RUNDOWN_PARSERS_EVENT_H_
#define RUNDOWN_PARSERS_EVENT_H_

#include <cstdint>
#include <limits>

#include "parsers/string_pool.h"

namespace rundown {

using FileId = uint16_t;
using NameId = uint16_t;  // ids of the small name pool (syscall, signal, event names)

inline constexpr int64_t kNoTime = std::numeric_limits<int64_t>::min();
inline constexpr uint32_t kNoDetail = std::numeric_limits<uint32_t>::max();
inline constexpr int32_t kNoFd = -1;
inline constexpr int32_t kAtFdcwd = -100;

enum class SourceKind : uint8_t {
  kUnknown = 0,
  kStrace,
  kInotify,
  kSs,
  kNetstat,
  kPs,
  kProgramLog,
  kContainer,
};

enum class EventType : uint8_t {
  kSyscall = 0,  // a complete call (or a stitched unfinished/resumed pair)
  kUnfinished,   // half a call that never resumed (end of trace, or process killed)
  kResumed,      // a resumed half with no unfinished half (trace started mid-call)
  kSignal,       // --- SIGCHLD {...} ---
  kExited,       // +++ exited with N +++
  kKilled,       // +++ killed by SIGKILL +++
  kAttached,     // strace: Process N attached
  kDetached,     // strace: Process N detached, <detached ...>
  kFileEvent,    // inotifywait
  kSocketRow,    // ss / netstat snapshot row
  kProcessRow,   // ps snapshot row
  kLogLine,      // program.log line
  kRunInfo,      // container / run metadata
};

// The normalized operation; lets the model and the rules ask "what kind of thing
// happened" without knowing every syscall spelling.
enum class Op : uint8_t {
  kOther = 0,
  kExec, kClone, kExit, kWait,
  kOpen, kRead, kWrite, kClose, kDup, kPipe, kStat,
  kUnlink, kRename, kMkdir, kRmdir, kChmod, kChown, kLink, kSymlink, kTruncate, kChdir,
  kSocket, kConnect, kBind, kListen, kAccept, kSend, kRecv, kShutdown,
  kSetId, kCapset, kPrctl, kPtrace, kKill,
  kMmap, kMprotect, kMemfd,
  // inotify-only operations
  kFsAccess, kFsModify, kFsAttrib, kFsCloseWrite, kFsCloseNoWrite, kFsOpen, kFsMovedFrom,
  kFsMovedTo, kFsCreate, kFsDelete, kFsDeleteSelf, kFsMoveSelf, kFsUnmount, kFsOverflow,
  // strace operations added after the inotify ones (the numbers above stay as they were)
  kNamespace, kMount, kModule, kSysAdmin, kUtime, kSleep, kGetsockopt, kXattr, kKernel, kIoctl,
  kCount_,
};

// The operations only inotify reports (a file event's op).
constexpr bool IsFileEventOp(Op op) { return op >= Op::kFsAccess && op <= Op::kFsOverflow; }

enum EventFlag : uint8_t {
  kResultUnknown = 1 << 0,  // "= ?"
  kResultWide = 1 << 1,     // result did not fit in int32 (an address); value clipped
  kStitched = 1 << 2,       // joined from <unfinished ...> and <... resumed>
  kTruncated = 1 << 3,      // the line or a string in it was cut (-s, line cap)
  kRestart = 1 << 4,        // ERESTARTSYS & co: the call will be restarted
  kInjected = 1 << 5,       // "(INJECTED)": strace -e inject=/-e fault= made the result
};

// Normalized open(2) flags (not the kernel's numeric values: strace prints names).
enum OpenFlag : uint32_t {
  kORdOnly = 0, kOWrOnly = 1, kORdWr = 2, kOAccMode = 3,
  kOCreat = 1 << 2, kOTrunc = 1 << 3, kOAppend = 1 << 4, kOExcl = 1 << 5,
  kOCloexec = 1 << 6, kODirectory = 1 << 7, kOTmpfile = 1 << 8, kOPath = 1 << 9,
  kONofollow = 1 << 10, kONonblock = 1 << 11,
};

enum CloneFlag : uint32_t {
  kCloneVm = 1 << 0, kCloneFs = 1 << 1, kCloneFiles = 1 << 2, kCloneSighand = 1 << 3,
  kCloneThread = 1 << 4, kCloneVfork = 1 << 5, kCloneParent = 1 << 6,
  kCloneNewNs = 1 << 7, kCloneNewPid = 1 << 8, kCloneNewNet = 1 << 9, kCloneNewUser = 1 << 10,
  kCloneNewUts = 1 << 11, kCloneNewIpc = 1 << 12, kCloneNewCgroup = 1 << 13,
  kCloneIsFork = 1 << 14,   // fork()/vfork() call, or clone without CLONE_THREAD
  kCloneNewTime = 1 << 15,
  kCloneFlagsUnknown = 1 << 16,  // clone3's struct not printed (-e verbose=none, -e raw=): neither
                                // a thread nor a process is known from the call
};
// The CLONE_NEW* bits: a new (or, for setns, another) namespace.
inline constexpr uint32_t kCloneNamespaces = kCloneNewNs | kCloneNewPid | kCloneNewNet | kCloneNewUser |
                                             kCloneNewUts | kCloneNewIpc | kCloneNewCgroup | kCloneNewTime;

enum ProtFlag : uint32_t { kProtRead = 1, kProtWrite = 2, kProtExec = 4 };

// Normalized mmap(2) flags (Detail::a of an mmap). MAP_SHARED_VALIDATE counts as MAP_SHARED.
enum MapFlag : uint32_t {
  kMapShared = 1 << 0, kMapPrivate = 1 << 1, kMapFixed = 1 << 2, kMapAnonymous = 1 << 3,
  kMapHugetlb = 1 << 4, kMapFixedNoreplace = 1 << 5, kMap32Bit = 1 << 6, kMapNoreserve = 1 << 7,
  kMapPopulate = 1 << 8, kMapStack = 1 << 9, kMapGrowsdown = 1 << 10, kMapLocked = 1 << 11,
  kMapDenywrite = 1 << 12,
};

// Detail::flags of kGetsockopt: which option the detail describes.
enum SockoptFlag : uint32_t { kSockoptSoError = 1 };

// Detail::flags of kExec.
enum ExecFlag : uint32_t {
  kExecTruncated = 1,  // argv or a string was cut by -s
  kExecEmptyArgv = 2,  // argv was [] (argc 0: the shape of CVE-2021-4034 against pkexec)
  kExecEnvShown = 4,   // the environment was printed (strace -v), so detail.str3 is known
  kExecDeleted = 8,    // execveat(fd, "", AT_EMPTY_PATH) of a file -y marks "(deleted)"
  kExecHistoryOff = 16,  // the environment (-v) turns shell history off (env_hooks.h TurnsHistoryOff)
};

// Which times a utimensat/utimes/utime call sets to an explicit value (not NULL, UTIME_NOW
// or UTIME_OMIT): detail.a / detail.b hold them.
enum UtimeFlag : uint32_t { kUtimeAtimeSet = 1, kUtimeMtimeSet = 2 };

// Detail::flags of kXattr.
enum XattrFlag : uint32_t { kXattrRemove = 1 };  // removexattr & co (else a set)

// Detail::flags of an ioctl FS_IOC_GETFLAGS / FS_IOC_SETFLAGS (lsattr, chattr): the inode
// attributes read or set that protect a file from change (FS_IMMUTABLE_FL, FS_APPEND_FL).
enum FileAttrFlag : uint32_t { kAttrImmutable = 1, kAttrAppendOnly = 2 };

// Detail::flags of a ps row.
enum ProcessRowFlag : uint32_t {
  kPsKernelThread = 1,  // every memory column (VSZ, RSS, SZ) is 0 and it is no zombie
  kPsThreadRow = 2,     // ps -L / -T: a thread whose name is not its process's (renamed with
                        // prctl or /proc/.../comm); tid is the process, Detail::b the thread id
  kPsHasMemory = 4,     // the snapshot has a memory column: kPsKernelThread was decidable
};

// Detail::flags of kSleep.
enum SleepFlag : uint32_t { kSleepAbsolute = 1 };  // clock_nanosleep's TIMER_ABSTIME

enum InotifyMask : uint32_t {
  kInAccess = 1 << 0, kInModify = 1 << 1, kInAttrib = 1 << 2, kInCloseWrite = 1 << 3,
  kInCloseNoWrite = 1 << 4, kInOpen = 1 << 5, kInMovedFrom = 1 << 6, kInMovedTo = 1 << 7,
  kInCreate = 1 << 8, kInDelete = 1 << 9, kInDeleteSelf = 1 << 10, kInMoveSelf = 1 << 11,
  kInUnmount = 1 << 12, kInQOverflow = 1 << 13, kInIgnored = 1 << 14, kInIsDir = 1 << 15,
  kInClose = 1 << 16, kInMove = 1 << 17,
};

enum SocketRowFlag : uint32_t {
  kSockTcp = 1 << 0, kSockUdp = 1 << 1, kSockUnix = 1 << 2, kSockRaw = 1 << 3,
  kSockNetlink = 1 << 4, kSockV6 = 1 << 5, kSockOther = 1 << 6,
  kSockSharedOwners = 1 << 7,  // ss users:(...) lists several processes; Event.result = count
  kSockGuessedProto = 1 << 8,  // no Netid/Proto column: tcp/udp/unix inferred from the row
  kSockGuessedState = 1 << 9,  // no State column (ss with a one-state filter): inferred from the peer
};
// Bits 16-19 of a socket row's detail.flags hold the local address's AddressClass + 1 and
// bits 20-23 the peer's (0 = not classified); see parsers/address.h, SocketRowClass().
inline constexpr int kSockLocalClassShift = 16;
inline constexpr int kSockPeerClassShift = 20;

enum LogFlag : uint32_t {
  kLogError = 1 << 0,       // an error line (level >= error, "Error:", "Traceback", panic)
  kLogWarning = 1 << 1,
  kLogStackFrame = 1 << 2,  // "    at fn (file:1:2)", "  File "x.py", line 3"
  kLogFatal = 1 << 3,       // uncaught exception / process-ending error
  kLogListening = 1 << 4,   // start-up line: "listening on ..."
  kLogStructured = 1 << 5,  // came from an NDJSON record
  kLogDependency = 1 << 6,  // missing module / package / npm ERR!
};

struct Event {
  int64_t time_ns = kNoTime;  // ns since the epoch, or since midnight of an unknown day
                              // (-t/-tt), or since the trace start (-r); see Timebase
  uint32_t line = 0;          // 1-based line number in `file` (first half when stitched)
  int32_t tid = 0;            // thread id (strace), pid (ps/ss), 0 unknown
  int32_t result = 0;         // return value (clipped, see kResultWide)
  int32_t fd = kNoFd;
  StrId str = kNoStr;         // primary string, see the slot table above
  uint32_t detail = kNoDetail;
  FileId file = 0;
  NameId name = 0;
  uint8_t err = 0;            // index into the errno table (errno_table.h), 0 = none
  EventType type = EventType::kSyscall;
  Op op = Op::kOther;
  uint8_t flags = 0;          // EventFlag bits
};
static_assert(sizeof(Event) == 40, "Event must stay 40 bytes: it dominates memory");

struct Detail {
  StrId str2 = kNoStr;
  StrId str3 = kNoStr;
  uint32_t flags = 0;
  int32_t a = -1;
  int32_t b = -1;
  int32_t c = -1;
};
static_assert(sizeof(Detail) == 24);

}  // namespace rundown

#endif  // RUNDOWN_PARSERS_EVENT_H_
