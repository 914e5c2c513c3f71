// Socket calls: socket, bind, listen, connect, accept4, sendto/recvfrom, sendmsg/recvmsg,
// socketpair, with every address family strace decodes and the -y / -yy socket
// annotations. Real lines: testdata/p1, p4 and testdata/formats/strace/*net*, *ops*, *msg*.
#include "gtest/gtest.h"
#include "parsers/strace_test_util.h"

namespace rundown {
namespace {

using strace_test::DumpLine;

struct Case {
  const char* line;
  const char* dump;
};

TEST(StraceNet, AddressFamiliesAndAnnotations) {
  static const Case kCases[] = {
      // p1 strace_log.28: the HTTP listener, -y only.
      {"19:31:04.695613 socket(AF_INET6, SOCK_STREAM|SOCK_CLOEXEC|SOCK_NONBLOCK, IPPROTO_IP) = 19<socket:[34480]> <0.000030>",
       "socket tid=0 op=socket res=19 a=10 b=1 s3=\"socket:[34480]\""},
      {"19:31:04.695890 bind(19<socket:[34480]>, {sa_family=AF_INET6, sin6_port=htons(3000), sin6_flowinfo=htonl(0), "
       "inet_pton(AF_INET6, \"::\", &sin6_addr), sin6_scope_id=0}, 28) = 0 <0.000104>",
       "bind tid=0 op=bind res=0 fd=19 str=\"socket:[34480]\" a=10 b=3000 s2=\"[::]:3000\""},
      {"19:31:04.696301 listen(19<socket:[34480]>, 511) = 0 <0.000017>",
       "listen tid=0 op=listen res=0 fd=19 str=\"socket:[34480]\" a=511"},
      // p4 strace_log.28 (-yy): accept4 without an address; the peer is in the result annotation.
      {"19:31:42.556189 accept4(19<TCPv6:[[::]:3000]>, NULL, NULL, SOCK_CLOEXEC|SOCK_NONBLOCK) = "
       "21<TCPv6:[[::ffff:127.0.0.1]:3000->[::ffff:127.0.0.1]:57682]> <0.000023>",
       "accept4 tid=0 op=accept res=21 fd=19 str=\"TCPv6:[[::]:3000]\" "
       "s3=\"TCPv6:[[::ffff:127.0.0.1]:3000->[::ffff:127.0.0.1]:57682]\""},
      {"19:31:42.629674 write(21<TCP:[127.0.0.1:3001->127.0.0.1:56814]>, \"{\\\"type\\\":\\\"joined\\\",\\\"user\\\":\\\"alice\\\","
       "\\\"history\\\":[]}\\n\", 46) = 46 <0.000033>",
       "write tid=0 op=write res=46 fd=21 str=\"TCP:[127.0.0.1:3001->127.0.0.1:56814]\""},
      // formats/strace/f_tt_T_yy_ops.txt: a loopback server and client in one python3.
      {"9564  00:38:58.229263 bind(7<TCP:[24512]>, {sa_family=AF_INET, sin_port=htons(0), sin_addr=inet_addr(\"127.0.0.1\")}, "
       "16) = 0 <0.000225>",
       "bind tid=9564 op=bind res=0 fd=7 str=\"TCP:[24512]\" a=2 b=0 s2=\"127.0.0.1:0\""},
      {"9564  00:38:58.234900 connect(8<TCP:[24513]>, {sa_family=AF_INET, sin_port=htons(33549), "
       "sin_addr=inet_addr(\"127.0.0.1\")}, 16) = 0 <0.000167>",
       "connect tid=9564 op=connect res=0 fd=8 str=\"TCP:[24513]\" a=2 b=33549 s2=\"127.0.0.1:33549\""},
      {"9564  00:38:58.236370 accept4(7<TCP:[127.0.0.1:33549]>, {sa_family=AF_INET, sin_port=htons(60330), "
       "sin_addr=inet_addr(\"127.0.0.1\")}, [16], SOCK_CLOEXEC) = 9<TCP:[127.0.0.1:33549->127.0.0.1:60330]> <0.000082>",
       "accept4 tid=9564 op=accept res=9 fd=7 str=\"TCP:[127.0.0.1:33549]\" a=2 b=60330 s2=\"127.0.0.1:60330\" "
       "s3=\"TCP:[127.0.0.1:33549->127.0.0.1:60330]\""},
      {"9564  00:38:58.237959 sendto(8<TCP:[127.0.0.1:60330->127.0.0.1:33549]>, \"hello\\n\", 6, 0, NULL, 0) = 6 <0.000793>",
       "sendto tid=9564 op=send res=6 fd=8 str=\"TCP:[127.0.0.1:60330->127.0.0.1:33549]\""},
      {"9564  00:38:58.242629 sendto(11<UDPv6:[25476]>, \"x\", 1, 0, {sa_family=AF_INET6, sin6_port=htons(9), "
       "sin6_flowinfo=htonl(0), inet_pton(AF_INET6, \"::1\", &sin6_addr), sin6_scope_id=0}, 28) = 1 <0.000227>",
       "sendto tid=9564 op=send res=1 fd=11 str=\"UDPv6:[25476]\" a=10 b=9 s2=\"[::1]:9\""},
      {"9564  00:38:58.242950 socket(AF_NETLINK, SOCK_RAW|SOCK_CLOEXEC, NETLINK_ROUTE) = 12<NETLINK:[25477]> <0.000021>",
       "socket tid=9564 op=socket res=12 a=16 b=3 s3=\"NETLINK:[25477]\""},
      {"9564  00:38:58.243117 bind(12<NETLINK:[25477]>, {sa_family=AF_NETLINK, nl_pid=0, nl_groups=00000000}, 12) = 0 "
       "<0.000023>",
       "bind tid=9564 op=bind res=0 fd=12 str=\"NETLINK:[25477]\" a=16 s2=\"netlink:0\""},
      {"9564  00:38:58.243288 connect(13<UNIX-STREAM:[25478]>, {sa_family=AF_UNIX, sun_path=@\"abstract-x\"}, 13) = -1 "
       "ECONNREFUSED (Connection refused) <0.000024>",
       "connect tid=9564 op=connect res=-1 err=ECONNREFUSED fd=13 str=\"UNIX-STREAM:[25478]\" a=1 s2=\"@abstract-x\""},
      {"9564  00:38:58.224440 socketpair(AF_UNIX, SOCK_STREAM|SOCK_CLOEXEC, 0, [5<UNIX-STREAM:[24510->24511]>, "
       "6<UNIX-STREAM:[24511->24510]>]) = 0 <0.000044>",
       "socketpair tid=9564 op=pipe res=0 a=5 b=6 s2=\"UNIX-STREAM:[24510->24511]\" s3=\"UNIX-STREAM:[24511->24510]\""},
      // formats/strace/f_tt_T_yy_net.txt: refused loopback connects, IPv4 and IPv6, and a unix path.
      {"7479  00:34:07.997036 connect(4<TCPv6:[19649]>, {sa_family=AF_INET6, sin6_port=htons(9), sin6_flowinfo=htonl(0), "
       "inet_pton(AF_INET6, \"::1\", &sin6_addr), sin6_scope_id=0}, 28) = -1 ECONNREFUSED (Connection refused) <0.000141>",
       "connect tid=7479 op=connect res=-1 err=ECONNREFUSED fd=4 str=\"TCPv6:[19649]\" a=10 b=9 s2=\"[::1]:9\""},
      {"7479  00:34:07.998653 connect(3<UNIX-STREAM:[19650]>, {sa_family=AF_UNIX, sun_path=\"/tmp/nonexistent.sock\"}, 24) = "
       "-1 ENOENT (No such file or directory) <0.000103>",
       "connect tid=7479 op=connect res=-1 err=ENOENT fd=3 str=\"UNIX-STREAM:[19650]\" a=1 s2=\"/tmp/nonexistent.sock\""},
      // formats/strace/f_tt_yy_msg.txt: the address of sendmsg/recvmsg is msg_name.
      {"29085 01:01:42.349845 sendmsg(4<UDP:[68470]>, {msg_name={sa_family=AF_INET, sin_port=htons(59032), "
       "sin_addr=inet_addr(\"127.0.0.1\")}, msg_namelen=16, msg_iov=[{iov_base=\"ping\", iov_len=4}], msg_iovlen=1, "
       "msg_controllen=0, msg_flags=0}, 0) = 4",
       "sendmsg tid=29085 op=send res=4 fd=4 str=\"UDP:[68470]\" a=2 b=59032 s2=\"127.0.0.1:59032\""},
      {"29085 01:01:42.350279 recvmsg(3<UDP:[127.0.0.1:59032]>, {msg_name={sa_family=AF_INET, sin_port=htons(38823), "
       "sin_addr=inet_addr(\"127.0.0.1\")}, msg_namelen=16, msg_iov=[{iov_base=\"ping\", iov_len=100}], msg_iovlen=1, "
       "msg_controllen=0, msg_flags=0}, 0) = 4",
       "recvmsg tid=29085 op=recv res=4 fd=3 str=\"UDP:[127.0.0.1:59032]\" a=2 b=38823 s2=\"127.0.0.1:38823\""},
  };
  for (const Case& c : kCases) {
    SCOPED_TRACE(c.line);
    EXPECT_EQ(DumpLine(c.line), c.dump);
  }
}

// -X raw prints families as numbers and ports/addresses as network-order bytes; -X verbose
// adds the decoded form in a comment. Real lines: testdata/formats/strace/X_{raw,verbose}_net.txt
// (strace 6.1, python3 connecting to 127.0.0.1:9, [::1]:9 and a unix path).
TEST(StraceNet, RawAndVerboseSockaddrsDecodeLikeAbbreviatedOnes) {
  static const Case kCases[] = {
      {"connect(3, {sa_family=0x2, sin_port=\"\\x00\\x09\", sin_addr=\"\\x7f\\x00\\x00\\x01\"}, 16) = -1 ECONNREFUSED "
       "(Connection refused)",
       "connect tid=0 op=connect res=-1 err=ECONNREFUSED fd=3 a=2 b=9 s2=\"127.0.0.1:9\""},
      {"connect(4, {sa_family=0xa, sin6_port=\"\\x00\\x09\", sin6_flowinfo=\"\\x00\\x00\\x00\\x00\", sin6_addr=\"\\x00\\x00"
       "\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x01\", sin6_scope_id=0}, 28) = -1 ECONNREFUSED "
       "(Connection refused)",
       "connect tid=0 op=connect res=-1 err=ECONNREFUSED fd=4 a=10 b=9 s2=\"[::1]:9\""},
      {"connect(3, {sa_family=0x1, sun_path=\"/tmp/nonexistent.sock\"}, 24) = -1 ENOENT (No such file or directory)",
       "connect tid=0 op=connect res=-1 err=ENOENT fd=3 a=1 s2=\"/tmp/nonexistent.sock\""},
      {"connect(3, {sa_family=0x2 /* AF_INET */, sin_port=\"\\x00\\x09\" /* htons(9) */, sin_addr=\"\\x7f\\x00\\x00\\x01\" "
       "/* inet_addr(\"127.0.0.1\") */}, 16) = -1 ECONNREFUSED (Connection refused)",
       "connect tid=0 op=connect res=-1 err=ECONNREFUSED fd=3 a=2 b=9 s2=\"127.0.0.1:9\""},
      {"connect(4, {sa_family=0xa /* AF_INET6 */, sin6_port=\"\\x00\\x09\" /* htons(9) */, sin6_flowinfo=\"\\x00\\x00\\x00"
       "\\x00\" /* htonl(0) */, sin6_addr=\"\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x01\" "
       "/* inet_pton(AF_INET6, \"::1\") */, sin6_scope_id=0}, 28) = -1 ECONNREFUSED (Connection refused)",
       "connect tid=0 op=connect res=-1 err=ECONNREFUSED fd=4 a=10 b=9 s2=\"[::1]:9\""},
  };
  for (const Case& c : kCases) EXPECT_EQ(DumpLine(c.line), c.dump) << c.line;
}

// getsockopt(SO_ERROR) carries the outcome of a non-blocking connect (event.h: detail.flags =
// kSockoptSoError, detail.a = errno index, 0 none). Real lines: node_postinstall_stealer
// (-ff -tt -T -yy), formats/strace/f_tt_T_yy_nonblocking_connect.txt, f_X_raw_so_error.txt,
// f_X_verbose_so_error.txt (python3 connect_ex to an open and a closed loopback port),
// f_e_raw_getsockopt.txt (-e raw=getsockopt: the value is an address), py_http_clean.
TEST(StraceNet, SoErrorKeepsThePendingErrorOfTheSocket) {
  static const Case kCases[] = {
      {"00:18:12.093012 getsockopt(19<TCP:[127.0.0.1:44380->127.0.0.1:8088]>, SOL_SOCKET, SO_ERROR, [0], [4]) = 0 "
       "<0.000007>",
       "getsockopt tid=0 op=getsockopt res=0 fd=19 str=\"TCP:[127.0.0.1:44380->127.0.0.1:8088]\" f=0x1 a=0"},
      {"00:18:12.181442 getsockopt(20<TCP:[190175478]>, SOL_SOCKET, SO_ERROR, [ECONNREFUSED], [4]) = 0 <0.000017>",
       "getsockopt tid=0 op=getsockopt res=0 fd=20 str=\"TCP:[190175478]\" f=0x1 a=111"},
      {"13809 getsockopt(4, 0x1, 0x4, [0], [4]) = 0", "getsockopt tid=13809 op=getsockopt res=0 fd=4 f=0x1 a=0"},
      {"13809 getsockopt(4, 0x1, 0x4, [111], [4]) = 0", "getsockopt tid=13809 op=getsockopt res=0 fd=4 f=0x1 a=111"},
      {"13856 getsockopt(4, 0x1 /* SOL_SOCKET */, 0x4 /* SO_ERROR */, [111 /* ECONNREFUSED */], [4]) = 0",
       "getsockopt tid=13856 op=getsockopt res=0 fd=4 f=0x1 a=111"},
      {"13905 getsockopt(0x4, 0x1, 0x4, 0x7ffd8cd9f5d0, 0x7ffd8cd9f5d4) = 0",
       "getsockopt tid=13905 op=getsockopt res=0 fd=4 f=0x1"},
      // Other options: the fd only.
      {"15:43:12.126255 getsockopt(4<socket:[187821216]>, SOL_TCP, TCP_KEEPIDLE, [7200], [4]) = 0 <0.000055>",
       "getsockopt tid=0 op=getsockopt res=0 fd=4 str=\"socket:[187821216]\""},
      {"15:43:12.160737 getsockopt(6<socket:[187821222]>, SOL_SOCKET, SO_LINGER, {l_onoff=0, l_linger=0}, [8]) = 0 "
       "<0.000098>",
       "getsockopt tid=0 op=getsockopt res=0 fd=6 str=\"socket:[187821222]\""},
  };
  for (const Case& c : kCases) EXPECT_EQ(DumpLine(c.line), c.dump) << c.line;
  // Every SO_ERROR read in the captures decodes to a value.
  static const struct {
    const char* file;
    int reads;
  } kFiles[] = {{"formats/strace/f_tt_T_yy_nonblocking_connect.txt", 3},
                {"formats/strace/f_X_raw_so_error.txt", 2},
                {"formats/strace/f_X_verbose_so_error.txt", 2}};
  for (const auto& [file, reads] : kFiles) {
    EventBatch b = strace_test::ParseText(strace_test::Testdata(file));
    EXPECT_EQ(b.counters.diagnostics, 0u) << file;
    int read = 0;
    for (const Event& e : b.events) {
      if (e.op != Op::kGetsockopt) continue;
      ASSERT_NE(e.detail, kNoDetail) << file << ":" << e.line;
      EXPECT_EQ(b.details[e.detail].flags, uint32_t{kSockoptSoError});
      EXPECT_TRUE(b.details[e.detail].a == 0 || b.details[e.detail].a == 111) << file << ":" << e.line;
      ++read;
    }
    EXPECT_EQ(read, reads) << file;
  }
}

TEST(StraceNet, AcceptPeerComesFromTheResumedHalf) {
  // formats/strace/f_tt_yy_accept_split.txt: python3 blocked in accept() while a thread
  // connects; the peer address is printed only in the resumed half.
  EventBatch b = strace_test::ParseText(strace_test::Testdata("formats/strace/f_tt_yy_accept_split.txt"));
  EXPECT_EQ(b.counters.diagnostics, 0u);
  EXPECT_EQ(b.counters.stitched, 2u);
  ASSERT_GE(b.events.size(), 4u);
  EXPECT_EQ(strace_test::Dump(b, b.events[1]),
            "accept4 tid=29865 op=accept res=4 fd=3 str=\"TCP:[127.0.0.1:35773]\" stitched a=2 b=52318 "
            "s2=\"127.0.0.1:52318\" s3=\"TCP:[127.0.0.1:35773->127.0.0.1:52318]\"");
  EXPECT_EQ(b.events[1].line, 2u);
  EXPECT_EQ(strace_test::Dump(b, b.events[3]),
            "connect tid=29872 op=connect res=0 fd=5 str=\"TCP:[71926]\" stitched a=2 b=35773 s2=\"127.0.0.1:35773\"");
  EXPECT_EQ(b.events[3].line, 4u);
  ASSERT_EQ(b.stitches.size(), 2u);
  EXPECT_EQ(b.stitches[0], (std::pair<uint32_t, uint32_t>{1, 5}));
  EXPECT_EQ(b.stitches[1], (std::pair<uint32_t, uint32_t>{3, 6}));
}

}  // namespace
}  // namespace rundown
