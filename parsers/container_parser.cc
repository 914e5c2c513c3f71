#include "parsers/container_parser.h"

#include <algorithm>
#include <span>
#include <string>
#include <vector>

#include "parsers/text_util.h"
#include "simdjson.h"

namespace rundown {
namespace {

namespace od = simdjson::ondemand;
using simdjson::error_code;
using simdjson::SUCCESS;

// The fields of each `docker inspect` section that become settings (kRunInfo events named
// after the field); Section() skips every other field.
constexpr std::string_view kHostConfigKeys[] = {
    "NetworkMode", "Privileged", "CapAdd",  "CapDrop",  "SecurityOpt", "ReadonlyRootfs",
    "Memory",      "MemorySwap", "NanoCpus", "CpuQuota", "PidsLimit",  "PidMode",
    "IpcMode",     "UsernsMode", "Binds",
};
constexpr std::string_view kConfigKeys[] = {"Image", "User"};
constexpr std::string_view kStateKeys[] = {"ExitCode", "OOMKilled"};

class InspectReader {
 public:
  InspectReader(std::string_view text, EventBatch* out) : text_(text), out_(out) {
    for (size_t i = 0; i < text.size(); ++i)
      if (text[i] == '\n') newlines_.push_back(i);
  }

  void Run() {
    buf_.assign(text_);
    buf_.resize(text_.size() + simdjson::SIMDJSON_PADDING);
    od::document doc;
    error_code err = parser_.iterate(simdjson::padded_string_view(buf_.data(), text_.size(), buf_.size())).get(doc);
    const bool iterated = !err;  // current_location() needs a document that iterate() set up
    if (!err) err = Document(doc);
    if (err) {
      const char* at = nullptr;
      uint32_t line = iterated && doc.current_location().get(at) == SUCCESS ? LineOf(at) : 1;
      out_->Report(line, StrCat("invalid docker inspect JSON: ", simdjson::error_message(err)),
                   LineText(line));
    }
  }

 private:
  error_code Document(od::document& doc) {
    od::json_type type;
    if (auto e = doc.type().get(type)) return e;
    if (type == od::json_type::object) {
      od::object obj;
      if (auto e = doc.get_object().get(obj)) return e;
      return Container(obj);
    }
    if (type != od::json_type::array) return simdjson::INCORRECT_TYPE;
    od::array arr;
    if (auto e = doc.get_array().get(arr)) return e;
    for (auto element : arr) {
      od::object obj;
      if (auto e = element.get_object().get(obj)) return e;
      if (auto e = Container(obj)) return e;
    }
    return SUCCESS;
  }

  error_code Container(od::object& obj) {
    for (auto field : obj) {
      std::string_view key;
      od::value v;
      if (auto e = field.unescaped_key().get(key)) return e;
      if (auto e = field.value().get(v)) return e;
      error_code e = SUCCESS;
      if (key == "Name") e = Setting("Name", v);
      else if (key == "Config") e = Section(v, kConfigKeys);
      else if (key == "HostConfig") e = Section(v, kHostConfigKeys);
      else if (key == "State") e = Section(v, kStateKeys);
      else if (key == "Mounts") e = Mounts(v);
      if (e) return e;
    }
    return SUCCESS;
  }

  // One setting per field of the object `v` whose key is in `keys`; other fields are skipped.
  error_code Section(od::value v, std::span<const std::string_view> keys) {
    od::object obj;
    if (auto e = v.get_object().get(obj)) return e;
    for (auto field : obj) {
      std::string_view key;
      od::value fv;
      if (auto e = field.unescaped_key().get(key)) return e;
      if (auto e = field.value().get(fv)) return e;
      if (std::find(keys.begin(), keys.end(), key) == keys.end()) continue;
      std::string name(key);
      if (auto e = Setting(name, fv)) return e;
    }
    return SUCCESS;
  }

  // Mounts: [{"Type":"bind","Source":"/srv/app","Destination":"/app","RW":false}, ...]
  error_code Mounts(od::value v) {
    od::array arr;
    if (auto e = v.get_array().get(arr)) return e;
    for (auto element : arr) {
      od::value ev;
      od::object obj;
      if (auto e = element.get(ev)) return e;
      uint32_t line = LineOf(ev.raw_json_token().data());
      if (auto e = ev.get_object().get(obj)) return e;
      std::string src, dst;
      bool rw = true;
      for (auto field : obj) {
        std::string_view key, s;
        od::value fv;
        if (auto e = field.unescaped_key().get(key)) return e;
        if (auto e = field.value().get(fv)) return e;
        if (key == "Source" && fv.get_string().get(s) == SUCCESS) src.assign(s);
        else if (key == "Destination" && fv.get_string().get(s) == SUCCESS) dst.assign(s);
        else if (key == "RW" && fv.get_bool().get(rw) != SUCCESS) rw = true;
      }
      Emit("Mount", StrCat(src, " -> ", dst, rw ? " (rw)" : " (ro)"), line);
    }
    return SUCCESS;
  }

  error_code Setting(std::string_view name, od::value v) {
    uint32_t line = LineOf(v.raw_json_token().data());
    std::string text;
    if (auto e = ValueText(v, &text)) return e;
    Emit(name, text, line);
    return SUCCESS;
  }

  static error_code ValueText(od::value v, std::string* out) {
    od::json_type type;
    if (auto e = v.type().get(type)) return e;
    switch (type) {
      case od::json_type::string: {
        std::string_view s;
        if (auto e = v.get_string().get(s)) return e;
        out->assign(s);
        return SUCCESS;
      }
      case od::json_type::array: {
        od::array arr;
        if (auto e = v.get_array().get(arr)) return e;
        bool any = false;
        for (auto element : arr) {
          od::value ev;
          if (auto e = element.get(ev)) return e;
          std::string item;
          if (auto e = ValueText(ev, &item)) return e;
          if (any) out->push_back(',');
          out->append(item);
          any = true;
        }
        if (!any) *out = "[]";
        return SUCCESS;
      }
      case od::json_type::object:
        *out = "{...}";
        return SUCCESS;  // skipped by the iterator
      default:
        // numbers, true/false, null: as printed
        out->assign(StripSpaces(v.raw_json_token()));
        return SUCCESS;
    }
  }

  void Emit(std::string_view name, std::string_view value, uint32_t line) {
    // Values come in document order; the clamp only guards the batch's line order.
    last_line_ = std::max(last_line_, line);
    Event e;
    e.type = EventType::kRunInfo;
    e.line = last_line_;
    e.name = out_->Name(name);
    e.str = out_->strings.Intern(value);
    out_->events.push_back(e);
    ++out_->counters.events;
  }

  // 1-based line of a pointer into buf_ (the padded copy of text_).
  uint32_t LineOf(const char* p) const {
    if (p < buf_.data() || p > buf_.data() + text_.size()) return 1;
    size_t offset = static_cast<size_t>(p - buf_.data());
    size_t line = std::lower_bound(newlines_.begin(), newlines_.end(), offset) - newlines_.begin() + 1;
    // Past the final '\n' is still the last line.
    size_t last = newlines_.size() + (text_.empty() || text_.back() == '\n' ? 0 : 1);
    return static_cast<uint32_t>(std::max<size_t>(1, std::min(line, last)));
  }

  std::string_view LineText(uint32_t line) const {
    size_t start = line <= 1 ? 0 : newlines_[line - 2] + 1;
    size_t end = line - 1 < newlines_.size() ? newlines_[line - 1] : text_.size();
    return text_.substr(start, end - start);
  }

  std::string_view text_;
  EventBatch* out_;
  std::vector<size_t> newlines_;
  std::string buf_;
  od::parser parser_;
  uint32_t last_line_ = 1;
};

}  // namespace

void ContainerParser::ParseChunk(const FileContext& ctx, const Chunk& chunk, EventBatch* out) const {
  out->counters.lines += ForEachLine(chunk.text, [](std::string_view, uint32_t) {});
  if (StripSpaces(chunk.text).empty()) {
    out->Report(1, "empty container metadata file", "");
    return;
  }
  InspectReader(chunk.text, out).Run();
}

}  // namespace rundown
