// The evaluator on fixtures that go through the real pipeline (IngestBuffers -> BuildModel):
// every operator, count/distinct aggregation, absence (held, violated, not assessed),
// sequences (order, key join, window), exceptions, run-level rules, and the same findings
// for any thread count.
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "rules/test_util.h"

namespace rundown::rules {
namespace {

using testing::FindRule;
using testing::LoadFiles;
using testing::Summary;

// One traced run (strace -f -tt -y, pid column): the target node (100) reads its own .env,
// fails to open /etc/shadow, drops /tmp/x.sh, connects out twice, forks 101 which runs a
// shell, starts thread 102 which maps code, and sends SIGTERM to pid 1.
constexpr const char* kTrace = R"x(100   10:00:00.000000 execve("/usr/bin/node", ["node", "app.js"], 0x7ffc0 /* 7 vars */) = 0
100   10:00:00.100000 openat(AT_FDCWD</home/u/app>, "/home/u/app/.env", O_RDONLY|O_CLOEXEC) = 3</home/u/app/.env>
100   10:00:00.150000 read(3</home/u/app/.env>, "PORT=1\n", 4096) = 7
100   10:00:00.200000 openat(AT_FDCWD</home/u/app>, "/etc/shadow", O_RDONLY) = -1 EACCES (Permission denied)
100   10:00:00.300000 openat(AT_FDCWD</home/u/app>, "/tmp/x.sh", O_WRONLY|O_CREAT|O_TRUNC, 0666) = 4</tmp/x.sh>
100   10:00:00.400000 socket(AF_INET, SOCK_STREAM, IPPROTO_TCP) = 5<socket:[1000]>
100   10:00:00.500000 connect(5<socket:[1000]>, {sa_family=AF_INET, sin_port=htons(443), sin_addr=inet_addr("203.0.113.7")}, 16) = -1 ECONNREFUSED (Connection refused)
100   10:00:00.600000 connect(5<socket:[1000]>, {sa_family=AF_INET, sin_port=htons(5432), sin_addr=inet_addr("10.1.2.3")}, 16) = 0
100   10:00:01.000000 clone(child_stack=NULL, flags=CLONE_CHILD_CLEARTID|CLONE_CHILD_SETTID|SIGCHLD, child_tidptr=0x7f0) = 101
100   10:00:01.100000 clone3({flags=CLONE_VM|CLONE_FS|CLONE_FILES|CLONE_SIGHAND|CLONE_THREAD|CLONE_SYSVSEM|CLONE_SETTLS|CLONE_PARENT_SETTID|CLONE_CHILD_CLEARTID, child_tid=0x7f1, parent_tid=0x7f1, exit_signal=0, stack=0x7f2, stack_size=0x7f3, tls=0x7f4} => {parent_tid=[102]}, 88) = 102
101   10:00:01.200000 execve("/bin/sh", ["/bin/sh", "-c", "id"], 0x55 /* 15 vars */) = 0
102   10:00:01.300000 mprotect(0x7f00, 4096, PROT_READ|PROT_EXEC) = 0
101   10:00:01.400000 exit_group(0) = ?
101   10:00:01.400100 +++ exited with 0 +++
100   10:00:02.000000 kill(1, SIGTERM) = -1 EPERM (Operation not permitted)
100   10:00:40.000000 connect(5<socket:[1000]>, {sa_family=AF_INET, sin_port=htons(443), sin_addr=inet_addr("203.0.113.9")}, 16) = -1 ECONNREFUSED (Connection refused)
)x";

constexpr const char* kLog = R"x(server listening on port 3000
Error: Cannot find module 'ws'
)x";

std::vector<InMemoryFile> Fixture(bool with_log = true) {
  std::vector<InMemoryFile> f = {{"strace_log", SourceKind::kStrace, kTrace}};
  if (with_log) f.push_back({"program.log", SourceKind::kProgramLog, kLog});
  return f;
}

size_t CountMatches(const testing::Loaded& l, std::string_view expr) {
  auto f = CompileFilter(expr);
  EXPECT_TRUE(f.ok()) << expr << ": " << f.status();
  if (!f.ok()) return 0;
  size_t n = 0;
  for (EventIndex i = 0; i < l.store.size(); ++i) n += f->Matches(l.model, i) ? 1 : 0;
  return n;
}

struct OpCase {
  const char* expr;
  size_t matches;
};

TEST(RuleEvaluator, EveryOperatorOnRealLines) {
  auto l = LoadFiles(Fixture());
  const OpCase cases[] = {
      {"evt.op = \"exec\"", 2},
      {"evt.op != \"exec\" and evt.source = \"strace\" and evt.type = \"syscall\"", 13},
      {"evt.op in (\"connect\", \"clone\")", 5},
      {"proc.pid = 101", 3},
      {"proc.pid != 100 and evt.source = \"strace\"", 3},
      {"evt.op = \"connect\" and net.remote_port > 443", 1},
      {"evt.op = \"connect\" and net.remote_port >= 443", 3},
      {"evt.op = \"connect\" and net.remote_port < 5432", 2},
      {"evt.op = \"connect\" and net.remote_port <= 5432", 3},
      {"file.path startswith \"/tmp/\"", 1},
      {"file.path startswith (\"/tmp/\", \"/etc/\")", 2},
      {"file.path endswith \".env\"", 2},
      {"exec.cmdline contains \"-c\"", 1},
      {"proc.cmdline contains (\"app.js\", \"nothing\") and evt.op = \"exec\"", 1},
      {"file.path glob \"/home/*/app/.env\"", 2},
      {"file.path glob \"/home/*/.env\"", 0},
      {"file.path glob \"/home/**/.env\"", 2},
      {"file.path glob (\"/tmp/*.sh\", \"/etc/sha*\")", 2},
      {"file.path regex '^/etc/s[a-z]+w$'", 1},
      {"file.path regex ('^/tmp/', 'shadow$')", 2},
      {"net.remote_ip in 203.0.113.0/24", 2},
      {"net.remote_ip in (10.0.0.0/8, 192.168.0.0/16)", 1},
      {"net.remote_ip = 10.1.2.3", 1},
      {"net.remote_ip != 10.1.2.3", 2},
      {"net.class = \"external\"", 2},
      {"net.class = \"private\"", 1},
      {"evt.failed and evt.op = \"open\"", 1},
      {"evt.errno = \"ECONNREFUSED\"", 2},
      {"evt.reltime > 30s", 1},
      {"evt.reltime <= 500ms", 7},
      {"file.class = \"sensitive\"", 1},
      {"file.class = \"app\"", 2},
      {"file.write", 1},
      {"file.read and evt.op = \"open\"", 2},
      {"open.flags contains \"O_CREAT\"", 1},
      {"open.flags contains (\"O_TRUNC\", \"O_APPEND\")", 1},
      {"clone.thread", 1},
      {"clone.process", 1},
      {"clone.flags contains \"CLONE_THREAD\"", 1},
      {"exec.initial", 1},
      {"exec.ok and not exec.initial", 1},
      {"proc.is_target and evt.op = \"exec\"", 1},
      {"thread.tid = 102", 1},
      {"thread.tid != proc.pid", 1},
      {"thread.tid = proc.pid and evt.op = \"mprotect\"", 0},
      {"mem.exec", 1},
      {"mem.prot contains \"PROT_EXEC\"", 1},
      {"sig.target = 1 and sig.name = \"SIGTERM\"", 1},
      {"sig.target_kind = \"other\"", 1},
      {"log.dependency", 1},
      {"log.message contains \"listening\"", 1},
      {"proc.user exists", 0},
      {"net.remote exists", 3},
      {"not net.remote exists and evt.op = \"connect\"", 0},
      {"evt.op = \"exec\" and (exec.name = \"sh\" or exec.name = \"node\")", 2},
      {"true and evt.op = \"kill\"", 1},
      {"false or evt.op = \"kill\"", 1},
      {"run.exit_code = 0", 0},
  };
  for (const OpCase& c : cases) EXPECT_EQ(CountMatches(*l, c.expr), c.matches) << c.expr;
}

TEST(RuleEvaluator, MissingFieldsCompareFalseEitherWay) {
  auto l = LoadFiles(Fixture());
  EXPECT_EQ(CountMatches(*l, "exec.path = \"/bin/sh\""), 1u);
  size_t n = l->store.size();
  // exec.path is missing on every other event: neither = nor != holds there.
  EXPECT_EQ(CountMatches(*l, "exec.path != \"/bin/sh\""), 1u);
  EXPECT_EQ(CountMatches(*l, "not exec.path = \"/bin/sh\""), n - 1);
}

RuleSet Rules(std::string_view text) {
  RuleSet set;
  absl::Status s = set.AddText("t.rules", text);
  EXPECT_TRUE(s.ok()) << s;
  return set;
}

// {field?} prints nothing for a missing field where {field} prints '?'; the space it leaves
// before a space or punctuation, and the observation's trailing space, are dropped.
TEST(RuleEvaluator, OptionalTemplateFieldsPrintNothingWhenMissing) {
  auto l = LoadFiles(Fixture());
  RuleSet set = Rules(R"x(
rule ok_exec { category process severity low when evt.op = "exec" and proc.pid = 100
  observation "exec result {evt.result} {evt.errno?}" recommendation "r" }
rule ok_exec_plain { category process severity low when evt.op = "exec" and proc.pid = 100
  observation "exec result {evt.result} {evt.errno}" recommendation "r" }
rule failed_connect { category network severity high when evt.op = "connect" and net.class = "external"
  observation "connect result {evt.result} {evt.errno?}" recommendation "r" }
rule mid_exec { category process severity low when evt.op = "exec" and proc.pid = 100
  observation "exec {evt.errno?} by {proc.name}; result {evt.result} {evt.errno?}; done" recommendation "r" })x");
  auto f = set.Evaluate(l->model, 1);
  EXPECT_EQ(FindRule(f, "ok_exec")->observation, "exec result 0");
  // Left out inside the text: no doubled space, none before ';'.
  EXPECT_EQ(FindRule(f, "mid_exec")->observation, "exec by node; result 0; done");
  EXPECT_EQ(FindRule(f, "ok_exec_plain")->observation, "exec result 0 ?");
  EXPECT_EQ(FindRule(f, "failed_connect")->observation, "connect result -1 ECONNREFUSED");
}

TEST(RuleEvaluator, EventRuleCountsAndRendersTheFirstMatch) {
  auto l = LoadFiles(Fixture());
  RuleSet set = Rules(R"x(
rule out { category network severity high when evt.op = "connect" and net.class = "external"
  observation "connect to {net.remote} by {proc.name} ({count} attempts, {evt.errno})" })x");
  auto f = set.Evaluate(l->model, 1);
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].status, FindingStatus::kFired);
  EXPECT_EQ(f[0].count, 2u);
  EXPECT_EQ(f[0].observation, "connect to 203.0.113.7:443 by node (2 attempts, ECONNREFUSED)");
  ASSERT_EQ(f[0].evidence.size(), 2u);
  EXPECT_LT(f[0].evidence[0], f[0].evidence[1]);
  EXPECT_EQ(l->store.event(f[0].evidence[0]).line, 7u);
  EXPECT_EQ(f[0].category, Category::kNetwork);
  EXPECT_EQ(f[0].severity, Severity::kHigh);
}

TEST(RuleEvaluator, AggregatesCountAndDistinctPerKey) {
  auto l = LoadFiles(Fixture());
  RuleSet set = Rules(R"x(
rule many { category network severity low when evt.op = "connect" count by proc.pid > 2
  observation "{key} made {count} connects ({groups} group)" recommendation "r" }
rule few { category network severity low when evt.op = "connect" count by proc.pid > 3
  observation "o" recommendation "r" }
rule distinct_hosts { category network severity low when evt.op = "connect" count distinct net.remote_ip by proc.pid >= 3
  observation "{count} hosts" recommendation "r" }
rule distinct_ports { category network severity low when evt.op = "connect" count distinct net.remote_port >= 3
  observation "{count} ports" recommendation "r" }
rule total { category file severity low when evt.op = "open" count = 3 observation "{count} opens" recommendation "r" })x");
  auto f = set.Evaluate(l->model, 1);
  EXPECT_EQ(Summary(f), (std::vector<std::string>{"many fired 1", "distinct_hosts fired 1", "total fired 1"}));
  EXPECT_EQ(FindRule(f, "many")->observation, "proc.pid=100 made 3 connects (1 group)");
  EXPECT_EQ(FindRule(f, "many")->evidence.size(), 3u);
  EXPECT_EQ(FindRule(f, "distinct_hosts")->observation, "3 hosts");
  EXPECT_EQ(FindRule(f, "total")->observation, "3 opens");
}

TEST(RuleEvaluator, AbsenceHoldsIsSilentWhenViolatedAndNeedsItsSources) {
  RuleSet set = Rules(R"x(
rule no_ptrace { category privilege severity info requires strace none evt.op = "ptrace" observation "no ptrace" }
rule no_connect { category network severity info none evt.op = "connect" observation "no connect" }
rule no_fatal { category stability severity info none log.fatal observation "no fatal error (run {run.exit_code})" }
rule no_inotify_delete { category file severity info requires inotify none evt.op = "fs_delete" observation "o" }
rule no_rows { category network severity info requires ss|netstat none evt.type = "socket_row" observation "o" })x");
  auto l = LoadFiles(Fixture());
  auto f = set.Evaluate(l->model, 1);
  EXPECT_EQ(Summary(f), (std::vector<std::string>{"no_ptrace held", "no_fatal held", "no_inotify_delete not-assessed",
                                                  "no_rows not-assessed"}));
  EXPECT_EQ(FindRule(f, "no_ptrace")->observation, "no ptrace");
  EXPECT_EQ(FindRule(f, "no_inotify_delete")->missing_sources, std::vector<SourceKind>{SourceKind::kInotify});
  EXPECT_EQ(FindRule(f, "no_rows")->missing_sources, (std::vector<SourceKind>{SourceKind::kSs, SourceKind::kNetstat}));
  EXPECT_EQ(FindRule(f, "no_rows")->observation, "not assessed: no ss or netstat data");

  // Without the trace, the strace-only rules cannot be assessed (required or inferred from
  // the fields: evt.op = "connect" only comes from strace); the log rule still holds.
  auto log_only = LoadFiles({{"program.log", SourceKind::kProgramLog, "all good\n"}});
  f = set.Evaluate(log_only->model, 1);
  EXPECT_EQ(Summary(f), (std::vector<std::string>{"no_ptrace not-assessed", "no_connect not-assessed", "no_fatal held",
                                                  "no_inotify_delete not-assessed", "no_rows not-assessed"}));
  EXPECT_EQ(FindRule(f, "no_connect")->missing_sources, std::vector<SourceKind>{SourceKind::kStrace});
}

TEST(RuleEvaluator, SequencesFollowOrderKeyAndWindow) {
  auto l = LoadFiles(Fixture());
  RuleSet set = Rules(R"x(
rule secret_then_out { category network severity critical
  sequence by proc.pid within 5s {
    step secret: evt.op = "open" and file.class = "sensitive"
    step out: evt.op = "connect" and net.class = "external"
  }
  observation "{out.net.remote} after {secret.file.path} by pid {proc.pid} ({count})" recommendation "r" }
rule wrong_order { category network severity critical
  sequence by proc.pid { step a: evt.op = "connect" step b: evt.op = "open" and file.class = "sensitive" }
  observation "o" recommendation "r" }
rule other_key { category network severity critical
  sequence by proc.pid { step a: evt.op = "open" and file.class = "sensitive" step b: evt.op = "exec" and exec.name = "sh" }
  observation "o" recommendation "r" }
rule any_key { category network severity critical
  sequence { step a: evt.op = "open" and file.class = "sensitive" step b: evt.op = "exec" and exec.name = "sh" }
  observation "{b.exec.cmdline} after {a.file.path}" recommendation "r" }
rule too_slow { category network severity critical
  sequence by proc.pid within 100ms {
    step a: evt.op = "open" and file.class = "sensitive"
    step b: evt.op = "connect" and net.class = "external" }
  observation "o" recommendation "r" }
rule three_steps { category network severity critical
  sequence by proc.pid within 1m {
    step a: evt.op = "open" and file.path = "/tmp/x.sh"
    step b: evt.op = "connect"
    step c: evt.op = "kill" }
  observation "{a.file.path} {b.net.remote} {c.sig.name}" recommendation "r" })x");
  auto f = set.Evaluate(l->model, 1);
  EXPECT_EQ(Summary(f), (std::vector<std::string>{"secret_then_out fired 1", "any_key fired 1", "three_steps fired 1"}));
  EXPECT_EQ(FindRule(f, "secret_then_out")->observation, "203.0.113.7:443 after /etc/shadow by pid 100 (1)");
  EXPECT_EQ(FindRule(f, "any_key")->observation, "/bin/sh -c id after /etc/shadow");
  EXPECT_EQ(FindRule(f, "three_steps")->observation, "/tmp/x.sh 203.0.113.7:443 SIGTERM");
  std::vector<uint32_t> lines;
  for (EventIndex e : FindRule(f, "secret_then_out")->evidence) lines.push_back(l->store.event(e).line);
  EXPECT_EQ(lines, (std::vector<uint32_t>{4, 7}));
}

TEST(RuleEvaluator, UntimedSequencesUseLineOrderWithinOneFile) {
  std::string untimed = R"x(100   execve("/usr/bin/node", ["node", "app.js"], 0x7ffc0 /* 7 vars */) = 0
100   openat(AT_FDCWD, "/etc/shadow", O_RDONLY) = 3
100   connect(5, {sa_family=AF_INET, sin_port=htons(443), sin_addr=inet_addr("203.0.113.7")}, 16) = 0
)x";
  auto l = LoadFiles({{"strace_log", SourceKind::kStrace, untimed}});
  RuleSet set = Rules(R"x(
rule s { category network severity critical
  sequence by proc.pid within 5s { step a: file.class = "sensitive" step b: net.class = "external" }
  observation "o" recommendation "r" })x");
  EXPECT_EQ(Summary(set.Evaluate(l->model, 1)), std::vector<std::string>{"s fired 1"});
}

TEST(RuleEvaluator, ExceptionsInTheRuleOrAddedFromAnotherFile) {
  auto l = LoadFiles(Fixture());
  RuleSet set = Rules(R"x(
list allowed_hosts = ("203.0.113.9")
rule out { category network severity high
  when evt.op = "connect" and net.class = "external"
  except when net.remote_ip in allowed_hosts
  except known_cdn when net.remote_port = 8443
  observation "{count}" recommendation "r" })x");
  EXPECT_EQ(Summary(set.Evaluate(l->model, 1)), std::vector<std::string>{"out fired 1"});

  RuleSet widened = set;
  ASSERT_TRUE(widened.AddText("team.rules", "except out known_cdn when net.remote_port = 443\n").ok());
  EXPECT_TRUE(widened.Evaluate(l->model, 1).empty());

  RuleSet by_list = set;
  ASSERT_TRUE(by_list.AddText("team.rules", "list allowed_hosts += (\"203.0.113.7\")\n").ok());
  EXPECT_TRUE(by_list.Evaluate(l->model, 1).empty());

  RuleSet unnamed = set;
  ASSERT_TRUE(unnamed.AddText("team.rules", "except out when proc.name = \"node\"\n").ok());
  EXPECT_TRUE(unnamed.Evaluate(l->model, 1).empty());
  // The original set is untouched by what its copies added.
  EXPECT_EQ(Summary(set.Evaluate(l->model, 1)), std::vector<std::string>{"out fired 1"});
}

TEST(RuleEvaluator, ExceptionsApplyToAbsenceAndSequenceRules) {
  auto l = LoadFiles(Fixture());
  RuleSet set = Rules(R"x(
rule no_out { category network severity info none evt.op = "connect" except when net.class in ("external", "private")
  observation "o" }
rule seq { category network severity critical
  sequence by proc.pid { step a: file.class = "sensitive" step b: net.class = "external" }
  except when net.remote_port = 443
  observation "o" recommendation "r" })x");
  EXPECT_EQ(Summary(set.Evaluate(l->model, 1)), std::vector<std::string>{"no_out held"});
}

TEST(RuleEvaluator, RunRulesAreEvaluatedOnce) {
  auto l = LoadFiles(Fixture());
  RuleSet set = Rules(R"x(
rule ran_long { category stability severity low when run.duration > 30s observation "ran {run.duration}" recommendation "r" }
rule crashed { category stability severity low when run.startup_crash observation "o" recommendation "r" })x");
  auto f = set.Evaluate(l->model, 1);
  EXPECT_EQ(Summary(f), std::vector<std::string>{"ran_long fired 1"});
  EXPECT_EQ(f[0].observation, "ran 40s");
}

// A generated trace large enough for many evaluation chunks: the findings (counts,
// evidence, observations, sequence matches, aggregation groups) must not depend on the
// thread count.
TEST(RuleEvaluator, SameFindingsForAnyThreadCount) {
  std::string trace = "100   10:00:00.000000 execve(\"/usr/bin/node\", [\"node\", \"app.js\"], 0x7ffc0 /* 7 vars */) = 0\n";
  char line[512];
  for (int i = 0; i < 60000; ++i) {
    int pid = 100 + (i % 7 == 0 ? 0 : i % 5);
    int us = i * 10;
    std::snprintf(line, sizeof(line),
                  "%d   10:%02d:%02d.%06d openat(AT_FDCWD</home/u/app>, \"/home/u/app/f%d\", O_RDONLY) = 3</home/u/app/f%d>\n",
                  pid, us / 60000000, (us / 1000000) % 60, us % 1000000, i % 50, i % 50);
    trace += line;
    if (i % 997 == 0) {
      std::snprintf(line, sizeof(line),
                    "%d   10:%02d:%02d.%06d openat(AT_FDCWD</home/u/app>, \"/etc/shadow\", O_RDONLY) = -1 EACCES (Permission denied)\n",
                    pid, us / 60000000, (us / 1000000) % 60, us % 1000000 + 1);
      trace += line;
    }
    if (i % 1499 == 0) {
      std::snprintf(line, sizeof(line),
                    "%d   10:%02d:%02d.%06d connect(5<socket:[1]>, {sa_family=AF_INET, sin_port=htons(%d), sin_addr=inet_addr(\"203.0.113.%d\")}, 16) = -1 ECONNREFUSED (Connection refused)\n",
                    pid, us / 60000000, (us / 1000000) % 60, us % 1000000 + 2, 1000 + i % 3, i % 4);
      trace += line;
    }
  }
  auto l = LoadFiles({{"strace_log", SourceKind::kStrace, trace}});
  ASSERT_GT(l->store.size(), 3 * 16384u);
  RuleSet set = Rules(R"x(
rule opens { category file severity low when evt.op = "open" and file.class = "app" observation "{count} {file.path}" recommendation "r" }
rule per_pid { category file severity low when evt.op = "open" count distinct file.path by proc.pid >= 50 observation "{key} {count}" recommendation "r" }
rule seq { category network severity critical sequence by proc.pid within 1s { step a: file.class = "sensitive" step b: net.class = "external" }
  observation "{b.net.remote}" recommendation "r" }
rule none_ptrace { category privilege severity info none evt.op = "ptrace" observation "o" })x");
  auto one = set.Evaluate(l->model, 1);
  auto two = set.Evaluate(l->model, 2);
  auto four = set.Evaluate(l->model, 4);
  ASSERT_EQ(Summary(one).size(), 4u);
  for (const auto* other : {&two, &four}) {
    ASSERT_EQ(one.size(), other->size());
    for (size_t i = 0; i < one.size(); ++i) {
      EXPECT_EQ(one[i].rule, (*other)[i].rule);
      EXPECT_EQ(one[i].count, (*other)[i].count);
      EXPECT_EQ(one[i].observation, (*other)[i].observation);
      EXPECT_EQ(one[i].evidence, (*other)[i].evidence);
    }
  }
  EXPECT_EQ(FindRule(one, "opens")->count, 60000u);
  EXPECT_EQ(FindRule(one, "opens")->evidence.size(), kMaxEvidence);
}

TEST(RuleEvaluator, FilterRendersEventFields) {
  auto l = LoadFiles(Fixture());
  auto f = CompileFilter("evt.op = \"connect\" and net.class = \"private\"");
  ASSERT_TRUE(f.ok());
  EventRenderer r(l->model);
  for (EventIndex i = 0; i < l->store.size(); ++i) {
    if (!f->Matches(l->model, i)) continue;
    std::string all;
    for (const FieldValue& v : r.Fields(i)) StrAppend(&all, v.name, "=", v.text, " ");
    EXPECT_NE(all.find("net.remote=10.1.2.3:5432 "), std::string::npos) << all;
    EXPECT_NE(all.find("net.class=private "), std::string::npos) << all;
    EXPECT_NE(all.find("proc.pid=100 "), std::string::npos) << all;
    EXPECT_EQ(all.find("file.path="), std::string::npos) << all;
  }
  EXPECT_FALSE(CompileFilter("evt.op = \"conect\"").ok());
  EXPECT_EQ(std::string(CompileFilter("proc.pdi = 1").status().message()),
            "<where>:1:1: unknown field 'proc.pdi' (did you mean 'proc.pid'?)\nproc.pdi = 1\n^");
  // Built-in macros and lists are visible to filters.
  EXPECT_TRUE(CompileFilter("shell_exec or exec.path in shell_binaries").ok());
}

}  // namespace
}  // namespace rundown::rules
