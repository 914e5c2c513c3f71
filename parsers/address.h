// Socket addresses as rundown prints them ("1.2.3.4:80", "[::1]:3000", "*:3000",
// ":::3000" from netstat, "/run/x.sock", "@abstract", "netlink:0"), their classification
// (loopback / private / link-local / external / unspecified / unix / netlink), and CIDR
// matching for the rule language's `in 10.0.0.0/8`.
//
// IPv4-mapped IPv6 addresses (::ffff:127.0.0.1) classify as their IPv4 address: a dual-stack
// listener shows loopback peers that way.
#ifndef RUNDOWN_PARSERS_ADDRESS_H_
#define RUNDOWN_PARSERS_ADDRESS_H_

#include <array>
#include <cstdint>
#include <string_view>

namespace rundown {

enum class AddressClass : uint8_t {
  kLoopback, kPrivate, kLinkLocal, kExternal, kUnspecified, kUnix, kNetlink, kUnknown,
};

struct IpAddress {
  int family = 0;                  // 4 or 6; 0 = not an IP
  std::array<uint8_t, 16> bytes{};  // IPv4 in bytes[0..3]
};

struct Cidr {
  IpAddress base;
  int prefix = 0;  // bits
};

// Parses "1.2.3.4", "::1", "[::1]", "fe80::1%eth0" (scope dropped). False for anything else.
bool ParseIp(std::string_view text, IpAddress* out);
// Splits "host:port" in all the forms above; the port is -1 for "*" or none. For a unix path
// or abstract name returns false.
bool SplitHostPort(std::string_view addr, std::string_view* host, int* port);
// Classifies a host ("127.0.0.1", "::ffff:10.0.0.1", "*", "0.0.0.0", "/path", "@name").
AddressClass ClassifyHost(std::string_view host);
AddressClass ClassifyIp(const IpAddress& ip);
std::string_view AddressClassName(AddressClass c);
// "10.0.0.0/8", "fc00::/7", or a bare address (a /32 or /128).
bool ParseCidr(std::string_view text, Cidr* out);
// IPv4-mapped IPv6 addresses match IPv4 ranges.
bool CidrContains(const Cidr& cidr, const IpAddress& ip);

// Classifies a whole socket address as the tools print it: "127.0.0.1:80", "[::1]:3000",
// "*:*", "/run/x.sock", "@abstract", "netlink:0". A service name in the port position
// ("localhost:http") is accepted.
AddressClass ClassifyAddress(std::string_view addr);
// The port of a well-known service name as ss/netstat print it without -n ("http", "ssh",
// "domain"); -1 for names not in the built-in table (no /etc/services lookup, so the result
// does not depend on the machine that runs the analysis).
int ServicePort(std::string_view name);
// Packs two classes into SocketRowFlag bits (see event.h kSockLocalClassShift) and back.
uint32_t SocketRowClassBits(AddressClass local, AddressClass peer);
// REQUIRES: the flags came from SocketRowClassBits (kUnknown when the bits are unset).
AddressClass SocketRowClass(uint32_t flags, bool peer);

}  // namespace rundown

#endif  // RUNDOWN_PARSERS_ADDRESS_H_
