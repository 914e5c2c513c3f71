#include "parsers/dns_query.h"

#include "parsers/strace_args.h"

namespace rundown {
namespace {

bool IsLabelChar(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
}

}  // namespace

std::string DnsQueryName(std::string_view strace_line) {
  const size_t paren = strace_line.find('(');
  if (paren == std::string_view::npos) return "";
  const size_t quote = strace_line.find('"', paren);
  if (quote == std::string_view::npos) return "";
  std::string packet;
  bool truncated = false;
  if (!strace::ParseString(strace_line.substr(quote), &packet, &truncated)) return "";
  constexpr size_t kHeader = 12;
  constexpr size_t kMaxName = 253;
  std::string name;
  size_t pos = kHeader;
  while (true) {
    if (pos >= packet.size()) {  // the packet ended inside the name
      if (!truncated || name.empty()) return "";
      return name + "...";
    }
    const size_t len = static_cast<unsigned char>(packet[pos]);
    if (len == 0) break;
    if (len > 63) return "";  // a compression pointer or not a query
    if (!name.empty()) name.push_back('.');
    for (size_t k = pos + 1; k <= pos + len; ++k) {
      if (k >= packet.size()) {
        if (!truncated) return "";
        return name + "...";
      }
      if (!IsLabelChar(static_cast<unsigned char>(packet[k]))) return "";
      name.push_back(packet[k]);
    }
    if (name.size() > kMaxName) return "";
    pos += len + 1;
  }
  return name;
}

}  // namespace rundown
