// NetstatParser on real net-tools 2.10 output: testdata/p2_chat_clean_single/netstat.txt,
// testdata/cases/c_privilege_and_memfd/netstat.txt and testdata/formats/netstat/<flags>.txt
// (captured by testdata/formats/capture_snapshots.sh: python3 pid 7, node pid 8 as nobody).
#include "parsers/netstat_parser.h"

#include <string>

#include "gtest/gtest.h"
#include "parsers/address.h"
#include "parsers/parser_test_util.h"

namespace rundown {
namespace {

using Parsed = parser_test::SocketRows;
using parser_test::Testdata;

Parsed Parse(std::string_view text) { return parser_test::Parse<Parsed>(NetstatParser(), text); }

TEST(NetstatParser, TulpnOfTheSharedCapture) {
  Parsed p = Parse(Testdata("p2_chat_clean_single/netstat.txt"));
  EXPECT_TRUE(p.batch.diagnostics.empty());
  ASSERT_EQ(p.batch.events.size(), 2u);
  EXPECT_EQ(p.batch.counters.annotations, 2u);
  // tcp        0      0 0.0.0.0:3001            0.0.0.0:*               LISTEN      28/node
  EXPECT_EQ(p.ev(0).type, EventType::kSocketRow);
  EXPECT_EQ(p.ev(0).line, 3u);
  EXPECT_EQ(p.state(0), "LISTEN");
  EXPECT_EQ(p.local(0), "0.0.0.0:3001");
  EXPECT_EQ(p.peer(0), "0.0.0.0:*");
  EXPECT_EQ(p.process(0), "node");
  EXPECT_EQ(p.detail(0).a, 28);
  EXPECT_EQ(p.detail(0).b, -1);  // netstat prints no fd
  EXPECT_EQ(p.detail(0).c, 3001);
  EXPECT_EQ(p.detail(0).flags & (kSockTcp | kSockV6), uint32_t{kSockTcp});
  // tcp6       0      0 :::3000                 :::*                    LISTEN      28/node
  EXPECT_EQ(p.local(1), "[::]:3000");
  EXPECT_EQ(p.peer(1), "[::]:*");
  EXPECT_EQ(p.detail(1).c, 3000);
  EXPECT_EQ(p.detail(1).flags & (kSockTcp | kSockV6), uint32_t{kSockTcp | kSockV6});
  EXPECT_EQ(SocketRowClass(p.detail(1).flags, false), AddressClass::kUnspecified);
}

TEST(NetstatParser, AnpWithTheUnixSection) {
  Parsed p = Parse(Testdata("formats/netstat/anp.txt"));
  EXPECT_TRUE(p.batch.diagnostics.empty());
  ASSERT_EQ(p.batch.events.size(), 16u);
  EXPECT_EQ(p.batch.counters.annotations, 4u);  // two titles, two headers
  EXPECT_EQ(p.state(2), "ESTAB");
  EXPECT_EQ(p.state(4), "TIME-WAIT");
  EXPECT_EQ(p.process(4), "");
  EXPECT_EQ(p.detail(4).a, -1);
  EXPECT_EQ(p.local(7), "[::1]:3001");
  EXPECT_EQ(SocketRowClass(p.detail(7).flags, false), AddressClass::kLoopback);
  // udp with an empty State column
  EXPECT_EQ(p.state(11), "UNCONN");
  EXPECT_EQ(p.local(11), "127.0.0.1:5300");
  EXPECT_TRUE(p.detail(11).flags & kSockUdp);
  // unix  2      [ ACC ]     STREAM     LISTENING     27826    7/python3            /tmp/rd
  EXPECT_EQ(p.state(12), "LISTEN");
  EXPECT_EQ(p.local(12), "/tmp/rd");  // netstat cuts "/tmp/rd cap/app.sock" at the space
  EXPECT_EQ(p.detail(12).c, 27826);
  EXPECT_EQ(p.detail(12).a, 7);
  EXPECT_TRUE(p.detail(12).flags & kSockUnix);
  EXPECT_EQ(p.local(13), "");
  EXPECT_EQ(p.state(13), "ESTAB");
  EXPECT_EQ(p.local(15), "@rundown-abstract");
}

TEST(NetstatParser, MasqueradedProgramNamesAndUdp) {
  Parsed p = Parse(Testdata("cases/c_privilege_and_memfd/netstat.txt"));
  EXPECT_TRUE(p.batch.diagnostics.empty());
  ASSERT_EQ(p.batch.events.size(), 9u);
  EXPECT_EQ(p.process(0), "[kworker/0:1]");
  EXPECT_EQ(p.detail(0).a, 52);
  EXPECT_EQ(p.local(4), "0.0.0.0:36410");
  EXPECT_EQ(p.state(4), "UNCONN");
  EXPECT_EQ(p.local(6), "@kworker-ctl");
  EXPECT_EQ(p.detail(8).c, 68310);
}

TEST(NetstatParser, UserInodeAndTimerColumns) {
  Parsed e = Parse(Testdata("formats/netstat/tanpe.txt"));
  EXPECT_TRUE(e.batch.diagnostics.empty());
  ASSERT_EQ(e.batch.events.size(), 11u);
  EXPECT_EQ(e.process(1), "node");
  EXPECT_EQ(e.detail(1).a, 8);
  Parsed o = Parse(Testdata("formats/netstat/tanpo.txt"));
  EXPECT_TRUE(o.batch.diagnostics.empty());
  ASSERT_EQ(o.batch.events.size(), 11u);
  EXPECT_EQ(o.process(0), "python3");
  EXPECT_EQ(o.process(4), "");  // "-                    timewait (59.81/0/0)"
  Parsed n = Parse(Testdata("formats/netstat/tn.txt"));
  ASSERT_EQ(n.batch.events.size(), 7u);
  EXPECT_EQ(n.detail(0).a, -1);
  EXPECT_EQ(n.local(4), "[::1]:3001");
}

TEST(NetstatParser, NamesWithoutDashN) {
  Parsed p = Parse(Testdata("formats/netstat/tulp.txt"));
  ASSERT_EQ(p.batch.events.size(), 5u);
  EXPECT_EQ(p.local(1), "localhost:http-alt");
  EXPECT_EQ(p.detail(1).c, 8080);
  EXPECT_FALSE(p.detail(1).flags & kSockV6);
  EXPECT_EQ(SocketRowClass(p.detail(1).flags, false), AddressClass::kLoopback);
  EXPECT_EQ(p.local(2), "[::]:3002");
}

// netstat -ta and -l without -n (formats/netstat/ta_names.txt, l_names.txt;
// capture_formats4.sh): IPv6 rows print "::1:ssh" (no brackets) and "[::]:ipv6-icmp"; both
// were kept whole, with no port and class unknown.
TEST(NetstatParser, ServiceNamesAfterIpV6Addresses) {
  Parsed p = Parse(Testdata("formats/netstat/ta_names.txt"));
  EXPECT_TRUE(p.batch.diagnostics.empty());
  ASSERT_EQ(p.batch.events.size(), 5u);
  // tcp        0      0 localhost:46994         localhost:http          ESTABLISHED
  EXPECT_EQ(p.local(3), "localhost:46994");
  EXPECT_EQ(p.peer(3), "localhost:http");
  EXPECT_EQ(SocketRowClass(p.detail(3).flags, true), AddressClass::kLoopback);
  // tcp6       0      0 ::1:ssh                 [::]:*                  LISTEN
  EXPECT_EQ(p.local(4), "[::1]:ssh");
  EXPECT_EQ(p.detail(4).c, 22);
  EXPECT_TRUE(p.detail(4).flags & kSockV6);
  EXPECT_EQ(SocketRowClass(p.detail(4).flags, false), AddressClass::kLoopback);
  Parsed l = Parse(Testdata("formats/netstat/l_names.txt"));
  EXPECT_TRUE(l.batch.diagnostics.empty());
  ASSERT_EQ(l.batch.events.size(), 8u);
  EXPECT_EQ(l.local(3), "0.0.0.0:domain");
  EXPECT_EQ(l.detail(3).c, 53);
  // raw6       0      0 [::]:ipv6-icmp          [::]:*                  7
  EXPECT_EQ(l.local(5), "[::]:ipv6-icmp");
  EXPECT_EQ(l.detail(5).c, -1);
  EXPECT_EQ(SocketRowClass(l.detail(5).flags, false), AddressClass::kUnspecified);
}

TEST(NetstatParser, TablesThatAreNotSocketTablesAreOneDiagnostic) {
  Parsed r = Parse(Testdata("formats/netstat/rn.txt") +
                   "0.0.0.0         192.0.2.1       0.0.0.0         UG        0 0          0 eth0\n");
  EXPECT_TRUE(r.batch.events.empty());
  ASSERT_EQ(r.batch.diagnostics.size(), 1u);
  EXPECT_EQ(r.batch.diagnostics[0].line, 1u);
  EXPECT_EQ(r.batch.diagnostics[0].message, "routing table, not a socket table");
  Parsed i = Parse(Testdata("formats/netstat/i.txt"));
  EXPECT_TRUE(i.batch.events.empty());
  ASSERT_EQ(i.batch.diagnostics.size(), 1u);
  EXPECT_EQ(i.batch.diagnostics[0].message, "interface table, not a socket table");
  Parsed s = Parse("Ip:\n    Forwarding: 2\n    809 total packets received\n");
  ASSERT_EQ(s.batch.diagnostics.size(), 1u);
  EXPECT_EQ(s.batch.diagnostics[0].message, "protocol statistics (netstat -s), not a socket table");
}

// None of these lists a socket: the file holds no socket table (counters.tables 0), so the
// snapshot does not count as captured (SourceCoverage::assessable). Real captures (netstat
// 2.10, private net namespace): `netstat -s` (one diagnostic per section), `netstat -g`,
// `netstat -ie`, `netstat -rn`, `netstat -i`; a header with no row is a table.
TEST(NetstatParser, OnlySocketTablesCountAsTables) {
  Parsed s = Parse(Testdata("formats/netstat/s.txt"));
  EXPECT_TRUE(s.batch.events.empty());
  EXPECT_EQ(s.batch.counters.lines, 45u);
  ASSERT_EQ(s.batch.diagnostics.size(), 4u);
  EXPECT_EQ(s.batch.diagnostics[1].line, 10u);
  EXPECT_EQ(s.batch.diagnostics[1].text, "Icmp:");
  EXPECT_EQ(s.batch.diagnostics[3].line, 28u);
  EXPECT_EQ(s.batch.diagnostics[3].message, "protocol statistics (netstat -s), not a socket table");
  for (const char* f : {"s.txt", "g.txt", "ie.txt", "rn.txt", "i.txt"})
    EXPECT_EQ(Parse(Testdata(std::string("formats/netstat/") + f)).batch.counters.tables, 0u) << f;
  Parsed g = Parse(Testdata("formats/netstat/g.txt"));
  ASSERT_EQ(g.batch.diagnostics.size(), 1u);
  EXPECT_EQ(g.batch.diagnostics[0].message, "multicast group table, not a socket table");
  EXPECT_EQ(Parse(Testdata("formats/netstat/anp.txt")).batch.counters.tables, 2u);  // inet and unix
  Parsed empty = Parse(
      "Active Internet connections (only servers)\n"
      "Proto Recv-Q Send-Q Local Address           Foreign Address         State\n");
  EXPECT_TRUE(empty.batch.events.empty());
  EXPECT_EQ(empty.batch.counters.tables, 1u);
}

TEST(NetstatParser, BadRowsAreDiagnosticsNamingTheLine) {
  Parsed p = Parse(
      "Active Internet connections (only servers)\n"
      "Proto Recv-Q Send-Q Local Address           Foreign Address         State       PID/Program name\n"
      "tcp        0      0 0.0.0.0:3001            0.0.0.0:*               LISTEN      28/node\n"
      "tcp        0      0 0.0.0.0:3001            0.0.0.0:*               WEIRD       28/node\n"
      "tcp        x      0 0.0.0.0:3001            0.0.0.0:*               LISTEN      28/node\n"
      "tcp        0      0 0.0.0.0:3001            0.0.0.0:*               LISTEN      node\n"
      "bogus      0      0 0.0.0.0:3001            0.0.0.0:*               LISTEN      28/node\n"
      "unix  2      [ ACC ]     STREAM     LISTENING     abc      1/init               /run/x\n");
  ASSERT_EQ(p.batch.events.size(), 1u);
  ASSERT_EQ(p.batch.diagnostics.size(), 5u);
  EXPECT_EQ(p.batch.diagnostics[0].line, 4u);
  EXPECT_EQ(p.batch.diagnostics[0].message, "unknown socket state");
  EXPECT_EQ(p.batch.diagnostics[1].message, "Recv-Q/Send-Q are not numbers");
  EXPECT_EQ(p.batch.diagnostics[2].message, "unreadable PID/Program name");
  EXPECT_EQ(p.batch.diagnostics[3].message, "unknown protocol");
  EXPECT_EQ(p.batch.diagnostics[4].message, "unknown protocol");  // a unix row in the inet table
  Parsed none = Parse("hello\n");
  ASSERT_EQ(none.batch.diagnostics.size(), 1u);
  EXPECT_EQ(none.batch.diagnostics[0].message, "not a netstat row and no netstat title before it");
}

// `{ date +%s; netstat -tanp; date --rfc-3339=ns; netstat -tanp; }` (capture_snapshots.sh).
TEST(NetstatParser, DateLinesBetweenSnapshotsAreStamps) {
  Parsed p = Parse(Testdata("formats/netstat/date_loop.txt"));
  EXPECT_TRUE(p.batch.diagnostics.empty());
  EXPECT_EQ(p.batch.counters.annotations, 6u);  // 2 dates, 2 titles, 2 headers
  EXPECT_EQ(p.lines(), (std::vector<uint32_t>{4, 5, 6, 10, 11, 12}));
  // tcp        0      0 127.0.0.1:57400         127.0.0.1:3000          ESTABLISHED 3/python3
  EXPECT_EQ(p.local(4), "127.0.0.1:57400");
  EXPECT_EQ(p.peer(4), "127.0.0.1:3000");
  EXPECT_EQ(p.process(4), "python3");
}

// netstat -tanc (formats/netstat/tanc.txt, capture_formats6.sh): -c prints a snapshot a
// second, each with its title and header, and no date between them: three tables of four rows.
TEST(NetstatParser, ContinuousSnapshotsInOneFile) {
  Parsed p = Parse(Testdata("formats/netstat/tanc.txt"));
  EXPECT_TRUE(p.batch.diagnostics.empty());
  EXPECT_EQ(p.batch.counters.tables, 3u);
  EXPECT_EQ(p.batch.counters.annotations, 6u);  // 3 titles, 3 headers
  EXPECT_EQ(p.lines(), (std::vector<uint32_t>{3, 4, 5, 6, 9, 10, 11, 12, 15, 16, 17, 18}));
  // tcp6       0      0 ::1:9000                :::*                    LISTEN
  EXPECT_EQ(p.local(11), "[::1]:9000");
  EXPECT_EQ(p.peer(11), "[::]:*");
}

}  // namespace
}  // namespace rundown
