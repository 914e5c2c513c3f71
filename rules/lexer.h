// The rule language's lexer: turns a rule file into tokens with byte offsets. It knows no
// keywords (the parser decides what an identifier means where it stands), so a field named
// like a clause word still lexes the same way.
//
//   identifiers   proc.cmdline  shell_spawned  T1059     letters, digits, '_' and '.'-joined
//                                                        segments; a segment may start with a
//                                                        digit after a '.' (T1059.004)
//   strings       "with \"escapes\" \\ \n \t"   'raw, no escapes'
//                 """multi-line raw text"""     (common indentation and the first and last
//                                                newline removed: for test fixtures)
//   numbers       42  -1  0x1F                  integers
//   durations     30s 500ms 10us 5ns 2m 1h      nanoseconds
//   addresses     10.0.0.0/8  127.0.0.1         IPv4 with optional prefix (IPv6: in quotes)
//   punctuation   ( ) { } , : | = != < <= > >= +=
//   comments      # to the end of the line
//
// Errors (unterminated string, stray character) are returned as a kError token carrying
// the message; the parser turns it into a positioned error.
#ifndef RUNDOWN_RULES_LEXER_H_
#define RUNDOWN_RULES_LEXER_H_

#include <cstdint>
#include <string>
#include <string_view>

namespace rundown::rules {

enum class TokenKind : uint8_t {
  kEnd, kError, kIdent, kString, kInt, kDuration, kIp,
  kLParen, kRParen, kLBrace, kRBrace, kComma, kColon, kPipe,
  kEq, kNe, kLt, kLe, kGt, kGe, kPlusEq,
};

std::string_view TokenKindName(TokenKind k);  // "identifier", "'('", "end of file" ...

struct Token {
  TokenKind kind = TokenKind::kEnd;
  uint32_t offset = 0;  // byte offset of the first character in the source
  uint32_t length = 0;  // bytes in the source
  std::string text;     // identifier, decoded string, address, or the error message
  int64_t number = 0;   // kInt value, kDuration nanoseconds
};

class Lexer {
 public:
  // REQUIRES: `text` outlives the lexer and is smaller than 4 GiB.
  explicit Lexer(std::string_view text) : text_(text) {}
  Token Next();
  // Offset of the first character after the last token (for "expected ... at end").
  uint32_t offset() const { return static_cast<uint32_t>(pos_); }

 private:
  void SkipSpaceAndComments();
  Token LexIdent();
  Token LexNumber();
  Token LexQuoted(char quote);
  Token LexTripleQuoted();
  Token Make(TokenKind kind, size_t start);
  Token Error(size_t start, std::string message);

  std::string_view text_;
  size_t pos_ = 0;
};

// The source offset of character `index` of a string literal's decoded text, given the
// offset of its opening quote (escapes take several source bytes for one character).
uint32_t StringCharOffset(std::string_view source, uint32_t quote_offset, size_t index);

}  // namespace rundown::rules

#endif  // RUNDOWN_RULES_LEXER_H_
