// The typed fields rules read (proc.cmdline, file.path, net.remote_ip ...): one table of
// name, type, meaning and the kinds of events that carry the field, and one extractor that
// reads a field of one event from the run model. The checker resolves names and checks
// types against the table; the compiler uses the domains to skip rules that cannot match an
// event; the evaluator calls Extract() and nothing else to read events.
//
// A field an event does not have is *missing* (file.path of a connect, exec.path of an
// open): every comparison with a missing value is false, `exists` tells the difference.
//
// Thread-safety: the table is immutable; an EventContext is read-only once built and is
// shared by all evaluation threads.
#ifndef RUNDOWN_RULES_FIELDS_H_
#define RUNDOWN_RULES_FIELDS_H_

#include <array>
#include <bitset>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "engine/model.h"
#include "parsers/address.h"

namespace rundown::rules {

enum class FieldType : uint8_t { kString, kInt, kBool, kDuration, kTime, kIp, kEnum, kFlags };
std::string_view FieldTypeName(FieldType t);  // "string", "int", ..., "flags"

// Event classes: (EventType, Op) pairs, so a rule's condition can say which events it can
// possibly match and the evaluator can skip it for all others.
inline constexpr size_t kOpSlots = 64;
inline constexpr size_t kEventClasses = 13 * kOpSlots;
static_assert(static_cast<size_t>(Op::kCount_) <= kOpSlots);
static_assert(static_cast<size_t>(EventType::kRunInfo) < 13);
using ClassMask = std::bitset<kEventClasses>;
inline size_t EventClass(const Event& e) {
  return static_cast<size_t>(e.type) * kOpSlots + static_cast<size_t>(e.op);
}
ClassMask AllClasses();
// The source kinds that produce events of the classes in `mask` (bit i = SourceKind i).
uint32_t SourcesOf(const ClassMask& mask);

// A name an enum or flags field takes: the code (enum) or the bit (flags).
struct Symbol {
  std::string_view name;
  int64_t value;
};

enum class FieldId : uint16_t {
  kEvtOp, kEvtType, kEvtSource, kEvtName, kEvtStr, kEvtResult, kEvtFailed, kEvtErrno, kEvtTid,
  kEvtFd, kEvtTime, kEvtRelTime, kEvtFile, kEvtLine, kEvtTruncated, kEvtLaunch, kEvtInjected,
  kProcPid, kProcPpid, kProcName, kProcSlept, kProcSleeper, kProcSleeperPid, kProcExe, kProcCmdline, kProcScript, kProcInterpreter, kProcCwd, kProcUser, kProcIsTarget,
  kProcDepth, kProcCopyGeneration, kProcExitCode, kProcKilledBy, kProcThreads, kProcChildren, kProcPname, kProcPexe,
  kProcPcmdline, kProcPscript, kProcOutlivedParent, kProcReaped, kProcDaemonChain,
  kThreadTid, kThreadIsMain, kThreadBusy,
  kExecPath, kExecName, kExecCmdline, kExecOk, kExecInitial, kExecTruncated, kExecEmptyArgv, kExecDeleted, kExecEnvc, kExecClass, kExecScriptDeployed, kExecRerunsOwnProgram,
  kExecEnvHooks, kExecHooksAdded, kExecHistoryOffAdded,
  kExecFoundLater, kExecDropped,
  kCloneFlags, kCloneThread, kCloneProcess, kCloneChild,
  kFilePath, kFileName, kFileDir, kFileClass, kFileTarget, kFileTargetClass, kFileRead, kFileWrite, kFileCreated,
  kFileDeleted, kFileExecuted, kFileDropped, kFileNew, kDepKind, kDepPackage, kDepOrigin, kDepShadows, kFileForeignPackage, kFileProcOther, kFileProcSelf, kFileModeBits, kOpenFlags, kOpenMode,
  kFdTarget, kFdType, kFdNetwork, kFdAccepted, kFdConnected,
  kNetRemote, kNetRemoteIp, kNetRemotePort, kNetLocal, kNetLocalPort, kNetClass, kNetFamily,
  kNetProto, kNetDns, kNetDnsName, kNetResolverListed, kNetState, kNetOutcome, kNetError,
  kNetSent, kNetPeer, kNetHttpHost, kNetSentSecret, kNetSentFile, kNetSentProtocol, kNetSentAppSecret, kNetInbound,
  kSigName, kSigNumber, kSigSender, kSigSenderUid, kSigCode, kSigTarget, kSigTargetKind,
  kSigFromOutside,
  kPrivOption, kPrivRequest, kPrivTarget, kPrivId, kPrivIdsUnchanged, kPrivCapsEmpty, kPrivThreadName,
  kPrivValue,
  kMemProt, kMemExec, kMemWriteExec, kMemMapFlags, kMemAnon, kMemFile, kMemRetriedOk, kMemfdName,
  kNsTypes, kMountSource, kMountFstype, kUtimeMtime, kUtimeBackdated, kXattrName, kCallCommand, kCallFileAttrs, kSleepDuration, kSleepDeadline, kSleepSlept, kSleepWoke,
  kFsMask, kFsEvent, kFsWatch,
  kPsCmdline, kPsComm, kPsUser, kPsPpid, kPsKernelThread, kPsCpu, kPsCpuTime,
  kLogMessage, kLogLevel, kLogKind, kLogCommand, kCmdNotFound, kLogLogger, kLogError, kLogWarning, kLogFatal, kLogStack,
  kLogDependency, kLogListening,
  kRunDuration, kRunExitCode, kRunKilledBy, kRunExited, kRunStartupCrash, kRunSteady, kRunServing,
  kRunStoppedByHarness, kRunLockWait, kRunHangWait, kRunHangCalls, kRunReason, kRunAppDir, kRunRootPid, kRunProcesses,
  kCount_,
};

struct FieldDef {
  FieldId id;
  std::string_view name;
  FieldType type;
  std::string_view doc;
  std::span<const Symbol> symbols;  // kEnum / kFlags
  ClassMask domain;                 // events that can have the field
  bool run_level = false;           // same value for every event (run.*)
};

const std::vector<FieldDef>& Fields();
// Null when unknown.
const FieldDef* FindField(std::string_view name);
const FieldDef& Field(FieldId id);
std::vector<std::string_view> FieldNames();
// The code or bit of a symbol of an enum/flags field; false when the field has no such name.
bool FindSymbol(const FieldDef& f, std::string_view name, int64_t* value);
std::vector<std::string_view> SymbolNames(const FieldDef& f);

struct Value {
  enum class Kind : uint8_t { kMissing, kInt, kStr, kBool };
  Kind kind = Kind::kMissing;
  int64_t i = 0;        // int, duration, time (ns), enum code, flag bits, bool 0/1
  std::string_view s;   // string and ip text; valid while the model lives
  bool missing() const { return kind == Kind::kMissing; }
};

// What extraction needs besides the model, computed once per evaluation.
class EventContext {
 public:
  // REQUIRES: `model` outlives the context.
  explicit EventContext(const Model& model);
  const Model& model() const { return model_; }
  const EventStore& store() const { return model_.store(); }
  const Endpoint* EndpointOf(EventIndex i) const;
  // The name a DNS query packet asked for ("" when the event sent none): read from the raw
  // lines of the sends to DNS servers, once, when the context is made.
  std::string_view DnsName(EventIndex i) const;
  // A send to a DNS port whose printed packet is not a DNS query: data passed off as DNS.
  bool SentNonDns(EventIndex i) const;
  // What the buffer of a send or a write on an inet socket (not a reply on an accepted one)
  // holds, as far as strace -s printed it ("" for nothing found): the host of an HTTP request
  // (parsers/sent_payload.h), the kind of a well-known secret, a mining pool's protocol, the
  // path of a sensitive file (or of the app's own secret file: SentAppSecret) that an earlier
  // read returned 16 or more of the same bytes from.
  // A bounded number of sends and reads are re-read, once, when the context is made.
  std::string_view Peer(EventIndex i) const { return Find(peers_, i); }
  std::string_view HttpHost(EventIndex i) const { return Find(http_hosts_, i); }
  std::string_view SentSecret(EventIndex i) const { return Find(sent_secrets_, i); }
  std::string_view SentFile(EventIndex i) const { return Find(sent_files_, i); }
  std::string_view SentProtocol(EventIndex i) const { return Find(sent_protocols_, i); }
  std::string_view SentAppSecret(EventIndex i) const { return Find(sent_app_secrets_, i); }
  // Whether `host` is a server the run's resolv.conf names: true / false, or nullopt when no
  // read of a resolv.conf showed a nameserver line (none read, or strace -s cut them).
  std::optional<bool> ResolverListed(std::string_view host) const;
  bool IsInitialExec(EventIndex i) const { return model_.IsStartExec(i); }
  // The modification time a utime call sets, as text ("" when it sets none explicitly).
  std::string_view UtimeText(EventIndex i) const;
  int64_t run_start_ns() const { return run_start_ns_; }
  // A port the run listens on: listen() in the trace or a LISTEN row of a socket snapshot.
  bool IsListeningPort(int64_t port) const { return listening_ports_.contains(port); }

 private:
  const Model& model_;
  absl::flat_hash_map<EventIndex, uint32_t> endpoint_of_;
  // Filled in the constructor only, so the views DnsName returns stay valid.
  absl::flat_hash_map<EventIndex, std::string> dns_names_;
  absl::flat_hash_map<EventIndex, std::string> utime_texts_;
  absl::flat_hash_set<EventIndex> not_dns_;
  absl::flat_hash_map<EventIndex, std::string_view> peers_;  // in the store's pool
  absl::flat_hash_map<EventIndex, std::string> http_hosts_;
  absl::flat_hash_map<EventIndex, std::string_view> sent_secrets_;  // static kind names
  absl::flat_hash_map<EventIndex, std::string_view> sent_files_;    // paths in the store's pool
  absl::flat_hash_map<EventIndex, std::string_view> sent_protocols_;  // static names
  absl::flat_hash_map<EventIndex, std::string_view> sent_app_secrets_;  // paths in the store's pool
  void InspectPayloads(const std::vector<EventIndex>& sends, const std::vector<EventIndex>& secret_reads);
  void TrackPayload(const Event& e, EventIndex i, std::vector<EventIndex>* payloads);
  absl::flat_hash_map<EventIndex, std::string> Buffers(const std::vector<EventIndex>& events, bool sends);
  absl::flat_hash_map<EventIndex, std::string> strict_dns_;  // while InspectPayloads runs
  template <typename Map>
  static std::string_view Find(const Map& map, EventIndex i) {
    auto it = map.find(i);
    return it == map.end() ? std::string_view() : std::string_view(it->second);
  }
  std::vector<IpAddress> resolvers_;  // the nameservers of the resolv.conf reads
  absl::flat_hash_set<int64_t> listening_ports_;
  int64_t run_start_ns_ = kNoTime;
};

// Reads one field of one event (kNoEvent: only run-level fields have a value).
Value Extract(FieldId id, const EventContext& ctx, EventIndex event);

// The fields of one event read so far. The rules tried on an event share most of what they
// read (an openat is tried by some forty rules that all want evt.launch, file.path, file.write,
// proc.name ...): each is extracted once per event. One memo per thread; values stay valid
// while the model lives, like Extract's.
class FieldMemo {
 public:
  // Forgets the values read so far: the next reads are of `event`.
  void Reset(EventIndex event) {
    event_ = event;
    if (++generation_ == 0) {  // wrapped: no stamp may look current
      stamp_.fill(0);
      generation_ = 1;
    }
  }
  EventIndex event() const { return event_; }
  Value Get(FieldId id, const EventContext& ctx) {
    const size_t k = static_cast<size_t>(id);
    if (stamp_[k] != generation_) {
      value_[k] = Extract(id, ctx, event_);
      stamp_[k] = generation_;
    }
    return value_[k];
  }

 private:
  static constexpr size_t kFields = static_cast<size_t>(FieldId::kCount_);
  EventIndex event_ = kNoEvent;
  uint32_t generation_ = 0;
  std::array<uint32_t, kFields> stamp_{};
  std::array<Value, kFields> value_{};
};
// A value as a reviewer reads it in an observation: enum and flag names, durations in
// seconds ("0.214s"), "?" when missing.
std::string FormatValue(const FieldDef& f, const Value& v);

}  // namespace rundown::rules

#endif  // RUNDOWN_RULES_FIELDS_H_
