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
  // The packet ended inside the name: what was read, marked as cut, when strace cut it.
  auto cut = [&]() -> std::string { return truncated && !name.empty() ? name + "..." : ""; };
  size_t pos = kHeader;
  while (true) {
    if (pos >= packet.size()) return cut();
    const size_t len = static_cast<unsigned char>(packet[pos]);
    if (len == 0) break;
    if (len > 63) return "";  // a compression pointer or not a query
    if (!name.empty()) name.push_back('.');
    for (size_t k = pos + 1; k <= pos + len; ++k) {
      if (k >= packet.size()) return cut();
      if (!IsLabelChar(static_cast<unsigned char>(packet[k])) || name.size() >= kMaxName) return "";
      name.push_back(packet[k]);
    }
    pos += len + 1;
  }
  return name;
}

}  // namespace rundown
