#include "parsers/address.h"

#include <arpa/inet.h>

#include <cstring>
#include <string>
#include <utility>

#include "parsers/event.h"
#include "parsers/text_util.h"

namespace rundown {
namespace {

bool IsMappedV4(const IpAddress& ip) {
  static constexpr uint8_t kPrefix[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
  return ip.family == 6 && std::memcmp(ip.bytes.data(), kPrefix, 12) == 0;
}

IpAddress Unmap(const IpAddress& ip) {
  if (!IsMappedV4(ip)) return ip;
  IpAddress v4;
  v4.family = 4;
  std::memcpy(v4.bytes.data(), ip.bytes.data() + 12, 4);
  return v4;
}

bool InV4(const IpAddress& ip, uint8_t a, uint8_t b, int prefix) {
  uint32_t addr = (uint32_t{ip.bytes[0]} << 24) | (uint32_t{ip.bytes[1]} << 16) |
                  (uint32_t{ip.bytes[2]} << 8) | ip.bytes[3];
  uint32_t base = (uint32_t{a} << 24) | (uint32_t{b} << 16);
  uint32_t mask = prefix == 0 ? 0 : ~uint32_t{0} << (32 - prefix);
  return (addr & mask) == (base & mask);
}

// "localhost:x11-ssh-offset", "0.0.0.0:icmp": the text before a name that is no port is a
// host. REQUIRES: host is addr up to its last ':'.
bool IsHostBeforeName(std::string_view host, std::string_view addr) {
  IpAddress ip;
  if (ParseIp(addr, &ip)) return false;
  return host == "localhost" || host == "*" || ParseIp(host, &ip);
}

}  // namespace

bool ParseIp(std::string_view text, IpAddress* out) {
  if (text.size() >= 2 && text.front() == '[' && text.back() == ']') text = text.substr(1, text.size() - 2);
  if (size_t pct = text.find('%'); pct != std::string_view::npos) text = text.substr(0, pct);
  if (text.empty() || text.size() > 45) return false;
  std::string buf(text);
  *out = IpAddress();
  if (buf.find(':') != std::string::npos) {
    if (inet_pton(AF_INET6, buf.c_str(), out->bytes.data()) != 1) return false;
    out->family = 6;
    return true;
  }
  if (inet_pton(AF_INET, buf.c_str(), out->bytes.data()) != 1) return false;
  out->family = 4;
  return true;
}

bool SplitHostPort(std::string_view addr, std::string_view* host, int* port) {
  *port = -1;
  if (addr.empty() || addr.front() == '/' || addr.front() == '@') return false;
  std::string_view port_text;
  if (addr.front() == '[') {
    size_t close = addr.find(']');
    if (close == std::string_view::npos) return false;
    *host = addr.substr(1, close - 1);
    // ss prints a socket bound to a link-local address or a device with its zone after the
    // bracket: "[fe80::1]%lo:8097" (IPv4 keeps it inside the host: "127.0.0.53%lo:53").
    size_t after = close + 1;
    if (after < addr.size() && addr[after] == '%') after = addr.find(':', after);
    if (after != std::string_view::npos && after < addr.size()) {
      if (addr[after] != ':') return false;
      port_text = addr.substr(after + 1);
    }
  } else {
    size_t colon = addr.rfind(':');
    if (colon == std::string_view::npos) {
      *host = addr;
      return true;
    }
    // netstat prints ":::3000" and "::1:3000" without brackets: the port is after the last
    // colon and the host is everything before it.
    *host = addr.substr(0, colon);
    port_text = addr.substr(colon + 1);
    if (host->empty()) *host = "::";
  }
  if (port_text.empty() || port_text == "*") return true;
  if (ParseInt(port_text, port) && *port >= 0 && *port <= 65535) return true;
  // ss and netstat without -n print a service name: "127.0.0.1:http", "[::1]:ssh", netstat's
  // "::1:ssh", "localhost:http-alt"; a name missing from ServicePort's table leaves the port
  // unknown but still splits off a host that is an address ("[::]:ipv6-icmp"). Anything else
  // stays whole: ss's netlink "rtnl:kernel", an IPv6 address without brackets ("fe80::ab").
  *port = ServicePort(port_text);
  if (*port >= 0 || addr.front() == '[' || IsHostBeforeName(*host, addr)) return true;
  *host = addr;
  return true;
}

AddressClass ClassifyIp(const IpAddress& raw) {
  IpAddress ip = Unmap(raw);
  if (ip.family == 4) {
    if (InV4(ip, 0, 0, 8) && ip.bytes[1] == 0 && ip.bytes[2] == 0 && ip.bytes[3] == 0 && ip.bytes[0] == 0)
      return AddressClass::kUnspecified;
    if (InV4(ip, 127, 0, 8)) return AddressClass::kLoopback;
    if (InV4(ip, 10, 0, 8) || InV4(ip, 172, 16, 12) || InV4(ip, 192, 168, 16) || InV4(ip, 100, 64, 10))
      return AddressClass::kPrivate;
    if (InV4(ip, 169, 254, 16)) return AddressClass::kLinkLocal;
    return AddressClass::kExternal;
  }
  if (ip.family == 6) {
    static constexpr uint8_t kZero[16] = {};
    if (std::memcmp(ip.bytes.data(), kZero, 16) == 0) return AddressClass::kUnspecified;
    if (std::memcmp(ip.bytes.data(), kZero, 15) == 0 && ip.bytes[15] == 1) return AddressClass::kLoopback;
    if ((ip.bytes[0] & 0xfe) == 0xfc) return AddressClass::kPrivate;
    if (ip.bytes[0] == 0xfe && (ip.bytes[1] & 0xc0) == 0x80) return AddressClass::kLinkLocal;
    return AddressClass::kExternal;
  }
  return AddressClass::kUnknown;
}

AddressClass ClassifyHost(std::string_view host) {
  if (host.empty()) return AddressClass::kUnknown;
  if (host.front() == '/' || host.front() == '@') return AddressClass::kUnix;
  if (host == "*") return AddressClass::kUnspecified;
  if (host.starts_with("netlink")) return AddressClass::kNetlink;
  if (host == "localhost") return AddressClass::kLoopback;
  IpAddress ip;
  if (!ParseIp(host, &ip)) return AddressClass::kUnknown;
  return ClassifyIp(ip);
}

std::string_view AddressClassName(AddressClass c) {
  switch (c) {
    case AddressClass::kLoopback: return "loopback";
    case AddressClass::kPrivate: return "private";
    case AddressClass::kLinkLocal: return "link-local";
    case AddressClass::kExternal: return "external";
    case AddressClass::kUnspecified: return "unspecified";
    case AddressClass::kUnix: return "unix";
    case AddressClass::kNetlink: return "netlink";
    case AddressClass::kUnknown: return "unknown";
  }
  return "unknown";
}

bool ParseCidr(std::string_view text, Cidr* out) {
  size_t slash = text.find('/');
  std::string_view addr = text.substr(0, slash);
  if (!ParseIp(addr, &out->base)) return false;
  int max = out->base.family == 4 ? 32 : 128;
  out->prefix = max;
  if (slash == std::string_view::npos) return true;
  int p = -1;
  if (!ParseInt(text.substr(slash + 1), &p) || p < 0 || p > max) return false;
  out->prefix = p;
  return true;
}

bool CidrContains(const Cidr& cidr, const IpAddress& raw) {
  IpAddress ip = cidr.base.family == 4 ? Unmap(raw) : raw;
  if (ip.family != cidr.base.family) return false;
  int bits = cidr.prefix;
  for (int i = 0; bits > 0; ++i, bits -= 8) {
    uint8_t mask = bits >= 8 ? 0xff : static_cast<uint8_t>(0xff << (8 - bits));
    if ((ip.bytes[i] & mask) != (cidr.base.bytes[i] & mask)) return false;
  }
  return true;
}

AddressClass ClassifyAddress(std::string_view addr) {
  if (addr.empty()) return AddressClass::kUnknown;
  if (addr.front() == '/' || addr.front() == '@') return AddressClass::kUnix;
  if (addr.starts_with("netlink")) return AddressClass::kNetlink;
  std::string_view host;
  int port = -1;
  if (!SplitHostPort(addr, &host, &port)) return AddressClass::kUnknown;
  return ClassifyHost(host);
}

int ServicePort(std::string_view name) {
  static constexpr std::pair<std::string_view, int> kServices[] = {
      {"ftp", 21},        {"ssh", 22},          {"telnet", 23},     {"smtp", 25},
      {"domain", 53},     {"bootps", 67},       {"bootpc", 68},     {"tftp", 69},
      {"http", 80},       {"pop3", 110},        {"ntp", 123},       {"imap2", 143},
      {"snmp", 161},      {"ldap", 389},        {"https", 443},     {"microsoft-ds", 445},
      {"submission", 587}, {"ipp", 631},        {"imaps", 993},     {"pop3s", 995},
      {"socks", 1080},    {"openvpn", 1194},    {"mysql", 3306},    {"postgresql", 5432},
      {"mdns", 5353},     {"x11", 6000},        {"redis", 6379},    {"http-alt", 8080},
  };
  for (const auto& [n, port] : kServices)
    if (n == name) return port;
  return -1;
}

uint32_t SocketRowClassBits(AddressClass local, AddressClass peer) {
  return ((static_cast<uint32_t>(local) + 1) << kSockLocalClassShift) |
         ((static_cast<uint32_t>(peer) + 1) << kSockPeerClassShift);
}

AddressClass SocketRowClass(uint32_t flags, bool peer) {
  uint32_t v = (flags >> (peer ? kSockPeerClassShift : kSockLocalClassShift)) & 0xF;
  if (v == 0 || v > static_cast<uint32_t>(AddressClass::kUnknown) + 1) return AddressClass::kUnknown;
  return static_cast<AddressClass>(v - 1);
}

}  // namespace rundown
