// Two macros for absl::Status plumbing. Debian 12's Abseil (20220623) ships no status
// macros, so rundown keeps its own here, at the bottom of the dependency chain.
#ifndef RUNDOWN_PARSERS_STATUS_MACROS_H_
#define RUNDOWN_PARSERS_STATUS_MACROS_H_

#include "absl/status/status.h"
#include "absl/status/statusor.h"

#define RD_RETURN_IF_ERROR(expr)                              \
  do {                                                        \
    if (absl::Status rd_s = (expr); !rd_s.ok()) return rd_s;  \
  } while (0)

#define RD_CONCAT_INNER_(a, b) a##b
#define RD_CONCAT_(a, b) RD_CONCAT_INNER_(a, b)
#define RD_ASSIGN_OR_RETURN_IMPL_(tmp, lhs, expr) \
  auto tmp = (expr);                              \
  if (!tmp.ok()) return tmp.status();             \
  lhs = std::move(*tmp)
#define RD_ASSIGN_OR_RETURN(lhs, expr) \
  RD_ASSIGN_OR_RETURN_IMPL_(RD_CONCAT_(rd_statusor_, __LINE__), lhs, expr)

#endif  // RUNDOWN_PARSERS_STATUS_MACROS_H_
