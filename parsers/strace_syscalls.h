// Syscalls as data: for each syscall the analysis decodes, its normalized operation (Op),
// its argument layout and where the interesting arguments are. One generic decoder
// (strace_decoder.cc) reads this table, the way falcosecurity/libs describes events in
// driver/event_table.c. A syscall not in the table still becomes an event (name, fd when
// its first argument is an annotated fd, result, errno).
//
// Also here: the symbolic names strace prints for flag and enum arguments (O_*, CLONE_*,
// PROT_*, SIG*, PR_*, PTRACE_*, AF_*, SOCK_*) mapped to the values event.h stores.
//
// Thread-safety: all tables are immutable; FindSyscall builds its index once, thread-safely.
#ifndef RUNDOWN_PARSERS_STRACE_SYSCALLS_H_
#define RUNDOWN_PARSERS_STRACE_SYSCALLS_H_

#include <cstdint>
#include <string_view>

#include "parsers/event.h"

namespace rundown::strace {

// How the decoder reads a call's arguments. Argument indexes come from SyscallInfo.
enum class Layout : uint8_t {
  kFd,        // fd = arg[fd]                                       read, write, close ...
  kOpen,      // dirfd = arg[fd] (or AT_FDCWD), path, flags = arg[path2], mode = arg[num]
  kExec,      // dirfd = arg[fd] (execveat), path, argv = arg[path+1], envp = arg[path+2]
  kClone,     // clone(..., flags=...), clone3({flags=...}, size), fork(), vfork()
  kSocket,    // socket(domain, type, protocol)
  kAddress,   // fd, sockaddr = arg[path]                           connect, bind, accept, sendto
  kMessage,   // fd, msghdr = arg[path] whose msg_name is the address   sendmsg, recvmsg
  kListen,    // fd, backlog = arg[num]
  kPath,      // dirfd = arg[fd], path (or the fd itself when path < 0 or ""), second path =
              // arg[path2] relative to the dirfd before it, mode/uid = arg[num], gid after it
  kSetId,     // ids in argument order; setgroups: the listed groups
  kCapset,    // capset({version=..., pid=N}, {...})
  kPrctl,     // option = arg[num], PR_SET_NAME's name
  kPtrace,    // request = arg[num], pid = arg[path]
  kKill,      // pid = arg[path] (or pidfd = arg[fd]), signal = arg[path2]
  kMemory,    // prot = arg[path2], mmap's fd = arg[fd], mmap's flags = arg[path2+1]
  kMemfd,     // name = arg[path]
  kDup,       // old fd = arg[fd]
  kPipe,      // fds array = arg[path]
  kExit,      // status = arg[num]
  kWait,      // pid = arg[path]
  kFcntl,     // fd; F_DUPFD* makes it a kDup
  kNamespace, // CLONE_NEW* flags = arg[path2], setns's fd = arg[fd]
  kMount,     // target path = arg[path] (relative to the dirfd arg[fd]), source = arg[path2],
              // file-system type = arg[num]
  kCommand,   // str = arg[num]: a command or flag name (BPF_PROG_LOAD), or a string's text
  kUtime,     // dirfd = arg[fd], path (NULL: the fd itself), times = arg[path2]
  kSleep,     // requested timespec = arg[path], clock_nanosleep's flags = arg[num]
  kWaitSleep, // poll/select: a sleep when the fd count arg[num] is 0, timeout = arg[path]
  kSockopt,   // fd, level = arg[num], option = arg[num+1], value = arg[path]   getsockopt
  kXattr,     // path = arg[path] (or fd = arg[fd]), attribute name = arg[num]
  kKernel,    // fd = arg[fd], command = arg[num] (ioctl request, personality, syslog action)
};

struct SyscallInfo {
  std::string_view name;
  Op op = Op::kOther;
  Layout layout = Layout::kFd;
  int8_t fd = -1;     // the fd argument (the dirfd of path calls)
  int8_t path = -1;   // the path / address / pid / fd-array / name argument
  int8_t path2 = -1;  // the second path, the flags, the prot, the signal
  int8_t num = -1;    // the mode / uid / backlog / request / status argument

  // Decoding reads nothing but the first argument (the fd) and the result.
  bool NeedsOnlyFirstArg() const { return (layout == Layout::kFd || layout == Layout::kDup) && fd == 0; }
};

// The entry for `name`, or nullptr for a syscall the table does not describe.
const SyscallInfo* FindSyscall(std::string_view name);

// Flag sets as strace prints them (symbolic, -X raw numbers, -X verbose both) to the
// normalized bits of event.h.
uint32_t OpenFlags(std::string_view flags);   // OpenFlag
uint32_t CloneFlags(std::string_view flags);  // CloneFlag, without kCloneIsFork
uint32_t ProtFlags(std::string_view prot);    // ProtFlag
uint32_t MapFlags(std::string_view flags);    // MapFlag
// The CLONE_NEW* bit of a namespace file as an fd annotation shows it: "mnt:[4026531841]"
// (an nsfs fd), "/proc/1/ns/net"; 0 when it is not one.
uint32_t NamespaceOfFile(std::string_view annotation);

// Numbers of symbolic constants (x86-64 / generic Linux values); -1 when unknown. A
// numeric spelling ("9", "0xf") is accepted too.
int32_t SignalNumber(std::string_view name);   // "SIGTERM" -> 15, "SIGRT_2" -> 36
int32_t PrctlOption(std::string_view name);    // "PR_SET_NAME" -> 15
int32_t PtraceRequest(std::string_view name);  // "PTRACE_ATTACH" -> 16
int32_t AddressFamily(std::string_view name);  // "AF_INET6" -> 10
int32_t SocketType(std::string_view type);     // "SOCK_STREAM|SOCK_CLOEXEC" -> 1
// getsockopt(fd, SOL_SOCKET, SO_ERROR, ...) as strace prints the level and option:
// "SOL_SOCKET", "SO_ERROR"; -X raw "0x1", "0x4"; -X verbose "0x1 /* SOL_SOCKET */".
bool IsSoError(std::string_view level, std::string_view option);
// The command of a kKernel-layout call (event.h) as the rules match it: the symbolic name
// strace prints by default, also when it printed a number (-X raw "0x5412", a persona
// "0x40000", syslog's "3") or both (-X verbose). Names only what the rules need; other
// numbers stay as printed. `buf` holds a name built from flag bits.
std::string_view KernelCommand(std::string_view syscall, std::string_view arg, std::string* buf);
// FileAttrFlag bits of FS_IOC_[GS]ETFLAGS's argument: "[FS_IMMUTABLE_FL|FS_EXTENT_FL]",
// -X raw "[0x80010]", -X verbose "[0x80010 /* FS_IMMUTABLE_FL|FS_EXTENT_FL */]".
uint32_t FileAttrFlags(std::string_view arg);

}  // namespace rundown::strace

#endif  // RUNDOWN_PARSERS_STRACE_SYSCALLS_H_
