#include "parsers/ss_parser.h"

#include <string>

#include "parsers/address.h"
#include "parsers/crlf_check.h"
#include "parsers/text_util.h"
#include "parsers/time_format.h"

namespace rundown {
namespace {

// How a socket kind prints its two addresses.
enum class AddrShape : uint8_t {
  kInet,    // "127.0.0.1:3001" "[::1]:3000" "*:*": one token each
  kUnix,    // "/run/x.sock 12345" "* 12346": name (may hold spaces) then inode
  kSingle,  // netlink "rtnl:kernel" "*", packet "*:eth0" "*", vsock, tipc: one token each
};

struct NetidInfo {
  std::string_view name;
  uint32_t proto;
  AddrShape shape;
};

// iproute2 6.1 misc/ss.c: sstate_name/netid names.
constexpr NetidInfo kNetids[] = {
    {"tcp", kSockTcp, AddrShape::kInet},       {"udp", kSockUdp, AddrShape::kInet},
    {"raw", kSockRaw, AddrShape::kInet},       {"icmp6", kSockRaw, AddrShape::kInet},
    {"mptcp", kSockTcp, AddrShape::kInet},     {"sctp", kSockOther, AddrShape::kInet},
    {"dccp", kSockOther, AddrShape::kInet},    {"u_str", kSockUnix, AddrShape::kUnix},
    {"u_dgr", kSockUnix, AddrShape::kUnix},    {"u_seq", kSockUnix, AddrShape::kUnix},
    {"u_???", kSockUnix, AddrShape::kUnix},    {"nl", kSockNetlink, AddrShape::kSingle},
    {"p_raw", kSockOther, AddrShape::kSingle}, {"p_dgr", kSockOther, AddrShape::kSingle},
    {"v_str", kSockOther, AddrShape::kSingle}, {"v_dgr", kSockOther, AddrShape::kSingle},
    {"v_seq", kSockOther, AddrShape::kSingle}, {"tipc", kSockOther, AddrShape::kSingle},
    {"xdp", kSockOther, AddrShape::kSingle},
};

const NetidInfo* FindNetid(std::string_view name) {
  for (const NetidInfo& n : kNetids)
    if (n.name == name) return &n;
  return nullptr;
}

constexpr std::string_view kStates[] = {
    "UNCONN", "ESTAB", "SYN-SENT", "SYN-RECV", "FIN-WAIT-1", "FIN-WAIT-2", "TIME-WAIT",
    "CLOSE",  "CLOSE-WAIT", "LAST-ACK", "LISTEN", "CLOSING", "UNKNOWN", "NEW-SYN-RECV",
    "BOUND",  "CONNECTING", "CONNECTED", "DISCONNECTING",
};

bool IsState(std::string_view s) {
  for (std::string_view st : kStates)
    if (st == s) return true;
  return false;
}

bool AllDigits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (!IsDigit(c)) return false;
  return true;
}

// Whitespace tokenizer over one line that remembers where each token starts, so a span of
// tokens can be returned as the original text (unix paths with spaces).
class Tokens {
 public:
  explicit Tokens(std::string_view line) : line_(line) {}
  std::string_view Next() {
    SkipSpaces();
    size_t start = pos_;
    while (pos_ < line_.size() && !IsSpace(line_[pos_])) ++pos_;
    last_start_ = start;
    return line_.substr(start, pos_ - start);
  }
  std::string_view Peek() {
    size_t save = pos_, save_start = last_start_;
    std::string_view t = Next();
    pos_ = save;
    last_start_ = save_start;
    return t;
  }
  void SkipSpaces() {
    while (pos_ < line_.size() && IsSpace(line_[pos_])) ++pos_;
  }
  size_t pos() const { return pos_; }
  size_t last_start() const { return last_start_; }
  std::string_view Rest() {
    SkipSpaces();
    return line_.substr(pos_);
  }
  void Advance(size_t n) { pos_ = std::min(line_.size(), pos_ + n); }
  std::string_view Span(size_t from, size_t to) const { return line_.substr(from, to - from); }

 private:
  std::string_view line_;
  size_t pos_ = 0;
  size_t last_start_ = 0;
};

struct Layout {
  bool header = false;     // a header line was seen
  bool netid = false;      // rows start with a Netid column
  bool state = true;       // a State column follows (ss leaves it out under a one-state filter)
  uint32_t guess = 0;      // protocol for rows without Netid (kSockTcp or kSockUdp)
};

bool IsHeader(std::string_view line) {
  return (line.starts_with("Netid") || line.starts_with("State") || line.starts_with("Recv-Q")) &&
         line.find("Local") != std::string_view::npos;
}

// A line of capitalised words without digits: some header ss (or an edit) printed, whose
// column names we do not know ("Proto  Status  RxQ  TxQ  Local Endpoint ...").
bool LooksLikeHeader(std::string_view line) {
  bool upper_start = !line.empty() && line.front() >= 'A' && line.front() <= 'Z';
  return upper_start && line.find_first_of("0123456789") == std::string_view::npos;
}

// ss's own complaints, captured with `2>&1` ("RTNETLINK answers: Invalid argument" when a
// family is unavailable, "Cannot open netlink socket: ..."): not a header, not a row.
bool IsToolMessage(std::string_view line) {
  return line.starts_with("RTNETLINK answers:") || line.starts_with("Cannot ") ||
         line.starts_with("Failed ") || line.starts_with("ss: ");
}

// `ss -s` prints a summary ("Total: 30", "TCP:   13 (estab 6, ...)", "Transport Total IP IPv6").
bool IsSummary(std::string_view line) {
  return line.starts_with("Total: ") || line.starts_with("Transport Total");
}

// Without a Netid column ss was asked for one kind; guess which from the states: UDP rows are
// UNCONN (or ESTAB when connected), TCP has LISTEN/TIME-WAIT/SYN-*/FIN-*.
uint32_t GuessProtocol(std::string_view text) {
  bool unconn = false, tcp_only = false;
  ForEachLine(text, [&](std::string_view line, uint32_t) {
    if (line.empty() || IsSpace(line.front())) return;
    Tokens t(line);
    std::string_view st = t.Next();
    unconn |= st == "UNCONN";
    tcp_only |= IsState(st) && st != "UNCONN" && st != "ESTAB";
  });
  return unconn && !tcp_only ? kSockUdp : kSockTcp;
}

class SsRowParser {
 public:
  SsRowParser(const Layout& layout, EventBatch* out) : layout_(layout), out_(out) {}

  // Returns "" on success, else the diagnostic message.
  std::string_view Parse(std::string_view line, uint32_t line_no) {
    Tokens t(line);
    SocketRowFields row;
    const NetidInfo* netid = nullptr;
    if (layout_.netid) {
      std::string_view n = t.Next();
      netid = FindNetid(n);
      if (!netid) return "unknown Netid";
    }
    if (layout_.state) {
      row.state = t.Next();
      if (!IsState(row.state)) return "unknown socket state";
    }
    int64_t q = 0;
    if (!ParseInt(t.Next(), &q) || !ParseInt(t.Next(), &q)) return "Recv-Q/Send-Q are not numbers";
    AddrShape shape = netid ? netid->shape : GuessShape(t);
    row.proto = netid ? netid->proto : (shape == AddrShape::kUnix ? kSockUnix : layout_.guess) | kSockGuessedProto;
    std::string_view err = shape == AddrShape::kUnix ? ReadUnix(&t, &row) : ReadPair(&t, shape, &row);
    if (!err.empty()) return err;
    if (!layout_.state) GuessState(&row);
    ReadExtras(&t, &row);
    EmitSocketRow(row, line_no, out_);
    return {};
  }

 private:
  // `ss state established`, `ss state listening`, `ss state time-wait`: with one state
  // selected ss prints no State column. A row whose peer is a wildcard ("0.0.0.0:*", "[::]:*",
  // "*") listens (UNCONN for datagram sockets); any other has a peer and reads as ESTAB,
  // which is what the common filters list. kSockGuessedState says so.
  static void GuessState(SocketRowFields* row) {
    const bool wildcard = row->peer == "*" || row->peer.ends_with(":*");
    const bool datagram = (row->proto & (kSockUdp | kSockRaw)) != 0;
    row->state = !wildcard ? "ESTAB" : datagram ? "UNCONN" : "LISTEN";
    row->proto |= kSockGuessedState;
  }

  static AddrShape GuessShape(Tokens& t) {
    std::string_view local = t.Peek();
    if (!local.empty() && (local.front() == '/' || local.front() == '@' || local == "*"))
      return AddrShape::kUnix;
    return AddrShape::kInet;
  }

  static std::string_view ReadPair(Tokens* t, AddrShape shape, SocketRowFields* row) {
    row->local = t->Next();
    row->peer = t->Next();
    if (row->local.empty() || row->peer.empty()) return "row ends before the peer address";
    if (shape == AddrShape::kInet) {
      std::string_view host;
      int port;
      if (!SplitHostPort(row->local, &host, &port) || !SplitHostPort(row->peer, &host, &port))
        return "unreadable address";
    }
    return {};
  }

  // "<name> <inode> <peer name> <peer inode>"; a name may contain spaces, an inode is digits.
  static std::string_view ReadUnix(Tokens* t, SocketRowFields* row) {
    if (!ReadUnixEnd(t, &row->local, &row->inode)) return "unix row without a local inode";
    int32_t peer_inode = -1;
    if (!ReadUnixEnd(t, &row->peer, &peer_inode)) return "unix row without a peer inode";
    return {};
  }

  static bool ReadUnixEnd(Tokens* t, std::string_view* name, int32_t* inode) {
    std::string_view first = t->Next();
    if (first.empty()) return false;
    size_t from = t->last_start(), to = t->pos();
    for (int guard = 0; guard < 64; ++guard) {
      std::string_view tok = t->Next();
      if (tok.empty()) return false;
      if (AllDigits(tok)) {
        *name = t->Span(from, to);
        if (!ParseInt(tok, inode)) *inode = -1;
        return true;
      }
      to = t->pos();
    }
    return false;
  }

  // The process column and -e/-o/-m fields: only users:(...) carries a slot.
  static void ReadExtras(Tokens* t, SocketRowFields* row) {
    for (int guard = 0; guard < 256; ++guard) {
      std::string_view rest = t->Rest();
      if (rest.empty()) return;
      if (rest.starts_with("users:(")) {
        size_t used = ParseSsUsers(rest, row);
        if (used > 0) {
          t->Advance(used);
          continue;
        }
      }
      t->Next();
    }
  }

  const Layout& layout_;
  EventBatch* out_;
};

// Parses `"name",pid=N,fd=N` (`-T`: `"name",pid=N,tid=N,fd=N`) inside one users entry; `p` is
// just past '('. `*pid_out` = the entry's pid.
bool ParseUserEntry(std::string_view text, size_t* p, SocketRowFields* row, bool first, int32_t* pid_out) {
  if (*p >= text.size() || text[*p] != '"') return false;
  size_t name_end = text.find("\",pid=", *p + 1);
  if (name_end == std::string_view::npos) return false;
  std::string_view name = text.substr(*p + 1, name_end - *p - 1);
  *p = name_end + 2;
  int32_t pid = -1, fd = -1;
  while (*p < text.size() && text[*p] != ')') {
    size_t eq = text.find('=', *p);
    size_t end = text.find_first_of(",)", *p);
    if (eq == std::string_view::npos || end == std::string_view::npos || eq > end) return false;
    std::string_view key = text.substr(*p, eq - *p);
    std::string_view val = text.substr(eq + 1, end - eq - 1);
    if (key == "pid" && !ParseInt(val, &pid)) return false;
    if (key == "fd" && !ParseInt(val, &fd)) return false;
    *p = text[end] == ',' ? end + 1 : end;
  }
  if (*p >= text.size()) return false;
  ++*p;  // ')'
  *pid_out = pid;
  if (first) {
    row->process = name;
    row->pid = pid;
    row->fd = fd;
  }
  return true;
}

}  // namespace

size_t ParseSsUsers(std::string_view text, SocketRowFields* row) {
  constexpr std::string_view kPrefix = "users:(";
  if (!text.starts_with(kPrefix)) return 0;
  size_t p = kPrefix.size();
  SocketRowFields parsed = *row;
  parsed.owners = 0;
  // ss lists one entry per fd (with -T, per thread), a process's entries next to each other:
  // owners counts processes, so a run of entries of one pid is one owner.
  int32_t last_pid = 0;
  bool any = false;
  while (p < text.size() && text[p] == '(') {
    ++p;
    int32_t pid = -1;
    if (!ParseUserEntry(text, &p, &parsed, !any, &pid)) return 0;
    if (!any || pid != last_pid) ++parsed.owners;
    any = true;
    last_pid = pid;
    if (p < text.size() && text[p] == ',') ++p;
  }
  if (p >= text.size() || text[p] != ')' || !any) return 0;
  *row = parsed;
  return p + 1;
}

void EmitSocketRow(const SocketRowFields& row, uint32_t line, EventBatch* out) {
  Detail d;
  d.str2 = out->strings.Intern(row.peer);
  d.str3 = out->strings.Intern(row.process);
  d.a = row.pid;
  d.b = row.fd;
  d.flags = row.proto;
  if (row.owners > 1) d.flags |= kSockSharedOwners;
  AddressClass local_class, peer_class;
  if (row.proto & kSockUnix) {
    local_class = peer_class = AddressClass::kUnix;
    d.c = row.inode;
  } else if (row.proto & kSockNetlink) {
    local_class = peer_class = AddressClass::kNetlink;
  } else {
    local_class = ClassifyAddress(row.local);
    peer_class = ClassifyAddress(row.peer);
    std::string_view host;
    int port = -1;
    if (SplitHostPort(row.local, &host, &port)) {
      d.c = port;
      // "*:3000" is ss's spelling of a dual-stack [::] listener.
      if (host.find(':') != std::string_view::npos || row.local.starts_with("*:") ||
          row.peer.starts_with("["))
        d.flags |= kSockV6;
    }
  }
  if (row.proto & (kSockTcp | kSockUdp | kSockRaw | kSockOther | kSockUnix | kSockNetlink))
    d.flags |= SocketRowClassBits(local_class, peer_class);
  Event e;
  e.type = EventType::kSocketRow;
  e.line = line;
  e.tid = row.pid > 0 ? row.pid : 0;
  e.fd = row.fd;
  e.result = row.owners;
  e.str = out->strings.Intern(row.local);
  e.name = out->Name(row.state);
  e.detail = out->AddDetail(d);
  out->events.push_back(e);
  ++out->counters.events;
}

void SsParser::ParseChunk(const FileContext& ctx, const Chunk& chunk, EventBatch* out) const {
  Layout layout;
  ReportCrlf(chunk.text, out);
  layout.guess = GuessProtocol(chunk.text);
  bool summary = false;
  SsRowParser rows(layout, out);
  out->counters.lines += ForEachLine(chunk.text, [&](std::string_view line, uint32_t n) {
    if (StripSpaces(line).empty()) return;
    if (summary) {
      ++out->counters.annotations;
      return;
    }
    if (int64_t ns; ParseDateLine(line, &ns)) {  // `date` between repeated snapshots
      ++out->counters.annotations;
      return;
    }
    if (IsHeader(line)) {
      Tokens words(line);
      layout.header = true;
      layout.netid = words.Peek() == "Netid";
      if (layout.netid) words.Next();
      layout.state = words.Next() == "State";
      ++out->counters.annotations;
      ++out->counters.tables;
      return;
    }
    if (IsSpace(line.front())) {  // -i / -m / -e detail line of the row above
      ++out->counters.annotations;
      return;
    }
    if (IsSummary(line)) {
      summary = true;
      out->Report(n, "ss -s summary, not a socket list", line);
      return;
    }
    if (IsToolMessage(line)) {
      out->Report(n, "an error message of ss (its stderr was captured with the output)", line);
      return;
    }
    if (!layout.header) {
      // ss -H: no header. A row starts with a Netid or a state.
      Tokens t(line);
      std::string_view first = t.Next();
      layout.netid = FindNetid(first) != nullptr;
      // ss -H with a one-state filter: "0      0      127.0.0.1:3000   127.0.0.1:55380"
      layout.state = !AllDigits(layout.netid ? t.Next() : first);
      if (!layout.netid && !IsState(first) && layout.state) {
        out->Report(n, LooksLikeHeader(line) ? "unknown ss header: rows are read by their shape"
                                             : "not an ss row and no ss header before it",
                    line);
        return;
      }
      layout.header = true;
    }
    std::string_view err = rows.Parse(line, n);
    if (!err.empty()) out->Report(n, err, line);
  });
}

}  // namespace rundown
