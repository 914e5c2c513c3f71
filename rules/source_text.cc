#include "rules/source_text.h"

#include <algorithm>

#include "parsers/text_util.h"

namespace rundown::rules {

SourceText::SourceText(std::string name, std::string text) : name_(std::move(name)), text_(std::move(text)) {
  line_starts_.push_back(0);
  for (uint32_t i = 0; i < text_.size(); ++i)
    if (text_[i] == '\n') line_starts_.push_back(i + 1);
}

void SourceText::Locate(uint32_t offset, uint32_t* line, uint32_t* column) const {
  offset = std::min<uint32_t>(offset, static_cast<uint32_t>(text_.size()));
  auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  size_t index = static_cast<size_t>(it - line_starts_.begin()) - 1;
  *line = static_cast<uint32_t>(index + 1);
  uint32_t col = 1;
  // UTF-8 continuation bytes do not start a character.
  for (uint32_t i = line_starts_[index]; i < offset; ++i)
    if ((static_cast<unsigned char>(text_[i]) & 0xC0) != 0x80) ++col;
  *column = col;
}

std::string_view SourceText::LineAt(uint32_t offset) const {
  offset = std::min<uint32_t>(offset, static_cast<uint32_t>(text_.size()));
  auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  uint32_t start = *(it - 1);
  size_t end = text_.find('\n', start);
  if (end == std::string::npos) end = text_.size();
  std::string_view line(text_.data() + start, end - start);
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  return line;
}

std::string SourceText::Render(uint32_t offset, std::string_view message) const {
  uint32_t line = 0, column = 0;
  Locate(offset, &line, &column);
  std::string_view text = LineAt(offset);
  std::string caret;
  uint32_t seen = 1;
  for (size_t i = 0; i < text.size() && seen < column; ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if ((c & 0xC0) == 0x80) continue;
    caret.push_back(c == '\t' ? '\t' : ' ');
    ++seen;
  }
  while (seen++ < column) caret.push_back(' ');
  caret.push_back('^');
  return StrCat(name_, ":", line, ":", column, ": ", message, "\n", text, "\n", caret);
}

void DiagSink::Error(const SourceText* src, uint32_t offset, std::string text) {
  if (errors_++ < kMaxErrors) diags_.push_back({src, offset, std::move(text), false});
}

void DiagSink::Warning(const SourceText* src, uint32_t offset, std::string text) {
  if (diags_.size() < 4 * kMaxErrors) diags_.push_back({src, offset, std::move(text), true});
}

absl::Status DiagSink::ToStatus() const {
  if (errors_ == 0) return absl::OkStatus();
  std::string out;
  for (const Diag& d : diags_) {
    if (d.warning) continue;
    if (!out.empty()) out.push_back('\n');
    out += d.source != nullptr ? d.source->Render(d.offset, d.text) : d.text;
  }
  if (errors_ > kMaxErrors) StrAppend(&out, "\n(", errors_ - kMaxErrors, " more errors)");
  return absl::InvalidArgumentError(out);
}

size_t EditDistance(std::string_view a, std::string_view b) {
  // Three rows: the swap of two adjacent letters ("exce" for "exec") looks two rows back.
  std::vector<size_t> prev2(b.size() + 1), prev(b.size() + 1), row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      row[j] = std::min({prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) row[j] = std::min(row[j], prev2[j - 2] + 1);
    }
    std::swap(prev2, prev);
    std::swap(prev, row);
  }
  return prev[b.size()];
}

std::string_view ClosestName(std::string_view name, const std::vector<std::string_view>& candidates) {
  // A third of the name, at least 1 and at most 3 edits: "net.remot" finds "net.remote",
  // "pid" does not turn into every three-letter word.
  size_t limit = std::clamp<size_t>(name.size() / 3, 1, 3);
  std::string_view best;
  size_t best_d = limit + 1;
  for (std::string_view c : candidates) {
    size_t d = EditDistance(name, c);
    if (d < best_d || (d == best_d && !best.empty() && c < best)) {
      best_d = d;
      best = c;
    }
  }
  return best_d <= limit ? best : std::string_view();
}

std::string DidYouMean(std::string_view name, const std::vector<std::string_view>& candidates, char quote) {
  std::string_view best = ClosestName(name, candidates);
  if (best.empty()) return "";
  return StrCat(" (did you mean ", quote, best, quote, "?)");
}

}  // namespace rundown::rules
