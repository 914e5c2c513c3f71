// JsonOut: the small JSON builder behind every JSON rundown writes (the rundown.report/1
// report, the rundown.batch/1 rows, the batch diff). It only appends: keys and values in
// the order they are written, strings quoted by JsonQuote (invalid UTF-8 becomes U+FFFD),
// commas placed for the caller. Not thread-safe; one per document.
#ifndef RUNDOWN_REPORTS_JSON_OUT_H_
#define RUNDOWN_REPORTS_JSON_OUT_H_

#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

#include "reports/writers.h"

namespace rundown::reports {

class JsonOut {
 public:
  std::string& out() { return out_; }
  void Key(std::string_view k) {
    Comma();
    out_ += JsonQuote(k);
    out_ += ':';
    first_ = true;
    after_key_ = true;
  }
  void Str(std::string_view v) { Comma(); out_ += JsonQuote(v); }
  void Num(double v) {
    Comma();
    char buf[32];
    std::snprintf(buf, sizeof(buf), "%.6g", v);
    out_ += buf;
  }
  void Int(int64_t v) { Comma(); out_ += std::to_string(v); }
  void Null() { Comma(); out_ += "null"; }
  void Open(char c) { Comma(); out_ += c; first_ = true; }
  void Close(char c) { out_ += c; first_ = false; }
  void StrList(std::string_view key, const std::vector<std::string>& v) {
    Key(key);
    Open('[');
    for (const std::string& s : v) Str(s);
    Close(']');
  }

  // `key: [{...}, ...]`, one object per item; `fields(item)` writes the object's members.
  template <typename Items, typename Fields>
  void ObjectList(std::string_view key, const Items& items, Fields fields) {
    Key(key);
    Open('[');
    for (const auto& item : items) {
      Open('{');
      fields(item);
      Close('}');
    }
    Close(']');
  }

 private:
  void Comma() {
    if (after_key_) { after_key_ = false; first_ = false; return; }
    if (!first_) out_ += ',';
    first_ = false;
  }
  std::string out_;
  bool first_ = true;
  bool after_key_ = false;
};


}  // namespace rundown::reports

#endif  // RUNDOWN_REPORTS_JSON_OUT_H_
