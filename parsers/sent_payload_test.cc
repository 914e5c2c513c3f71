// TransferBuffer, SecretShapeIn, HttpRequestHost and MiningProtocolIn on strace lines in strace 6.1's shapes
// (sendto, writev, sendmsg, a read's resumed half) and on constructed buffers for the edges;
// the captured case is testdata/cases/py_key_exfil (rules/builtin_tests/network_test.rules).
#include "parsers/sent_payload.h"

#include "gtest/gtest.h"

namespace rundown {
namespace {

std::string Buffer(std::string_view line) {
  bool truncated = false;
  return TransferBuffer(line, &truncated);
}

TEST(TransferBuffer, ReadsTheBufferArgumentOfEachCallShape) {
  EXPECT_EQ(Buffer("12 sendto(3<TCP:[1]>, \"GET / HTTP/1.1\\r\\n\", 16, 0, NULL, 0) = 16"), "GET / HTTP/1.1\r\n");
  EXPECT_EQ(Buffer("writev(3, [{iov_base=\"ab\", iov_len=2}, {iov_base=\"cd\", iov_len=2}], 2) = 4"), "abcd");
  EXPECT_EQ(Buffer("<... read resumed>\"secret\"..., 4096) = 411"), "secret");
  bool truncated = false;
  EXPECT_EQ(TransferBuffer("read(3</k>, \"abc\"..., 4096) = 411", &truncated), "abc");
  EXPECT_TRUE(truncated);
  // A sendmsg's unix address is not its buffer; a pointer has none.
  EXPECT_EQ(Buffer("sendmsg(3, {msg_name={sa_family=AF_UNIX, sun_path=\"/run/x\"}, msg_iov=[{iov_base=\"hi\", iov_len=2}]}, 0) = 2"), "hi");
  EXPECT_EQ(Buffer("sendto(3, 0x7ffc2406e3b0, 16, 0, {sa_family=AF_UNIX, sun_path=\"/run/x\"}, 9) = 16"), "");
}

TEST(SecretShapeIn, KnowsTheWellKnownShapes) {
  EXPECT_EQ(SecretShapeIn("x=-----BEGIN OPENSSH PRIVATE KEY-----\nb3Bl"), "private key");
  EXPECT_EQ(SecretShapeIn("-----BEGIN PUBLIC KEY-----\n"), "");
  EXPECT_EQ(SecretShapeIn("id=AKIAIOSFODNN7EXAMPLE&x"), "AWS access key id");
  EXPECT_EQ(SecretShapeIn("xAKIAIOSFODNN7EXAMPLE"), "");       // inside a word
  EXPECT_EQ(SecretShapeIn("AKIAIOSFODNN7EXAMPLEX"), "");       // 17 characters
  // An SDK signing its request names the key id (the secret key is never sent).
  EXPECT_EQ(SecretShapeIn("Authorization: AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20261204/us-east-1/s3"), "");
  EXPECT_EQ(SecretShapeIn("token ghp_0123456789abcdefghijABCDEFGHIJ012345"), "GitHub token");
  EXPECT_EQ(SecretShapeIn("ghp_0123456789abcdef"), "");          // cut by -s
  EXPECT_EQ(SecretShapeIn("github_pat_11ABCDEFG0123456789_abcdef"), "GitHub token");
}

TEST(HttpRequestHost, RequestLineOrHostHeader) {
  EXPECT_EQ(HttpRequestHost("GET /x HTTP/1.1\r\nUser-Agent: a\r\nhost: example.com:8080\r\n\r\n"), "example.com");
  EXPECT_EQ(HttpRequestHost("GET http://evil.example/p HTTP/1.1\r\nHost: evil.example\r\n"), "evil.example");
  EXPECT_EQ(HttpRequestHost("CONNECT api.example.com:443 HTTP/1.1\r\n"), "api.example.com");
  EXPECT_EQ(HttpRequestHost("GET / HTTP/1.1\r\nHost: [::1]:80\r\n"), "::1");
  EXPECT_EQ(HttpRequestHost("GET / HTTP/1.1\r\nUser-Agent: curl/7.88\r\nHo"), "");  // cut before Host
  EXPECT_EQ(HttpRequestHost("GETTING / HTTP/1.1\r\nHost: a\r\n"), "");
  EXPECT_EQ(HttpRequestHost("SSH-2.0-OpenSSH_9.2\r\n"), "");
}

TEST(MiningProtocolIn, StratumCallsOfPoolsAndMiners) {
  // testdata/cases/c_stealth_implant/strace_log:73-74, and XMRig's Monero login and share.
  EXPECT_EQ(MiningProtocolIn("{\"id\":1,\"method\":\"mining.subscribe\",\"params\":[\"XMRig/6.21.0\"]}\n"), "stratum");
  EXPECT_EQ(MiningProtocolIn("{\"id\":2,\"method\":\"mining.authorize\",\"params\":[\"44AF\",\"x\"]}\n"), "stratum");
  EXPECT_EQ(MiningProtocolIn("{\"id\":1,\"jsonrpc\":\"2.0\",\"method\":\"login\",\"params\":{\"login\":\"44AF\","
                             "\"pass\":\"x\",\"agent\":\"XMRig/6.21.0\"}}\n"),
            "stratum");
  EXPECT_EQ(MiningProtocolIn("{\"method\": \"submit\", \"params\": {\"id\": \"1\", \"job_id\": \"7\", \"nonce\": \"a\"}}"),
            "stratum");
  EXPECT_EQ(MiningProtocolIn("{\"id\":1,\"method\":\"mining.subscr"), "stratum");  // cut by -s
  // Other JSON-RPC logins and calls are not a pool's.
  EXPECT_EQ(MiningProtocolIn("{\"jsonrpc\":\"2.0\",\"method\":\"login\",\"params\":{\"user\":\"a\",\"pass\":\"b\"}}"), "");
  EXPECT_EQ(MiningProtocolIn("{\"jsonrpc\":\"2.0\",\"method\":\"eth_getWork\",\"id\":1}"), "");
  EXPECT_EQ(MiningProtocolIn("POST / HTTP/1.1\r\n\r\n{\"method\":\"mining.subscribe\"}"), "");
  EXPECT_EQ(MiningProtocolIn("{\"id\":1,\"jsonrpc\":\"2.0\",\"method\""), "");  // cut before the name
}

}  // namespace
}  // namespace rundown
