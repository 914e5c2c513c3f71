#include "engine/event_store.h"


#include <algorithm>
#include <cstring>

#include "parsers/input_file.h"
#include "parsers/path_util.h"
#include "parsers/text_encoding.h"
#include "parsers/text_util.h"

namespace rundown {

const Detail& EventStore::DetailOrEmpty(const Event& e) const {
  static const Detail kEmpty;
  return e.detail == kNoDetail ? kEmpty : details_[e.detail];
}

bool EventStore::FindName(std::string_view s, NameId* id) const {
  StrId raw;
  if (!names_.Find(s, &raw)) return false;
  *id = static_cast<NameId>(raw);
  return true;
}

std::string EventStore::Where(const Event& e) const { return StrCat(Basename(files_[e.file].path), ":", e.line); }

uint32_t EventStore::ResumedLine(EventIndex i) const {
  auto it = std::lower_bound(stitches_.begin(), stitches_.end(), i,
                             [](const StitchInfo& s, EventIndex v) { return s.event < v; });
  return (it != stitches_.end() && it->event == i) ? it->resumed_line : 0;
}

std::vector<EvidenceRef> EventStore::Evidence(EventIndex i) const {
  const Event& e = events_[i];
  std::vector<EvidenceRef> out{{e.file, e.line}};
  if (uint32_t r = ResumedLine(i)) out.push_back({e.file, r});
  return out;
}

namespace {

// Same as the disk pass below, over an in-memory file.
void ReadInline(const std::string& text, const std::vector<EvidenceRef>& refs, size_t max_bytes,
                size_t* i, std::vector<std::pair<EvidenceRef, std::string>>* out) {
  const FileId file = refs[*i].file;
  uint32_t line = 1;
  size_t pos = 0;
  while (*i < refs.size() && refs[*i].file == file) {
    const EvidenceRef& want = refs[*i];
    while (line < want.line && pos < text.size()) {
      size_t nl = text.find('\n', pos);
      pos = nl == std::string::npos ? text.size() : nl + 1;
      ++line;
    }
    std::string got;
    if (line == want.line && pos < text.size()) {
      size_t nl = text.find('\n', pos);
      size_t end = nl == std::string::npos ? text.size() : nl;
      if (end > pos && text[end - 1] == '\r') --end;
      got = text.substr(pos, std::min(end - pos, max_bytes));
    }
    out->emplace_back(want, std::move(got));
    ++*i;
  }
}

}  // namespace

// One sequential pass per file over the wanted lines, in line order (a compressed file is
// decompressed again). Reading with a 1 MiB
// buffer and memchr costs about what `wc -l` costs, and only files that are cited are read.
std::vector<std::pair<EvidenceRef, std::string>> EventStore::RawLines(std::vector<EvidenceRef> refs,
                                                                      size_t max_bytes) const {
  std::sort(refs.begin(), refs.end());
  refs.erase(std::unique(refs.begin(), refs.end()), refs.end());
  std::vector<std::pair<EvidenceRef, std::string>> out;
  out.reserve(refs.size());
  size_t i = 0;
  std::string buf(1 << 20, '\0');
  while (i < refs.size()) {
    FileId file = refs[i].file;
    if (file < files_.size() && files_[file].inline_text) {
      ReadInline(*files_[file].inline_text, refs, max_bytes, &i, &out);
      continue;
    }
    auto in = file < files_.size() ? InputFile::Open(files_[file].path) : absl::NotFoundError("no such file id");
    uint32_t line = 1;
    std::string current;
    bool in_wanted = false;
    auto emit = [&]() {
      if (current.size() > 0 && current.back() == '\r') current.pop_back();
      if (refs[i].line == 1) current.erase(0, ByteOrderMarkSize(DetectEncoding(current), current));
      out.emplace_back(refs[i], current);
      current.clear();
      ++i;
    };
    if (in.ok()) {
      for (;;) {
        while (i < refs.size() && refs[i].file == file && refs[i].line < line) {
          out.emplace_back(refs[i], std::string());  // line 0 or duplicate
          ++i;
        }
        if (i >= refs.size() || refs[i].file != file) break;
        const size_t n = in->Read(buf.data(), buf.size());
        if (n == 0) break;
        const char* p = buf.data();
        const char* end = p + n;
        while (p < end && i < refs.size() && refs[i].file == file) {
          in_wanted = refs[i].line == line;
          const char* nl = static_cast<const char*>(std::memchr(p, '\n', end - p));
          const char* stop = nl ? nl : end;
          if (in_wanted && current.size() < max_bytes) {
            current.append(p, std::min<size_t>(stop - p, max_bytes - current.size()));
          }
          if (!nl) break;
          if (in_wanted) emit();
          ++line;
          p = nl + 1;
        }
      }
      if (in_wanted && i < refs.size() && refs[i].file == file && refs[i].line == line) emit();
    }
    while (i < refs.size() && refs[i].file == file) {
      out.emplace_back(refs[i], std::string());
      ++i;
    }
  }
  return out;
}

size_t EventStore::MemoryBytes() const {
  return events_.capacity() * sizeof(Event) + details_.capacity() * sizeof(Detail) +
         strings_.MemoryBytes() + names_.MemoryBytes() + stitches_.capacity() * sizeof(StitchInfo);
}

// FNV-1a over every field of every event, strings by value.
uint64_t EventStore::ContentDigest() const {
  const EventStore& s = *this;
  uint64_t h = 1469598103934665603ull;
  auto mix = [&](const void* p, size_t n) {
    const unsigned char* b = static_cast<const unsigned char*>(p);
    for (size_t i = 0; i < n; ++i) h = (h ^ b[i]) * 1099511628211ull;
  };
  auto mix_str = [&](std::string_view v) {
    mix(v.data(), v.size());
    mix("\0", 1);
  };
  for (EventIndex i = 0; i < s.size(); ++i) {
    const Event& e = s.event(i);
    mix(&e.time_ns, sizeof e.time_ns);
    mix(&e.line, sizeof e.line);
    mix(&e.tid, sizeof e.tid);
    mix(&e.result, sizeof e.result);
    mix(&e.fd, sizeof e.fd);
    mix(&e.file, sizeof e.file);
    mix(&e.err, sizeof e.err);
    mix(&e.type, sizeof e.type);
    mix(&e.op, sizeof e.op);
    mix(&e.flags, sizeof e.flags);
    mix_str(s.str(e.str));
    mix_str(s.name(e.name));
    const Detail& d = s.DetailOrEmpty(e);
    mix_str(s.str(d.str2));
    mix_str(s.str(d.str3));
    mix(&d.flags, sizeof d.flags);
    mix(&d.a, sizeof d.a);
    mix(&d.b, sizeof d.b);
    mix(&d.c, sizeof d.c);
    uint32_t resumed = s.ResumedLine(i);
    mix(&resumed, sizeof resumed);
  }
  return h;
}

}  // namespace rundown
