// The run's life: when the target started and ended, how it ended, and whether it ever
// reached steady state. A run that died during start-up never exercised the code a review
// is about, so the verdict must be INCONCLUSIVE, not PASS; this is where that is decided.
#include <algorithm>
#include <cstdio>

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

// A daemon: the target forks a copy of itself and returns 0 while the copy carries on
// (nginx's `daemon on`, daemon(3), a double fork: the copy forks again and returns too). The
// run is then that copy's: it listens, it is stopped by the harness, it crashes or fails. The
// copy is the first child that never exec'd and outlived its parent; followed while each
// parent exited 0. A launcher that waits for the daemon to report it is ready (dnsmasq: its
// pipe) outlives its first copy, which set up the session, forked the daemon and exited 0 at
// once: that intermediate copy is on the way too, when its own copy outlived it.
bool ForkedCopy(const Model& m, ProcIndex c) {
  const Process& child = m.process(c);
  return child.in_strace && !StartedInTrace(child);
}

ProcIndex DaemonOf(const Model& m) {
  auto ended_with_0 = [&](const Process& p) { return p.exit_event != kNoEvent && p.killed_by == 0 && p.exit_code == 0; };
  ProcIndex cur = m.root();
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
  if (life_proc != m->root()) {
    life->daemon_pid = lp.pid;
    daemon_note = StrCat("; the target daemonized: pid ", lp.pid, " carried on after the launcher (pid ", root.pid,
                         ") exited 0");
  }

  // Did someone outside the traced tree stop it?
  for (EventIndex i = 0; i < ev.size(); ++i) {
    const Event& e = ev[i];
    if (e.type != EventType::kSignal || m->ProcessOf(i) != life_proc) continue;
    if (!IsHarnessStopSignal(s.name(e.name))) continue;
    const Detail& d = s.DetailOrEmpty(e);
    ProcIndex sender = d.a > 0 ? m->FindPid(d.a) : kNoProc;
    if (sender == kNoProc || !m->process(sender).in_strace) {
      life->stopped_by_harness = true;
      life->stop_signal = e.name;
      life->stop_ns = e.time_ns;
      life->evidence.push_back(i);
      break;
    }
  }
  if (lp.exit_event != kNoEvent) {
    life->exited = true;
    life->exit_code = lp.exit_code;
    life->killed_by = lp.killed_by;
    life->evidence.push_back(lp.exit_event);
    if (ev[lp.exit_event].time_ns != kNoTime) life->end_ns = ev[lp.exit_event].time_ns;
  } else if (life_proc != m->root()) {
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

  const bool died_on_its_own =
      life->exited && !life->stopped_by_harness &&
      (life->exit_code > 0 || (life->killed_by != 0));
  if (fatal_log != kNoEvent) life->evidence.push_back(fatal_log);
  if ((died_on_its_own || fatal_log != kNoEvent) && !steady) {
    life->startup_crash = true;
    std::string how = life->killed_by != 0
                          ? StrCat("was killed by ", s.name(life->killed_by))
                          : StrCat("exited with status ", life->exit_code);
    if (!life->exited) how = "stopped";
    life->reason = StrCat(life_proc != m->root() ? StrCat("the daemon (pid ", lp.pid, ") ") : "the target ", how,
                                life->duration_s >= 0 ? StrCat(" after ", Seconds(life->duration_s), " s") : "",
                                " without reaching steady state (no listening socket, no accepted "
                                "connection, no start-up message)");
    // Named after its file: the program's stderr may sit in the trace (strace_log).
    if (fatal_log != kNoEvent)
      StrAppend(&life->reason, "; ", Basename(s.files()[ev[fatal_log].file].path), ": ", s.str(ev[fatal_log].str));
  } else if (!steady && life->exited) {
    life->reason = "the target exited before any sign of steady state";
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
}

}  // namespace rundown
