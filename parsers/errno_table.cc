#include "parsers/errno_table.h"

#include <array>

#include "absl/container/flat_hash_map.h"

namespace rundown {
namespace {
// Index i < 134 is Linux errno i (x86-64 and most other ports); the kernel-internal
// ERESTART* codes that strace prints (512..516) follow at kFirstKernelInternal.
// Empty names are numbers Linux does not use.
constexpr std::array<std::string_view, 139> kNames = {
    "",
    "EPERM",
    "ENOENT",
    "ESRCH",
    "EINTR",
    "EIO",
    "ENXIO",
    "E2BIG",
    "ENOEXEC",
    "EBADF",
    "ECHILD",
    "EAGAIN",
    "ENOMEM",
    "EACCES",
    "EFAULT",
    "ENOTBLK",
    "EBUSY",
    "EEXIST",
    "EXDEV",
    "ENODEV",
    "ENOTDIR",
    "EISDIR",
    "EINVAL",
    "ENFILE",
    "EMFILE",
    "ENOTTY",
    "ETXTBSY",
    "EFBIG",
    "ENOSPC",
    "ESPIPE",
    "EROFS",
    "EMLINK",
    "EPIPE",
    "EDOM",
    "ERANGE",
    "EDEADLK",
    "ENAMETOOLONG",
    "ENOLCK",
    "ENOSYS",
    "ENOTEMPTY",
    "ELOOP",
    "",
    "ENOMSG",
    "EIDRM",
    "ECHRNG",
    "EL2NSYNC",
    "EL3HLT",
    "EL3RST",
    "ELNRNG",
    "EUNATCH",
    "ENOCSI",
    "EL2HLT",
    "EBADE",
    "EBADR",
    "EXFULL",
    "ENOANO",
    "EBADRQC",
    "EBADSLT",
    "",
    "EBFONT",
    "ENOSTR",
    "ENODATA",
    "ETIME",
    "ENOSR",
    "ENONET",
    "ENOPKG",
    "EREMOTE",
    "ENOLINK",
    "EADV",
    "ESRMNT",
    "ECOMM",
    "EPROTO",
    "EMULTIHOP",
    "EDOTDOT",
    "EBADMSG",
    "EOVERFLOW",
    "ENOTUNIQ",
    "EBADFD",
    "EREMCHG",
    "ELIBACC",
    "ELIBBAD",
    "ELIBSCN",
    "ELIBMAX",
    "ELIBEXEC",
    "EILSEQ",
    "ERESTART",
    "ESTRPIPE",
    "EUSERS",
    "ENOTSOCK",
    "EDESTADDRREQ",
    "EMSGSIZE",
    "EPROTOTYPE",
    "ENOPROTOOPT",
    "EPROTONOSUPPORT",
    "ESOCKTNOSUPPORT",
    "EOPNOTSUPP",
    "EPFNOSUPPORT",
    "EAFNOSUPPORT",
    "EADDRINUSE",
    "EADDRNOTAVAIL",
    "ENETDOWN",
    "ENETUNREACH",
    "ENETRESET",
    "ECONNABORTED",
    "ECONNRESET",
    "ENOBUFS",
    "EISCONN",
    "ENOTCONN",
    "ESHUTDOWN",
    "ETOOMANYREFS",
    "ETIMEDOUT",
    "ECONNREFUSED",
    "EHOSTDOWN",
    "EHOSTUNREACH",
    "EALREADY",
    "EINPROGRESS",
    "ESTALE",
    "EUCLEAN",
    "ENOTNAM",
    "ENAVAIL",
    "EISNAM",
    "EREMOTEIO",
    "EDQUOT",
    "ENOMEDIUM",
    "EMEDIUMTYPE",
    "ECANCELED",
    "ENOKEY",
    "EKEYEXPIRED",
    "EKEYREVOKED",
    "EKEYREJECTED",
    "EOWNERDEAD",
    "ENOTRECOVERABLE",
    "ERFKILL",
    "EHWPOISON",
    "ERESTARTSYS",
    "ERESTARTNOINTR",
    "ERESTARTNOHAND",
    "ENOIOCTLCMD",
    "ERESTART_RESTARTBLOCK",
};

const absl::flat_hash_map<std::string_view, uint8_t>& Index() {
  static const auto* index = [] {
    auto* m = new absl::flat_hash_map<std::string_view, uint8_t>();
    for (size_t i = 1; i < kNames.size(); ++i) {
      if (!kNames[i].empty()) m->emplace(kNames[i], static_cast<uint8_t>(i));
    }
    m->emplace("EWOULDBLOCK", 11);
    m->emplace("EDEADLOCK", 35);
    m->emplace("ENOTSUP", 95);
    return m;
  }();
  return *index;
}
}  // namespace

uint8_t ErrnoIndex(std::string_view name) {
  const auto& index = Index();
  auto it = index.find(name);
  return it == index.end() ? kErrnoUnknown : it->second;
}

uint8_t ErrnoIndexOfNumber(int64_t number) {
  if (number == 0) return 0;
  return number > 0 && number < kFirstKernelInternal && !kNames[number].empty() ? static_cast<uint8_t>(number)
                                                                                : kErrnoUnknown;
}

std::string_view ErrnoName(uint8_t index) {
  if (index == kErrnoUnknown) return "E?";
  return index < kNames.size() ? kNames[index] : std::string_view();
}

bool IsRestartErrno(uint8_t index) { return index >= kFirstKernelInternal && index < kFirstKernelInternal + 5; }

}  // namespace rundown
