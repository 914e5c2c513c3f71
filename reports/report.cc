#include "reports/report.h"

#include <algorithm>
#include <array>
#include <cstdio>
#include <ctime>
#include <map>

#include "parsers/address.h"
#include "parsers/errno_table.h"
#include "parsers/path_util.h"
#include "parsers/strace_parser.h"
#include "parsers/text_util.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "engine/path_classifier.h"

namespace rundown::reports {
namespace {

using rules::Category;
using rules::FindingStatus;
using rules::Severity;

constexpr std::array<Category, 7> kCategories = {
    Category::kProcess,      Category::kNetwork,   Category::kFile,    Category::kPrivilege,
    Category::kDependencies, Category::kStability, Category::kBackdoor};

Risk RiskOf(Severity s) {
  switch (s) {
    case Severity::kInfo: return Risk::kSafe;
    case Severity::kLow: return Risk::kLow;
    case Severity::kMedium: return Risk::kMedium;
    case Severity::kHigh: return Risk::kHigh;
    case Severity::kCritical: return Risk::kCritical;
  }
  return Risk::kNotAssessed;
}

std::string FormatTime(int64_t ns, Timebase base) {
  if (ns == kNoTime) return "";
  int64_t secs = ns / 1000000000;
  int micros = static_cast<int>((ns % 1000000000) / 1000);
  char buf[64];
  if (base == Timebase::kEpoch) {
    std::time_t t = static_cast<std::time_t>(secs);
    std::tm tm;
    gmtime_r(&t, &tm);
    std::snprintf(buf, sizeof(buf), "%04d-%02d-%02d %02d:%02d:%02d.%06d UTC", tm.tm_year + 1900,
                  tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, micros);
  } else if (base == Timebase::kTimeOfDay) {
    std::snprintf(buf, sizeof(buf), "%02lld:%02lld:%02lld.%06d (time of day)",
                  static_cast<long long>((secs / 3600) % 24), static_cast<long long>((secs / 60) % 60),
                  static_cast<long long>(secs % 60), micros);
  } else {
    std::snprintf(buf, sizeof(buf), "+%lld.%06d s", static_cast<long long>(secs), micros);
  }
  return buf;
}

Timebase SourceTimebase(const EventStore& s, SourceKind kind) {
  for (const SourceFile& f : s.files())
    if (f.kind == kind && f.timebase != Timebase::kNone) return f.timebase;
  return Timebase::kNone;
}

Timebase StraceTimebase(const EventStore& s) { return SourceTimebase(s, SourceKind::kStrace); }

// A source's time span and the trace's on one clock: both need times on the same clock (an
// epoch and a time of day cannot be compared without the capture's time zone). False, with
// *why, when they cannot be compared; *assumption names what comparing them took.
struct SpansOnOneClock {
  int64_t first, last, tfirst, tlast;
  std::string assumption;
};
bool OnTraceClock(const EventStore& s, const Model& m, const SourceCoverage& c, SpansOnOneClock* out,
                  std::string* why) {
  const SourceCoverage& trace = m.coverage(SourceKind::kStrace);
  if (c.first_ns == kNoTime || trace.first_ns == kNoTime) {
    *why = "unknown (no timestamps)";
    return false;
  }
  const Timebase a = SourceTimebase(s, c.kind), b = StraceTimebase(s);
  *out = {c.first_ns, c.last_ns, trace.first_ns, trace.last_ns, ""};
  if (a != b) {
    // strace -t/-tt prints a time of day; a log often an epoch time. Comparable if the trace's
    // clock is UTC (containers usually are), which the answer then says.
    constexpr int64_t kDay = 86400LL * 1000000000LL;
    if (a == Timebase::kEpoch && b == Timebase::kTimeOfDay) {
      const int64_t day = out->first - out->first % kDay;
      out->first -= day;
      out->last -= day;
    } else if (a == Timebase::kTimeOfDay && b == Timebase::kEpoch) {
      const int64_t day = out->tfirst - out->tfirst % kDay;
      out->tfirst -= day;
      out->tlast -= day;
    } else {
      *why = "unknown (different clocks)";
      return false;
    }
    out->assumption = " (time of day taken as UTC)";
  } else if (a == Timebase::kRelative) {
    *why = "unknown (relative times)";
    return false;
  }
  return true;
}

// Whether a source's time span overlaps the trace's.
std::string TraceOverlap(const EventStore& s, const Model& m, const SourceCoverage& c) {
  const SourceCoverage& trace = m.coverage(SourceKind::kStrace);
  if (c.kind == SourceKind::kStrace) return "";
  SpansOnOneClock t;
  if (std::string why; !OnTraceClock(s, m, c, &t, &why)) return why;
  // inotifywait's %T and strace -t print whole seconds: such a span's last time stands for
  // its whole second (events at 00:19:30 overlap a trace starting at 00:19:30.378).
  constexpr int64_t kSecond = 1000000000LL;
  auto whole_seconds = [](int64_t from, int64_t to) { return from % kSecond == 0 && to % kSecond == 0; };
  if (whole_seconds(c.first_ns, c.last_ns)) t.last += kSecond - 1;
  if (whole_seconds(trace.first_ns, trace.last_ns)) t.tlast += kSecond - 1;
  return StrCat(t.first <= t.tlast && t.tfirst <= t.last ? "yes" : "no", t.assumption);
}

std::string StandardSourceText(StandardSource s) {
  switch (s) {
    case StandardSource::kStrace: return "system-call trace (strace_log*)";
    case StandardSource::kSockets: return "socket snapshot (ss.txt or netstat.txt)";
    case StandardSource::kProcesses: return "process snapshot (ps.txt)";
    case StandardSource::kFileEvents: return "file events (inotify log)";
    case StandardSource::kProgramOutput: return "program output (program.log)";
  }
  return "";
}

// A standard source counts as present when at least one of its files parsed into events.
bool StandardPresent(const Model& m, StandardSource s) {
  auto has = [&](SourceKind k) { return m.coverage(k).assessable(); };
  switch (s) {
    case StandardSource::kStrace: return has(SourceKind::kStrace);
    case StandardSource::kSockets: return has(SourceKind::kSs) || has(SourceKind::kNetstat);
    case StandardSource::kProcesses: return has(SourceKind::kPs);
    case StandardSource::kFileEvents: return has(SourceKind::kInotify);
    case StandardSource::kProgramOutput: return has(SourceKind::kProgramLog);
  }
  return false;
}

// A kill that followed the harness's stop signal is the harness's doing (docker stop's SIGKILL
// after its grace period), not a crash or the OOM killer: say so, and how long the program had.
std::string KilledBy(const Model& m) {
  const RunLife& l = m.life();
  std::string s = StrCat("killed by ", m.store().name(l.killed_by));
  if (!l.stopped_by_harness) return s;
  std::string_view stop = m.store().name(l.stop_signal);
  if (l.killed_by == l.stop_signal) return StrCat(s, ", the harness's stop signal");
  if (l.stop_ns != kNoTime && l.end_ns != kNoTime && l.end_ns >= l.stop_ns) {
    char secs[32];
    std::snprintf(secs, sizeof(secs), "%.3f", static_cast<double>(l.end_ns - l.stop_ns) / 1e9);
    StrAppend(&s, " ", secs, " s");
  }
  return StrCat(s, " after the harness's stop signal (", stop, ") did not end it");
}

std::string ExitStatus(const Model& m) {
  const RunLife& l = m.life();
  if (!l.exited) return l.stopped_by_harness ? "still running when stopped; trace ended" : "unknown (trace ended first)";
  if (l.killed_by != 0) return KilledBy(m);
  std::string s = StrCat("exited with ", l.exit_code);
  if (l.stopped_by_harness) StrAppend(&s, " after the harness's stop signal");
  return s;
}

// What the tree says of a process after its pid: command line, threads, exec chain, end.
std::string ProcessSummary(const Model& m, const Process& proc) {
  const EventStore& s = m.store();
  std::string_view cmd = s.str(proc.cmdline);
  std::string line(cmd.empty() ? s.str(proc.exe) : cmd);
  if (line.empty()) line = "(command not in the trace)";  // strace -Z, or an exec filtered out
  if (!proc.threads.empty())
    StrAppend(&line, "  [", Counted(proc.threads.size(), "thread(s)"), "]");
  // The name a forked worker gave itself: what each of a postmaster's identical-looking
  // children is (its checkpointer, a client's backend).
  if (proc.title != kNoStr) StrAppend(&line, "  [ps: ", StripSpaces(s.str(proc.title)), "]");
  if (proc.execs.size() > 1) {
    std::vector<std::string> chain;
    for (const ExecRecord& r : proc.execs)
      if (r.ok) chain.emplace_back(s.str(r.path));
    if (chain.size() > 1) StrAppend(&line, "  exec chain: ", absl::StrJoin(chain, " → "));
  }
  if (proc.killed_by != 0) StrAppend(&line, "  (killed by ", s.name(proc.killed_by), ")");
  else if (proc.exit_code >= 0) StrAppend(&line, "  (exit ", proc.exit_code, ")");
  if (proc.is_target) StrAppend(&line, "  ← target");
  else if (proc.is_root && m.wrapped()) StrAppend(&line, "  ← wrapper");
  // Started by the launcher chain (escript's dirname, npm's script shell) before the target's
  // program: not the target's child, and not counted by process_forked.
  else if (proc.launcher) StrAppend(&line, "  ← launcher chain");
  return line;
}

// The tree as text, at most kMaxTreeLines lines; what does not fit is counted in *hidden.
// Three or more sibling leaves that read the same (a fork storm's children, a pool of workers)
// are one line: "└─ 120 × ./benchd  (killed by SIGKILL)  pids 51 … 170".
constexpr size_t kMaxTreeLines = 200;
void ProcessTreeLines(const Model& m, ProcIndex p, int depth, std::vector<std::string>* out, size_t* hidden) {
  const Process& proc = m.process(p);
  if (out->size() >= kMaxTreeLines) {
    *hidden += 1;
    for (ProcIndex c : proc.children) ProcessTreeLines(m, c, depth + 1, out, hidden);
    return;
  }
  const std::string indent = StrCat(std::string(static_cast<size_t>(depth) * 2, ' '), depth > 0 ? "└─ " : "");
  out->push_back(StrCat(indent, "pid ", proc.pid, " ", ProcessSummary(m, proc)));
  const std::string child_indent = StrCat(std::string(static_cast<size_t>(depth + 1) * 2, ' '), "└─ ");
  const std::vector<ProcIndex>& kids = proc.children;
  for (size_t i = 0; i < kids.size();) {
    // The run of childless siblings from kids[i] that read as it does.
    const Process& first = m.process(kids[i]);
    const bool leaf = first.children.empty();
    const std::string text = leaf ? ProcessSummary(m, first) : std::string();
    size_t run = 1;
    while (leaf && i + run < kids.size() && m.process(kids[i + run]).children.empty() &&
           ProcessSummary(m, m.process(kids[i + run])) == text)
      ++run;
    if (run < 3) {
      ProcessTreeLines(m, kids[i], depth + 1, out, hidden);
      ++i;
      continue;
    }
    if (out->size() >= kMaxTreeLines) *hidden += run;
    else out->push_back(StrCat(child_indent, run, " × ", text, "  pids ", first.pid, " … ", m.process(kids[i + run - 1]).pid));
    i += run;
  }
}

// A path only inotify saw (no traced call names it: a trace filtered to %process, or a file
// an untraced process changed): its access bits are all there is, no call was counted.
bool InotifyOnly(const FileSummary& f) {
  return f.inotify_events > 0 && f.opens == 0 && f.reads == 0 && f.writes == 0 && f.creates == 0 && f.deletes == 0 &&
         f.renames == 0 && f.chmods == 0 && f.execs == 0 && f.failures == 0;
}

std::vector<std::string> FileActivity(const Model& m) {
  const EventStore& s = m.store();
  std::map<PathClass, std::vector<const FileSummary*>> by_class;
  for (const FileSummary& f : m.files()) by_class[f.cls].push_back(&f);
  std::vector<std::string> out;
  for (auto& [cls, files] : by_class) {
    uint64_t reads = 0, writes = 0, creates = 0, deletes = 0, fails = 0;
    for (const FileSummary* f : files) {
      reads += (f->access & kAccRead) ? 1 : 0;
      writes += (f->access & kAccWrite) ? 1 : 0;
      creates += InotifyOnly(*f) ? (f->access & kAccCreate) != 0 : f->creates;
      deletes += InotifyOnly(*f) ? (f->access & kAccDelete) != 0 : f->deletes;
      fails += (f->access == kAccFailed) ? 1 : 0;
    }
    out.push_back(StrCat(PathClassName(cls), ": ", Counted(files.size(), "path(s)"), " (", reads, " read, ",
                               writes, " written, ", creates, " created, ", deletes, " deleted, ", fails,
                               " only failed attempts)"));
    // List written/created/deleted paths and sensitive ones, the first 15 of a class; reads
    // are summarized. The ones past 15 are counted.
    constexpr size_t kListed = 15;
    size_t notable_paths = 0;
    for (const FileSummary* f : files) {
      bool notable = (f->access & (kAccWrite | kAccCreate | kAccDelete | kAccRename | kAccChmod | kAccExec)) ||
                     cls == PathClass::kSensitive;
      if (!notable || (f->access == kAccFailed && cls != PathClass::kSensitive)) continue;
      if (++notable_paths > kListed) continue;
      std::vector<std::string> what;
      if (f->access & kAccRead) what.push_back("read");
      // Opened for writing, with the writes seen through its fd counted ("opened for writing"
      // alone: the writes went through a path the trace names otherwise, or never came). A
      // path only inotify saw was "modified": no traced call opened it (the kernel's core
      // dump, an untraced process, a trace filtered to %process).
      const bool inotify_only = InotifyOnly(*f);
      if (f->access & kAccWrite)
        what.push_back(f->writes ? StrCat("write×", f->writes) : inotify_only ? "modified" : "opened for writing");
      if (f->creates || (inotify_only && (f->access & kAccCreate))) what.push_back("create");
      if (f->deletes || (inotify_only && (f->access & kAccDelete))) what.push_back("delete");
      if (f->renames || (inotify_only && (f->access & kAccRename))) what.push_back("rename");
      if (f->chmods) what.push_back("chmod");
      if (f->execs) what.push_back("exec");
      if (f->failures) what.push_back(StrCat(f->failures, " failed"));
      if (f->inotify_events) what.push_back(StrCat(f->inotify_events, " inotify events"));
      out.push_back(StrCat("  ", s.str(f->path), "  (", absl::StrJoin(what, ", "), ")"));
    }
    if (notable_paths > kListed) out.push_back(StrCat("  … ", notable_paths - kListed, " more such paths not listed"));
  }
  return out;
}

// "1-120, 3306, 5432" from sorted distinct ports; at most kShown runs, then "… (N more)".
std::string PortRuns(const std::vector<int>& ports) {
  constexpr size_t kShown = 12;
  std::vector<std::string> runs;
  size_t shown_ports = 0;
  for (size_t i = 0; i < ports.size() && runs.size() < kShown;) {
    size_t j = i;
    while (j + 1 < ports.size() && ports[j + 1] == ports[j] + 1) ++j;
    runs.push_back(j > i ? StrCat(ports[i], "-", ports[j]) : StrCat(ports[i]));
    shown_ports += j - i + 1;
    i = j + 1;
  }
  std::string out = absl::StrJoin(runs, ", ");
  if (shown_ports < ports.size()) StrAppend(&out, ", \u2026 (", ports.size() - shown_ports, " more)");
  return out;
}

std::vector<std::string> NetworkActivity(const Model& m) {
  const EventStore& s = m.store();
  struct Agg {
    uint64_t ok = 0, failed = 0, unknown = 0;
  };
  // (op, class, host, port): the port as a number, so that :9 sorts before :10. Addresses
  // without a port (unix paths, "(no address)") and grouped peers ("127.0.0.1:*") have port
  // -1 and the whole text as host.
  std::map<std::tuple<std::string, std::string, std::string, int>, Agg> agg;
  for (const Endpoint& ep : m.endpoints()) {
    std::string op;
    switch (ep.op) {
      case Op::kConnect: op = "connect"; break;
      case Op::kBind: op = "bind"; break;
      case Op::kListen: op = "listen"; break;
      case Op::kAccept: op = "accept"; break;
      case Op::kSend: op = "send"; break;
      case Op::kRecv: op = "recv"; break;
      default: op = "snapshot";
    }
    std::string addr(s.str(ep.address));
    if (ep.address == kNoStr)
      addr = ep.local_port >= 0 ? StrCat("(peer not recorded) on port ", ep.local_port) : "(no address)";
    std::string host = addr;
    int port = -1;
    if (ep.op == Op::kAccept || ep.accepted_peer || (ep.op == Op::kOther && ep.cls != NetClass::kUnspecified)) {
      // Accepted peers (and what was sent to or received from them) differ only by ephemeral
      // port; group them by host.
      if (size_t colon = addr.rfind(':'); colon != std::string::npos) host = addr.substr(0, colon) + ":*";
    } else if (std::string_view h; ep.address != kNoStr && SplitHostPort(addr, &h, &port)) {
      host = std::string(h);
    } else {
      port = -1;
    }
    // A connection strace -p found open is no connection made under the trace: said so.
    const std::string_view before = !ep.before_trace ? ""
                                    : ep.accepted_peer ? ", accepted before the trace"
                                                       : ", opened before the trace";
    Agg& a = agg[{op, StrCat(NetClassName(ep.cls), before), host, port}];
    // A non-blocking connect's EINPROGRESS is neither: its outcome is what settled it.
    (ep.outcome == ConnectOutcome::kUnknown ? a.unknown : ep.failed() ? a.failed : a.ok)++;
  }
  auto counts = [](const Agg& a) {
    std::string out = StrCat(a.ok, " ok");
    if (a.failed) StrAppend(&out, ", ", a.failed, " failed");
    if (a.unknown) StrAppend(&out, ", ", a.unknown, " outcome unknown");
    return out;
  };
  // One line per address; a host tried on more than kFoldPorts ports (a scan) is one line
  // with its ports as ranges, so that a sweep of 65535 ports stays one line.
  constexpr size_t kFoldPorts = 5;
  std::vector<std::string> out;
  for (auto it = agg.begin(); it != agg.end();) {
    const auto& [op, cls, host, port] = it->first;
    auto end = it;
    std::vector<int> ports;
    Agg sum;
    for (; end != agg.end() && std::get<0>(end->first) == op && std::get<1>(end->first) == cls &&
           std::get<2>(end->first) == host;
         ++end) {
      if (std::get<3>(end->first) >= 0) ports.push_back(std::get<3>(end->first));
      sum.ok += end->second.ok;
      sum.failed += end->second.failed;
      sum.unknown += end->second.unknown;
    }
    const bool bracket = host.find(':') != std::string::npos;  // IPv6: "[::1]:53"
    auto with_port = [&](const std::string& p) { return bracket ? StrCat("[", host, "]:", p) : StrCat(host, ":", p); };
    if (ports.size() > kFoldPorts && static_cast<size_t>(std::distance(it, end)) == ports.size()) {
      out.push_back(StrCat(op, " ", bracket ? StrCat("[", host, "]") : host, " (", cls, "), ", ports.size(), " ports (",
                           PortRuns(ports), "): ", counts(sum)));
      it = end;
      continue;
    }
    for (; it != end; ++it) {
      const int p = std::get<3>(it->first);
      const std::string shown = p < 0 ? host : with_port(StrCat(p));
      out.push_back(StrCat(op, " ", shown, " (", cls, "): ", counts(it->second)));
    }
  }
  if (out.empty()) out.push_back("no socket activity recorded");
  return out;
}

std::vector<EvidenceLine> ResolveEvidence(const EventStore& s, const std::vector<EventIndex>& events, size_t cap) {
  std::vector<EvidenceRef> refs;
  for (size_t i = 0; i < events.size() && i < cap; ++i)
    for (const EvidenceRef& r : s.Evidence(events[i])) refs.push_back(r);
  auto lines = s.RawLines(refs);
  std::map<EvidenceRef, std::string> text(lines.begin(), lines.end());
  std::vector<EvidenceLine> out;
  for (const EvidenceRef& r : refs) out.push_back({s.file(r.file).path, r.line, text[r]});
  return out;
}

// A trace in which no call succeeded (Model::succeeded_calls): the program ran (its execve
// worked, or nothing would follow it), so strace kept only the failures. A few calls, or
// calls of one or two kinds, prove nothing (`-e trace=connect` of a scanner whose connects
// were all refused is a filtered trace); a dynamically linked program fails dozens of
// probes of several kinds at start (-Z of python3: 142 lines, 8 syscalls).
bool FailedCallsOnly(const Model& m) {
  constexpr uint64_t kMinCalls = 20;
  constexpr size_t kMinKinds = 3;
  return m.calls() >= kMinCalls && m.syscall_counts().size() >= kMinKinds && m.succeeded_calls() == 0;
}

// Not one open in the trace shows its path (Model::opens_without_path).
bool PathsNotShown(const Model& m) {
  constexpr uint64_t kMinOpens = 3;  // every dynamically linked program opens more at start
  return m.opens() >= kMinOpens && m.opens_without_path() == m.opens();
}

// How a trace was cut down, for the verdict and the recommendation.
std::string TraceFilter(const Model& m) {
  if (FailedCallsOnly(m)) return "the trace holds failed calls only (strace -Z / --failed-only / -e status=failed)";
  if (!m.trace_filter().empty())
    return StrCat("the trace is filtered (strace -e trace=", m.trace_filter(), ", its ps row)");
  if (!(m.traced_calls() & kCallsMemory)) return "the trace is filtered (strace -e trace=...)";
  return "the trace does not show paths (strace -e raw=)";
}

// A filtered trace (Model::traced_calls) shows an absence only for the classes of calls it
// kept, and a trace of failed calls only shows none of the calls that worked; "" when
// category `c` can be assessed, else why not.
std::string FilteredTraceGap(const Model& m, Category c) {
  if (FailedCallsOnly(m) && c != Category::kDependencies && c != Category::kStability)
    return "the trace holds failed calls only (strace -Z / --failed-only / -e status=failed): the execs, opens and "
           "connects that worked are not in it, so their absence proves nothing";
  if (PathsNotShown(m) && (c == Category::kFile || c == Category::kBackdoor))
    return StrCat("the trace does not show the paths of its ", Counted(m.opens(), "open(s)"), " (strace -e raw=openat / -e raw=all "
                  "print them as addresses): which files the program read, wrote or ran is unknown");
  const uint32_t traced = m.traced_calls();
  if (m.syscall_counts().empty() || (traced & kCallsMemory)) return "";  // no calls, or unfiltered
  uint32_t needed = 0;
  std::string_view cls;
  switch (c) {
    case Category::kProcess: needed = kCallsProcess; cls = "process"; break;
    case Category::kFile: needed = kCallsFile; cls = "file"; break;
    case Category::kNetwork: needed = kCallsNetwork; cls = "network"; break;
    // No call every program makes shows that set*id/capset/ptrace were traced.
    case Category::kPrivilege: needed = ~0u; cls = "privilege"; break;
    // Persistence writes, fileless and temporary-directory execs.
    case Category::kBackdoor: needed = kCallsProcess | kCallsFile; cls = "file or process"; break;
    default: return "";
  }
  if ((traced & needed) == needed) return "";
  if (!m.trace_filter().empty())
    return StrCat("the trace is filtered (ps shows its strace with -e trace=", m.trace_filter(),
                  "): that set does not hold every ", cls, " call, so their absence proves nothing");
  return StrCat("the trace is filtered (strace -e trace=...): it has no ", cls,
                " calls and none of the calls every program makes, so their absence proves nothing");
}

// The tids the run created whose strace -ff file is missing (Model::untraced_creations),
// with the call that created the first `named` of them; "" when none is.
std::string UntracedGap(const Model& m, size_t named) {
  const std::vector<EventIndex>& created = m.untraced_creations();
  if (created.empty()) return "";
  std::string list;
  for (size_t k = 0; k < created.size() && k < named; ++k) {
    const EventStore& s = m.store();
    const Event& e = s.event(created[k]);
    StrAppend(&list, k == 0 ? "" : ", ", (s.DetailOrEmpty(e).flags & kCloneThread) ? "thread " : "process ",
              e.result, " (", s.name(e.name), " at ", s.Where(e), ")");
  }
  if (created.size() > named) StrAppend(&list, ", ", created.size() - named, " more");
  return StrCat("the trace has no file for ", Counted(created.size(), "tid(s)"), " the run created: ", list,
                "; strace -ff writes a file per tid, so those files are missing (or empty) and what the tids did "
                "is unknown");
}

// The target never ran under strace: the trace holds no system call at all (strace's child
// could not be traced: "strace: test_ptrace_get_syscall_info: PTRACE_TRACEME: Operation not
// permitted", then "+++ exited with 1 +++" only) or only exec attempts that failed ("strace:
// exec: Permission denied", "Exec format error", a script whose #! interpreter is missing:
// execve(...) = -1 EACCES, then strace's own "+++ exited with 1 +++"). Nothing the program
// would do was observed, so no row can be safe. "" when some call worked.
// strace's own first error in program.log, quoted with its file:line ("strace: exec:
// Permission denied" at program.log:1; the program log parser gives it kind "strace"), or ""
// when the log holds none. A run script that merges strace's stderr into program.log keeps
// the one line that says why the capture failed.
// strace's message in the trace file itself (its stderr was the trace: `2> strace_log`) counts
// too, and comes first: the parser reports it as kStraceOwnMessage.
std::string StraceOwnError(const Model& m) {
  const EventStore& s = m.store();
  for (const Diagnostic& d : s.diagnostics())
    if (d.message == kStraceOwnMessage)
      return StrCat("strace said \"", d.text, "\" at ", Basename(s.file(d.file).path), ":", d.line);
  for (EventIndex i = 0; i < s.size(); ++i) {
    const Event& e = s.event(i);
    if (e.type != EventType::kLogLine || e.detail == kNoDetail) continue;
    const Detail& d = s.detail(e);
    if (!(d.flags & kLogError) || d.str2 == kNoStr || s.str(d.str2) != "strace") continue;
    return StrCat("strace said \"", s.str(e.str), "\" at ", s.Where(e));
  }
  return "";
}

// No trace to read (none, or an empty one) while program.log holds strace's own error
// ("strace: Can't stat '/app/x': No such file or directory", "strace: attach:
// ptrace(PTRACE_SEIZE, 7): Operation not permitted": strace writes nothing then): the target
// was not traced, whatever --allow-missing accepts. "" otherwise.
std::string StraceFailedWithoutTrace(const Model& m) {
  if (StandardPresent(m, StandardSource::kStrace)) return "";
  std::string said = StraceOwnError(m);
  if (said.empty()) return "";
  return StrCat("strace did not trace the target: ", said,
                " and there is no trace, so nothing the program would do was observed");
}

std::string TargetNeverRan(const Model& m) {
  if (m.root() == kNoProc || !StandardPresent(m, StandardSource::kStrace) || m.succeeded_calls() > 0)
    return StraceFailedWithoutTrace(m);
  const EventStore& s = m.store();
  for (const auto& [name, counts] : m.syscall_counts())
    if (s.name(name) != "execve" && s.name(name) != "execveat") return "";
  const Process& root = m.process(m.root());
  std::string said = StraceOwnError(m);
  if (root.execs.empty())
    return StrCat("the trace holds no system call: strace did not get to trace pid ", root.pid, " (",
                  said.empty() ? "it could not trace or start it; its own message, \"strace: ...\", is on its "
                                 "stderr, often program.log"
                               : said,
                  "), so nothing the program would do was observed");
  const ExecRecord& first = root.execs.front();
  const Event& e = s.event(first.event);
  return StrCat("the target never ran: every call in the trace is a failed exec, the first ", s.name(e.name), "(\"",
                s.str(first.path), "\") = -1 ", ErrnoName(e.err), " at ", s.Where(e), " (",
                said.empty() ? "strace could not start it; its own message, \"strace: exec: ...\", is on its stderr, "
                               "often program.log"
                             : said,
                "), so nothing the program would do was observed");
}

// A finding that only read strace's own child when the target never ran (TargetNeverRan):
// its exit after the failed exec (startup_crash, nonzero_exit). Those of high severity are
// kept: evidence of harm stands whoever made it.
bool ReadsOnlyStracesChild(const EventStore& s, const rules::Finding& f) {
  if (f.status != FindingStatus::kFired || f.severity >= Severity::kHigh || f.evidence.empty()) return false;
  return std::all_of(f.evidence.begin(), f.evidence.end(), [&](EventIndex i) {
    return s.file(s.event(i).file).kind == SourceKind::kStrace;
  });
}

// The stability row of a run that never happened: `never_ran` is TargetNeverRan's reason,
// `left_out` the findings ReadsOnlyStracesChild dropped ("startup_crash @ strace_log.43:2").
TableRow NeverRanStabilityRow(const std::string& never_ran, const std::vector<std::string>& left_out) {
  TableRow row;
  row.category = Category::kStability;
  row.risk = Risk::kNotAssessed;
  row.observation = "not assessed: the run never happened (strace could not start the target)";
  row.comments = never_ran;
  if (!left_out.empty())
    StrAppend(&row.comments, "; the exit in the trace is strace's child's, not the program's: ",
              absl::StrJoin(left_out, ", "), " left out");
  return row;
}

// The target's start missing from the trace: the root makes no execve in it (strace -p
// attached to a running process, execve left out by -e trace=..., or the trace lost its
// beginning). What the program did before the first line is unknown; "" when the start is
// there or nothing was traced, or when the target never ran (`never_ran`: TargetNeverRan's).
std::string UntracedStart(const Model& m, const std::string& never_ran) {
  // A trace of failed calls only lacks every successful execve: FilteredTraceGap says so.
  if (m.root() == kNoProc || !StandardPresent(m, StandardSource::kStrace) || FailedCallsOnly(m) ||
      !never_ran.empty())
    return "";
  if (!m.start_untraced()) return "";
  const Process& root = m.process(m.root());
  const EventStore& s = m.store();
  std::string first_line;
  for (EventIndex i = 0; i < s.size(); ++i) {
    if (m.ProcessOf(i) != m.root() || s.file(s.event(i).file).kind != SourceKind::kStrace) continue;
    first_line = s.Where(s.event(i));
    break;
  }
  const std::string where = first_line.empty() ? "" : StrCat(" (its first line: ", first_line, ")");
  if (m.tracer_attached()) {
    const Process& tracer = m.process(m.tracer());
    return StrCat("the trace does not show the target starting: strace was attached to the running pid ", root.pid,
                  " (ps: pid ", tracer.pid, " ", s.str(tracer.cmdline), "); what the program did before ",
                  first_line.empty() ? "the trace began" : first_line, " is unknown");
  }
  // ps shows strace ran the program with a -e trace= set that leaves execve out: the start is
  // not lost, and the filter's own reason says what is not assessed.
  if (!m.trace_filter().empty() && !(m.traced_calls() & kCallsProcess)) return "";
  return StrCat("the trace does not show the target starting: pid ", root.pid, " makes no execve in it", where,
                "; strace -p attached to a running process, execve was filtered out, or the trace lost its "
                "beginning, so what the program did before is unknown");
}

// A trace in which no call failed. Every glibc program fails at least
// access("/etc/ld.so.preload"), node and python dozens of stat() probes: among many calls,
// none failing suggests strace -z (--successful-only), which leaves failed connect(),
// open() and execve() attempts out. Not proof (a static binary may fail nothing), so it is
// said, not scored. "" when some call failed or the trace is short.
std::string NoFailedCallCaveat(const Model& m) {
  constexpr uint64_t kMinCalls = 200;
  if (m.calls() < kMinCalls || m.failed_calls() > 0 || !(m.traced_calls() & kCallsMemory)) return "";
  return StrCat("no system call in the trace failed (", m.calls(),
                " calls): if it was captured with strace -z (--successful-only), failed attempts are not in it");
}

// What the wrapper or launcher the reviewer ran the target under did that a row's rules
// leave out as the harness's (evt.launch): su's setgroups and its child's setgid/setuid,
// bwrap's capset, unshare and mounts; su's PAM reading /etc/shadow. The row would otherwise
// read as if the trace held nothing of the kind. `item` names what an event did ("" for an
// event of no interest); one entry per process: its program, the items in the order first
// seen, the first one's line.
// One process of the launcher or wrapper and what it did of a row's kind (HarnessEntries).
struct HarnessEntry {
  ProcIndex proc;
  std::string program;             // "su (pid 45)"
  std::vector<std::string> items;  // "setgid", "setuid"
  EvidenceRef first;
};

template <typename ItemFn>
std::vector<HarnessEntry> HarnessEntries(const Model& m, ItemFn item, size_t* more) {
  constexpr size_t kMaxProcesses = 4, kMaxItems = 6;
  const EventStore& s = m.store();
  std::vector<HarnessEntry> entries;
  for (EventIndex i = 0; i < s.events().size(); ++i) {
    const Event& e = s.event(i);
    if (e.type != EventType::kSyscall) continue;
    const std::string_view what = item(i, e);
    if (what.empty() || !m.InLaunch(i)) continue;
    const ProcIndex p = m.ProcessOf(i);
    if (p == kNoProc) continue;
    auto it = std::find_if(entries.begin(), entries.end(), [p](const HarnessEntry& x) { return x.proc == p; });
    if (it == entries.end()) {
      if (entries.size() == kMaxProcesses) { ++*more; continue; }
      const std::vector<EvidenceRef> refs = s.Evidence(i);
      if (refs.empty()) continue;
      const Model::Program prog = m.ProgramAt(p, i);
      std::string name(prog.exe != kNoStr ? Basename(s.str(prog.exe)) : ProgramOf(s.str(prog.cmdline)));
      entries.push_back({p, StrCat(name, " (pid ", m.process(p).pid, ")"), {}, refs.front()});
      it = std::prev(entries.end());
    }
    if (it->items.size() < kMaxItems && std::find(it->items.begin(), it->items.end(), what) == it->items.end())
      it->items.emplace_back(what);
  }
  return entries;
}

std::string HarnessComment(const EventStore& s, std::string_view lead, const std::vector<HarnessEntry>& entries,
                           size_t more) {
  if (entries.empty()) return "";
  std::vector<std::string> parts;
  for (const HarnessEntry& x : entries)
    parts.push_back(StrCat(x.program, " ", absl::StrJoin(x.items, ", "), " @ ", Basename(s.file(x.first.file).path), ":",
                           x.first.line));
  if (more > 0) parts.push_back(StrCat("(+", more, " more processes)"));
  return StrCat(lead, ", the harness's and not the target's: ", absl::StrJoin(parts, "; "));
}

std::vector<HarnessEntry> LauncherPrivilegeOps(const Model& m, size_t* more) {
  const EventStore& s = m.store();
  return HarnessEntries(m, [&](EventIndex, const Event& e) {
    const bool privileged = e.op == Op::kSetId || e.op == Op::kCapset || e.op == Op::kNamespace || e.op == Op::kMount;
    return privileged ? s.name(e.name) : std::string_view();
  }, more);
}

// The privilege row's statement of what the launcher did, in words ("su (pid 45) changed
// identity"), for an observation that would otherwise say "no setuid" beside su's setuid.
std::string LauncherPrivilegeSummary(const Model& m) {
  size_t more = 0;
  const std::vector<HarnessEntry> entries = LauncherPrivilegeOps(m, &more);
  std::vector<std::string> parts;
  for (const HarnessEntry& x : entries) {
    std::vector<std::string> did;
    auto add = [&did](std::string_view what) {
      if (std::find(did.begin(), did.end(), what) == did.end()) did.emplace_back(what);
    };
    for (const std::string& call : x.items) {
      if (call == "capset") add("changed its capabilities");
      else if (call == "unshare" || call == "setns" || call.starts_with("clone")) add("entered new namespaces");
      else if (call == "mount" || call == "umount2" || call == "umount" || call == "pivot_root") add("mounted file systems");
      else if (call == "setgroups") add("changed its groups");
      else add("changed identity");
    }
    parts.push_back(StrCat(x.program, " ", absl::StrJoin(did, ", ")));
  }
  if (parts.empty()) return "";
  if (more > 0) parts.push_back(StrCat("(+", more, " more processes)"));
  return StrCat("the launcher did, as the harness: ", absl::StrJoin(parts, "; "));
}

// The connections strace -p found open (Endpoint::before_trace), for the network row: their
// accept or connect is not in the trace, and one accepted before it is a client's, whatever
// its I/O looks like. "" when there is none.
std::string PreTraceConnections(const Model& m) {
  const EventStore& s = m.store();
  std::vector<std::string> accepted, opened;
  for (const Endpoint& ep : m.endpoints()) {
    if (!ep.before_trace || ep.address == kNoStr) continue;
    std::vector<std::string>& list = ep.accepted_peer ? accepted : opened;
    if (std::find(list.begin(), list.end(), s.str(ep.address)) == list.end()) list.emplace_back(s.str(ep.address));
  }
  std::vector<std::string> parts;
  if (!accepted.empty())
    parts.push_back(StrCat(accepted.size(), " accepted before the trace (from ", absl::StrJoin(accepted, ", "),
                           "): a client's connection, its replies not the program reaching out"));
  if (!opened.empty())
    parts.push_back(StrCat(opened.size(), " opened before the trace (to ", absl::StrJoin(opened, ", "),
                           "): how and why it was made is not in the trace"));
  if (parts.empty()) return "";
  return StrCat("connections already open when strace attached: ", absl::StrJoin(parts, "; "));
}

// A safe privilege row's observation when the launcher made privilege calls itself (su's
// setuid, bwrap's namespaces): its "no setuid/setgid ..." is about the target, and the
// launcher's calls are said beside it rather than only in Comments.
std::string TargetOnlyObservation(const Model& m, std::string_view observation) {
  std::string target = observation.starts_with("no ") ? StrCat("the target made ", observation)
                                                       : StrCat("the target: ", observation);
  if (std::string launcher = LauncherPrivilegeSummary(m); !launcher.empty()) StrAppend(&target, "; ", launcher);
  return target;
}

std::string HarnessNote(const Model& m, Category c) {
  const EventStore& s = m.store();
  size_t more = 0;
  if (c == Category::kPrivilege)
    return HarnessComment(s, "the launcher's or wrapper's own privilege operations", LauncherPrivilegeOps(m, &more),
                          more);
  if (c == Category::kFile)
    return HarnessComment(s, "the launcher's or wrapper's own reads of sensitive files",
                          HarnessEntries(m, [&](EventIndex i, const Event& e) {
                            if (e.op != Op::kOpen || e.err != 0) return std::string_view();
                            const StrId path = m.PathArg(i);
                            const FileSummary* f = path == kNoStr ? nullptr : m.FindFile(path);
                            return f != nullptr && f->cls == PathClass::kSensitive ? s.str(path) : std::string_view();
                          }, &more), more);
  return "";
}

// What the Dependencies row says the target loaded (Model::dependencies), from the trace's
// successful opens and executable mappings; "" when there is no trace. A trace that leaves
// file opens out (strace -e trace=network) or holds failed calls only shows none of them. A
// trace that begins after the target started (strace -p) misses what it loaded at start-up,
// which is most of it: "loaded no package ..." would read as a program that loads nothing.
std::string LoadedDependencies(const Model& m) {
  if (!m.coverage(SourceKind::kStrace).assessable()) return "";
  const uint32_t traced = m.traced_calls();
  if (FailedCallsOnly(m) || PathsNotShown(m) || (!(traced & kCallsMemory) && !(traced & kCallsFile)))
    return "what it loaded not assessed (the trace does not show its file opens)";
  const std::string summary = m.dependencies().Summary();
  if (m.start_untraced())
    return summary.empty() ? "what it loaded at start-up not assessed (the trace begins after the target started)"
                           : StrCat("loaded after the trace began: ", summary,
                                    "; what it loaded at start-up is not in the trace");
  return summary.empty() ? "loaded no package, module or shared library the trace shows" : StrCat("loaded ", summary);
}

// The evidence of LoadedDependencies' list: each group's first load, by the dep.kind and
// dep.origin names ("first loads: npm/project strace_log:120, shared_library/system strace_log:4").
std::string FirstLoads(const Model& m) {
  if (!m.coverage(SourceKind::kStrace).assessable()) return "";
  std::vector<std::string> parts;
  for (const DepGroup& g : m.dependencies().Groups())
    parts.push_back(StrCat(DepKindName(g.kind), "/", DepOriginName(g.origin), " ", m.store().Where(m.store().event(g.first_event))));
  return parts.empty() ? "" : StrCat("first loads: ", absl::StrJoin(parts, ", "));
}

// A fired finding of another category whose rule is tagged with this category's name. Such a
// rule is what an absence rule of this category looks for (no_backdoor_indicator's "no
// temporary-directory execution" is broken by the process rule exec_from_temp): without it
// the row would have neither a finding nor a held rule.
bool TaggedFor(const ReportFinding& f, Category c) {
  return f.status == FindingStatus::kFired &&
         std::find(f.tags.begin(), f.tags.end(), rules::CategoryName(c)) != f.tags.end();
}

// A further statement in a row's Comments, after "; " when there is one already.
void AppendComment(TableRow* row, std::string_view text) {
  StrAppend(&row->comments, row->comments.empty() ? "" : "; ", text);
}

// The sources the not-assessed rules of a row lacked, each once, in rule order.
std::string MissingSources(const std::vector<const ReportFinding*>& missing) {
  std::vector<std::string> srcs;
  for (const ReportFinding* f : missing)
    for (const std::string& m : f->missing_sources)
      if (std::find(srcs.begin(), srcs.end(), m) == srcs.end()) srcs.push_back(m);
  return absl::StrJoin(srcs, ", ");
}

// What a row's observation already states, so that nothing is said twice: two rules over the
// same events (mining_pool_contact and dns_lookup on the same DNS sends) each end in "2 query
// send(s)", and a finding tagged for the row may repeat another's observation whole. A count
// ("2 attempt(s)", a "; "-separated part outside parentheses and quotes that starts with a
// digit) qualifies the statement before it, so it is a repeat only when it counts the same
// events (the same evidence lines). Other parts are never dropped alone: an observation quotes
// command lines, whose own "; " ("sh -c uname -a; id; ...") must stay whole.
class RowStatements {
 public:
  // `f`'s observation without the parts already stated ("" when it was said whole).
  std::string Add(const ReportFinding& f) {
    if (!seen_.insert(f.observation).second) return "";
    std::string evidence;
    for (const EvidenceLine& e : f.evidence) StrAppend(&evidence, e.file, ":", e.line, " ");
    std::vector<std::string> kept;
    for (std::string_view part : SplitStatements(f.observation)) {
      const bool count = absl::ascii_isdigit(static_cast<unsigned char>(part.front()));
      if (count && !seen_.insert(StrCat(part, "\n", evidence)).second) continue;
      kept.emplace_back(part);
    }
    return absl::StrJoin(kept, "; ");
  }

 private:
  static std::vector<std::string_view> SplitStatements(std::string_view text) {
    std::vector<std::string_view> parts;
    int depth = 0;
    bool quoted = false;
    size_t start = 0;
    for (size_t i = 0; i < text.size(); ++i) {
      const char ch = text[i];
      if (ch == '"') quoted = !quoted;
      if (quoted) continue;
      if (ch == '(' || ch == '[') ++depth;
      if ((ch == ')' || ch == ']') && depth > 0) --depth;
      if (depth == 0 && ch == ';' && i + 1 < text.size() && text[i + 1] == ' ') {
        if (i > start) parts.push_back(text.substr(start, i - start));
        start = i + 2;
      }
    }
    if (start < text.size()) parts.push_back(text.substr(start));
    return parts;
  }

  absl::flat_hash_set<std::string> seen_;
};

TableRow BuildRow(Category c, const std::vector<ReportFinding>& findings) {
  TableRow row;
  row.category = c;
  std::vector<const ReportFinding*> fired, held, missing;
  for (const ReportFinding& f : findings) {
    if (f.category != c && !TaggedFor(f, c)) continue;
    if (f.status == FindingStatus::kFired) fired.push_back(&f);
    else if (f.status == FindingStatus::kHeld) held.push_back(&f);
    else missing.push_back(&f);
  }
  std::sort(fired.begin(), fired.end(),
            [](const ReportFinding* a, const ReportFinding* b) { return a->severity > b->severity; });
  if (!fired.empty()) {
    row.risk = RiskOf(fired.front()->severity);
    std::vector<std::string> obs, cites;
    RowStatements stated;
    for (size_t i = 0; i < fired.size() && i < 4; ++i) {
      if (std::string said = stated.Add(*fired[i]); !said.empty()) obs.push_back(std::move(said));
      if (!fired[i]->evidence.empty())
        cites.push_back(StrCat(fired[i]->rule, " @ ", Basename(fired[i]->evidence[0].file), ":",
                                     fired[i]->evidence[0].line));
    }
    if (fired.size() > 4) obs.push_back(StrCat("(+", fired.size() - 4, " more findings)"));
    row.observation = absl::StrJoin(obs, "; ");
    row.comments = absl::StrJoin(cites, "; ");
    for (const ReportFinding* h : held) {
      if (row.comments.size() < 400) AppendComment(&row, h->observation);
    }
    // What fired is a floor when some of the row's rules could not run: the comment names
    // what could not be checked, and BuildReport does not let such a row read as safe.
    if (!missing.empty()) {
      AppendComment(&row, StrCat("missing source: ", MissingSources(missing)));
      row.source_missing = true;
    }
    return row;
  }
  if (!missing.empty()) {
    row.risk = Risk::kNotAssessed;
    row.observation = "not assessed";
    row.comments = StrCat("missing source: ", MissingSources(missing));
    row.source_missing = true;
    return row;
  }
  if (!held.empty()) {
    row.risk = Risk::kSafe;
    std::vector<std::string> obs;
    for (const ReportFinding* h : held) obs.push_back(h->observation);
    row.observation = absl::StrJoin(obs, "; ");
    row.comments = "checked by " + absl::StrJoin(held, ", ", [](std::string* o, const ReportFinding* f) {
                     o->append(f->rule);
                   });
    return row;
  }
  row.risk = Risk::kNotAssessed;
  row.observation = "not assessed";
  row.comments = "no rule covers this category";
  return row;
}


// The categories whose "nothing seen" rests on a source: the trace speaks for all but the
// program's own account of its dependencies and stability; each snapshot for its own row.
std::vector<Category> CategoriesOf(SourceKind kind) {
  switch (kind) {
    case SourceKind::kStrace:
      return {Category::kProcess, Category::kNetwork, Category::kFile, Category::kPrivilege, Category::kBackdoor};
    case SourceKind::kInotify: return {Category::kFile};
    case SourceKind::kSs:
    case SourceKind::kNetstat: return {Category::kNetwork};
    case SourceKind::kPs: return {Category::kProcess};
    case SourceKind::kProgramLog: return {Category::kDependencies, Category::kStability};
    default: return {};
  }
}

// The first diagnostic of `file` that `accept` takes (the store keeps them in file order), or
// nullptr.
template <typename Accept>
const Diagnostic* FirstDiagnostic(const EventStore& s, FileId file, Accept accept) {
  for (const Diagnostic& d : s.diagnostics())
    if (d.file == file && accept(d)) return &d;
  return nullptr;
}

// A part of the input that was never read, which no "nothing seen" can speak for.
struct InputGap {
  std::string reason;  // names the file (and line)
  std::string where;   // the file, or file:line
  SourceKind kind;
  bool run_end = false;  // the run's end (its exit, a crash) is in what was lost: stability too
};

// A file that could not be read, text lost inside a file (a hole of NULs, a compressed
// stream that broke off), an entry named like a source that is not a regular file (a FIFO, a
// dangling link, a device) or was not examined.
std::vector<InputGap> UnreadInput(const EventStore& s, const std::vector<SkippedFile>& skipped) {
  std::vector<InputGap> out;
  for (const SourceFile& f : s.files()) {
    if (CategoriesOf(f.kind).empty()) continue;
    if (!f.error.empty()) {
      out.push_back({StrCat(SourceKindName(f.kind), " file could not be read: ",
                            f.error.starts_with(f.path) ? f.error : StrCat(f.path, ": ", f.error)),
                     f.path, f.kind});
      continue;
    }
    if (f.counters.lost == 0) continue;
    const Diagnostic* d = FirstDiagnostic(s, f.id, [](const Diagnostic& d) {
      return d.message.starts_with("a hole of ") || d.message.find("breaks off") != std::string::npos ||
             d.message.find("cannot be read") != std::string::npos;
    });
    out.push_back({StrCat("part of ", f.path, " is lost (", Counted(f.counters.lost, "place(s)"),
                          d == nullptr ? std::string() : StrCat(", first at line ", d->line, ": ", d->message), ")"),
                   d == nullptr ? f.path : StrCat(f.path, ":", d->line), f.kind});
  }
  for (const SkippedFile& k : skipped) {
    int32_t tid = 0;
    const SourceKind kind = ClassifyName(Basename(k.path), &tid);
    if (CategoriesOf(kind).empty()) continue;
    out.push_back({StrCat(SourceKindName(kind), " file not read: ", k.path, ": ", k.reason), k.path, kind});
  }
  return out;
}

// A trace file that ends mid-line (strace killed while it wrote, a copy cut short) with no exit
// of the target, while the program's own output or the file events go on a second or more
// after its last line: the run went on untraced, and the rest of the trace is lost text like
// a compressed copy's cut. A cut trace that no other source outlasts is the end of the run
// (damaged_inputs: its last line, the SIGTERM, cut) and stays a caveat (InputCaveat).
std::vector<InputGap> TraceCutWhileRunning(const EventStore& s, const Model& m) {
  if (m.life().exited || m.coverage(SourceKind::kStrace).last_ns == kNoTime) return {};
  const Diagnostic* cut = nullptr;
  const SourceFile* file = nullptr;
  for (const SourceFile& f : s.files()) {
    if (f.kind != SourceKind::kStrace || f.counters.lines == 0) continue;
    const Diagnostic* d = FirstDiagnostic(s, f.id, [&](const Diagnostic& d) {
      return d.line == f.counters.lines && d.message.starts_with("incomplete last line");
    });
    if (d != nullptr) std::tie(cut, file) = std::make_pair(d, &f);
  }
  if (cut == nullptr) return {};
  constexpr int64_t kSecond = 1000000000LL;
  for (SourceKind k : {SourceKind::kProgramLog, SourceKind::kInotify}) {
    const SourceCoverage& c = m.coverage(k);
    SpansOnOneClock t;
    if (std::string why; !c.present() || !OnTraceClock(s, m, c, &t, &why) || t.last < t.tlast + kSecond) continue;
    const std::string_view outlasting = k == SourceKind::kProgramLog ? "the program's output" : "the file events";
    return {{StrCat(file->path, " is cut: it ends mid-line at line ", cut->line, ", ",
                    FormatTime(m.coverage(SourceKind::kStrace).last_ns, StraceTimebase(s)),
                    ", with no exit of the target, while ", outlasting, " (", s.file(c.files.front()).path,
                    ") goes on until ", FormatTime(c.last_ns, SourceTimebase(s, k)), t.assumption,
                    ": what the program did after the cut was not traced"),
             StrCat(file->path, ":", cut->line), SourceKind::kStrace, true}};
  }
  return {};
}

// The gaps that leave category `c` partly unseen, as a row comment ("" when none).
std::string GapComment(const std::vector<InputGap>& gaps, Category c) {
  std::vector<std::string> files;
  for (const InputGap& g : gaps) {
    const std::vector<Category> cats = CategoriesOf(g.kind);
    if (std::find(cats.begin(), cats.end(), c) != cats.end() || (g.run_end && c == Category::kStability))
      files.push_back(g.where);
  }
  return files.empty() ? "" : StrCat("part of the input was not read: ", absl::StrJoin(files, ", "),
                                     " (see the verdict's reasons)");
}

// A standard source missing (accepted or not) as a comment on the rows it speaks for that
// another source assessed: what only it shows was not cross-checked ("" when none). The
// trace is every row's source; its absence is said by the rows' own "missing source".
std::string MissingSourceComment(const std::vector<StandardSource>& missing, Category c) {
  std::vector<std::string> names;
  for (StandardSource ss : missing) {
    const SourceKind kind = ss == StandardSource::kSockets      ? SourceKind::kSs
                            : ss == StandardSource::kProcesses  ? SourceKind::kPs
                            : ss == StandardSource::kFileEvents ? SourceKind::kInotify
                            : ss == StandardSource::kProgramOutput ? SourceKind::kProgramLog
                                                                   : SourceKind::kUnknown;
    const std::vector<Category> cats = CategoriesOf(kind);
    if (std::find(cats.begin(), cats.end(), c) != cats.end()) names.push_back(StandardSourceText(ss));
  }
  return names.empty() ? "" : StrCat("assessed without the ", absl::StrJoin(names, " and the "),
                                     ", which is missing: what only it would show is not assessed");
}

// For a PASS or WARN read from input with diagnostics: how many, where the first is.
std::string InputCaveat(const EventStore& s) {
  uint64_t total = 0;
  std::vector<std::string> files;
  for (const SourceFile& f : s.files()) {
    total += f.counters.diagnostics;
    if (f.counters.diagnostics > 0) files.push_back(f.path);
  }
  if (total == 0) return "";
  std::string first;
  if (!s.diagnostics().empty()) {
    const Diagnostic& d = s.diagnostics().front();
    first = StrCat("; first at ", s.file(d.file).path, ":", d.line, ": ", d.message.substr(0, 80));
  }
  return StrCat("the verdict rests on imperfect input: ", Counted(total, "input diagnostic(s)"), " in ", absl::StrJoin(files, ", "),
                first, " (see Input diagnostics)");
}

// Files with so many lines that could not be read that what they hid may matter: at least
// kMinLines, and at least 1 % of the file (two strace runs written into one file garble a few
// percent of it). A few odd lines (a cut last line, a stray CRLF) stay a caveat.
std::vector<std::string> UnreadableLines(const EventStore& s) {
  constexpr uint64_t kMinLines = 20;
  std::vector<std::string> out;
  for (const SourceFile& f : s.files()) {
    const uint64_t bad = f.counters.diagnostics, lines = f.counters.lines;
    if (bad < kMinLines || bad * 100 < lines) continue;
    const Diagnostic* d = FirstDiagnostic(s, f.id, [](const Diagnostic&) { return true; });
    out.push_back(StrCat(bad, " of the ", lines, " lines of ", f.path, " could not be read",
                         d == nullptr ? std::string() : StrCat(" (first at line ", d->line, ": ", d->message, ")"),
                         ": what they held is unknown"));
  }
  return out;
}

}  // namespace

void RelabelFiles(Report* report, std::string_view root, std::string_view label) {
  auto relabel = [&](std::string* path) {
    if (path->starts_with(root) && (path->size() == root.size() || (*path)[root.size()] == '/'))
      path->replace(0, root.size(), label);
  };
  relabel(&report->folder);
  for (ReportFinding& f : report->findings)
    for (EvidenceLine& e : f.evidence) relabel(&e.file);
  for (CoverageRow& c : report->coverage)
    for (std::string& f : c.files) relabel(&f);
  for (DiagnosticLine& d : report->diagnostics) relabel(&d.file);
  for (SkippedFile& s : report->skipped) relabel(&s.path);
  for (std::string& note : report->notes) relabel(&note);  // a file's note starts with its path
  for (std::string& reason : report->verdict_reasons) {  // reasons name files anywhere in the text
    std::string relabelled = absl::StrReplaceAll(reason, {{StrCat(root, "/"), StrCat(label, "/")}});
    reason = std::move(relabelled);
  }
}

std::string_view VerdictName(Verdict v) {
  switch (v) {
    case Verdict::kPass: return "PASS";
    case Verdict::kWarn: return "WARN";
    case Verdict::kFail: return "FAIL";
    case Verdict::kInconclusive: return "INCONCLUSIVE";
  }
  return "INCONCLUSIVE";
}

std::string_view RiskName(Risk r) {
  switch (r) {
    case Risk::kSafe: return "safe";
    case Risk::kLow: return "low";
    case Risk::kMedium: return "medium";
    case Risk::kHigh: return "high";
    case Risk::kCritical: return "critical";
    case Risk::kNotAssessed: return "not-assessed";
  }
  return "not-assessed";
}

bool ParseStandardSource(std::string_view name, std::vector<StandardSource>* out) {
  if (name == "all") {
    *out = {StandardSource::kStrace, StandardSource::kSockets, StandardSource::kProcesses,
            StandardSource::kFileEvents, StandardSource::kProgramOutput};
    return true;
  }
  if (name == "strace") out->push_back(StandardSource::kStrace);
  else if (name == "ss" || name == "netstat" || name == "sockets") out->push_back(StandardSource::kSockets);
  else if (name == "ps" || name == "processes") out->push_back(StandardSource::kProcesses);
  else if (name == "inotify" || name == "files") out->push_back(StandardSource::kFileEvents);
  else if (name == "program_log" || name == "log") out->push_back(StandardSource::kProgramOutput);
  else return false;
  return true;
}

int ExitCodeFor(Verdict v) {
  switch (v) {
    case Verdict::kPass:
    case Verdict::kWarn: return 0;
    case Verdict::kFail: return 1;
    case Verdict::kInconclusive: return 3;
  }
  return 3;
}

// A run the harness stopped, whose threads made not one futex call: the trace left futex out
// (strace -e trace=!futex), so a hang in lock waits (hung_until_stopped: every thread in an
// unfinished futex at the stop) could not be seen. "" otherwise.
std::string HangGap(const Model& m) {
  const RunLife& life = m.life();
  if (!life.stopped_by_harness || m.root() == kNoProc || !(m.traced_calls() & kCallsMemory)) return "";
  const Process& target = m.process(m.target());
  if (target.threads.empty()) return "";
  for (const auto& [name, counts] : m.syscall_counts())
    if (m.store().name(name) == "futex") return "";
  return StrCat("the target ran ", target.threads.size() + 1, " threads and the trace has no futex call (as with "
                "strace -e trace=!futex): a hang in lock waits at the harness's stop (hung_until_stopped) would not show");
}

Report BuildReport(const Model& m, const std::vector<rules::Finding>& findings, const ReportOptions& opt) {
  const EventStore& s = m.store();
  Report r;
  r.folder = opt.folder;
  r.skipped = opt.skipped;
  r.notes = m.notes();
  for (const SourceFile& f : s.files())
    if (!f.note.empty()) r.notes.push_back(StrCat(f.path, ": ", f.note));
  // Overview
  const RunLife& life = m.life();
  if (std::string gap = HangGap(m); !gap.empty()) r.notes.push_back(std::move(gap));
  size_t hidden = 0;  // processes past the tree's line cap
  if (m.root() != kNoProc) {
    const Process& root = m.process(m.root());
    // What the reviewer ran: the exec that started the target (after any launcher chain),
    // not a program the target later replaced itself with (perl exec'ing /bin/sh -i is a
    // finding, not the target's name).
    StrId started = kNoStr;
    for (const ExecRecord& x : m.process(m.target()).execs)
      if (x.ok && m.IsStartExec(x.event)) started = x.cmdline;
    r.target = std::string(started != kNoStr ? s.str(started)
                           : s.str(root.cmdline).empty() ? s.str(root.exe) : s.str(root.cmdline));
    r.root_pid = root.pid;
    r.user = std::string(s.str(root.user));
    ProcessTreeLines(m, m.root(), 0, &r.process_tree, &hidden);
  }
  for (ProcIndex p = 0; p < m.processes().size(); ++p) {
    const Process& proc = m.process(p);
    if (proc.in_strace && proc.parent == kNoProc && p != m.root()) ProcessTreeLines(m, p, 0, &r.process_tree, &hidden);
  }
  if (hidden > 0) r.process_tree.push_back(StrCat("… ", hidden, " more traced processes not shown"));
  for (const Process& proc : m.processes()) {
    if (proc.in_strace || !proc.in_ps) continue;
    r.process_tree.push_back(StrCat("(ps only) pid ", proc.pid, " ", s.str(proc.user), " ", s.str(proc.cmdline)));
  }
  Timebase tb = StraceTimebase(s);
  r.started = FormatTime(life.start_ns, tb);
  // strace -p: the program was running before the trace began; its first line is no start.
  if (m.tracer_attached() && !r.started.empty())
    r.started = StrCat("before ", r.started, " (strace attached to the running program then)");
  r.ended = FormatTime(life.end_ns, tb);
  r.duration_s = life.duration_s;
  r.exit_status = ExitStatus(m);
  r.life = life.reason;
  for (const Event& e : s.events())
    if (e.type == EventType::kRunInfo) r.sandbox.emplace_back(s.name(e.name), s.str(e.str));
  r.file_activity = FileActivity(m);
  r.network_activity = NetworkActivity(m);
  for (const auto& [name, counts] : m.syscall_counts()) {
    r.syscall_total += counts.first;
    r.syscalls.emplace_back(std::string(s.name(name)), counts);
  }
  // Coverage and missing sources
  for (const SourceCoverage& c : m.coverage()) {
    if (!c.present()) continue;
    CoverageRow row;
    row.source = std::string(SourceKindName(c.kind));
    for (FileId f : c.files) row.files.push_back(s.file(f).path);
    row.lines = c.lines;
    row.events = c.events;
    row.unparsed = c.unparsed;
    const Timebase tb = SourceTimebase(s, c.kind);
    row.first_time = FormatTime(c.first_ns, tb);
    row.last_time = FormatTime(c.last_ns, tb);
    row.overlaps_trace = TraceOverlap(s, m, c);
    r.coverage.push_back(std::move(row));
  }
  std::vector<StandardSource> missing;
  for (StandardSource ss : {StandardSource::kStrace, StandardSource::kSockets, StandardSource::kProcesses,
                            StandardSource::kFileEvents, StandardSource::kProgramOutput}) {
    if (StandardPresent(m, ss)) continue;
    missing.push_back(ss);
    r.missing_sources.push_back(StandardSourceText(ss) +
                                (opt.allow_missing.count(ss) ? " [accepted with --allow-missing]" : ""));
  }
  // Findings with evidence
  const std::string never_ran = TargetNeverRan(m);
  std::vector<std::string> straces_own;  // findings that read strace's child, not the target
  for (const rules::Finding& f : findings) {
    if (!never_ran.empty() && ReadsOnlyStracesChild(s, f)) {
      straces_own.push_back(StrCat(f.rule, " @ ", Basename(s.file(s.event(f.evidence[0]).file).path), ":",
                                   s.event(f.evidence[0]).line));
      continue;
    }
    ReportFinding rf;
    rf.rule = f.rule;
    rf.category = f.category;
    rf.severity = f.severity;
    rf.status = f.status;
    rf.observation = f.observation;
    rf.recommendation = f.recommendation;
    rf.references = f.references;
    rf.tags = f.tags;
    rf.count = f.count;
    rf.evidence = ResolveEvidence(s, f.evidence, opt.max_evidence_per_finding);
    if (f.evidence.size() > opt.max_evidence_per_finding) rf.evidence_cut_at = opt.max_evidence_per_finding;
    for (SourceKind k : f.missing_sources) rf.missing_sources.emplace_back(SourceKindName(k));
    r.findings.push_back(std::move(rf));
  }
  std::stable_sort(r.findings.begin(), r.findings.end(), [](const ReportFinding& a, const ReportFinding& b) {
    if ((a.status == FindingStatus::kFired) != (b.status == FindingStatus::kFired))
      return a.status == FindingStatus::kFired;
    return a.severity > b.severity;
  });
  std::vector<std::string> filtered;  // categories a filtered trace cannot speak for
  const std::string untraced = UntracedGap(m, 1);
  const std::string untraced_start = UntracedStart(m, never_ran);
  const std::vector<Category> traced_rows = CategoriesOf(SourceKind::kStrace);
  std::vector<InputGap> unread = UnreadInput(s, opt.skipped);
  const std::vector<InputGap> cut_trace = TraceCutWhileRunning(s, m);
  unread.insert(unread.end(), cut_trace.begin(), cut_trace.end());
  std::vector<std::string> incomplete;  // categories the missing tids could have changed
  for (Category c : kCategories) {
    TableRow row = BuildRow(c, r.findings);
    // A trace of a target that never ran shows strace's absences, not the program's, and
    // its exit is strace's child's after the failed exec: no run to be stable or not.
    if (!never_ran.empty() && row.risk == Risk::kSafe &&
        std::find(traced_rows.begin(), traced_rows.end(), c) != traced_rows.end()) {
      row.risk = Risk::kNotAssessed;
      row.observation = "not assessed";
      row.comments = never_ran;
    }
    if (!never_ran.empty() && c == Category::kStability && (row.risk < Risk::kHigh || row.risk == Risk::kNotAssessed))
      row = NeverRanStabilityRow(never_ran, straces_own);
    // "Nothing seen" needs the calls that would have shown it: `strace -e trace=...` leaves
    // whole classes out, and then the row is not assessed rather than safe.
    if (row.risk == Risk::kSafe) {
      if (std::string gap = FilteredTraceGap(m, c); !gap.empty()) {
        row.risk = Risk::kNotAssessed;
        row.observation = "not assessed";
        row.comments = gap;
        filtered.emplace_back(rules::CategoryName(c));
      }
    }
    // Nor does a trace with a thread's or child's calls missing; what was seen is a floor.
    if (!untraced.empty() && row.risk != Risk::kNotAssessed && c != Category::kDependencies &&
        c != Category::kStability) {
      if (row.risk == Risk::kSafe) {
        row.risk = Risk::kNotAssessed;
        row.observation = "not assessed";
        row.comments = untraced;
        incomplete.emplace_back(rules::CategoryName(c));
      } else {
        StrAppend(&row.comments, "; ", untraced);
      }
    }
    // Nor does a source with a part that was never read (a hole, a cut, a file not read).
    if (std::string gap = GapComment(unread, c); !gap.empty() && row.risk != Risk::kNotAssessed) {
      if (row.risk == Risk::kSafe) {
        row.risk = Risk::kNotAssessed;
        row.observation = "not assessed";
        row.comments = gap;
      } else {
        StrAppend(&row.comments, "; ", gap);
      }
    }
    if (std::string gap = MissingSourceComment(missing, c); !gap.empty() && row.risk != Risk::kNotAssessed &&
        !row.source_missing)
      AppendComment(&row, gap);
    // Also on a row not assessed for a missing source: what the trace could show, it may hide
    // (refused connects, opens and execs, a refused setuid(0), a PATH search for sudo or
    // crontab that found nothing).
    if ((row.risk == Risk::kSafe || row.source_missing) &&
        (c == Category::kNetwork || c == Category::kFile || c == Category::kProcess ||
         c == Category::kPrivilege || c == Category::kBackdoor)) {
      if (std::string caveat = NoFailedCallCaveat(m); !caveat.empty()) StrAppend(&row.comments, "; ", caveat);
    }
    if (c == Category::kNetwork)
      if (std::string before = PreTraceConnections(m); !before.empty())
        AppendComment(&row, before);
    if (c == Category::kDependencies) {
      if (std::string loaded = LoadedDependencies(m); !loaded.empty()) {
        if (row.risk == Risk::kNotAssessed) AppendComment(&row, loaded);
        else row.observation = StrCat(loaded, "; ", row.observation);
      }
      if (std::string first = FirstLoads(m); !first.empty())
        AppendComment(&row, first);
    }
    if (std::string note = HarnessNote(m, c); !note.empty()) {
      AppendComment(&row, note);
      if (c == Category::kPrivilege && row.risk == Risk::kSafe) row.observation = TargetOnlyObservation(m, row.observation);
    }
    // "Nothing seen" only covers what ran: a run that died during start-up never reached the
    // code that would have done it, and the row says so rather than look like a clean run.
    if ((m.life().startup_crash || m.life().cut_in_startup) && row.risk == Risk::kSafe)
      StrAppend(&row.comments, "; only start-up was observed (the ",
                m.life().startup_crash ? "run died" : "trace ends", " before steady state)");
    // A harmless finding beside rules that could not run (their source missing) is no clean
    // row: an ss snapshot's listener says nothing of what a missing trace would have shown.
    if (row.source_missing && row.risk == Risk::kSafe) row.risk = Risk::kNotAssessed;
    r.table.push_back(std::move(row));
  }
  // Verdict
  const std::string caveat = InputCaveat(s);
  bool high = false, medium = false;
  for (const ReportFinding& f : r.findings) {
    if (f.status != FindingStatus::kFired) continue;
    if (f.severity >= Severity::kHigh) {
      high = true;
      r.verdict_reasons.push_back(StrCat(rules::SeverityName(f.severity), ": ", f.observation));
    }
    medium |= f.severity == Severity::kMedium;
  }
  if (high) {
    r.verdict = Verdict::kFail;
  } else {
    if (!never_ran.empty()) r.verdict_reasons.push_back(never_ran);
    // A target that never ran did not die in start-up: the exit is strace's child's, after its
    // failed exec, and saying both contradicts the first reason.
    if (life.startup_crash && never_ran.empty())
      r.verdict_reasons.push_back("the run did not get past start-up: " + life.reason);
    if (life.cut_in_startup) r.verdict_reasons.push_back(life.reason);
    if (!filtered.empty())
      r.verdict_reasons.push_back(StrCat(TraceFilter(m), ": ", absl::StrJoin(filtered, ", "),
                                         " not assessed"));
    if (!untraced_start.empty()) r.verdict_reasons.push_back(untraced_start);
    for (std::string& unread : UnreadableLines(s)) r.verdict_reasons.push_back(std::move(unread));
    if (!untraced.empty())
      r.verdict_reasons.push_back(StrCat(UntracedGap(m, 5), incomplete.empty() ? "" : "; not assessed: ",
                                         absl::StrJoin(incomplete, ", ")));
    for (StandardSource ss : missing) {
      if (!opt.allow_missing.count(ss))
        r.verdict_reasons.push_back("missing or empty source: " + StandardSourceText(ss));
    }
    for (const InputGap& gap : unread) r.verdict_reasons.push_back(gap.reason);
    // Sources accepted as missing (--allow-missing) do not make the verdict inconclusive, but
    // a table with no row assessed clears nothing.
    if (r.verdict_reasons.empty() &&
        std::none_of(r.table.begin(), r.table.end(), [](const TableRow& t) { return t.risk != Risk::kNotAssessed; }))
      r.verdict_reasons.push_back("no category could be assessed: every row of the table is not assessed");
    if (!r.verdict_reasons.empty()) {
      r.verdict = Verdict::kInconclusive;
    } else if (medium) {
      r.verdict = Verdict::kWarn;
      for (const ReportFinding& f : r.findings)
        if (f.status == FindingStatus::kFired && f.severity == Severity::kMedium)
          r.verdict_reasons.push_back("medium: " + f.observation);
    } else {
      r.verdict = Verdict::kPass;
      std::vector<std::string> accepted;
      for (StandardSource ss : missing) accepted.push_back(StandardSourceText(ss));
      r.verdict_reasons.push_back(StrCat("no finding above low severity; ",
                                         accepted.empty() ? "all standard sources present"
                                                          : StrCat("missing sources accepted with --allow-missing: ",
                                                                   absl::StrJoin(accepted, ", ")),
                                         life.reason.empty() ? "" : "; ", life.reason));
    }
    if (r.verdict != Verdict::kInconclusive && !caveat.empty()) r.verdict_reasons.push_back(caveat);
  }
  // Recommendations: fixes for what fired (worst first), then what would make the analysis
  // complete.
  for (const ReportFinding& f : r.findings) {
    if (f.status != FindingStatus::kFired || f.severity == Severity::kInfo || f.recommendation.empty()) continue;
    if (std::find(r.recommendations.begin(), r.recommendations.end(), f.recommendation) == r.recommendations.end())
      r.recommendations.push_back(f.recommendation);
  }
  if (!never_ran.empty())
    r.recommendations.push_back("Read strace's own error (its stderr, often program.log: \"strace: exec: ...\", "
                                "\"PTRACE_TRACEME: Operation not permitted\"), fix the capture (the target's path, "
                                "its execute permission or #! interpreter, ptrace allowed in the sandbox) and run it "
                                "again: the target never ran under strace.");
  if (life.cut_in_startup)
    r.recommendations.push_back("Trace the run to its end (until the program exits or the harness stops it, not "
                                "strace): this trace ends during start-up, so the code under review was not observed.");
  if (life.startup_crash && never_ran.empty())  // no program failed to start: strace did
    r.recommendations.push_back("Fix the start-up failure and re-run the dynamic analysis: this run never "
                                "reached the code under review, so it cannot clear it.");
  if (!untraced_start.empty())
    r.recommendations.push_back("Start the program under strace (strace -f -o FILE PROGRAM ...) instead of attaching "
                                "with -p, with execve traced, so that its start-up is assessed too.");
  if (!filtered.empty())
    r.recommendations.push_back("Trace every system call, whatever its result, with its arguments decoded (strace "
                                "without -e trace=, -Z, -e status= or -e raw=), in the next run: " +
                                absl::StrJoin(filtered, ", ") + " could not be assessed.");
  if (!untraced.empty())
    r.recommendations.push_back("Keep every file strace -ff writes (one per thread: strace_log.N) with the "
                                "artifacts: the calls of the tids without a file were not assessed.");
  for (StandardSource ss : missing)
    if (!opt.allow_missing.count(ss))
      r.recommendations.push_back("Capture the " + StandardSourceText(ss) +
                                  " in the next run; the categories that depend on it were not assessed.");
  if (!cut_trace.empty())
    r.recommendations.push_back("Trace the run to its end (until the program exits or the harness stops it) and keep "
                                "the whole trace file: this one is cut while the program still ran, so what it did "
                                "afterwards was not observed.");
  if (!unread.empty())
    r.recommendations.push_back("Copy the artifacts again from the sandbox (or from a backup): part of them could not "
                                "be read, and what it held was not assessed (see the verdict's reasons).");
  // With nothing else to recommend, the run is clean only as far as it was assessed: sources
  // accepted as missing (--allow-missing) leave rows that this run cannot clear.
  std::vector<std::string> unassessed;
  for (const TableRow& t : r.table)
    if (t.risk == Risk::kNotAssessed) unassessed.emplace_back(rules::CategoryName(t.category));
  if (r.recommendations.empty() && r.verdict == Verdict::kInconclusive)
    r.recommendations.push_back("Nothing in this run can be cleared (see the verdict's reasons): capture the "
                                "missing sources and run the program again before deciding.");
  else if (r.recommendations.empty() && !unassessed.empty())
    r.recommendations.push_back(StrCat("No action required for what was assessed; ", absl::StrJoin(unassessed, ", "),
                                       " not assessed (their sources were accepted as missing): capture them in the "
                                       "next run to clear those categories."));
  else if (r.recommendations.empty())
    r.recommendations.push_back("No action required for this run; keep the sandbox settings (no network, "
                                "unprivileged user) for future analyses.");
  // Diagnostics
  for (const SourceFile& f : s.files()) r.diagnostics_total += f.counters.diagnostics;
  for (const Diagnostic& d : s.diagnostics()) {
    if (r.diagnostics.size() >= opt.max_diagnostics) break;
    r.diagnostics.push_back({s.file(d.file).path, d.line, d.message, d.text});
  }
  return r;
}

}  // namespace rundown::reports
