// Errno names as strace prints them ("ENOENT"), kept in an Event as a one-byte index.
#ifndef RUNDOWN_PARSERS_ERRNO_TABLE_H_
#define RUNDOWN_PARSERS_ERRNO_TABLE_H_

#include <cstdint>
#include <string_view>

namespace rundown {

inline constexpr uint8_t kFirstKernelInternal = 134;  // ERESTARTSYS
inline constexpr uint8_t kErrnoUnknown = 255;         // an E-name we do not know

// Returns the index of an errno name, or kErrnoUnknown. Never returns 0 (0 = no error).
uint8_t ErrnoIndex(std::string_view name);
// The index of an errno number as -X raw prints it (111 -> ECONNREFUSED's); 0 for 0,
// kErrnoUnknown for a number Linux does not use.
uint8_t ErrnoIndexOfNumber(int64_t number);
// "ENOENT" for ErrnoIndex("ENOENT"); "" for 0.
std::string_view ErrnoName(uint8_t index);
// ERESTARTSYS, ERESTARTNOINTR, ERESTARTNOHAND, ENOIOCTLCMD, ERESTART_RESTARTBLOCK.
bool IsRestartErrno(uint8_t index);

}  // namespace rundown

#endif  // RUNDOWN_PARSERS_ERRNO_TABLE_H_
