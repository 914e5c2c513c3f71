#include "parsers/strace_syscalls.h"

#include <climits>

#include "absl/container/flat_hash_map.h"
#include "parsers/strace_args.h"
#include "parsers/text_util.h"

namespace rundown::strace {
namespace {

using L = Layout;

// Argument indexes follow strace's printing order, which is the kernel's.
constexpr SyscallInfo kSyscalls[] = {
    // processes
    {.name = "execve", .op = Op::kExec, .layout = L::kExec, .path = 0},
    {.name = "execveat", .op = Op::kExec, .layout = L::kExec, .fd = 0, .path = 1},
    {.name = "clone", .op = Op::kClone, .layout = L::kClone},
    {.name = "clone3", .op = Op::kClone, .layout = L::kClone},
    {.name = "fork", .op = Op::kClone, .layout = L::kClone},
    {.name = "vfork", .op = Op::kClone, .layout = L::kClone},
    {.name = "exit", .op = Op::kExit, .layout = L::kExit, .num = 0},
    {.name = "exit_group", .op = Op::kExit, .layout = L::kExit, .num = 0},
    {.name = "wait4", .op = Op::kWait, .layout = L::kWait, .path = 0},
    {.name = "waitid", .op = Op::kWait, .layout = L::kWait, .path = 1},
    {.name = "kill", .op = Op::kKill, .layout = L::kKill, .path = 0, .path2 = 1},
    {.name = "tkill", .op = Op::kKill, .layout = L::kKill, .path = 0, .path2 = 1},
    {.name = "tgkill", .op = Op::kKill, .layout = L::kKill, .path = 1, .path2 = 2},
    {.name = "rt_sigqueueinfo", .op = Op::kKill, .layout = L::kKill, .path = 0, .path2 = 1},
    {.name = "rt_tgsigqueueinfo", .op = Op::kKill, .layout = L::kKill, .path = 1, .path2 = 2},
    {.name = "pidfd_send_signal", .op = Op::kKill, .layout = L::kKill, .fd = 0, .path2 = 1},
    // files
    {.name = "open", .op = Op::kOpen, .layout = L::kOpen, .path = 0, .path2 = 1, .num = 2},
    {.name = "creat", .op = Op::kOpen, .layout = L::kOpen, .path = 0, .num = 1},
    {.name = "openat", .op = Op::kOpen, .layout = L::kOpen, .fd = 0, .path = 1, .path2 = 2, .num = 3},
    {.name = "openat2", .op = Op::kOpen, .layout = L::kOpen, .fd = 0, .path = 1, .path2 = 2},
    {.name = "read", .op = Op::kRead, .layout = L::kFd, .fd = 0},
    {.name = "pread64", .op = Op::kRead, .layout = L::kFd, .fd = 0},
    {.name = "readv", .op = Op::kRead, .layout = L::kFd, .fd = 0},
    {.name = "preadv", .op = Op::kRead, .layout = L::kFd, .fd = 0},
    {.name = "preadv2", .op = Op::kRead, .layout = L::kFd, .fd = 0},
    {.name = "write", .op = Op::kWrite, .layout = L::kFd, .fd = 0},
    {.name = "pwrite64", .op = Op::kWrite, .layout = L::kFd, .fd = 0},
    {.name = "writev", .op = Op::kWrite, .layout = L::kFd, .fd = 0},
    {.name = "pwritev", .op = Op::kWrite, .layout = L::kFd, .fd = 0},
    {.name = "pwritev2", .op = Op::kWrite, .layout = L::kFd, .fd = 0},
    {.name = "sendfile", .op = Op::kWrite, .layout = L::kFd, .fd = 0},
    {.name = "copy_file_range", .op = Op::kWrite, .layout = L::kFd, .fd = 2},
    {.name = "close", .op = Op::kClose, .layout = L::kFd, .fd = 0},
    {.name = "dup", .op = Op::kDup, .layout = L::kDup, .fd = 0},
    {.name = "dup2", .op = Op::kDup, .layout = L::kDup, .fd = 0},
    {.name = "dup3", .op = Op::kDup, .layout = L::kDup, .fd = 0},
    {.name = "fcntl", .op = Op::kOther, .layout = L::kFcntl, .fd = 0},
    {.name = "pipe", .op = Op::kPipe, .layout = L::kPipe, .path = 0},
    {.name = "pipe2", .op = Op::kPipe, .layout = L::kPipe, .path = 0},
    {.name = "stat", .op = Op::kStat, .layout = L::kPath, .path = 0},
    {.name = "lstat", .op = Op::kStat, .layout = L::kPath, .path = 0},
    {.name = "access", .op = Op::kStat, .layout = L::kPath, .path = 0},
    {.name = "readlink", .op = Op::kStat, .layout = L::kPath, .path = 0, .path2 = 1},
    {.name = "statfs", .op = Op::kStat, .layout = L::kPath, .path = 0},
    {.name = "fstat", .op = Op::kStat, .layout = L::kPath, .fd = 0},
    {.name = "newfstatat", .op = Op::kStat, .layout = L::kPath, .fd = 0, .path = 1},
    {.name = "statx", .op = Op::kStat, .layout = L::kPath, .fd = 0, .path = 1},
    {.name = "faccessat", .op = Op::kStat, .layout = L::kPath, .fd = 0, .path = 1},
    {.name = "faccessat2", .op = Op::kStat, .layout = L::kPath, .fd = 0, .path = 1},
    {.name = "readlinkat", .op = Op::kStat, .layout = L::kPath, .fd = 0, .path = 1, .path2 = 2},
    {.name = "unlink", .op = Op::kUnlink, .layout = L::kPath, .path = 0},
    {.name = "unlinkat", .op = Op::kUnlink, .layout = L::kPath, .fd = 0, .path = 1},
    {.name = "rmdir", .op = Op::kRmdir, .layout = L::kPath, .path = 0},
    {.name = "rename", .op = Op::kRename, .layout = L::kPath, .path = 0, .path2 = 1},
    {.name = "renameat", .op = Op::kRename, .layout = L::kPath, .fd = 0, .path = 1, .path2 = 3},
    {.name = "renameat2", .op = Op::kRename, .layout = L::kPath, .fd = 0, .path = 1, .path2 = 3},
    {.name = "mkdir", .op = Op::kMkdir, .layout = L::kPath, .path = 0, .num = 1},
    {.name = "mkdirat", .op = Op::kMkdir, .layout = L::kPath, .fd = 0, .path = 1, .num = 2},
    {.name = "chmod", .op = Op::kChmod, .layout = L::kPath, .path = 0, .num = 1},
    {.name = "fchmod", .op = Op::kChmod, .layout = L::kPath, .fd = 0, .num = 1},
    {.name = "fchmodat", .op = Op::kChmod, .layout = L::kPath, .fd = 0, .path = 1, .num = 2},
    {.name = "chown", .op = Op::kChown, .layout = L::kPath, .path = 0, .num = 1},
    {.name = "lchown", .op = Op::kChown, .layout = L::kPath, .path = 0, .num = 1},
    {.name = "fchown", .op = Op::kChown, .layout = L::kPath, .fd = 0, .num = 1},
    {.name = "fchownat", .op = Op::kChown, .layout = L::kPath, .fd = 0, .path = 1, .num = 2},
    {.name = "link", .op = Op::kLink, .layout = L::kPath, .path = 0, .path2 = 1},
    {.name = "linkat", .op = Op::kLink, .layout = L::kPath, .fd = 0, .path = 1, .path2 = 3},
    // The target of a symlink is stored as written (it is relative to the link, not cwd).
    {.name = "symlink", .op = Op::kSymlink, .layout = L::kPath, .path = 0, .path2 = 1},
    {.name = "symlinkat", .op = Op::kSymlink, .layout = L::kPath, .path = 0, .path2 = 2},
    {.name = "truncate", .op = Op::kTruncate, .layout = L::kPath, .path = 0},
    {.name = "ftruncate", .op = Op::kTruncate, .layout = L::kPath, .fd = 0},
    {.name = "chdir", .op = Op::kChdir, .layout = L::kPath, .path = 0},
    {.name = "fchdir", .op = Op::kChdir, .layout = L::kPath, .fd = 0},
    // getcwd("/home/auditor/app", 4096) = 18: the directory is the call's output, printed in
    // place of the buffer; without -y it is the only line that names the cwd (the model's).
    {.name = "getcwd", .op = Op::kOther, .layout = L::kPath, .path = 0},
    // network
    {.name = "socket", .op = Op::kSocket, .layout = L::kSocket},
    {.name = "socketpair", .op = Op::kPipe, .layout = L::kPipe, .path = 3},
    {.name = "connect", .op = Op::kConnect, .layout = L::kAddress, .fd = 0, .path = 1},
    {.name = "bind", .op = Op::kBind, .layout = L::kAddress, .fd = 0, .path = 1},
    {.name = "accept", .op = Op::kAccept, .layout = L::kAddress, .fd = 0, .path = 1},
    {.name = "accept4", .op = Op::kAccept, .layout = L::kAddress, .fd = 0, .path = 1},
    {.name = "sendto", .op = Op::kSend, .layout = L::kAddress, .fd = 0, .path = 4},
    {.name = "recvfrom", .op = Op::kRecv, .layout = L::kAddress, .fd = 0, .path = 4},
    {.name = "sendmsg", .op = Op::kSend, .layout = L::kMessage, .fd = 0, .path = 1},
    {.name = "recvmsg", .op = Op::kRecv, .layout = L::kMessage, .fd = 0, .path = 1},
    {.name = "sendmmsg", .op = Op::kSend, .layout = L::kFd, .fd = 0},
    {.name = "recvmmsg", .op = Op::kRecv, .layout = L::kFd, .fd = 0},
    {.name = "getsockopt", .op = Op::kGetsockopt, .layout = L::kSockopt, .fd = 0, .path = 3, .num = 1},
    {.name = "listen", .op = Op::kListen, .layout = L::kListen, .fd = 0, .num = 1},
    {.name = "shutdown", .op = Op::kShutdown, .layout = L::kFd, .fd = 0},
    // privileges
    {.name = "setuid", .op = Op::kSetId, .layout = L::kSetId},
    {.name = "setgid", .op = Op::kSetId, .layout = L::kSetId},
    {.name = "setreuid", .op = Op::kSetId, .layout = L::kSetId},
    {.name = "setregid", .op = Op::kSetId, .layout = L::kSetId},
    {.name = "setresuid", .op = Op::kSetId, .layout = L::kSetId},
    {.name = "setresgid", .op = Op::kSetId, .layout = L::kSetId},
    {.name = "setfsuid", .op = Op::kSetId, .layout = L::kSetId},
    {.name = "setfsgid", .op = Op::kSetId, .layout = L::kSetId},
    {.name = "setgroups", .op = Op::kSetId, .layout = L::kSetId, .path = 1},
    {.name = "capset", .op = Op::kCapset, .layout = L::kCapset},
    {.name = "prctl", .op = Op::kPrctl, .layout = L::kPrctl, .num = 0},
    {.name = "ptrace", .op = Op::kPtrace, .layout = L::kPtrace, .path = 1, .num = 0},
    {.name = "process_vm_readv", .op = Op::kPtrace, .layout = L::kPtrace, .path = 0},
    {.name = "process_vm_writev", .op = Op::kPtrace, .layout = L::kPtrace, .path = 0},
    // memory
    {.name = "mmap", .op = Op::kMmap, .layout = L::kMemory, .fd = 4, .path2 = 2},
    {.name = "mprotect", .op = Op::kMprotect, .layout = L::kMemory, .path2 = 2},
    {.name = "pkey_mprotect", .op = Op::kMprotect, .layout = L::kMemory, .path2 = 2},
    {.name = "memfd_create", .op = Op::kMemfd, .layout = L::kMemfd, .path = 0},
    // namespaces, mounts and the root directory: the moves of a container escape
    {.name = "unshare", .op = Op::kNamespace, .layout = L::kNamespace, .path2 = 0},
    {.name = "setns", .op = Op::kNamespace, .layout = L::kNamespace, .fd = 0, .path2 = 1},
    {.name = "mount", .op = Op::kMount, .layout = L::kMount, .path = 1, .path2 = 0, .num = 2},
    {.name = "umount", .op = Op::kMount, .layout = L::kPath, .path = 0},
    {.name = "umount2", .op = Op::kMount, .layout = L::kPath, .path = 0},
    {.name = "pivot_root", .op = Op::kMount, .layout = L::kMount, .path = 0, .path2 = 1},
    {.name = "chroot", .op = Op::kMount, .layout = L::kPath, .path = 0},
    {.name = "fsopen", .op = Op::kMount, .layout = L::kMount, .num = 0},
    {.name = "fsmount", .op = Op::kMount, .layout = L::kMount, .fd = 0},
    {.name = "open_tree", .op = Op::kMount, .layout = L::kPath, .fd = 0, .path = 1},
    {.name = "move_mount", .op = Op::kMount, .layout = L::kMount, .fd = 2, .path = 3, .path2 = 1},
    {.name = "mount_setattr", .op = Op::kMount, .layout = L::kPath, .fd = 0, .path = 1},
    // code into the kernel
    {.name = "init_module", .op = Op::kModule, .layout = L::kFd},
    {.name = "finit_module", .op = Op::kModule, .layout = L::kFd, .fd = 0},
    {.name = "delete_module", .op = Op::kModule, .layout = L::kCommand, .num = 0},
    {.name = "kexec_load", .op = Op::kModule, .layout = L::kFd},
    {.name = "kexec_file_load", .op = Op::kModule, .layout = L::kFd, .fd = 0},
    // system administration: calls that need CAP_SYS_ADMIN, _RAWIO, _BOOT or _TIME
    {.name = "bpf", .op = Op::kSysAdmin, .layout = L::kCommand, .num = 0},
    {.name = "iopl", .op = Op::kSysAdmin, .layout = L::kCommand, .num = 0},
    {.name = "ioperm", .op = Op::kSysAdmin, .layout = L::kCommand},
    {.name = "reboot", .op = Op::kSysAdmin, .layout = L::kCommand, .num = 2},
    {.name = "swapon", .op = Op::kSysAdmin, .layout = L::kCommand, .num = 0},
    {.name = "swapoff", .op = Op::kSysAdmin, .layout = L::kCommand, .num = 0},
    {.name = "settimeofday", .op = Op::kSysAdmin, .layout = L::kCommand},
    {.name = "clock_settime", .op = Op::kSysAdmin, .layout = L::kCommand, .num = 0},
    {.name = "sethostname", .op = Op::kSysAdmin, .layout = L::kCommand, .num = 0},
    {.name = "setdomainname", .op = Op::kSysAdmin, .layout = L::kCommand, .num = 0},
    {.name = "acct", .op = Op::kSysAdmin, .layout = L::kCommand, .num = 0},
    // file times
    {.name = "utimensat", .op = Op::kUtime, .layout = L::kUtime, .fd = 0, .path = 1, .path2 = 2},
    {.name = "futimesat", .op = Op::kUtime, .layout = L::kUtime, .fd = 0, .path = 1, .path2 = 2},
    {.name = "utimes", .op = Op::kUtime, .layout = L::kUtime, .path = 0, .path2 = 1},
    {.name = "utime", .op = Op::kUtime, .layout = L::kUtime, .path = 0, .path2 = 1},
    // extended attributes: security.capability is a file capability set (setcap's own call)
    {.name = "setxattr", .op = Op::kXattr, .layout = L::kXattr, .path = 0, .num = 1},
    {.name = "lsetxattr", .op = Op::kXattr, .layout = L::kXattr, .path = 0, .num = 1},
    {.name = "fsetxattr", .op = Op::kXattr, .layout = L::kXattr, .fd = 0, .num = 1},
    {.name = "removexattr", .op = Op::kXattr, .layout = L::kXattr, .path = 0, .num = 1},
    {.name = "lremovexattr", .op = Op::kXattr, .layout = L::kXattr, .path = 0, .num = 1},
    {.name = "fremovexattr", .op = Op::kXattr, .layout = L::kXattr, .fd = 0, .num = 1},
    // kernel interfaces applications do not use: the primitives of local kernel exploits
    // (userfaultfd, modify_ldt, the key ring, perf_event_open), their reconnaissance (syslog),
    // the "shocker" container escape (open_by_handle_at), ASLR switched off (personality)
    {.name = "personality", .op = Op::kKernel, .layout = L::kKernel, .num = 0},
    {.name = "syslog", .op = Op::kKernel, .layout = L::kKernel, .num = 0},
    {.name = "userfaultfd", .op = Op::kKernel, .layout = L::kKernel, .num = 0},
    {.name = "perf_event_open", .op = Op::kKernel, .layout = L::kKernel},
    {.name = "modify_ldt", .op = Op::kKernel, .layout = L::kKernel, .num = 0},
    {.name = "add_key", .op = Op::kKernel, .layout = L::kKernel, .num = 0},
    {.name = "request_key", .op = Op::kKernel, .layout = L::kKernel, .num = 0},
    {.name = "keyctl", .op = Op::kKernel, .layout = L::kKernel, .num = 0},
    {.name = "open_by_handle_at", .op = Op::kKernel, .layout = L::kKernel, .fd = 0},
    {.name = "kcmp", .op = Op::kKernel, .layout = L::kKernel, .num = 2},
    {.name = "ioctl", .op = Op::kIoctl, .layout = L::kKernel, .fd = 0, .num = 1},
    // sleeps: how long the program waits doing nothing (evasion of a short observation window)
    {.name = "nanosleep", .op = Op::kSleep, .layout = L::kSleep, .path = 0},
    {.name = "clock_nanosleep", .op = Op::kSleep, .layout = L::kSleep, .path = 2, .num = 1},
    // and waits on no fd at all, which only time ends: Python < 3.11's time.sleep is
    // select(0, NULL, NULL, NULL, {tv_sec=2, tv_usec=0}), poll(NULL, 0, 2000) is another idiom;
    // with fds they stay plain calls (Op::kOther)
    {.name = "select", .op = Op::kSleep, .layout = L::kWaitSleep, .path = 4, .num = 0},
    {.name = "pselect6", .op = Op::kSleep, .layout = L::kWaitSleep, .path = 4, .num = 0},
    {.name = "poll", .op = Op::kSleep, .layout = L::kWaitSleep, .path = 2, .num = 1},
    {.name = "ppoll", .op = Op::kSleep, .layout = L::kWaitSleep, .path = 2, .num = 1},
};

struct Named {
  std::string_view name;
  int32_t value;
};

template <size_t N>
int32_t Find(std::string_view name, const Named (&table)[N]) {
  for (const Named& n : table)
    if (n.name == name) return n.value;
  return -1;
}

// A symbolic name, or a number strace printed instead (-X raw, or a value it has no name for).
int32_t Lookup(std::string_view name, const Named* table, size_t n) {
  for (size_t i = 0; i < n; ++i)
    if (table[i].name == name) return table[i].value;
  int64_t v;
  if (ParseNumber(name, &v) && v >= INT32_MIN && v <= INT32_MAX) return static_cast<int32_t>(v);
  return -1;
}
template <size_t N>
int32_t Lookup(std::string_view name, const Named (&table)[N]) {
  return Lookup(name, table, N);
}

constexpr Named kOpenFlags[] = {
    {"O_WRONLY", kOWrOnly}, {"O_RDWR", kORdWr},       {"O_CREAT", kOCreat},         {"O_TRUNC", kOTrunc},
    {"O_APPEND", kOAppend}, {"O_EXCL", kOExcl},       {"O_CLOEXEC", kOCloexec},     {"O_DIRECTORY", kODirectory},
    {"O_TMPFILE", kOTmpfile}, {"O_PATH", kOPath},     {"O_NOFOLLOW", kONofollow},   {"O_NONBLOCK", kONonblock},
    {"O_NDELAY", kONonblock},
};

constexpr Named kCloneFlags[] = {
    {"CLONE_VM", kCloneVm},         {"CLONE_FS", kCloneFs},             {"CLONE_FILES", kCloneFiles},
    {"CLONE_SIGHAND", kCloneSighand}, {"CLONE_THREAD", kCloneThread},   {"CLONE_VFORK", kCloneVfork},
    {"CLONE_PARENT", kCloneParent}, {"CLONE_NEWNS", kCloneNewNs},       {"CLONE_NEWPID", kCloneNewPid},
    {"CLONE_NEWNET", kCloneNewNet}, {"CLONE_NEWUSER", kCloneNewUser},   {"CLONE_NEWUTS", kCloneNewUts},
    {"CLONE_NEWIPC", kCloneNewIpc}, {"CLONE_NEWCGROUP", kCloneNewCgroup}, {"CLONE_NEWTIME", kCloneNewTime},
};

// Kernel values of the same CLONE_* flags, for -X raw.
constexpr struct { uint64_t kernel; uint32_t bit; } kCloneBits[] = {
    {0x100, kCloneVm},          {0x200, kCloneFs},          {0x400, kCloneFiles},      {0x800, kCloneSighand},
    {0x10000, kCloneThread},    {0x4000, kCloneVfork},      {0x8000, kCloneParent},    {0x20000, kCloneNewNs},
    {0x20000000, kCloneNewPid}, {0x40000000, kCloneNewNet}, {0x10000000, kCloneNewUser}, {0x4000000, kCloneNewUts},
    {0x8000000, kCloneNewIpc},  {0x2000000, kCloneNewCgroup},  {0x80, kCloneNewTime},
};

constexpr Named kSignals[] = {
    {"SIGHUP", 1},    {"SIGINT", 2},     {"SIGQUIT", 3},   {"SIGILL", 4},     {"SIGTRAP", 5},    {"SIGABRT", 6},
    {"SIGBUS", 7},    {"SIGFPE", 8},     {"SIGKILL", 9},   {"SIGUSR1", 10},   {"SIGSEGV", 11},   {"SIGUSR2", 12},
    {"SIGPIPE", 13},  {"SIGALRM", 14},   {"SIGTERM", 15},  {"SIGSTKFLT", 16}, {"SIGCHLD", 17},   {"SIGCONT", 18},
    {"SIGSTOP", 19},  {"SIGTSTP", 20},   {"SIGTTIN", 21},  {"SIGTTOU", 22},   {"SIGURG", 23},    {"SIGXCPU", 24},
    {"SIGXFSZ", 25},  {"SIGVTALRM", 26}, {"SIGPROF", 27},  {"SIGWINCH", 28},  {"SIGIO", 29},     {"SIGPWR", 30},
    {"SIGSYS", 31},   {"SIGRTMIN", 34},  {"SIGRTMAX", 64},
};

constexpr Named kPrctlOptions[] = {
    {"PR_SET_PDEATHSIG", 1},      {"PR_GET_PDEATHSIG", 2},     {"PR_GET_DUMPABLE", 3},
    {"PR_SET_DUMPABLE", 4},       {"PR_GET_KEEPCAPS", 7},      {"PR_SET_KEEPCAPS", 8},
    {"PR_SET_NAME", 15},          {"PR_GET_NAME", 16},         {"PR_GET_SECCOMP", 21},
    {"PR_SET_SECCOMP", 22},       {"PR_CAPBSET_READ", 23},     {"PR_CAPBSET_DROP", 24},
    {"PR_GET_SECUREBITS", 27},    {"PR_SET_SECUREBITS", 28},   {"PR_SET_TIMERSLACK", 29},
    {"PR_SET_MM", 35},            {"PR_SET_CHILD_SUBREAPER", 36}, {"PR_GET_CHILD_SUBREAPER", 37},
    {"PR_SET_NO_NEW_PRIVS", 38},  {"PR_GET_NO_NEW_PRIVS", 39}, {"PR_CAP_AMBIENT", 47},
    {"PR_SET_PTRACER", 0x59616d61}, {"PR_SET_VMA", 0x53564d41},
};

constexpr Named kPtraceRequests[] = {
    {"PTRACE_TRACEME", 0},      {"PTRACE_PEEKTEXT", 1},       {"PTRACE_PEEKDATA", 2},   {"PTRACE_PEEKUSER", 3},
    {"PTRACE_POKETEXT", 4},     {"PTRACE_POKEDATA", 5},       {"PTRACE_POKEUSER", 6},   {"PTRACE_CONT", 7},
    {"PTRACE_KILL", 8},         {"PTRACE_SINGLESTEP", 9},     {"PTRACE_GETREGS", 12},   {"PTRACE_SETREGS", 13},
    {"PTRACE_ATTACH", 16},      {"PTRACE_DETACH", 17},        {"PTRACE_SYSCALL", 24},   {"PTRACE_SETOPTIONS", 0x4200},
    {"PTRACE_GETEVENTMSG", 0x4201}, {"PTRACE_GETSIGINFO", 0x4202}, {"PTRACE_GETREGSET", 0x4204},
    {"PTRACE_SETREGSET", 0x4205}, {"PTRACE_SEIZE", 0x4206},   {"PTRACE_INTERRUPT", 0x4207}, {"PTRACE_LISTEN", 0x4208},
};

constexpr Named kFamilies[] = {
    {"AF_UNSPEC", 0}, {"AF_UNIX", 1},     {"AF_LOCAL", 1},   {"AF_INET", 2},   {"AF_INET6", 10},
    {"AF_NETLINK", 16}, {"AF_PACKET", 17}, {"AF_VSOCK", 40}, {"AF_BLUETOOTH", 31}, {"AF_ALG", 38},
};

constexpr Named kSocketTypes[] = {
    {"SOCK_STREAM", 1}, {"SOCK_DGRAM", 2}, {"SOCK_RAW", 3}, {"SOCK_RDM", 4}, {"SOCK_SEQPACKET", 5}, {"SOCK_PACKET", 10},
};

// x86-64 numeric O_* values, for -X raw.
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

// ioctl requests the rules name (the rest stay as printed): typing into a terminal
// (TIOCSTI), the console's selection and paste (TIOCLINUX), a file's inode attributes
// (lsattr, chattr; x86-64 numbers).
constexpr Named kIoctlRequests[] = {{"TIOCSTI", 0x5412},
                                    {"TIOCLINUX", 0x541C},
                                    {"FS_IOC_GETFLAGS", static_cast<int32_t>(0x80086601)},
                                    {"FS_IOC_SETFLAGS", 0x40086602}};
constexpr Named kSyslogActions[] = {
    {"SYSLOG_ACTION_CLOSE", 0},       {"SYSLOG_ACTION_OPEN", 1},        {"SYSLOG_ACTION_READ", 2},
    {"SYSLOG_ACTION_READ_ALL", 3},    {"SYSLOG_ACTION_READ_CLEAR", 4},  {"SYSLOG_ACTION_CLEAR", 5},
    {"SYSLOG_ACTION_CONSOLE_OFF", 6}, {"SYSLOG_ACTION_CONSOLE_ON", 7},  {"SYSLOG_ACTION_CONSOLE_LEVEL", 8},
    {"SYSLOG_ACTION_SIZE_UNREAD", 9}, {"SYSLOG_ACTION_SIZE_BUFFER", 10},
};
// personality(2)'s flag bits above the persona byte (linux/personality.h).
constexpr Named kPersonaFlags[] = {
    {"UNAME26", 0x0020000},          {"ADDR_NO_RANDOMIZE", 0x0040000},  {"FDPIC_FUNCPTRS", 0x0080000},
    {"MMAP_PAGE_ZERO", 0x0100000},   {"ADDR_COMPAT_LAYOUT", 0x0200000}, {"READ_IMPLIES_EXEC", 0x0400000},
    {"ADDR_LIMIT_32BIT", 0x0800000}, {"SHORT_INODE", 0x1000000},        {"WHOLE_SECONDS", 0x2000000},
    {"STICKY_TIMEOUTS", 0x4000000},  {"ADDR_LIMIT_3GB", 0x8000000},
};

template <size_t N>
std::string_view NameOf(int64_t value, const Named (&table)[N]) {
  for (const Named& n : table)
    if (n.value == value) return n.name;
  return {};
}

// personality's argument as strace prints it: "PER_LINUX|ADDR_NO_RANDOMIZE", -X raw
// "0|0x40000", -X verbose "0 /* PER_LINUX */|0x40000 /* ADDR_NO_RANDOMIZE */" (a comment per
// part), the query "0xffffffff". -1 when a part is neither a number nor a known name.
int64_t PersonaValue(std::string_view arg) {
  int64_t value = 0;
  while (!arg.empty()) {
    const size_t bar = arg.find('|');
    std::string_view part = arg.substr(0, bar);
    part = Trim(part.substr(0, part.find("/*")));
    int64_t v;
    if (ParseNumber(part, &v)) value |= v;
    else if (part == "PER_LINUX32") value |= 8;
    else if (int32_t flag = Find(part, kPersonaFlags); flag > 0) value |= flag;
    else if (part != "PER_LINUX") return -1;
    if (bar == std::string_view::npos) break;
    arg.remove_prefix(bar + 1);
  }
  return value;
}

// The persona spelled as strace does by default, "PER_LINUX|ADDR_NO_RANDOMIZE", whichever
// way it was printed. The query 0xffffffff, other personas and unknown bits stay as printed.
std::string_view PersonaName(std::string_view arg, std::string* buf) {
  const int64_t value = PersonaValue(arg);
  const int64_t persona = value & 0xff;
  if (value < 0 || value >= 0xffffffff || (persona != 0 && persona != 8)) return Trim(arg);
  buf->assign(persona == 0 ? "PER_LINUX" : "PER_LINUX32");
  int64_t rest = value & ~int64_t{0xff};
  for (const Named& f : kPersonaFlags) {
    if ((rest & f.value) == 0) continue;
    buf->push_back('|');
    buf->append(f.name);
    rest &= ~int64_t{f.value};
  }
  return rest == 0 ? std::string_view(*buf) : Trim(arg);
}

}  // namespace

const SyscallInfo* FindSyscall(std::string_view name) {
  static const auto* index = [] {
    auto* m = new absl::flat_hash_map<std::string_view, const SyscallInfo*>();
    for (const SyscallInfo& s : kSyscalls) m->emplace(s.name, &s);
    return m;
  }();
  auto it = index->find(name);
  return it == index->end() ? nullptr : it->second;
}

uint32_t OpenFlags(std::string_view flags) {
  uint32_t bits = 0;
  bool named = false;
  uint64_t numeric = ForEachFlag(flags, [&](std::string_view f) {
    named = true;
    if (int32_t v = Find(f, kOpenFlags); v > 0) bits |= static_cast<uint32_t>(v);
  });
  return named ? bits : OpenFlagsFromNumber(numeric);
}

uint32_t CloneFlags(std::string_view flags) {
  uint32_t bits = 0;
  bool named = false;
  uint64_t numeric = ForEachFlag(flags, [&](std::string_view f) {
    named = true;
    if (int32_t v = Find(f, kCloneFlags); v > 0) bits |= static_cast<uint32_t>(v);
  });
  if (named) return bits;
  for (const auto& b : kCloneBits)
    if (numeric & b.kernel) bits |= b.bit;
  return bits;
}

uint32_t NamespaceOfFile(std::string_view ann) {
  static constexpr struct { std::string_view name; uint32_t bit; } kKinds[] = {
      {"mnt", kCloneNewNs},   {"pid", kCloneNewPid},       {"pid_for_children", kCloneNewPid},
      {"net", kCloneNewNet},  {"user", kCloneNewUser},     {"uts", kCloneNewUts},
      {"ipc", kCloneNewIpc},  {"cgroup", kCloneNewCgroup}, {"time", kCloneNewTime},
      {"time_for_children", kCloneNewTime},
  };
  std::string_view kind;
  if (size_t open = ann.find(":["); open != std::string_view::npos && ann.ends_with(']')) {
    kind = ann.substr(0, open);
  } else if (size_t ns = ann.rfind("/ns/"); ann.starts_with("/proc/") && ns != std::string_view::npos) {
    kind = ann.substr(ns + 4);
  }
  for (const auto& k : kKinds)
    if (k.name == kind) return k.bit;
  return 0;
}

uint32_t ProtFlags(std::string_view prot) {
  uint32_t bits = 0;
  bool named = false;
  uint64_t numeric = ForEachFlag(prot, [&](std::string_view f) {
    named = true;
    if (f == "PROT_READ") bits |= kProtRead;
    if (f == "PROT_WRITE") bits |= kProtWrite;
    if (f == "PROT_EXEC") bits |= kProtExec;
  });
  return named ? bits : static_cast<uint32_t>(numeric & 7);
}

// MAP_SHARED_VALIDATE (0x3) is MAP_SHARED with the flags checked; the huge page size
// ("21<<MAP_HUGE_SHIFT") is not kept.
uint32_t MapFlags(std::string_view flags) {
  static constexpr struct { std::string_view name; uint64_t kernel; uint32_t bit; } kMap[] = {
      {"MAP_SHARED", 0x1, kMapShared},          {"MAP_PRIVATE", 0x2, kMapPrivate},
      {"MAP_FIXED", 0x10, kMapFixed},           {"MAP_ANONYMOUS", 0x20, kMapAnonymous},
      {"MAP_32BIT", 0x40, kMap32Bit},           {"MAP_GROWSDOWN", 0x100, kMapGrowsdown},
      {"MAP_DENYWRITE", 0x800, kMapDenywrite},  {"MAP_LOCKED", 0x2000, kMapLocked},
      {"MAP_NORESERVE", 0x4000, kMapNoreserve}, {"MAP_POPULATE", 0x8000, kMapPopulate},
      {"MAP_STACK", 0x20000, kMapStack},        {"MAP_HUGETLB", 0x40000, kMapHugetlb},
      {"MAP_FIXED_NOREPLACE", 0x100000, kMapFixedNoreplace}, {"MAP_SHARED_VALIDATE", 0x3, kMapShared},
  };
  uint32_t bits = 0;
  bool named = false;
  uint64_t numeric = ForEachFlag(flags, [&](std::string_view f) {
    named = true;
    for (const auto& m : kMap)
      if (m.name == f) bits |= m.bit;
  });
  if (named) return bits;
  // -X raw: the kernel's numbers, whose low two bits are the mapping type.
  const uint64_t type = numeric & 0x3;
  if (type == 0x1 || type == 0x3) bits |= kMapShared;
  if (type == 0x2) bits |= kMapPrivate;
  for (const auto& m : kMap)
    if (m.kernel > 0x3 && (numeric & m.kernel) != 0) bits |= m.bit;
  return bits;
}

bool IsSoError(std::string_view level, std::string_view option) {
  auto is = [](std::string_view arg, std::string_view name, int64_t number) {
    arg = SymbolicName(arg);
    int64_t n;
    return arg == name || (ParseNumber(arg, &n) && n == number);
  };
  return is(level, "SOL_SOCKET", 1) && is(option, "SO_ERROR", 4);
}

int32_t SignalNumber(std::string_view name) {
  if (name.starts_with("SIGRT_")) {  // strace names real-time signals SIGRT_1 .. SIGRT_30
    int32_t n;
    return ParseInt(name.substr(6), &n) && n > 0 && n < 31 ? 34 + n : -1;
  }
  return Lookup(name, kSignals);
}

int32_t PrctlOption(std::string_view name) { return Lookup(name, kPrctlOptions); }
int32_t PtraceRequest(std::string_view name) { return Lookup(name, kPtraceRequests); }
int32_t AddressFamily(std::string_view name) { return Lookup(name, kFamilies); }

int32_t SocketType(std::string_view type) {
  int32_t out = -1;
  uint64_t numeric = ForEachFlag(type, [&](std::string_view f) {
    if (int32_t v = Find(f, kSocketTypes); v > 0 && out < 0) out = v;
  });
  return out >= 0 ? out : static_cast<int32_t>(numeric & 0xf);
}

uint32_t FileAttrFlags(std::string_view arg) {
  if (arg.size() < 2 || arg.front() != '[' || arg.back() != ']') return 0;
  uint32_t bits = 0;
  bool named = false;
  const uint64_t numeric = ForEachFlag(arg.substr(1, arg.size() - 2), [&](std::string_view f) {
    named = true;
    if (f == "FS_IMMUTABLE_FL") bits |= kAttrImmutable;
    if (f == "FS_APPEND_FL") bits |= kAttrAppendOnly;
  });
  if (named) return bits;
  if (numeric & 0x10) bits |= kAttrImmutable;  // FS_IMMUTABLE_FL
  if (numeric & 0x20) bits |= kAttrAppendOnly;  // FS_APPEND_FL
  return bits;
}

std::string_view KernelCommand(std::string_view syscall, std::string_view arg, std::string* buf) {
  if (syscall == "personality") return PersonaName(arg, buf);
  const std::string_view name = SymbolicName(arg);
  int64_t v;
  if (!ParseNumber(name, &v)) return name;
  std::string_view named;
  if (syscall == "ioctl") named = NameOf(static_cast<int32_t>(v), kIoctlRequests);
  else if (syscall == "syslog") named = NameOf(v, kSyslogActions);
  return named.empty() ? name : named;
}

}  // namespace rundown::strace
