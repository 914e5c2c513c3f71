// The public face of rules/: load rule files (the built-in pack, --rules FILE), evaluate them
// over a run model, and the tooling the CLI calls (`rules check`, `rules test`,
// `events --where`). Everything below this header (lexer, parser, checker, compiler,
// evaluator) is an implementation detail of these calls.
//
//   auto set = rules::RuleSet::Builtin();            // the embedded pack, checked
//   RD_RETURN_IF_ERROR(set->AddFile("team.rules"));  // include/except/list += resolved
//   std::vector<rules::Finding> f = set->Evaluate(model, threads);
//
// Loading is all-or-nothing per call: AddFile/AddText either add every definition of the
// file (and its includes) and re-check the whole set, or leave the set unchanged and return
// InvalidArgument with every error rendered as
//   team.rules:12:9: unknown field 'net.remot' (did you mean 'net.remote'?)
//     when net.remot = "1.2.3.4"
//          ^
// The language itself is described in docs/RULES.md and, as EBNF, in rules/parser.h.
//
// Thread-safety: a RuleSet is immutable between Add* calls; Evaluate and Filter::Matches
// may run concurrently from many threads. Findings come out in the same order with the same
// evidence for any thread count.
#ifndef RUNDOWN_RULES_RULE_SET_H_
#define RUNDOWN_RULES_RULE_SET_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "engine/model.h"

namespace rundown::rules {

enum class Category { kProcess, kNetwork, kFile, kPrivilege, kDependencies, kStability, kBackdoor };
enum class Severity { kInfo, kLow, kMedium, kHigh, kCritical };
enum class FindingStatus {
  kFired,        // the rule matched (event, count threshold or sequence)
  kHeld,         // an absence rule (`none ...`) held: nothing matched
  kNotAssessed,  // a source the rule needs is missing, so neither can be said
};

// Lowercase names as they appear in rules and in the JSON report:
// process|network|file|privilege|dependencies|stability|backdoor and info|low|medium|high|critical.
std::string_view CategoryName(Category c);
std::string_view SeverityName(Severity s);
std::string_view FindingStatusName(FindingStatus s);  // "fired", "held", "not-assessed"

inline constexpr size_t kMaxEvidence = 20;  // events kept per finding (count keeps counting)

struct Finding {
  std::string rule;
  Category category = Category::kProcess;
  Severity severity = Severity::kInfo;
  FindingStatus status = FindingStatus::kFired;
  std::string observation;     // template rendered with the first matching event (+{count})
  std::string recommendation;
  std::vector<std::string> references, tags;
  uint64_t count = 0;                   // matching events, or groups over the threshold, or
                                        // completed sequences
  std::vector<EventIndex> evidence;     // at most kMaxEvidence, in store order
  std::vector<SourceKind> missing_sources;  // for kNotAssessed
};

// One message of `rules check` (errors and lint warnings), already positioned.
struct Message {
  enum class Level { kError, kWarning };
  Level level = Level::kError;
  std::string file;
  uint32_t line = 0, column = 0;  // 1-based; column counts characters
  std::string text;               // "unknown field 'x' (did you mean 'y'?)"
  std::string rendered;           // "file:line:col: text\n<source line>\n<caret>"
};

class RuleSet {
 public:
  RuleSet();
  ~RuleSet();
  RuleSet(const RuleSet&);
  RuleSet& operator=(const RuleSet&);
  RuleSet(RuleSet&&) noexcept;
  RuleSet& operator=(RuleSet&&) noexcept;

  // The pack embedded from rules/builtin/*.rules, parsed and checked.
  static absl::StatusOr<RuleSet> Builtin();

  // Adds a rule file; `include "x.rules"` is resolved relative to the including file.
  // NotFound when a file cannot be read, InvalidArgument with all messages otherwise.
  absl::Status AddFile(const std::string& path);
  // Adds rules from memory; `name` is the file name used in messages and for includes
  // (relative includes resolve against its directory).
  absl::Status AddText(std::string_view name, std::string_view text);

  // Runs every rule over the model. `threads` <= 0 means all cores. Order: rules in load
  // order (built-in pack first); one finding per rule that fired, held or could not be
  // assessed (a violated absence rule and a rule that did not fire give none).
  std::vector<Finding> Evaluate(const Model& model, int threads) const;

  // Rule names in load order.
  std::vector<std::string> RuleNames() const;
  // Lint warnings for the whole set (unused lists and macros, shadowed macros, conditions
  // that can never match, rules without a recommendation).
  std::vector<Message> Warnings() const;

  struct Impl;

 private:
  friend struct RuleSetAccess;
  std::shared_ptr<const Impl> impl_;
};

// `rundown rules check FILE...`: loads the built-in pack plus the files and returns every
// error and lint warning (messages about the built-in pack itself are not repeated). The
// status is not OK only when a file cannot be read at all.
absl::StatusOr<std::vector<Message>> CheckFiles(const std::vector<std::string>& paths);

// `rundown rules test FILE...`: runs the `test` blocks of the files against the built-in
// pack plus the files. Each test ingests its embedded fixture files with IngestBuffers,
// builds the model, evaluates and compares with its `expect` lines.
struct TestResult {
  std::string file;
  std::string name;
  uint32_t line = 0;
  bool passed = false;
  std::vector<std::string> failures;  // "expected shell_spawned fired, got silent"
};
absl::StatusOr<std::vector<TestResult>> RunTestFiles(const std::vector<std::string>& paths);
// The same over a loaded set and a file's text (used by the built-in pack's own tests).
absl::StatusOr<std::vector<TestResult>> RunTests(const RuleSet& set, std::string_view name,
                                                 std::string_view text);

// A standalone expression for `rundown events DIR --where 'EXPR'`: the same fields, operators
// and built-in lists/macros as rule conditions (e.g. `evt.op = "connect" and
// net.class != "loopback"`). Immutable and thread-safe once compiled.
class Filter {
 public:
  Filter();
  ~Filter();
  Filter(Filter&&) noexcept;
  Filter& operator=(Filter&&) noexcept;
  bool Matches(const Model& model, EventIndex event) const;

  struct Impl;

 private:
  friend absl::StatusOr<Filter> CompileFilter(std::string_view expr);
  friend absl::StatusOr<Filter> CompileFilter(const RuleSet& set, std::string_view expr);
  std::unique_ptr<Impl> impl_;
};
// Messages name the expression "<where>"; macros and lists of the built-in pack are visible.
absl::StatusOr<Filter> CompileFilter(std::string_view expr);
// With the macros and lists of `set` (built-in plus --rules files).
absl::StatusOr<Filter> CompileFilter(const RuleSet& set, std::string_view expr);

// The fields an event has (missing ones are left out), in field-table order, for the events
// table and NDJSON: strings as text, numbers as decimal, booleans "true"/"false", durations
// and times in nanoseconds.
struct FieldValue {
  enum class Kind { kString, kNumber, kBool };
  std::string_view name;  // "proc.pid"
  Kind kind = Kind::kString;
  std::string text;
};
// Renders many events of one model (builds the lookup tables once).
class EventContext;
class EventRenderer {
 public:
  explicit EventRenderer(const Model& model);
  ~EventRenderer();
  std::vector<FieldValue> Fields(EventIndex event) const;

 private:
  std::unique_ptr<EventContext> ctx_;
};
// One-off convenience; builds an EventRenderer per call (use EventRenderer for many events).
std::vector<FieldValue> EventFields(const Model& model, EventIndex event);

// The field table, for `rundown rules fields` and docs: name, type, meaning.
struct FieldInfo {
  std::string_view name, type, doc;
};
std::vector<FieldInfo> FieldTable();

}  // namespace rundown::rules

#endif  // RUNDOWN_RULES_RULE_SET_H_
