// The name a DNS query asks for, read from the packet a program sent as strace printed it:
//
//   sendto(3, "\274\321\1\0\0\1\0\0\0\0\0\0\7example\3com\0\0\1\0\1", 29, MSG_NOSIGNAL, ...)
//   sendmmsg(3<UDP:[...->10.255.255.53:53]>, [{msg_hdr={..., msg_iov=[{iov_base="v\247\1\0..."
//
// The packet is the first string literal after the call's '(' (the buffer of sendto/write,
// the iov_base of sendmsg/sendmmsg). A query is a 12-byte header, then the name as labels
// (a length byte, then that many bytes) ending with a zero byte; queries carry no
// compression pointers.
#ifndef RUNDOWN_PARSERS_DNS_QUERY_H_
#define RUNDOWN_PARSERS_DNS_QUERY_H_

#include <string>
#include <string_view>

namespace rundown {

// What the packet of a send to a DNS port holds.
enum class DnsPacket {
  kQuery,       // a query: its name is read
  kNotAQuery,   // strace printed the bytes and they are not a query (data sent to port 53)
  kUnreadable,  // no bytes printed (a pointer, -e raw=) or cut before the name began
};

// Reads the query of the line's packet; a query over TCP may start with its 2-byte length.
// `name` gets "example.com" for a query, "exam..." when strace -s cut it, else "".
DnsPacket ReadDnsPacket(std::string_view strace_line, std::string* name);

// "example.com", or "" when the line holds no readable query. A name cut by strace -s ends
// in "..." ("exam...").
std::string DnsQueryName(std::string_view strace_line);

}  // namespace rundown

#endif  // RUNDOWN_PARSERS_DNS_QUERY_H_
