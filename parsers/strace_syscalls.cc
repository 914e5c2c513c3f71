#include "parsers/strace_syscalls.h"

#include <array>

#include "absl/container/flat_hash_map.h"

namespace rundown::strace {
namespace {

using L = Layout;

// Argument indexes follow strace's printing order, which is the kernel's.
constexpr SyscallInfo kTable[] = {
    // processes
    {"execve", Op::kExec, L::kExec, -1, 0},
    {"execveat", Op::kExec, L::kExec, 0, 1},
    {"clone", Op::kClone, L::kClone},
    {"clone3", Op::kClone, L::kClone},
    {"fork", Op::kClone, L::kClone},
    {"vfork", Op::kClone, L::kClone},
    {"exit", Op::kExit, L::kExitCall},
    {"exit_group", Op::kExit, L::kExitCall},
    {"wait4", Op::kWait, L::kWait},
    {"waitid", Op::kWait, L::kWait},
    {"kill", Op::kKill, L::kKill, -1, 0, 1},
    {"tkill", Op::kKill, L::kKill, -1, 0, 1},
    {"tgkill", Op::kKill, L::kKill, -1, 1, 2},
    {"pidfd_send_signal", Op::kKill, L::kKill, 0, -1, 1},
    // files
    {"open", Op::kOpen, L::kOpen, -1, 0, 1},
    {"creat", Op::kOpen, L::kOpen, -1, 0, -1},
    {"openat", Op::kOpen, L::kOpenAt, 0, 1, 2},
    {"openat2", Op::kOpen, L::kOpenAt, 0, 1, 2},
    {"open_by_handle_at", Op::kOpen, L::kFdCall, 0},
    {"read", Op::kRead, L::kFdCall, 0},
    {"pread64", Op::kRead, L::kFdCall, 0},
    {"readv", Op::kRead, L::kFdCall, 0},
    {"preadv", Op::kRead, L::kFdCall, 0},
    {"preadv2", Op::kRead, L::kFdCall, 0},
    {"write", Op::kWrite, L::kFdCall, 0},
    {"pwrite64", Op::kWrite, L::kFdCall, 0},
    {"writev", Op::kWrite, L::kFdCall, 0},
    {"pwritev", Op::kWrite, L::kFdCall, 0},
    {"pwritev2", Op::kWrite, L::kFdCall, 0},
    {"sendfile", Op::kWrite, L::kFdCall, 0},
    {"copy_file_range", Op::kWrite, L::kFdCall, 2},
    {"close", Op::kClose, L::kFdCall, 0},
    {"dup", Op::kDup, L::kDup, 0},
    {"dup2", Op::kDup, L::kDup, 0},
    {"dup3", Op::kDup, L::kDup, 0},
    {"fcntl", Op::kOther, L::kFcntl, 0},
    {"pipe", Op::kPipe, L::kPipe, -1, 0},
    {"pipe2", Op::kPipe, L::kPipe, -1, 0},
    {"stat", Op::kStat, L::kPath, -1, 0},
    {"lstat", Op::kStat, L::kPath, -1, 0},
    {"newfstatat", Op::kStat, L::kPath, 0, 1},
    {"statx", Op::kStat, L::kPath, 0, 1},
    {"access", Op::kStat, L::kPath, -1, 0},
    {"faccessat", Op::kStat, L::kPath, 0, 1},
    {"faccessat2", Op::kStat, L::kPath, 0, 1},
    {"readlink", Op::kStat, L::kPath, -1, 0},
    {"readlinkat", Op::kStat, L::kPath, 0, 1},
    {"unlink", Op::kUnlink, L::kPath, -1, 0},
    {"unlinkat", Op::kUnlink, L::kPath, 0, 1},
    {"rmdir", Op::kRmdir, L::kPath, -1, 0},
    {"rename", Op::kRename, L::kPath, -1, 0, 1},
    {"renameat", Op::kRename, L::kPath, 0, 1, 3},
    {"renameat2", Op::kRename, L::kPath, 0, 1, 3},
    {"mkdir", Op::kMkdir, L::kPath, -1, 0},
    {"mkdirat", Op::kMkdir, L::kPath, 0, 1},
    {"mknod", Op::kMkdir, L::kPath, -1, 0},
    {"mknodat", Op::kMkdir, L::kPath, 0, 1},
    {"chmod", Op::kChmod, L::kPath, -1, 0},
    {"fchmod", Op::kChmod, L::kFdCall, 0},
    {"fchmodat", Op::kChmod, L::kPath, 0, 1},
    {"chown", Op::kChown, L::kPath, -1, 0},
    {"lchown", Op::kChown, L::kPath, -1, 0},
    {"fchown", Op::kChown, L::kFdCall, 0},
    {"fchownat", Op::kChown, L::kPath, 0, 1},
    {"link", Op::kLink, L::kPath, -1, 0, 1},
    {"linkat", Op::kLink, L::kPath, 0, 1, 3},
    {"symlink", Op::kSymlink, L::kPath, -1, 0, 1},
    {"symlinkat", Op::kSymlink, L::kPath, 1, 0, 2},
    {"truncate", Op::kTruncate, L::kPath, -1, 0},
    {"ftruncate", Op::kTruncate, L::kFdCall, 0},
    {"chdir", Op::kChdir, L::kPath, -1, 0},
    {"fchdir", Op::kChdir, L::kFdCall, 0},
    {"chroot", Op::kChdir, L::kPath, -1, 0},
    // network
    {"socket", Op::kSocket, L::kSocket},
    {"socketpair", Op::kPipe, L::kPipe, -1, 3},
    {"connect", Op::kConnect, L::kAddrCall, 0, 1},
    {"bind", Op::kBind, L::kAddrCall, 0, 1},
    {"listen", Op::kListen, L::kListen, 0},
    {"accept", Op::kAccept, L::kAddrCall, 0, 1},
    {"accept4", Op::kAccept, L::kAddrCall, 0, 1},
    {"sendto", Op::kSend, L::kAddrCall, 0, 4},
    {"recvfrom", Op::kRecv, L::kAddrCall, 0, 4},
    {"sendmsg", Op::kSend, L::kMsgCall, 0, 1},
    {"recvmsg", Op::kRecv, L::kMsgCall, 0, 1},
    {"sendmmsg", Op::kSend, L::kFdCall, 0},
    {"recvmmsg", Op::kRecv, L::kFdCall, 0},
    {"shutdown", Op::kShutdown, L::kFdCall, 0},
    // privileges
    {"setuid", Op::kSetId, L::kSetId},
    {"setgid", Op::kSetId, L::kSetId},
    {"setreuid", Op::kSetId, L::kSetId},
    {"setregid", Op::kSetId, L::kSetId},
    {"setresuid", Op::kSetId, L::kSetId},
    {"setresgid", Op::kSetId, L::kSetId},
    {"setfsuid", Op::kSetId, L::kSetId},
    {"setfsgid", Op::kSetId, L::kSetId},
    {"setgroups", Op::kSetId, L::kSetId},
    {"capset", Op::kCapset, L::kGeneric},
    {"prctl", Op::kPrctl, L::kPrctl},
    {"ptrace", Op::kPtrace, L::kPtrace},
    {"process_vm_writev", Op::kPtrace, L::kPtrace},
    {"process_vm_readv", Op::kPtrace, L::kPtrace},
    // memory
    {"mmap", Op::kMmap, L::kMem, 4, -1, 2},
    {"mmap2", Op::kMmap, L::kMem, 4, -1, 2},
    {"mprotect", Op::kMprotect, L::kMem, -1, -1, 2},
    {"pkey_mprotect", Op::kMprotect, L::kMem, -1, -1, 2},
    {"memfd_create", Op::kMemfd, L::kMemfd},
};

const absl::flat_hash_map<std::string_view, const SyscallInfo*>& Index() {
  static const auto* index = [] {
    auto* m = new absl::flat_hash_map<std::string_view, const SyscallInfo*>();
    for (const SyscallInfo& s : kTable) m->emplace(s.name, &s);
    return m;
  }();
  return *index;
}

}  // namespace

const SyscallInfo* FindSyscall(std::string_view name) {
  const auto& index = Index();
  auto it = index.find(name);
  return it == index.end() ? nullptr : it->second;
}

}  // namespace rundown::strace
