// The evaluator runs a compiled program (rules/compiler.h) over a run model and produces
// findings. One pass over the event store, cut into fixed-size chunks that TBB tasks
// evaluate in parallel; each chunk records, per rule, its matches (counts and the first
// evidence events, aggregation groups, sequence step candidates), and the chunks are merged
// in store order afterwards. Chunk boundaries do not depend on the thread count, so the
// findings are the same for any number of threads.
//
//   event rules      fire with the number of matching events and the first kMaxEvidence
//   count rules      group the matching events by key, fire for groups past the threshold
//   absence rules    hold when nothing matched
//   sequence rules   per join key, in time order, steps matched in order within the window
//   run rules        conditions over run.* only, evaluated once
//
// A rule whose required sources are missing gives a not-assessed finding and is not run.
#ifndef RUNDOWN_RULES_EVALUATOR_H_
#define RUNDOWN_RULES_EVALUATOR_H_

#include <vector>

#include "rules/compiler.h"
#include "rules/rule_set.h"

namespace rundown::rules {

// Events per evaluation chunk. Fixed so results never depend on the thread count.
inline constexpr size_t kEvalChunk = 16384;

std::vector<Finding> EvaluateProgram(const CompiledProgram& program, const Model& model, int threads);

// The source kinds a rule can be assessed with present in the model (bit i = SourceKind i).
uint32_t PresentSources(const Model& model);

}  // namespace rundown::rules

#endif  // RUNDOWN_RULES_EVALUATOR_H_
