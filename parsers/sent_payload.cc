#include "parsers/sent_payload.h"

#include <array>
#include <initializer_list>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "parsers/strace_args.h"

namespace rundown {
namespace {

bool IsUpperOrDigit(char c) { return absl::ascii_isupper(c) || absl::ascii_isdigit(c); }
bool IsTokenChar(char c) { return absl::ascii_isalnum(c) || c == '_'; }

// At least `min` characters satisfying `ok` from data[at] on.
template <typename Pred>
bool RunAt(std::string_view data, size_t at, size_t min, Pred ok) {
  if (data.size() < at + min) return false;
  for (size_t k = at; k < at + min; ++k)
    if (!ok(data[k])) return false;
  return true;
}

bool HasPrivateKeyLine(std::string_view data) {
  for (size_t at = data.find("-----BEGIN "); at != std::string_view::npos; at = data.find("-----BEGIN ", at + 1)) {
    const size_t eol = data.find('\n', at);
    const std::string_view line = data.substr(at, eol == std::string_view::npos ? std::string_view::npos : eol - at);
    if (line.find("PRIVATE KEY-----") != std::string_view::npos) return true;
  }
  return false;
}

// A secret prefix begins a word: not glued to letters or digits before it.
bool StartsWord(std::string_view data, size_t at) { return at == 0 || !IsTokenChar(data[at - 1]); }

// An access key id on its own: Signature V4 names the key it signed with in every request
// ("Authorization: AWS4-HMAC-SHA256 Credential=AKIA.../20261204/us-east-1/s3/aws4_request",
// or X-Amz-Credential= in a presigned URL); that is the SDK at work, and the id is no secret
// without the secret key, which is never sent.
bool HasAwsKeyId(std::string_view data) {
  for (std::string_view prefix : {"AKIA", "ASIA"})
    for (size_t at = data.find(prefix); at != std::string_view::npos; at = data.find(prefix, at + 1))
      if (StartsWord(data, at) && !data.substr(0, at).ends_with("Credential=") &&
          RunAt(data, at + 4, 16, IsUpperOrDigit) &&
          (data.size() == at + 20 || !IsUpperOrDigit(data[at + 20])))
        return true;
  return false;
}

bool HasGithubToken(std::string_view data) {
  for (std::string_view prefix : {"ghp_", "gho_", "ghu_", "ghs_", "ghr_"})
    for (size_t at = data.find(prefix); at != std::string_view::npos; at = data.find(prefix, at + 1))
      if (StartsWord(data, at) && RunAt(data, at + 4, 36, absl::ascii_isalnum)) return true;
  for (size_t at = data.find("github_pat_"); at != std::string_view::npos; at = data.find("github_pat_", at + 1))
    if (StartsWord(data, at) && RunAt(data, at + 11, 22, IsTokenChar)) return true;
  return false;
}

// "example.com:8080" -> "example.com"; "[::1]:80" -> "::1".
std::string_view WithoutPort(std::string_view host) {
  if (host.starts_with('[')) {
    const size_t close = host.find(']');
    return close == std::string_view::npos ? std::string_view() : host.substr(1, close - 1);
  }
  if (host.find(':') != host.rfind(':')) return host;  // a bare IPv6 address
  return host.substr(0, host.find(':'));
}

// The string value of the first `"key":` in a JSON text, up to its closing quote or the end
// of what was printed; "" when the key is absent or its value is not a string.
std::string_view JsonStringValue(std::string_view json, std::string_view quoted_key) {
  size_t at = json.find(quoted_key);
  if (at == std::string_view::npos) return "";
  std::string_view rest = strace::Trim(json.substr(at + quoted_key.size()));
  if (!rest.starts_with(':')) return "";
  rest = strace::Trim(rest.substr(1));
  if (!rest.starts_with('"')) return "";
  rest.remove_prefix(1);
  return rest.substr(0, rest.find('"'));
}

bool HasAll(std::string_view data, std::initializer_list<std::string_view> keys) {
  for (std::string_view k : keys)
    if (data.find(k) == std::string_view::npos) return false;
  return true;
}

}  // namespace

std::string TransferBuffer(std::string_view strace_line, bool* truncated) {
  *truncated = false;
  std::string out;
  constexpr std::string_view kIov = "iov_base=";
  size_t at = strace_line.find(kIov);
  if (at != std::string_view::npos) {
    for (; at != std::string_view::npos; at = strace_line.find(kIov, at + kIov.size()))
      strace::AppendString(strace_line.substr(at + kIov.size()), &out, truncated);
    return out;
  }
  size_t start = strace_line.find("resumed>");
  if (start == std::string_view::npos) start = strace_line.find('(');
  if (start == std::string_view::npos) return out;
  const size_t quote = strace_line.find('"', start);
  // Only a literal that is the buffer argument: right after "(" / "resumed>" or the fd.
  if (quote == std::string_view::npos ||
      strace_line.substr(start, quote - start).find_first_of("{=") != std::string_view::npos)
    return out;
  strace::AppendString(strace_line.substr(quote), &out, truncated);
  return out;
}

std::string_view SecretShapeIn(std::string_view data) {
  if (HasPrivateKeyLine(data)) return "private key";
  if (HasAwsKeyId(data)) return "AWS access key id";
  if (HasGithubToken(data)) return "GitHub token";
  return "";
}

std::string HttpRequestHost(std::string_view data) {
  static constexpr std::array<std::string_view, 9> kMethods = {"GET ", "POST ", "PUT ", "DELETE ", "HEAD ",
                                                               "OPTIONS ", "PATCH ", "CONNECT ", "TRACE "};
  std::string_view method;
  for (std::string_view m : kMethods)
    if (data.starts_with(m)) method = m;
  if (method.empty()) return "";
  const size_t eol = data.find("\r\n");
  if (eol == std::string_view::npos) return "";
  std::string_view line = data.substr(method.size(), eol - method.size());
  const size_t space = line.rfind(' ');
  if (space == std::string_view::npos || !line.substr(space + 1).starts_with("HTTP/1.")) return "";
  std::string_view target = line.substr(0, space);
  if (method == "CONNECT ") return std::string(WithoutPort(target));
  for (std::string_view scheme : {"http://", "https://"}) {
    if (!target.starts_with(scheme)) continue;
    target.remove_prefix(scheme.size());
    return std::string(WithoutPort(target.substr(0, target.find_first_of("/?#"))));
  }
  std::string_view rest = data.substr(eol + 2);
  while (!rest.empty()) {
    const size_t end = rest.find("\r\n");
    if (end == std::string_view::npos || end == 0) return "";  // cut by -s, or the headers ended
    const std::string_view header = rest.substr(0, end);
    const size_t colon = header.find(':');
    if (colon != std::string_view::npos && absl::EqualsIgnoreCase(absl::string_view(header.data(), colon), "host"))
      return std::string(WithoutPort(strace::Trim(header.substr(colon + 1))));
    rest.remove_prefix(end + 2);
  }
  return "";
}

std::string_view MiningProtocolIn(std::string_view data) {
  data = strace::Trim(data);
  if (!data.starts_with('{')) return "";
  data = data.substr(0, data.find('\n'));  // stratum is one call per line
  const std::string_view method = JsonStringValue(data, "\"method\"");
  if (method.starts_with("mining.") || method == "eth_submitLogin" ||
      (method == "login" && HasAll(data, {"\"pass\"", "\"agent\""})) ||
      (method == "submit" && HasAll(data, {"\"job_id\"", "\"nonce\""})))
    return "stratum";
  return "";
}

}  // namespace rundown
