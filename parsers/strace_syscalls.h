// Syscalls as data: for each syscall the analysis decodes, its normalized operation and
// where its interesting arguments are. One generic decoder (strace_parser.cc) reads this
// table, the way falcosecurity/libs describes events in driver/event_table.c. A syscall not
// in the table still becomes an event (name, fd if its first argument is an annotated fd,
// result, errno).
#ifndef RUNDOWN_PARSERS_STRACE_SYSCALLS_H_
#define RUNDOWN_PARSERS_STRACE_SYSCALLS_H_

#include <cstdint>
#include <string_view>

#include "parsers/event.h"

namespace rundown::strace {

// How the decoder reads the arguments; each value names one argument layout.
enum class Layout : uint8_t {
  kGeneric,      // fd = arg 0 when it is an fd
  kFdCall,       // fd = arg `fd`
  kOpen,         // open(path, flags, mode), creat(path, mode)
  kOpenAt,       // openat(dirfd, path, flags, mode), openat2(dirfd, path, {flags=...}, size)
  kExec,         // execve(path, argv, envp), execveat(dirfd, path, argv, envp, flags)
  kClone,        // clone(child_stack=..., flags=...), clone3({flags=...}, size), fork, vfork
  kSocket,       // socket(domain, type, protocol)
  kAddrCall,     // connect/bind(fd, addr, len), accept(fd, addr, len)
  kMsgCall,      // sendmsg/recvmsg(fd, {msg_name=addr, ...}, flags)
  kListen,       // listen(fd, backlog)
  kPath,         // path at `path`, optional dirfd at `fd`, optional second path at `path2`
  kSetId,        // setuid(uid), setresuid(r, e, s), setgroups(n, [..])
  kPrctl,        // prctl(option, ...)
  kPtrace,       // ptrace(request, pid, ...)
  kKill,         // kill(pid, sig), tkill(tid, sig), tgkill(tgid, tid, sig)
  kMem,          // mmap(addr, len, prot, flags, fd, off), mprotect(addr, len, prot)
  kMemfd,        // memfd_create(name, flags)
  kDup,          // dup(old), dup2(old, new), dup3(old, new, flags)
  kPipe,         // pipe([r, w]), pipe2([r, w], flags), socketpair(d, t, p, [a, b])
  kExitCall,     // exit(status), exit_group(status)
  kWait,         // wait4(pid, ...), waitid(idtype, id, ...)
  kFcntl,        // fcntl(fd, F_DUPFD*, ...)
};

struct SyscallInfo {
  std::string_view name;
  Op op;
  Layout layout;
  int8_t fd = -1;     // argument index of the fd (or dirfd for kPath/kOpenAt)
  int8_t path = -1;   // argument index of the path / address / first id
  int8_t path2 = -1;  // argument index of a second path / the prot / the signal
};

// The entry for `name`, or nullptr.
const SyscallInfo* FindSyscall(std::string_view name);

}  // namespace rundown::strace

#endif  // RUNDOWN_PARSERS_STRACE_SYSCALLS_H_
