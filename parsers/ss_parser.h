// SsParser reads the output of iproute2's `ss` (6.1) in any combination of -t -u -x -w -a
// -l -n -p -e -m -i -o: one kSocketRow event per socket row (see the slot table in event.h).
//
// The header names the columns ("Netid" is present only when several socket kinds are
// listed; "Peer Address:PortProcess" may be glued when columns are tight), so the file is
// parsed whole (not splittable). Rows are split on whitespace with per-family rules:
// inet rows have one token per address ("127.0.0.1:3001", "[::1]:3000", "*:*",
// "127.0.0.53%lo:53"), unix rows two ("/run/x.sock 12345", a path may contain spaces),
// netlink rows one ("rtnl:kernel" / "*"). What follows the addresses is the process column
// (`users:(("node",pid=28,fd=20),...)`) and -e/-o fields (`ino:`, `sk:`, `uid:`, `timer:`),
// which are skipped. -i/-m detail lines start with whitespace and count as annotations.
// `ss -s` summaries and unknown layouts become one diagnostic naming the line.
//
// The helpers below the class are shared with NetstatParser (same event shape).
#ifndef RUNDOWN_PARSERS_SS_PARSER_H_
#define RUNDOWN_PARSERS_SS_PARSER_H_

#include <cstdint>
#include <string_view>

#include "parsers/source_parser.h"

namespace rundown {

class SsParser : public SourceParser {
 public:
  SourceKind kind() const override { return SourceKind::kSs; }
  bool Splittable() const override { return false; }
  void ParseChunk(const FileContext& ctx, const Chunk& chunk, EventBatch* out) const override;
};

// One socket row in normalized form, as both socket-table parsers produce it. The views
// must stay valid until EmitSocketRow returns.
struct SocketRowFields {
  std::string_view state;    // ss spelling: "LISTEN", "ESTAB", "UNCONN", "TIME-WAIT"
  std::string_view local;    // "127.0.0.1:3001", "[::1]:3000", "/run/x.sock", "rtnl:kernel"
  std::string_view peer;
  std::string_view process;  // first owner's name, "" when unknown
  int32_t pid = -1;
  int32_t fd = -1;
  int32_t owners = 0;        // processes listed for the socket
  int32_t inode = -1;        // unix rows: the socket inode (goes to detail.c)
  uint32_t proto = 0;        // kSockTcp / kSockUdp / kSockUnix / ... (+ kSockGuessedProto)
};

// Appends the kSocketRow event: fills the port, the V6 bit and the address-class bits.
void EmitSocketRow(const SocketRowFields& row, uint32_t line, EventBatch* out);

// Reads `users:(("node",pid=28,fd=20),("node",pid=29,fd=3))` (the text from "users:(" on;
// names may contain spaces, quotes and parentheses). Fills the first owner and the count;
// returns the number of bytes consumed, or 0 when `text` is not a users list.
size_t ParseSsUsers(std::string_view text, SocketRowFields* row);

}  // namespace rundown

#endif  // RUNDOWN_PARSERS_SS_PARSER_H_
