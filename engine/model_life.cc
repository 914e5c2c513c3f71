// The run's life: when the target started and ended, how it ended, and whether it ever
// reached steady state. A run that died during start-up never exercised the code a review
// is about, so the verdict must be INCONCLUSIVE, not PASS; this is where that is decided.
#include <algorithm>
#include <cstdio>
#include <limits>
#include <tuple>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "parsers/errno_table.h"
#include "parsers/path_util.h"
#include "parsers/strace_args.h"
#include "parsers/text_util.h"
#include "engine/model.h"

namespace rundown {
namespace {

// A run that lived this long without dying on its own is past start-up even if we saw no
// listener (a batch job, a CLI that does its work).
constexpr int64_t kSteadyAfterNs = 3'000'000'000;

bool IsHarnessStopSignal(std::string_view sig) {
  return sig == "SIGTERM" || sig == "SIGINT" || sig == "SIGHUP" || sig == "SIGQUIT" || sig == "SIGKILL";
}

std::string Seconds(double s) {
  char buf[32];
  std::snprintf(buf, sizeof(buf), "%.2f", s);
  return buf;
}

bool StartedInTrace(const Process& p) {
  return std::any_of(p.execs.begin(), p.execs.end(), [](const ExecRecord& x) { return x.ok; });
}

// A child that is a copy of its parent: it never exec'd.
bool ForkedCopy(const Model& m, ProcIndex c) {
  const Process& child = m.process(c);
  return child.in_strace && !StartedInTrace(child);
}

// A daemon: the target forks a copy of itself and returns 0 while the copy carries on
// (nginx's `daemon on`, daemon(3), a double fork: the copy forks again and returns too). The
// run is then that copy's: it listens, it is stopped by the harness, it crashes or fails. The
// copy is the first child that never exec'd and outlived its parent; followed while each
// parent exited 0. A launcher that waits for the daemon to report it is ready (dnsmasq: its
// pipe) outlives its first copy, which set up the session, forked the daemon and exited 0 at
// once: that intermediate copy is on the way too, when its own copy outlived it. Starts from
// the target (a wrapper's command, Model::target).
ProcIndex DaemonOf(const Model& m) {
  auto ended_with_0 = [&](const Process& p) { return p.exit_event != kNoEvent && p.killed_by == 0 && p.exit_code == 0; };
  ProcIndex cur = m.target();
  for (int hops = 0; hops < 8; ++hops) {
    const Process& p = m.process(cur);
    if (!ended_with_0(p)) break;
    ProcIndex next = kNoProc;
    for (ProcIndex c : p.children) {
      if (!ForkedCopy(m, c)) continue;
      const Process& child = m.process(c);
      const bool handed_on = ended_with_0(child) && std::any_of(child.children.begin(), child.children.end(), [&](ProcIndex g) {
        return ForkedCopy(m, g) && m.OutlivedParent(g);
      });
      if (m.OutlivedParent(c) || handed_on) {
        next = c;
        break;
      }
    }
    if (next == kNoProc) break;
    cur = next;
  }
  return cur;
}

// The calls a thread can wait in until something outside it acts: a lock (futex), input or
// room on a pipe or socket, fds to become ready, a connection, a child, a signal, a file lock,
// a FIFO's other end. nanosleep is a timer, not a wait: it ends by itself.
enum class WaitKind : uint8_t { kNone, kLock, kIo, kReady, kConnect, kChild, kSignal };

WaitKind KindOfWait(std::string_view name) {
  static const absl::flat_hash_map<std::string_view, WaitKind> kWaits = {
      {"futex", WaitKind::kLock},        {"flock", WaitKind::kLock},         {"read", WaitKind::kIo},
      {"readv", WaitKind::kIo},          {"recvfrom", WaitKind::kIo},        {"recvmsg", WaitKind::kIo},
      {"recvmmsg", WaitKind::kIo},       {"write", WaitKind::kIo},           {"writev", WaitKind::kIo},
      {"sendto", WaitKind::kIo},         {"sendmsg", WaitKind::kIo},         {"open", WaitKind::kIo},
      {"openat", WaitKind::kIo},         {"poll", WaitKind::kReady},         {"ppoll", WaitKind::kReady},
      {"select", WaitKind::kReady},      {"pselect6", WaitKind::kReady},     {"epoll_wait", WaitKind::kReady},
      {"epoll_pwait", WaitKind::kReady}, {"epoll_pwait2", WaitKind::kReady}, {"connect", WaitKind::kConnect},
      {"wait4", WaitKind::kChild},       {"waitid", WaitKind::kChild},       {"pause", WaitKind::kSignal},
      {"rt_sigsuspend", WaitKind::kSignal},
  };
  auto it = kWaits.find(name);
  return it == kWaits.end() ? WaitKind::kNone : it->second;
}

// The argument list of a call as the trace printed it, both halves of a stitched call joined
// (the resumed half holds what strace prints at the exit: epoll_wait's timeout comes after
// its output array). Read back from the file: only the few calls a hang is judged on.
std::string CallArgs(const EventStore& s, EventIndex i) {
  std::string text;
  for (const auto& [ref, line] : s.RawLines(s.Evidence(i), 4096)) {
    std::string_view l = line;
    const size_t resumed = l.find("resumed>");
    const size_t open = l.find('(');
    if (resumed != std::string_view::npos) l.remove_prefix(resumed + 8);
    else if (open != std::string_view::npos) l.remove_prefix(open + 1);
    const size_t cut = l.find("<unfinished ...>");
    text.append(l.substr(0, cut));
    if (cut != std::string_view::npos) text.push_back(' ');
  }
  return text;
}

// A poll-family call's timeout says whether its wait could end by itself: -1 or NULL is none.
// Returns 1 for no timeout, 0 for a timeout, -1 when the trace does not show it (a call
// killed before its exit half was printed).
int WaitsForever(std::string_view name, std::string_view args_text) {
  strace::ArgList args;
  strace::ScanStatus status;
  strace::ScanArgs(args_text, &args, &status);
  const int at = name == "poll" || name == "ppoll" ? 2 : name == "select" || name == "pselect6" ? 4 : 3;
  if (at >= args.count) return -1;
  const std::string_view t = args.arg[at];
  return t == "NULL" || (!t.empty() && t[0] == '-') ? 1 : 0;
}

// What a thread was waiting for, for the report: "epoll_wait (no timeout)", "read on
// /mnt/jobs", "connect to 127.0.0.1:9200", "wait4 for pid 54", "futex".
std::string DescribeWait(const EventStore& s, const Event& e, WaitKind kind) {
  const std::string_view name = s.name(e.name);
  const Detail& d = s.DetailOrEmpty(e);
  if (kind == WaitKind::kConnect && d.str2 != kNoStr) return StrCat(name, " to ", s.str(d.str2));
  if (kind == WaitKind::kChild && d.a != 0) return StrCat(name, " for pid ", d.a);
  if (kind == WaitKind::kReady) return StrCat(name, " (no timeout)");
  if (kind == WaitKind::kIo && e.op != Op::kOpen && e.str != kNoStr) return StrCat(name, " on ", s.str(e.str));
  if (kind == WaitKind::kIo && e.fd >= 0) return StrCat(name, " on fd ", e.fd);
  if (kind == WaitKind::kIo && e.op == Op::kOpen && e.str != kNoStr) return StrCat(name, " of ", s.str(e.str));
  return std::string(name);
}

struct HangAtStop {
  int64_t wait_ns = -1;   // from the latest start of the waits to the stop; -1: no hang
  bool locks_only = false;
  std::string calls;      // DescribeWait of each thread's wait, distinct, in tid order
  std::vector<EventIndex> waits;
};

// What HangAt asks of the calls before the stop, gathered in one pass over the store for every
// process at once: a hang is judged down the tree (ChildrenHung), and a scan per process made
// a folder whose 2 000 children all hung (`xargs -P 0`) quadratic.
struct CallsBeforeStop {
  int64_t stop_ns = kNoTime;
  // Per process: tid -> its last call (syscall or unfinished half) before the stop.
  std::vector<absl::flat_hash_map<int32_t, EventIndex>> last;
  // (process, tid, call) of poll-family calls (WaitKind::kReady) that returned 0: timed out.
  absl::flat_hash_set<std::tuple<ProcIndex, int32_t, NameId>> timed_out;
};

CallsBeforeStop GatherCallsBeforeStop(const EventStore& s, const Model& m, EventIndex stop) {
  CallsBeforeStop calls;
  calls.stop_ns = s.event(stop).time_ns;
  if (calls.stop_ns == kNoTime) return calls;
  calls.last.resize(m.processes().size());
  absl::flat_hash_map<NameId, bool> polls;  // name -> KindOfWait is kReady
  for (EventIndex i = 0; i < s.events().size(); ++i) {
    const Event& e = s.event(i);
    const ProcIndex proc = m.ProcessOf(i);
    if (proc == kNoProc || (e.type != EventType::kSyscall && e.type != EventType::kUnfinished)) continue;
    if (e.time_ns == kNoTime || e.time_ns >= calls.stop_ns) continue;
    if (e.type == EventType::kSyscall && e.err == 0 && e.result == 0 && !(e.flags & kResultUnknown)) {
      auto [poll, added] = polls.try_emplace(e.name, false);
      if (added) poll->second = KindOfWait(s.name(e.name)) == WaitKind::kReady;
      if (poll->second) calls.timed_out.insert({proc, e.tid, e.name});
    }
    auto [it, added] = calls.last[proc].try_emplace(e.tid, i);
    if (!added && s.event(it->second).time_ns <= e.time_ns) it->second = i;
  }
  return calls;
}

// Whether every thread of the process was, when the stop signal (event `stop`) arrived, inside
// a call that waits for something outside it (WaitKind), and since when. A thread's last call
// before the stop must not have ended ("= ?", a lone unfinished half, ERESTART*, or EINTR: the
// stop itself cut it). A poll-family wait counts only without a timeout, or, when the trace
// cut the timeout off, when no earlier call of the same name by that thread timed out (a
// thread that polls on a timer is not stuck); a wait for a child only when the children still
// alive were stuck too (ChildrenHung). Missing times give no answer.
HangAtStop HangAt(const EventStore& s, const Model& m, const CallsBeforeStop& calls, ProcIndex proc, int depth = 0);

// A wait for a child is endless when every child still alive at the stop was itself stuck
// (HangAt): a parent waiting for `sleep 10` would have been woken.
bool ChildrenHung(const EventStore& s, const Model& m, const CallsBeforeStop& calls, ProcIndex proc, int depth) {
  const int64_t stop_ns = calls.stop_ns;
  bool any = false;
  for (ProcIndex c : m.process(proc).children) {
    const Process& child = m.process(c);
    if (child.exit_event != kNoEvent && s.event(child.exit_event).time_ns < stop_ns) continue;
    if (depth >= 8 || HangAt(s, m, calls, c, depth + 1).wait_ns < 0) return false;
    any = true;
  }
  return any;
}

HangAtStop HangAt(const EventStore& s, const Model& m, const CallsBeforeStop& calls, ProcIndex proc, int depth) {
  HangAtStop hang;
  const int64_t stop_ns = calls.stop_ns;
  if (stop_ns == kNoTime) return hang;
  const Process& p = m.process(proc);
  const absl::flat_hash_map<int32_t, EventIndex>& last = calls.last[proc];
  if (last.size() != 1 + p.threads.size()) return hang;  // a thread made no call: unknown
  int64_t latest = kNoTime;
  bool locks_only = true;
  std::vector<std::pair<int32_t, std::string>> described;
  for (const auto& [tid, i] : last) {
    const Event& e = s.event(i);
    const std::string_view err = ErrnoName(e.err);
    const bool unended = e.type == EventType::kUnfinished || (e.flags & kResultUnknown) ||
                         err.substr(0, 8) == "ERESTART" || err == "EINTR";
    const std::string_view name = s.name(e.name);
    const WaitKind kind = KindOfWait(name);
    if (kind == WaitKind::kNone || !unended) return hang;
    if (kind == WaitKind::kChild && !ChildrenHung(s, m, calls, proc, depth)) return hang;
    if (kind == WaitKind::kReady) {
      const int forever = WaitsForever(name, CallArgs(s, i));
      if (forever == 0 || (forever < 0 && calls.timed_out.contains({proc, e.tid, e.name}))) return hang;
    }
    locks_only = locks_only && name == "futex";
    latest = std::max(latest, e.time_ns);
    hang.waits.push_back(i);
    described.emplace_back(tid, DescribeWait(s, e, kind));
  }
  std::sort(described.begin(), described.end());
  std::vector<std::string> seen;
  for (const auto& [tid, text] : described) {
    if (std::find(seen.begin(), seen.end(), text) != seen.end()) continue;
    StrAppend(&hang.calls, seen.empty() ? "" : ", ", text);
    seen.push_back(text);
  }
  std::sort(hang.waits.begin(), hang.waits.end());
  hang.locks_only = locks_only;
  hang.wait_ns = stop_ns - latest;
  return hang;
}

// A traced process sent SIGKILL (kill, tkill, tgkill with signal 9, whatever the target).
bool SigkillSentInTrace(const EventStore& s) {
  return std::any_of(s.events().begin(), s.events().end(), [&](const Event& e) {
    return e.op == Op::kKill && s.DetailOrEmpty(e).b == 9;
  });
}

// The program received a datagram on a socket it had not connected (bind_too: or bound a
// socket to a port of its own): a UDP server (dnsmasq) waiting for its next query, not a stuck
// client. The bind alone does not tell a TCP server's socket from a UDP one.
bool ServesDatagrams(const Model& m, bool bind_too = true) {
  return std::any_of(m.endpoints().begin(), m.endpoints().end(), [&](const Endpoint& ep) {
    if (ep.err != 0 || ep.event == kNoEvent) return false;
    return (bind_too && ep.op == Op::kBind && ep.port > 0) || (ep.op == Op::kRecv && !m.ReadFromConnected(ep.event));
  });
}

// The output a batch program was writing when it died: the first file of the app's directory
// that a process of the target (not the launcher) created and wrote, other than a log, a pid or
// lock file, a socket or Python's byte-code cache, which programs write at start-up too.
// nullptr when there is none.
const FileSummary* OutputWritten(const EventStore& s, const Model& m) {
  static constexpr std::string_view kStartupFiles[] = {".log", ".pid", ".lock", ".sock", ".pyc"};
  for (const FileSummary& f : m.files()) {
    if (f.cls != PathClass::kApp || f.creates == 0 || f.writes == 0) continue;
    const std::string_view path = s.str(f.path);
    if (path.find("/__pycache__/") != std::string_view::npos ||
        std::any_of(std::begin(kStartupFiles), std::end(kStartupFiles),
                    [&](std::string_view ext) { return path.size() > ext.size() && path.substr(path.size() - ext.size()) == ext; }))
      continue;
    for (int32_t pid : f.pids) {
      const ProcIndex p = m.FindPid(pid);
      if (p != kNoProc && !m.process(p).launcher && !(p == m.root() && m.wrapped())) return &f;
    }
  }
  return nullptr;
}

// The input a batch program had read when it died: the data files of the app's directory, its
// home or /tmp that a process of the target read, leaving out code (libraries, scripts,
// byte-code) and configuration, which a program reads at start-up too. Two or more mean it
// was past start-up, working through its input, even when it left no output: stdout
// redirected to a file is fully buffered, and a crash loses what it had printed. Sorted by
// first use; empty when fewer than two.
std::vector<const FileSummary*> InputRead(const EventStore& s, const Model& m) {
  static constexpr std::string_view kNotData[] = {
      ".py", ".pyc", ".js", ".mjs", ".cjs", ".node", ".jar", ".class", ".rb", ".pl", ".pm", ".php", ".lua", ".sh",
      ".conf", ".cfg", ".ini", ".json", ".yaml", ".yml", ".toml", ".env", ".properties", ".xml", ".rc"};
  std::vector<const FileSummary*> read;
  for (const FileSummary& f : m.files()) {
    if ((f.cls != PathClass::kApp && f.cls != PathClass::kHome && f.cls != PathClass::kTemp) || f.reads == 0) continue;
    const std::string_view base = Basename(s.str(f.path));
    if (base.empty() || base[0] == '.' || base.find(".so") != std::string_view::npos ||
        std::any_of(std::begin(kNotData), std::end(kNotData), [&](std::string_view ext) {
          return base.size() > ext.size() && base.substr(base.size() - ext.size()) == ext;
        }))
      continue;
    const bool by_target = std::any_of(f.pids.begin(), f.pids.end(), [&](int32_t pid) {
      const ProcIndex p = m.FindPid(pid);
      return p != kNoProc && !m.process(p).launcher && !(p == m.root() && m.wrapped());
    });
    if (by_target) read.push_back(&f);
  }
  if (read.size() < 2) return {};
  std::sort(read.begin(), read.end(), [](const FileSummary* a, const FileSummary* b) { return a->first_event < b->first_event; });
  return read;
}

}  // namespace

void BuildLife(const EventStore& s, Model* m, RunLife* life) {
  const auto& ev = s.events();
  EventIndex fatal_log = kNoEvent, listening_log = kNoEvent;
  for (EventIndex i = 0; i < ev.size(); ++i) {
    const Event& e = ev[i];
    if (e.type != EventType::kLogLine) continue;
    const Detail& d = s.DetailOrEmpty(e);
    if ((d.flags & kLogFatal) && fatal_log == kNoEvent) fatal_log = i;
    if ((d.flags & kLogListening) && listening_log == kNoEvent) listening_log = i;
  }
  const SourceCoverage& strace = m->coverage(SourceKind::kStrace);
  life->start_ns = strace.first_ns;
  life->end_ns = strace.last_ns;
  if (life->start_ns != kNoTime && life->end_ns != kNoTime)
    life->duration_s = static_cast<double>(life->end_ns - life->start_ns) / 1e9;

  bool steady = listening_log != kNoEvent;
  std::string steady_why = steady ? "program.log reports it is listening" : "";
  bool trace_steady = false;  // the trace itself reaches steady state (program.log aside)
  for (const Endpoint& ep : m->endpoints()) {
    if (ep.err != 0 || ep.event == kNoEvent) continue;
    const Event& e = ev[ep.event];
    if (e.type != EventType::kSyscall) continue;
    if (ep.op == Op::kListen || ep.op == Op::kAccept) {
      steady = trace_steady = true;
      if (steady_why.empty()) steady_why = ep.op == Op::kListen ? "it listened on a socket" : "it accepted a connection";
      break;
    }
  }

  if (m->root() == kNoProc) {
    if (fatal_log != kNoEvent) {
      life->startup_crash = !steady;
      life->reason = "program.log ends in a fatal error and no trace shows the program running";
      life->evidence.push_back(fatal_log);
    }
    life->reached_steady_state = steady;
    life->serving = steady;
    return;
  }
  const Process& root = m->process(m->root());
  life->root_pid = root.pid;
  if (root.start_ns != kNoTime) life->start_ns = root.start_ns;
  const ProcIndex life_proc = DaemonOf(*m);
  const Process& lp = m->process(life_proc);
  std::string daemon_note;
  if (life_proc != m->target()) {
    life->daemon_pid = lp.pid;
    daemon_note = StrCat("; the target daemonized: pid ", lp.pid, " carried on after the launcher (pid ",
                         m->process(m->target()).pid, ") exited 0");
  }

  // Did someone outside the traced tree stop it? A wrapper's signal to its command is the
  // harness's too: timeout's time limit, or a stop the wrapper passed on.
  EventIndex stop = kNoEvent;
  for (EventIndex i = 0; i < ev.size(); ++i) {
    const Event& e = ev[i];
    if (e.type != EventType::kSignal || m->ProcessOf(i) != life_proc) continue;
    if (!IsHarnessStopSignal(s.name(e.name))) continue;
    const Detail& d = s.DetailOrEmpty(e);
    ProcIndex sender = d.a > 0 ? m->FindPid(d.a) : kNoProc;
    if (sender == kNoProc || !m->process(sender).in_strace || (m->wrapped() && sender == m->root())) {
      life->stopped_by_harness = true;
      life->stop_signal = e.name;
      life->stop_ns = e.time_ns;
      life->evidence.push_back(i);
      stop = i;
      break;
    }
  }
  // SIGKILL leaves no "--- SIGKILL ---" line: under a wrapper (`timeout -s KILL`), its kill()
  // of the target with the signal that killed it is the stop.
  bool wrapper_stopped = stop != kNoEvent && s.DetailOrEmpty(ev[stop]).a == root.pid;
  if (stop == kNoEvent && m->wrapped() && lp.killed_by != 0 && s.name(lp.killed_by) == "SIGKILL") {
    for (EventIndex i = 0; i < ev.size(); ++i) {
      const Event& e = ev[i];
      const Detail& d = s.DetailOrEmpty(e);
      if (e.op != Op::kKill || e.err != 0 || m->ProcessOf(i) != m->root() || d.a != lp.pid || d.b != 9) continue;
      life->stopped_by_harness = wrapper_stopped = true;
      life->stop_signal = lp.killed_by;
      life->stop_ns = e.time_ns;
      life->evidence.push_back(i);
      stop = i;
      break;
    }
  }
  // SIGKILL from outside the traced tree leaves only "+++ killed by SIGKILL +++": when no
  // traced process sent a SIGKILL, the harness's stop (docker kill, `kill -9`) ended it.
  if (stop == kNoEvent && lp.killed_by != 0 && s.name(lp.killed_by) == "SIGKILL" && lp.exit_event != kNoEvent &&
      !SigkillSentInTrace(s)) {
    life->stopped_by_harness = true;
    life->stop_signal = lp.killed_by;
    life->stop_ns = ev[lp.exit_event].time_ns;
    stop = lp.exit_event;
  }
  std::string wrapper_note;
  if (m->wrapped()) {
    const Process& target = m->process(m->target());
    life->root_pid = target.pid;
    wrapper_note = StrCat("; the target (pid ", target.pid, ") ran under ", Basename(s.str(root.exe)), " (pid ",
                          root.pid, ")");
    if (wrapper_stopped)
      StrAppend(&wrapper_note, ", which sent it ", s.name(life->stop_signal),
                root.start_ns != kNoTime && ev[stop].time_ns != kNoTime
                    ? StrCat(" ", Seconds(static_cast<double>(ev[stop].time_ns - root.start_ns) / 1e9),
                             " s after the start")
                    : "",
                Basename(s.str(root.exe)) == "timeout" ? " (its time limit)" : "");
    if (root.killed_by != 0) StrAppend(&wrapper_note, "; ", Basename(s.str(root.exe)), " was killed by ", s.name(root.killed_by));
    else if (root.exit_event != kNoEvent) StrAppend(&wrapper_note, "; ", Basename(s.str(root.exe)), " exited with ", root.exit_code);
  }
  if (lp.exit_event != kNoEvent) {
    life->exited = true;
    life->exit_code = lp.exit_code;
    life->killed_by = lp.killed_by;
    life->evidence.push_back(lp.exit_event);
    if (ev[lp.exit_event].time_ns != kNoTime) life->end_ns = ev[lp.exit_event].time_ns;
  } else if (life_proc != m->target()) {
    life->end_ns = strace.last_ns;  // the daemon was still running when the trace ended
  }
  if (life->start_ns != kNoTime && life->end_ns != kNoTime)
    life->duration_s = static_cast<double>(life->end_ns - life->start_ns) / 1e9;
  life->serving = steady;  // before the long-run rule below
  if (!steady && life->start_ns != kNoTime && life->end_ns != kNoTime &&
      life->end_ns - life->start_ns >= kSteadyAfterNs && fatal_log == kNoEvent) {
    steady = true;
    steady_why = "it ran for more than 3 s";
  }
  life->reached_steady_state = steady;
  // A program that served nothing, stopped while all its threads sat in waits nothing would
  // end: a deadlock, input that never came, a peer that never answered. A server idles in
  // accept/epoll, or in poll/recvfrom for its next datagram: never here.
  if (stop != kNoEvent && listening_log == kNoEvent && steady_why != "it listened on a socket" &&
      steady_why != "it accepted a connection" && !ServesDatagrams(*m)) {
    HangAtStop hang = HangAt(s, *m, GatherCallsBeforeStop(s, *m, stop), life_proc);
    if (hang.wait_ns >= 0) {
      life->hang_wait_ns = hang.wait_ns;
      life->hang_calls = std::move(hang.calls);
      if (hang.locks_only) life->lock_wait_ns = hang.wait_ns;
      life->evidence.insert(life->evidence.end(), hang.waits.begin(), hang.waits.end());
    }
  }

  // The trace ends while the program is still starting: what it went on to do is not in it.
  auto CutInStartup = [life](const Process& p, std::string_view why) {
    life->cut_in_startup = true;
    life->reason = StrCat("the trace ends while the target", p.pid > 0 ? StrCat(" (pid ", p.pid, ")") : "",
                          " is still starting",
                          life->duration_s >= 0 ? StrCat(", ", Seconds(life->duration_s), " s after its start") : "",
                          ": ", why);
  };
  const bool died_on_its_own =
      life->exited && !life->stopped_by_harness &&
      (life->exit_code > 0 || (life->killed_by != 0));
  if (fatal_log != kNoEvent) life->evidence.push_back(fatal_log);
  // A batch program that died after writing its output died mid-run: what it did is its work,
  // and the crash a finding of its own (`crashed`), not a start-up failure. A daemon's copy
  // is judged by its listening alone.
  const bool batch_died = died_on_its_own && !steady && life_proc == m->target();
  const FileSummary* output = batch_died ? OutputWritten(s, *m) : nullptr;
  const std::vector<const FileSummary*> input = batch_died && output == nullptr ? InputRead(s, *m) : std::vector<const FileSummary*>{};
  if (output != nullptr) {
    life->reason = StrCat("the target ", life->killed_by != 0 ? StrCat("was killed by ", s.name(life->killed_by))
                                                               : StrCat("exited with status ", life->exit_code),
                          life->duration_s >= 0 ? StrCat(" after ", Seconds(life->duration_s), " s") : "",
                          " mid-run, after it had written its output (", s.str(output->path), ", ", Counted(output->writes, "write(s)"),
                          "): no start-up failure");
    if (output->first_event != kNoEvent) life->evidence.push_back(output->first_event);
  } else if (!input.empty()) {
    std::string names;
    for (const FileSummary* f : input) StrAppend(&names, names.empty() ? "" : ", ", s.str(f->path));
    life->reason = StrCat("the target ", life->killed_by != 0 ? StrCat("was killed by ", s.name(life->killed_by))
                                                               : StrCat("exited with status ", life->exit_code),
                          life->duration_s >= 0 ? StrCat(" after ", Seconds(life->duration_s), " s") : "",
                          " mid-run, after it had read ", input.size(), " input files (", names,
                          "): no start-up failure, though it left no output (a program whose stdout is a file "
                          "buffers it, and a crash loses what it had printed)");
    for (const FileSummary* f : input)
      if (f->first_event != kNoEvent) life->evidence.push_back(f->first_event);
  } else if ((died_on_its_own || fatal_log != kNoEvent) && !steady) {
    life->startup_crash = true;
    std::string how = life->killed_by != 0
                          ? StrCat("was killed by ", s.name(life->killed_by))
                          : StrCat("exited with status ", life->exit_code);
    if (!life->exited) how = "stopped";
    life->reason = StrCat(life_proc != m->target() ? StrCat("the daemon (pid ", lp.pid, ") ") : "the target ", how,
                                life->duration_s >= 0 ? StrCat(" after ", Seconds(life->duration_s), " s") : "",
                                " without reaching steady state (no listening socket, no accepted "
                                "connection, no start-up message)");
    // Named after its file: the program's stderr may sit in the trace (strace_log).
    if (fatal_log != kNoEvent)
      StrAppend(&life->reason, "; ", Basename(s.files()[ev[fatal_log].file].path), ": ", s.str(ev[fatal_log].str));
  } else if ((!steady || steady_why == "it ran for more than 3 s") && life->exited && !life->stopped_by_harness &&
             life->killed_by == 0 && life->exit_code == 0 && life_proc == m->target()) {
    // A command that ends by itself (a batch job, a CLI tool): it never listened or served,
    // so there was no server's steady state to reach; it finished its work (a long one too:
    // "it ran for more than 3 s" says nothing more of a run that ended by itself).
    life->reason = StrCat("the target ran to completion and exited with 0",
                          life->duration_s >= 0 ? StrCat(" after ", Seconds(life->duration_s), " s") : "",
                          " (it never listened or served: a command that ends by itself)");
  } else if (!steady && life->exited) {
    life->reason = life->stopped_by_harness ? "the target was stopped before any sign of steady state"
                                            : "the target exited before any sign of steady state";
  } else if (!steady && StartedInTrace(root)) {
    // strace killed (or its file cut) while the target was still starting: what the program
    // went on to do is not in the trace, so the run cannot clear it. A trace that does not
    // show the start (strace -p) is another gap, reported as such.
    CutInStartup(lp, "no exit, no listening socket, no accepted connection, no start-up message; strace was stopped or "
                     "its file cut during start-up");
  } else if (!steady) {
    life->reason = "the trace shows no sign of steady state";
  } else if (!trace_steady && !life->exited && stop == kNoEvent && life_proc == m->target() && StartedInTrace(root) &&
             (m->traced_calls() & kCallsMemory) && !ServesDatagrams(*m, /*bind_too=*/false) &&
             (life->duration_s < 0 || life->duration_s * 1e9 < kSteadyAfterNs)) {
    // program.log says it listened, but the trace (unfiltered, no exit, no stop) ends before
    // any listen or accept: strace was stopped or its file cut during start-up, and what the
    // program did once it served is not in the trace, whatever the log says.
    CutInStartup(lp, "program.log reports it listening, but the trace holds no listening socket, accepted connection "
                     "or exit; strace was stopped or its file cut before the program served");
  } else {
    life->reason = StrCat("reached steady state: ", steady_why);
    // How the run ended belongs to its life too: a server that crashed after it listened did
    // not end as one the harness stopped.
    if (died_on_its_own)
      StrAppend(&life->reason, "; then the ", life_proc != m->target() ? StrCat("daemon (pid ", lp.pid, ")") : "target",
                life->killed_by != 0 ? StrCat(" was killed by ", s.name(life->killed_by))
                                     : StrCat(" exited with status ", life->exit_code),
                life->duration_s >= 0 ? StrCat(" after ", Seconds(life->duration_s), " s") : "",
                ", not stopped by the harness");
  }
  life->reason += daemon_note;
  life->reason += wrapper_note;
}

const SleepLedger::Sleep* SleepLedger::LastSleep(int32_t tid, int64_t time_ns) const {
  auto it = sleeps_.find(tid);
  if (it == sleeps_.end()) return nullptr;
  const auto& v = it->second;
  auto end = std::upper_bound(v.begin(), v.end(), Sleep{time_ns, 0, kNoEvent});
  return end == v.begin() ? nullptr : &*std::prev(end);
}

std::vector<std::pair<EventIndex, int64_t>> SleepLedger::SleepersBefore(int32_t tid, int64_t time_ns) const {
  std::vector<std::pair<EventIndex, int64_t>> out;
  // Each step follows a creator at an earlier clone; the depth cap guards a tid reused in a loop.
  for (int depth = 0; time_ns != kNoTime && depth <= 64; ++depth) {
    if (const Sleep* last = LastSleep(tid, time_ns)) out.emplace_back(last->event, last->total_ns);
    auto c = created_by_.find(tid);
    if (c == created_by_.end()) break;
    tid = c->second.first;
    time_ns = std::min(time_ns, c->second.second);
  }
  return out;
}

int64_t SleepLedger::SleptBefore(int32_t tid, int64_t time_ns) const {
  int64_t total = 0;
  for (const auto& [event, share] : SleepersBefore(tid, time_ns)) total += share;
  return total;
}

namespace {

// Each process's first successful listen or accept: from then on it serves.
absl::flat_hash_map<ProcIndex, int64_t> ServingFrom(const EventStore& s, const Model& m) {
  absl::flat_hash_map<ProcIndex, int64_t> serving_from;
  for (const Endpoint& ep : m.endpoints()) {
    if ((ep.op != Op::kListen && ep.op != Op::kAccept) || ep.err != 0 || ep.event == kNoEvent) continue;
    const ProcIndex p = m.ProcessOf(ep.event);
    const int64_t t = s.event(ep.event).time_ns;
    if (p == kNoProc || t == kNoTime) continue;
    auto [it, added] = serving_from.try_emplace(p, t);
    if (!added) it->second = std::min(it->second, t);
  }
  return serving_from;
}

// Calls that return at once, whatever their arguments: their line's start is their end.
bool NeverBlocks(std::string_view name) {
  static constexpr std::string_view kQuick[] = {
      "set_robust_list", "rseq", "mmap", "munmap", "mprotect", "madvise", "brk", "rt_sigprocmask",
      "rt_sigaction", "sigaltstack", "arch_prctl", "prctl", "getpid", "gettid", "getppid", "getuid",
      "geteuid", "getgid", "getegid", "clock_gettime", "gettimeofday", "time", "sched_yield",
      "sched_getaffinity", "prlimit64", "getrlimit", "set_tid_address", "getrusage", "times"};
  for (std::string_view q : kQuick)
    if (q == name) return true;
  return false;
}

}  // namespace

void BuildSleeps(const EventStore& s, const Model& m, SleepLedger* out) {
  // A process's first listen or accept: its sleeps after that are a server's timers.
  const absl::flat_hash_map<ProcIndex, int64_t> serving_from = ServingFrom(s, m);
  for (EventIndex i = 0; i < s.events().size(); ++i) {
    const Event& e = s.event(i);
    if (e.type != EventType::kSyscall || e.time_ns == kNoTime) continue;
    if (e.op == Op::kClone && e.err == 0 && e.result > 0 && !(e.flags & kResultUnknown)) {
      out->created_by_.try_emplace(e.result, std::make_pair(e.tid, e.time_ns));
      continue;
    }
    if (e.op != Op::kSleep) continue;
    const Detail& d = s.DetailOrEmpty(e);
    int64_t length = -1;
    if (d.c >= 0) length = int64_t{d.c} * 1'000'000;
    else if (!(d.flags & kSleepAbsolute) && d.a >= 0) length = int64_t{d.a} * 1'000'000'000 + std::max<int64_t>(d.b, 0);
    if (length <= 0) continue;
    const ProcIndex p = m.ProcessOf(i);
    if (auto sv = serving_from.find(p); sv != serving_from.end() && sv->second <= e.time_ns) continue;
    out->sleeps_[e.tid].push_back({e.time_ns + length, length, i});
  }
  for (auto& [tid, v] : out->sleeps_) {
    std::sort(v.begin(), v.end());
    for (size_t k = 1; k < v.size(); ++k) v[k].total_ns += v[k - 1].total_ns;
  }
}

// One pass in store order (file order within each file). Per file, the tid whose call was the
// line before (complete, so it had returned by the time the next line was printed); per tid,
// since when it has surely been out of every call (kNoTime: unknown, e.g. inside a call that
// strace split into <unfinished ...> and <... resumed>).
void BuildBusy(const EventStore& s, Model* m) {
  constexpr int64_t kMinSpanNs = 1'000'000'000;
  const bool filtered = m->tracer_ != kNoProc ? m->tracer_filtered_ : (m->traced_calls_ & kCallsAll) != kCallsAll;
  if (filtered) return;
  const absl::flat_hash_map<ProcIndex, int64_t> serving_from = ServingFrom(s, *m);
  if (serving_from.empty()) return;
  absl::flat_hash_map<int32_t, int64_t> out_of_calls;  // tid -> since when
  absl::flat_hash_map<FileId, int32_t> line_before;     // file -> tid whose complete call it was
  for (EventIndex i = 0; i < s.events().size(); ++i) {
    const Event& e = s.event(i);
    if (e.time_ns == kNoTime || s.file(e.file).kind != SourceKind::kStrace) continue;
    if (auto lb = line_before.find(e.file); lb != line_before.end()) {
      out_of_calls.try_emplace(lb->second, e.time_ns);
      line_before.erase(lb);
    }
    if (e.type == EventType::kSignal || e.type == EventType::kAttached || e.type == EventType::kDetached) continue;
    if (auto since = out_of_calls.find(e.tid); since != out_of_calls.end()) {
      const int64_t span = e.time_ns - since->second;
      const auto sv = serving_from.find(m->ProcessOf(i));
      if (span >= kMinSpanNs && sv != serving_from.end() && sv->second <= since->second) m->busy_[i] = span;
      out_of_calls.erase(since);
    }
    if (e.type != EventType::kSyscall || (e.flags & kStitched)) continue;  // inside a call, or ended
    if (NeverBlocks(s.name(e.name))) out_of_calls[e.tid] = e.time_ns;
    else line_before[e.file] = e.tid;
    // A new thread or process runs from its clone on.
    if (e.op == Op::kClone && e.err == 0 && e.result > 0) out_of_calls.try_emplace(e.result, e.time_ns);
  }
}

}  // namespace rundown
