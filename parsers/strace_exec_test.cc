// Process and privilege calls: execve/execveat (argv joined, env count), clone/clone3/
// fork/vfork (CloneFlag bits), exit/exit_group, wait4, kill/tgkill, set*id/setgroups,
// capset, prctl, ptrace, mmap/mprotect, memfd_create, dup, pipe. Real lines from
// testdata/p4 (the shell spawn) and testdata/formats/strace/.
#include "gtest/gtest.h"
#include "parsers/strace_syscalls.h"
#include "parsers/strace_test_util.h"

namespace rundown {
namespace {

using strace_test::Dump;
using strace_test::DumpCase;
using strace_test::DumpLine;
using strace_test::ExpectDumps;
using strace_test::ParseText;
using strace_test::Testdata;

TEST(StraceExec, ExecveArgvAndEnvironment) {
  static const DumpCase kCases[] = {
      // formats/strace/f_tt_T_y_privesc.txt: a setuid program started with argc 0 (kExecEmptyArgv).
      {"24268 17:44:56.717164 execve(\"/usr/bin/su\", [], 0x7fff8b5ce020 /* 3 vars */) = 0 <0.000269>",
       "execve tid=24268 op=exec res=0 str=\"/usr/bin/su\" f=0x2 a=3"},
      // p2 strace_log line 1.
      {"28    1795375881.065207 execve(\"/usr/bin/node\", [\"node\", \"app.js\"], 0x7ffea00c0ff8 /* 7 vars */) = 0 <0.001703>",
       "execve tid=28 op=exec res=0 str=\"/usr/bin/node\" a=7 s2=\"node app.js\""},
      // p4 strace_log.91 line 42: the shell a chat command started.
      {"19:31:44.352012 execve(\"/bin/sh\", [\"/bin/sh\", \"-c\", \"id; cat /etc/passwd\"], 0x3291a690 /* 15 vars */) = 0 "
       "<0.003734>",
       "execve tid=0 op=exec res=0 str=\"/bin/sh\" a=15 s2=\"/bin/sh -c id; cat /etc/passwd\""},
      // formats/strace/f_tt_T_yy_ops.txt: thirteen arguments with escapes, unescaped and joined.
      {"9566  00:38:58.252216 execve(\"/bin/true\", [\"true\", \"arg with space\", \"q\\\"uote\", \"tab\\tx\", \"1\", \"2\", "
       "\"3\", \"4\", \"5\", \"6\", \"7\", \"8\", \"9\"], 0x7ffc09f96520 /* 41 vars */) = 0 <0.000987>",
       "execve tid=9566 op=exec res=0 str=\"/bin/true\" a=41 s2=\"true arg with space q\"uote tab\tx 1 2 3 4 5 6 7 8 9\""},
      // A failed PATH probe (formats/strace/f_tt_setpriv.txt came from the same capture).
      {"30790 01:02:26.687567 execve(\"/root/.cargo/bin/true\", [\"true\"], 0x7ffecd737848 /* 41 vars */) = -1 ENOENT "
       "(No such file or directory)",
       "execve tid=30790 op=exec res=-1 err=ENOENT str=\"/root/.cargo/bin/true\" a=41 s2=\"true\""},
      // formats/strace/f_tt_y_fexecve.txt: a file-less exec of a memfd (f=0x8: kExecDeleted, -y marks it deleted).
      {"27424 00:58:48.203838 execveat(3</memfd:payload>(deleted), \"\", [\"payload\", \"-x\"], 0x7f8c204c01d0 /* 1 var */, "
       "AT_EMPTY_PATH) = 0",
       "execveat tid=27424 op=exec res=0 fd=3 str=\"/memfd:payload\" f=0x8 a=1 s2=\"payload -x\""},
      // -x prints non-printable bytes as \x escapes (formats/strace/x.txt).
      {"execve(\"/usr/bin/cat\", [\"cat\", \"/tmp/st/nl\\nx\", \"/tmp/st/caf\\\\xc3\\\\xa9\"], 0x7ffed2ed9ed8 /* 41 vars */) = 0",
       "execve tid=0 op=exec res=0 str=\"/usr/bin/cat\" a=41 s2=\"cat /tmp/st/nl\nx /tmp/st/caf\\xc3\\xa9\""},
  };
  ExpectDumps(kCases, std::size(kCases));
}

TEST(StraceExec, TruncatedArgvAndVerboseEnvironment) {
  // formats/strace/s8_and_v.txt: strace -s 8 cuts strings ("..." after the quote), and the
  // command line keeps the mark; strace -v prints the environment as an array, which is counted.
  EXPECT_EQ(DumpLine("execve(\"/usr/bin/python3\", [\"/usr/bin\"..., \"-c\", \"import o\"...], 0x7fff012621f0 /* 41 vars */) = 0"),
            "execve tid=0 op=exec res=0 str=\"/usr/bin/python3\" truncated f=0x1 a=41 s2=\"/usr/bin... -c import o...\"");
  EXPECT_EQ(DumpLine("execve(\"/usr/bin/true\", [\"/usr/bin/true\"], [\"A=1\", \"B=2\"]) = 0"),
            "execve tid=0 op=exec res=0 str=\"/usr/bin/true\" f=0x4 a=2 s2=\"/usr/bin/true\"");
}

// formats/strace/f_tt_T_y_v_env_hooks.txt (strace -f -v -tt -T -y -s 128 -E BASH_ENV=...
// sh -c '...'): the environment's code hooks are kept in environment order, the ones that
// load nothing (a system library, a heap size) are not.
TEST(StraceExec, EnvironmentCodeHooks) {
  static const DumpCase kCases[] = {
      {"28590 09:42:25.526690 execve(\"/bin/true\", [\"/bin/true\"], [\"HOME=/tmp/envcap\", \"PATH=/usr/bin:/bin\", "
       "\"LD_PRELOAD=./libhook.so\", \"BASH_ENV=/tmp/envcap/benv.sh\", \"PWD=/tmp/envcap\"]) = 0 <0.000143>",
       "execve tid=28590 op=exec res=0 str=\"/bin/true\" f=0x4 a=5 s2=\"/bin/true\" "
       "s3=\"LD_PRELOAD=./libhook.so BASH_ENV=/tmp/envcap/benv.sh\""},
      {"28591 09:42:25.532591 execve(\"/bin/true\", [\"/bin/true\"], [\"HOME=/tmp/envcap\", \"PATH=/usr/bin:/bin\", "
       "\"LD_PRELOAD=/usr/lib/x86_64-linux-gnu/libc.so.6\", \"BASH_ENV=/tmp/envcap/benv.sh\", \"PWD=/tmp/envcap\"]) = 0",
       "execve tid=28591 op=exec res=0 str=\"/bin/true\" f=0x4 a=5 s2=\"/bin/true\" s3=\"BASH_ENV=/tmp/envcap/benv.sh\""},
      {"28593 09:42:25.591311 execve(\"/usr/bin/node\", [\"node\", \"-e\", \"1\"], [\"HOME=/tmp/envcap\", "
       "\"NODE_OPTIONS=--require /tmp/envcap/h.js\", \"PATH=/usr/bin:/bin\"]) = 0",
       "execve tid=28593 op=exec res=0 str=\"/usr/bin/node\" f=0x4 a=3 s2=\"node -e 1\" "
       "s3=\"NODE_OPTIONS=--require /tmp/envcap/h.js\""},
      {"28600 09:42:25.648652 execve(\"/usr/bin/node\", [\"node\", \"-e\", \"1\"], [\"HOME=/tmp/envcap\", "
       "\"NODE_OPTIONS=--max-old-space-size=100\"]) = 0",
       "execve tid=28600 op=exec res=0 str=\"/usr/bin/node\" f=0x4 a=2 s2=\"node -e 1\""},
  };
  ExpectDumps(kCases, std::size(kCases));
}

TEST(StraceExec, CloneForkAndThreads) {
  static const DumpCase kCases[] = {
      // p1 strace_log.28: a thread.
      {"19:31:04.520000 clone3({flags=CLONE_VM|CLONE_FS|CLONE_FILES|CLONE_SIGHAND|CLONE_THREAD|CLONE_SYSVSEM|"
       "CLONE_SETTLS|CLONE_PARENT_SETTID|CLONE_CHILD_CLEARTID, child_tid=0x7f3fe5dff910, parent_tid=0x7f3fe5dff910, "
       "exit_signal=0, stack=0x7f3fe55ff000, stack_size=0x7fff00, tls=0x7f3fe5dff640} => {parent_tid=[35]}, 88) = 35 "
       "<0.000067>",
       "clone3 tid=0 op=clone res=35 f=0x1f"},
      // p4 strace_log.28 line 917: libuv spawning the shell (no CLONE_THREAD: a process).
      {"19:31:44.345505 clone(child_stack=NULL, flags=CLONE_CHILD_CLEARTID|CLONE_CHILD_SETTID|SIGCHLD, "
       "child_tidptr=0x7f9f9e698f50) = 91 <0.001260>",
       "clone tid=0 op=clone res=91 f=0x4000"},
      // p4 strace_log.91 line 94: dash.
      {"19:31:44.361770 vfork()                 = 92 <0.000606>", "vfork tid=0 op=clone res=92 f=0x4021"},
  };
  ExpectDumps(kCases, std::size(kCases));
}

TEST(StraceExec, ExitWaitKillPtrace) {
  static const DumpCase kCases[] = {
      {"19:31:19.918462 exit_group(0)           = ?", "exit_group tid=0 op=exit res=0 ? a=0"},
      {"19:31:19.914973 exit(0)                 = ?", "exit tid=0 op=exit res=0 ? a=0"},
      // formats/strace/tt_ptrace.txt: strace traced by strace.
      {"01:02:26.624518 ptrace(PTRACE_SEIZE, 30782, NULL, 0) = 0", "ptrace tid=0 op=ptrace res=0 str=\"PTRACE_SEIZE\" f=0x4206 a=30782"},
      {"01:02:26.624811 kill(30782, SIGKILL)    = 0", "kill tid=0 op=kill res=0 a=30782 b=9"},
      {"01:02:26.624896 wait4(30782, [{WIFSIGNALED(s) && WTERMSIG(s) == SIGKILL}], 0, NULL) = 30782",
       "wait4 tid=0 op=wait res=30782 a=30782"},
      {"9564  00:38:58.225619 kill(9564, 0)     = 0 <0.000033>", "kill tid=9564 op=kill res=0 a=9564 b=0"},
  };
  ExpectDumps(kCases, std::size(kCases));
}

TEST(StraceExec, PrivilegeCalls) {
  // formats/strace/f_tt_setpriv.txt: setpriv --reuid=1001 --regid=1001 --clear-groups ...
  static const DumpCase kCases[] = {
      {"30790 01:02:26.686428 setresuid(1001, 1001, 1001) = 0", "setresuid tid=30790 op=setid res=0 a=1001 b=1001 c=1001"},
      {"30790 01:02:26.686616 setgroups(0, [])  = 0", "setgroups tid=30790 op=setid res=0"},
      {"9564  00:38:58.225200 setgroups(2, [0, 27]) = 0 <0.000050>", "setgroups tid=9564 op=setid res=0 a=0 b=27"},
      {"9564  00:38:58.225119 setresuid(-1, 0, -1) = 0 <0.000033>", "setresuid tid=9564 op=setid res=0 b=0"},
      {"30790 01:02:26.685310 prctl(PR_SET_KEEPCAPS, 1) = 0", "prctl tid=30790 op=prctl res=0 str=\"PR_SET_KEEPCAPS\" f=0x8 a=1"},
      {"30790 01:02:26.687007 prctl(PR_CAPBSET_DROP, CAP_NET_RAW) = 0",
       "prctl tid=30790 op=prctl res=0 str=\"PR_CAPBSET_DROP\" f=0x18"},
      {"9564  00:38:58.225352 prctl(PR_SET_NAME, \"worker\") = 0 <0.000038>",
       "prctl tid=9564 op=prctl res=0 str=\"PR_SET_NAME\" f=0xf s2=\"worker\""},
      // cases/c_evasive_miner: a thread renamed through /proc keeps the name like PR_SET_NAME;
      // other writes keep no data, and without -y the file is unknown to the decoder.
      {"74    04:39:40.472730 write(3</proc/74/task/175/comm>, \"kworker/0:2H\", 12) = 12",
       "write tid=74 op=write res=12 fd=3 str=\"/proc/74/task/175/comm\" s2=\"kworker/0:2H\""},
      {"74    04:39:40.472763 write(1</artifacts/program.log>, \"sysupdate: thread renamed\\n\", 26) = 26",
       "write tid=74 op=write res=26 fd=1 str=\"/artifacts/program.log\""},
      {"74    04:39:40.472730 write(3, \"kworker/0:2H\", 12) = 12", "write tid=74 op=write res=12 fd=3"},
  };
  ExpectDumps(kCases, std::size(kCases));
  EventBatch b = ParseText(Testdata("formats/strace/f_tt_setpriv.txt"));
  EXPECT_EQ(b.counters.diagnostics, 0u);
  const Event* capset = nullptr;
  for (const Event& e : b.events)
    if (e.op == Op::kCapset && capset == nullptr) capset = &e;
  ASSERT_NE(capset, nullptr);
  EXPECT_EQ(b.details[capset->detail].a, 30790);  // the pid of the capability header
  EXPECT_EQ(b.details[capset->detail].b, -1);     // sets left non-empty
  EXPECT_TRUE(b.strings.View(capset->str).starts_with("1<<CAP_CHOWN|1<<CAP_DAC_OVERRIDE|"));
}

TEST(StraceExec, CapsetThatEmptiesEverySet) {
  // cases/c_resource_abuse: an unprivileged program empties its (empty) sets; an effective
  // set cleared with the permitted one kept is no full drop.
  static const DumpCase kCases[] = {
      {"50         0.000015 capset({version=_LINUX_CAPABILITY_VERSION_3, pid=0}, {effective=0, permitted=0, "
       "inheritable=0}) = 0 <0.000006>",
       "capset tid=50 op=capset res=0 str=\"0\" a=0 b=1"},
      {"50         0.000015 capset({version=_LINUX_CAPABILITY_VERSION_3, pid=0}, {effective=0, "
       "permitted=1<<CAP_NET_RAW, inheritable=0}) = 0 <0.000006>",
       "capset tid=50 op=capset res=0 str=\"0\" a=0"},
  };
  ExpectDumps(kCases, std::size(kCases));
}

TEST(StraceExec, SignalsThroughAPidfd) {
  // formats/strace/f_tt_decode_fds_pidfd.txt (--decode-fds=all) and f_tt_y_pidfd.txt (-y):
  // the pidfd names its process only in the first.
  static const DumpCase kCases[] = {
      {"15068 17:17:12.747702 pidfd_send_signal(3<pid:15069>, SIGTERM, NULL, 0) = 0",
       "pidfd_send_signal tid=15068 op=kill res=0 fd=3 str=\"pid:15069\" a=15069 b=15"},
      {"15068 17:17:12.748331 pidfd_send_signal(4<pid:1>, 0, NULL, 0) = 0",
       "pidfd_send_signal tid=15068 op=kill res=0 fd=4 str=\"pid:1\" a=1 b=0"},
      {"15114 17:17:29.027007 pidfd_send_signal(3<anon_inode:[pidfd]>, 0, NULL, 0) = 0",
       "pidfd_send_signal tid=15114 op=kill res=0 fd=3 str=\"anon_inode:[pidfd]\" b=0"},
  };
  ExpectDumps(kCases, std::size(kCases));
}

TEST(StraceExec, MemoryDescriptorsAndPipes) {
  static const DumpCase kCases[] = {
      {"9564  00:38:58.110972 mmap(0x7f1c84803000, 475136, PROT_READ|PROT_EXEC, MAP_PRIVATE|MAP_FIXED|MAP_DENYWRITE, "
       "3</usr/lib/x86_64-linux-gnu/libm.so.6>, 0x10000) = 0x7f1c84803000 <0.000025>",
       "mmap tid=9564 op=mmap res=2147483647 fd=3 str=\"/usr/lib/x86_64-linux-gnu/libm.so.6\" wide f=0x5 a=4102"},
      {"9564  00:38:58.243725 mmap(NULL, 8392704, PROT_NONE, MAP_PRIVATE|MAP_ANONYMOUS|MAP_STACK, -1, 0) = 0x7f1c839d1000 "
       "<0.000088>",
       "mmap tid=9564 op=mmap res=2147483647 wide a=522"},
      {"9564  00:38:58.243849 mprotect(0x7f1c839d2000, 8388608, PROT_READ|PROT_WRITE) = 0 <0.000030>",
       "mprotect tid=9564 op=mprotect res=0 f=0x3"},
      {"27424 00:58:48.201466 memfd_create(\"payload\", 0) = 3</memfd:payload>(deleted)",
       "memfd_create tid=27424 op=memfd res=3 str=\"payload\" s2=\"/memfd:payload\""},
      {"9564  00:38:58.224326 dup2(3<pipe:[24509]>, 40) = 40<pipe:[24509]> <0.000024>",
       "dup2 tid=9564 op=dup res=40 fd=3 str=\"pipe:[24509]\""},
      {"9564  00:38:58.224200 pipe2([3<pipe:[24509]>, 4<pipe:[24509]>], O_CLOEXEC) = 0 <0.000035>",
       "pipe2 tid=9564 op=pipe res=0 a=3 b=4 s2=\"pipe:[24509]\" s3=\"pipe:[24509]\""},
  };
  ExpectDumps(kCases, std::size(kCases));
}

// mmap keeps its MAP_* flags in detail.a (MapFlag bits; event.h): MAP_SHARED 1, MAP_PRIVATE 2,
// MAP_FIXED 4, MAP_ANONYMOUS 8, MAP_HUGETLB 16, MAP_32BIT 64, MAP_NORESERVE 128, MAP_DENYWRITE
// 4096. Real lines: php_builtin_server_clean (OPcache's huge-page segment), formats/strace/
// f_tt_mmap_hugetlb.txt and its -X raw / -X verbose captures, f_tt_T_arena_enomem.txt.
TEST(StraceExec, MmapKeepsItsMapFlags) {
  static const DumpCase kCases[] = {
      {"00:18:02.874395 mmap(0x40c00000, 134217728, PROT_READ|PROT_WRITE, "
       "MAP_SHARED|MAP_FIXED|MAP_ANONYMOUS|MAP_32BIT|MAP_HUGETLB, -1, 0) = -1 ENOMEM (Cannot allocate memory) <0.000018>",
       "mmap tid=0 op=mmap res=-1 err=ENOMEM f=0x3 a=93"},
      {"25391 00:55:51.135049 mmap(NULL, 2097152, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS|MAP_HUGETLB, -1, 0) = "
       "-1 ENOMEM (Cannot allocate memory)",
       "mmap tid=25391 op=mmap res=-1 err=ENOMEM f=0x3 a=26"},
      {"25396 00:55:51.176864 mmap(NULL, 2097152, 0x3, 0x40022, -1, 0) = -1 ENOMEM (Cannot allocate memory)",
       "mmap tid=25396 op=mmap res=-1 err=ENOMEM f=0x3 a=26"},
      {"25401 00:55:51.205489 mmap(NULL, 2097152, 0x3 /* PROT_READ|PROT_WRITE */, 0x40022 /* "
       "MAP_PRIVATE|MAP_ANONYMOUS|MAP_HUGETLB */, -1, 0) = -1 ENOMEM (Cannot allocate memory)",
       "mmap tid=25401 op=mmap res=-1 err=ENOMEM f=0x3 a=26"},
      {"25396 00:55:51.176966 mmap(NULL, 2097152, 0x3, 0x21, -1, 0) = 0x7faf7578e000",
       "mmap tid=25396 op=mmap res=2147483647 wide f=0x3 a=9"},
      {"25401 00:55:51.205580 mmap(NULL, 2097152, 0x3 /* PROT_READ|PROT_WRITE */, 0x21 /* MAP_SHARED|MAP_ANONYMOUS */, "
       "-1, 0) = 0x7f1b8de74000",
       "mmap tid=25401 op=mmap res=2147483647 wide f=0x3 a=9"},
      {"25558 00:56:08.957686 mmap(NULL, 134217728, PROT_NONE, MAP_PRIVATE|MAP_ANONYMOUS|MAP_NORESERVE, -1, 0) = -1 "
       "ENOMEM (Cannot allocate memory) <0.000035>",
       "mmap tid=25558 op=mmap res=-1 err=ENOMEM a=138"},
      {"6398  18:21:34.894920 mmap(NULL, 28736, 0x1, 0x802, 3</usr/lib/x86_64-linux-gnu/libcap-ng.so.0.0.0>, 0) = "
       "0x7f8289e1d000",
       "mmap tid=6398 op=mmap res=2147483647 fd=3 str=\"/usr/lib/x86_64-linux-gnu/libcap-ng.so.0.0.0\" wide f=0x1 "
       "a=4098"},
  };
  ExpectDumps(kCases, std::size(kCases));
  EXPECT_EQ(strace::MapFlags("MAP_SHARED_VALIDATE|MAP_SYNC"), uint32_t{kMapShared});
  EXPECT_EQ(strace::MapFlags("0x3"), uint32_t{kMapShared});
  EXPECT_EQ(strace::MapFlags("MAP_PRIVATE|MAP_ANONYMOUS|MAP_HUGETLB|21<<MAP_HUGE_SHIFT"),
            uint32_t{kMapPrivate | kMapAnonymous | kMapHugetlb});
}

TEST(StraceExec, ShellSpawnFromTheSampleRun) {
  // p4: node clones pid 91 (sh -c 'id; cat /etc/passwd'), which vforks 92 (id) and 93 (cat).
  EventBatch node = ParseText(Testdata("p4_shell_spawn/strace_log.28"), 28);
  EventBatch sh = ParseText(Testdata("p4_shell_spawn/strace_log.91"), 91);
  std::vector<std::string> spawns;
  for (const EventBatch* b : {&node, &sh}) {
    EXPECT_EQ(b->counters.diagnostics, 0u);
    for (const Event& e : b->events)
      if ((e.op == Op::kClone && !(b->details[e.detail].flags & kCloneThread)) || e.op == Op::kExec ||
          e.op == Op::kWait || e.type == EventType::kSignal)
        spawns.push_back(Dump(*b, e));
  }
  std::vector<std::string> want = {
      "execve tid=28 op=exec res=0 str=\"/usr/bin/node\" a=7 s2=\"node app.js\"",
      "clone tid=28 op=clone res=91 f=0x4000",
      "SIGNAL SIGCHLD tid=28 str=\"CLD_EXITED\" a=91 b=1001 c=0",
      "wait4 tid=28 op=wait res=91 a=91",
      "SIGNAL SIGTERM tid=28 str=\"SI_USER\" a=1 b=0",
      "execve tid=91 op=exec res=0 str=\"/bin/sh\" a=15 s2=\"/bin/sh -c id; cat /etc/passwd\"",
      "vfork tid=91 op=clone res=92 f=0x4021",
      "wait4 tid=91 op=wait res=92",
      "SIGNAL SIGCHLD tid=91 str=\"CLD_EXITED\" a=92 b=1001 c=0",
      "wait4 tid=91 op=wait res=-1 err=ECHILD",
      "vfork tid=91 op=clone res=93 f=0x4021",
      "wait4 tid=91 op=wait res=93",
      "SIGNAL SIGCHLD tid=91 str=\"CLD_EXITED\" a=93 b=1001 c=0",
      "wait4 tid=91 op=wait res=-1 err=ECHILD",
  };
  EXPECT_EQ(spawns, want);
}

TEST(StraceExec, NamespaceMountKernelAndFileTimeCalls) {
  // cases/c_container_escape (strace -ff -tt -T -y): the parent (strace_log.49) tries kernel
  // modules, kexec, bpf, iopl, host name and clock changes, setns and backdates a file; its
  // child (strace_log.50) makes a user and mount namespace, mounts, chroots and unmounts.
  static const DumpCase kCases[] = {
      {"16:33:06.036558 unshare(CLONE_NEWNS|CLONE_NEWUSER) = 0 <0.000134>",
       "unshare tid=0 op=namespace res=0 f=0x480"},
      // The same run under -X raw and -X verbose (formats/strace/f_tt_y_X_*_escape.txt).
      {"6399  18:21:34.904050 unshare(0x10020000) = 0", "unshare tid=6399 op=namespace res=0 f=0x480"},
      {"6391  18:21:33.872882 unshare(0x10020000 /* CLONE_NEWNS|CLONE_NEWUSER */) = 0",
       "unshare tid=6391 op=namespace res=0 f=0x480"},
      {"16:33:06.035905 setns(-1, CLONE_NEWNS)  = -1 EBADF (Bad file descriptor) <0.000005>",
       "setns tid=0 op=namespace res=-1 err=EBADF f=0x80"},
      // setns(fd, 0): the namespace comes from the fd (an nsfs annotation, or a /proc path).
      {"setns(3<net:[4026532008]>, 0) = 0", "setns tid=0 op=namespace res=0 fd=3 str=\"net:[4026532008]\" f=0x200"},
      {"setns(3</proc/1/ns/user>, 0) = -1 EPERM (Operation not permitted)",
       "setns tid=0 op=namespace res=-1 err=EPERM fd=3 str=\"/proc/1/ns/user\" f=0x400"},
      {"16:33:06.038695 mount(\"none\", \"/tmp/.rk/root\", \"tmpfs\", 0, \"size=1m\") = 0 <0.000254>",
       "mount tid=0 op=mount res=0 str=\"/tmp/.rk/root\" s2=\"none\" s3=\"tmpfs\""},
      {"16:33:06.039136 mount(\"/home/auditor\", \"/tmp/.rk/root\", NULL, MS_BIND|MS_REC, NULL) = 0 <0.000108>",
       "mount tid=0 op=mount res=0 str=\"/tmp/.rk/root\" s2=\"/home/auditor\""},
      {"16:33:06.039433 chroot(\"/tmp/.rk/root\") = 0 <0.000058>", "chroot tid=0 op=mount res=0 str=\"/tmp/.rk/root\""},
      {"16:33:06.039917 umount2(\"/\", MNT_DETACH) = 0 <0.000128>", "umount2 tid=0 op=mount res=0 str=\"/\""},
      {"pivot_root(\".\", \"old\") = -1 EPERM (Operation not permitted)",
       "pivot_root tid=0 op=mount res=-1 err=EPERM str=\".\" s2=\"old\""},
      {"16:33:06.035511 finit_module(3</tmp/.rk/rk.ko>, \"\", 0) = -1 ENOSYS (Function not implemented) <0.000004>",
       "finit_module tid=0 op=module res=-1 err=ENOSYS fd=3 str=\"/tmp/.rk/rk.ko\""},
      {"16:33:06.035551 init_module(0x7fff699e8a80, 384, \"\") = -1 ENOSYS (Function not implemented) <0.000004>",
       "init_module tid=0 op=module res=-1 err=ENOSYS"},
      {"16:33:06.035580 delete_module(\"rk\", O_NONBLOCK) = -1 ENOSYS (Function not implemented) <0.000003>",
       "delete_module tid=0 op=module res=-1 err=ENOSYS str=\"rk\""},
      {"16:33:06.035608 kexec_file_load(3</tmp/.rk/rk.ko>, -1, 1, \"\\0\", KEXEC_FILE_NO_INITRAMFS) = -1 ENOSYS "
       "(Function not implemented) <0.000003>",
       "kexec_file_load tid=0 op=module res=-1 err=ENOSYS fd=3 str=\"/tmp/.rk/rk.ko\""},
      {"16:33:06.035736 iopl(3)                 = -1 ENOSYS (Function not implemented) <0.000004>",
       "iopl tid=0 op=sysadmin res=-1 err=ENOSYS str=\"3\""},
      {"16:33:06.035765 sethostname(\"pwned\", 5) = -1 EPERM (Operation not permitted) <0.000004>",
       "sethostname tid=0 op=sysadmin res=-1 err=EPERM str=\"pwned\""},
      {"16:33:06.035800 settimeofday({tv_sec=1796229186, tv_usec=35797}, NULL) = -1 EPERM (Operation not permitted) "
       "<0.000004>",
       "settimeofday tid=0 op=sysadmin res=-1 err=EPERM"},
      {"16:33:06.035832 clock_settime(CLOCK_REALTIME, {tv_sec=1796229186, tv_nsec=35829597}) = -1 EPERM (Operation "
       "not permitted) <0.000004>",
       "clock_settime tid=0 op=sysadmin res=-1 err=EPERM str=\"CLOCK_REALTIME\""},
      // The three ways to set a file's times, each with 2019-01-01 (1546300800).
      {"16:33:06.041102 utimensat(AT_FDCWD</home/auditor/app>, \"/tmp/.rk/stage2.sh\", [{tv_sec=1546300800, "
       "tv_nsec=0} /* 2019-01-01T00:00:00+0000 */, {tv_sec=1546300800, tv_nsec=0} /* 2019-01-01T00:00:00+0000 */], 0) "
       "= 0 <0.000019>",
       "utimensat tid=0 op=utime res=0 str=\"/tmp/.rk/stage2.sh\" f=0x3 a=1546300800 b=1546300800"},
      {"16:33:06.041156 utimes(\"/tmp/.rk/stage2.sh\", [{tv_sec=1546300800, tv_usec=0} /* 2019-01-01T00:00:00+0000 "
       "*/, {tv_sec=1546300800, tv_usec=0} /* 2019-01-01T00:00:00+0000 */]) = 0 <0.000074>",
       "utimes tid=0 op=utime res=0 str=\"/tmp/.rk/stage2.sh\" f=0x3 a=1546300800 b=1546300800"},
      {"16:33:06.041264 utime(\"/tmp/.rk/stage2.sh\", {actime=1546300800 /* 2019-01-01T00:00:00+0000 */, "
       "modtime=1546300800 /* 2019-01-01T00:00:00+0000 */}) = 0 <0.000006>",
       "utime tid=0 op=utime res=0 str=\"/tmp/.rk/stage2.sh\" f=0x3 a=1546300800 b=1546300800"},
      // touch -r (cases/sh_dropper_persistence line 1132): the file is fd 0, the access time
      // is "now" printed as a value, the modification time the reference file's.
      {"85    utimensat(0, NULL, [{tv_sec=1795390731, tv_nsec=158890844} /* 2026-11-22T23:38:51.158890844+0000 */, "
       "{tv_sec=1663687647, tv_nsec=0} /* 2022-09-20T15:27:27+0000 */], 0) = 0",
       "utimensat tid=85 op=utime res=0 fd=0 f=0x3 a=1795390731 b=1663687647"},
      // Plain touch: NULL times, or UTIME_NOW / UTIME_OMIT, set nothing explicit.
      {"utimensat(AT_FDCWD, \"f\", NULL, 0) = 0", "utimensat tid=0 op=utime res=0 str=\"f\""},
      {"utimensat(AT_FDCWD, \"f\", [UTIME_OMIT, UTIME_NOW], 0) = 0", "utimensat tid=0 op=utime res=0 str=\"f\""},
  };
  ExpectDumps(kCases, std::size(kCases));
  for (const char* log : {"cases/c_container_escape/strace_log.49", "cases/c_container_escape/strace_log.50"}) {
    EventBatch b = ParseText(Testdata(log));
    EXPECT_EQ(b.counters.diagnostics, 0u) << log;
  }
}

// nanosleep / clock_nanosleep: the requested length (a = tv_sec, b = tv_nsec) and TIMER_ABSTIME
// (f=0x1, a deadline on the clock), as -y, -X verbose and -X raw print them. Real lines of
// testdata/formats/strace/f_tt_T_y_long_sleep.txt and f_tt_X_{verbose,raw}_sleep.txt.
TEST(StraceExec, SleepRequests) {
  static const DumpCase kCases[] = {
      {"5222  19:57:37.621726 clock_nanosleep(CLOCK_REALTIME, 0, {tv_sec=1, tv_nsec=0}, 0x7ffc1a708eb0) = 0 <1.000195>",
       "clock_nanosleep tid=5222 op=sleep res=0 a=1 b=0 c=1000"},
      {"5221  19:57:38.622442 clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, {tv_sec=29175, tv_nsec=905251658}, NULL) "
       "= 0 <0.200139>",
       "clock_nanosleep tid=5221 op=sleep res=0 f=0x1 a=29175 b=905251658 c=200"},
      {"5221  19:57:39.945028 clock_nanosleep(CLOCK_REALTIME, 0, {tv_sec=600, tv_nsec=0}, NULL) = ? "
       "ERESTART_RESTARTBLOCK (Interrupted by signal) <1.284244>",
       "clock_nanosleep tid=5221 op=sleep res=0 err=ERESTART_RESTARTBLOCK ? restart a=600 b=0 c=1284"},
      {"5455  19:58:00.530179 clock_nanosleep(0 /* CLOCK_REALTIME */, 0, {tv_sec=0, tv_nsec=10000000}, 0x7ffc2fb40440) = 0",
       "clock_nanosleep tid=5455 op=sleep res=0 a=0 b=10000000"},
      {"5454  19:58:00.540676 clock_nanosleep(0x1 /* CLOCK_MONOTONIC */, 0x1 /* TIMER_ABSTIME */, {tv_sec=29197, "
       "tv_nsec=633487691}, NULL) = 0",
       "clock_nanosleep tid=5454 op=sleep res=0 f=0x1 a=29197 b=633487691"},
      {"5459  19:58:00.598636 clock_nanosleep(0x1, 0x1, {tv_sec=29197, tv_nsec=691426441}, NULL) = 0",
       "clock_nanosleep tid=5459 op=sleep res=0 f=0x1 a=29197 b=691426441"},
  };
  ExpectDumps(kCases, std::size(kCases));
  // Waits on no fd are sleeps too (captured here: python3's select.select([], [], [], 0.2) and
  // select.poll().poll(150), perl's select(undef, undef, undef, 0.25)); with an fd, a plain call.
  static const DumpCase kWaits[] = {
      {"23925 19:55:55.563359 pselect6(0, NULL, NULL, NULL, {tv_sec=0, tv_nsec=200000000}, NULL) = 0 (Timeout) "
       "<0.203535>",
       "pselect6 tid=23925 op=sleep res=0 a=0 b=200000000 c=203"},
      {"23925 19:55:55.767070 poll([], 0, 150)  = 0 (Timeout) <0.179639>", "poll tid=23925 op=sleep res=0 a=0 b=150000000 c=179"},
      {"26879 19:55:56.461758 pselect6(0, NULL, NULL, NULL, {tv_sec=0, tv_nsec=250000000}, NULL) = 0 (Timeout) "
       "<0.295582>",
       "pselect6 tid=26879 op=sleep res=0 a=0 b=250000000 c=295"},
      {"23925 19:55:56.055134 pselect6(4, [3<pipe:[5800147]>], NULL, NULL, {tv_sec=0, tv_nsec=50000000}, NULL) = 0 "
       "(Timeout) <0.060247>",
       "pselect6 tid=23925 op=other res=0"},
  };
  ExpectDumps(kWaits, std::size(kWaits));
  // The raw nanosleep a child was killed in: its first half keeps the request.
  EventBatch b = ParseText(Testdata("formats/strace/f_tt_T_y_long_sleep.txt"));
  EXPECT_EQ(b.counters.diagnostics, 0u);
  int nanosleeps = 0;
  for (const Event& e : b.events) {
    if (e.op != Op::kSleep || b.names.View(e.name) != "nanosleep") continue;
    ++nanosleeps;
    EXPECT_EQ(Dump(b, e), "nanosleep tid=5224 op=sleep res=0 ? stitched a=120 b=0");
  }
  EXPECT_EQ(nanosleeps, 1);
}

// Kernel exploit primitives, their reconnaissance and terminal injection, as strace prints
// them by default (-y), -X raw and -X verbose (formats/strace/f_tt_T_y_kernel_exploit.txt,
// f_tt_X_raw_kernel_exploit.txt, f_tt_X_verbose_kernel_exploit.txt: harness/apps/
// exploit_probe.py run as nobody). The command (s2) is named however it was printed.
TEST(StraceExec, KernelCallsAndIoctlCommands) {
  const DumpCase kCases[] = {
      {"24501 16:15:37.555982 personality(PER_LINUX|ADDR_NO_RANDOMIZE) = 0 (PER_LINUX) <0.000005>",
       "personality tid=24501 op=kernel res=0 s2=\"PER_LINUX|ADDR_NO_RANDOMIZE\""},
      {"24501 16:15:37.556159 personality(0xffffffff) = 0x40000 (PER_LINUX|ADDR_NO_RANDOMIZE) <0.000004>",
       "personality tid=24501 op=kernel res=262144 s2=\"0xffffffff\""},
      {"24501 16:15:37.556682 syslog(3 /* SYSLOG_ACTION_READ_ALL */, 0x26f5f5d0, 4096) = -1 EPERM (Operation"
       " not permitted) <0.000004>",
       "syslog tid=24501 op=kernel res=-1 err=EPERM s2=\"SYSLOG_ACTION_READ_ALL\""},
      {"24501 16:15:37.556955 open_by_handle_at(-100, {handle_bytes=8, handle_type=1, f_handle=\"\\x06\\x40"
       "\\x06\\x00\\xdd\\xc2\\x89\\x9f\"}, O_RDONLY) = -1 EPERM (Operation not permitted) <0.000004>",
       "open_by_handle_at tid=24501 op=kernel res=-1 err=EPERM fd=-100"},
      {"24501 16:15:37.557069 userfaultfd(0)    = -1 EPERM (Operation not permitted) <0.000004>",
       "userfaultfd tid=24501 op=kernel res=-1 err=EPERM s2=\"0\""},
      {"24501 16:15:37.557194 perf_event_open({type=PERF_TYPE_SOFTWARE, size=PERF_ATTR_SIZE_VER7, config=PER"
       "F_COUNT_SW_CPU_CLOCK, sample_period=0, sample_type=0, read_format=0, precise_ip=0 /* arbitrary skid "
       "*/, ...}, 0, -1, -1, 0) = -1 EACCES (Permission denied) <0.000006>",
       "perf_event_open tid=24501 op=kernel res=-1 err=EACCES"},
      {"24501 16:15:37.557369 modify_ldt(1, {entry_number=0, base_addr=00000000, limit=00000000, seg_32bit=0"
       ", contents=0, read_exec_only=0, limit_in_pages=0, seg_not_present=0, useable=0, lm=0}, 16) = 0 <0.00"
       "0010>",
       "modify_ldt tid=24501 op=kernel res=0 s2=\"1\""},
      {"24501 16:15:37.557523 add_key(\"user\", \"spray\", \"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\"..., 64, KEY_"
       "SPEC_PROCESS_KEYRING) = 682055030 <0.000022>",
       "add_key tid=24501 op=kernel res=682055030 s2=\"user\""},
      {"24501 16:15:37.557654 keyctl(KEYCTL_GET_KEYRING_ID, KEY_SPEC_SESSION_KEYRING, 0) = 562488601 <0.0000"
       "13>",
       "keyctl tid=24501 op=kernel res=562488601 s2=\"KEYCTL_GET_KEYRING_ID\""},
      {"24501 16:15:37.557803 kcmp(24501, 24498, KCMP_FILE, 0</dev/null>, 0<pipe:[1147831]>) = -1 EPERM (Ope"
       "ration not permitted) <0.000005>",
       "kcmp tid=24501 op=kernel res=-1 err=EPERM s2=\"KCMP_FILE\""},
      {"24501 16:15:37.558130 ioctl(4</dev/pts/0>, TIOCSTI, \"i\") = -1 EPERM (Operation not permitted) <0.0"
       "00004>",
       "ioctl tid=24501 op=ioctl res=-1 err=EPERM fd=4 str=\"/dev/pts/0\" s2=\"TIOCSTI\""},
      {"21436 16:41:42.499561 personality(0|0x40000) = 0 (0)",
       "personality tid=21436 op=kernel res=0 s2=\"PER_LINUX|ADDR_NO_RANDOMIZE\""},
      {"21436 16:41:42.509593 userfaultfd(0)    = -1 EPERM (Operation not permitted)",
       "userfaultfd tid=21436 op=kernel res=-1 err=EPERM s2=\"0\""},
      {"21436 16:41:42.514102 add_key(\"user\", \"spray\", \"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\"..., 64, -2) "
       "= 230026597",
       "add_key tid=21436 op=kernel res=230026597 s2=\"user\""},
      {"21436 16:41:42.515240 keyctl(0, -3, 0)  = 562488601",
       "keyctl tid=21436 op=kernel res=562488601 s2=\"0\""},
      {"21436 16:41:42.518648 ioctl(4, 0x5412, \"i\") = -1 EPERM (Operation not permitted)",
       "ioctl tid=21436 op=ioctl res=-1 err=EPERM fd=4 s2=\"TIOCSTI\""},
      {"21447 16:41:42.641534 personality(0 /* PER_LINUX */|0x40000 /* ADDR_NO_RANDOMIZE */) = 0 (0 /* PER_L"
       "INUX */)",
       "personality tid=21447 op=kernel res=0 s2=\"PER_LINUX|ADDR_NO_RANDOMIZE\""},
      {"21447 16:41:42.642508 personality(0xffffffff) = 0x40000 (0 /* PER_LINUX */|0x40000 /* ADDR_NO_RANDOM"
       "IZE */)",
       "personality tid=21447 op=kernel res=262144 s2=\"0xffffffff\""},
      {"21447 16:41:42.648515 open_by_handle_at(-100, {handle_bytes=8, handle_type=1, f_handle=\"\\x06\\x40"
       "\\x06\\x00\\xdd\\xc2\\x89\\x9f\"}, 0 /* O_RDONLY */) = -1 EPERM (Operation not permitted)",
       "open_by_handle_at tid=21447 op=kernel res=-1 err=EPERM fd=-100"},
      {"21447 16:41:42.655135 keyctl(0 /* KEYCTL_GET_KEYRING_ID */, -3 /* KEY_SPEC_SESSION_KEYRING */, 0) = "
       "562488601",
       "keyctl tid=21447 op=kernel res=562488601 s2=\"KEYCTL_GET_KEYRING_ID\""},
      {"21447 16:41:42.656500 kcmp(21447, 21444, 0 /* KCMP_FILE */, 0, 0) = -1 EPERM (Operation not permitte"
       "d)",
       "kcmp tid=21447 op=kernel res=-1 err=EPERM s2=\"KCMP_FILE\""},
      {"21447 16:41:42.658661 ioctl(4, 0x5412 /* TIOCSTI */, \"i\") = -1 EPERM (Operation not permitted)",
       "ioctl tid=21447 op=ioctl res=-1 err=EPERM fd=4 s2=\"TIOCSTI\""},
      // chattr / lsattr (f_tt_T_y_chattr.txt, f_tt_X_raw_chattr.txt, f_tt_X_verbose_chattr.txt):
      // the immutable (f=0x1) and append-only (f=0x2) attributes in every spelling.
      {"31523 16:49:56.831621 ioctl(3</tmp/cap/f1>, FS_IOC_SETFLAGS, [FS_IMMUTABLE_FL|FS_EXTENT_FL]) = -1 EP"
       "ERM (Operation not permitted) <0.000006>",
       "ioctl tid=31523 op=ioctl res=-1 err=EPERM fd=3 str=\"/tmp/cap/f1\" f=0x1 s2=\"FS_IOC_SETFLAGS\""},
      {"31574 16:50:12.332102 ioctl(3, 0x40086602, [0x80010]) = 0",
       "ioctl tid=31574 op=ioctl res=0 fd=3 f=0x1 s2=\"FS_IOC_SETFLAGS\""},
      {"31576 16:50:12.340215 ioctl(3, 0x40086602, [0x80020]) = 0",
       "ioctl tid=31576 op=ioctl res=0 fd=3 f=0x2 s2=\"FS_IOC_SETFLAGS\""},
      {"31586 16:50:12.374183 ioctl(3, 0x40086602 /* FS_IOC_SETFLAGS */, [0x80020 /* FS_APPEND_FL|FS_EXTENT_"
       "FL */]) = 0",
       "ioctl tid=31586 op=ioctl res=0 fd=3 f=0x2 s2=\"FS_IOC_SETFLAGS\""},
      {"31585 16:50:12.368243 ioctl(3, 0x80086601 /* FS_IOC_GETFLAGS */, [0x80010 /* FS_IMMUTABLE_FL|FS_EXTE"
       "NT_FL */]) = 0",
       "ioctl tid=31585 op=ioctl res=0 fd=3 f=0x1 s2=\"FS_IOC_GETFLAGS\""},
      {"31585 16:50:12.368344 ioctl(3, 0x40086602 /* FS_IOC_SETFLAGS */, [0x80000 /* FS_EXTENT_FL */]) = 0",
       "ioctl tid=31585 op=ioctl res=0 fd=3 s2=\"FS_IOC_SETFLAGS\""},
  };
  ExpectDumps(kCases, std::size(kCases));
}

}  // namespace
}  // namespace rundown
