// Test helpers shared by the parser tests: read a file from testdata/, run a parser over a
// whole text as the single (and last) chunk of one file, and read the resulting batch by
// event index. Each test derives from Parsed to name the slots its format fills:
//
//   struct Parsed : parser_test::Parsed {
//     std::string_view cmd(size_t i) const { return str(ev(i).str); }
//   };
//   Parsed p = parser_test::Parse<Parsed>(PsParser(), Testdata("p1_chat_clean_ff/ps.txt"));
//   EXPECT_EQ(p.cmd(3), "node app.js");
//
// strace_test_util.h builds on this for the strace tests. Only for tests.
#ifndef RUNDOWN_PARSERS_PARSER_TEST_UTIL_H_
#define RUNDOWN_PARSERS_PARSER_TEST_UTIL_H_

#include <cstdint>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>

#include "parsers/event.h"
#include "parsers/event_batch.h"
#include "parsers/source_parser.h"

namespace rundown::parser_test {

// The contents of testdata/<rel>; empty when the file cannot be read.
inline std::string Testdata(const std::string& rel) {
  std::ifstream f(std::string(RUNDOWN_TESTDATA) + "/" + rel, std::ios::binary);
  std::stringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

// Parses `text` as a whole file of the parser's kind, the way the engine hands over a file
// that fits in one chunk. `default_tid` is the strace -ff tid of the file name;
// `trace_and_output`: FileContext::trace_and_output (strace wrote to stderr, in program.log).
inline void ParseWhole(const SourceParser& parser, std::string_view text, EventBatch* out,
                       int32_t default_tid = 0, bool trace_and_output = false) {
  FileContext ctx;
  ctx.kind = parser.kind();
  ctx.default_tid = default_tid;
  ctx.trace_and_output = trace_and_output;
  parser.ParseChunk(ctx, Chunk{text, 0, 0, /*last=*/true}, out);
}

// A parsed batch with accessors by event index. A missing event or detail throws from at(),
// which gtest reports as a failure of the test instead of reading out of bounds.
struct Parsed {
  EventBatch batch;
  const Event& ev(size_t i) const { return batch.events.at(i); }
  const Detail& detail(size_t i) const { return batch.details.at(ev(i).detail); }
  std::string_view str(StrId id) const { return batch.strings.View(id); }
  std::string_view name(size_t i) const { return batch.names.View(ev(i).name); }
  // The events' line numbers, in order.
  std::vector<uint32_t> lines() const {
    std::vector<uint32_t> out;
    for (const Event& e : batch.events) out.push_back(e.line);
    return out;
  }
};

// kSocketRow events, the one shape ss and netstat share (see ss_parser.h): the state is the
// event's name, the local address its string, the peer and process in its detail.
struct SocketRows : Parsed {
  std::string_view state(size_t i) const { return name(i); }
  std::string_view local(size_t i) const { return str(ev(i).str); }
  std::string_view peer(size_t i) const { return str(detail(i).str2); }
  std::string_view process(size_t i) const { return str(detail(i).str3); }
};

// ParseWhole into a fresh `Out`, which is Parsed or derives from it.
template <typename Out = Parsed>
Out Parse(const SourceParser& parser, std::string_view text) {
  Out p;
  ParseWhole(parser, text, &p.batch);
  return p;
}

}  // namespace rundown::parser_test

#endif  // RUNDOWN_PARSERS_PARSER_TEST_UTIL_H_
