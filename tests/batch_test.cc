// End to end: `rundown batch` over a folder of real captures (symlinks to testdata/) and
// `rundown diff` of two batch outputs, run in-process through RunCli. Asserts the exact
// rows (verdict, exit code, risks, findings with their first evidence), that the thread
// count changes nothing, the exact finding a team rule adds, and the positioned errors for
// malformed lines.
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "parsers/text_util.h"
#include "reports/batch_row.h"
#include "simdjson.h"
#include "tests/cli_test_util.h"

namespace rundown {
namespace {

namespace fs = std::filesystem;

// A collection as a team keeps it: three audits (symlinked), an empty folder, a README.
class BatchTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() / StrCat("rundown_batch_", ::getpid());
    fs::remove_all(root_);
    audits_ = root_ / "audits";
    fs::create_directories(audits_ / "empty");
    for (const char* name : {"p4_shell_spawn", "p1_chat_clean_ff", "p3_missing_module"})
      fs::create_directory_symlink(Case(name), audits_ / name);
    std::ofstream(audits_ / "README.md") << "historical audits\n";
  }
  void TearDown() override { fs::remove_all(root_); }

  std::string Path(const std::string& name) const { return (root_ / name).string(); }
  std::string Audit(const std::string& name) const { return (audits_ / name).string(); }
  void Write(const std::string& name, const std::string& text) const { std::ofstream(root_ / name) << text; }

  fs::path root_, audits_;
};

std::vector<reports::BatchRow> Rows(const std::string& jsonl) {
  std::vector<reports::BatchRow> rows;
  std::istringstream in(jsonl);
  for (std::string line; std::getline(in, line);) {
    auto row = reports::ParseBatchRow(line);
    EXPECT_TRUE(row.ok()) << row.status().message() << "\n" << line;
    if (row.ok()) rows.push_back(std::move(*row));
  }
  return rows;
}

// "rule severity count× evidence", one per fired finding, in report order.
std::vector<std::string> Findings(const reports::BatchRow& row) {
  std::vector<std::string> out;
  for (const reports::BatchFinding& f : row.findings)
    out.push_back(StrCat(f.rule, " ", f.category, "/", f.severity, " ", f.count, "x ", f.evidence));
  return out;
}

std::string Risks(const reports::BatchRow& row) {
  std::string out;
  for (const auto& [category, risk] : row.risk) StrAppend(&out, out.empty() ? "" : " ", category, "=", risk);
  return out;
}

constexpr const char* kAllSafe =
    "process=safe network=safe file=safe privilege=safe dependencies=safe stability=safe backdoor=safe";

TEST_F(BatchTest, OneRowPerAuditWithItsVerdictRisksAndFindings) {
  // The single audit is linked under the test's root: rows are sorted by path, and where the
  // clone lives (/work/..., /check/...) must not decide whether it sorts before /tmp.
  fs::create_directory_symlink(Case("p2_chat_clean_single"), root_ / "single");
  CliRun r = Cli({"batch", audits_.string(), Path("single"), "--threads", "1"});
  EXPECT_EQ(r.code, 1) << r.err;  // the empty folder could not be analysed
  EXPECT_EQ(r.err, StrCat("rundown: ", Audit("empty"), ": no known source: the folder has no file\n"));
  std::vector<reports::BatchRow> rows = Rows(r.out);
  ASSERT_EQ(rows.size(), 5u) << r.out;

  EXPECT_EQ(rows[0].folder, Audit("empty"));
  EXPECT_EQ(rows[0].verdict, "ERROR");
  EXPECT_EQ(rows[0].exit_code, 2);
  EXPECT_EQ(rows[0].error, "no known source: the folder has no file");
  EXPECT_TRUE(rows[0].findings.empty() && rows[0].risk.empty());

  EXPECT_EQ(rows[1].folder, Audit("p1_chat_clean_ff"));
  EXPECT_EQ(rows[1].verdict, "PASS");
  EXPECT_EQ(rows[1].exit_code, 0);
  EXPECT_EQ(Risks(rows[1]), kAllSafe);
  EXPECT_EQ(Findings(rows[1]), (std::vector<std::string>{"listening_socket network/info 2x strace_log.28:591"}));
  EXPECT_EQ(rows[1].error, "");

  EXPECT_EQ(rows[2].folder, Audit("p3_missing_module"));
  EXPECT_EQ(rows[2].verdict, "INCONCLUSIVE");
  EXPECT_EQ(rows[2].exit_code, 3);
  EXPECT_EQ(Risks(rows[2]),
            "process=safe network=safe file=safe privilege=safe dependencies=medium stability=medium backdoor=safe");
  EXPECT_EQ(Findings(rows[2]), (std::vector<std::string>{
                                   "startup_crash stability/medium 1x strace_log.28:582",
                                   "fatal_error_logged stability/medium 1x program.log:5",
                                   "missing_dependency dependencies/medium 1x program.log:5",
                                   "nonzero_exit stability/low 1x strace_log.28:582",
                               }));
  ASSERT_EQ(rows[2].verdict_reasons.size(), 1u);
  EXPECT_TRUE(rows[2].verdict_reasons[0].ends_with("program.log: Error: Cannot find module 'ws'"))
      << rows[2].verdict_reasons[0];

  EXPECT_EQ(rows[3].folder, Audit("p4_shell_spawn"));
  EXPECT_EQ(rows[3].verdict, "FAIL");
  EXPECT_EQ(rows[3].exit_code, 1);
  EXPECT_EQ(Risks(rows[3]),
            "process=high network=safe file=medium privilege=safe dependencies=safe stability=safe backdoor=high");
  EXPECT_EQ(Findings(rows[3]), (std::vector<std::string>{
                                   "shell_spawned process/high 1x strace_log.91:42",
                                   "shell_while_serving backdoor/high 1x strace_log.28:852",
                                   "child_process_spawned process/medium 3x strace_log.91:42",
                                   "account_database_read file/medium 4x strace_log.92:80",
                                   "process_forked process/low 3x strace_log.28:917",
                                   "listening_socket network/info 2x strace_log.28:594",
                               }));
  EXPECT_EQ(rows[3].diagnostics, 0u);
  EXPECT_TRUE(rows[3].missing_sources.empty());

  // A folder with sources of its own is one audit, named as given.
  EXPECT_EQ(rows[4].folder, Path("single"));
  EXPECT_EQ(rows[4].verdict, "PASS");
}

TEST_F(BatchTest, RowsAreTheVerdictsAndExitCodesOfAnalyze) {
  CliRun r = Cli({"batch", audits_.string(), "--threads", "2"});
  for (const reports::BatchRow& row : Rows(r.out)) {
    if (row.is_error()) continue;
    CliRun a = Cli({"analyze", row.folder, "--format", "json"});
    EXPECT_EQ(a.code, row.exit_code) << row.folder;
    EXPECT_NE(a.out.find(StrCat("\"verdict\":\"", row.verdict, "\"")), std::string::npos) << row.folder;
  }
}

TEST_F(BatchTest, ThreadCountChangesNothing) {
  const std::vector<std::string> dirs = {audits_.string(), Case("cases"), Case("p2_chat_clean_single")};
  std::vector<std::string> one = {"batch"}, two = {"batch"};
  for (const std::string& d : dirs) {
    one.push_back(d);
    two.push_back(d);
  }
  one.insert(one.end(), {"--threads", "1"});
  two.insert(two.end(), {"--threads", "2"});
  CliRun a = Cli(one), b = Cli(two);
  EXPECT_EQ(a.code, b.code);
  EXPECT_EQ(a.out, b.out);
  EXPECT_GT(Rows(a.out).size(), 25u);  // every captured case is a row
  one.insert(one.end(), {"--format", "md"});
  two.insert(two.end(), {"--format", "md"});
  EXPECT_EQ(Cli(one).out, Cli(two).out);
}

TEST_F(BatchTest, MarkdownHasOneLinePerFolderAndTheTotals) {
  CliRun r = Cli({"batch", audits_.string(), "--format", "md"});
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.out.find("| Folder | Verdict | process | network | file | privilege | dependencies | stability | "
                       "backdoor | Findings |\n"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find(StrCat("| ", Audit("p4_shell_spawn"),
                              " | FAIL | high | safe | medium | safe | safe | safe | high | shell_spawned, "
                              "shell_while_serving, child_process_spawned ×3, account_database_read ×4, "
                              "process_forked ×3, listening_socket ×2 |\n")),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find(StrCat("| ", Audit("empty"), " | error | — | — | — | — | — | — | — | error: no known source: "
                              "the folder has no file |\n")),
            std::string::npos)
      << r.out;
  EXPECT_TRUE(r.out.ends_with("**Totals:** 4 folders: 1 PASS, 0 WARN, 1 FAIL, 1 INCONCLUSIVE, 1 error\n")) << r.out;
}

TEST_F(BatchTest, BadFoldersAreRowsAndBadOptionsAreUsageErrors) {
  // A missing folder and archives that cannot be read, or only in part, are rows; the batch
  // goes on.
  fs::create_directory(root_ / "archives");
  std::ofstream(root_ / "archives" / "audit-9.tar") << std::string(512, 'x');  // no tar header
  ASSERT_EQ(std::system(StrCat("tar -cf ", Path("archives/audit-10.tar"), " -C ", Case(""), " p4_shell_spawn").c_str()), 0);
  ASSERT_EQ(::truncate(Path("archives/audit-10.tar").c_str(), 30000), 0);
  std::ofstream(root_ / "archives" / "notes.txt") << "not an audit\n";
  CliRun r = Cli({"batch", Path("nowhere"), Path("archives"), audits_.string() + "/p1_chat_clean_ff/"});
  EXPECT_EQ(r.code, 1);
  EXPECT_EQ(r.err, StrCat("rundown: ", Path("archives/audit-9.tar"), ": not a folder, nor a file of a known source\n", "rundown: ", Path("nowhere"),
                          ": no such folder\n"));
  std::vector<reports::BatchRow> rows = Rows(r.out);
  ASSERT_EQ(rows.size(), 4u) << r.out;
  EXPECT_EQ(rows[0].folder, Path("archives/audit-9.tar"));  // numeric-aware: 9 before 10
  EXPECT_EQ(rows[0].error, StrCat(Path("archives/audit-9.tar"), ": not a folder, nor a file of a known source"));
  EXPECT_EQ(rows[1].folder, Path("archives/audit-10.tar"));
  EXPECT_EQ(rows[1].verdict, "INCONCLUSIVE");  // what came before the cut is analysed
  EXPECT_EQ(rows[2].folder, Audit("p1_chat_clean_ff"));  // trailing '/' dropped
  EXPECT_EQ(rows[2].verdict, "PASS");
  EXPECT_EQ(rows[3].folder, Path("nowhere"));
  EXPECT_EQ(rows[3].error, StrCat(Path("nowhere"), ": no such folder"));

  for (std::vector<std::string> bad : {std::vector<std::string>{"batch", audits_.string(), "--format", "xml"},
                                       {"batch", audits_.string(), "--allow-missing", "pcap"},
                                       {"batch", audits_.string(), "--rules", Path("none.rules")},
                                       {"batch", audits_.string(), "-o", Path("no/such/folder.jsonl")},
                                       {"batch"}}) {
    CliRun u = Cli(bad);
    EXPECT_EQ(u.code, 2) << bad.back();
    EXPECT_EQ(u.out, "") << bad.back();
    EXPECT_FALSE(u.err.empty()) << bad.back();
  }
}

// The same audits under the built-in pack and under the pack plus a team rule: diff names
// the exact finding the rule adds and the verdict it changes.
TEST_F(BatchTest, DiffNamesTheFindingANewRuleAddsAndTheVerdictItChanges) {
  Write("team.rules", R"(rule listens_on_all_interfaces {
  category network
  severity medium
  requires strace
  when evt.op = "listen" and net.local startswith "[::]"
  observation "listens on every interface: {net.local}"
  recommendation "Bind to 127.0.0.1 unless the service must be reachable from outside."
}
)");
  ASSERT_EQ(Cli({"batch", audits_.string(), "-o", Path("old.jsonl")}).code, 1);
  // A flag takes one value: the folder after --rules FILE is a folder, not a second rule file.
  ASSERT_EQ(Cli({"batch", "--rules", Path("team.rules"), audits_.string(), "-o", Path("new.jsonl")}).code, 1);

  CliRun d = Cli({"diff", Path("old.jsonl"), Path("new.jsonl"), "--format", "json"});
  EXPECT_EQ(d.code, 1) << d.err;
  EXPECT_EQ(d.err, "");
  simdjson::dom::parser parser;
  simdjson::dom::element j;
  ASSERT_EQ(parser.parse(d.out).get(j), simdjson::SUCCESS) << d.out;
  EXPECT_EQ(std::string_view(j["schema"]), "rundown.batch-diff/1");
  EXPECT_EQ(uint64_t(j["unchanged"]), 2u);  // p3 and the empty folder
  EXPECT_EQ(uint64_t(j["malformed_lines"]), 0u);
  simdjson::dom::array changed = j["changed"];
  ASSERT_EQ(changed.size(), 2u);
  simdjson::dom::element p1 = changed.at(0), p4 = changed.at(1);
  EXPECT_EQ(std::string_view(p1["folder"]), Audit("p1_chat_clean_ff"));
  EXPECT_EQ(std::string_view(p1["verdict"]["old"]), "PASS");
  EXPECT_EQ(std::string_view(p1["verdict"]["new"]), "WARN");
  EXPECT_EQ(simdjson::to_string(p1["added"]),
            R"([{"rule":"listens_on_all_interfaces","category":"network","severity":"medium","count":1,)"
            R"("evidence":"strace_log.28:591"}])");
  EXPECT_EQ(simdjson::to_string(p1["risk"]), R"([{"category":"network","old":"safe","new":"medium"}])");
  EXPECT_EQ(simdjson::dom::array(p1["removed"]).size(), 0u);
  EXPECT_EQ(simdjson::dom::array(p1["count_changed"]).size(), 0u);
  EXPECT_EQ(std::string_view(p4["folder"]), Audit("p4_shell_spawn"));
  EXPECT_EQ(std::string_view(p4["verdict"]["new"]), "FAIL");  // a medium finding more leaves FAIL a FAIL
  EXPECT_EQ(std::string_view(p4["added"].at(0)["evidence"]), "strace_log.28:594");

  CliRun md = Cli({"diff", Path("old.jsonl"), Path("new.jsonl")});
  EXPECT_EQ(md.code, 1);
  EXPECT_NE(md.out.find("2 changed (1 with another verdict), 2 unchanged, 0 only in"), std::string::npos) << md.out;
  EXPECT_NE(md.out.find(StrCat("| ", Audit("p1_chat_clean_ff"), " | PASS | WARN |\n")), std::string::npos) << md.out;
  EXPECT_NE(md.out.find("- added: `listens_on_all_interfaces` (network, medium, 1×, first at strace_log.28:591)\n"),
            std::string::npos)
      << md.out;

  CliRun back = Cli({"diff", Path("new.jsonl"), Path("old.jsonl")});
  EXPECT_NE(back.out.find("- removed: `listens_on_all_interfaces` (network, medium, 1×, first at strace_log.28:591)\n"),
            std::string::npos)
      << back.out;
  CliRun same = Cli({"diff", Path("old.jsonl"), Path("old.jsonl")});
  EXPECT_EQ(same.code, 0);
  EXPECT_NE(same.out.find("0 changed (0 with another verdict), 4 unchanged, 0 only in"), std::string::npos);
}

// The same audits batched through another parent path (a team's CI checks them out elsewhere):
// the folders match by their path under each file's root, and the diff says so.
TEST_F(BatchTest, DiffMatchesFoldersUnderEachBatchsRootWhenTheirPathsDiffer) {
  fs::create_directory_symlink(audits_, root_ / "checkout");
  ASSERT_EQ(Cli({"batch", audits_.string(), "-o", Path("old.jsonl")}).code, 1);
  ASSERT_EQ(Cli({"batch", Path("checkout"), "-o", Path("new.jsonl")}).code, 1);
  CliRun md = Cli({"diff", Path("old.jsonl"), Path("new.jsonl")});
  EXPECT_EQ(md.code, 0) << md.out;
  EXPECT_EQ(md.out, StrCat("# rundown diff: ", Path("old.jsonl"), " → ", Path("new.jsonl"), "\n\n",
                           "0 changed (0 with another verdict), 4 unchanged, 0 only in ", Path("old.jsonl"),
                           ", 0 only in ", Path("new.jsonl"), ".\n\n",
                           "Folders whose path differs matched by their path under each file's root: `",
                           audits_.string(), "/` in ", Path("old.jsonl"), ", `", Path("checkout"), "/` in ",
                           Path("new.jsonl"), ".\n"));

  // p1 batched alone from a third place: its root is its own parent; the rest are only in old.
  fs::create_directory(root_ / "one");
  fs::create_directory_symlink(Case("p1_chat_clean_ff"), root_ / "one" / "p1_chat_clean_ff");
  ASSERT_EQ(Cli({"batch", Path("one/p1_chat_clean_ff"), "-o", Path("one.jsonl")}).code, 0);
  CliRun j = Cli({"diff", Path("old.jsonl"), Path("one.jsonl"), "--format", "json"});
  EXPECT_EQ(j.code, 1);
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  ASSERT_EQ(parser.parse(j.out).get(doc), simdjson::SUCCESS) << j.out;
  EXPECT_EQ(uint64_t(doc["unchanged"]), 1u);
  EXPECT_EQ(std::string_view(doc["old_root"]), StrCat(audits_.string(), "/"));
  EXPECT_EQ(std::string_view(doc["new_root"]), Path("one/"));
  EXPECT_EQ(simdjson::to_string(doc["only_in_new"]), "[]");
  EXPECT_EQ(simdjson::to_string(doc["only_in_old"]),
            StrCat(R"([{"folder":")", Audit("empty"), R"(","verdict":"ERROR"},{"folder":")", Audit("p3_missing_module"),
                   R"(","verdict":"INCONCLUSIVE"},{"folder":")", Audit("p4_shell_spawn"), R"(","verdict":"FAIL"}])"));
}

// Two empty files are no batch outputs: "no difference" would say nothing about any audit.
TEST_F(BatchTest, DiffRefusesAFileWithoutAnyRow) {
  Write("empty.jsonl", "");
  Write("blank.jsonl", "\n\n");
  CliRun d = Cli({"diff", Path("empty.jsonl"), Path("blank.jsonl")});
  EXPECT_EQ(d.code, 2);
  EXPECT_EQ(d.out, "");
  EXPECT_EQ(d.err, StrCat(Path("empty.jsonl"),
                          ": no batch row in it (an empty file?): expected the JSON Lines output of `rundown batch`\n"));
}

TEST_F(BatchTest, DiffReportsMalformedLinesWithFileAndLineAndGoesOn) {
  CliRun b = Cli({"batch", audits_.string(), "-o", Path("old.jsonl")});
  std::vector<std::string> lines;
  std::ifstream in(Path("old.jsonl"));
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  ASSERT_EQ(lines.size(), 4u);
  const std::string p1 = lines[1];  // empty, p1, p3, p4
  std::string no_findings = lines[3];
  no_findings.replace(no_findings.find("\"findings\""), 10, "\"found\"");
  Write("bad.jsonl", StrCat(p1, "\n", "not json\n", R"({"schema":"rundown.report/1","verdict":"PASS"})", "\n",
                            "[1,2]\n", "\n", p1, "\n", no_findings, "\n"));
  CliRun d = Cli({"diff", Path("old.jsonl"), Path("bad.jsonl")});
  EXPECT_EQ(d.code, 2);
  const std::string bad = Path("bad.jsonl");
  std::vector<std::string> errors;
  std::istringstream err(d.err);
  for (std::string line; std::getline(err, line);) errors.push_back(line);
  ASSERT_EQ(errors.size(), 5u) << d.err;
  EXPECT_TRUE(errors[0].starts_with(StrCat(bad, ":2: not JSON ("))) << errors[0];
  EXPECT_EQ(errors[1], StrCat(bad, ":3: schema \"rundown.report/1\", expected \"rundown.batch/1\""));
  EXPECT_EQ(errors[2], StrCat(bad, ":4: not a JSON object"));
  EXPECT_EQ(errors[3], StrCat(bad, ":6: folder \"", Audit("p1_chat_clean_ff"), "\" already at line 1"));
  EXPECT_EQ(errors[4], StrCat(bad, ":7: key \"findings\" missing or not an array"));
  // The good line is still compared: p1 is unchanged, the rest are only in the old file.
  EXPECT_NE(d.out.find(StrCat("0 changed (0 with another verdict), 1 unchanged, 3 only in ", Path("old.jsonl"),
                              ", 0 only in ", bad, "; 5 malformed lines left out.\n")),
            std::string::npos)
      << d.out;
  CliRun gone = Cli({"diff", Path("old.jsonl"), Path("missing.jsonl")});
  EXPECT_EQ(gone.code, 2);
  EXPECT_EQ(gone.out, "");
}

}  // namespace
}  // namespace rundown
