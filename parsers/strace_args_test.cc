// The argument grammar (strace_args.h): argument lists cut from real strace 6.1 lines,
// plus constructed edge cases of the grammar (commas inside comments and annotations,
// unterminated lists) that real traces contain only rarely.
#include "parsers/strace_args.h"

#include <filesystem>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "parsers/parser_test_util.h"
#include "parsers/simd.h"
#include "parsers/strace_line.h"

namespace rundown::strace {
namespace {

std::vector<std::string> Split(std::string_view after_paren, size_t* close, ScanStatus* status) {
  ArgList args;
  *close = ScanArgs(after_paren, &args, status);
  std::vector<std::string> out;
  for (int i = 0; i < args.count; ++i) out.emplace_back(args.arg[i]);
  return out;
}

TEST(StraceArgs, SplitsTopLevelArgumentsOnly) {
  size_t close;
  ScanStatus status;
  // p2 strace_log: a struct with a comment inside, a result after the list.
  std::string_view text =
      "3</etc/ld.so.cache>, \"\", {st_mode=S_IFREG|0644, st_size=41623, ...}, AT_EMPTY_PATH) = 0 <0.000077>";
  EXPECT_EQ(Split(text, &close, &status),
            (std::vector<std::string>{"3</etc/ld.so.cache>", "\"\"", "{st_mode=S_IFREG|0644, st_size=41623, ...}",
                                      "AT_EMPTY_PATH"}));
  EXPECT_EQ(status, ScanStatus::kOk);
  EXPECT_EQ(text.substr(close), ") = 0 <0.000077>");
  // Quotes, escaped quotes, parentheses and brackets inside a string do not split.
  EXPECT_EQ(Split("21<TCP:[127.0.0.1:3001->127.0.0.1:56814]>, \"{\\\"a\\\":\\\"(x, [y])\\\"}\\n\", 46) = 46", &close, &status),
            (std::vector<std::string>{"21<TCP:[127.0.0.1:3001->127.0.0.1:56814]>", "\"{\\\"a\\\":\\\"(x, [y])\\\"}\\n\"", "46"}));
  // wait4's status decoding holds parentheses and "&&".
  EXPECT_EQ(Split("-1, [{WIFEXITED(s) && WEXITSTATUS(s) == 0}], 0, NULL) = 7553", &close, &status),
            (std::vector<std::string>{"-1", "[{WIFEXITED(s) && WEXITSTATUS(s) == 0}]", "0", "NULL"}));
  // A comment may hold commas; capset's "1<<CAP_X" is not an fd annotation.
  EXPECT_EQ(Split("0x7ffea00c0ff8 /* 7, vars */, {effective=1<<CAP_CHOWN|1<<CAP_KILL, inheritable=0}) = 0", &close, &status),
            (std::vector<std::string>{"0x7ffea00c0ff8 /* 7, vars */", "{effective=1<<CAP_CHOWN|1<<CAP_KILL, inheritable=0}"}));
  // An annotation may hold ", " and parentheses (a path), or "->" inside brackets (a socket).
  EXPECT_EQ(Split("3</tmp/a, (b)>, 5<UNIX-STREAM:[37009->37010]>) = 0", &close, &status),
            (std::vector<std::string>{"3</tmp/a, (b)>", "5<UNIX-STREAM:[37009->37010]>"}));
  EXPECT_EQ(Split(") = 9501", &close, &status), std::vector<std::string>{});
  EXPECT_EQ(close, 0u);
}

TEST(StraceArgs, ReportsWhatDidNotClose) {
  size_t close;
  ScanStatus status;
  Split("\"/etc/ld.so.preload\", R_OK", &close, &status);
  EXPECT_EQ(close, std::string_view::npos);
  EXPECT_EQ(status, ScanStatus::kOpenList);
  Split("AT_FDCWD, \"/unterminated, O_RDONLY) = 3", &close, &status);
  EXPECT_EQ(status, ScanStatus::kOpenString);
  Split("0x7ffea00c0ff8 /* 7 vars) = 0", &close, &status);
  EXPECT_EQ(status, ScanStatus::kOpenComment);
  Split("{st_mode=S_IFREG|0644, st_size=41623) = 0", &close, &status);
  EXPECT_EQ(status, ScanStatus::kOpenList);
}

TEST(StraceArgs, MoreThanEightArgumentsFoldIntoTheLast) {
  ArgList args;
  ScanStatus status;
  ASSERT_NE(ScanArgs("1, 2, 3, 4, 5, 6, 7, 8, 9, 10) = 0", &args, &status), std::string_view::npos);
  EXPECT_EQ(args.count, kMaxArgs);
  EXPECT_EQ(args.arg[7], "8, 9, 10");
  EXPECT_EQ(args.Get(-1), "");
}

TEST(StraceArgs, ListItemsOfAnyLength) {
  std::string_view body = ListBody("[\"true\", \"arg with space\", \"q\\\"uote\", \"1\", \"2\", \"3\", \"4\", \"5\", \"6\", \"7\"]");
  std::vector<std::string> items;
  std::string_view item;
  while (NextItem(&body, &item)) items.emplace_back(item);
  EXPECT_EQ(items.size(), 10u);
  EXPECT_EQ(items[2], "\"q\\\"uote\"");
  // clone3's first argument is a struct followed by "=> {...}": the body is the first struct.
  EXPECT_EQ(ListBody("{flags=CLONE_VM|CLONE_THREAD, exit_signal=0} => {parent_tid=[35]}"),
            "flags=CLONE_VM|CLONE_THREAD, exit_signal=0");
  EXPECT_EQ(StructField("{flags=CLONE_VM|CLONE_THREAD, exit_signal=0} => {parent_tid=[35]}", "exit_signal"), "0");
  EXPECT_EQ(StructField("{si_signo=SIGCHLD, si_code=CLD_EXITED, si_pid=91, si_stime=1 /* 0.01 s */}", "si_stime"),
            "1 /* 0.01 s */");
  EXPECT_EQ(StructField("{si_signo=SIGCHLD}", "si_pid"), "");
  EXPECT_EQ(ListBody("NULL"), "");
}

TEST(StraceArgs, FdsAndAnnotations) {
  int32_t fd = 0;
  std::string_view ann;
  ASSERT_TRUE(ParseFd("3</etc/ld.so.cache>", &fd, &ann));
  EXPECT_EQ(fd, 3);
  EXPECT_EQ(ann, "/etc/ld.so.cache");
  ASSERT_TRUE(ParseFd("AT_FDCWD</home/auditor/app>", &fd, &ann));
  EXPECT_EQ(fd, -100);
  EXPECT_EQ(ann, "/home/auditor/app");
  ASSERT_TRUE(ParseFd("21<TCPv6:[[::ffff:127.0.0.1]:3000->[::ffff:127.0.0.1]:57682]>", &fd, &ann));
  EXPECT_EQ(ann, "TCPv6:[[::ffff:127.0.0.1]:3000->[::ffff:127.0.0.1]:57682]");
  ASSERT_TRUE(ParseFd("3</memfd:payload>(deleted)", &fd, &ann));
  EXPECT_EQ(ann, "/memfd:payload");
  ASSERT_TRUE(ParseFd("1</dev/null<char 1:3>>", &fd, &ann));
  EXPECT_EQ(ann, "/dev/null<char 1:3>");
  ASSERT_TRUE(ParseFd("-100 /* AT_FDCWD */", &fd, &ann));
  EXPECT_EQ(fd, -100);
  ASSERT_TRUE(ParseFd("0xffffff9c", &fd, &ann));
  EXPECT_EQ(fd, -100);
  ASSERT_TRUE(ParseFd("-1", &fd, &ann));
  EXPECT_EQ(fd, -1);
  EXPECT_FALSE(ParseFd("NULL", &fd, &ann));
  EXPECT_FALSE(ParseFd("\"/etc/passwd\"", &fd, &ann));
  EXPECT_FALSE(ParseFd("", &fd, &ann));
  std::string scratch;
  EXPECT_EQ(NormalizeAnnotation("/tmp/st/we\\76ird\\74na me", &scratch), "/tmp/st/we>ird<na me");
  EXPECT_EQ(NormalizeAnnotation("/dev/null<char 1:3>", &scratch), "/dev/null");
  EXPECT_EQ(NormalizeAnnotation("TCP:[127.0.0.1:3001->127.0.0.1:56814]", &scratch), "TCP:[127.0.0.1:3001->127.0.0.1:56814]");
}

TEST(StraceArgs, StringsUnescape) {
  std::string out;
  bool truncated = false;
  ASSERT_TRUE(ParseString("\"\\177ELF\\2\\1\\1\\0\"...", &out, &truncated));
  EXPECT_EQ(out, std::string("\177ELF\2\1\1\0", 8));
  EXPECT_TRUE(truncated);
  ASSERT_TRUE(ParseString("\"\\x2f\\x65\\x74\\x63\"", &out, &truncated));  // -xx
  EXPECT_EQ(out, "/etc");
  EXPECT_FALSE(truncated);
  ASSERT_TRUE(ParseString("\"q\\\"uote\\ttab\\n\\\\\"", &out, &truncated));
  EXPECT_EQ(out, "q\"uote\ttab\n\\");
  ASSERT_TRUE(ParseString("\"never closed", &out, &truncated));
  EXPECT_EQ(out, "never closed");
  EXPECT_TRUE(truncated);
  EXPECT_FALSE(ParseString("NULL", &out, &truncated));
}

TEST(StraceArgs, NumbersAndFlags) {
  int64_t v = 0;
  EXPECT_TRUE(ParseNumber("htons(3000)", &v));
  EXPECT_EQ(v, 3000);
  EXPECT_TRUE(ParseNumber("0666", &v));
  EXPECT_EQ(v, 0666);
  EXPECT_TRUE(ParseNumber("0x7f3fe68eb000", &v));
  EXPECT_EQ(v, 0x7f3fe68eb000);
  EXPECT_TRUE(ParseNumber("-1", &v));
  EXPECT_EQ(v, -1);
  EXPECT_TRUE(ParseNumber("0x1 /* CLD_EXITED */", &v));
  EXPECT_EQ(v, 1);
  EXPECT_FALSE(ParseNumber("NULL", &v));
  EXPECT_FALSE(ParseNumber("", &v));
  std::vector<std::string> names;
  uint64_t numeric = ForEachFlag("0x80000 /* O_RDONLY|O_CLOEXEC */", [&](std::string_view f) { names.emplace_back(f); });
  EXPECT_EQ(numeric, 0x80000u);
  EXPECT_EQ(names, (std::vector<std::string>{"O_RDONLY", "O_CLOEXEC"}));
}

TEST(StraceArgs, SocketAddresses) {
  std::string out;
  int32_t family = 0, port = 0;
  ASSERT_TRUE(ParseSockaddr("{sa_family=AF_INET, sin_port=htons(80), sin_addr=inet_addr(\"1.2.3.4\")}", &out, &family, &port));
  EXPECT_EQ(out, "1.2.3.4:80");
  EXPECT_EQ(family, 2);
  EXPECT_EQ(port, 80);
  ASSERT_TRUE(ParseSockaddr("{sa_family=AF_INET6, sin6_port=htons(3000), sin6_flowinfo=htonl(0), inet_pton(AF_INET6, "
                            "\"::1\", &sin6_addr), sin6_scope_id=0}",
                            &out, &family, &port));
  EXPECT_EQ(out, "[::1]:3000");
  ASSERT_TRUE(ParseSockaddr("{sa_family=AF_UNIX, sun_path=\"/run/x\"}", &out, &family, &port));
  EXPECT_EQ(out, "/run/x");
  EXPECT_EQ(port, -1);
  ASSERT_TRUE(ParseSockaddr("{sa_family=AF_UNIX, sun_path=@\"abstract-x\"}", &out, &family, &port));
  EXPECT_EQ(out, "@abstract-x");
  ASSERT_TRUE(ParseSockaddr("{sa_family=AF_UNIX}", &out, &family, &port));
  EXPECT_EQ(out, "unix:unnamed");
  ASSERT_TRUE(ParseSockaddr("{sa_family=AF_NETLINK, nl_pid=0, nl_groups=00000000}", &out, &family, &port));
  EXPECT_EQ(out, "netlink:0");
  EXPECT_EQ(family, 16);
  EXPECT_FALSE(ParseSockaddr("NULL", &out, &family, &port));
  EXPECT_FALSE(ParseSockaddr("0x7ffc88fbcb10", &out, &family, &port));
}

// ScanFirstArg: the closing ')' from the end, the first argument from the start.
struct FirstArg {
  size_t close;
  std::string first;
  int count;
};
FirstArg ReadFirstArg(std::string_view after_paren) {
  ArgList args;
  size_t close = ScanFirstArg(after_paren, &args);
  return {close, std::string(args.Get(0)), args.count};
}

TEST(StraceArgs, FirstArgumentAndResultFromBothEnds) {
  // Real lines (p1 strace_log.28, trace of a node server with -y -T).
  std::string_view write = "21<TCP:[127.0.0.1:3001->127.0.0.1:56814]>, \"HTTP/1.1 200 OK\\r\\n\"..., 150) = 150 <0.000040>";
  FirstArg w = ReadFirstArg(write);
  EXPECT_EQ(w.first, "21<TCP:[127.0.0.1:3001->127.0.0.1:56814]>");
  EXPECT_EQ(w.count, 1);
  EXPECT_EQ(write.substr(w.close), ") = 150 <0.000040>");
  std::string_view epoll =
      "13<anon_inode:[eventpoll]>, [{events=EPOLLIN, data={u32=23, u64=23}}], 1024, -1, NULL, 8) = 1 <0.000012>";
  EXPECT_EQ(ReadFirstArg(epoll).first, "13<anon_inode:[eventpoll]>");
  EXPECT_EQ(epoll.substr(ReadFirstArg(epoll).close), ") = 1 <0.000012>");
  // strace pads short calls to a column; no arguments at all.
  FirstArg getpid = ReadFirstArg(")                          = 28");
  EXPECT_EQ(getpid.close, 0u);
  EXPECT_EQ(getpid.count, 0);
  // A result with a decoding in parentheses; the first argument may be a list.
  std::string_view poll = "[{fd=3, events=POLLIN}], 1, 0) = 1 ([{fd=3, revents=POLLIN}])";
  EXPECT_EQ(ReadFirstArg(poll).first, "[{fd=3, events=POLLIN}]");
  EXPECT_EQ(poll.substr(ReadFirstArg(poll).close), ") = 1 ([{fd=3, revents=POLLIN}])");
}

TEST(StraceArgs, FirstArgumentPassesOverResultLookalikes) {
  // ") = " inside a string argument: the last one is the real result.
  std::string_view in_string = "1, \"x) = 5\", 6) = 6";
  EXPECT_EQ(in_string.substr(ReadFirstArg(in_string).close), ") = 6");
  // ... and inside the result's -y annotation of a file named "a) = 4" or "b) = ?": the
  // annotation's unopened '>' rejects those splits.
  std::string_view in_annotation = "3</tmp/a) = 4>) = 5</tmp/a) = 4> <0.000011>";
  FirstArg dup = ReadFirstArg(in_annotation);
  EXPECT_EQ(dup.first, "3</tmp/a) = 4>");
  EXPECT_EQ(in_annotation.substr(dup.close), ") = 5</tmp/a) = 4> <0.000011>");
  std::string_view unknown = "3</tmp/b) = ?>) = 0";
  EXPECT_EQ(unknown.substr(ReadFirstArg(unknown).close), ") = 0");
  // The same in a line shorter than one 16-byte block.
  EXPECT_EQ(ReadFirstArg("0) = 1</x) = 2>").close, 1u);
  // ... and inside a comment of a later argument (-X verbose prints them): passed over when
  // the real result follows; and when the only ") = " is inside a comment that the list's
  // ')' ends, the comment does not close before that split: the line goes to the full scan
  // (found by the strace fuzzer: ",/*) = */)" was read as ending at the first ')').
  std::string_view in_comment = "3, 0x80 /* ) = 1 */, 2) = 2";
  EXPECT_EQ(in_comment.substr(ReadFirstArg(in_comment).close), ") = 2");
  EXPECT_EQ(ReadFirstArg(",/*) = */)").close, std::string_view::npos);
}

TEST(StraceArgs, FirstArgumentLeavesBrokenListsToTheFullScan) {
  // A string that does not close after the first argument (a damaged line that happens
  // to end like a result), an unfinished call, no result at all, an open first argument,
  // brackets of the later arguments that do not balance.
  for (std::string_view text : {std::string_view("1, \"abc) = 3"), std::string_view("3</etc/passwd>, <unfinished ...>"),
                                std::string_view("3, \"abc\", 3)"), std::string_view("[{fd=3, events=POLLIN}, 1) = 0"),
                                std::string_view("3<TCP:[1.2.3.4:5->) = 0"),
                                // the later arguments' brackets do not balance, or close the list early
                                std::string_view("{version=3, pid=1}, {effective) = -1 EINVAL"),
                                std::string_view("3, 1), (2) = 0")}) {
    SCOPED_TRACE(text);
    EXPECT_EQ(ReadFirstArg(text).close, std::string_view::npos);
  }
}

TEST(StraceArgs, FirstFdIsReadOnTheWay) {
  ArgList args;
  FirstFd fd;
  ASSERT_NE(ScanFirstArg("13<anon_inode:[eventpoll]>, [], 1024, 0, NULL, 8) = 0 <0.000036>", &args, &fd),
            std::string_view::npos);
  EXPECT_TRUE(fd.valid);
  EXPECT_EQ(fd.fd, 13);
  EXPECT_EQ(fd.annotation, "anon_inode:[eventpoll]");
  ASSERT_NE(ScanFirstArg("7) = 0", &args, &fd), std::string_view::npos);
  EXPECT_TRUE(fd.valid);
  EXPECT_EQ(fd.fd, 7);
  EXPECT_EQ(fd.annotation, "");
  // Other shapes are left to ParseFd: an address, AT_FDCWD, a number past ParseFd's quick read.
  for (std::string_view text : {std::string_view("0x566f960, FUTEX_WAKE_PRIVATE, 1) = 0"),
                                std::string_view("AT_FDCWD</home/u>, \"x\", O_RDONLY) = 3"),
                                std::string_view("123456789, 0) = 0")}) {
    SCOPED_TRACE(text);
    ASSERT_NE(ScanFirstArg(text, &args, &fd), std::string_view::npos);
    EXPECT_FALSE(fd.valid);
  }
}

// A first argument kept in the FirstArgMemo reads with its id when the same bytes open a list
// and end at its ',' or the list's end; any other list reads as without the memo (id 0).
// Arguments that are no fd are kept too, and read as without the memo.
TEST(StraceArgs, FirstArgMemoGivesTheIdOfAnArgumentSeenBefore) {
  FirstArgMemo memo;
  auto scan = [&memo](std::string_view text, FirstFd* fd) {
    ArgList args;
    const size_t close = ScanFirstArg(text, &args, fd, nullptr, &memo);
    // The memo changes nothing but the id.
    ArgList plain_args;
    FirstFd plain;
    EXPECT_EQ(close, ScanFirstArg(text, &plain_args, &plain));
    EXPECT_EQ(fd->valid, plain.valid);
    if (fd->valid) {
      EXPECT_EQ(fd->fd, plain.fd);
      EXPECT_EQ(fd->annotation, plain.annotation);
      EXPECT_EQ(args.Get(0), plain_args.Get(0));
    }
    return args.Get(0);
  };
  for (std::string_view text : {"14<anon_inode:[eventpoll]>, [], 1024, 0, NULL, 8) = 0", "3</usr/lib/x.so>) = 0",
                                "3</a>, 1) = 0"}) {
    FirstFd fd;
    memo.Add(scan(text, &fd), fd, 7);
    EXPECT_EQ(fd.id, 0u);
  }
  struct Case {
    std::string_view text;
    uint32_t id;
  };
  for (const Case& c : {Case{"14<anon_inode:[eventpoll]>, [{events=EPOLLIN}], 1024, 0, NULL, 8) = 1", 7},
                        Case{"14<anon_inode:[eventpoll]>) = 0", 7}, Case{"3</usr/lib/x.so>, 832) = 832", 7},
                        Case{"14<anon_inode:[eventpoll]>x, 1) = 0", 0}, Case{"14<anon_inode:[eventpoll]>>, 1) = 0", 0},
                        Case{"14<anon_inode:[eventpoll]", 0}, Case{"4<anon_inode:[eventpoll]>, 1) = 0", 0},
                        Case{"3</a>, 1) = 0", 0},  // under 8 bytes: not kept
                        // Not an fd: kept by ScanFirstArg itself, read again from the memo.
                        Case{"0x566f9c8, FUTEX_WAKE_PRIVATE, 1) = 1", 0}, Case{"0x566f9c8, FUTEX_WAKE_PRIVATE, 1) = 1", 0},
                        Case{"0x566f9c8) = 0", 0}, Case{"0x566f9c8 /* x */, 1) = 0", 0},
                        Case{"0x566f9c8<1, 2>, 3) = 0", 0}, Case{"12345678, 2) = 0", 0}, Case{"12345678, 2) = 0", 0},
                        // A '<' that ends the list opens nothing; before a ',' it opens fd 12345678's.
                        Case{"12345678<) = 0", 0}, Case{"12345678<, 1>) = 0", 0}}) {
    SCOPED_TRACE(c.text);
    FirstFd fd;
    scan(c.text, &fd);
    EXPECT_EQ(fd.id, c.id);
  }
}

TEST(StraceArgs, MiddleMemoKeepsOnlyCheckedTexts) {
  MiddleMemo memo;
  ArgList args;
  FirstFd fd;
  const std::string_view read = "17<anon_inode:[eventfd]>, \"\\1\\0\\0\\0\\0\\0\\0\\0\", 1024) = 8 <0.000022>";
  ASSERT_EQ(ScanFirstArg(read, &args, &fd, &memo), read.find(") = 8"));
  EXPECT_TRUE(memo.Contains(", \"\\1\\0\\0\\0\\0\\0\\0\\0\", 1024"));
  EXPECT_EQ(ScanFirstArg(read, &args, &fd, &memo), read.find(") = 8"));  // now from the memo
  // Other digits: a hit (the check treats every digit alike). Same length, other bytes: not a
  // hit. A text the check rejects is not kept.
  EXPECT_TRUE(memo.Contains(", \"\\1\\0\\0\\0\\0\\0\\0\\0\", 9025"));
  EXPECT_FALSE(memo.Contains(", \"\\1\\0\\0\\0\\0\\0\\0\\0\", 102x"));
  const std::string_view open_string = "3, \"abcdefgh, 1024) = 8";
  EXPECT_EQ(ScanFirstArg(open_string, &args, &fd, &memo), std::string_view::npos);
  EXPECT_FALSE(memo.Contains(", \"abcdefgh, 1024"));
  EXPECT_EQ(ScanFirstArg(open_string, &args, &fd, &memo), std::string_view::npos);
}

// Texts of 16 bytes or more are found with other digits in them, at every length the memo
// keeps, and with the AVX2 lookup (32-byte blocks, lengths 32 and up) as with the SSE2 one;
// a text that differs elsewhere, or only in length, is not.
TEST(StraceArgs, MiddleMemoFindsOtherDigitsOnly) {
  for (const bool avx2 : {false, true}) {
    if (avx2 && !simd::CpuHasAvx2()) continue;
    const bool before = simd::SetAvx2(avx2);
    for (size_t n = 16; n <= 124; ++n) {
      std::string kept, digits, other;
      for (size_t i = 0; i < n; ++i) kept.push_back(i % 3 == 0 ? static_cast<char>('0' + i % 10) : "{a=, }"[i % 6]);
      MiddleMemo memo;
      memo.Add(kept);
      for (size_t at = 0; at < n; at += 3) {
        digits = other = kept;
        digits[at] = digits[at] == '9' ? '0' : '9';
        other[at] = 'x';
        EXPECT_TRUE(memo.Contains(digits)) << n << " " << at << " avx2=" << avx2;
        EXPECT_FALSE(memo.Contains(other)) << n << " " << at << " avx2=" << avx2;
      }
      EXPECT_FALSE(memo.Contains(kept + "0")) << n;
    }
    simd::SetAvx2(before);
  }
}

// MiddleCloses has an AVX2 version (32-byte blocks; a block of brackets alone is counted, not
// walked): on argument lists built from the bytes it acts on, at every offset of its blocks,
// both versions give the same answer, also where a bracket-only block closes the list early.
TEST(StraceArgs, FirstArgumentSameWithAvx2AndSse2) {
  if (!simd::CpuHasAvx2()) GTEST_SKIP() << "no AVX2 on this CPU";
  constexpr std::string_view kBytes = "[]{}()\"\\/*, <>a1";
  uint32_t seed = 2026;
  auto next = [&seed] { return seed = seed * 1103515245u + 12345u, (seed >> 16) & 0x7fff; };
  std::vector<std::string> texts = {
      "13<anon_inode:[eventpoll]>, [{events=EPOLLIN, data={u32=20, u64=20}}], 1024, 29983, NULL, 8) = 1",
      "22<socket:[37436]>, [{iov_base=\"HTTP/1.1 200 OK\\r\\ncontent-type: t\"..., iov_len=161}, {iov_base=\"\", "
      "iov_len=0}], 3) = 501 <0.000040>",
      "3, [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]], 0) = 0",
      "3, 0123456789012345678901234567890)]]]]]]]]]]]]]], [[[[[[[[[[[[[[, 1) = 0",
  };
  for (int i = 0; i < 3000; ++i) {
    std::string text = "3, ";
    const size_t size = next() % 100;
    std::string open;  // every other list: brackets that balance, the ones that would pass
    for (size_t k = 0; k < size; ++k) {
      char c = next() % 3 == 0 ? kBytes[next() % kBytes.size()] : 'x';
      if (i % 4 == 3 && (c == '"' || c == '/')) c = 'x';  // brackets alone: counted, not walked
      if (i % 2 == 1 && (c == ']' || c == '}' || c == ')')) {
        if (open.empty()) continue;
        text += open.back() == '[' ? ']' : open.back() == '{' ? '}' : ')';
        open.pop_back();
        continue;
      }
      if (c == '[' || c == '{' || c == '(') open += c;
      text += c;
    }
    while (i % 2 == 1 && !open.empty()) {
      text += open.back() == '[' ? ']' : open.back() == '{' ? '}' : ')';
      open.pop_back();
    }
    text += ") = 0";
    texts.push_back(std::move(text));
  }
  size_t read = 0;
  for (const std::string& text : texts) {
    ArgList sse2_args, avx2_args;
    FirstFd sse2_fd, avx2_fd;
    const bool before = simd::SetAvx2(false);
    const size_t sse2 = ScanFirstArg(text, &sse2_args, &sse2_fd);
    simd::SetAvx2(true);
    const size_t avx2 = ScanFirstArg(text, &avx2_args, &avx2_fd);
    simd::SetAvx2(before);
    ASSERT_EQ(avx2, sse2) << text;
    EXPECT_EQ(avx2_args.Get(0), sse2_args.Get(0)) << text;
    read += sse2 != std::string_view::npos;
  }
  EXPECT_GT(read, texts.size() / 10);  // the lists that pass are not rare
}

// SkipString's AVX2 version finds escaped quotes from the block's backslash mask: strings of
// quotes, backslashes (runs of every length, across the 32-byte blocks) and other bytes end
// at the same quote, or stay open, in both versions.
TEST(StraceArgs, StringsEndAtTheSameQuoteWithAvx2AndSse2) {
  if (!simd::CpuHasAvx2()) GTEST_SKIP() << "no AVX2 on this CPU";
  uint32_t seed = 7;
  auto next = [&seed] { return seed = seed * 1103515245u + 12345u, (seed >> 16) & 0x7fff; };
  size_t closed = 0, closed_late = 0;  // past the first block
  for (int i = 0; i < 5000; ++i) {
    std::string text = "\"";
    const size_t size = next() % 150;
    const uint32_t quote_odds = 4 + next() % 300;  // many strings run several blocks
    while (text.size() < size) {
      const uint32_t r = next() % quote_odds;
      text += r == 0 ? std::string("\"") : r < 3 ? std::string(next() % 5, '\\') : std::string(1, 'a' + next() % 3);
    }
    std::string sse2_out, avx2_out;
    bool sse2_cut = false, avx2_cut = false;
    const bool before = simd::SetAvx2(false);
    ParseString(text, &sse2_out, &sse2_cut);
    simd::SetAvx2(true);
    ParseString(text, &avx2_out, &avx2_cut);
    simd::SetAvx2(before);
    ASSERT_EQ(avx2_out, sse2_out) << text;
    ASSERT_EQ(avx2_cut, sse2_cut) << text;
    closed += !sse2_cut;
    closed_late += !sse2_cut && sse2_out.size() > 40;
  }
  EXPECT_GT(closed, 1000u);
  EXPECT_LT(closed, 4000u);
  EXPECT_GT(closed_late, 300u);
}

// On every call line of every real capture in testdata/, reading from both ends finds the
// same ')' and first argument as the full scan, and never accepts a list the scan rejects.
TEST(StraceArgs, FirstArgumentAgreesWithTheFullScanOnEveryCapturedLine) {
  namespace fs = std::filesystem;
  size_t compared = 0;
  MiddleMemo memo;
  for (const auto& entry : fs::recursive_directory_iterator(RUNDOWN_TESTDATA)) {
    const std::string name = entry.path().filename().string();
    const bool strace = name.starts_with("strace_log") || entry.path().parent_path().filename() == "strace";
    if (!entry.is_regular_file() || !strace) continue;
    std::string text = parser_test::Testdata(fs::relative(entry.path(), RUNDOWN_TESTDATA).string());
    std::string_view rest = text;
    while (!rest.empty()) {
      const size_t nl = rest.find('\n');
      std::string_view line = rest.substr(0, nl);
      rest = nl == std::string_view::npos ? std::string_view() : rest.substr(nl + 1);
      LineParts p;
      SplitLine(line, 1, &p);
      std::string_view call_name = CallName(p.body);
      if (call_name.empty()) continue;
      std::string_view after = p.body.substr(call_name.size() + 1);
      ArgList full, first;
      ScanStatus status;
      FirstFd fd;
      const size_t full_close = ScanArgs(after, &full, &status);
      const size_t first_close = ScanFirstArg(after, &first, &fd, &memo);  // memo shared by all lines
      if (first_close == std::string_view::npos) continue;
      SCOPED_TRACE(entry.path().string() + ": " + std::string(line));
      ASSERT_EQ(first_close, full_close);
      ASSERT_EQ(first.count, std::min(full.count, 1));
      EXPECT_EQ(first.Get(0), full.Get(0));
      if (fd.valid) {  // the fd read on the way is ParseFd's
        int32_t number;
        std::string_view annotation;
        ASSERT_TRUE(ParseFd(first.Get(0), &number, &annotation));
        EXPECT_EQ(fd.fd, number);
        EXPECT_EQ(fd.annotation, annotation);
      }
      ++compared;
    }
  }
  EXPECT_GT(compared, 10000u);  // the captures hold tens of thousands of calls
}

}  // namespace
}  // namespace rundown::strace
