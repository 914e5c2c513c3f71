// The text encodings an artifact may arrive in besides plain UTF-8: a UTF-8 byte order mark
// (files saved by Windows editors, PowerShell 7's `Out-File -Encoding utf8BOM`), or UTF-16
// (PowerShell 5's `>` and `Out-File`, Notepad's "Unicode", `iconv -t UTF-16LE`). The parsers
// read UTF-8; the engine skips the mark or converts the file first, and says so in a
// diagnostic at line 1, as it does for CRLF line endings (engine/ingest.cc).
#ifndef RUNDOWN_PARSERS_TEXT_ENCODING_H_
#define RUNDOWN_PARSERS_TEXT_ENCODING_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace rundown {

enum class TextEncoding : uint8_t {
  kUtf8 = 0,  // or ASCII, or anything without a mark: read as it is
  kUtf8Bom,   // EF BB BF, then UTF-8
  kUtf16Le,   // FF FE, or no mark and ASCII text with a NUL after every character
  kUtf16Be,   // FE FF, or no mark and a NUL before every character
};

// The encoding `head` (the first bytes of a file) starts in. UTF-16 without a byte order
// mark is recognised only when every one of the first (up to 256) code units is a printable
// ASCII character, tab, CR or LF, so binary data is not mistaken for it.
TextEncoding DetectEncoding(std::string_view head);

bool IsUtf16(TextEncoding e);

// Bytes of the byte order mark that `head` starts with for encoding `e` (0 when none).
size_t ByteOrderMarkSize(TextEncoding e, std::string_view head);

// "UTF-16LE", "UTF-8 with a byte order mark" ...
std::string_view EncodingName(TextEncoding e);

// Converts UTF-16 text (byte order mark included or not) to UTF-8. Unpaired surrogates and
// an odd last byte become U+FFFD; `bad` (when given) counts them.
std::string Utf16ToUtf8(std::string_view bytes, TextEncoding e, size_t* bad = nullptr);

// `head` as UTF-8 for content sniffing: the mark dropped, UTF-16 converted.
std::string HeadAsUtf8(std::string_view head);

// Length of the well-formed UTF-8 sequence at s[i] (RFC 3629: no overlong forms, no
// surrogates, nothing above U+10FFFF), or 0.
size_t Utf8SequenceLength(std::string_view s, size_t i);

// `s` made safe to show on a terminal or in a text report: every byte that is not part of
// well-formed UTF-8, and every control character but tab and newline (ESC, CR, DEL, the C1
// controls U+0080..U+009F), is written as "\xNN", as strace writes bytes. Raw lines of
// binary files or of a program that printed escape sequences cannot garble the report
// or the reviewer's terminal.
std::string PrintableText(std::string_view s);

}  // namespace rundown

#endif  // RUNDOWN_PARSERS_TEXT_ENCODING_H_
