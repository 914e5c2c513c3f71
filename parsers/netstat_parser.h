// NetstatParser reads net-tools `netstat` (2.10) socket tables: `-tulpn`, `-anp`, `-tn`,
// `-tanpe` (User, Inode), `-tanpo` (Timer), with or without -n. One kSocketRow event per
// socket row, in the same shape as SsParser's (see event.h and SocketRowFields):
//   - states are spelled as ss spells them: ESTABLISHED -> ESTAB, TIME_WAIT -> TIME-WAIT,
//     an empty state (unconnected UDP, unix DGRAM) -> UNCONN, unix LISTENING -> LISTEN and
//     CONNECTED -> ESTAB;
//   - IPv6 addresses get brackets (":::3000" -> "[::]:3000", "::1:3001" -> "[::1]:3001") so
//     they read like strace's and ss's;
//   - "PID/Program name" -> pid and process name; "-" -> none (another user's socket without
//     root, or a TIME-WAIT socket).
// The "Active UNIX domain sockets" section (`unix  2 [ ACC ] STREAM LISTENING 12345 28/node
// /run/x.sock`) gives unix rows: local = the path ("" when unnamed), detail.c = the inode.
// Tables that are not socket tables (`-r` routing, `-i` interfaces, `-s` statistics, `-g`
// groups) become one diagnostic naming their title line, and their rows are not read.
// Not splittable: the section and header lines say how to read the rows below them.
#ifndef RUNDOWN_PARSERS_NETSTAT_PARSER_H_
#define RUNDOWN_PARSERS_NETSTAT_PARSER_H_

#include "parsers/source_parser.h"

namespace rundown {

class NetstatParser : public SourceParser {
 public:
  SourceKind kind() const override { return SourceKind::kNetstat; }
  bool Splittable() const override { return false; }
  void ParseChunk(const FileContext& ctx, const Chunk& chunk, EventBatch* out) const override;
};

}  // namespace rundown

#endif  // RUNDOWN_PARSERS_NETSTAT_PARSER_H_
