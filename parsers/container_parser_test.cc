// ContainerParser on testdata/formats/container/inspect.json: written by hand after
// `docker inspect` (Docker 24) field names and layout, since Docker cannot run here.
#include "parsers/container_parser.h"

#include <map>
#include <string>

#include "gtest/gtest.h"
#include "parsers/parser_test_util.h"

namespace rundown {
namespace {

using parser_test::Testdata;

struct Parsed : parser_test::Parsed {
  std::multimap<std::string, std::pair<std::string, uint32_t>> settings;  // name -> value, line
  std::string Value(const std::string& name) const {
    auto it = settings.find(name);
    return it == settings.end() ? "<absent>" : it->second.first;
  }
  uint32_t Line(const std::string& name) const { return settings.find(name)->second.second; }
};

Parsed Parse(std::string_view text) {
  Parsed p = parser_test::Parse<Parsed>(ContainerParser(), text);
  for (const Event& e : p.batch.events) {
    EXPECT_EQ(e.type, EventType::kRunInfo);
    p.settings.emplace(std::string(p.batch.names.View(e.name)),
                       std::make_pair(std::string(p.batch.strings.View(e.str)), e.line));
  }
  return p;
}

TEST(ContainerParser, DockerInspectSandboxSettings) {
  Parsed p = Parse(Testdata("formats/container/inspect.json"));
  EXPECT_TRUE(p.batch.diagnostics.empty());
  EXPECT_EQ(p.Value("Name"), "/lanchat-audit");
  EXPECT_EQ(p.Value("NetworkMode"), "none");
  EXPECT_EQ(p.Line("NetworkMode"), 42u);
  EXPECT_EQ(p.Value("Privileged"), "false");
  EXPECT_EQ(p.Value("CapAdd"), "SYS_PTRACE");
  EXPECT_EQ(p.Value("CapDrop"), "ALL");
  EXPECT_EQ(p.Value("SecurityOpt"), "no-new-privileges,seccomp=unconfined");
  EXPECT_EQ(p.Value("ReadonlyRootfs"), "true");
  EXPECT_EQ(p.Value("Memory"), "536870912");
  EXPECT_EQ(p.Value("MemorySwap"), "1073741824");
  EXPECT_EQ(p.Value("NanoCpus"), "1000000000");
  EXPECT_EQ(p.Value("PidsLimit"), "256");
  EXPECT_EQ(p.Value("PidMode"), "");
  EXPECT_EQ(p.Value("IpcMode"), "private");
  EXPECT_EQ(p.Value("Binds"), "/srv/artifacts/run-42:/artifacts");
  EXPECT_EQ(p.Value("User"), "1001:1001");
  EXPECT_EQ(p.Value("Image"), "lanchat:audit");
  EXPECT_EQ(p.Value("ExitCode"), "0");
  EXPECT_EQ(p.Value("OOMKilled"), "false");
  EXPECT_EQ(p.settings.count("Mount"), 2u);
  auto mounts = p.settings.equal_range("Mount");
  EXPECT_EQ(mounts.first->second.first, "/srv/artifacts/run-42 -> /artifacts (rw)");
  EXPECT_EQ(std::next(mounts.first)->second.first,
            "/var/lib/docker/volumes/lanchat-src/_data -> /home/auditor/app (ro)");
  // Env holds secrets: never read.
  for (const auto& [name, value] : p.settings) EXPECT_EQ(value.first.find("do-not-report-me"), std::string::npos);
  EXPECT_EQ(p.settings.count("Env"), 0u);
}

TEST(ContainerParser, OneObjectNullsAndEmptyArrays) {
  Parsed p = Parse(R"({"Name":"/x","HostConfig":{"CapAdd":null,"CapDrop":[],"PidsLimit":null,"Privileged":true}})");
  EXPECT_TRUE(p.batch.diagnostics.empty());
  EXPECT_EQ(p.Value("CapAdd"), "null");
  EXPECT_EQ(p.Value("CapDrop"), "[]");
  EXPECT_EQ(p.Value("PidsLimit"), "null");
  EXPECT_EQ(p.Value("Privileged"), "true");
}

TEST(ContainerParser, BrokenJsonIsOneDiagnostic) {
  Parsed p = Parse("[\n  {\n    \"Name\": \"/x\",\n    \"HostConfig\": {\"NetworkMode\": \n");
  ASSERT_EQ(p.batch.diagnostics.size(), 1u);
  EXPECT_TRUE(p.batch.diagnostics[0].message.starts_with("invalid docker inspect JSON: "));
  Parsed e = Parse("  \n");
  ASSERT_EQ(e.batch.diagnostics.size(), 1u);
  EXPECT_EQ(e.batch.diagnostics[0].message, "empty container metadata file");
  Parsed s = Parse("\"just a string\"");
  ASSERT_EQ(s.batch.diagnostics.size(), 1u);
}

}  // namespace
}  // namespace rundown
