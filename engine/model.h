// The run model: what the program did, derived from the event store, so that rules and
// reports reason about processes, files and endpoints instead of raw lines.
//
//  - Processes and threads: the tree from clone/clone3/fork/vfork results (CLONE_THREAD
//    makes a thread of the caller's process, anything else a child process) and exec
//    events; the root process and its first exec (the target itself); exec chain, exit
//    status or killing signal per process; processes seen only in ps/ss joined in.
//  - Files: per-process fd tables (open/socket/accept/pipe/dup results, close, O_CLOEXEC on
//    exec; -y annotations are ground truth), so every fd-using event resolves to a target;
//    per-path access summary with counts, first/last time, processes and errors; paths
//    classified (app, system, home, temp, sensitive...).
//  - Network: endpoints from connect/bind/listen/accept/sendto/recvfrom and ss/netstat rows,
//    classified loopback/private/external/unix/netlink; failed attempts kept; each connect's
//    outcome, a non-blocking one's settled by what followed on its socket (ConnectOutcome).
//  - The run's life: start, end, exit status of the root, signals, and whether the run
//    reached steady state or died during start-up.
//  - Coverage: per source kind, which files, lines, events, unparsed lines, time span.
//
// Built once by BuildModel() (parallel over per-process partitions), then read-only.
#ifndef RUNDOWN_ENGINE_MODEL_H_
#define RUNDOWN_ENGINE_MODEL_H_

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "engine/dependency_inventory.h"
#include "engine/event_store.h"

namespace rundown {

using ProcIndex = uint32_t;
inline constexpr ProcIndex kNoProc = 0xFFFFFFFFu;

struct ExecRecord {
  EventIndex event = kNoEvent;
  StrId path = kNoStr;      // filename argument
  StrId cmdline = kNoStr;   // argv joined by spaces
  bool ok = false;          // returned 0
  bool env_shown = false;   // the environment was printed (strace -v)
  StrId hooks = kNoStr;     // the code hooks the environment sets (parsers/env_hooks.h)
  bool hooks_added = false; // one of them was not in the environment the process started from
  bool history_off = false;        // the environment turns shell history off (kExecHistoryOff)
  bool history_off_added = false;  // ... and the one the process started from did not
  StrId script = kNoStr;    // the script a successful exec hands its program (ScriptOf)
  StrId interpreter = kNoStr;  // the exec's file is a #! script the kernel ran this binary for:
                               // what readlink("/proc/self/exe") answered after it when that is
                               // not the file and the process then read the file (its
                               // script is then that file; FindInterpreters)
};

struct Process {
  int32_t pid = 0;                 // as seen in the trace (thread-group leader tid)
  ProcIndex parent = kNoProc;
  int32_t ppid = -1;
  std::vector<int32_t> threads;    // tids of this process other than pid, in creation order
  std::vector<ProcIndex> children;
  std::vector<ExecRecord> execs;   // in order; failed attempts (ENOENT on PATH search) too
  EventIndex created_by = kNoEvent;  // the clone/fork event in the parent
  StrId exe = kNoStr;              // path of the last successful exec (or inherited)
  StrId cmdline = kNoStr;          // argv of the last successful exec (or ps/ss command)
  StrId cwd = kNoStr;              // last known cwd (AT_FDCWD annotation, chdir)
  bool is_root = false;            // the root of the traced tree
  bool is_target = false;          // the program under review: the root, or the command a
                                   // wrapper at the root forked and waited for (Model::target)
  bool launcher = false;           // started by the launcher chain before the target program
                                   // began (the readlink of a pyenv shim): not the target's
  bool in_strace = false, in_ps = false, in_ss = false;
  bool reaped = false;             // a wait of its parent returned its pid: the parent collected it
  bool group_leader = false;       // getpgrp() or setsid() returned its own pid: it leads a group
  StrId user = kNoStr;             // from ps
  StrId title = kNoStr;            // ps's command of a traced process that rewrote its argv
                                   // without exec (setproctitle: "postgres: checkpointer")
  int32_t exit_code = -1;          // from +++ exited with N +++ or exit_group(N)
  NameId killed_by = 0;            // signal name id from +++ killed by SIG +++
  EventIndex exit_event = kNoEvent;
  int64_t start_ns = kNoTime, end_ns = kNoTime;
  int depth = 0;                   // 0 for the root, 1 for its children, ...
};

enum CallClass : uint32_t {
  kCallsMemory = 1 << 0,   // mmap, mprotect
  kCallsProcess = 1 << 1,  // execve, clone, fork
  kCallsFile = 1 << 2,     // open, stat, unlink, rename ...
  kCallsNetwork = 1 << 3,  // socket, connect, bind, send ...
};
inline constexpr uint32_t kCallsAll = kCallsMemory | kCallsProcess | kCallsFile | kCallsNetwork;

enum class PathClass : uint8_t {
  kApp,        // under the target's own directory (cwd at first exec, or the script's dir)
  kSystem,     // /usr, /lib, /etc (non-sensitive), /proc, /sys, /dev
  kHome,       // a home directory outside the app
  kTemp,       // /tmp, /var/tmp, /dev/shm
  kSensitive,  // secrets: /etc/shadow, /etc/passwd, ~/.ssh, cloud credentials, .env of others
  kOther,
};

enum FileAccessBit : uint32_t {
  kAccRead = 1 << 0, kAccWrite = 1 << 1, kAccCreate = 1 << 2, kAccDelete = 1 << 3,
  kAccRename = 1 << 4, kAccChmod = 1 << 5, kAccExec = 1 << 6, kAccStat = 1 << 7,
  kAccFailed = 1 << 8,
};

struct FileSummary {
  StrId path = kNoStr;
  PathClass cls = PathClass::kOther;
  uint32_t access = 0;              // FileAccessBit union
  uint32_t opens = 0, reads = 0, writes = 0, creates = 0, deletes = 0, renames = 0,
           chmods = 0, execs = 0, failures = 0, inotify_events = 0;
  uint32_t inotify_creates = 0;     // inotify events that made the name: IN_CREATE, IN_MOVED_TO
  int64_t first_ns = kNoTime, last_ns = kNoTime;
  EventIndex first_event = kNoEvent;
  EventIndex first_exec = kNoEvent;  // the earliest successful exec of the path (a program or
                                     // #! script that ran), kNoEvent when none
  EventIndex first_write = kNoEvent;  // the earliest successful call of the trace that wrote or
                                      // created the path: an open for writing or with O_CREAT,
                                      // a rename or link onto it; kNoEvent when none
  std::vector<int32_t> pids;        // processes that touched it (distinct, small)
  // The spans in which the path named a file the run itself made, not one that was there
  // before it: {the call that made it, the call that removed it or renamed it away (kNoEvent:
  // it stayed)}, in time order. See Model::MadeByRun.
  std::vector<std::pair<EventIndex, EventIndex>> made;
};

// How a connect() ended. A blocking connect says so itself. A non-blocking one (Node/libuv,
// Go, Java NIO, curl, Python asyncio) returns EINPROGRESS and the answer comes later on the
// same socket: getsockopt(SO_ERROR) reads 0 or the error, a transfer succeeds or fails, a
// second connect returns 0/EISCONN or the error. kUnknown when nothing settled it (the socket
// was closed first, or the trace ended), and for a blocking connect the run ended inside ("= ?",
// a lone "<unfinished ...>" at the end of the trace). A -yy annotation naming the peer settles nothing: a
// socket still in SYN_SENT shows its peer too.
enum class ConnectOutcome : uint8_t { kNone, kConnected, kFailed, kUnknown };

// Whether the program sent anything on a socket after connecting it: a send/sendto/sendmsg/
// sendmmsg/write/writev on its fd (or a dup of it, in any process that shares it) before it
// was closed or connected again. kNothing only when the trace shows the socket's end (close,
// an exec that closed it, a second connect): a UDP connect() puts no packet on the wire, so
// connect-then-close is a probe (haproxy's resolver check), not a query. kUnknown when the
// socket was still open when the trace ended.
enum class SentData : uint8_t { kUnknown, kNothing, kSome };

enum class NetClass : uint8_t { kLoopback, kPrivate, kLinkLocal, kExternal, kUnspecified, kUnix, kNetlink, kUnknown };

struct Endpoint {
  EventIndex event = kNoEvent;
  Op op = Op::kOther;               // kConnect, kBind, kListen, kAccept, kSend, kRecv; or
                                    // kOther for an ss/netstat row
  int32_t pid = 0;
  int32_t family = -1;              // AF_* as printed
  StrId address = kNoStr;           // remote for connect/send/accept, local for bind/listen
  int32_t port = -1;
  int32_t local_port = -1;          // accept without a peer: the listening port
  NetClass cls = NetClass::kUnknown;
  uint8_t err = 0;                  // errno index when the call failed
  bool dns = false;                 // port 53, or a resolver socket
  bool accepted_peer = false;       // send/recv on a socket from accept(): the peer's port is
                                    // a client's ephemeral one
  bool before_trace = false;        // send/recv on a connection already open when strace
                                    // attached (-p): accepted before the trace when its local
                                    // port is one the run listens on (accepted_peer), else opened
  // connect only (kNone for the others): its outcome, the errno of a failure (the call's own,
  // or the pending error read later) and the event that settled a pending connect.
  ConnectOutcome outcome = ConnectOutcome::kNone;
  uint8_t outcome_err = 0;
  EventIndex settled_by = kNoEvent;
  SentData sent = SentData::kUnknown;  // connect only
  bool failed() const { return op == Op::kConnect ? outcome == ConnectOutcome::kFailed : err != 0; }
};

struct RunLife {
  int64_t start_ns = kNoTime, end_ns = kNoTime;
  double duration_s = -1;
  int32_t root_pid = 0;
  int32_t exit_code = -1;           // -1 unknown (trace ended first)
  NameId killed_by = 0;
  bool exited = false;
  bool stopped_by_harness = false;  // SIGTERM/SIGINT from outside (si_pid not ours)
  NameId stop_signal = 0;           // that signal, and when it arrived (kNoTime: no timestamps)
  int64_t stop_ns = kNoTime;
  bool startup_crash = false;       // died during start-up (see `reason`)
  bool cut_in_startup = false;      // the trace ends first: no exit, no sign of steady state
  bool reached_steady_state = false;
  bool serving = false;             // listened or accepted, or program.log says it listens
  int32_t daemon_pid = 0;           // the target daemonized: the forked copy whose life this is
  // Stopped by the harness while every thread of the program had been waiting on a futex for
  // this long (from the latest start of those waits to the stop signal), having served nothing
  // (no listening socket, no accepted connection, no listening message): -1 otherwise.
  // Those waits are in `evidence`.
  int64_t lock_wait_ns = -1;
  // The same for every wait nothing would end (model_life.cc WaitKind): a lock, a read of
  // input that never came, poll/select/epoll without a timeout, a connect, a wait for a
  // child, a signal. hang_calls names them ("read on /mnt/jobs", "epoll_wait (no timeout)").
  int64_t hang_wait_ns = -1;
  std::string hang_calls;
  std::string reason;               // why startup_crash / not steady, for the report
  std::vector<EventIndex> evidence;
};

struct SourceCoverage {
  SourceKind kind = SourceKind::kUnknown;
  std::vector<FileId> files;
  uint64_t lines = 0, events = 0, unparsed = 0, bytes = 0;
  uint64_t tables = 0;  // ss/netstat: socket-table headers (ParseCounters::tables)
  int64_t first_ns = kNoTime, last_ns = kNoTime;
  // inotify: the process snapshot lists an `inotifywait -m` (or -d) still watching while the
  // program ran, so an empty log is a real "no file event in the watched folders" (its
  // banner went elsewhere), not a watcher that never started or failed.
  bool watcher_running = false;
  bool present() const { return !files.empty(); }
  bool empty() const { return events == 0; }
  // The source was captured and says what there was, nothing included: a trace or process
  // snapshot with events; a socket snapshot with a socket table (its header alone is a real
  // "no socket open"; `ss -s`, `netstat -s`, `-i`, `-rn` or `-g` list no socket at all); an
  // inotify log with any line (a banner alone is a real "nothing changed"), or an empty one
  // while ps shows its watcher running, unless none of its records could be read (inotifywatch's counts, `--format '%w%f%0'` without the events: it
  // says nothing of what changed); program output, even empty. Rules
  // that need a source and the verdict's list of missing sources both go by this.
  bool assessable() const {
    switch (kind) {
      case SourceKind::kSs:
      case SourceKind::kNetstat: return present() && (events > 0 || tables > 0);
      case SourceKind::kInotify:
        return present() && (lines > 0 ? events > 0 || unparsed == 0 : watcher_running);
      case SourceKind::kProgramLog: return present();
      default: return present() && !empty();
    }
  }
};

class Model;

// How long each thread had slept (nanosleep, clock_nanosleep) by a given time: its own sleeps
// plus what its creator had slept when it cloned it, so a child forked after a wait carries
// the wait. A process's sleeps after it first listened or accepted are a server's timers and
// not counted. A sleep's length is -T's time in it, else what it asked for (a TIMER_ABSTIME
// deadline without -T has no known length and is left out). Built once with the model.
class SleepLedger {
 public:
  // Total time thread `tid` had slept by `time_ns` (sleeps that ended by then); 0 when none
  // or when the time is unknown.
  int64_t SleptBefore(int32_t tid, int64_t time_ns) const;
  // Who did that sleeping: for the thread and each creator up the chain with a share, the
  // last sleep counted (its event names the program that slept) and the share; the thread's
  // own first, then its creator's. A child forked after a wait names its parent here, not
  // the program it exec'd.
  std::vector<std::pair<EventIndex, int64_t>> SleepersBefore(int32_t tid, int64_t time_ns) const;

 private:
  struct Sleep {
    int64_t end_ns;
    int64_t total_ns;  // running total of the thread's sleeps up to this one
    EventIndex event;
    bool operator<(const Sleep& o) const { return end_ns < o.end_ns; }
  };
  friend void BuildSleeps(const EventStore& s, const Model& m, SleepLedger* out);  // model_life.cc
  // The thread's own sleeps that ended by `time_ns`: the last one, or nullptr.
  const Sleep* LastSleep(int32_t tid, int64_t time_ns) const;
  absl::flat_hash_map<int32_t, std::vector<Sleep>> sleeps_;  // tid -> sleeps by end
  absl::flat_hash_map<int32_t, std::pair<int32_t, int64_t>> created_by_;  // tid -> (creator tid, clone time)
};

class Model {
 public:
  const EventStore& store() const { return *store_; }

  const std::vector<Process>& processes() const { return processes_; }
  const Process& process(ProcIndex i) const { return processes_[i]; }
  ProcIndex root() const { return root_; }
  // The process of the program under review: the root, unless the root's program (after any
  // launcher chain) is a wrapper that forks the command it was given and waits for it
  // (`timeout 1 python3 x.py`, /usr/bin/time, flock, `script -qc`, sudo, su, xvfb-run, a shell
  // that forks its `-c` command as its only child): then that child (below su's shell, its child). The wrapper and its other children are the launcher (InLaunch), and the wrapper's
  // signals to the child are the harness's (its time limit, a stop it forwards).
  ProcIndex target() const { return target_ != kNoProc ? target_ : root_; }
  bool wrapped() const { return target_ != kNoProc; }
  // The target's own start: the root's execs up to and including the one that started the
  // target program. That is its first successful exec, or, when the root ran launchers that
  // replaced themselves (env, unshare, sudo, sh -c 'exec ...'), the exec the last launcher
  // handed over with. Under a package manager running a script (npm start), also the
  // script shell's execs and the first exec of each program it started. None is a spawn.
  bool IsStartExec(EventIndex i) const;
  // The event belongs to that launcher chain (in the root before the hand-over, or in a
  // process the chain started; under a wrapper, the wrapper's events and those of its child
  // before that child's hand-over exec: unshare -f's mounts, sudo's setuid), not to the
  // target program.
  bool InLaunch(EventIndex i) const;
  // Event a happened before event b (by time; by position when a trace has no timestamps).
  bool Before(EventIndex a, EventIndex b) const;
  // The process an event belongs to (strace events by tid; ps/ss rows by pid), or kNoProc.
  ProcIndex ProcessOf(EventIndex i) const { return event_proc_[i]; }
  ProcIndex FindPid(int32_t pid) const;
  // The program a process ran when event i happened: its last successful exec up to i (the
  // exec itself included), else what its parent ran when it forked. A child's calls between
  // fork and exec belong to the parent's program, not to the one it became.
  struct Program {
    StrId exe = kNoStr;
    StrId cmdline = kNoStr;
    StrId script = kNoStr;  // the script it was given (ExecRecord::script), when it ran one
    StrId interpreter = kNoStr;  // ExecRecord::interpreter
  };
  Program ProgramAt(ProcIndex p, EventIndex i) const;
  // The process's last known working directory as a path ("" when unknown): the
  // "AT_FDCWD</home/u/app>" annotation of an open, or the path of a chdir.
  std::string_view Cwd(const Process& p) const;
  // True when tid is a thread (not the leader) of some process.
  bool IsThread(int32_t tid) const;
  // The process was still running when its parent ended: the parent's end is in the trace and
  // the process ended later or was never seen to end (a daemon's forked copy after the
  // launcher returned, an orphaned stage). False for the root and when the parent's end is
  // not known.
  bool OutlivedParent(ProcIndex p) const;
  // The exec (event i) hands an interpreter a script of the program as deployed: its first
  // argument that is not an option (`/bin/sh www/cgi-bin/hits.sh`), taken from the process's
  // cwd when relative, is a file of the app's directory that the run never created, wrote,
  // renamed or chmod'ed. False when there is no such argument, for a command string (an
  // option with a c: -c, -ec) and when the app is unknown.
  bool RunsDeployedScript(EventIndex i) const;
  // The exec (event i) runs again the program its process ran before it (its parent's, when
  // it had not exec'd yet): the same executable and the same arguments, the script named
  // relative or absolute from each process's cwd. Node's cluster workers and
  // child_process.fork() of the main module ("node server.js" forks "/usr/bin/node
  // /home/u/app/server.js"). Any other argument, option or executable makes it false.
  bool RerunsOwnProgram(EventIndex i) const;

  // The path argument of an open/stat/unlink/rename/... call: absolute when the call gave a
  // relative path and the process's cwd (or openat's dirfd) was known, else as printed.
  StrId PathArg(EventIndex i) const;
  // The second path of a rename/link (the new name), made absolute the same way.
  StrId TargetArg(EventIndex i) const;
  // The AF_* family of the socket a dup/dup2/dup3/F_DUPFD duplicated, from the socket() or
  // accept() that made it (plain -y prints every socket as "socket:[N]"); 0 when unknown or
  // not a socket.
  int32_t DupFamily(EventIndex i) const;
  // Whether the socket a dup/dup2/dup3/F_DUPFD duplicated came from accept() (in this process
  // or, through fork, in an ancestor): a connection a peer opened to the program, as a bind
  // shell's, rather than one the program opened, as a reverse shell's.
  bool DupOfAccepted(EventIndex i) const;
  // Whether the read/recv event is on a socket this process or an ancestor connected with
  // connect() (not one from accept(), socketpair() or a pipe): what a server the program
  // reached out to sent it.
  bool ReadFromConnected(EventIndex i) const;
  // Where the data of a write/writev event on a connected socket went: the address its fd was
  // connected to, in this process or, through fork (the fd table is copied, or shared with
  // CLONE_FILES), in an ancestor; else the peer of its -yy annotation ("TCP:[a:p->b:q]": a
  // socket connected before the trace began, strace -p). kNoStr for writes on anything else,
  // and on sockets from accept() or socketpair() (a server's replies, a local channel).
  StrId WritePeer(EventIndex i) const;
  // A kill() of the caller's own process group: kill(0, sig), or kill(-N, sig) where N is the
  // group its getpgrp() or setsid() returned earlier in its life or its parent's before the
  // fork (killpg(getpgrp(), sig)); when that group is 1 the kernel reads the call as kill(-1):
  // every process the user may signal.
  bool SignalsOwnGroup(EventIndex i) const;
  // What the fd of a read/write/close/... event referred to: its -y annotation if present,
  // else the fd table's entry at that time; kNoStr when unknown.
  StrId FdTarget(EventIndex i) const;

  const std::vector<FileSummary>& files() const { return files_; }
  const FileSummary* FindFile(StrId path) const;
  // Whether `path` named, when event i happened, a file the run had made itself (event i
  // included: the O_CREAT open that made it truncated nothing of the user's): created with
  // O_CREAT|O_EXCL (mkstemp), with O_CREAT where the trace had shown it absent (an ENOENT, an
  // unlink or rename away), or made by a rename, link, symlink or
  // mkdir onto the name; until a successful unlink or rename away (that call included). A
  // file that was there first (read, stat'ed, opened without O_CREAT) and then overwritten in
  // place stays the user's. Used to count only the files the run found, not its own
  // temporary files (zip's archive temporary, the names `shred -u` renames a file through).
  bool MadeByRun(StrId path, EventIndex i) const;
  PathClass ClassifyPath(std::string_view path) const;
  std::string_view app_dir() const { return app_dir_; }

  // What the target's processes loaded (opened for reading with success, or mapped
  // executable): packages, modules and shared libraries by ecosystem and origin. The
  // launcher's loads (npm's own code under `npm start`) are not in it.
  const DependencyInventory& dependencies() const { return dependencies_; }

  const std::vector<Endpoint>& endpoints() const { return endpoints_; }
  const RunLife& life() const { return life_; }
  const SleepLedger& sleeps() const { return sleeps_; }
  const std::vector<SourceCoverage>& coverage() const { return coverage_; }
  const SourceCoverage& coverage(SourceKind k) const;
  // Syscall name id -> count, and failed count, over strace events.
  const std::vector<std::pair<NameId, std::pair<uint64_t, uint64_t>>>& syscall_counts() const {
    return syscall_counts_;
  }
  const std::vector<std::string>& notes() const { return notes_; }  // e.g. pid-namespace matching
  // The classes of calls the trace holds (CallClass bits). A trace without kCallsMemory (the
  // mmap/mprotect every program makes while loading) was filtered with strace -e trace=...,
  // and then only the classes present can show an absence.
  // When ps shows the strace that wrote the trace with `-e trace=SPEC` as its only filter, the
  // classes SPEC holds whole decide instead of the classes present (a class traced whole with
  // no call in the trace is an absence seen; connect,accept4 holds network calls yet not every
  // one), and trace_filter() is SPEC; else "".
  uint32_t traced_calls() const { return traced_calls_; }
  const std::string& trace_filter() const { return trace_filter_; }
  // The ps row of the strace that wrote the trace (its -p names the root, or it ran the
  // root's command), kNoProc when ps did not catch it; whether it attached with -p.
  ProcIndex tracer() const { return tracer_; }
  bool tracer_attached() const { return tracer_attached_; }
  // The root is in the trace but makes no execve in it: its start is not traced (strace -p
  // attached to a running process, execve left out by -e trace=, the trace lost its start),
  // so the fds it uses may predate the trace.
  bool start_untraced() const { return start_untraced_; }
  // The totals of syscall_counts(): calls, failed calls, and calls that returned a result
  // other than an error ("= ?" not counted). None failing among many suggests strace -z;
  // none succeeding, strace -Z / --failed-only / -e status=failed, which leaves out every
  // exec, open and connect that worked.
  uint64_t calls() const { return calls_; }
  uint64_t failed_calls() const { return failed_calls_; }
  uint64_t succeeded_calls() const { return succeeded_calls_; }
  // open/openat/openat2/creat calls, and those whose path the trace does not show (strace
  // -e raw=openat or -e raw=all print it as an address; -s does not cut paths): when none
  // shows one, which files the program touched is unknown.
  uint64_t opens() const { return opens_; }
  uint64_t opens_without_path() const { return opens_without_path_; }
  // The clone/fork calls whose new tid left nothing in a per-tid trace (strace -ff writes a
  // file per tid, created when it attaches the tid, so even an idle thread has one): neither
  // a file named for the tid (in an unfiltered trace an empty one counts as none) nor a line
  // of it. That file is missing from the artifacts, or empty, and what the tid did is unknown. Empty for a one-file trace. When no clone result names a
  // traced tid and more than the root's were traced (attached with -p, filtered-out forks,
  // or results counted in another pid namespace than the file names), only results that
  // lie among the traced tids' numbers count.
  const std::vector<EventIndex>& untraced_creations() const { return untraced_creations_; }

  // How long the event's thread had run without a system call right before it, in a process
  // that had started serving (its first successful listen or accept came earlier): from when
  // its previous call had surely returned to this event's start. A call had returned by its
  // own start when it never blocks (set_robust_list, rseq, mmap, brk ...), else by the start
  // of the next line of its file (strace prints a call whole only when nothing else printed
  // while it ran: with -f, other threads' lines bound it; with -ff, its own next call, so no
  // time is counted). A thread's first line counts from its clone. Only spans of 1 s or more
  // are kept; -1 for the others, without timestamps, and when the trace may leave calls out
  // (ps shows its strace with a filter: -e trace=, -z, -P ...; or without that strace row,
  // the calls lack a class), since a thread blocked in a call the trace leaves out is silent
  // too. A thread that runs that long without a call computes: a busy loop or a miner.
  int64_t BusyBefore(EventIndex i) const {
    auto it = busy_.find(i);
    return it == busy_.end() ? -1 : it->second;
  }
  const absl::flat_hash_map<EventIndex, int64_t>& busy_spans() const { return busy_; }

 private:
  friend void BuildBusy(const EventStore& s, Model* m);  // model_life.cc
  friend Model BuildModel(const EventStore& store, int threads);
  friend class ModelBuilder;
  const EventStore* store_ = nullptr;
  std::vector<Process> processes_;
  absl::flat_hash_map<int32_t, ProcIndex> by_pid_;   // tid or pid -> process
  absl::flat_hash_map<int32_t, int32_t> thread_of_;  // tid -> leader pid (threads only)
  ProcIndex root_ = kNoProc;
  ProcIndex target_ = kNoProc;           // the wrapped command's process, when the root wraps one
  EventIndex target_start_ = kNoEvent;   // its hand-over exec: what it did before is the wrapper's
  std::vector<EventIndex> start_execs_;  // sorted
  EventIndex launch_end_ = kNoEvent;     // the hand-over exec, when launchers replaced themselves
  bool root_launches_ = false;           // the root is a package manager running a script
  std::vector<ProcIndex> event_proc_;
  // Targets resolved through the fd table, for fd events without a -y annotation (with -y
  // the event's own `str` is the answer, so a dense array would duplicate it).
  absl::flat_hash_map<EventIndex, StrId> fd_target_;
  absl::flat_hash_map<EventIndex, StrId> absolute_path_;  // relative path arguments, resolved
  absl::flat_hash_map<EventIndex, StrId> absolute_target_;  // relative rename/link new names
  absl::flat_hash_map<EventIndex, int32_t> dup_family_;    // dup calls on sockets of known family
  absl::flat_hash_set<EventIndex> dup_of_accepted_;          // dup calls on accepted sockets
  absl::flat_hash_set<EventIndex> read_from_connected_;      // reads on sockets it connected
  absl::flat_hash_map<EventIndex, StrId> write_peer_;        // writes on connected sockets
  absl::flat_hash_set<EventIndex> own_group_kills_;          // kill(0), kill(-own pgid)
  std::vector<FileSummary> files_;
  absl::flat_hash_map<StrId, uint32_t> file_index_;
  std::string app_dir_;
  DependencyInventory dependencies_;
  std::vector<Endpoint> endpoints_;
  RunLife life_;
  SleepLedger sleeps_;
  std::vector<SourceCoverage> coverage_;
  std::vector<std::pair<NameId, std::pair<uint64_t, uint64_t>>> syscall_counts_;
  std::vector<std::string> notes_;
  uint32_t traced_calls_ = 0;
  std::string trace_filter_;
  ProcIndex tracer_ = kNoProc;
  bool tracer_attached_ = false;
  bool start_untraced_ = false;
  bool tracer_filtered_ = false;  // ps shows the tracer with an option that leaves calls out
  absl::flat_hash_map<EventIndex, int64_t> busy_;  // BusyBefore
  uint64_t calls_ = 0, failed_calls_ = 0, succeeded_calls_ = 0;
  uint64_t opens_ = 0, opens_without_path_ = 0;
  std::vector<EventIndex> untraced_creations_;
};

// REQUIRES: `store` outlives the model.
Model BuildModel(const EventStore& store, int threads = 0);

std::string_view PathClassName(PathClass c);
std::string_view NetClassName(NetClass c);

}  // namespace rundown

#endif  // RUNDOWN_ENGINE_MODEL_H_
