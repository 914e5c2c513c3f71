#include "parsers/netstat_parser.h"

#include <string>

#include "parsers/address.h"
#include "parsers/crlf_check.h"
#include "parsers/ss_parser.h"
#include "parsers/text_util.h"
#include "parsers/time_format.h"

namespace rundown {
namespace {

enum class Section : uint8_t { kNone, kInet, kUnix, kOther };

struct StateName {
  std::string_view netstat, ss;
};

// net-tools netstat.c tcp_state[] and the unix states, in ss spelling.
constexpr StateName kStates[] = {
    {"ESTABLISHED", "ESTAB"},     {"SYN_SENT", "SYN-SENT"},    {"SYN_RECV", "SYN-RECV"},
    {"FIN_WAIT1", "FIN-WAIT-1"},  {"FIN_WAIT2", "FIN-WAIT-2"}, {"TIME_WAIT", "TIME-WAIT"},
    {"CLOSE", "UNCONN"},          {"CLOSE_WAIT", "CLOSE-WAIT"}, {"LAST_ACK", "LAST-ACK"},
    {"LISTEN", "LISTEN"},         {"CLOSING", "CLOSING"},      {"UNKNOWN", "UNKNOWN"},
    {"LISTENING", "LISTEN"},      {"CONNECTED", "ESTAB"},      {"CONNECTING", "SYN-SENT"},
    {"DISCONNECTING", "CLOSING"}, {"FREE", "UNCONN"},
};

std::string_view SsState(std::string_view s) {
  for (const StateName& st : kStates)
    if (st.netstat == s) return st.ss;
  return {};
}

uint32_t ProtoFlags(std::string_view proto) {
  uint32_t v6 = proto.ends_with('6') ? uint32_t{kSockV6} : 0u;
  if (proto.starts_with("tcp")) return kSockTcp | v6;
  if (proto.starts_with("udp")) return kSockUdp | v6;
  if (proto.starts_with("raw")) return kSockRaw | v6;
  if (proto == "unix") return kSockUnix;
  if (proto.starts_with("sctp")) return kSockOther | v6;
  return 0;
}

// Titles of the tables netstat prints that list no sockets.
std::string_view OtherTable(std::string_view line) {
  if (line.starts_with("Kernel IP routing table") || line.starts_with("Kernel IPv6 routing table"))
    return "routing table, not a socket table";
  if (line.starts_with("Kernel Interface table")) return "interface table, not a socket table";
  if (line.starts_with("IPv6/IPv4 Group Memberships") || line.starts_with("IPv4 Group Memberships"))
    return "multicast group table, not a socket table";
  if (line == "Ip:" || line == "Icmp:" || line == "Tcp:" || line == "Udp:" || line == "IcmpMsg:")
    return "protocol statistics (netstat -s), not a socket table";
  if (line.starts_with("Active Bluetooth connections") || line.starts_with("Active IPX sockets") ||
      line.starts_with("Active AX.25 sockets"))
    return "socket family this parser does not read";
  return {};
}

class Cursor {
 public:
  explicit Cursor(std::string_view line) : line_(line) {}
  std::string_view Next() {
    Skip();
    size_t start = pos_;
    while (pos_ < line_.size() && !IsSpace(line_[pos_])) ++pos_;
    return line_.substr(start, pos_ - start);
  }
  std::string_view Peek() {
    size_t save = pos_;
    std::string_view t = Next();
    pos_ = save;
    return t;
  }
  std::string_view Rest() {
    Skip();
    return StripSpaces(line_.substr(pos_));
  }
  // "[ ACC ]", "[ ]", "[ N ]": a bracketed group that holds spaces.
  std::string_view Bracketed() {
    Skip();
    if (pos_ >= line_.size() || line_[pos_] != '[') return {};
    size_t close = line_.find(']', pos_);
    if (close == std::string_view::npos) return {};
    std::string_view t = line_.substr(pos_, close + 1 - pos_);
    pos_ = close + 1;
    return t;
  }

 private:
  void Skip() {
    while (pos_ < line_.size() && IsSpace(line_[pos_])) ++pos_;
  }
  std::string_view line_;
  size_t pos_ = 0;
};

struct InetHeader {
  bool user = false, inode = false, pid = false, timer = false;
};

// "28/node" -> pid 28, "node"; "-" -> none. False when the token is neither.
bool ReadPidProgram(std::string_view text, SocketRowFields* row) {
  if (text == "-" || text.empty()) return true;
  size_t slash = text.find('/');
  if (slash == std::string_view::npos || !ParseInt(text.substr(0, slash), &row->pid)) return false;
  row->process = text.substr(slash + 1);
  row->owners = 1;
  return true;
}

// Drops the -o column: "off (0.00/0/0)", "timewait (59.81/0/0)", "keepalive (7187.26/0/0)".
std::string_view StripTimer(std::string_view rest) {
  if (rest.empty() || rest.back() != ')') return rest;
  size_t open = rest.rfind(" (");
  if (open == std::string_view::npos) return rest;
  size_t word = rest.rfind(' ', open - 1);
  return StripSpaces(rest.substr(0, word == std::string_view::npos ? 0 : word));
}

class NetstatFile {
 public:
  explicit NetstatFile(EventBatch* out) : out_(out) {}

  void Line(std::string_view line, uint32_t n) {
    if (StripSpaces(line).empty()) return;
    if (int64_t ns; ParseDateLine(line, &ns)) {  // `date` between repeated snapshots
      ++out_->counters.annotations;
      return;
    }
    if (line.starts_with("Active Internet connections")) return Title(Section::kInet);
    if (line.starts_with("Active UNIX domain sockets")) return Title(Section::kUnix);
    if (std::string_view other = OtherTable(StripSpaces(line)); !other.empty()) {
      out_->Report(n, other, line);
      section_ = Section::kOther;
      return;
    }
    if (line.starts_with("Proto ")) return Header(line);
    switch (section_) {
      case Section::kOther:
        ++out_->counters.annotations;
        return;
      case Section::kNone:
        // No title (output cut, or -e with a header only): rows still name their protocol.
        if (line.starts_with("unix ")) section_ = Section::kUnix;
        else if (ProtoFlags(Cursor(line).Peek()) != 0) section_ = Section::kInet;
        else return out_->Report(n, "not a netstat row and no netstat title before it", line);
        break;
      default:
        break;
    }
    std::string err = section_ == Section::kUnix ? UnixRow(line, n) : InetRow(line, n);
    if (!err.empty()) out_->Report(n, err, line);
  }

 private:
  void Title(Section s) {
    section_ = s;
    ++out_->counters.annotations;
  }

  void Header(std::string_view line) {
    ++out_->counters.annotations;
    ++out_->counters.tables;
    if (line.find("RefCnt") != std::string_view::npos) {
      section_ = Section::kUnix;
      unix_pid_ = line.find("PID/Program") != std::string_view::npos;
      return;
    }
    section_ = Section::kInet;
    inet_.user = line.find(" User ") != std::string_view::npos;
    inet_.inode = line.find(" Inode ") != std::string_view::npos;
    inet_.pid = line.find("PID/Program") != std::string_view::npos;
    inet_.timer = line.find(" Timer") != std::string_view::npos;
  }

  std::string InetRow(std::string_view line, uint32_t n) {
    Cursor c(line);
    SocketRowFields row;
    std::string_view proto = c.Next();
    row.proto = ProtoFlags(proto);
    if (row.proto == 0 || row.proto == kSockUnix) return "unknown protocol";
    int64_t q;
    if (!ParseInt(c.Next(), &q) || !ParseInt(c.Next(), &q)) return "Recv-Q/Send-Q are not numbers";
    std::string local, peer;
    if (!Normalize(c.Next(), &local) || !Normalize(c.Next(), &peer)) return "unreadable address";
    row.local = local;
    row.peer = peer;
    row.state = ReadState(&c, proto);
    if (row.state.empty()) return "unknown socket state";
    if (inet_.user) c.Next();
    if (inet_.inode && !ParseInt(c.Next(), &q)) return "Inode is not a number";
    if (inet_.pid) {
      std::string_view rest = c.Rest();
      if (inet_.timer) rest = StripTimer(rest);
      if (!ReadPidProgram(rest, &row)) return "unreadable PID/Program name";
    }
    EmitSocketRow(row, n, out_);
    return {};
  }

  // The State column is empty for unconnected UDP; raw sockets print a number.
  static std::string_view ReadState(Cursor* c, std::string_view proto) {
    std::string_view next = c->Peek();
    if (std::string_view ss = SsState(next); !ss.empty()) {
      c->Next();
      return ss;
    }
    int code;
    if (proto.starts_with("raw") && ParseInt(next, &code)) {
      c->Next();
      return code == 1 ? "ESTAB" : "UNCONN";
    }
    if (proto.starts_with("udp") || proto.starts_with("raw")) return "UNCONN";
    return {};
  }

  // ":::3000" -> "[::]:3000", "::1:3001" -> "[::1]:3001"; IPv4 and bracketed forms unchanged.
  static bool Normalize(std::string_view addr, std::string* out) {
    if (addr.empty()) return false;
    std::string_view host;
    int port = -1;
    if (!SplitHostPort(addr, &host, &port)) return false;
    if (host.find(':') == std::string_view::npos || addr.front() == '[' || host == addr) {
      out->assign(addr);
      return true;
    }
    *out = StrCat("[", host, "]:", addr.substr(addr.rfind(':') + 1));
    return true;
  }

  std::string UnixRow(std::string_view line, uint32_t n) {
    Cursor c(line);
    SocketRowFields row;
    if (c.Next() != "unix") return "unknown protocol";
    row.proto = kSockUnix;
    int64_t q;
    if (!ParseInt(c.Next(), &q)) return "RefCnt is not a number";
    if (c.Bracketed().empty()) return "unreadable Flags column";
    c.Next();  // Type: STREAM, DGRAM, SEQPACKET, RAW, RDM
    row.state = SsState(c.Peek());
    if (row.state.empty()) row.state = "UNCONN";
    else c.Next();
    if (!ParseInt(c.Next(), &row.inode)) return "I-Node is not a number";
    if (unix_pid_ && !ReadPidProgram(c.Next(), &row)) return "unreadable PID/Program name";
    row.local = c.Rest();
    row.peer = "";
    EmitSocketRow(row, n, out_);
    return {};
  }

  EventBatch* out_;
  Section section_ = Section::kNone;
  InetHeader inet_;
  bool unix_pid_ = false;
};

}  // namespace

void NetstatParser::ParseChunk(const FileContext& ctx, const Chunk& chunk, EventBatch* out) const {
  NetstatFile file(out);
  ReportCrlf(chunk.text, out);
  out->counters.lines += ForEachLine(chunk.text, [&](std::string_view line, uint32_t n) { file.Line(line, n); });
}

}  // namespace rundown
