// What the buffer of a transfer holds, read from its strace line: the bytes a program sent
// (send/sendto/sendmsg/sendmmsg/write/writev) or read (read/pread64/readv), as far as strace
// printed them (the host of an HTTP request, a well-known secret, a mining pool's protocol).
// Only the -s-limited text is there (32 bytes by default): a secret past that
// limit, or split across calls, is not seen. Used off the parse path, on lines re-read from
// disk for a bounded number of events (rules/fields.cc, EventContext).
//
//   sendto(3, "GET / HTTP/1.1\r\nHost: example.com\r\n"..., 120, 0, NULL, 0) = 120
//   writev(3, [{iov_base="POST /x HTTP/1.1\r\n", iov_len=18}, {iov_base="Host: a.b\r\n", ...}], 2)
//   read(3</home/u/.ssh/id_rsa>, "-----BEGIN OPENSSH PRIVATE KEY-----\n"..., 4096) = 411
#ifndef RUNDOWN_PARSERS_SENT_PAYLOAD_H_
#define RUNDOWN_PARSERS_SENT_PAYLOAD_H_

#include <string>
#include <string_view>

namespace rundown {

// The buffer the line shows: the iov_base strings of a vector call joined in order, else the
// first string literal after the call's '(' (after "resumed>" for the second half of a split
// call, where a read's buffer is). Empty when the line shows none (a pointer, -e raw=).
// *truncated is set when strace cut a string (-s).
std::string TransferBuffer(std::string_view strace_line, bool* truncated);

// The kind of a well-known secret the bytes hold, or "" for none: "private key" (a PEM or
// OpenSSH "-----BEGIN ... PRIVATE KEY-----" line), "AWS access key id" (AKIA/ASIA and 16
// upper-case letters or digits, not a Signature V4 "Credential="), "GitHub token"
// (ghp_/gho_/ghu_/ghs_/ghr_ and 36 letters or digits, github_pat_ and 22 or more).
std::string_view SecretShapeIn(std::string_view data);

// The host an HTTP/1.x request asks for, without its port: from an absolute-form target
// ("GET http://example.com/ HTTP/1.1", what a client sends to a proxy), CONNECT's
// "example.com:443", else the Host header. "" when the bytes do not start with a request
// line, or the host is not in the part strace printed.
std::string HttpRequestHost(std::string_view data);

// The mining-pool protocol the bytes speak, or "" for none: "stratum" for a JSON-RPC call (a
// JSON object, the first of the line) whose "method" is a pool's: "mining.*" (Stratum V1:
// mining.subscribe, mining.authorize, mining.submit ...), "eth_submitLogin" (EthProxy), or
// Monero's "login" with "pass" and "agent" (XMRig: {"method":"login","params":{"login":
// "<wallet>","pass":"x","agent":"XMRig/6.21.0"}}) and its "submit" with "job_id" and "nonce".
// A method that strace -s cut is read as far as it was printed ("mining.subscr").
std::string_view MiningProtocolIn(std::string_view data);

}  // namespace rundown

#endif  // RUNDOWN_PARSERS_SENT_PAYLOAD_H_
