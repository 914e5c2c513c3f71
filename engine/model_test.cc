// The run model on the four real captures (testdata/, copied from shared/artifacts) and on
// generated traces: processes vs threads, fd -> path resolution, endpoints, run life.
#include "engine/model.h"

#include <algorithm>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "engine/ingest.h"
#include "engine/test_util.h"
#include "gtest/gtest.h"
#include "parsers/parser_test_util.h"
#include "parsers/errno_table.h"
#include "parsers/source_sniffer.h"
#include "parsers/text_util.h"

namespace rundown {
namespace {

using engine_test::LoadFolder;

std::vector<int32_t> SortedPids(const Model& m, bool traced_only) {
  std::vector<int32_t> pids;
  for (const Process& p : m.processes())
    if (!traced_only || p.in_strace) pids.push_back(p.pid);
  std::sort(pids.begin(), pids.end());
  return pids;
}

std::vector<int32_t> SortedThreads(const Process& p) {
  std::vector<int32_t> threads = p.threads;
  std::sort(threads.begin(), threads.end());
  return threads;
}

TEST(Model, P1ThreadsAreNotProcesses) {
  auto l = LoadFolder("p1_chat_clean_ff");
  const Model& m = l->model;
  EXPECT_EQ(SortedPids(m, true), std::vector<int32_t>{28});
  ASSERT_NE(m.root(), kNoProc);
  const Process& root = m.process(m.root());
  EXPECT_EQ(root.pid, 28);
  EXPECT_TRUE(root.is_root);
  EXPECT_EQ(SortedThreads(root), (std::vector<int32_t>{35, 36, 37, 38, 39, 40, 63, 64, 65, 66}));
  EXPECT_TRUE(root.children.empty());
  EXPECT_EQ(l->store.str(root.cmdline), "node app.js");
  EXPECT_EQ(l->store.str(root.exe), "/usr/bin/node");
  ASSERT_EQ(root.execs.size(), 1u);
  EXPECT_EQ(root.exit_code, 0);
  EXPECT_TRUE(m.IsThread(35));
  EXPECT_FALSE(m.IsThread(28));
  EXPECT_EQ(m.app_dir(), "/home/auditor/app");
}

TEST(Model, P1EndpointsListenersAndAccepts) {
  auto l = LoadFolder("p1_chat_clean_ff");
  const Model& m = l->model;
  int listens = 0, accepts_3000 = 0, accepts_3001 = 0, connects = 0;
  std::vector<std::string> listen_addrs;
  for (const Endpoint& ep : m.endpoints()) {
    if (l->store.event(ep.event).type != EventType::kSyscall) continue;
    if (ep.op == Op::kListen) {
      ++listens;
      listen_addrs.emplace_back(l->store.str(ep.address));
    }
    if (ep.op == Op::kAccept && ep.err == 0) {
      accepts_3000 += ep.local_port == 3000;
      accepts_3001 += ep.local_port == 3001;
    }
    connects += ep.op == Op::kConnect;
  }
  std::sort(listen_addrs.begin(), listen_addrs.end());
  EXPECT_EQ(listens, 2);
  EXPECT_EQ(listen_addrs, (std::vector<std::string>{"0.0.0.0:3001", "[::]:3000"}));
  EXPECT_EQ(accepts_3000, 7);
  EXPECT_EQ(accepts_3001, 2);
  EXPECT_EQ(connects, 0);
  EXPECT_TRUE(m.life().reached_steady_state);
  EXPECT_FALSE(m.life().startup_crash);
  EXPECT_TRUE(m.life().stopped_by_harness);
  EXPECT_EQ(m.life().exit_code, 0);
}

TEST(Model, P1FileAccessOwnConfigIsApp) {
  auto l = LoadFolder("p1_chat_clean_ff");
  const Model& m = l->model;
  StrId env, history;
  ASSERT_TRUE(l->store.FindStr("/home/auditor/app/.env", &env));
  ASSERT_TRUE(l->store.FindStr("/home/auditor/app/data/history.ndjson", &history));
  const FileSummary* f = m.FindFile(env);
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->cls, PathClass::kApp);
  EXPECT_TRUE(f->access & kAccRead);
  EXPECT_FALSE(f->access & kAccWrite);
  const FileSummary* h = m.FindFile(history);
  ASSERT_NE(h, nullptr);
  EXPECT_TRUE(h->access & kAccWrite);
  EXPECT_GT(h->writes, 0u);
  for (const FileSummary& fs : m.files()) EXPECT_NE(fs.cls, PathClass::kSensitive) << l->store.str(fs.path);
}

TEST(Model, P4ShellChildAndItsChildren) {
  auto l = LoadFolder("p4_shell_spawn");
  const Model& m = l->model;
  EXPECT_EQ(SortedPids(m, true), (std::vector<int32_t>{28, 91, 92, 93}));
  ProcIndex sh = m.FindPid(91), id = m.FindPid(92), cat = m.FindPid(93);
  ASSERT_NE(sh, kNoProc);
  ASSERT_NE(id, kNoProc);
  ASSERT_NE(cat, kNoProc);
  EXPECT_EQ(m.process(sh).ppid, 28);
  EXPECT_EQ(m.process(id).ppid, 91);
  EXPECT_EQ(m.process(cat).ppid, 91);
  EXPECT_EQ(m.process(sh).depth, 1);
  EXPECT_EQ(m.process(cat).depth, 2);
  EXPECT_EQ(l->store.str(m.process(sh).cmdline), "/bin/sh -c id; cat /etc/passwd");
  EXPECT_EQ(l->store.str(m.process(cat).cmdline), "cat /etc/passwd");
  EXPECT_EQ(l->store.str(m.process(id).exe), "/usr/bin/id");
  // The clone that made 91 is in strace_log.28 at line 917.
  const Event& clone = l->store.event(m.process(sh).created_by);
  EXPECT_EQ(l->store.file(clone.file).path.substr(l->store.file(clone.file).path.rfind('/') + 1), "strace_log.28");
  EXPECT_EQ(clone.line, 917u);
  // Between fork and exec pid 91 still runs node (its dup2s at strace_log.91:35-39); from its
  // execve at line 42 it runs /bin/sh.
  auto program_at = [&](uint32_t line) {
    for (EventIndex i = 0; i < l->store.size(); ++i) {
      const Event& e = l->store.event(i);
      if (e.line == line && l->store.file(e.file).path.ends_with("/strace_log.91"))
        return std::string(l->store.str(m.ProgramAt(sh, i).cmdline));
    }
    return std::string("(no event)");
  };
  EXPECT_EQ(program_at(35), "node app.js");
  EXPECT_EQ(program_at(42), "/bin/sh -c id; cat /etc/passwd");
}

TEST(Model, P4ReadsResolveThroughTheFdTable) {
  auto l = LoadFolder("p4_shell_spawn");
  const Model& m = l->model;
  StrId passwd;
  ASSERT_TRUE(l->store.FindStr("/etc/passwd", &passwd));
  int reads = 0;
  for (EventIndex i = 0; i < l->store.size(); ++i) {
    const Event& e = l->store.event(i);
    if (e.op == Op::kRead && m.ProcessOf(i) == m.FindPid(93) && m.FdTarget(i) == passwd) ++reads;
  }
  EXPECT_EQ(reads, 2);  // strace_log.93 lines 39 and 41
  const FileSummary* f = m.FindFile(passwd);
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->cls, PathClass::kSensitive);
  EXPECT_NE(std::find(f->pids.begin(), f->pids.end(), 93), f->pids.end());
}

TEST(Model, P3CrashedDuringStartup) {
  auto l = LoadFolder("p3_missing_module");
  const RunLife& life = l->model.life();
  EXPECT_TRUE(life.exited);
  EXPECT_EQ(life.exit_code, 1);
  EXPECT_FALSE(life.stopped_by_harness);
  EXPECT_FALSE(life.reached_steady_state);
  EXPECT_TRUE(life.startup_crash);
  EXPECT_LT(life.duration_s, 1.0);
  EXPECT_NE(life.reason.find("exited with status 1"), std::string::npos) << life.reason;
}

TEST(Model, P2SingleFileSameTreeAsFf) {
  auto l = LoadFolder("p2_chat_clean_single");
  const Model& m = l->model;
  EXPECT_EQ(SortedPids(m, true), std::vector<int32_t>{28});
  EXPECT_EQ(m.process(m.root()).threads.size(), 10u);
  EXPECT_TRUE(m.life().reached_steady_state);
}

TEST(Model, SameModelForOneAndTwoThreads) {
  auto a = LoadFolder("p4_shell_spawn", 1);
  auto b = LoadFolder("p4_shell_spawn", 2);
  ASSERT_EQ(a->store.size(), b->store.size());
  ASSERT_EQ(a->model.processes().size(), b->model.processes().size());
  ASSERT_EQ(a->model.endpoints().size(), b->model.endpoints().size());
  for (EventIndex i = 0; i < a->store.size(); ++i)
    ASSERT_EQ(a->store.str(a->model.FdTarget(i)), b->store.str(b->model.FdTarget(i))) << i;
}

// A -f trace where the main thread creates thousands of threads (clone3 with CLONE_THREAD,
// the exact line shape of strace 6.1) and no process: the tree has one process.
TEST(Model, ThousandsOfThreadsMakeOneProcess) {
  std::string trace =
      "100   1795375881.065207 execve(\"/usr/bin/node\", [\"node\", \"app.js\"], 0x7ffea00c0ff8 /* 7 vars */) = 0 <0.001703>\n";
  for (int t = 0; t < 3000; ++t) {
    int tid = 1000 + t;
    trace += StrCat("100   1795375881.", 100000 + t,
                    " clone3({flags=CLONE_VM|CLONE_FS|CLONE_FILES|CLONE_SIGHAND|CLONE_THREAD|CLONE_SYSVSEM|"
                    "CLONE_SETTLS|CLONE_PARENT_SETTID|CLONE_CHILD_CLEARTID, child_tid=0x7fb9d77fe990, "
                    "parent_tid=0x7fb9d77fe990, exit_signal=0, stack=0x7fb9d6ffe000, stack_size=0x7ffe80, "
                    "tls=0x7fb9d77fe6c0} => {parent_tid=[", tid, "]}, 88) = ", tid, " <0.000045>\n");
    trace += StrCat(tid, "  1795375881.", 100000 + t, " set_robust_list(0x7fb9dd01c9a0, 24) = 0 <0.000010>\n");
  }
  trace += "100   1795375885.000000 exit_group(0)         = ?\n100   1795375885.000100 +++ exited with 0 +++\n";
  auto store = IngestBuffers({{"strace_log", SourceKind::kStrace, trace}}, IngestOptions{.threads = 2, .chunk_bytes = 64 << 10, .parser = {}, .make_parser = {}});
  ASSERT_TRUE(store.ok());
  Model m = BuildModel(*store, 2);
  EXPECT_EQ(SortedPids(m, true), std::vector<int32_t>{100});
  EXPECT_EQ(m.process(m.root()).threads.size(), 3000u);
  EXPECT_TRUE(m.IsThread(3999));
}

// Without -y strace prints path arguments as the program gave them. testdata/formats/strace/
// f_tt_relative_paths.txt is `strace -f -tt python3 rel.py` run in /tmp/cap4, where rel.py does
// chdir("work"), creates notes.txt, reads ../other/.env, opens ".." as a directory and reads
// other/.env through it, then unlinks notes.txt. The start directory comes from python opening
// its script by absolute path; chdir and openat's dirfd are followed from there.
TEST(Model, RelativePathsResolveAgainstTheCwdAndTheDirfd) {
  auto l = engine_test::LoadFiles({{"strace_log", SourceKind::kStrace, parser_test::Testdata("formats/strace/f_tt_relative_paths.txt")}});
  const EventStore& s = l->store;
  std::vector<std::string> resolved;
  for (EventIndex i = 0; i < s.size(); ++i) {
    const Event& e = s.event(i);
    if (e.type != EventType::kSyscall || (e.op != Op::kOpen && e.op != Op::kUnlink)) continue;
    std::string_view given = s.str(e.str), path = s.str(l->model.PathArg(i));
    if (given.front() != '/') resolved.push_back(StrCat(e.line, " ", given, " -> ", path));
  }
  EXPECT_EQ(resolved, (std::vector<std::string>{"391 notes.txt -> /tmp/cap4/work/notes.txt",
                                                "398 ../other/.env -> /tmp/cap4/other/.env",
                                                "407 .. -> /tmp/cap4", "408 other/.env -> /tmp/cap4/other/.env",
                                                "410 notes.txt -> /tmp/cap4/work/notes.txt"}));
  // The file summary has the absolute paths, classified: the app is where rel.py started
  // (/tmp/cap4), not the "work" it moved into, so other/.env is in its own tree (its
  // configuration, not another program's secret); notes.txt was created, written and deleted.
  StrId env = kNoStr, notes = kNoStr;
  ASSERT_TRUE(s.FindStr("/tmp/cap4/other/.env", &env));
  ASSERT_TRUE(s.FindStr("/tmp/cap4/work/notes.txt", &notes));
  const FileSummary* fe = l->model.FindFile(env);
  const FileSummary* fn = l->model.FindFile(notes);
  ASSERT_NE(fe, nullptr);
  ASSERT_NE(fn, nullptr);
  EXPECT_EQ(l->model.app_dir(), "/tmp/cap4");
  EXPECT_EQ(fe->cls, PathClass::kApp);
  EXPECT_EQ(fe->opens, 2u);
  EXPECT_EQ(fn->access & (kAccCreate | kAccWrite | kAccDelete), uint32_t{kAccCreate | kAccWrite | kAccDelete});
}

// Mosquitto (testdata/cases/mosquitto_clean, strace_log:802-810) joins its
// persistence_location "/home/auditor/app/data/" with "/mosquitto.db.new": the unlink and the
// rename name the file with a doubled slash, the open's -y annotation without. One file.
TEST(Model, AbsolutePathsWithADoubledSlashAreOneFile) {
  const std::string trace =
      "45    16:05:44 execve(\"/usr/sbin/mosquitto\", [\"/usr/sbin/mosquitto\", \"-c\", "
      "\"/home/auditor/app/mosquitto.conf\"], 0x7ffd2c1b5e48 /* 7 vars */) = 0\n"
      "45    16:05:46 unlink(\"/home/auditor/app/data//mosquitto.db.new\") = -1 ENOENT (No such file or directory)\n"
      "45    16:05:46 openat(AT_FDCWD</home/auditor/app>, \"/home/auditor/app/data//mosquitto.db.new\", "
      "O_WRONLY|O_CREAT|O_TRUNC, 0666) = 7</home/auditor/app/data/mosquitto.db.new>\n"
      "45    16:05:46 write(7</home/auditor/app/data/mosquitto.db.new>, \"\\0\\265\\0mosquitto db\", 15) = 15\n"
      "45    16:05:46 close(7</home/auditor/app/data/mosquitto.db.new>) = 0\n"
      "45    16:05:46 rename(\"/home/auditor/app/data//mosquitto.db.new\", \"/home/auditor/app/data//mosquitto.db\") = 0\n";
  auto l = engine_test::LoadFiles({{"strace_log", SourceKind::kStrace, trace}});
  std::vector<std::string> files;
  for (const FileSummary& f : l->model.files()) files.emplace_back(l->store.str(f.path));
  std::sort(files.begin(), files.end());
  EXPECT_EQ(files, (std::vector<std::string>{"/home/auditor/app/data/mosquitto.db",
                                             "/home/auditor/app/data/mosquitto.db.new", "/usr/sbin/mosquitto"}));
}

// A #! script exec'd itself (testdata/cases/node_shebang_nosuffix: `./csvsum` whose first line
// is #!/usr/bin/node, strace_log:1, 472, 559): no execve of node, only its readlink of
// /proc/self/exe, then its read of the script. The interpreter is node and the script is the
// file, not the first argument (data/jan.csv).
TEST(Model, HashBangScriptExecdItselfNamesItsInterpreterAndScript) {
  const std::string trace =
      "45    01:25:50.898546 execve(\"./csvsum\", [\"./csvsum\", \"data/jan.csv\", \"data/feb.csv\"], 0x7ffcd1016f80 /* 7 vars */) = 0 <0.000422>\n"
      "45    01:25:50.966678 readlink(\"/proc/self/exe\", \"/usr/bin/node\", 8191) = 13 <0.000039>\n"
      "45    01:25:51.018491 openat(AT_FDCWD</home/auditor/app>, \"/home/auditor/app/csvsum\", O_RDONLY|O_CLOEXEC) = 18</home/auditor/app/csvsum> <0.000037>\n"
      "45    01:25:51.043756 +++ exited with 0 +++\n";
  auto l = engine_test::LoadFiles({{"strace_log", SourceKind::kStrace, trace}});
  const ProcIndex p = l->model.FindPid(45);
  ASSERT_NE(p, kNoProc);
  const Model::Program prog = l->model.ProgramAt(p, 2);
  EXPECT_EQ(l->store.str(prog.interpreter), "/usr/bin/node");
  EXPECT_EQ(l->store.str(prog.script), "/home/auditor/app/csvsum");
  // An exec of a symbolic link (testdata/cases/py_ssh_key_persist strace_log:1, 77): python3
  // reads its own link, not /proc/self/exe, and keysync.py stays the script.
  const std::string python =
      "45    01:02:11.678623 execve(\"/usr/bin/python3\", [\"python3\", \"keysync.py\"], 0x7ffda6c6eee8 /* 7 vars */) = 0 <0.000300>\n"
      "45    01:02:11.688320 readlink(\"/usr/bin/python3\", \"python3.11\", 4096) = 10 <0.000010>\n"
      "45    01:02:11.704311 readlink(\"keysync.py\", 0x7ffe6c886900, 4096) = -1 EINVAL (Invalid argument) <0.000008>\n";
  auto py = engine_test::LoadFiles({{"strace_log", SourceKind::kStrace, python}});
  const Model::Program pprog = py->model.ProgramAt(py->model.FindPid(45), 2);
  EXPECT_EQ(pprog.interpreter, kNoStr);
}

// exec.script_deployed: a module (`python3 -m ensurepip`) or a command string is no script;
// an option after the script is the script's (`hits.sh --check`), a shell's -e is no code.
TEST(Model, RunsDeployedScriptReadsOptionsBeforeTheScriptOnly) {
  std::string trace =
      "50    10:00:00.000000 execve(\"/usr/bin/python3\", [\"python3\", \"app.py\"], 0x7ffc /* 7 vars */) = 0 <0.000300>\n"
      "50    10:00:00.001000 openat(AT_FDCWD</srv/app>, \"app.py\", O_RDONLY|O_CLOEXEC) = 3</srv/app/app.py> <0.000020>\n";
  // One child per command line, pids 51 to 54.
  const char* const kArgv[] = {R"("/usr/bin/python3", ["python3", "-m", "ensurepip"])",
                               R"("/bin/sh", ["/bin/sh", "www/cgi-bin/hits.sh", "--check"])",
                               R"("/bin/sh", ["sh", "-c", "./run.sh; echo done"])", R"("/bin/bash", ["bash", "-e", "run.sh"])"};
  for (int k = 0; k < 4; ++k) {
    const std::string pid = std::to_string(51 + k), at = "10:00:00.00" + std::to_string(2 + 2 * k);
    trace += "50    " + at + "000 clone(child_stack=NULL, flags=SIGCHLD) = " + pid + " <0.000100>\n";
    trace += pid + "    " + at + "500 execve(" + kArgv[k] + ", 0x7ffc /* 7 vars */) = 0 <0.000300>\n";
  }
  auto l = engine_test::LoadFiles({{"strace_log", SourceKind::kStrace, trace}});
  ASSERT_EQ(l->model.app_dir(), "/srv/app");
  auto deployed = [&](int32_t pid) {
    const ProcIndex p = l->model.FindPid(pid);
    return p != kNoProc && !l->model.process(p).execs.empty() &&
           l->model.RunsDeployedScript(l->model.process(p).execs.back().event);
  };
  EXPECT_FALSE(deployed(51));  // a module
  EXPECT_TRUE(deployed(52));
  EXPECT_FALSE(deployed(53));  // a command string
  EXPECT_TRUE(deployed(54));
}

// npm install without -y (testdata/cases/npm_install_local_tarball): /usr/bin/npm is the
// script node runs, found on the PATH, so it says nothing of the cwd; npm's getcwd does. npm
// installing is the program reviewed, not a launcher: the postinstall shell is its child.
TEST(Model, GetcwdNamesTheAppWithoutYAndNpmInstallIsTheTarget) {
  const std::string trace =
      "56    15:51:12.516423 execve(\"/usr/bin/npm\", [\"npm\", \"install\", \"./tiny-slugify-1.2.0.tgz\"], 0x7ffc7f75bd38 /* 7 vars */) = 0 <0.000235>\n"
      "56    15:51:12.520083 execve(\"/usr/bin/node\", [\"node\", \"/usr/bin/npm\", \"install\", \"./tiny-slugify-1.2.0.tgz\"], 0x7fff98d9fd78 /* 7 vars */) = 0 <0.000462>\n"
      "56    15:51:12.530000 openat(AT_FDCWD, \"/usr/bin/npm\", O_RDONLY|O_CLOEXEC) = 17 <0.000020>\n"
      "56    15:51:12.690793 getcwd(\"/home/auditor/app\", 4096) = 18 <0.004114>\n"
      "56    15:51:14.213577 clone(child_stack=NULL, flags=CLONE_CHILD_CLEARTID|CLONE_CHILD_SETTID|SIGCHLD, child_tidptr=0x7f295021ff50) = 67 <0.000805>\n"
      "67    15:51:14.215342 chdir(\"node_modules/tiny-slugify\") = 0 <0.000012>\n"
      "67    15:51:14.215790 execve(\"/usr/bin/sh\", [\"sh\", \"-c\", \"node scripts/build-table.js\"], 0x1533b8b0 /* 42 vars */) = 0 <0.000850>\n";
  auto l = engine_test::LoadFiles({{"strace_log", SourceKind::kStrace, trace}});
  EXPECT_EQ(l->model.app_dir(), "/home/auditor/app");
  ProcIndex shell = l->model.FindPid(67);
  ASSERT_NE(shell, kNoProc);
  EXPECT_EQ(l->model.Cwd(l->model.process(shell)), "/home/auditor/app/node_modules/tiny-slugify");
  EXPECT_FALSE(l->model.process(shell).launcher);
}

// redis-server (testdata/cases/redis_bgsave_clean) chdirs into its data directory with a
// relative path, then writes its pid file and dump there: the process's cwd is the resolved
// directory, not the raw "./data", and the app is where the server started, so its own data
// directory is the app's.
TEST(Model, RelativeChdirIsResolvedAndTheAppIsWhereTheTargetStarted) {
  const std::string trace =
      "45    10:55:56.588758 execve(\"/usr/bin/redis-server\", [\"/usr/bin/redis-server\", \"/home/auditor/app/redis.conf\"], 0x7ffd /* 7 vars */) = 0 <0.000200>\n"
      "45    10:55:56.599127 openat(AT_FDCWD</home/auditor/app>, \"/home/auditor/app/redis.conf\", O_RDONLY) = 5</home/auditor/app/redis.conf> <0.000040>\n"
      "45    10:55:56.599268 chdir(\"./data\")   = 0 <0.000005>\n"
      "45    10:55:56.607257 openat(AT_FDCWD</home/auditor/app/data>, \"./redis.pid\", O_WRONLY|O_CREAT|O_TRUNC, 0666) = 7</home/auditor/app/data/redis.pid> <0.000050>\n"
      "45    10:55:57.090962 rename(\"temp-58.rdb\", \"dump.rdb\") = 0 <0.000070>\n"
      "45    10:55:57.515686 unlink(\"./redis.pid\") = 0 <0.000051>\n";
  auto l = engine_test::LoadFiles({{"strace_log", SourceKind::kStrace, trace}});
  const Model& m = l->model;
  EXPECT_EQ(m.app_dir(), "/home/auditor/app");
  EXPECT_EQ(m.Cwd(m.process(m.root())), "/home/auditor/app/data");
  StrId pid_file = kNoStr, dump = kNoStr;
  ASSERT_TRUE(l->store.FindStr("/home/auditor/app/data/redis.pid", &pid_file));
  ASSERT_TRUE(l->store.FindStr("/home/auditor/app/data/dump.rdb", &dump));
  ASSERT_NE(m.FindFile(pid_file), nullptr);
  ASSERT_NE(m.FindFile(dump), nullptr);
  EXPECT_EQ(m.FindFile(pid_file)->cls, PathClass::kApp);
  EXPECT_EQ(m.FindFile(dump)->cls, PathClass::kApp);
}

// A daemon's life is its forked copy's (testdata/cases/nginx_daemon_clean, `daemon on`): the
// launcher returns 0 at once; the copy is stopped by the harness. The same start whose copy
// dies of SIGSEGV before it listens is a start-up crash, not a CLI that exited 0.
TEST(Model, TheLifeOfADaemonIsItsForkedCopys) {
  const std::string start =
      "47    10:54:07.805337 execve(\"/usr/sbin/nginx\", [\"/usr/sbin/nginx\", \"-p\", \"/home/auditor/app/\", \"-c\", \"nginx.conf\"], 0x7ffebcec41a0 /* 7 vars */) = 0 <0.000269>\n"
      "47    10:54:07.833047 clone(child_stack=NULL, flags=CLONE_CHILD_CLEARTID|CLONE_CHILD_SETTID|SIGCHLD, child_tidptr=0x7f9cc555fa10) = 48 <0.000190>\n"
      "47    10:54:07.833717 exit_group(0)     = ?\n"
      "47    10:54:07.834102 +++ exited with 0 +++\n"
      "48    10:54:07.836109 setsid()          = 48 <0.000019>\n";
  auto served = engine_test::LoadFiles({{"strace_log", SourceKind::kStrace, start +
      "48    10:54:07.846000 listen(6<TCP:[127.0.0.1:8101]>, 511) = 0 <0.000010>\n"
      "48    10:54:10.360278 --- SIGQUIT {si_signo=SIGQUIT, si_code=SI_USER, si_pid=1, si_uid=0} ---\n"
      "48    10:54:10.364035 +++ exited with 0 +++\n"}});
  const RunLife& life = served->model.life();
  EXPECT_EQ(life.root_pid, 47);
  EXPECT_EQ(life.daemon_pid, 48);
  EXPECT_TRUE(life.stopped_by_harness);
  EXPECT_TRUE(life.reached_steady_state);
  EXPECT_NEAR(life.duration_s, 2.5587, 0.001);
  EXPECT_EQ(life.reason, "reached steady state: it listened on a socket; the target daemonized: pid 48 carried on after "
                         "the launcher (pid 47) exited 0");

  auto crashed = engine_test::LoadFiles({{"strace_log", SourceKind::kStrace, start +
      "48    10:54:07.840000 --- SIGSEGV {si_signo=SIGSEGV, si_code=SEGV_MAPERR, si_addr=NULL} ---\n"
      "48    10:54:07.840500 +++ killed by SIGSEGV +++\n"}});
  EXPECT_TRUE(crashed->model.life().startup_crash);
  EXPECT_EQ(crashed->model.life().killed_by != 0, true);
}

// A trace and the ps snapshot of the same run, loaded as analyze loads them.
std::unique_ptr<engine_test::Loaded> LoadWithPs(const std::string& trace, const std::string& ps) {
  return engine_test::LoadFiles({{"strace_log", SourceKind::kStrace, trace}, {"ps.txt", SourceKind::kPs, ps}});
}

// ps taken in another pid namespace than the trace: numbers differ, command lines do not.
// The trace is p4's start (pid 28 node app.js); in this ps, node is pid 7 and pid 28 is
// another program (a host-side `ps -ef`, format as procps 4 prints it).
TEST(Model, PsInAnotherPidNamespaceIsMatchedByCommandLineAndSaysSo) {
  const std::string trace =
      "19:31:41.209238 execve(\"/usr/bin/node\", [\"node\", \"app.js\"], 0x7fff1fb90288 /* 7 vars */) = 0 <0.001621>\n"
      "19:31:41.211413 brk(NULL)               = 0x327a4000 <0.000100>\n";
  const std::string ps =
      "UID          PID    PPID  C STIME TTY          TIME CMD\n"
      "root           1       0  0 19:31 ?        00:00:00 /bin/bash /opt/harness/entrypoint.sh\n"
      "auditor        7       1  3 19:31 ?        00:00:00 node app.js\n"
      "root          28       1  0 19:31 ?        00:00:00 sleep 100\n";
  auto l = engine_test::LoadFiles({{"strace_log.28", SourceKind::kStrace, trace}, {"ps.txt", SourceKind::kPs, ps}});
  const Model& m = l->model;
  const Process& node = m.process(m.FindPid(28));
  EXPECT_TRUE(node.in_strace);
  EXPECT_TRUE(node.in_ps);
  EXPECT_EQ(l->store.str(node.user), "auditor");
  EXPECT_EQ(m.notes(), (std::vector<std::string>{
                           "ps pid 7 (node app.js) matched to traced pid 28 by command line: different pid namespaces",
                           "ps pid 28 (sleep 100) is not traced pid 28 (node app.js): different pid namespaces"}));
}

// A ps row whose number the trace knows as a thread of another program's process is another
// pid namespace's process, and no row of the traced one (a rule reading
// it must not judge java by a host kernel thread's name). The trace is
// testdata/cases/java_httpserver_clean's (strace_log:1, 194, 199, 502, 1502: tid 86 is a
// thread of java pid 66), the ps row the host's `ps -eo pid,comm` captured here.
TEST(Model, PsRowUnderATracedThreadsNumberIsAnotherNamespacesProcess) {
  // Two threads made as the JVM makes them; tid 86 by thread 67.
  auto thread = [](const char* by, const char* at, const char* done, const char* tid) {
    return std::string(by) + "    02:50:15." + at + " clone3({flags=CLONE_VM|CLONE_FS|CLONE_FILES|CLONE_SIGHAND|"
           "CLONE_THREAD|CLONE_SYSVSEM|CLONE_SETTLS|CLONE_PARENT_SETTID|CLONE_CHILD_CLEARTID, child_tid=0x7fa7545ff990, "
           "parent_tid=0x7fa7545ff990, exit_signal=0, stack=0x7fa754500000, stack_size=0xfef80, tls=0x7fa7545ff6c0} "
           "<unfinished ...>\n" + by + "    02:50:15." + done + " <... clone3 resumed> => {parent_tid=[" + tid +
           "]}, 88) = " + tid + " <0.000088>\n";
  };
  const std::string trace =
      "66    02:50:15.520131 execve(\"/usr/bin/java\", [\"java\", \"-cp\", \".\", \"NotesServer\"], "
      "0x7ffe9a081118 /* 7 vars */) = 0 <0.000299>\n" +
      thread("66", "536718", "536909", "67") + thread("67", "555029", "675208", "86");
  auto l = LoadWithPs(trace, "    PID COMMAND\n     66 java\n     86 kworker/R-ext4-rsv-conversion\n");
  const Model& m = l->model;
  const ProcIndex java = m.FindPid(66);
  ASSERT_EQ(m.FindPid(86), java);
  for (EventIndex i = 0; i < l->store.events().size(); ++i)
    if (l->store.event(i).type == EventType::kProcessRow)
      EXPECT_EQ(m.ProcessOf(i), l->store.event(i).tid == 66 ? java : kNoProc) << l->store.event(i).line;
  EXPECT_EQ(m.notes(), (std::vector<std::string>{"ps pid 86 (kworker/R-ext4-rsv-conversion) is not traced thread 86 of "
                                                 "pid 66 (java -cp . NotesServer): different pid namespaces"}));
}

// A program that wrote a daemon's title over its argv is the traced process of its pid, not
// another pid namespace: ps's comm column keeps the exec'd file's name. The lines are
// testdata/cases/c_stealth_implant's (strace_log:1, ps.txt:1 and 5).
TEST(Model, PsCommOfTheTracedProgramJoinsItsRewrittenCommandLine) {
  auto l = LoadWithPs("58    18:13:56.659652 execve(\"./gvfsd-helper\", [\"./gvfsd-helper\", \"--no-fork\", "
                      "\"--config\", \"/tmp/.X11-unix/.x\"], 0x7ffc27e83658 /* 7 vars */) = 0 <0.000300>\n",
                      "    PID    PPID USER     STAT COMMAND         COMMAND\n"
                      "     58      52 auditor  S    gvfsd-helper    sshd: root@notty\n");
  EXPECT_EQ(l->store.str(l->model.process(l->model.FindPid(58)).title), "sshd: root@notty");  // joined
  EXPECT_TRUE(l->model.notes().empty());
}

// A server's process titles (setproctitle's "name: what", written over argv without an exec)
// are the traced processes of the same pids, not another pid namespace. The rows are
// testdata/cases/postgres_clean's (ps.txt:5-6), the trace its postmaster's exec and forks.
TEST(Model, PsProcessTitleJoinsTheTracedProcessOfItsPid) {
  const std::string trace =
      "60    12:43:13.782000 execve(\"/usr/lib/postgresql/15/bin/postgres\", [\"/usr/lib/postgresql/15/bin/postgres\", "
      "\"-D\", \"/home/auditor/app/pgdata\"], 0x7ffd5d8a1e08 /* 7 vars */) = 0 <0.000200>\n"
      "60    12:43:13.847625 clone(child_stack=NULL, flags=CLONE_CHILD_CLEARTID|CLONE_CHILD_SETTID|SIGCHLD, "
      "child_tidptr=0x7f9998826d50) = 61 <0.000453>\n"
      "61    12:43:13.849661 setsid()          = 61 <0.000012>\n";
  const std::string ps =
      "    PID    PPID USER     STAT COMMAND\n"
      "     60      53 auditor  S    /usr/lib/postgresql/15/bin/postgres -D /home/auditor/app/pgdata\n"
      "     61      60 auditor  Ss   postgres: checkpointer \n";
  auto l = LoadWithPs(trace, ps);
  const Model& m = l->model;
  const Process& checkpointer = m.process(m.FindPid(61));
  EXPECT_TRUE(checkpointer.in_strace);
  EXPECT_TRUE(checkpointer.in_ps);
  EXPECT_EQ(l->store.str(checkpointer.user), "auditor");
  EXPECT_EQ(l->store.str(checkpointer.title), "postgres: checkpointer");  // the tree shows it
  EXPECT_EQ(m.process(m.FindPid(60)).title, kNoStr);  // its own command line
  EXPECT_EQ(m.notes(), std::vector<std::string>{});
}

// An empty inotify log is a real "no file event" when ps lists its watcher monitoring during
// the run (testdata/cases/memcached_clean: `inotifywait -m -r -e create,...` saw nothing, its
// banner went elsewhere); without such a row (the watcher died or never ran) it is missing.
TEST(Model, EmptyInotifyLogCountsWhenPsShowsItsWatcherRunning) {
  const std::string trace =
      "45    1796399314.155997 execve(\"/usr/bin/memcached\", [\"/usr/bin/memcached\", \"-l\", \"127.0.0.1\"], "
      "0x7ffc1bc2d7c8 /* 7 vars */) = 0 <0.000312>\n";
  const std::string header = "UID          PID    PPID     LWP  C NLWP STIME TTY          TIME CMD\n";
  const std::string memcached =
      "auditor       45      38      45  0    7 15:48 ?        00:00:00 /usr/bin/memcached -l 127.0.0.1\n";
  const std::string watcher =
      "root          36       1      36  0    1 15:48 ?        00:00:00 inotifywait -m -r -e "
      "create,modify,delete,moved_to,close_write /home/auditor /tmp\n";
  const std::string one_shot = "root          36       1      36  0    1 15:48 ?        00:00:00 inotifywait -r /home\n";
  for (const auto& [ps, running] : std::vector<std::pair<std::string, bool>>{
           {header + watcher + memcached, true},
           {header + one_shot + memcached, false},
           {header + memcached, false},
           {header + "root 36 1 36 0 1 15:48 ?        00:00:00 inotifywait --monitor /home\n", true},
           {header + "root 36 1 36 0 1 15:48 ?        00:00:00 /usr/bin/inotifywait -qdo /a/i.log /home\n", true}}) {
    auto l = engine_test::LoadFiles({{"strace_log", SourceKind::kStrace, trace},
                                     {"ps.txt", SourceKind::kPs, ps},
                                     {"inotify.log", SourceKind::kInotify, ""}});
    const SourceCoverage& c = l->model.coverage(SourceKind::kInotify);
    EXPECT_EQ(c.watcher_running, running) << ps;
    EXPECT_EQ(c.assessable(), running) << ps;
    EXPECT_EQ(l->model.notes().size(), running ? 1u : 0u) << ps;
  }
}

// The new names of rename/link/symlink are resolved too; a symlink's content is not a path to
// resolve. testdata/formats/strace/f_tt_rename_link_symlink.txt: `strace -f -tt python3 mv.py`
// in /tmp/cap5, where mv.py chdirs to w/, renames a.txt to b.txt, symlinks lnk to ../mv.py and
// links c.txt to b.txt.
TEST(Model, SecondPathsOfRenameLinkSymlinkResolve) {
  auto l = engine_test::LoadFiles({{"strace_log", SourceKind::kStrace, parser_test::Testdata("formats/strace/f_tt_rename_link_symlink.txt")}});
  const EventStore& s = l->store;
  std::vector<std::string> got;
  for (EventIndex i = 0; i < s.size(); ++i) {
    const Event& e = s.event(i);
    if (e.type != EventType::kSyscall || (e.op != Op::kRename && e.op != Op::kLink && e.op != Op::kSymlink))
      continue;
    got.push_back(StrCat(e.line, " ", s.str(l->model.PathArg(i)), " -> ", s.str(l->model.TargetArg(i))));
  }
  EXPECT_EQ(got, (std::vector<std::string>{"398 /tmp/cap5/w/a.txt -> /tmp/cap5/w/b.txt",
                                           "399 ../mv.py -> /tmp/cap5/w/lnk",
                                           "400 /tmp/cap5/w/b.txt -> /tmp/cap5/w/c.txt"}));
}

// Each connect with its outcome, as "LINE ADDRESS outcome [ERRNO] [by LINE]" (kConnected ...).
std::vector<std::string> ConnectOutcomes(const engine_test::Loaded& l) {
  static constexpr const char* kNames[] = {"none", "connected", "failed", "unknown"};
  std::vector<std::string> out;
  for (const Endpoint& ep : l.model.endpoints()) {
    if (ep.op != Op::kConnect || ep.family == 1) continue;  // AF_UNIX (nscd) left out
    std::string row = StrCat(l.store.event(ep.event).line, " ", l.store.str(ep.address), " ",
                             kNames[static_cast<int>(ep.outcome)]);
    if (ep.outcome_err != 0) StrAppend(&row, " ", ErrnoName(ep.outcome_err));
    if (ep.settled_by != kNoEvent) StrAppend(&row, " by ", l.store.event(ep.settled_by).line);
    out.push_back(std::move(row));
  }
  return out;
}

// python3 connect_ex on non-blocking sockets (testdata/harness/apps/nonblocking_connect.py,
// formats/strace/f_tt_T_yy_nonblocking_connect.txt): an open port (SO_ERROR [0] after select
// said writable), a closed one (SO_ERROR [ECONNREFUSED]), ::1 settled by a send, then a
// listener that never accepts: three sockets closed while connecting (getpeername ENOTCONN,
// although -yy already shows a peer), and one whose select timed out before SO_ERROR read [0]
// (still SYN_SENT: no answer is not a connection).
TEST(Model, NonBlockingConnectsTakeTheOutcomeThatSettledThem) {
  auto l = engine_test::LoadFiles({{"strace_log", SourceKind::kStrace,
                                    parser_test::Testdata("formats/strace/f_tt_T_yy_nonblocking_connect.txt")}});
  EXPECT_EQ(ConnectOutcomes(*l), (std::vector<std::string>{
                                     "49 127.0.0.1:45213 connected by 51",
                                     "54 127.0.0.1:57115 failed ECONNREFUSED by 56",
                                     "63 [::1]:35281 connected by 65",
                                     "72 127.0.0.1:57447 unknown",
                                     "74 127.0.0.1:57447 unknown",
                                     "76 127.0.0.1:57447 unknown",
                                     "78 127.0.0.1:57447 unknown",
                                 }));
}

// node's http.get and net.connect (libuv): EINPROGRESS, epoll, then getsockopt(SO_ERROR). The
// stage-2 download from 127.0.0.1:8088 worked; the three beacons to :4243 were refused.
TEST(Model, NodeConnectsAreSettledBySoError) {
  auto l = LoadFolder("cases/node_postinstall_stealer");
  EXPECT_EQ(ConnectOutcomes(*l), (std::vector<std::string>{
                                     "560 127.0.0.1:8088 connected by 565",
                                     "620 127.0.0.1:4243 failed ECONNREFUSED by 626",
                                     "633 127.0.0.1:4243 failed ECONNREFUSED by 636",
                                     "643 127.0.0.1:4243 failed ECONNREFUSED by 646",
                                 }));
}

// Go's runtime (testdata/cases/go_exec_beacon, one file): threads are clone(CLONE_VM|...|
// CLONE_THREAD), one of them (97) made by thread 88; os/exec's children are
// clone(CLONE_VM|CLONE_VFORK|SIGCHLD), and 96 is made by thread 90, so its parent is the
// process 87, not the thread. The netpoller's connects are settled by getsockopt(SO_ERROR) on
// whichever thread polls: 1432's on thread 90, 1483 (connected on 90) on 87.
TEST(Model, GoRuntimeThreadsVforkChildrenAndNetpollerConnects) {
  auto l = LoadFolder("cases/go_exec_beacon");
  const Model& m = l->model;
  EXPECT_EQ(SortedPids(m, true), (std::vector<int32_t>{87, 91, 92, 95, 96}));
  const Process& root = m.process(m.root());
  EXPECT_EQ(root.pid, 87);
  EXPECT_EQ(SortedThreads(root), (std::vector<int32_t>{88, 89, 90, 97}));
  EXPECT_EQ(root.exit_code, 0);
  ProcIndex sh = m.FindPid(91), script = m.FindPid(96);
  ASSERT_NE(sh, kNoProc);
  ASSERT_NE(script, kNoProc);
  EXPECT_EQ(m.process(sh).ppid, 87);
  EXPECT_EQ(m.process(script).ppid, 87);
  EXPECT_EQ(l->store.event(m.process(sh).created_by).line, 380u);
  EXPECT_EQ(l->store.event(m.process(script).created_by).line, 1062u);
  EXPECT_EQ(l->store.str(m.process(script).cmdline), "/tmp/.updater/update.sh");
  EXPECT_EQ(ConnectOutcomes(*l), (std::vector<std::string>{
                                     "1380 127.0.0.1:4444 failed ECONNREFUSED by 1389",
                                     "1432 127.0.0.1:4444 failed ECONNREFUSED by 1440",
                                     "1483 127.0.0.1:4444 failed ECONNREFUSED by 1495",
                                 }));
}

// The same runtime traced with -ff (testdata/cases/go_http_clean): a file per thread, threads
// made by threads (926 by 922, 927 by 925), exit_group on thread 926; one process, no child.
TEST(Model, GoRuntimeThreadsInTheirOwnFilesAreOneProcess) {
  auto l = LoadFolder("cases/go_http_clean");
  const Model& m = l->model;
  EXPECT_EQ(SortedPids(m, true), std::vector<int32_t>{920});
  const Process& root = m.process(m.root());
  EXPECT_EQ(SortedThreads(root), (std::vector<int32_t>{921, 922, 923, 925, 926, 927}));
  EXPECT_TRUE(root.children.empty());
  EXPECT_EQ(root.exit_code, 0);
  EXPECT_TRUE(m.IsThread(927));
}

// A thread known only from its clone's result (its own lines filtered out, or the trace cut
// before it printed anything) is still one of the process's threads, and FindPid finds the
// process by its tid: tgkill(920, 927, SIGURG) is then a signal to the program itself.
// Real lines of testdata/cases/go_http_clean, thread 927's own file left out.
TEST(Model, ThreadKnownOnlyFromItsCloneIsFoundByItsTid) {
  auto l = engine_test::LoadFiles(
      {{"strace_log.920", SourceKind::kStrace,
        "04:34:05.109750 execve(\"./notesd\", [\"./notesd\"], 0x7ffd575e4a40 /* 7 vars */) = 0 <0.000286>\n"
        "04:34:05.115179 clone(child_stack=0xc0000b4000, flags=CLONE_VM|CLONE_FS|CLONE_FILES|CLONE_SIGHAND|"
        "CLONE_THREAD|CLONE_SYSVSEM|CLONE_SETTLS, tls=0xc0000fe090) = 925 <0.000219>\n"},
       {"strace_log.925", SourceKind::kStrace,
        "04:34:05.126166 clone(child_stack=0xc000042000, flags=CLONE_VM|CLONE_FS|CLONE_FILES|CLONE_SIGHAND|"
        "CLONE_THREAD|CLONE_SYSVSEM|CLONE_SETTLS, tls=0xc000034c90) = 927 <0.000124>\n"}});
  const Model& m = l->model;
  EXPECT_EQ(SortedPids(m, true), std::vector<int32_t>{920});
  EXPECT_EQ(SortedThreads(m.process(m.root())), (std::vector<int32_t>{925, 927}));
  EXPECT_TRUE(m.IsThread(927));
  EXPECT_EQ(m.FindPid(927), m.root());
  // strace -ff makes a file for every tid it attaches: 927's is missing from the artifacts.
  ASSERT_EQ(m.untraced_creations().size(), 1u);
  const Event& clone = l->store.event(m.untraced_creations()[0]);
  EXPECT_EQ(l->store.file(clone.file).path, "strace_log.925");
  EXPECT_EQ(clone.line, 1u);
  EXPECT_EQ(clone.result, 927);
}

// Which creations count as untraced: in a filtered trace an empty file is a traced tid
// (strace -ff creates it on attach; real: `strace -ff -qq -e trace=none sh -c 'true & wait'`
// left strace_log.13709 with 0 bytes), in an unfiltered one it is lost (every tid makes
// calls: EndToEnd.MissingOrEmptyThreadFileIsInconclusive); a one-file trace has no per-tid
// files; clone results from another pid namespace than the file names (no result names a
// traced tid, and they lie outside the traced numbers) prove nothing; a result between
// traced tids does. Lines from /tmp/fftest2 captured with
// `strace -ff -o strace_log -e trace=clone,clone3,execve,exit_group sh -c 'true & wait; /bin/true'`.
TEST(Model, CreatedTidsWithoutAFileAreUntraced) {
  const std::string exec =
      "execve(\"/usr/bin/sh\", [\"sh\", \"-c\", \"true & wait; /bin/true\"], 0x7ffcb2f19918 /* 37 vars */) = 0\n";
  auto clone = [](int child) {
    return StrCat("clone(child_stack=NULL, flags=CLONE_CHILD_CLEARTID|CLONE_CHILD_SETTID|SIGCHLD, "
                  "child_tidptr=0x7f31edf99a10) = ", child, "\n");
  };
  const std::string exit_line = "exit_group(0)                           = ?\n+++ exited with 0 +++\n";
  auto untraced = [](const std::vector<InMemoryFile>& files) {
    auto l = engine_test::LoadFiles(files);
    std::vector<int32_t> tids;
    for (EventIndex i : l->model.untraced_creations()) tids.push_back(l->store.event(i).result);
    return tids;
  };
  const std::string root = exec + clone(13733) + exit_line;
  EXPECT_EQ(untraced({{"strace_log.13732", SourceKind::kStrace, root},
                      {"strace_log.13734", SourceKind::kStrace, exec + exit_line}}),
            std::vector<int32_t>{13733});
  EXPECT_EQ(untraced({{"strace_log.13732", SourceKind::kStrace, root},
                      {"strace_log.13733", SourceKind::kStrace, ""},
                      {"strace_log.13734", SourceKind::kStrace, exec + exit_line}}),
            std::vector<int32_t>{});
  EXPECT_EQ(untraced({{"strace_log.13732", SourceKind::kStrace, root}}), std::vector<int32_t>{13733});
  EXPECT_EQ(untraced({{"strace_log", SourceKind::kStrace, root}}), std::vector<int32_t>{});
  EXPECT_EQ(untraced({{"strace_log.13732", SourceKind::kStrace, exec + clone(7) + exit_line},
                      {"strace_log.13734", SourceKind::kStrace, exec + exit_line}}),
            std::vector<int32_t>{});
}

// A blocking connect still waiting when the run ended neither connected nor failed
// (testdata/harness/apps/blocked_connect.py: a listener whose full backlog drops the SYN).
// strace prints it four ways: "= ?" when the program is killed (one process), a resumed half
// "= ?" (another process's lines came between), "= ? ERESTARTSYS" (SIGTERM), and a lone
// "<unfinished ...>" when strace itself is killed. The three held connects are EINPROGRESS
// that nothing settled.
TEST(Model, ConnectCutShortByTheEndOfTheRunIsUnknown) {
  struct Case {
    const char* file;
    std::vector<std::string> want;
  };
  const Case cases[] = {
      {"f_tt_T_y_connect_killed.txt", {"7 127.0.0.1:39879 unknown", "9 127.0.0.1:39879 unknown",
                                       "11 127.0.0.1:39879 unknown", "13 127.0.0.1:39879 unknown"}},
      {"f_tt_T_y_connect_killed_resumed.txt", {"7 127.0.0.1:48295 unknown", "9 127.0.0.1:48295 unknown",
                                               "11 127.0.0.1:48295 unknown", "18 127.0.0.1:48295 unknown"}},
      {"f_tt_T_y_connect_sigterm.txt", {"7 127.0.0.1:35081 unknown", "9 127.0.0.1:35081 unknown",
                                        "11 127.0.0.1:35081 unknown", "18 127.0.0.1:35081 unknown"}},
      {"f_tt_T_y_connect_strace_killed.txt", {"7 127.0.0.1:36755 unknown", "9 127.0.0.1:36755 unknown",
                                              "11 127.0.0.1:36755 unknown", "16 127.0.0.1:36755 unknown"}},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.file);
    auto l = engine_test::LoadFiles(
        {{"strace_log", SourceKind::kStrace, parser_test::Testdata(StrCat("formats/strace/", c.file))}});
    EXPECT_EQ(ConnectOutcomes(*l), c.want);
  }
}

// Blocking connects say their outcome themselves; py_port_scan_raw also has a non-blocking
// scan of ::1 whose refusals only SO_ERROR shows.
TEST(Model, BlockingConnectsAreTheirOwnOutcome) {
  auto l = LoadFolder("cases/py_port_scan_raw");
  int connected = 0, refused = 0, unknown = 0;
  for (const Endpoint& ep : l->model.endpoints()) {
    if (ep.op != Op::kConnect || ep.family == 1) continue;
    connected += ep.outcome == ConnectOutcome::kConnected;
    unknown += ep.outcome == ConnectOutcome::kUnknown;
    if (ep.outcome == ConnectOutcome::kFailed && ErrnoName(ep.outcome_err) == "ECONNREFUSED") ++refused;
  }
  // 125 blocking refusals + 21 non-blocking ones read back from SO_ERROR; one open port.
  EXPECT_EQ(refused, 146);
  EXPECT_EQ(connected, 1);
  EXPECT_EQ(unknown, 0);
}

// `strace -f -tt -y -p PID` attaches to a running program: no execve in the trace, so the
// target's command line comes from ps (testdata/formats/strace/p_attach_f_tt_y.txt, python3
// loop.py attached for 1 s; the ps row as `ps -ef` prints it).
TEST(Model, AttachedTraceTakesTheTargetsCommandLineFromPs) {
  auto l = engine_test::LoadFiles(
      {{"strace_log", SourceKind::kStrace, parser_test::Testdata("formats/strace/p_attach_f_tt_y.txt")},
       {"ps.txt", SourceKind::kPs,
        "UID          PID    PPID  C STIME TTY          TIME CMD\n"
        "root       12789    1234  0 13:23 pts/0    00:00:00 /usr/bin/python3 loop.py\n"}});
  const Model& m = l->model;
  ASSERT_NE(m.root(), kNoProc);
  const Process& root = m.process(m.root());
  EXPECT_EQ(root.pid, 12789);
  EXPECT_TRUE(root.execs.empty());
  EXPECT_EQ(l->store.str(root.cmdline), "/usr/bin/python3 loop.py");
}

// Results made by strace's fault injection are said in a note: findings about failed calls
// may be the reviewer's doing (formats/strace/f_tt_T_inject.txt, see the parser test).
TEST(Model, InjectedResultsAreNoted) {
  auto l = engine_test::LoadFiles(
      {{"strace_log", SourceKind::kStrace, parser_test::Testdata("formats/strace/f_tt_T_inject.txt")}});
  EXPECT_EQ(l->model.notes(),
            std::vector<std::string>{"2 calls returned what strace injected (-e inject= / -e fault=; first at "
                                     "strace_log:32): those failures and return values were made by the fault "
                                     "injection, not by the system, and findings about failed calls may come from "
                                     "them"});
}

// Processes whose start is not in the trace are named in a note, not passed off as the
// target's children. A_appended_runs.txt: `strace -f -tt -T -y -o strace_log /bin/true`, then
// `strace -A ... -o strace_log sh -c 'id >/dev/null'` (two runs in one file); p_two_pids.txt:
// `strace -f -tt -y -p A -p B` of two looping shells, stopped after 0.7 s.
TEST(Model, ProcessesStartedOutsideTheTraceAreNoted) {
  auto a = engine_test::LoadFiles(
      {{"strace_log", SourceKind::kStrace, parser_test::Testdata("formats/strace/A_appended_runs.txt")}});
  EXPECT_EQ(a->model.process(a->model.root()).pid, 27111);
  EXPECT_EQ(a->model.process(a->model.FindPid(27115)).parent, kNoProc);
  EXPECT_EQ(a->model.notes(),
            (std::vector<std::string>{
                "traced pid 27115 has no parent in the trace (first seen at strace_log:32, starting a program, after the "
                "target exited): a separate run appended to the trace (strace -A); its activity is reviewed with the "
                "target's, though the target did not start it"}));
  auto p = engine_test::LoadFiles(
      {{"strace_log", SourceKind::kStrace, parser_test::Testdata("formats/strace/p_two_pids.txt")}});
  EXPECT_EQ(p->model.process(p->model.root()).pid, 30043);  // both start mid-call: the earliest line is the root
  EXPECT_EQ(p->model.notes(),
            (std::vector<std::string>{
                "traced pid 30042 has no parent in the trace (first seen at strace_log:2): a process attached with "
                "strace -p, or one whose fork is missing from the trace; its activity is reviewed with the target's"}));
  // A single run has no such note (every captured case is checked by the report tests).
  auto one = engine_test::LoadFolder("p4_shell_spawn");
  for (const std::string& n : one->model.notes()) EXPECT_EQ(n.find("no parent"), std::string::npos) << n;
}

// A trace filtered with -e trace= has no forks, but strace prints SIGCHLD whatever the filter:
// the process a child's CLD_* report went to is its parent. f_tt_T_y_s128_npm_worm.txt
// (-e trace=execve,openat,connect,mkdir ... of harness/apps/npm_worm.js): tar (13440) hands
// `sh -c gzip` (13441) its output and gets its SIGCHLD at line 1338.
TEST(Model, SigchldLinksAChildWhoseForkTheFilterLeftOut) {
  auto w = engine_test::LoadFiles({{"strace_log", SourceKind::kStrace,
                                    parser_test::Testdata("formats/strace/f_tt_T_y_s128_npm_worm.txt")}});
  const Model& m = w->model;
  const ProcIndex tar = m.FindPid(13440);
  ASSERT_NE(tar, kNoProc);
  EXPECT_EQ(m.process(m.FindPid(13441)).parent, tar);
  EXPECT_EQ(m.process(m.FindPid(13441)).ppid, 13440);
  EXPECT_EQ(m.process(m.FindPid(13441)).created_by, kNoEvent);  // no fork to cite
  EXPECT_NE(std::find(m.notes().begin(), m.notes().end(),
                      "12 processes without a fork or clone in the trace (strace -e trace= or -Z left them out), put "
                      "under the process their end was reported to (SIGCHLD or wait)"),
            m.notes().end());
  // A SIGCHLD sent with kill() (si_code SI_USER) names its sender, not a child: no link.
  auto k = engine_test::LoadFiles({{"strace_log", SourceKind::kStrace,
                                    "4390  07:02:59.348000 getpid() = 4390\n"
                                    "4391  07:02:59.348100 kill(4390, SIGCHLD) = 0\n"
                                    "4390  07:02:59.348449 --- SIGCHLD {si_signo=SIGCHLD, si_code=SI_USER, si_pid=4391, si_uid=0} ---\n"}});
  EXPECT_EQ(k->model.process(k->model.FindPid(4391)).parent, kNoProc);
}

// Thousands of parentless tids (a folder of -ff files whose forks are all lost) are 20 notes
// and one line counting the rest, not a note each.
TEST(Model, ParentlessProcessesPastTwentyAreCountedInOneNote) {
  std::string trace = "100   19:31:04.000001 execve(\"/bin/true\", [\"true\"], 0x1 /* 1 vars */) = 0\n";
  for (int pid = 101; pid <= 150; ++pid)
    trace += StrCat(pid, "   19:31:05.000001 getpid() = ", pid, "\n");
  auto l = engine_test::LoadFiles({{"strace_log", SourceKind::kStrace, trace}});
  const std::vector<std::string>& notes = l->model.notes();
  ASSERT_EQ(notes.size(), 21u);
  EXPECT_TRUE(notes[0].starts_with("traced pid 101 has no parent in the trace (first seen at strace_log:2)")) << notes[0];
  EXPECT_TRUE(notes[19].starts_with("traced pid 120 has no parent")) << notes[19];
  EXPECT_EQ(notes[20], "30 more traced pids have no parent in the trace (pids 121 … 150); their activity is reviewed "
                       "with the target's");
}

// asyncio drains its non-blocking listener until accept4 answers EAGAIN: nothing was pending,
// so that is no failed connection. f_tt_T_yy_asyncio.txt: `strace -f -tt -T -yy /usr/bin/python3
// -S asyncio_kv.py` (testdata/harness/apps) in a net namespace with only lo: three clients of
// its own server on 127.0.0.1:8765, then a refused connect to :8766.
TEST(Model, AcceptThatFoundNothingPendingIsNoEndpoint) {
  auto l = engine_test::LoadFiles(
      {{"strace_log", SourceKind::kStrace, parser_test::Testdata("formats/strace/f_tt_T_yy_asyncio.txt")}});
  const Model& m = l->model;
  std::vector<uint32_t> accepts, connects_ok, connects_failed;
  for (const Endpoint& ep : m.endpoints()) {
    const uint32_t line = l->store.event(ep.event).line;
    if (ep.op == Op::kAccept) {
      EXPECT_FALSE(ep.failed()) << line;
      accepts.push_back(line);
    }
    if (ep.op == Op::kConnect) (ep.failed() ? connects_failed : connects_ok).push_back(line);
  }
  EXPECT_EQ(accepts, (std::vector<uint32_t>{1508, 1551, 1594}));  // not the EAGAIN ones at 1511, 1554, 1597
  EXPECT_EQ(connects_ok, (std::vector<uint32_t>{1505, 1547, 1590}));
  EXPECT_EQ(connects_failed, (std::vector<uint32_t>{1633}));
}

// sendto/recvfrom with a NULL address on a connected or accepted socket went to its peer:
// Python's http.client on a -yy connect (cases/py_mp_exfil) and Tcl's server on accepted
// sockets annotated only `socket:[inode]` (-y, cases/tcl_kv_clean). The accepted ones are
// marked so that the report groups the clients' ephemeral ports.
std::vector<std::string> Transfers(const engine_test::Loaded& l, size_t first_n) {
  std::vector<std::string> out;
  for (const Endpoint& ep : l.model.endpoints()) {
    if ((ep.op != Op::kSend && ep.op != Op::kRecv) || out.size() == first_n) continue;
    out.push_back(StrCat(l.store.event(ep.event).line, ep.op == Op::kSend ? " send " : " recv ",
                         ep.address == kNoStr ? "?" : l.store.str(ep.address),
                         ep.accepted_peer ? " accepted" : ""));
  }
  return out;
}

TEST(Model, TransfersOnConnectedAndAcceptedSocketsGoToTheirPeer) {
  auto client = engine_test::LoadFolder("cases/py_mp_exfil");
  EXPECT_EQ(Transfers(*client, 10), (std::vector<std::string>{"2442 send 127.0.0.1:8449", "2444 send 127.0.0.1:8449",
                                                               "2446 recv 127.0.0.1:8449", "2448 recv 127.0.0.1:8449",
                                                               "2450 recv 127.0.0.1:8449"}));
  auto server = engine_test::LoadFolder("cases/tcl_kv_clean");
  EXPECT_EQ(Transfers(*server, 3),
            (std::vector<std::string>{"802 recv 127.0.0.1:53844 accepted", "804 send 127.0.0.1:53844 accepted",
                                      "821 recv 127.0.0.1:53844 accepted"}));
}

// Tcl normalises paths with readlink on every directory; EINVAL ("not a symbolic link") is an
// answer, not a failure: of the 16 calls on /home/auditor/app/data that returned an error (15
// readlink EINVAL, 164 ...; one newfstatat ENOENT before the mkdir, 153) only the stat failed.
TEST(Model, ReadlinkOfANonLinkIsNoFailedAccess) {
  auto l = engine_test::LoadFolder("cases/tcl_kv_clean");
  StrId data = kNoStr;
  ASSERT_TRUE(l->store.FindStr("/home/auditor/app/data", &data));
  const FileSummary* f = l->model.FindFile(data);
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->failures, 1u);
  EXPECT_EQ(l->store.event(f->first_event).line, 153u);
}

// strace -f -tt -e verbose=none (formats/strace/f_tt_e_verbose_none.txt, harness/apps/
// net_file_proc.py): structs are addresses. pthread_create's clone3(0x7ffc0f715fe0, 88) shows
// no flags; its child 26447 never exec'd nor was reported by SIGCHLD or wait, so it is a
// thread, and its connect(3, 0x7fd0fc38e990, 16) an inet one (the socket() said AF_INET) to
// an unknown address. The vfork children stay processes.
TEST(Model, CloneWithoutFlagsIsJudgedByWhatTheChildDid) {
  auto l = engine_test::LoadFiles(
      {{"strace_log", SourceKind::kStrace, parser_test::Testdata("formats/strace/f_tt_e_verbose_none.txt")}});
  const Model& m = l->model;
  EXPECT_EQ(SortedPids(m, true), (std::vector<int32_t>{26446, 26448, 26449, 26450}));
  EXPECT_TRUE(m.IsThread(26447));
  EXPECT_EQ(m.FindPid(26447), m.root());
  EXPECT_EQ(m.process(m.root()).pid, 26446);
  std::vector<std::string> connects;
  for (const Endpoint& ep : m.endpoints())
    if (ep.op == Op::kConnect)
      connects.push_back(StrCat(ep.pid, " family=", ep.family, " address=", ep.address == kNoStr ? "none" : "some"));
  EXPECT_EQ(connects, (std::vector<std::string>{"26446 family=2 address=none", "26449 family=1 address=none",
                                                "26449 family=1 address=none", "26449 family=1 address=none",
                                                "26449 family=1 address=none"}));
  ASSERT_FALSE(m.notes().empty());
  EXPECT_EQ(m.notes().back(),
            "1 clone3 call without their flags (strace -e verbose=none or -e raw=): 0 taken for a process "
            "because the child exec'd or was reported to its parent (SIGCHLD, wait), 1 for a thread");
}

// strace -f -Z (--failed-only; formats/strace/f_tt_T_Z_failed_only.txt, the same program):
// not one call succeeded, so the execve, opens and connect that worked are missing.
TEST(Model, FailedOnlyTraceHasNoSucceededCall) {
  auto l = engine_test::LoadFiles(
      {{"strace_log", SourceKind::kStrace, parser_test::Testdata("formats/strace/f_tt_T_Z_failed_only.txt")}});
  EXPECT_EQ(l->model.succeeded_calls(), 0u);
  auto full = engine_test::LoadFiles(
      {{"strace_log", SourceKind::kStrace, parser_test::Testdata("formats/strace/f_tt_e_verbose_none.txt")}});
  EXPECT_EQ(full->model.succeeded_calls(), 1256u - 134u - 5u);  // calls - failed - "= ?"
}

}  // namespace
// A wrapper at the root that forks the command it was given and waits for it: the child is
// the target, the wrapper the launcher, and the wrapper's SIGTERM (timeout's time limit) the
// harness's stop. Every thread of the child sat in a futex wait for 0.94 s before it: a hang.
TEST(Model, TheCommandAWrapperForkedIsTheTarget) {
  auto l = engine_test::LoadFiles({{"strace_log", SourceKind::kStrace,
      "42    16:37:44.648282 execve(\"/usr/bin/timeout\", [\"timeout\", \"1\", \"python3\", \"export.py\"], 0x7ffdd235d068 /* 7 vars */) = 0 <0.000241>\n"
      "42    16:37:44.652772 clone(child_stack=NULL, flags=CLONE_CHILD_CLEARTID|CLONE_CHILD_SETTID|SIGCHLD, child_tidptr=0x7f3bc6767a10) = 43 <0.000117>\n"
      "43    16:37:44.658000 execve(\"/usr/local/bin/python3\", [\"python3\", \"export.py\"], 0x7ffe121f69c0 /* 7 vars */) = -1 ENOENT (No such file or directory) <0.000010>\n"
      "43    16:37:44.658076 execve(\"/usr/bin/python3\", [\"python3\", \"export.py\"], 0x7ffe121f69c0 /* 7 vars */) = 0 <0.000210>\n"
      "43    16:37:44.700000 clone(child_stack=0x7f74a0000000, flags=CLONE_VM|CLONE_FS|CLONE_FILES|CLONE_SIGHAND|CLONE_THREAD|CLONE_SYSVSEM|CLONE_SETTLS|CLONE_PARENT_SETTID|CLONE_CHILD_CLEARTID, parent_tid=[44], tls=0x7f74a10006c0, child_tidptr=0x7f74a1000990) = 44 <0.000040>\n"
      "43    16:37:44.716886 futex(0x7f74a0000b70, FUTEX_WAIT_BITSET_PRIVATE|FUTEX_CLOCK_REALTIME, 0, NULL, FUTEX_BITSET_MATCH_ANY <unfinished ...>\n"
      "44    16:37:44.766540 futex(0x8646bc0, FUTEX_WAIT_BITSET_PRIVATE|FUTEX_CLOCK_REALTIME, 0, NULL, FUTEX_BITSET_MATCH_ANY <unfinished ...>\n"
      "42    16:37:45.658129 kill(43, SIGTERM) = 0 <0.000015>\n"
      "43    16:37:45.658164 <... futex resumed>) = ? ERESTARTSYS (To be restarted if SA_RESTART is set) <0.941273>\n"
      "43    16:37:45.658210 --- SIGTERM {si_signo=SIGTERM, si_code=SI_USER, si_pid=42, si_uid=1001} ---\n"
      "44    16:37:45.658316 <... futex resumed>) = ?\n"
      "44    16:37:45.659355 +++ killed by SIGTERM +++\n"
      "43    16:37:45.659358 +++ killed by SIGTERM +++\n"
      "42    16:37:45.659802 exit_group(124)   = ?\n"
      "42    16:37:45.659987 +++ exited with 124 +++\n"}});
  const Model& m = l->model;
  ASSERT_TRUE(m.wrapped());
  const Process& target = m.process(m.target());
  EXPECT_EQ(target.pid, 43);
  EXPECT_TRUE(target.is_target);
  EXPECT_FALSE(m.process(m.root()).is_target);
  EXPECT_TRUE(m.InLaunch(1));   // timeout's clone
  EXPECT_TRUE(m.InLaunch(7));   // timeout's kill
  EXPECT_TRUE(m.InLaunch(2));   // the PATH search before it
  EXPECT_FALSE(m.InLaunch(3));  // python3's exec
  EXPECT_TRUE(m.IsStartExec(2) && m.IsStartExec(3));
  const RunLife& life = m.life();
  EXPECT_EQ(life.root_pid, 43);
  EXPECT_TRUE(life.stopped_by_harness);
  EXPECT_FALSE(life.startup_crash);
  EXPECT_EQ(m.store().name(life.killed_by), "SIGTERM");
  EXPECT_EQ(life.lock_wait_ns, 891'670'000);
  EXPECT_EQ(life.reason, "the target was stopped before any sign of steady state; the target (pid 43) ran under "
                         "timeout (pid 42), which sent it SIGTERM 1.01 s after the start (its time limit); timeout "
                         "exited with 124");
}

// A plain fork (`clone(... SIGCHLD) = child`) at 10:00:00.<ms>, as a wrapper makes it.
std::string ForkLine(int pid, int ms, int child) {
  std::string millis = std::to_string(ms);
  millis.insert(0, 3 - millis.size(), '0');
  return std::to_string(pid) + "    10:00:00." + millis +
         "000 clone(child_stack=NULL, flags=CLONE_CHILD_CLEARTID|CLONE_CHILD_SETTID|SIGCHLD, child_tidptr=0x7f3b) = " +
         std::to_string(child) + " <0.000100>\n";
}

// `timeout -s KILL 1`: SIGKILL leaves no "--- SIGKILL ---" line in the target; the wrapper's
// kill() of it is the stop (a real capture's end, shortened).
TEST(Model, TheWrappersSigkillIsTheStop) {
  auto l = engine_test::LoadFiles({{"strace_log", SourceKind::kStrace,
      "41    17:05:10.301000 execve(\"/usr/bin/timeout\", [\"timeout\", \"-s\", \"KILL\", \"1\", \"/usr/bin/python3\", \"export.py\"], 0x7ffd /* 7 vars */) = 0 <0.000241>\n" +
      ForkLine(41, 305, 42) +
      "42    17:05:10.310000 execve(\"/usr/bin/python3\", [\"/usr/bin/python3\", \"export.py\"], 0x7ffe /* 7 vars */) = 0 <0.000210>\n"
      "42    17:05:10.415000 futex(0x7f74a0000b70, FUTEX_WAIT_BITSET_PRIVATE|FUTEX_CLOCK_REALTIME, 0, NULL, FUTEX_BITSET_MATCH_ANY <unfinished ...>\n"
      "41    17:05:11.322633 kill(42, SIGKILL) = 0 <0.000064>\n"
      "42    17:05:11.322727 <... futex resumed>) = ?\n"
      "42    17:05:11.323671 +++ killed by SIGKILL +++\n"
      "41    17:05:11.323868 kill(0, SIGKILL)  = ?\n"
      "41    17:05:11.324163 +++ killed by SIGKILL +++\n"}});
  const RunLife& life = l->model.life();
  EXPECT_TRUE(life.stopped_by_harness);
  EXPECT_FALSE(life.startup_crash);
  EXPECT_EQ(life.lock_wait_ns, 907'633'000);
  EXPECT_EQ(life.reason, "the target was stopped before any sign of steady state; the target (pid 42) ran under "
                         "timeout (pid 41), which sent it SIGKILL 1.02 s after the start (its time limit); timeout "
                         "was killed by SIGKILL");
}

// `xargs -P 0 -n1 sh -c "cat fifo; :"` stopped by SIGTERM: xargs waits in wait4, each of its
// three shells still alive waits in wait4 for its cat, each cat in the open of a FIFO nobody
// writes; the fourth shell had exited. A hang, judged down the tree. One grandchild asleep
// instead (a timer ends by itself) and the tree is not stuck. Every process is judged from one
// pass over the store (CallsBeforeStop), so 2 000 hung children cost no more than three.
std::string HungTree(const std::string& grandchild_103_call) {
  std::string t =
      "100   10:00:00.000000 execve(\"/usr/bin/xargs\", [\"xargs\", \"-P\", \"0\", \"-n1\", \"sh\", \"-c\", \"cat fifo; "
      ":\"], 0x7ffd /* 7 vars */) = 0 <0.000200>\n";
  for (int k = 0; k < 4; ++k) t += ForkLine(100, 10 + k, 101 + k);
  for (int k = 0; k < 3; ++k) {
    const std::string sh = std::to_string(101 + k), cat = std::to_string(201 + k), ms = std::to_string(k);
    t += sh + "   10:00:00.02" + ms + "000 execve(\"/usr/bin/sh\", [\"sh\", \"-c\", \"cat fifo; :\", \"" + ms +
         "\"], 0x7ffe /* 7 vars */) = 0 <0.000200>\n";
    t += ForkLine(101 + k, 30 + k, 201 + k);
    t += cat + "   10:00:00.04" + ms + "000 execve(\"/usr/bin/cat\", [\"cat\", \"fifo\"], 0x7ffe /* 7 vars */) = 0 <0.000200>\n";
    t += cat + "   10:00:00.05" + ms + "000 " +
         (k == 2 ? grandchild_103_call : "openat(AT_FDCWD, \"fifo\", O_RDONLY <unfinished ...>") + "\n";
    t += sh + "   10:00:00.06" + ms + "000 wait4(-1,  <unfinished ...>\n";
  }
  return t +
         "104   10:00:00.070000 execve(\"/usr/bin/sh\", [\"sh\", \"-c\", \"cat fifo; :\", \"3\"], 0x7ffe /* 7 vars */) = 0 <0.000200>\n"
         "104   10:00:00.071000 exit_group(0)     = ?\n"
         "104   10:00:00.072000 +++ exited with 0 +++\n"
         "100   10:00:00.074000 wait4(-1, [{WIFEXITED(s) && WEXITSTATUS(s) == 0}], 0, NULL) = 104 <0.000010>\n"
         "100   10:00:00.075000 wait4(-1,  <unfinished ...>\n"
         "100   10:00:05.000000 <... wait4 resumed>0x7ffc, 0, NULL) = ? ERESTARTSYS (To be restarted if SA_RESTART is set) <4.925000>\n"
         "100   10:00:05.000100 --- SIGTERM {si_signo=SIGTERM, si_code=SI_USER, si_pid=1, si_uid=0} ---\n"
         "100   10:00:05.000200 +++ killed by SIGTERM +++\n";
}

TEST(Model, AWaitForChildrenIsAHangWhenEveryLiveDescendantIsStuck) {
  auto hung = engine_test::LoadFiles({{"strace_log", SourceKind::kStrace,
                                       HungTree("openat(AT_FDCWD, \"fifo\", O_RDONLY <unfinished ...>")}});
  const RunLife& life = hung->model.life();
  EXPECT_TRUE(life.stopped_by_harness);
  EXPECT_EQ(life.hang_wait_ns, 4'925'100'000);  // to the SIGTERM line
  EXPECT_EQ(life.hang_calls, "wait4 for pid -1");
  EXPECT_EQ(life.lock_wait_ns, -1);
  auto asleep = engine_test::LoadFiles({{"strace_log", SourceKind::kStrace,
      HungTree("clock_nanosleep(CLOCK_REALTIME, 0, {tv_sec=10, tv_nsec=0},  <unfinished ...>")}});
  EXPECT_EQ(asleep->model.life().hang_wait_ns, -1);
  EXPECT_EQ(asleep->model.life().hang_calls, "");
}

// Other wrappers: `script -qc CMD` runs CMD through the user's shell; sudo's monitor (use_pty)
// forks the command itself. A wrapper whose child runs anything but its command, or two
// children that do, leaves the root the target.
// The pid of the command the wrapper at the root ran; 0 when the root is the target.
int32_t WrappedPid(const Model& m) { return m.wrapped() ? m.process(m.target()).pid : 0; }

// `wrapper` (pid 10's exec and its fork of 11) forks 12 as well; 11 runs `a`, 12 runs `b`.
std::unique_ptr<engine_test::Loaded> TwoChildren(const std::string& wrapper, const std::string& a, const std::string& b) {
  auto exec = [](int pid, int ms, const std::string& prog) {
    return std::to_string(pid) + "    10:00:00.0" + std::to_string(ms) + "000 execve(\"" + prog + "\", [\"" + prog +
           "\"], 0x7ffe /* 7 vars */) = 0 <0.000200>\n";
  };
  return engine_test::LoadFiles({{"strace_log", SourceKind::kStrace,
                                  wrapper + ForkLine(10, 20, 12) + exec(11, 12, a) + exec(12, 22, b)}});
}

TEST(Model, WrappersThatForkThroughAShellOrAMonitor) {
  auto script = engine_test::LoadFiles({{"strace_log", SourceKind::kStrace,
      "10    10:00:00.000000 execve(\"/usr/bin/script\", [\"script\", \"-qc\", \"python3 x.py\", \"/dev/null\"], 0x7ffd /* 7 vars */) = 0 <0.000200>\n" +
      ForkLine(10, 10, 11) +
      "11    10:00:00.011000 execve(\"/bin/bash\", [\"bash\", \"-c\", \"python3 x.py\"], 0x7ffe /* 7 vars */) = 0 <0.000200>\n"
      "11    10:00:00.020000 execve(\"/usr/bin/python3\", [\"python3\", \"x.py\"], 0x7ffe /* 7 vars */) = 0 <0.000200>\n"}});
  EXPECT_EQ(WrappedPid(script->model), 11);
  EXPECT_TRUE(script->model.IsStartExec(2) && script->model.IsStartExec(3));  // bash -c, then python3

  auto sudo = engine_test::LoadFiles({{"strace_log", SourceKind::kStrace,
      "10    10:00:00.000000 execve(\"/usr/bin/sudo\", [\"sudo\", \"-u\", \"app\", \"./run\"], 0x7ffd /* 7 vars */) = 0 <0.000200>\n" +
      ForkLine(10, 10, 11) + ForkLine(11, 11, 12) +
      "12    10:00:00.012000 execve(\"./run\", [\"./run\"], 0x7ffe /* 7 vars */) = 0 <0.000200>\n"}});
  EXPECT_EQ(WrappedPid(sudo->model), 12);
  EXPECT_TRUE(sudo->model.process(sudo->model.FindPid(11)).launcher);  // sudo's monitor

  const std::string flock =
      "10    10:00:00.000000 execve(\"/usr/bin/flock\", [\"flock\", \"/tmp/l\", \"./job\"], 0x7ffd /* 7 vars */) = 0 <0.000200>\n" +
      ForkLine(10, 10, 11);
  auto other = engine_test::LoadFiles({{"strace_log", SourceKind::kStrace, flock +
      "11    10:00:00.012000 execve(\"/usr/bin/curl\", [\"curl\", \"./job\"], 0x7ffe /* 7 vars */) = 0 <0.000200>\n"}});
  EXPECT_EQ(WrappedPid(other->model), 0);
  EXPECT_EQ(other->model.target(), other->model.root());
  EXPECT_EQ(WrappedPid(TwoChildren(flock, "./job", "./job")->model), 0);
}

// A shell given a command string forks its one command when it does not exec it (dash): at the
// root (`sh -c "python3 app.py"`) and below su (`su -s /bin/sh nobody -c CMD`, whose child
// sets the ids and runs the shell) the command is the target, the shells and su the launcher,
// and their fork of it no spawn (real captures, shortened). A shell that ran two commands
// stays the target.
TEST(Model, AShellWithACommandStringThatForksItsOneCommandIsAWrapper) {
  auto shell = engine_test::LoadFiles({{"strace_log", SourceKind::kStrace,
      "18221 18:12:49.647112 execve(\"/usr/bin/sh\", [\"sh\", \"-c\", \"/usr/bin/python3 -S app.py\"], 0x7ffd2ca077e0 /* 37 vars */) = 0 <0.000277>\n"
      "18221 18:12:49.651451 vfork( <unfinished ...>\n"
      "18222 18:12:49.651560 execve(\"/usr/bin/python3\", [\"/usr/bin/python3\", \"-S\", \"app.py\"], 0x561af276bb38 /* 37 vars */ <unfinished ...>\n"
      "18221 18:12:49.651639 <... vfork resumed>) = 18222 <0.000183>\n"
      "18222 18:12:49.651774 <... execve resumed>) = 0 <0.000202>\n"
      "18222 18:12:49.702442 +++ exited with 0 +++\n"
      "18221 18:12:49.702699 +++ exited with 0 +++\n"
  }});
  EXPECT_EQ(WrappedPid(shell->model), 18222);
  EXPECT_TRUE(shell->model.InLaunch(1));   // the shell's vfork
  EXPECT_TRUE(shell->model.IsStartExec(2));

  auto su = engine_test::LoadFiles({{"strace_log", SourceKind::kStrace,
      "16950 18:12:24.471099 execve(\"/usr/bin/su\", [\"su\", \"-s\", \"/bin/sh\", \"nobody\", \"-c\", \"/usr/bin/python3 -S app.py\"], 0x7ffcec464e28 /* 37 vars */) = 0 <0.007861>\n"
      "16950 18:12:24.524647 setgroups(1, [65534]) = 0 <0.000019>\n"
      "16950 18:12:24.542776 clone(child_stack=NULL, flags=CLONE_CHILD_CLEARTID|CLONE_CHILD_SETTID|SIGCHLD, child_tidptr=0x7f45c9cb1850) = 16951 <0.000432>\n"
      "16951 18:12:24.619073 setgid(65534)     = 0 <0.000020>\n"
      "16951 18:12:24.619112 setuid(65534)     = 0 <0.000019>\n"
      "16951 18:12:24.861441 execve(\"/bin/sh\", [\"sh\", \"-c\", \"/usr/bin/python3 -S app.py\"], 0x55caf6fb5040 /* 40 vars */) = 0 <0.000429>\n"
      "16951 18:12:24.943350 vfork( <unfinished ...>\n"
      "16989 18:12:24.943654 execve(\"/usr/bin/python3\", [\"/usr/bin/python3\", \"-S\", \"app.py\"], 0x55aa3435fb98 /* 40 vars */ <unfinished ...>\n"
      "16951 18:12:24.943900 <... vfork resumed>) = 16989 <0.000543>\n"
      "16989 18:12:24.943928 <... execve resumed>) = 0 <0.000255>\n"
      "16989 18:12:25.023105 exit_group(0)     = ?\n"
      "16989 18:12:25.023525 +++ exited with 0 +++\n"
      "16951 18:12:25.023949 exit_group(0)     = ?\n"
      "16951 18:12:25.026351 +++ exited with 0 +++\n"
      "16950 18:12:25.209111 exit_group(0)     = ?\n"
      "16950 18:12:25.209498 +++ exited with 0 +++\n"
  }});
  const Model& m = su->model;
  EXPECT_EQ(WrappedPid(m), 16989);
  EXPECT_TRUE(m.process(m.FindPid(16951)).launcher);
  EXPECT_FALSE(m.process(m.FindPid(16989)).launcher);
  EXPECT_TRUE(m.InLaunch(1) && m.InLaunch(3) && m.InLaunch(4));  // setgroups, setgid, setuid
  EXPECT_TRUE(m.IsStartExec(7));
  EXPECT_EQ(m.life().root_pid, 16989);

  const std::string two_commands =
      "10    10:00:00.000000 execve(\"/bin/sh\", [\"sh\", \"-c\", \"./build; ./job\"], 0x7ffd /* 7 vars */) = 0 <0.000200>\n" +
      ForkLine(10, 10, 11);
  EXPECT_EQ(WrappedPid(TwoChildren(two_commands, "./build", "./job")->model), 0);
}

// Options that take their value as the next word are no script and no package command:
// `python3 -X dev -W error app.py` runs app.py, `npm --prefix DIR install` installs (the
// manager is the target, the postinstall shell its child), `npm -C DIR start` runs a script.
TEST(Model, OptionValuesAreNoScriptOrCommand) {
  auto py = engine_test::LoadFiles({{"strace_log", SourceKind::kStrace,
      "5     10:00:00.000000 execve(\"/usr/bin/python3\", [\"/usr/bin/python3\", \"-X\", \"dev\", \"-W\", \"error\", \"app.py\"], 0x7ffd /* 7 vars */) = 0 <0.000200>\n"
      "5     10:00:00.010000 openat(AT_FDCWD, \"/srv/tool/app.py\", O_RDONLY|O_CLOEXEC) = 3 <0.000020>\n"}});
  EXPECT_EQ(py->model.app_dir(), "/srv/tool");
  const std::string npm_start =
      "56    15:51:12.520083 execve(\"/usr/bin/node\", [\"node\", \"/usr/bin/npm\", \"--prefix\", \"/srv/tool\", ";
  const std::string npm_end = "], 0x7fff98d9fd78 /* 7 vars */) = 0 <0.000462>\n" + ForkLine(56, 900, 67) +
      "67    10:00:00.910000 execve(\"/usr/bin/sh\", [\"sh\", \"-c\", \"node scripts/build-table.js\"], 0x15 /* 42 vars */) = 0 <0.000850>\n";
  auto install = engine_test::LoadFiles({{"strace_log", SourceKind::kStrace, npm_start + "\"install\"" + npm_end}});
  EXPECT_FALSE(install->model.process(install->model.FindPid(67)).launcher);
  auto run = engine_test::LoadFiles({{"strace_log", SourceKind::kStrace, npm_start + "\"start\"" + npm_end}});
  EXPECT_TRUE(run->model.process(run->model.FindPid(67)).launcher);
}

// BusyBox `ps -T` prints a thread's tid in the PID column with its process's argv, so the ps
// parser cannot tell its row from a process's (PsParser busybox_ps_T.txt); the trace can: the
// rows of the traced program's threads join its process and make no process of their own
// (a real capture, shortened).
TEST(Model, BusyboxThreadRowsJoinTheirTracedProcess) {
  const std::string trace =
      "32177 18:32:49.723030 execve(\"/usr/bin/python3\", [\"/usr/bin/python3\", \"-S\", \"thr.py\"], 0x7fffdbb5dcc0 /* 37 vars */) = 0 <0.000199>\n"
      "32177 18:32:49.745269 clone3({flags=CLONE_VM|CLONE_FS|CLONE_FILES|CLONE_SIGHAND|CLONE_THREAD|CLONE_SYSVSEM|CLONE_SETTLS|CLONE_PARENT_SETTID|CLONE_CHILD_CLEARTID, child_tid=0x7f31bbd69990, parent_tid=0x7f31bbd69990, exit_signal=0, stack=0x7f31bb569000, stack_size=0x7fff80, tls=0x7f31bbd696c0} => {parent_tid=[32181]}, 88) = 32181 <0.000126>\n"
      "32177 18:32:49.745981 clone3({flags=CLONE_VM|CLONE_FS|CLONE_FILES|CLONE_SIGHAND|CLONE_THREAD|CLONE_SYSVSEM|CLONE_SETTLS|CLONE_PARENT_SETTID|CLONE_CHILD_CLEARTID, child_tid=0x7f31bb564990, parent_tid=0x7f31bb564990, exit_signal=0, stack=0x7f31bad64000, stack_size=0x7fff80, tls=0x7f31bb5646c0} => {parent_tid=[32182]}, 88) = 32182 <0.000037>\n"
      "32177 18:32:49.746588 clone3({flags=CLONE_VM|CLONE_FS|CLONE_FILES|CLONE_SIGHAND|CLONE_THREAD|CLONE_SYSVSEM|CLONE_SETTLS|CLONE_PARENT_SETTID|CLONE_CHILD_CLEARTID, child_tid=0x7f31bad5f990, parent_tid=0x7f31bad5f990, exit_signal=0, stack=0x7f31ba55f000, stack_size=0x7fff80, tls=0x7f31bad5f6c0} => {parent_tid=[32184]}, 88) = 32184 <0.000039>\n"
      "32184 18:32:51.247643 +++ exited with 0 +++\n"
      "32182 18:32:51.247905 +++ exited with 0 +++\n"
      "32181 18:32:51.251077 +++ exited with 0 +++\n"
      "32177 18:32:51.259042 exit_group(0)     = ?\n"
      "32177 18:32:51.260048 +++ exited with 0 +++\n"
      ;
  const std::string ps =
      "PID   USER     COMMAND\n"
      "32177 root     /usr/bin/python3 -S thr.py\n"
      "32181 root     /usr/bin/python3 -S thr.py\n"
      "32182 root     /usr/bin/python3 -S thr.py\n"
      "32184 root     /usr/bin/python3 -S thr.py\n"
      ;
  auto l = LoadWithPs(trace, ps);
  const Model& m = l->model;
  EXPECT_EQ(SortedPids(m, false), std::vector<int32_t>{32177});
  const ProcIndex python = m.FindPid(32177);
  EXPECT_EQ(SortedThreads(m.process(python)), (std::vector<int32_t>{32181, 32182, 32184}));
  for (EventIndex i = 0; i < m.store().size(); ++i)
    if (m.store().event(i).type == EventType::kProcessRow) EXPECT_EQ(m.ProcessOf(i), python) << i;
}

// Inside a new pid namespace fork returns the child's pid as the namespace numbers it: bwrap
// --unshare-pid's init (7972) forks the command and strace prints "= 2", while the command's
// lines carry 7988 (a real capture, shortened). The result is matched to the tid no clone
// names that starts after it, so the command is bwrap's grandchild and the target; without
// the pid namespace nothing is renumbered.
TEST(Model, ForkResultsInsideANewPidNamespaceAreMatchedToTheirTids) {
  auto l = engine_test::LoadFiles({{"strace_log", SourceKind::kStrace,
      "7968  18:40:18.004568 execve(\"/usr/bin/bwrap\", [\"bwrap\", \"--unshare-pid\", \"--ro-bind\", \"/\", \"/\", \"--bind\", \"/tmp/rt-l3/app\", \"/tmp/rt-l3/app\", \"--proc\", \"/proc\", \"--dev\", \"/dev\", \"--chdir\", \"/tmp/rt-l3/app\", \"/usr/bin/python3\", \"-S\", \"app.py\"], 0x7ffe891179e0 /* 38 vars */) = 0 <0.000316>\n"
      "7968  18:40:18.019392 clone(child_stack=NULL, flags=CLONE_NEWNS|CLONE_NEWPID|SIGCHLD) = 7972 <0.000236>\n"
      "7972  18:40:18.031028 read(5<anon_inode:[eventfd]>, \"\\1\\0\\0\\0\\0\\0\\0\\0\", 8) = 8 <0.000011>\n"
      "7972  18:40:18.052832 clone(child_stack=NULL, flags=CLONE_CHILD_CLEARTID|CLONE_CHILD_SETTID|SIGCHLD, child_tidptr=0x7f896fe17490) = 2 <0.000135>\n"
      "7988  18:40:18.096321 set_robust_list(0x7f896fe174a0, 24) = 0 <0.000009>\n"
      "7988  18:40:18.098477 execve(\"/usr/bin/python3\", [\"/usr/bin/python3\", \"-S\", \"app.py\"], 0x7ffed1b7a898 /* 38 vars */) = 0 <0.000625>\n"
      "7988  18:40:18.131697 exit_group(0)     = ?\n"
      "7988  18:40:18.132142 +++ exited with 0 +++\n"
      "7968  18:40:18.151715 +++ exited with 0 +++\n"
      "7972  18:40:18.151928 +++ exited with 0 +++\n"
  }});
  const Model& m = l->model;
  EXPECT_EQ(SortedPids(m, false), (std::vector<int32_t>{7968, 7972, 7988}));
  const Process& python = m.process(m.FindPid(7988));
  ASSERT_NE(python.parent, kNoProc);
  EXPECT_EQ(m.process(python.parent).pid, 7972);
  EXPECT_EQ(WrappedPid(m), 7988);
  EXPECT_EQ(m.notes().size(), 1u);
}

// A batch program killed by SIGABRT after it had created and written its output in the app's
// directory died mid-run (testdata/cases/c_abort_midrun, shortened): no start-up crash. The
// same abort before any output, or after writing only a log, is one.
TEST(Model, ACrashAfterTheOutputWasWrittenIsMidRun) {
  const std::string start =
      "49    16:57:45.612136 execve(\"./ledger\", [\"./ledger\"], 0x7fff22fa1db0 /* 7 vars */) = 0 <0.000262>\n"
      "49    16:57:45.613838 openat(AT_FDCWD</home/auditor/app>, \"input/ledger.csv\", O_RDONLY) = 3</home/auditor/app/input/ledger.csv> <0.000015>\n";
  const std::string end =
      "49    16:57:45.614547 tgkill(49, 49, SIGABRT) = 0 <0.000010>\n"
      "49    16:57:45.614573 --- SIGABRT {si_signo=SIGABRT, si_code=SI_TKILL, si_pid=49, si_uid=1001} ---\n"
      "49    16:57:45.614707 +++ killed by SIGABRT +++\n";
  auto output = [](const std::string& name) {
    return "49    16:57:45.613907 openat(AT_FDCWD</home/auditor/app>, \"out/" + name +
           "\", O_WRONLY|O_CREAT|O_TRUNC, 0666) = 4</home/auditor/app/out/" + name + "> <0.000022>\n"
           "49    16:57:45.614105 write(4</home/auditor/app/out/" + name + ">, \"acme 1200\\n\", 10) = 10 <0.000015>\n";
  };
  auto midrun = engine_test::LoadFiles({{"strace_log", SourceKind::kStrace, start + output("totals.txt") + end}});
  const RunLife& life = midrun->model.life();
  EXPECT_FALSE(life.startup_crash);
  EXPECT_EQ(life.reason, "the target was killed by SIGABRT after 0.00 s mid-run, after it had written its output "
                         "(/home/auditor/app/out/totals.txt, 1 write): no start-up failure");
  auto at_start = engine_test::LoadFiles({{"strace_log", SourceKind::kStrace, start + end}});
  EXPECT_TRUE(at_start->model.life().startup_crash);
  auto log_only = engine_test::LoadFiles({{"strace_log", SourceKind::kStrace, start + output("ledger.log") + end}});
  EXPECT_TRUE(log_only->model.life().startup_crash);
}

// Whether a connected socket carried data: "LINE ADDRESS sent|nothing|unknown" per inet
// connect to port 53. HAProxy's resolver check connects a UDP socket to 127.0.0.11:53 and
// closes it (nothing: no packet left); glibc's getaddrinfo sends its queries with sendmmsg on
// the connected socket (py_dns_lookup), Go's resolver with write() (go_dns_tunnel).
std::vector<std::string> DnsConnectsSent(const engine_test::Loaded& l, size_t most) {
  static constexpr const char* kNames[] = {"unknown", "nothing", "sent"};
  std::vector<std::string> out;
  for (const Endpoint& ep : l.model.endpoints())
    if (ep.op == Op::kConnect && ep.port == 53 && out.size() < most)
      out.push_back(StrCat(l.store.event(ep.event).line, " ", l.store.str(ep.address), " ",
                           kNames[static_cast<int>(ep.sent)]));
  return out;
}

TEST(Model, ConnectedSocketsSayWhetherTheyCarriedData) {
  EXPECT_EQ(DnsConnectsSent(*LoadFolder("cases/haproxy_lb_clean"), 5),
            std::vector<std::string>{"910 127.0.0.11:53 nothing"});
  EXPECT_EQ(DnsConnectsSent(*LoadFolder("cases/py_dns_lookup"), 2),
            (std::vector<std::string>{"671 127.0.0.1:53 sent", "680 127.0.0.1:53 sent"}));
  EXPECT_EQ(DnsConnectsSent(*LoadFolder("cases/go_dns_tunnel"), 1), std::vector<std::string>{"282 127.0.0.11:53 sent"});
}


// strace -p: the trace has no start-up calls, so only the strace row ps caught says whether
// it was filtered (testdata/cases/busybox_httpd_attach, its first lines).
TEST(Model, PsRowOfTheAttachedStraceSaysWhatWasTraced) {
  const std::string trace =
      "40    18:12:28.137033 accept(3<socket:[3830509]>, {sa_family=AF_INET, sin_port=htons(53006), "
      "sin_addr=inet_addr(\"127.0.0.1\")}, [28 => 16]) = 4<socket:[3830525]> <0.737773>\n"
      "40    18:12:28.875416 setsockopt(4<socket:[3830525]>, SOL_SOCKET, SO_KEEPALIVE, [1], 4) = 0 <0.000012>\n"
      "40    18:12:28.875493 clone(child_stack=NULL, flags=CLONE_CHILD_CLEARTID|CLONE_CHILD_SETTID|SIGCHLD, "
      "child_tidptr=0x7f7f1c6cba10) = 57 <0.000221>\n"
      "57    18:12:28.886352 exit_group(0)     = ?\n"
      "57    18:12:28.886484 +++ exited with 0 +++\n";
  auto ps = [](const std::string& strace_args) {
    return "UID          PID    PPID  C STIME TTY          TIME CMD\n"
           "auditor       40       1  0 18:12 ?        00:00:00 busybox httpd -f -p 127.0.0.1:8152 -h www\n"
           "root          46       1  0 18:12 ?        00:00:00 strace " + strace_args + "\n";
  };
  struct Case {
    std::string args;
    bool attached, unfiltered;
  };
  for (const Case& c : {Case{"-f -tt -T -y -o /artifacts/strace_log -p 40", true, true},
                        Case{"-f -e trace=%network,%process -p 40", true, false},
                        Case{"-fe trace=network -p 40", true, false},
                        Case{"-f -Z -p 40", true, false},
                        Case{"-f -P /etc/passwd -p 40", true, false},
                        Case{"-f -e signal=none -e verbose=all -s 64 --attach=40", true, true},
                        Case{"-f -p 41", false, false},  // another process's strace
                        Case{"-f busybox httpd -f -p 127.0.0.1:8152 -h www", false, true}}) {
    auto l = engine_test::LoadFiles({{"strace_log", SourceKind::kStrace, trace}, {"ps.txt", SourceKind::kPs, ps(c.args)}});
    const Model& m = l->model;
    EXPECT_EQ(m.tracer() != kNoProc && m.tracer_attached(), c.attached) << c.args;
    EXPECT_EQ((m.traced_calls() & kCallsMemory) != 0, c.unfiltered) << c.args;
    // The child forked without exec runs the program ps names for its parent.
    ProcIndex child = m.FindPid(57);
    ASSERT_NE(child, kNoProc);
    EXPECT_EQ(l->store.str(m.process(child).cmdline), "busybox httpd -f -p 127.0.0.1:8152 -h www") << c.args;
  }
}

// Two threads on one fd number (testdata/cases/py_httpserver_v6_qq): thread 52's close of the
// old fd 4 is still unfinished when the main thread's accept4, started one line earlier,
// returns 4 for the next client. The close names the socket it closed; the new one keeps its
// peer, and thread 53's transfers on it have their address.
TEST(Model, AnUnfinishedCloseOfTheOldFdDoesNotDropTheReusedNumber) {
  const std::string trace =
      "47    18:12:38.035289 accept4(3<socket:[3831733]>, {sa_family=AF_INET6, sin6_port=htons(45950), "
      "sin6_flowinfo=htonl(0), inet_pton(AF_INET6, \"::1\", &sin6_addr), sin6_scope_id=0}, [28], SOCK_CLOEXEC) = "
      "4<socket:[3831749]> <0.000042>\n"
      "47    18:12:38.035751 clone3({flags=CLONE_VM|CLONE_FS|CLONE_FILES|CLONE_SIGHAND|CLONE_THREAD|CLONE_SYSVSEM|"
      "CLONE_SETTLS|CLONE_PARENT_SETTID|CLONE_CHILD_CLEARTID, child_tid=0x7f3259cd0990, parent_tid=0x7f3259cd0990, "
      "exit_signal=0, stack=0x7f32594d0000, stack_size=0x7fff80, tls=0x7f3259cd06c0} => {parent_tid=[52]}, 88) = 52 "
      "<0.000068>\n"
      "47    18:12:38.055229 accept4(3<socket:[3831733]>,  <unfinished ...>\n"
      "52    18:12:38.055249 close(4<socket:[3831749]> <unfinished ...>\n"
      "47    18:12:38.055290 <... accept4 resumed>{sa_family=AF_INET6, sin6_port=htons(45960), sin6_flowinfo=htonl(0), "
      "inet_pton(AF_INET6, \"::1\", &sin6_addr), sin6_scope_id=0}, [28], SOCK_CLOEXEC) = 4<socket:[3831757]> <0.000042>\n"
      "52    18:12:38.055309 <... close resumed>) = 0 <0.000051>\n"
      "47    18:12:38.055947 clone3({flags=CLONE_VM|CLONE_FS|CLONE_FILES|CLONE_SIGHAND|CLONE_THREAD|CLONE_SYSVSEM|"
      "CLONE_SETTLS|CLONE_PARENT_SETTID|CLONE_CHILD_CLEARTID, child_tid=0x7f32594cf990, parent_tid=0x7f32594cf990, "
      "exit_signal=0, stack=0x7f3258ccf000, stack_size=0x7fff80, tls=0x7f32594cf6c0} => {parent_tid=[53]}, 88) = 53 "
      "<0.000045>\n"
      "53    18:12:38.059418 recvfrom(4<socket:[3831757]>, \"GET /index.html HTTP/1.1\\r\\nAccept\"..., 8192, 0, NULL, "
      "NULL) = 124 <0.000015>\n"
      "53    18:12:38.060177 sendto(4<socket:[3831757]>, \"HTTP/1.0 200 OK\\r\\nServer: SimpleH\"..., 185, 0, NULL, 0) = "
      "185 <0.000079>\n";
  auto l = engine_test::LoadFiles({{"strace_log", SourceKind::kStrace, trace}});
  std::vector<std::string> transfers;
  for (const Endpoint& ep : l->model.endpoints())
    if (ep.op == Op::kSend || ep.op == Op::kRecv) transfers.push_back(std::string(l->store.str(ep.address)));
  EXPECT_EQ(transfers, (std::vector<std::string>{"[::1]:45960", "[::1]:45960"}));
}

// A child forked after its parent's sleeps carries them; SleepersBefore names who slept
// (the parent's sleep events, so its program before the child's exec), own sleeps first.
TEST(Model, SleepsOfTheCreatorBeforeTheForkAreNamedAsItsOwn) {
  const std::string trace =
      "51    18:31:00.411329 execve(\"./updater\", [\"./updater\"], 0x7ffd47113d50 /* 7 vars */) = 0 <0.000272>\n"
      "51    18:31:00.412978 clock_nanosleep(CLOCK_REALTIME, 0, {tv_sec=10, tv_nsec=0}, NULL) = 0 <10.000133>\n"
      "51    18:31:10.413200 clock_nanosleep(CLOCK_REALTIME, 0, {tv_sec=20, tv_nsec=0}, NULL) = 0 <20.000108>\n"
      "51    18:31:30.423455 clone(child_stack=NULL, flags=CLONE_CHILD_CLEARTID|CLONE_CHILD_SETTID|SIGCHLD, child_tidptr=0x7f3b) = 52 <0.000100>\n"
      "52    18:31:30.424000 clock_nanosleep(CLOCK_REALTIME, 0, {tv_sec=2, tv_nsec=0}, NULL) = 0 <2.000100>\n"
      "52    18:31:32.427079 execve(\"/bin/sh\", [\"sh\", \"-c\", \"id\"], 0x7ffd543834c8 /* 7 vars */) = 0 <0.000245>\n"
      "52    18:31:32.454782 +++ exited with 0 +++\n"
      "51    18:31:32.455611 +++ exited with 0 +++\n";
  auto l = engine_test::LoadFiles({{"strace_log", SourceKind::kStrace, trace}});
  const EventStore& s = l->store;
  const Model& m = l->model;
  EventIndex exec = kNoEvent;
  for (EventIndex i = 0; i < s.size(); ++i)
    if (s.event(i).op == Op::kExec && s.event(i).tid == 52) exec = i;
  ASSERT_NE(exec, kNoEvent);
  const auto sleepers = m.sleeps().SleepersBefore(52, s.event(exec).time_ns);
  ASSERT_EQ(sleepers.size(), 2u);
  EXPECT_EQ(s.event(sleepers[0].first).line, 5u);
  EXPECT_EQ(sleepers[0].second, 2'000'000'000);  // -T's time, kept in ms
  EXPECT_EQ(s.event(sleepers[1].first).line, 3u);
  EXPECT_EQ(sleepers[1].second, 30'000'000'000);
  EXPECT_EQ(m.sleeps().SleptBefore(52, s.event(exec).time_ns), 32'000'000'000);
  EXPECT_EQ(s.str(m.ProgramAt(m.ProcessOf(sleepers[1].first), sleepers[1].first).exe), "./updater");
}

}  // namespace rundown

namespace rundown {

// A write's peer: the parent's connection written by its forked child (the fd table is copied
// at fork), a socket connected before strace -p attached (its -yy annotation), not a server's
// reply on an accepted socket, nor a write on a plain socket the table does not know as
// connected. "LINE PEER" per write.
TEST(Model, WritesOnConnectedSocketsNameTheirPeer) {
  const std::string trace =
      "70    10:00:00.000200 socket(AF_INET, SOCK_STREAM|SOCK_CLOEXEC, IPPROTO_TCP) = 3<TCP:[4100001]> <0.000020>\n"
      "70    10:00:00.000300 connect(3<TCP:[4100001]>, {sa_family=AF_INET, sin_port=htons(8451), sin_addr=inet_addr(\"127.0.0.1\")}, 16) = 0 <0.000080>\n"
      "70    10:00:00.000400 clone(child_stack=NULL, flags=CLONE_CHILD_CLEARTID|CLONE_CHILD_SETTID|SIGCHLD, child_tidptr=0x7f0eb4479a10) = 71 <0.000150>\n"
      "71    10:00:00.000500 write(3, \"GET /a HTTP/1.1\\r\\n\", 17) = 17 <0.000020>\n"
      "70    10:00:00.000600 write(9<TCP:[127.0.0.1:40200->10.0.0.9:8451]>, \"x\", 1) = 1 <0.000020>\n"
      "70    10:00:00.001000 accept4(4<TCP:[127.0.0.1:8080]>, NULL, NULL, SOCK_CLOEXEC) = 5<TCP:[127.0.0.1:8080->127.0.0.1:40300]> <0.000020>\n"
      "70    10:00:00.001100 write(5<TCP:[127.0.0.1:8080->127.0.0.1:40300]>, \"HTTP/1.1 200 OK\\r\\n\", 17) = 17 <0.000020>\n"
      "70    10:00:00.001200 socket(AF_INET, SOCK_STREAM|SOCK_CLOEXEC, IPPROTO_TCP) = 6<TCP:[4100009]> <0.000020>\n"
      "70    10:00:00.001300 write(6<TCP:[4100009]>, \"x\", 1) = -1 EPIPE (Broken pipe) <0.000020>\n";
  auto l = engine_test::LoadFiles({{"strace_log", SourceKind::kStrace, trace}});
  std::vector<std::string> peers;
  for (EventIndex i = 0; i < l->store.size(); ++i)
    if (l->store.event(i).op == Op::kWrite)
      peers.push_back(StrCat(l->store.event(i).line, " ", l->store.str(l->model.WritePeer(i))));
  EXPECT_EQ(peers, (std::vector<std::string>{"4 127.0.0.1:8451", "5 10.0.0.9:8451", "7 ", "9 "}));
}

}  // namespace rundown

namespace rundown {

// strace -p attached to a running program (no execve in the trace): -yy connections the fd
// table never saw created predate the trace. Fd 4's local port is the one fd 3 accepts on
// (cases/py_echo_attach_preaccepted's lines): accepted before the trace. Fd 6's local port is
// an ephemeral one: a connection the program opened before the trace.
TEST(Model, ConnectionsOpenWhenStraceAttachedPredateTheTrace) {
  const std::string trace =
      "41    21:23:38.784985 recvfrom(4<TCP:[127.0.0.1:8161->127.0.0.1:51482]>, \"after attach\\n\", 4096, 0, NULL, "
      "NULL) = 13 <0.000014>\n"
      "41    21:23:38.785090 sendto(4<TCP:[127.0.0.1:8161->127.0.0.1:51482]>, \"echo: after attach\\n\", 19, 0, NULL, "
      "0) = 19 <0.000262>\n"
      "41    21:23:38.785502 accept4(3<TCP:[127.0.0.1:8161]>, {sa_family=AF_INET, sin_port=htons(51494), "
      "sin_addr=inet_addr(\"127.0.0.1\")}, [16], SOCK_CLOEXEC) = 5<TCP:[127.0.0.1:8161->127.0.0.1:51494]> <0.000019>\n"
      "41    21:23:38.788266 recvfrom(5<TCP:[127.0.0.1:8161->127.0.0.1:51494]>, \"new\\n\", 4096, 0, NULL, NULL) = 4 "
      "<0.000016>\n"
      "41    21:23:38.790000 sendto(6<TCP:[127.0.0.1:40112->127.0.0.1:9200]>, \"ping\\n\", 5, 0, NULL, 0) = 5 "
      "<0.000020>\n";
  auto l = engine_test::LoadFiles({{"strace_log", SourceKind::kStrace, trace}});
  std::vector<std::string> transfers;
  for (const Endpoint& ep : l->model.endpoints()) {
    if (ep.op != Op::kSend && ep.op != Op::kRecv) continue;
    transfers.push_back(StrCat(l->store.event(ep.event).line, " ", l->store.str(ep.address),
                               ep.accepted_peer ? " accepted" : "", ep.before_trace ? " before" : ""));
  }
  EXPECT_EQ(transfers, (std::vector<std::string>{"1 127.0.0.1:51482 accepted before", "2 127.0.0.1:51482 accepted before",
                                                 "4 127.0.0.1:51494 accepted", "5 127.0.0.1:9200 before"}));
}

}  // namespace rundown
