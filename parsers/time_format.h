// Timestamps as text, for the line formats that print them: inotifywait's %T (any
// strftime(3) --timefmt), program.log prefixes ("[2026-11-22T19:31:04.703Z]") and NDJSON
// "time" fields. Parsing only: no locale, no time-zone database. A time without an explicit
// offset is taken as UTC (the captures run in containers whose TZ is UTC).
//
// Example:
//   CivilTime t;
//   size_t used = ParseStrftime("%F %T", "2026-11-22 19:31:21 /home/x OPEN", &t);  // 19
//   bool has_date;
//   int64_t ns = CivilToNs(t, &has_date);  // ns since the epoch, has_date == true
#ifndef RUNDOWN_PARSERS_TIME_FORMAT_H_
#define RUNDOWN_PARSERS_TIME_FORMAT_H_

#include <cstdint>
#include <string_view>

namespace rundown {

struct CivilTime {
  int year = -1, month = -1, day = -1;    // -1: not in the text
  int yday = -1;                          // %j (1-based)
  int hour = -1, minute = -1, second = -1;
  int64_t nanos = 0;                      // fractional seconds (loose forms only)
  int offset_sec = 0;                     // east of UTC, from %z / "Z" / "+02:00"
  int64_t epoch_sec = 0;                  // %s / a bare epoch number
  bool has_epoch = false;
};

inline constexpr size_t kNoMatch = static_cast<size_t>(-1);

// Matches the start of `text` against the strftime(3) subset `fmt`: %Y %y %C %m %d %e %j
// %H %k %I %l %M %S %p %s %z %Z %a %A %b %h %B %F %T %R %D %x %X %c %r %u %w %n %t %%, and
// literal characters (a space matches one or more spaces). Returns the bytes consumed, or
// kNoMatch. %Z consumes a zone name and assumes UTC unless it is "UTC"/"GMT"/"Z".
size_t ParseStrftime(std::string_view fmt, std::string_view text, CivilTime* out);
// True when every conversion in `fmt` is supported.
bool StrftimeSupported(std::string_view fmt);

// Recognises a timestamp at the start of `text` without a format: ISO 8601 date-times
// ("2026-11-22T19:31:04.703Z", "2026-11-22 19:31:21", "+02:00"/"+0200" offsets), Go's
// "2026/11/22 19:31:21", "%D %T",
// a time of day ("19:31:04.476"), epoch seconds (9-11 digits, optional fraction) or epoch
// milliseconds (13 digits). Returns the bytes consumed or kNoMatch.
size_t ParseLooseTimestamp(std::string_view text, CivilTime* out);

// ns since the epoch (UTC, offset applied) when a date or epoch is present (*has_date =
// true); ns since midnight when only a time of day is (*has_date = false); INT64_MIN when
// there is neither, or the date is past what int64 ns hold (the year 2262).
int64_t CivilToNs(const CivilTime& t, bool* has_date);

// A line that holds only a date and time with a day, as date(1) prints one between repeated
// snapshots (`while :; do date; ss -tunap; sleep 1; done > ss.txt`): the C locale's
// "Thu Dec  3 00:21:12 UTC 2026", en_US's "Thu 03 Dec 2026 12:21:12 AM UTC", -R's
// "Thu, 03 Dec 2026 00:21:12 +0000", the ISO forms of -I, --rfc-3339 and "+%F %T", and
// "+%s" epoch seconds; framing of '=', '-', '#', '*' and spaces around it is allowed
// ("=== Thu Dec  3 00:21:12 UTC 2026 ==="). Sets *ns (as CivilToNs) when it is one.
bool ParseDateLine(std::string_view line, int64_t* ns);

// Days since 1970-01-01 of a proleptic Gregorian date.
int64_t DaysFromCivil(int64_t year, int month, int day);

}  // namespace rundown

#endif  // RUNDOWN_PARSERS_TIME_FORMAT_H_
