// StringPool interns strings (paths, addresses, command lines, syscall names) into an
// arena and hands out dense 32-bit ids. Parsers intern into a chunk-local pool while the
// chunk's bytes are in memory; the engine later merges chunk pools into the store's pool
// and remaps ids (see engine/ingest.cc). Id 0 is always the empty string, so a
// default-initialised StrId means "none".
//
// Thread-safety: none. One pool per thread/chunk; View() results stay valid for the
// pool's lifetime (the arena never moves bytes).
#ifndef RUNDOWN_PARSERS_STRING_POOL_H_
#define RUNDOWN_PARSERS_STRING_POOL_H_

#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/hash/hash.h"
#include "absl/strings/string_view.h"
#include "parsers/text_util.h"

namespace rundown {

using StrId = uint32_t;
inline constexpr StrId kNoStr = 0;

// Hash for std::string_view keys. Debian's Abseil has its own absl::string_view, so
// absl::Hash<std::string_view> falls back to std::hash (libstdc++'s murmur, twice the time
// of absl's string hash on the paths and socket names the pools hold).
struct StringViewHash {
  size_t operator()(std::string_view s) const {
    return absl::Hash<absl::string_view>{}(absl::string_view(s.data(), s.size()));
  }
};
template <typename V>
using StringViewMap = absl::flat_hash_map<std::string_view, V, StringViewHash>;

class StringPool {
 public:
  StringPool();
  StringPool(const StringPool&) = delete;
  StringPool& operator=(const StringPool&) = delete;
  StringPool(StringPool&&) = default;
  StringPool& operator=(StringPool&&) = default;

  // Returns the id of `s`, adding a copy on first sight. A hit costs one hash probe and no
  // allocation. Intern("") == kNoStr.
  StrId Intern(std::string_view s);
  // Interns every string of `from` in id order: (*ids)[i] is the id here of from's string i.
  // The same as Intern() on each, but the table lines of the string kInternAhead places on
  // are prefetched first: a store's pool outgrows the caches (~265 k strings, a 12 MB table
  // for 1 GiB of trace), and each insert waited for its slot's line.
  void InternAll(const StringPool& from, std::vector<StrId>* ids);
  // Room for `n` strings in the index without a rehash (its growth hashes every string
  // again): for a caller that knows roughly how many it will intern.
  void Reserve(size_t n) { index_.reserve(n); }
  // Returns the id of `s` if present, without adding it.
  bool Find(std::string_view s, StrId* id) const;
  // REQUIRES: id < size().
  std::string_view View(StrId id) const { return views_[id]; }
  size_t size() const { return views_.size(); }
  // Bytes held by the arena and the tables (for --stats and the memory budget).
  size_t MemoryBytes() const;

 private:
  std::string_view Copy(std::string_view s);

  std::vector<std::unique_ptr<char[]>> blocks_;
  char* cursor_ = nullptr;
  size_t remaining_ = 0;
  size_t arena_bytes_ = 0;
  std::vector<std::string_view> views_;
  StringViewMap<StrId> index_;
};

// A small direct-mapped memo in front of StringPool::Intern, for a call site that sees the
// same few strings over and over: the watched directory of consecutive inotify events
// (RepeatInterner, one slot), or the handful of files a server opens, stats and reads
// again and again (the strace decoder's paths and annotations). A repeat costs a slot
// choice and a byte comparison instead of a hash of the whole string and a probe.
// Thread-safety: none; one per pool user. The ids are those of the pool it is used with.
template <size_t kSlots>
class RecentInterner {
  static_assert((kSlots & (kSlots - 1)) == 0, "a power of two");

 public:
  StrId Intern(StringPool& pool, std::string_view s) {
    Slot& slot = slots_[SlotOf(s)];
    if (slot.id != kNoStr && SameBytes(slot.text, s)) return slot.id;
    slot.id = pool.Intern(s);
    slot.text = pool.View(slot.id);
    return slot.id;
  }

 private:
  // The length and the first and last eight bytes (of a string that has them): paths that
  // share a directory differ in their ends.
  static size_t SlotOf(std::string_view s) {
    if constexpr (kSlots == 1) return 0;
    uint64_t mix = s.size();
    if (s.size() >= 8) {
      uint64_t head, tail;
      __builtin_memcpy(&head, s.data(), 8);
      __builtin_memcpy(&tail, s.data() + s.size() - 8, 8);
      mix ^= head ^ (tail * 31);
    }
    return static_cast<size_t>((mix * 0x9E3779B97F4A7C15ULL) >> 32) & (kSlots - 1);
  }
  struct Slot {
    std::string_view text;  // the pool's copy: stable
    StrId id = kNoStr;
  };
  Slot slots_[kSlots];
};
using RepeatInterner = RecentInterner<1>;

}  // namespace rundown

#endif  // RUNDOWN_PARSERS_STRING_POOL_H_
