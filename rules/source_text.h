// A rule file held in memory with its line index, and the positioned messages the rule
// stages report against it. Tokens and AST nodes store byte offsets only; an offset becomes
// `line:col` (1-based, columns counted in characters) only when a message is rendered:
//
//   team.rules:12:9: unknown field 'net.remot' (did you mean 'net.remote'?)
//     when net.remot = "1.2.3.4"
//          ^
//
// The source line is printed as it is (tabs kept, "\r\n" aware) and the caret line copies
// its tabs so the caret lines up in a terminal.
#ifndef RUNDOWN_RULES_SOURCE_TEXT_H_
#define RUNDOWN_RULES_SOURCE_TEXT_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"

namespace rundown::rules {

class SourceText {
 public:
  SourceText(std::string name, std::string text);
  const std::string& name() const { return name_; }
  const std::string& text() const { return text_; }
  // 1-based line and character column of a byte offset (clamped to the text).
  void Locate(uint32_t offset, uint32_t* line, uint32_t* column) const;
  // The line holding `offset`, without its terminator.
  std::string_view LineAt(uint32_t offset) const;
  // "name:line:col: message\n<line>\n<caret>".
  std::string Render(uint32_t offset, std::string_view message) const;

 private:
  std::string name_;
  std::string text_;
  std::vector<uint32_t> line_starts_;
};

// A message about a source before it is rendered.
struct Diag {
  const SourceText* source = nullptr;
  uint32_t offset = 0;
  std::string text;
  bool warning = false;
};

// Collects diagnostics; errors past kMaxErrors are counted, not kept (a hostile file
// cannot make the message list grow without bound).
class DiagSink {
 public:
  static constexpr size_t kMaxErrors = 50;
  void Error(const SourceText* src, uint32_t offset, std::string text);
  void Warning(const SourceText* src, uint32_t offset, std::string text);
  bool has_errors() const { return errors_ > 0; }
  const std::vector<Diag>& diags() const { return diags_; }
  // InvalidArgument with every error rendered, or OK when there is none.
  absl::Status ToStatus() const;

 private:
  std::vector<Diag> diags_;
  size_t errors_ = 0;
};

// Edit distance with adjacent swaps counted as one edit (optimal string alignment), for
// "did you mean" suggestions.
size_t EditDistance(std::string_view a, std::string_view b);
// The closest candidate within a distance that makes the suggestion useful, or "".
std::string_view ClosestName(std::string_view name, const std::vector<std::string_view>& candidates);
// " (did you mean 'x'?)" or "".
std::string DidYouMean(std::string_view name, const std::vector<std::string_view>& candidates,
                       char quote = '\'');

}  // namespace rundown::rules

#endif  // RUNDOWN_RULES_SOURCE_TEXT_H_
