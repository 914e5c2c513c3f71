// The built-in pack on the real captures of testdata/: what must fire, hold or stay silent
// for each case (the verdicts and findings of each folder's EXPECTED.md), plus the pack's
// own `test` blocks in rules/builtin_tests/*.rules (must-fire / must-not-fire on real lines).
#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <iostream>

#include "rules/internal/builtin_rules.h"
#include "rules/test_util.h"

namespace rundown::rules {
namespace {

using testing::FindRule;
using testing::LoadFolder;
using testing::Summary;

TEST(BuiltinPack, LoadsWithoutErrorsOrWarnings) {
  auto set = RuleSet::Builtin();
  ASSERT_TRUE(set.ok()) << set.status();
  EXPECT_GT(set->RuleNames().size(), 20u);
}

// Loading the pack only parses its patterns (rules/checker.cc PatternError); this loads the
// same texts as a user's files, which compiles every pattern in full, so a built-in pattern past
// RE2's memory budget fails here rather than never matching in a run.
TEST(BuiltinPack, EveryPatternCompiles) {
  RuleSet set;
  for (size_t i = 0; i < internal::kBuiltinRuleCount; ++i) {
    const internal::EmbeddedFile& f = internal::kBuiltinRules[i];
    ASSERT_TRUE(set.AddText(f.name, f.text).ok()) << f.name << ": " << set.AddText(f.name, f.text);
  }
  EXPECT_EQ(set.RuleNames(), RuleSet::Builtin()->RuleNames());
  // The full compile does find what parsing alone cannot: 1000 copies of a Unicode class.
  absl::Status big = RuleSet().AddText("big.rules", R"(rule big { category file severity info
    when file.path regex '(\pL\pN){1000}' observation "o" })");
  EXPECT_NE(big.message().find("big.rules:2:26: bad regex '(\\pL\\pN){1000}': pattern too large - compile failed"),
            std::string::npos)
      << big.message();
}

void DumpCase(const std::string& name) {
  auto set = RuleSet::Builtin();
  ASSERT_TRUE(set.ok()) << set.status();
  auto l = LoadFolder(name);
  std::vector<Finding> f = set->Evaluate(l->model, 2);
  std::cerr << "== " << name << "\n";
  for (const Finding& x : f) {
    std::cerr << "  " << x.rule << " [" << SeverityName(x.severity) << "] " << FindingStatusName(x.status) << " " << x.count
              << ": " << x.observation << "\n";
    for (EventIndex e : x.evidence) {
      for (const EvidenceRef& r : l->store.Evidence(e))
        std::cerr << "      " << l->store.file(r.file).path.substr(l->store.file(r.file).path.rfind('/') + 1) << ":" << r.line << "\n";
      if (&e - x.evidence.data() >= 2) break;
    }
  }
}

TEST(BuiltinPack, DISABLED_DumpAllCases) {
  for (const char* c : {"p1_chat_clean_ff", "p2_chat_clean_single", "p3_missing_module", "p4_shell_spawn",
                        "cases/py_http_clean", "cases/py_reverse_shell_attempt", "cases/c_privilege_and_memfd",
                        "cases/sh_script_crash", "cases/node_threads_clean", "cases/damaged_inputs",
                        "cases/sh_dropper_persistence", "cases/c_segv_midrun", "cases/c_missing_shlib"}) {
    if (const char* only = std::getenv("RULES_CASE"); only && std::string(c).find(only) == std::string::npos) continue;
    DumpCase(c);
  }
}

}  // namespace
}  // namespace rundown::rules

namespace rundown::rules {
namespace {

TEST(BuiltinPack, DISABLED_DumpWhere) {
  const char* c = std::getenv("RULES_CASE");
  const char* w = std::getenv("RULES_WHERE");
  if (!c || !w) GTEST_SKIP();
  auto l = testing::LoadFolder(c);
  auto f = CompileFilter(w);
  ASSERT_TRUE(f.ok()) << f.status();
  EventRenderer r(l->model);
  int n = 0;
  for (EventIndex i = 0; i < l->store.size() && n < 20; ++i) {
    if (!f->Matches(l->model, i)) continue;
    ++n;
    std::cerr << "--";
    for (const FieldValue& v : r.Fields(i)) std::cerr << " " << v.name << "=" << v.text;
    std::cerr << "\n";
  }
}

}  // namespace
}  // namespace rundown::rules

namespace rundown::rules {
namespace {

// The must-fire / must-not-fire tests written in the rule language, beside the pack.
class BuiltinTests : public ::testing::TestWithParam<const char*> {};

TEST_P(BuiltinTests, Pass) {
  std::string path = std::string(RUNDOWN_RULES_DIR) + "/builtin_tests/" + GetParam();
  auto results = RunTestFiles({path});
  ASSERT_TRUE(results.ok()) << results.status();
  EXPECT_FALSE(results->empty());
  for (const TestResult& r : *results) {
    std::string failures;
    for (const std::string& f : r.failures) failures += "\n  " + f;
    EXPECT_TRUE(r.passed) << r.file << ":" << r.line << ": test " << r.name << failures;
  }
}

INSTANTIATE_TEST_SUITE_P(Files, BuiltinTests,
                         ::testing::Values("process_test.rules", "file_test.rules", "network_test.rules",
                                           "privilege_test.rules", "stability_test.rules", "backdoor_test.rules",
                                           "dependencies_test.rules",
                                           "team_extension_test.rules"));

}  // namespace
}  // namespace rundown::rules

namespace rundown::rules {
namespace {

struct CaseExpectation {
  const char* folder;
  std::vector<std::string> present;  // "rule status" or "rule fired N"
  std::vector<std::string> absent;   // rule names with no finding
  Severity max_fired;                // the highest severity that fires
};

// The findings each real capture's EXPECTED.md describes (testdata/cases/README.md).
TEST(BuiltinPack, RealCapturesGiveTheExpectedFindings) {
  const CaseExpectation cases[] = {
      {"p1_chat_clean_ff",
       {"no_subprocess_creation held", "no_sensitive_file_read held", "no_outbound_network_attempt held",
        "no_privilege_operation held", "stable_run held", "no_missing_dependency held", "no_backdoor_indicator held",
        "listening_socket fired 2"},
       {"process_forked", "executable_memory", "write_outside_app"},
       Severity::kInfo},
      {"p2_chat_clean_single", {"no_subprocess_creation held", "stable_run held"}, {"executable_memory"}, Severity::kInfo},
      {"p3_missing_module",
       {"startup_crash fired 1", "missing_dependency fired 1", "fatal_error_logged fired 1", "nonzero_exit fired 1",
        "no_subprocess_creation held"},
       {"stable_run", "no_missing_dependency"},
       Severity::kMedium},
      {"p4_shell_spawn",
       {"shell_spawned fired 1", "child_process_spawned fired 3", "account_database_read fired 4",
        "shell_while_serving fired 1", "no_outbound_network_attempt held"},
       {"no_subprocess_creation", "credential_file_read"},
       Severity::kHigh},
      {"cases/py_http_clean", {"no_subprocess_creation held", "no_outbound_network_attempt held"}, {}, Severity::kInfo},
      {"cases/node_threads_clean", {"no_subprocess_creation held", "no_privilege_operation held"}, {"executable_memory"},
       Severity::kInfo},
      {"cases/damaged_inputs", {"no_subprocess_creation held"}, {}, Severity::kInfo},
      {"cases/py_reverse_shell_attempt",
       {"shell_spawned fired 1", "exec_from_temp fired 1", "credential_file_read fired 2", "persistence_write fired 3",
        "secret_read_then_connect fired 1", "loopback_connect fired 3"},
       {"outbound_external", "no_outbound_network_attempt"},
       Severity::kCritical},
      {"cases/c_privilege_and_memfd",
       {"fileless_execution fired 2", "root_escalation_attempt fired 2", "ptrace_call fired 1", "process_probe fired 1",
        "executable_memory fired 1", "credential_file_read fired 1", "kernel_thread_masquerade fired 4"},
       {"secret_read_then_connect", "no_privilege_operation"},
       Severity::kCritical},
      {"cases/sh_dropper_persistence",
       {"shell_spawned fired 1", "exec_from_temp fired 1", "persistence_write fired 18", "history_wiped fired 2",
        "download_then_execute fired 1", "download_piped_to_interpreter fired 1", "sandbox_detection fired 2",
        "timestomp fired 1",
        "shell_after_command_received fired 1",
        "detached_process fired 2", "command_or_library_not_found fired 2", "decoding_tool_run fired 1"},
       {"namespace_change", "mount_or_root_change", "kernel_code_load", "system_administration_call",
        "shell_while_serving"},
       Severity::kCritical},
      {"cases/c_segv_midrun", {"crashed fired 1"}, {"stable_run", "write_outside_app", "startup_crash"}, Severity::kMedium},
      {"cases/sh_script_crash",
       {"startup_crash fired 1", "missing_dependency fired 2", "target_replaced_itself fired 1"},
       {"shell_spawned"},
       Severity::kMedium},
      {"cases/c_missing_shlib",
       {"startup_crash fired 1", "missing_dependency fired 1", "command_or_library_not_found fired 1"},
       {},
       Severity::kMedium},
      // The JVM's /tmp/hsperfdata_root/<pid> and a mkdir that failed with EEXIST are no writes
      // outside the app (testdata/cases/java_socket_clean/EXPECTED.md).
      {"cases/java_socket_clean",
       {"no_subprocess_creation held", "loopback_connect fired 1", "listening_socket fired 1"},
       {"write_outside_app", "process_forked"},
       Severity::kLow},
      {"cases/py_dns_lookup", {"dns_query fired 4", "dns_lookup fired 8"}, {"outbound_external"}, Severity::kLow},
      // Kernel modules, kexec, bpf/iopl/host name/clock, setns; a child's user + mount
      // namespace, mounts and chroot; a script dated back (testdata/cases/c_container_escape).
      {"cases/c_container_escape",
       {"kernel_code_load fired 4", "system_administration_call fired 5", "namespace_change fired 2",
        "mount_or_root_change fired 4", "timestomp fired 3", "process_forked fired 1"},
       {"no_privilege_operation", "no_backdoor_indicator", "root_escalation_attempt", "shell_spawned",
        "credential_file_read"},
       Severity::kCritical},
      // 147 connects (146 failed) to 127.0.0.1 and ::1 ports, one of them to port 53 (a "DNS"
      // attempt, as is a UDP probe of 53); packet and raw ICMP sockets.
      {"cases/py_port_scan_raw",
       {"port_scan fired 1", "raw_socket fired 2", "loopback_connect fired 146", "dns_query fired 1",
        "no_subprocess_creation held"},
       {"outbound_external", "outbound_private", "no_outbound_network_attempt"},
       Severity::kHigh},
      // A token's base32 chunks looked up as 22 names through a loopback resolver (-s 256).
      {"cases/py_dns_tunnel",
       {"dns_tunneling fired 1", "dns_query fired 22", "dns_lookup fired 22", "no_subprocess_creation held"},
       {"outbound_external", "credential_file_read"},
       Severity::kHigh},
      // 38 documents encrypted to .locked copies and unlinked, 2 renamed, 3 backups deleted.
      {"cases/py_ransomware_home",
       {"mass_file_destruction fired 1", "write_outside_app fired 85", "no_subprocess_creation held"},
       {"credential_file_read", "persistence_write"},
       Severity::kCritical},
      // An npm hook: secrets read, a shell, stage 2 fetched to /tmp and run with node, .bashrc.
      {"cases/node_postinstall_stealer",
       {"shell_spawned fired 1", "script_from_temp fired 1", "download_then_execute fired 1",
        "credential_file_read fired 3", "persistence_write fired 3", "secret_read_then_connect fired 1",
        "loopback_connect fired 4"},
       {"exec_from_temp", "bind_shell", "socket_as_stdio", "outbound_external"},
       Severity::kCritical},
      // A Perl bind shell on 0.0.0.0:4444 and an XDG autostart entry.
      {"cases/perl_bind_shell",
       {"bind_shell fired 1", "socket_as_stdio fired 3", "shell_spawned fired 1", "shell_while_serving fired 1",
        "persistence_write fired 4", "listening_socket fired 1", "no_outbound_network_attempt held"},
       {"script_from_temp", "download_then_execute", "credential_file_read"},
       Severity::kCritical},
      // A cryptojacking dropper: memfd and /tmp libraries, a base64 payload, xmrig from /tmp and
      // a pool lookup, a competitor killed, a thread renamed, the run ended in a 600 s sleep.
      {"cases/c_evasive_miner",
       {"fileless_library fired 1", "library_from_temp fired 1", "cryptominer_started fired 1",
        "mining_pool_contact fired 2", "encoded_payload_run fired 1", "signal_to_foreign_process fired 1",
        "long_sleep fired 1", "run_ended_asleep fired 1",
        "kernel_thread_masquerade fired 2", "sandbox_detection fired 3"},
       {"credential_file_read", "outbound_external", "no_backdoor_indicator"},
       Severity::kCritical},
      // Fork until EAGAIN, mmap until ENOMEM, io_uring, devices, agent and Docker sockets,
      // no-op id and capability calls (no finding), an argc-0 exec.
      {"cases/c_resource_abuse",
       {"process_storm fired 1", "fork_failure fired 1", "memory_exhausted fired 1", "io_uring_blind_spot fired 2",
        "device_access fired 3", "credential_agent_access fired 1", "container_runtime_socket fired 1",
        "setuid_empty_argv fired 1"},
       {"identity_change", "capability_change", "signal_to_foreign_process", "long_sleep", "run_ended_asleep", "crashed"},
       Severity::kCritical},
      // A Rust implant: ptrace, environ of others, /tmp library preloaded, ld.so.preload,
      // abstract UNIX socket C2, its own executable unlinked.
      {"cases/rust_antidebug_c2",
       {"persistence_write fired 1", "library_from_temp fired 3", "other_process_memory fired 6",
        "ptrace_call fired 1", "executed_file_deleted fired 1", "abstract_socket_connect fired 1",
        "shell_after_command_received fired 1", "no_outbound_network_attempt held"},
       {"no_backdoor_indicator", "secret_read_then_connect", "outbound_external", "sandbox_detection"},
       Severity::kCritical},
      // A fork pool's worker reads the keys, the parent POSTs them.
      {"cases/py_mp_exfil",
       {"secret_read_then_connect fired 1", "credential_file_read fired 4", "process_forked fired 3",
        "no_backdoor_indicator held"},
       {"child_process_spawned", "shell_spawned", "crashed", "temp_write"},
       Severity::kCritical},
      // A clean Tcl service: its runtime's getpwuid read of /etc/passwd is the only low finding.
      {"cases/tcl_kv_clean",
       {"no_subprocess_creation held", "listening_socket fired 1", "target_account_database_read fired 1",
        "no_backdoor_indicator held"},
       {"write_outside_app", "crashed", "executable_memory", "process_forked"},
       Severity::kLow},
  };
  auto set = RuleSet::Builtin();
  ASSERT_TRUE(set.ok()) << set.status();
  for (const CaseExpectation& c : cases) {
    auto l = LoadFolder(c.folder);
    std::vector<Finding> f = set->Evaluate(l->model, 2);
    std::vector<std::string> got = Summary(f);
    for (const std::string& want : c.present)
      EXPECT_NE(std::find(got.begin(), got.end(), want), got.end()) << c.folder << ": missing " << want;
    for (const std::string& rule : c.absent) EXPECT_EQ(FindRule(f, rule), nullptr) << c.folder << ": " << rule;
    Severity max = Severity::kInfo;
    for (const Finding& x : f)
      if (x.status == FindingStatus::kFired) max = std::max(max, x.severity);
    EXPECT_EQ(max, c.max_fired) << c.folder;
    for (const Finding& x : f) EXPECT_LE(x.evidence.size(), kMaxEvidence);
  }
}

// The new fields reach the observations: the date a utime set (utime.mtime, formatted from
// epoch seconds), the namespace flags, the mount's target, type and source.
TEST(BuiltinPack, ContainerEscapeObservationsNameWhatWasDone) {
  auto l = LoadFolder("cases/c_container_escape");
  auto set = RuleSet::Builtin();
  ASSERT_TRUE(set.ok()) << set.status();
  std::vector<Finding> f = set->Evaluate(l->model, 1);
  const Finding* stomp = FindRule(f, "timestomp");
  const Finding* ns = FindRule(f, "namespace_change");
  const Finding* mount = FindRule(f, "mount_or_root_change");
  ASSERT_NE(stomp, nullptr);
  ASSERT_NE(ns, nullptr);
  ASSERT_NE(mount, nullptr);
  EXPECT_EQ(stomp->observation,
            "file time set back: /tmp/.rk/stage2.sh dated 2019-01-01 00:00:00 UTC by esc (pid 49) with utimensat; "
            "3 call(s)");
  EXPECT_EQ(ns->observation, "namespace change (2 call(s)): setns CLONE_NEWNS by esc (pid 49), result -1 EBADF");
  EXPECT_EQ(mount->observation,
            "mount table or root directory changed (4 call(s)): mount /tmp/.rk/root tmpfs none by esc (pid 50), "
            "result 0");
}

// A real capture of testdata/formats/strace/ evaluated alone, as the trace of a run.
std::vector<Finding> EvaluateCapture(const std::string& name) {
  std::ifstream in(std::string(RUNDOWN_TESTDATA) + "/formats/strace/" + name);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_FALSE(text.empty()) << name;
  auto l = testing::LoadFiles({{"strace_log", SourceKind::kStrace, text}});
  auto set = RuleSet::Builtin();
  EXPECT_TRUE(set.ok()) << set.status();
  return set.ok() ? set->Evaluate(l->model, 1) : std::vector<Finding>{};
}

std::string ObservationOf(const std::vector<Finding>& f, std::string_view rule) {
  const Finding* x = FindRule(f, rule);
  return x == nullptr ? "(no finding)" : x->observation;
}

// The container runtime's socket, the credential agents, a kernel thread's name set with
// prctl, io_uring's blind spot and sleeps through the window, as the observations name them on
// the real captures.
TEST(BuiltinPack, HostEscapeAndHidingObservationsNameWhatWasDone) {
  EXPECT_EQ(ObservationOf(EvaluateCapture("f_tt_T_y_runtime_socket.txt"), "container_runtime_socket"),
            "container runtime socket contacted or attempted (5 call(s)): connect /var/run/docker.sock by python3 "
            "(pid 25814), result 0");
  EXPECT_EQ(ObservationOf(EvaluateCapture("f_tt_T_y_agent_socket.txt"), "credential_agent_access"),
            "the user's credential agent contacted or attempted (4 call(s)): /tmp/ssh-ONE7Vg1HpnkS/agent.26053 by "
            "python3 (pid 29893, /usr/bin/python3 agent_socket_probe.py), result 0");
  const std::vector<Finding> masq = EvaluateCapture("f_tt_T_y_masquerade.txt");
  EXPECT_EQ(ObservationOf(masq, "kernel_thread_masquerade"),
            "process disguised as a kernel thread: prctl kworker/0:1 ./masquerade_probe (pid 31137); 3 time(s)");
  // Its own thread and itself renamed through /proc: the kernel threads' names are the finding.
  EXPECT_EQ(ObservationOf(masq, "thread_renamed_through_proc"), "(no finding)");
  EXPECT_EQ(ObservationOf(EvaluateCapture("f_tt_T_y_io_uring.txt"), "io_uring_blind_spot"),
            "I/O through io_uring by io_uring_probe (pid 31266) is not in the trace: files opened, read or written "
            "and connections made through the ring appear as no system call, so the file and network findings may "
            "be incomplete; 3 io_uring call(s), first io_uring_setup");
  const std::vector<Finding> sleeps = EvaluateCapture("f_tt_T_y_long_sleep.txt");
  EXPECT_EQ(ObservationOf(sleeps, "long_sleep"),
            "long sleep: clock_nanosleep asked for 90s and slept 0.470s in one call by sleep (pid 5223), result ? "
            "ERESTART_RESTARTBLOCK; 3 such call(s)");
  EXPECT_EQ(ObservationOf(sleeps, "run_ended_asleep"),
            "the run ended while python3 (pid 5221) was asleep: clock_nanosleep had asked for 600s and slept 1.285s "
            "before the end, result ? ERESTART_RESTARTBLOCK; what it does after waking was not observed");
}

// The connect findings say how the connect ended (net.outcome, net.error). Lines crafted from
// real connect lines by changing only the address (testdata/cases/README.md): the metadata
// service refused by the sandbox's missing route, and a connect to the internet that worked.
TEST(BuiltinPack, ConnectFindingsSayHowTheConnectEnded) {
  auto l = testing::LoadFiles(
      {{"strace_log.45", SourceKind::kStrace,
        "1795395518.608100 execve(\"/usr/bin/python3\", [\"python3\", \"-S\", \"exporter.py\"], 0x7ffd6c578ff0 /* 7 vars */) = 0 <0.002069>\n"
        "1795395518.861354 connect(3<TCP:[64593]>, {sa_family=AF_INET, sin_port=htons(80), sin_addr=inet_addr(\"169.254.169.254\")}, 16) = -1 ENETUNREACH (Network is unreachable) <0.000177>\n"
        "1795395518.862001 connect(4<TCP:[64600]>, {sa_family=AF_INET, sin_port=htons(443), sin_addr=inet_addr(\"93.184.215.14\")}, 16) = 0 <0.000361>\n"}});
  auto set = RuleSet::Builtin();
  ASSERT_TRUE(set.ok()) << set.status();
  const std::vector<Finding> f = set->Evaluate(l->model, 1);
  EXPECT_EQ(ObservationOf(f, "cloud_metadata_access"),
            "cloud metadata service contacted: 169.254.169.254:80 by python3 (pid 45) failed ENETUNREACH; 1 attempt(s)");
  EXPECT_EQ(ObservationOf(f, "outbound_private"),
            "connection attempt to a private-network address: 169.254.169.254:80 by python3 (pid 45) failed "
            "ENETUNREACH; 1 attempt(s)");
  EXPECT_EQ(ObservationOf(f, "outbound_external"),
            "outbound connection attempt to the internet: 93.184.215.14:443 by python3 (pid 45) connected; 1 attempt(s)");
}

// A target that replaces itself with a shell has no traced parent; ps names it (here the
// strace that started it), so the finding says who that was instead of "parent ? pid ?".
TEST(BuiltinPack, TheRootsParentComesFromPs) {
  auto l = testing::LoadFiles(
      {{"strace_log", SourceKind::kStrace,
        "45    10:00:00.000000 execve(\"/usr/bin/perl\", [\"perl\", \"rev.pl\"], 0x7ffc0 /* 7 vars */) = 0\n"
        "45    10:00:00.100000 execve(\"/bin/sh\", [\"/bin/sh\", \"-i\"], 0x7ffc0 /* 7 vars */) = 0\n"},
       {"ps.txt", SourceKind::kPs,
        "UID          PID    PPID  C STIME TTY          TIME CMD\n"
        "root          40       1  0 10:00 ?        00:00:00 strace -f -tt -o strace_log perl rev.pl\n"
        "auditor       45      40  0 10:00 ?        00:00:00 /bin/sh -i\n"}});
  auto set = RuleSet::Builtin();
  ASSERT_TRUE(set.ok()) << set.status();
  std::vector<Finding> f = set->Evaluate(l->model, 1);
  const Finding* shell = FindRule(f, "shell_spawned");
  ASSERT_NE(shell, nullptr);
  EXPECT_EQ(shell->observation, "the program started a shell: /bin/sh -i (pid 45, parent strace pid 40)");
}

}  // namespace
}  // namespace rundown::rules

namespace rundown::rules {
namespace {

// Timing of the built-in pack over a large trace (p2's trace repeated); not part of the
// suite. RULES_REPEAT sets the number of copies.
TEST(BuiltinPack, DISABLED_SlowEvaluateLargeTrace) {
  std::ifstream f(std::string(RUNDOWN_TESTDATA) + "/p2_chat_clean_single/strace_log");
  std::string one((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
  int repeat = std::getenv("RULES_REPEAT") ? std::atoi(std::getenv("RULES_REPEAT")) : 200;
  std::string big;
  for (int i = 0; i < repeat; ++i) big += one;
  auto l = testing::LoadFiles({{"strace_log", SourceKind::kStrace, big}});
  auto set = RuleSet::Builtin();
  ASSERT_TRUE(set.ok());
  for (int threads : {1, 2}) {
    auto t0 = std::chrono::steady_clock::now();
    auto findings = set->Evaluate(l->model, threads);
    double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    std::cerr << l->store.size() << " events, " << big.size() / 1e6 << " MB, threads " << threads << ": " << s
              << " s, " << l->store.size() / s / 1e6 << " M events/s, " << findings.size() << " findings\n";
  }
}

}  // namespace
}  // namespace rundown::rules
