#include "rules/evaluator.h"

#include <algorithm>
#include <map>
#include <memory>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "parsers/source_sniffer.h"
#include "parsers/text_util.h"
#include "tbb/blocked_range.h"
#include "tbb/parallel_for.h"
#include "tbb/task_arena.h"

namespace rundown::rules {
namespace {

struct Hits {
  uint64_t count = 0;
  std::vector<EventIndex> first;  // at most kMaxEvidence
};

struct Group {
  std::string key;
  EventIndex first_event = kNoEvent;
  uint64_t count = 0;
  absl::flat_hash_set<std::string> distinct;
  std::vector<EventIndex> evidence;
};

struct Groups {
  std::vector<Group> list;  // in order of first appearance
  absl::flat_hash_map<std::string, uint32_t> index;

  Group& Find(std::string key, EventIndex e) {
    auto [it, fresh] = index.try_emplace(key, static_cast<uint32_t>(list.size()));
    if (fresh) {
      list.emplace_back();
      list.back().key = std::move(key);
      list.back().first_event = e;
    }
    return list[it->second];
  }
};

struct StepHit {
  EventIndex event;
  uint32_t steps;  // bit k: the event matches step k
};

struct ChunkOut {
  std::vector<Hits> hits;                   // per event / absence slot
  std::vector<Groups> groups;               // per aggregate slot
  std::vector<std::vector<StepHit>> steps;  // per sequence slot
};

// How each scanned rule records its matches.
struct Slot {
  RuleKind kind;
  uint32_t index;  // into ChunkOut's vector for that kind
};

void AppendCapped(std::vector<EventIndex>* to, const std::vector<EventIndex>& from) {
  for (EventIndex e : from) {
    if (to->size() >= kMaxEvidence) return;
    to->push_back(e);
  }
}

// Encodes the values of `fields` for one event as a hash key; false when one is missing.
bool EncodeKey(const std::vector<FieldId>& fields, const EventContext& ctx, EventIndex e, std::string* out) {
  out->clear();
  for (FieldId f : fields) {
    Value v = Extract(f, ctx, e);
    if (v.missing()) return false;
    if (v.kind == Value::Kind::kStr) StrAppend(out, "s", v.s.size(), ":", v.s);
    else StrAppend(out, "i", v.i, ";");
  }
  return true;
}

std::string RenderKey(const std::vector<FieldId>& fields, const EventContext& ctx, EventIndex e) {
  std::string out;
  for (FieldId f : fields) {
    if (!out.empty()) out += ", ";
    StrAppend(&out, Field(f).name, "=", FormatValue(Field(f), Extract(f, ctx, e)));
  }
  return out;
}

struct RenderInput {
  EventIndex event = kNoEvent;
  std::vector<EventIndex> steps;
  uint64_t count = 0, groups = 0;
  std::string key;
};

std::string Render(const std::vector<TemplatePart>& parts, const EventContext& ctx, const RenderInput& in) {
  std::string out;
  bool left_out = false;  // the part before was an optional field without a value
  for (const TemplatePart& p : parts) {
    if (left_out && p.kind == TemplatePart::Kind::kText && !p.text.empty() &&
        std::string_view(" ,;:)").find(p.text.front()) != std::string_view::npos) {
      // "{file.path?} by" / "{evt.errno?}; ..." without the value: no doubled or dangling space.
      while (!out.empty() && out.back() == ' ') out.pop_back();
    }
    left_out = false;
    switch (p.kind) {
      case TemplatePart::Kind::kText: out += p.text; break;
      case TemplatePart::Kind::kCount: StrAppend(&out, in.count); break;
      case TemplatePart::Kind::kGroups: StrAppend(&out, in.groups); break;
      case TemplatePart::Kind::kKey: out += in.key; break;
      case TemplatePart::Kind::kField: {
        EventIndex e = p.step >= 0 && static_cast<size_t>(p.step) < in.steps.size() ? in.steps[p.step] : in.event;
        const Value v = Extract(p.field, ctx, e);
        if (p.optional && v.missing()) {
          left_out = true;
        } else if (v.missing() && (p.field == FieldId::kProcName || p.field == FieldId::kProcPname)) {
          // A process whose exec the trace does not show (strace -p, -e trace= without execve):
          // "by an unknown program (pid 17501)" reads as what it is; "by ? (pid 17501)" did not.
          out += "an unknown program";
        } else {
          out += FormatValue(Field(p.field), v);
        }
        break;
      }
    }
  }
  // An optional field left out at the end leaves its separating space behind.
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

Finding Base(const CheckedRule& r, FindingStatus status) {
  Finding f;
  f.rule = r.name;
  f.category = r.category;
  f.severity = r.severity;
  f.status = status;
  f.recommendation = r.recommendation;
  f.references = r.references;
  f.tags = r.tags;
  return f;
}

std::vector<SourceKind> MissingSources(const CheckedRule& r, uint32_t present) {
  std::vector<SourceKind> out;
  for (uint32_t bits : r.required) {
    if (bits == 0 || (bits & present) != 0) continue;
    for (uint32_t k = 0; k < 32; ++k) {
      SourceKind kind = static_cast<SourceKind>(k);
      if ((bits & (1u << k)) && std::find(out.begin(), out.end(), kind) == out.end()) out.push_back(kind);
    }
  }
  return out;
}

bool Passes(CmpOp op, uint64_t value, int64_t threshold) {
  int64_t v = static_cast<int64_t>(value);
  switch (op) {
    case CmpOp::kEq: return v == threshold;
    case CmpOp::kNe: return v != threshold;
    case CmpOp::kLt: return v < threshold;
    case CmpOp::kLe: return v <= threshold;
    case CmpOp::kGt: return v > threshold;
    case CmpOp::kGe: return v >= threshold;
    default: return false;
  }
}

class Run {
  // A rule to try on the events of a name group: its condition (or each step of a sequence,
  // step_roots_[first_step + k]) as a residual for the group, with what the group's shared
  // fields decide folded away. An absence rule lists every way its category can be violated
  // (no_backdoor_indicator: an `or` of 26), and most of them are decided by the syscall name.
  struct Try {
    uint32_t rule;
    uint32_t root = Residual::kFalse;  // not kSequence
    uint32_t first_step = 0;           // kSequence
  };

 public:
  Run(const CompiledProgram& p, const Model& m) : p_(p), ctx_(m), store_(m.store()) {}

  std::vector<Finding> Go(int threads) {
    uint32_t present = PresentSources(ctx_.model());
    std::vector<std::optional<Finding>> out(p_.rules.size());
    by_class_.resize(kEventClasses);
    slots_.resize(p_.rules.size());
    for (uint32_t r = 0; r < p_.rules.size(); ++r) Prepare(r, present, &out[r]);
    GroupByName();
    Scan(threads);
    for (uint32_t r = 0; r < p_.rules.size(); ++r)
      if (!out[r]) Finish(r, &out[r]);
    std::vector<Finding> findings;
    for (auto& f : out)
      if (f) findings.push_back(std::move(*f));
    return findings;
  }

 private:
  void Prepare(uint32_t r, uint32_t present, std::optional<Finding>* out) {
    const CompiledRule& c = p_.rules[r];
    std::vector<SourceKind> missing = MissingSources(c.rule, present);
    if (!missing.empty()) {
      Finding f = Base(c.rule, FindingStatus::kNotAssessed);
      f.observation = StrCat("not assessed: no ", SourceKindList(missing), " data");
      f.missing_sources = std::move(missing);
      *out = std::move(f);
      return;
    }
    if (c.rule.kind == RuleKind::kRun) {
      EvalRunRule(c, out);
      return;
    }
    Slot s{c.rule.kind, 0};
    if (s.kind == RuleKind::kEvent || s.kind == RuleKind::kAbsence) s.index = n_hits_++;
    if (s.kind == RuleKind::kAggregate) s.index = n_groups_++;
    if (s.kind == RuleKind::kSequence) s.index = n_steps_++;
    slots_[r] = s;
    // The whole condition, for the events of a group whose ops differ.
    Try whole{r};
    if (s.kind == RuleKind::kSequence) {
      whole.first_step = static_cast<uint32_t>(step_roots_.size());
      for (uint32_t step : c.steps) step_roots_.push_back(residual_.Whole(step));
    } else {
      whole.root = residual_.Whole(c.cond);
    }
    for (size_t cls = 0; cls < kEventClasses; ++cls)
      if (c.mask.test(cls)) by_class_[cls].push_back(whole);
  }

  static std::string SourceKindList(const std::vector<SourceKind>& kinds) {
    std::string out;
    for (size_t i = 0; i < kinds.size(); ++i)
      StrAppend(&out, i == 0 ? "" : i + 1 == kinds.size() ? " or " : ", ", SourceKindName(kinds[i]));
    return out;
  }

  void EvalRunRule(const CompiledRule& c, std::optional<Finding>* out) {
    if (!p_.plan.Eval(c.cond, ctx_, kNoEvent)) return;
    Finding f = Base(c.rule, FindingStatus::kFired);
    f.count = 1;
    std::vector<EventIndex> ev = ctx_.model().life().evidence;
    std::sort(ev.begin(), ev.end());
    ev.erase(std::unique(ev.begin(), ev.end()), ev.end());
    if (ev.size() > kMaxEvidence) ev.resize(kMaxEvidence);
    RenderInput in;
    in.event = ev.empty() ? kNoEvent : ev.front();
    in.count = 1;
    f.observation = Render(c.rule.observation, ctx_, in);
    f.evidence = std::move(ev);
    *out = std::move(f);
  }

  // The events of one syscall (or signal, inotify event ...) name and type share evt.name,
  // evt.type and, nearly always, evt.op; run.* fields are the same for every event, and a
  // field outside its domain is missing for all of them. A rule
  // whose condition those fields already make false for such a group (io_uring_use on a
  // read(), a rule on mremap for a futex()) is never tried on its events: exact, and it spares
  // the evaluation of most rules on the bulk of a trace. A group whose events differ in op
  // (fcntl is kDup for F_DUPFD) keeps the class's whole list.
  void GroupByName() {
    for (EventIndex i = 0; i < store_.size(); ++i) {
      const Event& e = store_.event(i);
      const size_t g = GroupOf(e);
      if (g >= groups_.size()) groups_.resize(g + 1);
      NameGroup& group = groups_[g];
      if (group.first == kNoEvent) {
        group.first = i;
        group.op = e.op;
      } else if (group.op != e.op) {
        group.mixed = true;
      }
    }
    for (NameGroup& group : groups_) {
      if (group.first == kNoEvent || group.mixed) continue;
      const size_t cls = EventClass(store_.event(group.first));
      // A field outside its domain (log.fatal of a syscall) is missing for the whole class.
      auto known = [cls](FieldId f) {
        const FieldDef& d = Field(f);
        return f == FieldId::kEvtOp || f == FieldId::kEvtType || f == FieldId::kEvtName || d.run_level ||
               !d.domain.test(cls);
      };
      for (const Try& whole : by_class_[cls]) {
        const CompiledRule& c = p_.rules[whole.rule];
        Try t{whole.rule};
        if (c.rule.kind == RuleKind::kSequence) {
          t.first_step = static_cast<uint32_t>(step_roots_.size());
          bool possible = false;
          for (size_t k = 0; k < c.steps.size(); ++k) {
            const uint32_t root = c.step_masks[k].test(cls)
                                      ? residual_.Add(p_.plan, c.steps[k], ctx_, group.first, known)
                                      : Residual::kFalse;
            possible |= root != Residual::kFalse;
            step_roots_.push_back(root);
          }
          if (possible) group.tries.push_back(t);
          else step_roots_.resize(t.first_step);
          continue;
        }
        t.root = residual_.Add(p_.plan, c.cond, ctx_, group.first, known);
        if (t.root != Residual::kFalse) group.tries.push_back(t);
      }
    }
  }
  static size_t GroupOf(const Event& e) {
    return static_cast<size_t>(e.name) * (kEventClasses / kOpSlots) + static_cast<size_t>(e.type);
  }

  void Scan(int threads) {
    size_t n = store_.size();
    size_t chunks = (n + kEvalChunk - 1) / kEvalChunk;
    chunks_.resize(chunks);
    auto body = [&](const tbb::blocked_range<size_t>& range) {
      for (size_t c = range.begin(); c != range.end(); ++c) ScanChunk(c);
    };
    if (threads == 1 || chunks <= 1) {
      body(tbb::blocked_range<size_t>(0, chunks, 1));
      return;
    }
    tbb::task_arena arena(threads > 0 ? threads : tbb::task_arena::automatic);
    arena.execute([&] { tbb::parallel_for(tbb::blocked_range<size_t>(0, chunks, 1), body); });
  }

  void ScanChunk(size_t chunk) {
    ChunkOut& out = chunks_[chunk];
    out.hits.resize(n_hits_);
    out.groups.resize(n_groups_);
    out.steps.resize(n_steps_);
    EventIndex begin = static_cast<EventIndex>(chunk * kEvalChunk);
    EventIndex end = static_cast<EventIndex>(std::min(store_.size(), (chunk + 1) * kEvalChunk));
    std::string key, value;
    auto memo = std::make_unique<PlanMemo>(p_.plan);
    for (EventIndex i = begin; i < end; ++i) {
      const Event& e = store_.event(i);
      memo->Reset(i);
      const size_t cls = EventClass(e);
      const NameGroup& group = groups_[GroupOf(e)];
      if (group.mixed) {
        for (const Try& t : by_class_[cls]) Match(t, memo.get(), &out, &key, &value);
      } else {
        for (const Try& t : group.tries) Match(t, memo.get(), &out, &key, &value);
      }
    }
  }

  void Match(const Try& t, PlanMemo* memo, ChunkOut* out, std::string* key, std::string* value) {
    const EventIndex i = memo->event();
    const CompiledRule& c = p_.rules[t.rule];
    const Slot& s = slots_[t.rule];
    if (s.kind == RuleKind::kSequence) {
      uint32_t steps = 0;
      for (size_t k = 0; k < c.steps.size(); ++k)
        if (residual_.Eval(p_.plan, step_roots_[t.first_step + k], ctx_, memo)) steps |= 1u << k;
      if (steps) out->steps[s.index].push_back({i, steps});
      return;
    }
    if (!residual_.Eval(p_.plan, t.root, ctx_, memo)) return;
    if (s.kind == RuleKind::kAggregate) {
      if (!EncodeKey(c.rule.by, ctx_, i, key)) return;
      if (c.rule.distinct && !EncodeKey({*c.rule.distinct}, ctx_, i, value)) return;
      Group& g = out->groups[s.index].Find(*key, i);
      ++g.count;
      if (c.rule.distinct) g.distinct.insert(*value);
      if (g.evidence.size() < kMaxEvidence) g.evidence.push_back(i);
      return;
    }
    Hits& h = out->hits[s.index];
    ++h.count;
    if (h.first.size() < kMaxEvidence) h.first.push_back(i);
  }

  void Finish(uint32_t r, std::optional<Finding>* out) {
    const CompiledRule& c = p_.rules[r];
    switch (c.rule.kind) {
      case RuleKind::kEvent:
      case RuleKind::kAbsence: return FinishHits(c, slots_[r].index, out);
      case RuleKind::kAggregate: return FinishGroups(c, slots_[r].index, out);
      case RuleKind::kSequence: return FinishSequence(c, slots_[r].index, out);
      case RuleKind::kRun: return;
    }
  }

  void FinishHits(const CompiledRule& c, uint32_t slot, std::optional<Finding>* out) {
    Hits all;
    for (const ChunkOut& ch : chunks_) {
      all.count += ch.hits[slot].count;
      AppendCapped(&all.first, ch.hits[slot].first);
    }
    if (c.rule.kind == RuleKind::kAbsence) {
      if (all.count != 0) return;  // violated: the rules that look for the events report them
      Finding f = Base(c.rule, FindingStatus::kHeld);
      f.observation = Render(c.rule.observation, ctx_, {});
      *out = std::move(f);
      return;
    }
    if (all.count == 0) return;
    Finding f = Base(c.rule, FindingStatus::kFired);
    f.count = all.count;
    RenderInput in;
    in.event = all.first.front();
    in.count = all.count;
    f.observation = Render(c.rule.observation, ctx_, in);
    f.evidence = std::move(all.first);
    *out = std::move(f);
  }

  void FinishGroups(const CompiledRule& c, uint32_t slot, std::optional<Finding>* out) {
    Groups merged;
    for (ChunkOut& ch : chunks_) {
      for (Group& g : ch.groups[slot].list) {
        Group& m = merged.Find(g.key, g.first_event);
        m.count += g.count;
        m.distinct.merge(g.distinct);
        AppendCapped(&m.evidence, g.evidence);
      }
    }
    std::vector<const Group*> passing;
    for (const Group& g : merged.list) {
      uint64_t v = c.rule.distinct ? g.distinct.size() : g.count;
      if (Passes(c.rule.agg_op, v, c.rule.threshold)) passing.push_back(&g);
    }
    if (passing.empty()) return;
    Finding f = Base(c.rule, FindingStatus::kFired);
    f.count = passing.size();
    for (const Group* g : passing) f.evidence.insert(f.evidence.end(), g->evidence.begin(), g->evidence.end());
    std::sort(f.evidence.begin(), f.evidence.end());
    if (f.evidence.size() > kMaxEvidence) f.evidence.resize(kMaxEvidence);
    const Group& first = *passing.front();
    RenderInput in;
    in.event = first.first_event;
    in.count = c.rule.distinct ? first.distinct.size() : first.count;
    in.groups = passing.size();
    in.key = RenderKey(c.rule.by, ctx_, first.first_event);
    f.observation = Render(c.rule.observation, ctx_, in);
    *out = std::move(f);
  }

  struct Partial {
    int64_t start = 0;
    bool start_known = false;
    std::vector<EventIndex> events;
  };

  int64_t TimeOf(EventIndex e) const { return store_.event(e).time_ns; }

  // Matches the steps in order for one key's events (already sorted by time).
  void MatchSteps(const CompiledRule& c, const std::vector<StepHit>& hits, std::vector<std::vector<EventIndex>>* done) {
    size_t n = c.steps.size();
    std::vector<std::optional<Partial>> pending(n);  // pending[k]: steps 0..k-1 matched
    int64_t window = c.rule.within_ns;
    auto in_window = [&](const Partial& p, EventIndex e) {
      if (window < 0) return true;
      int64_t t = TimeOf(e);
      if (p.start_known && t != kNoTime) return t - p.start <= window;
      // Without timestamps only the order of lines within one file tells what came first
      // (strace -f without -t); a window cannot be checked, so that order must do.
      return !p.start_known && t == kNoTime && store_.event(p.events.front()).file == store_.event(e).file;
    };
    for (const StepHit& h : hits) {
      bool used = false;
      for (size_t k = n - 1; k >= 1 && !used; --k) {
        if (!(h.steps & (1u << k)) || !pending[k]) continue;
        if (!in_window(*pending[k], h.event)) {
          pending[k].reset();
          continue;
        }
        Partial next = std::move(*pending[k]);
        pending[k].reset();
        next.events.push_back(h.event);
        if (k + 1 == n) done->push_back(std::move(next.events));
        else pending[k + 1] = std::move(next);
        used = true;
      }
      if (!used && (h.steps & 1u)) {
        Partial p;
        p.start = TimeOf(h.event);
        p.start_known = p.start != kNoTime;
        p.events.push_back(h.event);
        pending[1] = std::move(p);  // the latest start gives the window the best chance
      }
    }
  }

  void FinishSequence(const CompiledRule& c, uint32_t slot, std::optional<Finding>* out) {
    std::vector<std::string> order;
    absl::flat_hash_map<std::string, std::vector<StepHit>> by_key;
    std::string key;
    for (const ChunkOut& ch : chunks_) {
      for (const StepHit& h : ch.steps[slot]) {
        if (!EncodeKey(c.rule.by, ctx_, h.event, &key)) continue;
        auto [it, fresh] = by_key.try_emplace(key);
        if (fresh) order.push_back(key);
        it->second.push_back(h);
      }
    }
    std::vector<std::vector<EventIndex>> done;
    for (const std::string& k : order) {
      std::vector<StepHit>& hits = by_key[k];
      std::stable_sort(hits.begin(), hits.end(), [&](const StepHit& a, const StepHit& b) {
        int64_t ta = TimeOf(a.event), tb = TimeOf(b.event);
        return ta != tb ? ta < tb : a.event < b.event;
      });
      MatchSteps(c, hits, &done);
    }
    if (done.empty()) return;
    Finding f = Base(c.rule, FindingStatus::kFired);
    f.count = done.size();
    const std::vector<EventIndex>* first = &done.front();
    for (const auto& seq : done) {
      f.evidence.insert(f.evidence.end(), seq.begin(), seq.end());
      if (std::make_pair(TimeOf(seq.front()), seq.front()) < std::make_pair(TimeOf(first->front()), first->front()))
        first = &seq;
    }
    std::sort(f.evidence.begin(), f.evidence.end());
    f.evidence.erase(std::unique(f.evidence.begin(), f.evidence.end()), f.evidence.end());
    if (f.evidence.size() > kMaxEvidence) f.evidence.resize(kMaxEvidence);
    RenderInput in;
    in.event = first->front();
    in.steps = *first;
    in.count = done.size();
    in.key = RenderKey(c.rule.by, ctx_, first->front());
    f.observation = Render(c.rule.observation, ctx_, in);
    *out = std::move(f);
  }

  const CompiledProgram& p_;
  EventContext ctx_;
  const EventStore& store_;
  std::vector<std::vector<Try>> by_class_;  // every rule that can match a class, whole
  Residual residual_;
  std::vector<uint32_t> step_roots_;
  struct NameGroup {
    EventIndex first = kNoEvent;  // the group's first event: it stands for all of them
    Op op = Op::kOther;
    bool mixed = false;           // events of several ops: by_class_ decides
    std::vector<Try> tries;       // rules not false for the whole group
  };
  std::vector<NameGroup> groups_;  // by GroupOf()
  std::vector<Slot> slots_;
  uint32_t n_hits_ = 0, n_groups_ = 0, n_steps_ = 0;
  std::vector<ChunkOut> chunks_;
};

}  // namespace

uint32_t PresentSources(const Model& model) {
  uint32_t out = 0;
  for (const SourceCoverage& c : model.coverage())
    if (c.assessable()) out |= 1u << static_cast<uint32_t>(c.kind);
  return out;
}

std::vector<Finding> EvaluateProgram(const CompiledProgram& program, const Model& model, int threads) {
  Run run(program, model);
  return run.Go(threads);
}

}  // namespace rundown::rules
