// InotifyParser on real inotifywait 3.22.6.0 output: testdata/p*/inotify.log (the shared
// captures) and testdata/formats/inotify/<flags>.txt (captured by
// testdata/formats/capture_snapshots.sh: the same operations on /tmp/rdwatch in every output
// format: "my notes.txt" created, read, chmod'ed, renamed, moved into lib/, "new dir"
// created, lib/a.js appended to and deleted, "old dir" removed, 'odd,"name.txt' created).
#include "parsers/inotify_parser.h"

#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "parsers/parser_test_util.h"
#include "parsers/source_sniffer.h"
#include "parsers/time_format.h"

namespace rundown {
namespace {

using parser_test::Testdata;

struct Parsed : parser_test::Parsed {
  std::string_view path(size_t i) const { return str(ev(i).str); }
  std::string_view watched(size_t i) const { return str(detail(i).str2); }
  std::string_view partner(size_t i) const { return str(detail(i).str3); }
};

Parsed Parse(std::string_view text, const ParserOptions& options = {}) {
  return parser_test::Parse<Parsed>(InotifyParser(options), text);
}

int64_t Epoch(int y, int mo, int d, int h, int mi, int s) {
  return (DaysFromCivil(y, mo, d) * 86400 + h * 3600 + mi * 60 + s) * 1000000000LL;
}

TEST(InotifyParser, DefaultFormatOfTheSharedCapture) {
  Parsed p = Parse(Testdata("p1_chat_clean_ff/inotify.log"));
  EXPECT_TRUE(p.batch.diagnostics.empty());
  EXPECT_EQ(p.batch.counters.annotations, 2u);  // the two banners
  ASSERT_GE(p.batch.events.size(), 3u);
  // /home/auditor/app/ OPEN package.json
  EXPECT_EQ(p.ev(0).type, EventType::kFileEvent);
  EXPECT_EQ(p.ev(0).line, 3u);
  EXPECT_EQ(p.path(0), "/home/auditor/app/package.json");
  EXPECT_EQ(p.watched(0), "/home/auditor/app/");
  EXPECT_EQ(p.name(0), "OPEN");
  EXPECT_EQ(p.ev(0).op, Op::kFsOpen);
  EXPECT_EQ(p.detail(0).flags, uint32_t{kInOpen});
  EXPECT_EQ(p.ev(0).time_ns, kNoTime);
  EXPECT_EQ(p.batch.timebase, Timebase::kNone);
  // /home/auditor/app/ CLOSE_NOWRITE,CLOSE package.json
  EXPECT_EQ(p.name(2), "CLOSE_NOWRITE");
  EXPECT_EQ(p.ev(2).op, Op::kFsCloseNoWrite);
  EXPECT_EQ(p.detail(2).flags, uint32_t{kInCloseNoWrite | kInClose});
  // /home/auditor/app/ CREATE,ISDIR data, then history.ndjson written.
  size_t create_dir = 0, writes = 0;
  for (size_t i = 0; i < p.batch.events.size(); ++i) {
    if (p.path(i) == "/home/auditor/app/data" && p.ev(i).op == Op::kFsCreate) {
      EXPECT_EQ(p.detail(i).flags, uint32_t{kInCreate | kInIsDir});
      ++create_dir;
    }
    if (p.path(i) == "/home/auditor/app/data/history.ndjson" && p.ev(i).op == Op::kFsCloseWrite) ++writes;
  }
  EXPECT_EQ(create_dir, 1u);
  EXPECT_EQ(writes, 4u);
}

TEST(InotifyParser, TimefmtFormatOfTheSharedCapture) {
  // p2: --timefmt '%F %T' --format '%T %w%f %e', recognised without the options.
  for (const ParserOptions& o : {ParserOptions{}, ParserOptions{"%T %w%f %e", "%F %T"}}) {
    Parsed p = Parse(Testdata("p2_chat_clean_single/inotify.log"), o);
    EXPECT_TRUE(p.batch.diagnostics.empty());
    ASSERT_GE(p.batch.events.size(), 1u);
    EXPECT_EQ(p.path(0), "/home/auditor/app/package.json");
    EXPECT_EQ(p.watched(0), "/home/auditor/app/");
    EXPECT_EQ(p.ev(0).op, Op::kFsOpen);
    EXPECT_EQ(p.ev(0).time_ns, Epoch(2026, 11, 22, 19, 31, 21));
    EXPECT_EQ(p.batch.timebase, Timebase::kEpoch);
    bool saw_dir = false;
    for (size_t i = 0; i < p.batch.events.size(); ++i) {
      if (p.name(i) != "CREATE" || !(p.detail(i).flags & kInIsDir)) continue;
      // 2026-11-22 19:31:21 /home/auditor/app/data CREATE,ISDIR
      EXPECT_EQ(p.path(i), "/home/auditor/app/data");
      EXPECT_EQ(p.watched(i), "/home/auditor/app/");
      saw_dir = true;
    }
    EXPECT_TRUE(saw_dir);
  }
}

TEST(InotifyParser, CsvOfTheSharedCapture) {
  Parsed p = Parse(Testdata("p4_shell_spawn/inotify.log"));
  EXPECT_TRUE(p.batch.diagnostics.empty());
  ASSERT_GE(p.batch.events.size(), 3u);
  // /home/auditor/app/,"CLOSE_NOWRITE,CLOSE",package.json
  EXPECT_EQ(p.path(2), "/home/auditor/app/package.json");
  EXPECT_EQ(p.detail(2).flags, uint32_t{kInCloseNoWrite | kInClose});
  EXPECT_EQ(p.watched(2), "/home/auditor/app/");
}

// The same 41 events in every format of formats/inotify/.
void ExpectScenario(const Parsed& p, bool has_watched_split) {
  ASSERT_EQ(p.batch.events.size(), 41u);
  EXPECT_TRUE(p.batch.diagnostics.empty());
  EXPECT_EQ(p.path(0), "/tmp/rdwatch/app/my notes.txt");
  EXPECT_EQ(p.ev(0).op, Op::kFsCreate);
  EXPECT_EQ(p.ev(7).op, Op::kFsAttrib);
  // MOVED_FROM my notes.txt / MOVED_TO renamed notes.txt: a rename, paired.
  EXPECT_EQ(p.ev(8).op, Op::kFsMovedFrom);
  EXPECT_EQ(p.ev(9).op, Op::kFsMovedTo);
  EXPECT_EQ(p.partner(8), "/tmp/rdwatch/app/renamed notes.txt");
  EXPECT_EQ(p.partner(9), "/tmp/rdwatch/app/my notes.txt");
  // Into another directory: still adjacent, still paired.
  EXPECT_EQ(p.path(11), "/tmp/rdwatch/app/lib/renamed notes.txt");
  EXPECT_EQ(p.watched(11), "/tmp/rdwatch/app/lib/");
  EXPECT_EQ(p.partner(11), "/tmp/rdwatch/app/renamed notes.txt");
  EXPECT_EQ(p.partner(10), "/tmp/rdwatch/app/lib/renamed notes.txt");
  EXPECT_EQ(p.partner(0), "");
  // CREATE,ISDIR new dir
  EXPECT_EQ(p.path(12), "/tmp/rdwatch/app/new dir");
  EXPECT_EQ(p.detail(12).flags, uint32_t{kInCreate | kInIsDir});
  EXPECT_EQ(p.ev(19).op, Op::kFsDelete);
  EXPECT_EQ(p.path(19), "/tmp/rdwatch/app/lib/a.js");
  // OPEN,ISDIR on "old dir" from its parent, then on itself (empty filename).
  EXPECT_EQ(p.path(20), "/tmp/rdwatch/app/old dir");
  EXPECT_EQ(p.watched(20), "/tmp/rdwatch/app/");
  EXPECT_EQ(p.path(21), "/tmp/rdwatch/app/old dir");
  EXPECT_EQ(p.watched(21), "/tmp/rdwatch/app/old dir/");
  EXPECT_EQ(p.ev(35).op, Op::kFsDeleteSelf);
  EXPECT_EQ(p.path(35), "/tmp/rdwatch/app/old dir");
  EXPECT_EQ(p.detail(36).flags, uint32_t{kInDelete | kInIsDir});
  EXPECT_EQ(p.path(40), "/tmp/rdwatch/app/odd,\"name.txt");
  EXPECT_EQ(p.ev(40).op, Op::kFsCloseWrite);
  (void)has_watched_split;
}

TEST(InotifyParser, EveryCapturedFormatGivesTheSameEvents) {
  struct Case {
    const char* file;
    ParserOptions options;
    Timebase timebase;
  };
  const Case cases[] = {
      {"formats/inotify/m_r.txt", {}, Timebase::kNone},
      {"formats/inotify/m_r_q.txt", {}, Timebase::kNone},
      {"formats/inotify/csv.txt", {}, Timebase::kNone},
      {"formats/inotify/format_F_T.txt", {}, Timebase::kEpoch},
      {"formats/inotify/format_F_T.txt", {"%T %w%f %e", "%F %T"}, Timebase::kEpoch},
      {"formats/inotify/format_epoch_pipe.txt", {}, Timebase::kEpoch},
      {"formats/inotify/format_epoch_pipe.txt", {"%T|%w|%f|%:e", "%s"}, Timebase::kEpoch},
      {"formats/inotify/format_iso_offset.txt", {}, Timebase::kEpoch},
      {"formats/inotify/format_iso_offset.txt", {"%T %e %w%f", "%Y-%m-%dT%H:%M:%S%z"}, Timebase::kEpoch},
      {"formats/inotify/format_time_only.txt", {}, Timebase::kTimeOfDay},
      {"formats/inotify/format_time_only.txt", {"[%T] %w %f %e", "%H:%M:%S"}, Timebase::kTimeOfDay},
      // --timefmt '%c': the stamp was read as part of the path.
      {"formats/inotify/format_c.txt", {}, Timebase::kEpoch},
      {"formats/inotify/format_c.txt", {"%T %w%f %e", "%c"}, Timebase::kEpoch},
      // --timefmt '%s.%N': inotifywait prints "1796284420.%N"; was read as part of the path.
      {"formats/inotify/format_s_N.txt", {}, Timebase::kEpoch},
      {"formats/inotify/format_dmY_HM.txt", {"%T %w%f %e", "%d.%m.%Y %H:%M"}, Timebase::kEpoch},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(std::string(c.file) + " format=" + c.options.inotify_format);
    Parsed p = Parse(Testdata(c.file), c.options);
    ExpectScenario(p, true);
    EXPECT_EQ(p.batch.timebase, c.timebase);
  }
}

// --format '%w%f %e %T' --timefmt '%s': the time after the event list. Without the spec, 34
// of the 45 records were "no inotify event list in the line" and 11 mis-read: "/tmp/rdwatch/
// app/old dir/ OPEN,ISDIR 1796352472" as an OPEN of "old dir/1796352472" (the time taken for
// "%w %e %f"'s file name), "new dir CLOSE_NOWRITE,CLOSE,ISDIR 1796352472" as a CLOSE of a path
// holding "CLOSE_NOWRITE". The file's records end with a time (HeadTraits), so it is cut off
// first. The last 4 records are a file named "漢字 файл.txt".
TEST(InotifyParser, TimeAfterTheEventList) {
  const std::string text = Testdata("formats/inotify/format_w_f_e_T_s.txt");
  Parsed p = Parse(text);
  EXPECT_TRUE(p.batch.diagnostics.empty());
  ASSERT_EQ(p.batch.events.size(), 45u);
  for (size_t i = 0; i < p.batch.events.size(); ++i) EXPECT_EQ(p.ev(i).time_ns, 1796352472LL * 1000000000LL) << i;
  EXPECT_EQ(p.batch.timebase, Timebase::kEpoch);
  EXPECT_EQ(p.ev(15).line, 18u);  // /tmp/rdwatch/app/new dir CLOSE_NOWRITE,CLOSE,ISDIR 1796352472
  EXPECT_EQ(p.path(15), "/tmp/rdwatch/app/new dir");
  EXPECT_EQ(p.detail(15).flags, uint32_t{kInCloseNoWrite | kInClose | kInIsDir});
  EXPECT_EQ(p.path(44), "/tmp/rdwatch/app/漢字 файл.txt");
  EXPECT_EQ(p.ev(44).op, Op::kFsCloseWrite);
  // The scenario's 41 records are those of every other format; with the spec they read alike.
  const std::string scenario = text.substr(0, text.rfind("/tmp/rdwatch/app/漢字 файл.txt CREATE"));
  ExpectScenario(Parse(scenario), false);
  ExpectScenario(Parse(scenario, {"%w%f %e %T", "%s"}), false);
  // In the default "%w %e %f" a file named like a time is a file name: the file's records do
  // not end with times.
  Parsed d = Parse(
      "/tmp/x/ CREATE a.txt\n/tmp/x/ OPEN a.txt\n/tmp/x/ CREATE 1796352472\n/tmp/x/ CLOSE_WRITE,CLOSE a.txt\n");
  ASSERT_EQ(d.batch.events.size(), 4u);
  EXPECT_EQ(d.path(2), "/tmp/x/1796352472");
  EXPECT_EQ(d.ev(2).time_ns, kNoTime);
}

TEST(InotifyParser, TimestampsFollowTheTimefmt) {
  Parsed p = Parse(Testdata("formats/inotify/format_F_T.txt"));
  EXPECT_EQ(p.ev(0).time_ns, Epoch(2026, 11, 23, 0, 39, 59));
  Parsed e = Parse(Testdata("formats/inotify/format_epoch_pipe.txt"));
  EXPECT_EQ(e.ev(0).time_ns, 1795394400LL * 1000000000LL);
  // "+0000" offset; a "+0200" would move the instant two hours back.
  Parsed o = Parse("2026-11-23T02:40:01+0200 CREATE /tmp/x\n", {"%T %e %w%f", "%Y-%m-%dT%H:%M:%S%z"});
  ASSERT_EQ(o.batch.events.size(), 1u);
  EXPECT_EQ(o.ev(0).time_ns, Epoch(2026, 11, 23, 0, 40, 1));
  Parsed t = Parse(Testdata("formats/inotify/format_time_only.txt"));
  EXPECT_EQ(t.ev(0).time_ns, (40 * 60 + 2) * 1000000000LL);
  // A user timefmt with month names.
  Parsed m = Parse("Nov 23 00:40:01 /tmp/x/ MODIFY f\n", {"%T %w %e %f", "%b %d %H:%M:%S"});
  ASSERT_EQ(m.batch.events.size(), 1u);
  EXPECT_EQ(m.path(0), "/tmp/x/f");
  EXPECT_EQ(m.batch.timebase, Timebase::kTimeOfDay);  // no year: not an instant
}

TEST(InotifyParser, LocaleDateAndUnexpandedConversionStamps) {
  Parsed c = Parse(Testdata("formats/inotify/format_c.txt"));  // "Thu Dec  3 07:53:38 2026 /tmp/..."
  EXPECT_EQ(c.ev(0).time_ns, Epoch(2026, 12, 3, 7, 53, 38));
  EXPECT_EQ(c.path(0), "/tmp/rdwatch/app/my notes.txt");
  Parsed n = Parse(Testdata("formats/inotify/format_s_N.txt"));  // "1796284420.%N /tmp/..."
  EXPECT_EQ(n.ev(0).time_ns, 1796284420LL * 1000000000LL);
  EXPECT_EQ(n.path(0), "/tmp/rdwatch/app/my notes.txt");
  Parsed t = Parse("07:53:38.%N /tmp/x/ MODIFY f\n");
  ASSERT_EQ(t.batch.events.size(), 1u);
  EXPECT_EQ(t.ev(0).time_ns, (7 * 3600 + 53 * 60 + 38) * 1000000000LL);
  EXPECT_EQ(t.path(0), "/tmp/x/f");
}

// A file name with a newline ("new\nline.txt", created by the scenario after the shared one)
// splits its records over two lines. Where the name comes before the event list (--csv's
// quoted field; `-d -o` with '%T %w%f %e') the two lines are one event with both parts of the
// name; the default '%w %e %f' puts the name last, so its second part is a line of its own:
// reported, and the event keeps the first part.
TEST(InotifyParser, FileNameWithANewline) {
  for (const char* f : {"formats/inotify/csv_newline_name.txt", "formats/inotify/d_o_format_F_T_newline_name.txt"}) {
    SCOPED_TRACE(f);
    Parsed p = Parse(Testdata(f));
    EXPECT_TRUE(p.batch.diagnostics.empty());
    ASSERT_EQ(p.batch.events.size(), 49u);
    EXPECT_EQ(p.batch.counters.stitched, 4u);  // the four records joined from two lines
    std::vector<std::string> nl;
    for (size_t i = 0; i < p.batch.events.size(); ++i)
      if (p.path(i).find('\n') != std::string_view::npos)
        nl.push_back(std::to_string(p.ev(i).line) + " " + std::string(p.name(i)) + " " + std::string(p.path(i)) +
                     " in " + std::string(p.watched(i)));
    const bool csv = std::string_view(f).find("csv") != std::string_view::npos;
    const uint32_t first = csv ? 44 : 42;
    EXPECT_EQ(nl, (std::vector<std::string>{
                      std::to_string(first) + " CREATE /tmp/rdwatch/app/new\nline.txt in /tmp/rdwatch/app/",
                      std::to_string(first + 2) + " OPEN /tmp/rdwatch/app/new\nline.txt in /tmp/rdwatch/app/",
                      std::to_string(first + 4) + " MODIFY /tmp/rdwatch/app/new\nline.txt in /tmp/rdwatch/app/",
                      std::to_string(first + 6) + " CLOSE_WRITE /tmp/rdwatch/app/new\nline.txt in /tmp/rdwatch/app/",
                  }));
  }
  Parsed d = Parse(Testdata("formats/inotify/m_r_newline_name.txt"));
  EXPECT_EQ(d.batch.events.size(), 49u);
  EXPECT_EQ(d.batch.counters.stitched, 0u);
  ASSERT_EQ(d.batch.diagnostics.size(), 4u);
  for (size_t i = 0; i < 4; ++i) {
    EXPECT_EQ(d.batch.diagnostics[i].line, 45 + 2 * i);
    EXPECT_EQ(d.batch.diagnostics[i].text, "line.txt");
  }
}

// --timefmt '%d.%m.%Y %H:%M' ("03.12.2026 08:11 /tmp/rdwatch/app/my notes.txt CREATE",
// formats/inotify/format_dmY_HM.txt) is no stamp the reader knows without the spec: its text
// was silently part of every path. It is cut off, reported once, and the events have no time.
TEST(InotifyParser, UnknownStampBeforeThePathIsCutAndReportedOnce) {
  Parsed p = Parse(Testdata("formats/inotify/format_dmY_HM.txt"));
  ASSERT_EQ(p.batch.diagnostics.size(), 1u);
  EXPECT_EQ(p.batch.diagnostics[0].line, 1u);
  EXPECT_EQ(p.batch.diagnostics[0].message,
            "text before the path is no timestamp read without --inotify-timefmt: '03.12.2026 08:11' (cut off; these "
            "events have no time)");
  ASSERT_EQ(p.batch.events.size(), 41u);
  for (size_t i = 0; i < p.batch.events.size(); ++i) {
    EXPECT_TRUE(p.path(i).starts_with("/tmp/rdwatch/app")) << p.path(i);
    EXPECT_EQ(p.ev(i).time_ns, kNoTime);
  }
  EXPECT_EQ(p.path(20), "/tmp/rdwatch/app/old dir");
  EXPECT_EQ(p.watched(20), "/tmp/rdwatch/app/");
  Parsed spec = Parse(Testdata("formats/inotify/format_dmY_HM.txt"), {"%T %w%f %e", "%d.%m.%Y %H:%M"});
  EXPECT_EQ(spec.ev(0).time_ns, Epoch(2026, 12, 3, 8, 11, 0));
}

// inotifywatch (formats/inotify/inotifywatch_r.txt, `inotifywatch -r -t 2`) prints counts per
// watched path, not events: one diagnostic at its table header, the rest annotations (each
// line was "no inotify event list in the line").
TEST(InotifyParser, InotifywatchTableIsOneDiagnostic) {
  Parsed p = Parse(Testdata("formats/inotify/inotifywatch_r.txt"));
  EXPECT_TRUE(p.batch.events.empty());
  ASSERT_EQ(p.batch.diagnostics.size(), 1u);
  EXPECT_EQ(p.batch.diagnostics[0].line, 3u);
  EXPECT_EQ(p.batch.diagnostics[0].message,
            "inotifywatch statistics (event counts per watched path, no single events): not read as events");
  EXPECT_EQ(p.batch.counters.annotations, 5u);  // two banners, three rows
}

// inotifywait -m -r --timefmt %F_%T --format '%T|%e|%w%f': the stamp's date and time joined
// by '_' (formats/inotify/format_F_underscore_T_pipe.txt, captured here), read without the
// spec.
TEST(InotifyParser, UnderscoreJoinedTimestampWithoutTheSpec) {
  Parsed p = Parse(Testdata("formats/inotify/format_F_underscore_T_pipe.txt"));
  EXPECT_TRUE(p.batch.diagnostics.empty());
  ASSERT_EQ(p.batch.events.size(), 11u);
  EXPECT_EQ(p.ev(0).time_ns, Epoch(2026, 12, 2, 15, 16, 37));
  EXPECT_EQ(p.ev(0).op, Op::kFsCreate);
  EXPECT_EQ(p.path(0), "/tmp/m5/w/a7");
  EXPECT_EQ(p.ev(5).op, Op::kFsMovedTo);
  EXPECT_EQ(p.path(5), "/tmp/m5/w/b c7");
  EXPECT_EQ(p.path(7), "/tmp/m5/w/dd7");
  EXPECT_TRUE(p.detail(7).flags & kInIsDir);
  EXPECT_EQ(p.batch.timebase, Timebase::kEpoch);
}

// inotifywait -m -r --format '%w|%f|%Xe' (formats/inotify/format_w_f_Xe_pipe.txt,
// capture_formats4.sh): the man page's "%Xe" typed as written, so the list separator is the
// letter X: "CLOSE_WRITEXCLOSE", "CLOSE_NOWRITEXCLOSEXISDIR". Each multi-event line was "line
// does not match --format". The file's name at line 3 is bytes ff fe, not UTF-8.
TEST(InotifyParser, LetterAsEventListSeparator) {
  Parsed p = Parse(Testdata("formats/inotify/format_w_f_Xe_pipe.txt"), {"%w|%f|%Xe", ""});
  EXPECT_TRUE(p.batch.diagnostics.empty());
  ASSERT_EQ(p.batch.events.size(), 17u);
  EXPECT_EQ(p.path(0), "/tmp/rt4w/app/bad\xff\xfename.txt");
  EXPECT_EQ(p.ev(0).op, Op::kFsCreate);
  // /tmp/rt4w/app/|keep.js|CLOSE_WRITEXCLOSE
  EXPECT_EQ(p.ev(7).line, 10u);
  EXPECT_EQ(p.path(7), "/tmp/rt4w/app/keep.js");
  EXPECT_EQ(p.name(7), "CLOSE_WRITE");
  EXPECT_EQ(p.detail(7).flags, uint32_t{kInCloseWrite | kInClose});
  // /tmp/rt4w/app/|sub|CLOSE_NOWRITEXCLOSEXISDIR
  EXPECT_EQ(p.ev(15).line, 18u);
  EXPECT_EQ(p.path(15), "/tmp/rt4w/app/sub");
  EXPECT_EQ(p.detail(15).flags, uint32_t{kInCloseNoWrite | kInClose | kInIsDir});
}

// A name that is not UTF-8 (bytes ff fe) in the default and --csv output
// (formats/inotify/m_r_non_utf8_name.txt, csv_non_utf8_name.txt): kept as bytes.
TEST(InotifyParser, NonUtf8NameIsKeptAsBytes) {
  for (const char* f : {"formats/inotify/m_r_non_utf8_name.txt", "formats/inotify/csv_non_utf8_name.txt"}) {
    Parsed p = Parse(Testdata(f));
    EXPECT_TRUE(p.batch.diagnostics.empty()) << f;
    ASSERT_GE(p.batch.events.size(), 17u) << f;
    EXPECT_EQ(p.path(3), "/tmp/rt4w/app/bad\xff\xfename.txt") << f;
    EXPECT_EQ(p.watched(3), "/tmp/rt4w/app/") << f;
    EXPECT_EQ(p.detail(3).flags, uint32_t{kInCloseWrite | kInClose}) << f;
  }
}

TEST(InotifyParser, CsvQuotingIsUndone) {
  Parsed p = Parse(Testdata("formats/inotify/csv.txt"));
  // /tmp/rdwatch/app/,CREATE,"odd,""name.txt"
  EXPECT_EQ(p.path(37), "/tmp/rdwatch/app/odd,\"name.txt");
  EXPECT_EQ(p.batch.counters.annotations, 2u);
}

TEST(InotifyParser, DefaultLineWithoutItsTrailingSpace) {
  Parsed p = Parse("/tmp/w/ DELETE_SELF\n/etc/passwd OPEN \nQ_OVERFLOW \n");
  ASSERT_EQ(p.batch.events.size(), 3u);
  EXPECT_EQ(p.path(0), "/tmp/w");
  EXPECT_EQ(p.ev(0).op, Op::kFsDeleteSelf);
  EXPECT_EQ(p.path(1), "/etc/passwd");  // a watched file: no directory part
  EXPECT_EQ(p.ev(2).op, Op::kFsOverflow);
  EXPECT_EQ(p.path(2), "");
}

TEST(InotifyParser, EventWordsInsideFilenamesAreNotEvents) {
  Parsed p = Parse("/tmp/w/ CREATE OPEN notes.txt\n/tmp/w/ MODIFY ACCESS.log\n");
  ASSERT_EQ(p.batch.events.size(), 2u);
  EXPECT_EQ(p.path(0), "/tmp/w/OPEN notes.txt");
  EXPECT_EQ(p.ev(0).op, Op::kFsCreate);
  EXPECT_EQ(p.path(1), "/tmp/w/ACCESS.log");
}

TEST(InotifyParser, ToolErrorsAndGarbageAreDiagnostics) {
  Parsed p = Parse(
      "Setting up watches.  Beware: since -r was given, this may take a while!\n"
      "Failed to watch /home/auditor; upper limit on inotify watches reached!\n"
      "Please increase the amount of inotify watches allowed per user via `/proc/sys/fs/inotify/max_user_watches'.\n"
      "/home/auditor/app/ OPEN app.js\n"
      "this is not an event\n"
      "/home/auditor/app/ OPEN,BOGUS app.js\n");
  ASSERT_EQ(p.batch.events.size(), 1u);
  ASSERT_EQ(p.batch.diagnostics.size(), 4u);
  EXPECT_EQ(p.batch.diagnostics[0].line, 2u);
  EXPECT_EQ(p.batch.diagnostics[0].message, "inotifywait reported an error: events may be missing");
  EXPECT_EQ(p.batch.diagnostics[2].line, 5u);
  EXPECT_EQ(p.batch.diagnostics[2].message, "no inotify event list in the line");
  EXPECT_EQ(p.batch.diagnostics[3].line, 6u);
  EXPECT_EQ(p.batch.counters.lines, 6u);

  Parsed bad = Parse("x\n", {"%w %q", ""});
  ASSERT_EQ(bad.batch.diagnostics.size(), 2u);
  EXPECT_EQ(bad.batch.diagnostics[0].message, "unsupported conversion %q in --format '%w %q'");
}

TEST(InotifyParser, ChunksParseAlone) {
  std::string text = Testdata("formats/inotify/m_r.txt");
  Parsed whole = Parse(text);
  size_t cut = text.find('\n', text.size() / 2) + 1;
  Parsed a = Parse(std::string_view(text).substr(0, cut));
  Parsed b = Parse(std::string_view(text).substr(cut));
  EXPECT_EQ(a.batch.events.size() + b.batch.events.size(), whole.batch.events.size());
  EXPECT_EQ(a.batch.counters.lines + b.batch.counters.lines, whole.batch.counters.lines);
}

TEST(StrftimeSubset, ParsesTheConversionsInotifywaitUsers) {
  CivilTime t;
  bool has_date;
  EXPECT_EQ(ParseStrftime("%F %T", "2026-11-22 19:31:21 x", &t), 19u);
  EXPECT_EQ(CivilToNs(t, &has_date), Epoch(2026, 11, 22, 19, 31, 21));
  EXPECT_TRUE(has_date);
  EXPECT_EQ(ParseStrftime("%D %R", "11/22/26 19:31", &t), 14u);
  EXPECT_EQ(CivilToNs(t, &has_date), Epoch(2026, 11, 22, 19, 31, 0));
  EXPECT_EQ(ParseStrftime("%c", "Mon Nov 23 00:39:53 2026", &t), 24u);
  EXPECT_EQ(CivilToNs(t, &has_date), Epoch(2026, 11, 23, 0, 39, 53));
  EXPECT_EQ(ParseStrftime("%Y%m%d-%I:%M %p", "20261122-07:31 PM", &t), 17u);
  EXPECT_EQ(CivilToNs(t, &has_date), Epoch(2026, 11, 22, 19, 31, 0));
  EXPECT_EQ(ParseStrftime("%s", "1795394400", &t), 10u);
  EXPECT_EQ(CivilToNs(t, &has_date), 1795394400LL * 1000000000LL);
  EXPECT_EQ(ParseStrftime("%H:%M:%S", "7:31", &t), kNoMatch);
  EXPECT_FALSE(StrftimeSupported("%F %Q"));
  EXPECT_TRUE(StrftimeSupported("%-d %_H %Ey"));
  EXPECT_EQ(ParseLooseTimestamp("2026-11-22T19:31:04.703Z] INFO", &t), 24u);
  EXPECT_EQ(CivilToNs(t, &has_date), Epoch(2026, 11, 22, 19, 31, 4) + 703000000);
  EXPECT_EQ(ParseLooseTimestamp("1795375881271,", &t), 13u);
  EXPECT_EQ(CivilToNs(t, &has_date), 1795375881271LL * 1000000);
  EXPECT_EQ(ParseLooseTimestamp("19:31:04.476323 x", &t), 15u);
  EXPECT_EQ(CivilToNs(t, &has_date), (19 * 3600 + 31 * 60 + 4) * 1000000000LL + 476323000);
  EXPECT_FALSE(has_date);
  EXPECT_EQ(ParseLooseTimestamp("1234 x", &t), kNoMatch);
  EXPECT_EQ(DaysFromCivil(1970, 1, 1), 0);
  EXPECT_EQ(DaysFromCivil(2000, 3, 1), 11017);
  EXPECT_EQ(DaysFromCivil(1969, 12, 31), -1);
}

TEST(SniffContent, EveryInotifyOutputFormat) {
  for (const char* f : {"p1_chat_clean_ff/inotify.log", "p2_chat_clean_single/inotify.log", "p4_shell_spawn/inotify.log",
                        "formats/inotify/m_r_q.txt", "formats/inotify/format_epoch_pipe.txt",
                        "formats/inotify/format_iso_offset.txt", "formats/inotify/format_time_only.txt",
                        // --format $'%w%f\t%e' and inotifywatch (its table is reported, not
                        // read): before, skipped as "neither its name nor its content matches".
                        "formats/inotify/format_w_f_tab_e.txt", "formats/inotify/inotifywatch_r_e_t.txt"})
    EXPECT_EQ(SniffContent(Testdata(f)), SourceKind::kInotify) << f;
  Parsed tab = Parse(Testdata("formats/inotify/format_w_f_tab_e.txt"));
  EXPECT_TRUE(tab.batch.diagnostics.empty());
  ASSERT_EQ(tab.batch.events.size(), 45u);
  EXPECT_EQ(tab.path(12), "/tmp/rdwatch/app/new dir");
  EXPECT_EQ(tab.detail(12).flags, uint32_t{kInCreate | kInIsDir});
}

TEST(InotifyParser, NulTerminatedRecords) {
  // inotifywait -m -r -q --format '%e %w%f%0' --no-newline: one line, NUL-separated records.
  std::string text("CREATE /tmp/w/a b\0MODIFY /tmp/w/a b\0CLOSE_WRITE,CLOSE /tmp/w/a b\0", 65);
  Parsed p = Parse(text);
  ASSERT_EQ(p.batch.events.size(), 3u);
  EXPECT_TRUE(p.batch.diagnostics.empty());
  EXPECT_EQ(p.path(0), "/tmp/w/a b");
  EXPECT_EQ(p.ev(2).op, Op::kFsCloseWrite);
  EXPECT_EQ(p.path(2), "/tmp/w/a b");
  EXPECT_EQ(p.ev(2).line, 1u);
}

// --format ... --no-newline (formats/inotify/format_no_newline_*.txt, capture_no_newline.sh):
// inotifywait prints every record on one line, each ended only by the format's last literal.
// Before, the '|', ';' and "\\t" captures gave one "no inotify event list" diagnostic and no
// event, and the ' ' capture one event whose path ran over all 41 records.
TEST(InotifyParser, NoNewlineRecordsAreCutAtTheFormatsLastLiteral) {
  struct Case {
    const char* file;
    ParserOptions options;
  };
  const Case cases[] = {
      {"formats/inotify/format_no_newline_pipe.txt", {}},
      {"formats/inotify/format_no_newline_pipe.txt", {"%w%f %e|", ""}},
      {"formats/inotify/format_no_newline_no_separator.txt", {}},
      {"formats/inotify/format_no_newline_no_separator.txt", {"%w%f %e", ""}},
      {"formats/inotify/format_no_newline_F_T_semicolon.txt", {}},
      {"formats/inotify/format_no_newline_F_T_semicolon.txt", {"%T %w %f %e;", "%F %T"}},
      {"formats/inotify/format_no_newline_space.txt", {}},
      {"formats/inotify/format_no_newline_events_first_backslash_t.txt", {}},
      {"formats/inotify/format_no_newline_events_first_backslash_t.txt", {"%e %w%f\\t", ""}},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(std::string(c.file) + " format=" + c.options.inotify_format);
    Parsed p = Parse(Testdata(c.file), c.options);
    ExpectScenario(p, true);
    EXPECT_EQ(p.ev(40).line, 1u);
  }
}

// "%e %w%f" with --no-newline glues each path to the next event list ("my notes.txtOPEN
// /tmp/..."): where one record ends is not knowable. Before, the whole line was one CREATE of
// a path holding all 41 records; now it is reported, not read.
TEST(InotifyParser, NoNewlineRecordsThatCannotBeCutAreReported) {
  Parsed p = Parse(Testdata("formats/inotify/format_no_newline_events_first_no_separator.txt"));
  EXPECT_EQ(p.batch.events.size(), 0u);
  ASSERT_EQ(p.batch.diagnostics.size(), 1u);
  EXPECT_EQ(p.batch.diagnostics[0].line, 1u);
  EXPECT_NE(p.batch.diagnostics[0].message.find("run together"), std::string::npos)
      << p.batch.diagnostics[0].message;
  // inotifywait refuses --no-newline without --format; its message is its own error.
  Parsed r = Parse(Testdata("formats/inotify/csv_no_newline_refused.txt"));
  ASSERT_EQ(r.batch.diagnostics.size(), 1u);
  EXPECT_EQ(r.batch.diagnostics[0].message, "inotifywait reported an error: events may be missing");
}

// date(1) lines of a watch loop (the first five as Debian 12's coreutils 9.1 printed them
// here; en_US's "%a %d %b %Y %r %Z" is glibc's d_t_fmt for that locale).
TEST(DateLine, TheFormsDatePrintsAndNothingElse) {
  int64_t ns = 0;
  const int64_t t = Epoch(2026, 12, 3, 0, 23, 56);
  EXPECT_TRUE(ParseDateLine("Thu Dec  3 00:23:56 UTC 2026", &ns));
  EXPECT_EQ(ns, t);
  EXPECT_TRUE(ParseDateLine("Thu, 03 Dec 2026 00:23:56 +0000", &ns));
  EXPECT_EQ(ns, t);
  EXPECT_TRUE(ParseDateLine("=== 2026-12-03T00:23:56+00:00 ===", &ns));
  EXPECT_EQ(ns, t);
  EXPECT_TRUE(ParseDateLine("2026-12-03 00:23:56.911792916+00:00", &ns));
  EXPECT_EQ(ns, t + 911792916);
  EXPECT_TRUE(ParseDateLine("1796257436", &ns));
  EXPECT_EQ(ns, 1796257436LL * 1000000000LL);
  EXPECT_TRUE(ParseDateLine("--- 2026-12-03 00:23:56 ---\r", &ns));
  EXPECT_EQ(ns, t);
  EXPECT_TRUE(ParseDateLine("Thu 03 Dec 2026 12:23:56 AM UTC", &ns));
  EXPECT_EQ(ns, t);
  EXPECT_TRUE(ParseDateLine("Wed Dec  2 19:23:56 EST 2026", &ns));  // a zone name is not resolved
  // Not a date line: table rows and headers, a bare time of day, a date with more text.
  EXPECT_FALSE(ParseDateLine("tcp   LISTEN 0      5          127.0.0.1:3000       0.0.0.0:*", &ns));
  EXPECT_FALSE(ParseDateLine("UID          PID    PPID  C STIME TTY          TIME CMD", &ns));
  EXPECT_FALSE(ParseDateLine("00:23:56", &ns));
  EXPECT_FALSE(ParseDateLine("2026-12-03 00:23:56 /home/auditor/app OPEN", &ns));
  EXPECT_FALSE(ParseDateLine("root           3       1 20 00:23 ?        00:00:00 python3", &ns));
  EXPECT_FALSE(ParseDateLine("=====", &ns));
  EXPECT_FALSE(ParseDateLine("", &ns));
}

}  // namespace
}  // namespace rundown
