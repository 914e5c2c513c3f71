// The run's life: when the target started and ended, how it ended, and whether it ever
// reached steady state. A run that died during start-up never exercised the code a review
// is about, so the verdict must be INCONCLUSIVE, not PASS; this is where that is decided.
#include <algorithm>
#include <cstdio>

#include "absl/container/flat_hash_map.h"
#include "parsers/errno_table.h"
#include "parsers/path_util.h"
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

// How long every thread of the process had been waiting on a futex (a lock, a condition
// variable, a thread join) when the stop signal (event `stop`) arrived: from the latest start
// of those waits to the stop. -1 when a thread's last call before the stop was anything else,
// or finished before it (the program was working, or waiting for input or a timer), and when
// times are missing. Its waits go to *waits.
int64_t LockWaitAtStop(const EventStore& s, const Model& m, ProcIndex proc, EventIndex stop,
                       std::vector<EventIndex>* waits) {
  const int64_t stop_ns = s.event(stop).time_ns;
  if (stop_ns == kNoTime) return -1;
  const Process& p = m.process(proc);
  absl::flat_hash_map<int32_t, EventIndex> last;  // tid -> its last call before the stop
  for (EventIndex i = 0; i < s.events().size(); ++i) {
    const Event& e = s.event(i);
    if (m.ProcessOf(i) != proc || (e.type != EventType::kSyscall && e.type != EventType::kUnfinished)) continue;
    if (e.time_ns == kNoTime || e.time_ns >= stop_ns) continue;
    auto [it, added] = last.try_emplace(e.tid, i);
    if (!added && s.event(it->second).time_ns <= e.time_ns) it->second = i;
  }
  if (last.size() != 1 + p.threads.size()) return -1;  // a thread made no call: unknown
  int64_t latest = kNoTime;
  for (const auto& [tid, i] : last) {
    const Event& e = s.event(i);
    const bool unended = e.type == EventType::kUnfinished || (e.flags & kResultUnknown) ||
                         ErrnoName(e.err).substr(0, 8) == "ERESTART";
    if (s.name(e.name) != "futex" || !unended) return -1;
    latest = std::max(latest, e.time_ns);
    waits->push_back(i);
  }
  std::sort(waits->begin(), waits->end());
  return stop_ns - latest;
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
  for (const Endpoint& ep : m->endpoints()) {
    if (ep.err != 0 || ep.event == kNoEvent) continue;
    const Event& e = ev[ep.event];
    if (e.type != EventType::kSyscall) continue;
    if (ep.op == Op::kListen || ep.op == Op::kAccept) {
      steady = true;
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
  if (!steady && life->start_ns != kNoTime && life->end_ns != kNoTime &&
      life->end_ns - life->start_ns >= kSteadyAfterNs && fatal_log == kNoEvent) {
    steady = true;
    steady_why = "it ran for more than 3 s";
  }
  life->reached_steady_state = steady;
  // A program that served nothing, stopped while all its threads sat in futex waits: a
  // deadlock, or a wait nothing would have ended (a server idles in accept/epoll, not here).
  if (stop != kNoEvent && listening_log == kNoEvent && steady_why != "it listened on a socket" &&
      steady_why != "it accepted a connection") {
    std::vector<EventIndex> waits;
    life->lock_wait_ns = LockWaitAtStop(s, *m, life_proc, stop, &waits);
    if (life->lock_wait_ns >= 0) life->evidence.insert(life->evidence.end(), waits.begin(), waits.end());
  }

  const bool died_on_its_own =
      life->exited && !life->stopped_by_harness &&
      (life->exit_code > 0 || (life->killed_by != 0));
  if (fatal_log != kNoEvent) life->evidence.push_back(fatal_log);
  // A batch program that died after writing its output died mid-run: what it did is its work,
  // and the crash a finding of its own (`crashed`), not a start-up failure. A daemon's copy
  // is judged by its listening alone.
  const FileSummary* output = died_on_its_own && !steady && life_proc == m->target() ? OutputWritten(s, *m) : nullptr;
  if (output != nullptr) {
    life->reason = StrCat("the target ", life->killed_by != 0 ? StrCat("was killed by ", s.name(life->killed_by))
                                                               : StrCat("exited with status ", life->exit_code),
                          life->duration_s >= 0 ? StrCat(" after ", Seconds(life->duration_s), " s") : "",
                          " mid-run, after it had written its output (", s.str(output->path), ", ", output->writes,
                          " write(s)): no start-up failure");
    if (output->first_event != kNoEvent) life->evidence.push_back(output->first_event);
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
    life->cut_in_startup = true;
    life->reason = StrCat("the trace ends while the target", lp.pid > 0 ? StrCat(" (pid ", lp.pid, ")") : "",
                          " is still starting",
                          life->duration_s >= 0 ? StrCat(", ", Seconds(life->duration_s), " s after its start") : "",
                          ": no exit, no listening socket, no accepted connection, no start-up message; strace was "
                          "stopped or its file cut during start-up");
  } else if (!steady) {
    life->reason = "the trace shows no sign of steady state";
  } else {
    life->reason = StrCat("reached steady state: ", steady_why);
  }
  life->reason += daemon_note;
  life->reason += wrapper_note;
}

}  // namespace rundown
