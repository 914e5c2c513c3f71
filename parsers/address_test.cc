#include "parsers/address.h"

#include <string>

#include "gtest/gtest.h"
#include "parsers/event.h"

namespace rundown {
namespace {

struct HostPortCase {
  std::string addr, host;
  int port;
};

TEST(Address, SplitHostPortReadsEveryFormTheToolsPrint) {
  const HostPortCase cases[] = {
      {"127.0.0.1:3001", "127.0.0.1", 3001},            // ss, strace
      {"0.0.0.0:*", "0.0.0.0", -1},                     // ss peer of a listener
      {"*:3000", "*", 3000},                            // ss dual-stack listener
      {"[::ffff:127.0.0.1]:3000", "::ffff:127.0.0.1", 3000},
      {"[::]:3000", "::", 3000},                        // strace -yy TCPv6
      {":::3000", "::", 3000},                          // netstat -tulpn tcp6
      {"::1:631", "::1", 631},                          // netstat without brackets
      {"[fe80::1%eth0]:22", "fe80::1%eth0", 22},
      {"127.0.0.53%lo:53", "127.0.0.53%lo", 53},        // ss with an interface scope
      {"[fe80::1]%lo:8097", "fe80::1", 8097},           // ss 6.1, IPv6 (formats/ss/tunap_scope.txt)
      {"[fe80::1]%lo:*", "fe80::1", -1},
      {"rtnl:kernel", "rtnl:kernel", -1},               // ss netlink: no numeric port
      // Without -n, a service name for the port (formats/ss/l_names.txt, netstat/ta_names.txt).
      {"127.0.0.1:http", "127.0.0.1", 80},
      {"0.0.0.0:http-alt", "0.0.0.0", 8080},
      {"[::1]:ssh", "::1", 22},                         // ss
      {"::1:ssh", "::1", 22},                           // netstat
      {"localhost:http", "localhost", 80},
      {"[::]:ipv6-icmp", "::", -1},                     // a raw socket's protocol, no port
      {"0.0.0.0:icmp", "0.0.0.0", -1},
      {"localhost:no-such-service", "localhost", -1},
      {"fe80::ab", "fe80::ab", -1},                     // an IPv6 address, not host:name
  };
  for (const auto& c : cases) {
    std::string_view host;
    int port = 0;
    ASSERT_TRUE(SplitHostPort(c.addr, &host, &port)) << c.addr;
    EXPECT_EQ(host, c.host) << c.addr;
    EXPECT_EQ(port, c.port) << c.addr;
  }
  std::string_view host;
  int port;
  EXPECT_FALSE(SplitHostPort("/run/x.sock", &host, &port));
  EXPECT_FALSE(SplitHostPort("@abstract", &host, &port));
  EXPECT_FALSE(SplitHostPort("[::1", &host, &port));
  EXPECT_FALSE(SplitHostPort("[fe80::1]x:22", &host, &port));
}

TEST(Address, ClassifiesHosts) {
  EXPECT_EQ(ClassifyHost("127.0.0.1"), AddressClass::kLoopback);
  EXPECT_EQ(ClassifyHost("127.1.2.3"), AddressClass::kLoopback);
  EXPECT_EQ(ClassifyHost("::1"), AddressClass::kLoopback);
  EXPECT_EQ(ClassifyHost("::ffff:127.0.0.1"), AddressClass::kLoopback);
  EXPECT_EQ(ClassifyHost("0.0.0.0"), AddressClass::kUnspecified);
  EXPECT_EQ(ClassifyHost("::"), AddressClass::kUnspecified);
  EXPECT_EQ(ClassifyHost("*"), AddressClass::kUnspecified);
  EXPECT_EQ(ClassifyHost("10.1.2.3"), AddressClass::kPrivate);
  EXPECT_EQ(ClassifyHost("172.31.255.1"), AddressClass::kPrivate);
  EXPECT_EQ(ClassifyHost("172.32.0.1"), AddressClass::kExternal);
  EXPECT_EQ(ClassifyHost("192.168.1.1"), AddressClass::kPrivate);
  EXPECT_EQ(ClassifyHost("100.64.0.1"), AddressClass::kPrivate);
  EXPECT_EQ(ClassifyHost("fd00::1"), AddressClass::kPrivate);
  EXPECT_EQ(ClassifyHost("169.254.169.254"), AddressClass::kLinkLocal);  // cloud metadata
  EXPECT_EQ(ClassifyHost("fe80::1%eth0"), AddressClass::kLinkLocal);
  EXPECT_EQ(ClassifyHost("8.8.8.8"), AddressClass::kExternal);
  EXPECT_EQ(ClassifyHost("::ffff:8.8.8.8"), AddressClass::kExternal);
  EXPECT_EQ(ClassifyHost("2001:4860:4860::8888"), AddressClass::kExternal);
  EXPECT_EQ(ClassifyHost("/run/x.sock"), AddressClass::kUnix);
  EXPECT_EQ(ClassifyHost("netlink:0"), AddressClass::kNetlink);
  EXPECT_EQ(ClassifyHost("not-an-ip"), AddressClass::kUnknown);
  EXPECT_EQ(AddressClassName(AddressClass::kExternal), "external");
}

TEST(Address, CidrMatchesV4V6AndMappedAddresses) {
  Cidr ten, v6, host;
  ASSERT_TRUE(ParseCidr("10.0.0.0/8", &ten));
  ASSERT_TRUE(ParseCidr("fc00::/7", &v6));
  ASSERT_TRUE(ParseCidr("8.8.8.8", &host));
  EXPECT_EQ(host.prefix, 32);
  IpAddress ip;
  ASSERT_TRUE(ParseIp("10.200.3.4", &ip));
  EXPECT_TRUE(CidrContains(ten, ip));
  ASSERT_TRUE(ParseIp("::ffff:10.0.0.1", &ip));
  EXPECT_TRUE(CidrContains(ten, ip));
  ASSERT_TRUE(ParseIp("11.0.0.1", &ip));
  EXPECT_FALSE(CidrContains(ten, ip));
  ASSERT_TRUE(ParseIp("fd12::1", &ip));
  EXPECT_TRUE(CidrContains(v6, ip));
  EXPECT_FALSE(CidrContains(ten, ip));
  ASSERT_TRUE(ParseIp("[8.8.8.8]", &ip));
  EXPECT_TRUE(CidrContains(host, ip));
  Cidr bad;
  EXPECT_FALSE(ParseCidr("10.0.0.0/33", &bad));
  EXPECT_FALSE(ParseCidr("10.0.0/8", &bad));
  EXPECT_FALSE(ParseCidr("fc00::/129", &bad));
}

TEST(Address, ClassifiesWholeSocketAddresses) {
  EXPECT_EQ(ClassifyAddress("127.0.0.1:3001"), AddressClass::kLoopback);
  EXPECT_EQ(ClassifyAddress("[::ffff:127.0.0.1]:3000"), AddressClass::kLoopback);
  EXPECT_EQ(ClassifyAddress("*:*"), AddressClass::kUnspecified);
  EXPECT_EQ(ClassifyAddress("0.0.0.0:*"), AddressClass::kUnspecified);
  EXPECT_EQ(ClassifyAddress("[::]:3000"), AddressClass::kUnspecified);
  EXPECT_EQ(ClassifyAddress("localhost:http-alt"), AddressClass::kLoopback);  // netstat without -n
  EXPECT_EQ(ClassifyAddress("[::1]:ssh"), AddressClass::kLoopback);           // ss without -n
  EXPECT_EQ(ClassifyAddress("::1:ssh"), AddressClass::kLoopback);             // netstat without -n
  EXPECT_EQ(ClassifyAddress("[::]:ipv6-icmp"), AddressClass::kUnspecified);
  EXPECT_EQ(ClassifyAddress("10.0.0.5:5432"), AddressClass::kPrivate);
  EXPECT_EQ(ClassifyAddress("8.8.8.8:53"), AddressClass::kExternal);
  EXPECT_EQ(ClassifyAddress("/run/x.sock"), AddressClass::kUnix);
  EXPECT_EQ(ClassifyAddress("@kworker-ctl"), AddressClass::kUnix);
  EXPECT_EQ(ClassifyAddress("netlink:0"), AddressClass::kNetlink);
  EXPECT_EQ(ClassifyAddress(""), AddressClass::kUnknown);
  EXPECT_EQ(ServicePort("http-alt"), 8080);
  EXPECT_EQ(ServicePort("ssh"), 22);
  EXPECT_EQ(ServicePort("no-such-service"), -1);
}

TEST(Address, SocketRowClassBitsRoundTrip) {
  uint32_t flags = kSockTcp | SocketRowClassBits(AddressClass::kLoopback, AddressClass::kExternal);
  EXPECT_EQ(flags & 0xFFFF, uint32_t{kSockTcp});
  EXPECT_EQ(SocketRowClass(flags, false), AddressClass::kLoopback);
  EXPECT_EQ(SocketRowClass(flags, true), AddressClass::kExternal);
  EXPECT_EQ(SocketRowClass(kSockTcp, false), AddressClass::kUnknown);  // never classified
  for (AddressClass c : {AddressClass::kLoopback, AddressClass::kPrivate, AddressClass::kLinkLocal,
                         AddressClass::kExternal, AddressClass::kUnspecified, AddressClass::kUnix,
                         AddressClass::kNetlink, AddressClass::kUnknown})
    EXPECT_EQ(SocketRowClass(SocketRowClassBits(c, c), true), c);
}

}  // namespace
}  // namespace rundown
