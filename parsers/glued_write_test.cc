#include "parsers/glued_write.h"

#include <string>
#include <vector>

#include "gtest/gtest.h"

namespace rundown {
namespace {

// Real lines of strace writing to stderr with the program's stderr in the same file
// (formats/capture_strace_stderr_log.sh, cases/node_stderr_in_trace), and lines that must not
// be read as such: -o traces, a write another -A run cut (the shape of
// formats/strace/honest_f_tt_T_y_A_concurrent.txt line 64).
struct Case {
  std::string line;
  bool is_write;
  std::string text;
  bool line_ended;
  bool echoes;
};

TEST(GluedWrite, TextAfterTheCountIsTheProgramsOwnOnlyWhenItIsTheWrittenString) {
  const std::vector<Case> cases = {
      {R"([pid    42] 16:40:02.884023 write(2, "warn: NODE_ENV not set, assuming"..., 45warn: NODE_ENV not set, assuming development)",
       true, "warn: NODE_ENV not set, assuming development", true, true},
      {R"(16:40:21.279557 write(2, "  File \"/work/wt-rt-stderr/testd"..., 105  File "/work/wt-rt-stderr/testdata/formats/strace_stderr/py_missing_module/app.py", line 6, in <module>)",
       true, R"(  File "/work/wt-rt-stderr/testdata/formats/strace_stderr/py_missing_module/app.py", line 6, in <module>)", true,
       true},
      {R"(16:40:21.281002 write(2, "ModuleNotFoundError", 19ModuleNotFoundError) = 19)", true, "ModuleNotFoundError", false,
       true},
      {R"(16:40:21.280098 write(2, " ", 1 )        = 1)", true, " ", false, true},
      {R"(16:40:21.257446 write(2, "\n", 1)", true, "", true, true},  // its newline ended strace's line
      {R"([pid    42] 16:40:02.894901 write(2, "\nNode.js v20.20.2\n", 18)", true, "", true, true},
      {R"([pid    12] 16:40:21.582331 write(2, "progress 4: scanning batch 28\n", 30progress 4: scanning batch 28)", true,
       "progress 4: scanning batch 28", true, true},
      // strace's own message, not the written text: proves nothing.
      {R"([pid    12] 16:40:21.580470 write(2, "progress 0: scanning batch 0\n", 29strace: Process 20 attached)", true,
       "strace: Process 20 attached", true, false},
      {R"([pid    12] 16:40:21.921349 write(2, "worker 1 done\n", 14 <unfinished ...>)", true, "", false, false},
      // -o traces.
      {R"(16:40:21.279476 write(2, "", 0)         = 0)", true, "", false, false},
      {R"(1234  10:00:00.000001 write(1, "hello\n", 6) = 6)", true, "", false, false},
      {R"(24299 19:38:06.598199 write(1, "hello\n", 6 24296 19:38:06.598270 mmap(NULL, 8192, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0) = 0x7fd970fc5000 <0.000023>)",
       true, " 24296 19:38:06.598270 mmap(NULL, 8192, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0", false,
       false},
      {R"(1234  10:00:00.000001 pwrite64(3, "abc", 3, 0) = 3)", false, "", false, false},
      {R"(1234  10:00:00.000001 writev(1, [{iov_base="abc", iov_len=3}], 1) = 3)", false, "", false, false},
      {R"([pid    19] 16:40:21.593852 mprotect(0x7f3dec029000, 61440, PROT_READ|PROT_WRITEprogress 15: scanning batch 105)",
       false, "", false, false},
  };
  for (const Case& c : cases) {
    GluedWrite w;
    ASSERT_EQ(ReadGluedWrite(c.line, &w), c.is_write) << c.line;
    EXPECT_EQ(EchoesItsString(c.line), c.echoes) << c.line;
    if (!c.is_write) continue;
    EXPECT_EQ(w.text, c.text) << c.line;
    EXPECT_EQ(w.line_ended, c.line_ended) << c.line;
  }
}

// formats/strace_stderr/node_busy_stderr/strace_log: the text of thread 12's unfinished write
// at the end of thread 19's and 15's calls.
TEST(GluedWrite, UnfinishedWritesLineAtTheEndOfAnotherCall) {
  const std::string write15 = R"(write(2, "progress 15: scanning batch 105\n", 32 <unfinished ...>)";
  EXPECT_EQ(GluedLineAtEnd(R"([pid    19] 16:40:21.593852 mprotect(0x7f3dec029000, 61440, PROT_READ|PROT_WRITEprogress 15: scanning batch 105)",
                           write15),
            31u);
  EXPECT_EQ(GluedLineAtEnd(R"([pid    15] 16:40:21.921959 futex(0x40c155e0, FUTEX_WAIT_PRIVATE, 2, NULLworker 1 done)",
                           R"(write(2, "worker 1 done\n", 14 <unfinished ...>)"),
            13u);
  EXPECT_EQ(GluedLineAtEnd("[pid    19] 16:40:21.594071 mprotect(0x7f3dec038000, 4096, PROT_READ|PROT_WRITE) = 0", write15), 0u);
  EXPECT_EQ(GluedLineAtEnd("progress 15: scanning batch 105", write15), 0u);  // the line alone is the program's
  // A string cut by -s before its newline: where the line ends is unknown.
  EXPECT_EQ(GluedLineAtEnd("mprotect(0x1, 4096, PROT_READwarn: no relay.json in /home/auditor/app, using defaults for x",
                           R"(write(2, "warn: no relay.json in /home/aud"..., 74 <unfinished ...>)"),
            0u);
}

}  // namespace
}  // namespace rundown
