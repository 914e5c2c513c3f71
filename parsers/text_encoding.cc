#include "parsers/text_encoding.h"

#include <algorithm>

namespace rundown {
namespace {

constexpr std::string_view kUtf8Mark = "\xEF\xBB\xBF";
constexpr std::string_view kUtf16LeMark = "\xFF\xFE";
constexpr std::string_view kUtf16BeMark = "\xFE\xFF";

bool IsTextByte(unsigned char c) { return (c >= 0x20 && c < 0x7F) || c == '\t' || c == '\r' || c == '\n'; }

// Every code unit in the first 256 bytes is an ASCII text character with its high byte zero;
// `low_first` says which byte of the pair holds the character.
bool LooksLikeUnmarkedUtf16(std::string_view head, bool low_first) {
  const size_t n = std::min<size_t>(head.size(), 256) & ~size_t{1};
  if (n < 8) return false;
  for (size_t i = 0; i < n; i += 2) {
    const unsigned char lo = static_cast<unsigned char>(head[low_first ? i : i + 1]);
    const unsigned char hi = static_cast<unsigned char>(head[low_first ? i + 1 : i]);
    if (hi != 0 || !IsTextByte(lo)) return false;
  }
  return true;
}

void AppendUtf8(uint32_t cp, std::string* out) {
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

}  // namespace

TextEncoding DetectEncoding(std::string_view head) {
  if (head.starts_with(kUtf8Mark)) return TextEncoding::kUtf8Bom;
  if (head.starts_with(kUtf16LeMark)) return TextEncoding::kUtf16Le;
  if (head.starts_with(kUtf16BeMark)) return TextEncoding::kUtf16Be;
  if (LooksLikeUnmarkedUtf16(head, true)) return TextEncoding::kUtf16Le;
  if (LooksLikeUnmarkedUtf16(head, false)) return TextEncoding::kUtf16Be;
  return TextEncoding::kUtf8;
}

bool IsUtf16(TextEncoding e) { return e == TextEncoding::kUtf16Le || e == TextEncoding::kUtf16Be; }

size_t ByteOrderMarkSize(TextEncoding e, std::string_view head) {
  switch (e) {
    case TextEncoding::kUtf8Bom: return kUtf8Mark.size();
    case TextEncoding::kUtf16Le: return head.starts_with(kUtf16LeMark) ? 2 : 0;
    case TextEncoding::kUtf16Be: return head.starts_with(kUtf16BeMark) ? 2 : 0;
    case TextEncoding::kUtf8: return 0;
  }
  return 0;
}

std::string_view EncodingName(TextEncoding e) {
  switch (e) {
    case TextEncoding::kUtf8: return "UTF-8";
    case TextEncoding::kUtf8Bom: return "UTF-8 with a byte order mark";
    case TextEncoding::kUtf16Le: return "UTF-16LE";
    case TextEncoding::kUtf16Be: return "UTF-16BE";
  }
  return "UTF-8";
}

std::string Utf16ToUtf8(std::string_view bytes, TextEncoding e, size_t* bad) {
  const bool big = e == TextEncoding::kUtf16Be;
  bytes.remove_prefix(ByteOrderMarkSize(e, bytes));
  size_t bad_units = 0;
  std::string out;
  out.reserve(bytes.size() / 2 + 16);
  auto unit = [&](size_t i) -> uint32_t {
    const auto a = static_cast<unsigned char>(bytes[i]), b = static_cast<unsigned char>(bytes[i + 1]);
    return big ? (uint32_t{a} << 8 | b) : (uint32_t{b} << 8 | a);
  };
  constexpr uint32_t kReplacement = 0xFFFD;
  size_t i = 0;
  for (; i + 1 < bytes.size(); i += 2) {
    const uint32_t u = unit(i);
    if (u < 0x80) {
      out.push_back(static_cast<char>(u));
    } else if (u >= 0xD800 && u < 0xDC00 && i + 3 < bytes.size() && unit(i + 2) >= 0xDC00 && unit(i + 2) < 0xE000) {
      AppendUtf8(0x10000 + ((u - 0xD800) << 10) + (unit(i + 2) - 0xDC00), &out);
      i += 2;
    } else if (u >= 0xD800 && u < 0xE000) {
      AppendUtf8(kReplacement, &out);
      ++bad_units;
    } else {
      AppendUtf8(u, &out);
    }
  }
  if (i < bytes.size()) {  // an odd last byte: the file was cut inside a code unit
    AppendUtf8(kReplacement, &out);
    ++bad_units;
  }
  if (bad != nullptr) *bad = bad_units;
  return out;
}

std::string HeadAsUtf8(std::string_view head) {
  const TextEncoding e = DetectEncoding(head);
  if (IsUtf16(e)) return Utf16ToUtf8(head.substr(0, head.size() & ~size_t{1}), e);
  return std::string(head.substr(ByteOrderMarkSize(e, head)));
}

size_t Utf8SequenceLength(std::string_view s, size_t i) {
  const auto at = [&s](size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char c = at(i);
  if (c < 0x80) return 1;
  size_t n = 0;
  unsigned char lo = 0x80, hi = 0xBF;  // the second byte's range
  if (c >= 0xC2 && c <= 0xDF) {
    n = 2;
  } else if (c >= 0xE0 && c <= 0xEF) {
    n = 3;
    if (c == 0xE0) lo = 0xA0;  // overlong
    if (c == 0xED) hi = 0x9F;  // surrogates
  } else if (c >= 0xF0 && c <= 0xF4) {
    n = 4;
    if (c == 0xF0) lo = 0x90;  // overlong
    if (c == 0xF4) hi = 0x8F;  // above U+10FFFF
  } else {
    return 0;
  }
  if (i + n > s.size() || at(i + 1) < lo || at(i + 1) > hi) return 0;
  for (size_t k = 2; k < n; ++k)
    if ((at(i + k) & 0xC0) != 0x80) return 0;
  return n;
}

std::string PrintableText(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  static constexpr char kHex[] = "0123456789abcdef";
  const auto escape = [&out](unsigned char b) {
    out += "\\x";
    out += kHex[b >> 4];
    out += kHex[b & 15];
  };
  for (size_t i = 0; i < s.size();) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    const size_t n = Utf8SequenceLength(s, i);
    if (n == 0 || (c < 0x20 && c != '\t' && c != '\n') || c == 0x7F) {
      escape(c);
      ++i;
    } else if (n == 2 && c == 0xC2 && static_cast<unsigned char>(s[i + 1]) < 0xA0) {  // C1 control
      escape(c);
      escape(static_cast<unsigned char>(s[i + 1]));
      i += 2;
    } else {
      out.append(s.substr(i, n));
      i += n;
    }
  }
  return out;
}

}  // namespace rundown
