#include "parsers/string_pool.h"

#include <algorithm>
#include <cstring>

namespace rundown {
namespace {
// Most interned strings are paths of 20-100 bytes; 64 KiB blocks keep the per-chunk pools
// small while amortising malloc. Strings larger than a quarter block get their own block.
constexpr size_t kBlockBytes = 64 * 1024;
}  // namespace

StringPool::StringPool() {
  views_.emplace_back();
  index_.emplace(std::string_view(), kNoStr);
}

std::string_view StringPool::Copy(std::string_view s) {
  if (s.size() > kBlockBytes / 4) {
    blocks_.emplace_back(new char[s.size()]);
    arena_bytes_ += s.size();
    std::memcpy(blocks_.back().get(), s.data(), s.size());
    return {blocks_.back().get(), s.size()};
  }
  if (s.size() > remaining_) {
    blocks_.emplace_back(new char[kBlockBytes]);
    arena_bytes_ += kBlockBytes;
    cursor_ = blocks_.back().get();
    remaining_ = kBlockBytes;
  }
  std::memcpy(cursor_, s.data(), s.size());
  std::string_view out(cursor_, s.size());
  cursor_ += s.size();
  remaining_ -= s.size();
  return out;
}

StrId StringPool::Intern(std::string_view s) {
  // One hash and one probe for a new string too (find, then emplace, hashed it twice): the
  // key is then set to the arena's copy, which has the same bytes and so the same slot.
  return index_.lazy_emplace(s, [&](const auto& construct) {
    std::string_view stored = Copy(s);
    views_.push_back(stored);
    construct(stored, static_cast<StrId>(views_.size() - 1));
  })->second;
}

void StringPool::InternAll(const StringPool& from, std::vector<StrId>* ids) {
  constexpr size_t kInternAhead = 8;
  const size_t n = from.size();
  ids->resize(n);
  for (size_t i = 0; i < n; ++i) {
    if (i + kInternAhead < n) index_.prefetch(from.views_[i + kInternAhead]);
    (*ids)[i] = Intern(from.views_[i]);
  }
}

bool StringPool::Find(std::string_view s, StrId* id) const {
  auto it = index_.find(s);
  if (it == index_.end()) return false;
  *id = it->second;
  return true;
}

size_t StringPool::MemoryBytes() const {
  return arena_bytes_ + views_.capacity() * sizeof(std::string_view) +
         index_.capacity() * (sizeof(std::string_view) + sizeof(StrId) + 1);
}

}  // namespace rundown
