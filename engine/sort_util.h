// Sorting for sequences that are nearly in order.
#ifndef RUNDOWN_ENGINE_SORT_UTIL_H_
#define RUNDOWN_ENGINE_SORT_UTIL_H_

#include <algorithm>
#include <cstddef>
#include <vector>

namespace rundown {

// Sorts `v` ascending. For input where each element is a few places from its spot (stitch
// records, which come in the order calls resumed: only the few calls in flight at once are
// out of order) an insertion sort is linear; once its moves exceed a linear budget (hostile
// input: thousands of threads in flight) it finishes with std::sort.
template <typename T>
void SortNearlySorted(std::vector<T>* v) {
  size_t budget = 8 * v->size() + 64;
  for (size_t i = 1; i < v->size(); ++i) {
    T x = (*v)[i];
    size_t j = i;
    for (; j > 0 && x < (*v)[j - 1]; --j) {
      if (budget-- == 0) {
        (*v)[j] = x;  // v stays a permutation of its input
        std::sort(v->begin(), v->end());
        return;
      }
      (*v)[j] = (*v)[j - 1];
    }
    (*v)[j] = x;
  }
}

}  // namespace rundown

#endif  // RUNDOWN_ENGINE_SORT_UTIL_H_
