#include "parsers/dns_query.h"

#include "parsers/strace_args.h"
#include "parsers/text_util.h"

namespace rundown {
namespace {

bool IsLabelChar(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
}

// The query at packet[at...]: a 12-byte header of a question (QR clear, QDCOUNT at least
// 1), then the name as labels ending with a zero byte.
DnsPacket ReadQuery(std::string_view packet, size_t at, bool truncated, std::string* name) {
  constexpr size_t kHeader = 12;
  constexpr size_t kMaxName = 253;
  name->clear();
  // The packet ended inside the header or the name: unreadable when strace cut it, else a
  // packet too short to be a query.
  auto ended = [&]() {
    if (!truncated) return DnsPacket::kNotAQuery;
    if (name->empty()) return DnsPacket::kUnreadable;
    name->append("...");
    return DnsPacket::kQuery;
  };
  if (packet.size() < at + 6) return ended();
  if ((packet[at + 2] & 0x80) != 0 || (packet[at + 4] == 0 && packet[at + 5] == 0)) return DnsPacket::kNotAQuery;
  size_t pos = at + kHeader;
  while (true) {
    if (pos >= packet.size()) return ended();
    const size_t len = static_cast<unsigned char>(packet[pos]);
    if (len == 0) break;
    if (len > 63) return DnsPacket::kNotAQuery;  // a compression pointer or not a query
    if (!name->empty()) name->push_back('.');
    for (size_t k = pos + 1; k <= pos + len; ++k) {
      if (k >= packet.size()) return ended();
      if (!IsLabelChar(static_cast<unsigned char>(packet[k])) || name->size() >= kMaxName) {
        name->clear();
        return DnsPacket::kNotAQuery;
      }
      name->push_back(packet[k]);
    }
    pos += len + 1;
  }
  return DnsPacket::kQuery;  // the root (".") has an empty name
}

// The first string literal after the call's '(': the packet of a send.
bool FirstPacket(std::string_view strace_line, std::string* packet, bool* truncated) {
  const size_t paren = strace_line.find('(');
  if (paren == std::string_view::npos) return false;
  const size_t quote = strace_line.find('"', paren);
  return quote != std::string_view::npos && strace::ParseString(strace_line.substr(quote), packet, truncated);
}

// The packet starts with its own length as two bytes (the whole packet, or more of it than
// strace printed when it was cut).
bool LengthFramed(std::string_view packet, bool truncated) {
  if (packet.size() < 2) return false;
  const size_t length = static_cast<unsigned char>(packet[0]) * 256 + static_cast<unsigned char>(packet[1]);
  return length == packet.size() - 2 || (truncated && length > packet.size() - 2);
}

bool Reject(std::string* name) {
  name->clear();
  return false;
}

}  // namespace

DnsPacket ReadDnsPacket(std::string_view strace_line, std::string* name) {
  name->clear();
  std::string packet;
  bool truncated = false;
  if (!FirstPacket(strace_line, &packet, &truncated)) return DnsPacket::kUnreadable;
  DnsPacket kind = ReadQuery(packet, 0, truncated, name);
  // Over TCP (RFC 1035 4.2.2) the query follows its length as two bytes. Read without it, a
  // framed query whose ID has its top bit clear passes for a query of the root: the length's
  // low byte and the ID read as the ID and flags, the flags as QDCOUNT, and the zero high
  // byte of the real ARCOUNT ends an empty name. So the framed reading is tried too when
  // the unframed one found no name, and wins when the length matches the packet exactly.
  if (kind != DnsPacket::kQuery || name->empty() || LengthFramed(packet, false)) {
    if (LengthFramed(packet, truncated)) {
      std::string framed;
      if (DnsPacket k = ReadQuery(packet, 2, truncated, &framed); k != DnsPacket::kNotAQuery) {
        *name = std::move(framed);
        kind = k;
      }
    }
  }
  if (kind != DnsPacket::kQuery) name->clear();
  return kind;
}

bool ReadStrictDnsQuery(std::string_view strace_line, std::string* name) {
  name->clear();
  std::string p;
  bool truncated = false;
  if (!FirstPacket(strace_line, &p, &truncated) || p.size() < 12) return false;
  auto byte = [&](size_t k) { return static_cast<unsigned char>(p[k]); };
  // QR, opcode and AA clear, RCODE 0; one question, no answer or authority, at most the OPT
  // record of EDNS.
  if ((byte(2) & 0xFC) != 0 || (byte(3) & 0x0F) != 0 || byte(4) != 0 || byte(5) != 1 || byte(6) != 0 ||
      byte(7) != 0 || byte(8) != 0 || byte(9) != 0 || byte(10) != 0 || byte(11) > 1)
    return false;
  // The whole name must be there (a cut one proves nothing), then QTYPE and QCLASS IN or ANY.
  if (ReadQuery(p, 0, false, name) != DnsPacket::kQuery || name->empty()) return Reject(name);
  const size_t end = 12 + name->size() + 2;
  if (p.size() >= end + 4 && !(byte(end + 2) == 0 && (byte(end + 3) == 1 || byte(end + 3) == 255))) return Reject(name);
  const size_t expected = end + 4 + (byte(11) == 1 ? 11 : 0);
  if (!truncated && (byte(11) == 0 ? p.size() != expected : p.size() < expected)) return Reject(name);
  return true;
}

std::string DnsQueryName(std::string_view strace_line) {
  std::string name;
  ReadDnsPacket(strace_line, &name);
  return name;
}

std::vector<std::string> ResolvConfNameservers(std::string_view strace_line) {
  size_t start = strace_line.find("resumed>");
  start = start != std::string_view::npos ? start : strace_line.find('(');
  const size_t quote = start == std::string_view::npos ? start : strace_line.find('"', start);
  std::string text;
  bool truncated = false;
  if (quote == std::string_view::npos || !strace::ParseString(strace_line.substr(quote), &text, &truncated)) return {};
  std::vector<std::string> out;
  std::string_view rest = text;
  while (!rest.empty()) {
    const size_t eol = rest.find('\n');
    if (eol == std::string_view::npos && truncated) break;  // cut by -s: the address may be too
    std::string_view line = rest.substr(0, eol);
    rest = eol == std::string_view::npos ? std::string_view() : rest.substr(eol + 1);
    line = StripSpaces(line);
    if (!line.starts_with("nameserver") || line.size() == 10 || !IsSpace(line[10])) continue;
    line = StripSpaces(line.substr(10));
    const size_t end = line.find_first_of(" \t\r#;");
    if (!line.empty() && end != 0) out.emplace_back(line.substr(0, end));
  }
  return out;
}

}  // namespace rundown
