#include "parsers/ps_parser.h"

#include <algorithm>
#include <limits>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "parsers/crlf_check.h"
#include "parsers/path_util.h"
#include "parsers/text_encoding.h"
#include "parsers/text_util.h"
#include "parsers/time_format.h"

namespace rundown {
namespace {

// What a header column means to us; everything else is read and dropped.
enum class Col : uint8_t {
  kOther, kPid, kPpid, kUser, kUid, kLwp, kNlwp, kStart, kCommand,
  kMemory,  // VSZ, RSS, SZ (top: VIRT, RES): all 0 for a kernel thread
  kState,   // STAT, S: "Z" for a zombie
  kPcpu,     // %CPU (ps: CPU time over the process's life; top: over its last interval), C
  kCpuTime,  // TIME, TIME+ (top): CPU time used
  kElapsed,  // ELAPSED (etime, etimes): time since the process started
};

struct Column {
  Col kind = Col::kOther;
  std::string_view name;
};

// ps's own header names, and the usual renamings of `ps -o pid=PID,ppid=PARENT,args=CMDLINE`.
Col ColumnKind(std::string_view h) {
  if (h == "PID") return Col::kPid;
  if (h == "PPID" || h == "PARENT" || h == "PARENT_PID") return Col::kPpid;
  if (h == "USER" || h == "EUSER" || h == "RUSER" || h == "OWNER") return Col::kUser;
  if (h == "UID" || h == "EUID" || h == "RUID") return Col::kUid;
  if (h == "LWP" || h == "SPID" || h == "TID") return Col::kLwp;
  if (h == "NLWP" || h == "THCNT") return Col::kNlwp;
  if (h == "VSZ" || h == "VSIZE" || h == "RSS" || h == "RSZ" || h == "RSSIZE" || h == "SZ" || h == "VIRT" ||
      h == "RES")
    return Col::kMemory;
  if (h == "STAT" || h == "S" || h == "STATE") return Col::kState;
  if (h == "%CPU" || h == "PCPU" || h == "C") return Col::kPcpu;
  if (h == "TIME" || h == "TIME+" || h == "CPUTIME") return Col::kCpuTime;
  if (h == "ELAPSED" || h == "ETIME" || h == "ETIMES") return Col::kElapsed;
  if (h == "STIME" || h == "START" || h == "STARTED" || h == "LSTART") return Col::kStart;
  if (h == "COMMAND" || h == "CMD" || h == "ARGS" || h == "COMM" || h == "UCOMM" || h == "UCMD" || h == "CMDLINE" ||
      h == "COMMAND_LINE" || h == "PROGRAM")
    return Col::kCommand;
  return Col::kOther;
}

bool IsHeaderWord(std::string_view w) {
  if (w.empty()) return false;
  for (char c : w) {
    bool ok = (c >= 'A' && c <= 'Z') || IsDigit(c) || c == '%' || c == '_' || c == '-' || c == '+';
    if (!ok) return false;
  }
  return true;
}

// Whitespace tokens with their end offsets.
struct Cursor {
  std::string_view line;
  size_t pos = 0;
  std::string_view Next() {
    while (pos < line.size() && IsSpace(line[pos])) ++pos;
    size_t start = pos;
    while (pos < line.size() && !IsSpace(line[pos])) ++pos;
    return line.substr(start, pos - start);
  }
  std::string_view Peek() const {
    Cursor c = *this;
    return c.Next();
  }
};

bool IsOneOf(std::string_view s, std::initializer_list<std::string_view> set) {
  for (std::string_view x : set)
    if (x == s) return true;
  return false;
}

bool IsWeekday(std::string_view s) {
  return IsOneOf(s, {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"});
}
bool IsMonth(std::string_view s) {
  return IsOneOf(s, {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"});
}

// Reads a start-time field: "00:39", "Nov22", "2025", lstart "Mon Nov 23 00:39:53 2026",
// bsdstart "Nov 22". Returns the text span.
std::string_view ReadStart(Cursor* c) {
  size_t before = c->pos;
  std::string_view first = c->Next();
  size_t extra = 0;
  if (IsWeekday(first)) extra = 4;
  else if (IsMonth(first) && c->Peek().size() <= 2 && !c->Peek().empty() && IsDigit(c->Peek()[0])) extra = 1;
  for (size_t i = 0; i < extra; ++i) c->Next();
  std::string_view span = c->line.substr(before, c->pos - before);
  return StripSpaces(span);
}

// "  \_ node app.js" / "      | \_ sh" (forest art) or "    node" (-H indentation):
// returns the command without them and the tree level.
std::string_view StripTree(std::string_view cmd, int32_t* depth) {
  size_t i = 0;
  while (i < cmd.size() && (cmd[i] == ' ' || cmd[i] == '|')) ++i;
  if (cmd.substr(i).starts_with("\\_ ")) {
    *depth = static_cast<int32_t>(i / 4) + 1;
    return cmd.substr(i + 3);
  }
  size_t spaces = 0;
  while (spaces < cmd.size() && cmd[spaces] == ' ') ++spaces;
  *depth = static_cast<int32_t>(spaces / 2);
  return cmd.substr(spaces);
}

// "node" from "/usr/bin/node app.js", "kthreadd" from "[kthreadd]".
std::string_view CommandName(std::string_view cmd) {
  if (cmd.size() > 2 && cmd.front() == '[') {
    size_t close = cmd.find(']');
    if (close != std::string_view::npos) return cmd.substr(1, close - 1);
  }
  return ProgramOf(cmd);
}

// Terminal columns of the character at s[i], whose byte length goes to *len: ps pads its
// columns by terminal columns, and an East Asian wide or fullwidth character takes 2. A byte
// that starts no UTF-8 sequence counts 1.
int CharColumns(std::string_view s, size_t i, size_t* len) {
  const size_t n = Utf8SequenceLength(s, i);
  *len = n == 0 ? 1 : n;
  if (n < 3) return 1;
  const auto b = [&](size_t k) { return static_cast<uint32_t>(static_cast<unsigned char>(s[i + k])); };
  const uint32_t cp = n == 3 ? ((b(0) & 0x0F) << 12) | ((b(1) & 0x3F) << 6) | (b(2) & 0x3F)
                             : ((b(0) & 0x07) << 18) | ((b(1) & 0x3F) << 12) | ((b(2) & 0x3F) << 6) | (b(3) & 0x3F);
  const bool wide = (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0x303E) ||
                    (cp >= 0x3041 && cp <= 0x33FF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
                    (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0xA000 && cp <= 0xA4CF) ||
                    (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
                    (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
                    (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x1F300 && cp <= 0x1F64F) ||
                    (cp >= 0x1F900 && cp <= 0x1F9FF) || (cp >= 0x20000 && cp <= 0x3FFFD);
  return wide ? 2 : 1;
}

// The byte of `line` at which terminal column `col` starts; npos when the line is shorter or
// a wide character straddles it.
size_t ByteAtColumn(std::string_view line, size_t col) {
  size_t at = 0, i = 0;
  while (i < line.size() && at < col) {
    size_t len = 1;
    at += static_cast<size_t>(CharColumns(line, i, &len));
    i += len;
  }
  return at == col ? i : std::string_view::npos;
}

struct Header {
  std::vector<Column> cols;
  std::vector<size_t> starts;  // where each header word starts (the header is ASCII: a column)
  bool rest_is_command = false;  // last column takes the rest of the line
  // A command column before others ("ps -eo args,pid,ppid"): ps pads or cuts it to the
  // header's width and its text may hold spaces, so the one-word columns after it are read
  // from the end of the row. -1 when the command is last or absent.
  int inner_command = -1;
  int pid = -1, user = -1, lwp = -1, nlwp = -1;
};

bool ParseHeader(std::string_view line, Header* h) {
  Cursor c{line};
  Header out;
  bool has_pid = false;
  for (std::string_view w = c.Next(); !w.empty(); w = c.Next()) {
    if (!IsHeaderWord(w)) return false;
    Column col{ColumnKind(w), w};
    has_pid |= col.kind == Col::kPid;
    out.cols.push_back(col);
    out.starts.push_back(c.pos - w.size());
  }
  if (!has_pid) return false;
  out.rest_is_command = out.cols.back().kind == Col::kCommand;
  if (!out.rest_is_command) {
    for (size_t i = 0; i < out.cols.size() && out.inner_command < 0; ++i)
      if (out.cols[i].kind == Col::kCommand) out.inner_command = static_cast<int>(i);
    for (size_t i = out.inner_command + 1; out.inner_command >= 0 && i < out.cols.size(); ++i)
      if (out.cols[i].kind == Col::kStart) out.inner_command = -1;  // LSTART has spaces too
  }
  for (size_t i = 0; i < out.cols.size(); ++i) {
    Col k = out.cols[i].kind;
    int idx = static_cast<int>(i);
    if (k == Col::kPid && out.pid < 0) out.pid = idx;
    if (k == Col::kLwp && out.lwp < 0) out.lwp = idx;
    if (k == Col::kNlwp && out.nlwp < 0) out.nlwp = idx;
    if (k == Col::kUser && (out.user < 0 || out.cols[out.user].kind == Col::kUid)) out.user = idx;
    if (k == Col::kUid && out.user < 0) out.user = idx;
  }
  *h = std::move(out);
  return true;
}

// A %CPU value in tenths of a percent: "28.4", "0.0", -ef's C "28", BusyBox top's "15%".
bool ParsePcpu(std::string_view tok, int32_t* tenths) {
  if (tok.ends_with('%')) tok.remove_suffix(1);
  const size_t dot = tok.find('.');
  int32_t whole = 0, frac = 0;
  if (!ParseInt(tok.substr(0, dot), &whole) || whole < 0 || whole > 100000) return false;
  if (dot != std::string_view::npos) {
    std::string_view f = tok.substr(dot + 1);
    if (f.empty() || !IsDigit(f[0]) || !ParseInt(f, &frac)) return false;
    frac = f[0] - '0';  // tenths; ps prints one decimal, top one or two
  }
  *tenths = whole * 10 + frac;
  return true;
}

// A time span in whole seconds: procps's TIME "00:00:04" and "1-02:03:04" ([DD-]HH:MM:SS),
// aux's "0:02" (M:SS), top's TIME+ "0:08.23" (M:SS.hh, the hundredths dropped), etime
// "00:16" / "1-00:00:01", and etimes' plain seconds "13".
bool ParseSpan(std::string_view tok, int32_t* seconds) {
  int64_t total = 0;
  if (size_t dash = tok.find('-'); dash != std::string_view::npos) {
    int32_t days = 0;
    if (!ParseInt(tok.substr(0, dash), &days) || days < 0) return false;
    total = int64_t{days} * 86400;
    tok.remove_prefix(dash + 1);
  }
  if (size_t dot = tok.find('.'); dot != std::string_view::npos) tok = tok.substr(0, dot);
  int64_t part_total = 0;
  int parts = 0;
  for (std::string_view rest = tok;; ++parts) {
    const size_t colon = rest.find(':');
    int32_t v = 0;
    if (parts == 3 || !ParseInt(rest.substr(0, colon), &v) || v < 0) return false;
    part_total = part_total * 60 + v;
    if (colon == std::string_view::npos) break;
    rest.remove_prefix(colon + 1);
  }
  total += part_total;
  if (total > std::numeric_limits<int32_t>::max()) return false;
  *seconds = static_cast<int32_t>(total);
  return true;
}

struct Row {
  int32_t pid = -1, ppid = -1, lwp = -1, nlwp = -1, depth = 0;
  int32_t pcpu = -1, cpu_s = -1, elapsed_s = -1;  // tenths of a percent, seconds; -1 no column
  bool thread_of_above = false;  // ps -m: "-" in the PID column, a thread of the process above
  int memory_columns = 0;    // how many memory columns the row has, and
  bool memory_zero = true;   // whether all of them read 0
  std::string_view user, start, command, comm, state;
  // A kernel thread has no memory of its own: VSZ, RSS and SZ are 0. So has a zombie, which
  // ps marks with STAT Z and "<defunct>"; a user process named "[kworker/0:1]" has memory.
  bool KernelThread() const {
    return memory_columns > 0 && memory_zero && state.find('Z') == std::string_view::npos &&
           !command.ends_with(" <defunct>");
  }
};

// BusyBox ps prints a process whose name differs from its argv[0]'s last component as
// "{name} argv..." in its COMMAND/args column ("{inside.sh} /bin/bash ./inside.sh": the
// kernel's comm is the script's name), so a process that renamed itself ("{kworker/0:1}
// python3 x.py") shows both. The name is the comm unless a comm column gave one.
void SplitBraceName(Row* row) {
  std::string_view cmd = row->command;
  size_t close = cmd.find("} ");
  if (cmd.empty() || cmd.front() != '{' || close == std::string_view::npos || close < 2) return;
  std::string_view name = cmd.substr(1, close - 1);
  std::string_view args = StripSpaces(cmd.substr(close + 2));
  if (name.find('}') != std::string_view::npos || args.empty()) return;
  if (row->comm.empty()) row->comm = name;
  row->command = args;
}

class PsFile {
 public:
  explicit PsFile(EventBatch* out) : out_(out) {}

  void Line(std::string_view line, uint32_t n) {
    if (StripSpaces(line).empty()) return;
    if (int64_t ns; ParseDateLine(line, &ns) || IsTopSummary(line)) {  // `date` between snapshots, top's summary
      ++out_->counters.annotations;
      if (line.starts_with("Threads:") && !thread_rows_) {
        thread_rows_ = true;
        out_->Report(n, "top -H lists threads, not processes: its rows are not read as processes", line);
      }
      return;
    }
    Header h;
    if (ParseHeader(line, &h)) {
      header_ = std::move(h);
      have_header_ = true;
      ++out_->counters.annotations;
      return;
    }
    if (!have_header_ && (line.starts_with("error: ") || line.starts_with("ps: "))) {
      // procps's `error: unknown user-defined format specifier "foo"` (then its usage text),
      // BusyBox's `ps: bad -o argument 'time', supported arguments: ...`: ps printed no table.
      usage_ = true;
      out_->Report(n, "an error message of ps (its stderr was captured with the output): ps printed no table", line);
      return;
    }
    if (usage_ && !have_header_) {  // the usage text after procps's error
      ++out_->counters.annotations;
      return;
    }
    if (!have_header_) {
      out_->Report(n, "no ps header (PID ... COMMAND) before this row (ps --no-headers or -o col= output: its columns cannot be named)", line);
      return;
    }
    if (thread_rows_) {  // a thread's tid in the PID column: no process to attribute it to
      ++out_->counters.annotations;
      return;
    }
    Row row;
    std::string_view err = ReadRow(line, &row);
    if (!err.empty()) {
      out_->Report(n, err, line);
      return;
    }
    if (row.thread_of_above) return ThreadRow(line, n);
    SplitBraceName(&row);
    Emit(row, n);
  }

 private:
  std::string_view ReadRow(std::string_view line, Row* row) const {
    Cursor c{line};
    size_t ncols = header_.cols.size();
    if (header_.inner_command >= 0) {
      // The columns after the command, one word each, from the end of the row.
      std::string_view rest = line;
      for (size_t i = ncols; i-- > static_cast<size_t>(header_.inner_command) + 1;) {
        while (!rest.empty() && IsSpace(rest.back())) rest.remove_suffix(1);
        size_t space = rest.find_last_of(" \t");
        std::string_view tok = rest.substr(space == std::string_view::npos ? 0 : space + 1);
        if (tok.empty()) return "row has fewer columns than the header";
        if (!Assign(header_.cols[i].kind, static_cast<int>(i), tok, row)) return "column value does not fit the header";
        rest.remove_suffix(tok.size());
      }
      line = rest;
      c = Cursor{line};
      ncols = static_cast<size_t>(header_.inner_command) + 1;
    }
    for (size_t i = 0; i < ncols; ++i) {
      const Column& col = header_.cols[i];
      if (static_cast<int>(i) == header_.inner_command) {
        row->command = StripSpaces(line.substr(std::min(c.pos, line.size())));
        if (row->command.empty()) return "row has no command";
        break;
      }
      if (i + 1 == ncols && header_.rest_is_command) {
        // Columns are separated by one space; what follows it belongs to the command,
        // tree art and indentation included.
        size_t start = i == 0 ? 0 : c.pos + 1;
        if (start > line.size() || StripSpaces(line.substr(std::min(start, line.size()))).empty())
          return "row ends before the command column";
        row->command = StripTree(line.substr(start), &row->depth);
        while (!row->command.empty() && IsSpace(row->command.back())) row->command.remove_suffix(1);
        break;
      }
      std::string_view tok = col.kind == Col::kStart     ? ReadStart(&c)
                             : col.kind == Col::kCommand ? ReadPaddedName(&c, i)
                                                         : c.Next();
      if (tok.empty()) return "row has fewer columns than the header";
      if (!Assign(col.kind, static_cast<int>(i), tok, row)) return "column value does not fit the header";
    }
    if (!header_.rest_is_command && header_.inner_command < 0 && !StripSpaces(line.substr(c.pos)).empty())
      return "row has more columns than the header";
    return {};
  }

  // A name column before the command ("ps -eo pid,comm,args", "ps -eLo pid,lwp,comm,args"): a
  // process or thread name may hold spaces ("睡眠 prog", Firefox's "Web Content", "GC
  // Thread#0"). ps pads it to its width, so when the column after it is left-aligned (starts
  // where its header starts) the name ends there. Else, or when the row does not line up
  // (a column before it overflowed), one word.
  std::string_view ReadPaddedName(Cursor* c, size_t i) const {
    const size_t next = i + 1;
    if (next >= header_.cols.size() || (header_.cols[next].kind != Col::kCommand && header_.cols[next].kind != Col::kUser))
      return c->Next();
    std::string_view line = c->line;
    size_t start = c->pos;
    while (start < line.size() && IsSpace(line[start])) ++start;
    const size_t end = ByteAtColumn(line, header_.starts[next]);
    if (end == std::string_view::npos || end <= start + 1 || end >= line.size() || line[end - 1] != ' ' ||
        IsSpace(line[end]))
      return c->Next();
    c->pos = end - 1;  // the separator: the command column starts after it
    return StripSpaces(line.substr(start, end - 1 - start));
  }

  // ps -m (`ps -em`, `ps axm`, `ps -efm`) lists each process's threads under it, with "-" in
  // the columns that belong to the process (PID, PPID, the process row's LWP):
  //       1 ?        -      0:00 /bin/bash ./snap.sh --inside
  //       - -        S      0:00 -
  // A thread row is an annotation that counts a thread of the process above when the listing
  // has no NLWP column.
  void ThreadRow(std::string_view line, uint32_t n) {
    if (last_process_ == kNoEvent) {
      out_->Report(n, "thread row (ps -m) with no process row above it", line);
      return;
    }
    ++out_->counters.annotations;
    if (header_.nlwp >= 0) return;
    int32_t& threads = out_->details[out_->events[last_process_].detail].b;
    threads = threads < 0 ? 1 : threads + 1;
  }

  bool Assign(Col kind, int idx, std::string_view tok, Row* row) const {
    if (tok == "-" && (kind == Col::kPid || kind == Col::kPpid || kind == Col::kLwp || kind == Col::kNlwp)) {
      row->thread_of_above |= kind == Col::kPid;
      return true;
    }
    switch (kind) {
      case Col::kPid: return ParseInt(tok, &row->pid) && row->pid >= 0;
      case Col::kPpid: return ParseInt(tok, &row->ppid);
      case Col::kLwp: return ParseInt(tok, &row->lwp);
      case Col::kNlwp: return ParseInt(tok, &row->nlwp);
      case Col::kStart: row->start = tok; return true;
      case Col::kMemory:
        ++row->memory_columns;
        row->memory_zero &= tok == "0";
        return true;
      case Col::kState: row->state = tok; return true;
      // A value these columns do not parse ("-") leaves the row as it was: -1, unknown.
      case Col::kPcpu: ParsePcpu(tok, &row->pcpu); return true;
      case Col::kCpuTime: ParseSpan(tok, &row->cpu_s); return true;
      case Col::kElapsed: ParseSpan(tok, &row->elapsed_s); return true;
      case Col::kCommand: row->comm = tok; return true;
      case Col::kUser:
      case Col::kUid:
        if (idx == header_.user) row->user = tok;
        return true;
      case Col::kOther: return true;
    }
    return true;
  }

  void Emit(const Row& row, uint32_t n) {
    const std::string_view cmd = row.command.empty() ? row.comm : row.command;
    if (header_.lwp >= 0) {
      // -L: one row per thread; the process's first row stands for it. A thread named
      // otherwise is kept as a thread row: a renamed thread is how a program hides as
      // "kworker/0:2H". Its name is the comm column's, or without one the command column's:
      // ps -eL prints each thread's name there ("CMD" is comm), ps -eLf the shared argv.
      auto [it, fresh] = seen_.try_emplace(row.pid, out_->events.size());
      if (!fresh) {
        Event& process = out_->events[it->second];
        if (header_.nlwp < 0) ++out_->details[process.detail].b;
        ++out_->counters.annotations;
        const bool renamed = row.comm.empty() ? out_->strings.Intern(cmd) != process.str
                                              : out_->Name(row.comm) != process.name;
        if (renamed) EmitThread(process, row, out_->Name(row.comm.empty() ? cmd : row.comm), n);
        return;
      }
    }
    Detail d;
    d.str2 = out_->strings.Intern(row.user);
    d.str3 = out_->strings.Intern(row.start);
    d.a = row.ppid;
    d.b = row.nlwp >= 0 ? row.nlwp : (header_.lwp >= 0 && row.lwp >= 0 ? 1 : -1);  // ps -m: LWP "-"
    d.c = row.depth;
    if (row.KernelThread()) d.flags |= kPsKernelThread;
    if (row.memory_columns > 0) d.flags |= kPsHasMemory;
    Event e;
    e.type = EventType::kProcessRow;
    e.line = n;
    e.tid = row.pid;
    e.str = out_->strings.Intern(cmd);
    e.name = out_->Name(row.comm.empty() ? CommandName(cmd) : row.comm);
    e.detail = out_->AddDetail(d);
    e.result = CpuShare(row);
    e.fd = row.cpu_s;
    last_process_ = static_cast<uint32_t>(out_->events.size());
    out_->events.push_back(e);
    ++out_->counters.events;
  }

  // The %CPU column, else TIME over ELAPSED (what procps computes %CPU from), in tenths of a
  // percent; -1 when neither is there (ps -ef's TIME alone: STIME is to the minute).
  static int32_t CpuShare(const Row& row) {
    if (row.pcpu >= 0) return row.pcpu;
    if (row.cpu_s < 0 || row.elapsed_s <= 0) return -1;
    return static_cast<int32_t>(std::min<int64_t>(int64_t{row.cpu_s} * 1000 / row.elapsed_s, 1000000));
  }

  // A thread row (kPsThreadRow) after its process's row: the process's columns, the thread's
  // name and id. Copied before the push: `process` points into the vector.
  void EmitThread(const Event& process, const Row& row, NameId name, uint32_t n) {
    Detail d = out_->details[process.detail];
    d.flags |= kPsThreadRow;
    d.b = row.lwp;
    Event e = process;
    e.line = n;
    e.name = name;
    e.detail = out_->AddDetail(d);
    out_->events.push_back(e);
    ++out_->counters.events;
  }

  static constexpr uint32_t kNoEvent = static_cast<uint32_t>(-1);
  uint32_t last_process_ = kNoEvent;  // the last process row emitted (ps -m thread rows follow it)

  EventBatch* out_;
  Header header_;
  bool have_header_ = false;
  bool thread_rows_ = false;  // after top -H's "Threads:" summary
  bool usage_ = false;        // after ps's error message: its usage text follows
  absl::flat_hash_map<int32_t, size_t> seen_;
};

}  // namespace

// top -b's summary area (procps-ng 4):
//   top - 00:27:19 up 12:35,  0 user,  load average: 5.04, 3.48, 1.78
//   Tasks:  81 total,   4 running,  77 sleeping,   0 stopped,   0 zombie   ("Threads:" with -H)
//   %Cpu(s):100.0 us,  0.0 sy, ...                                          ("%Cpu0  :" with -1)
//   MiB Mem :  24105.1 total, ...    MiB Swap:      0.0 total, ...          (KiB/GiB with -E)
bool IsTopSummary(std::string_view line) {
  if (line.starts_with("top - ")) return line.find(" up ") != std::string_view::npos;
  if (line.starts_with("Tasks:") || line.starts_with("Threads:") || line.starts_with("%Cpu")) return true;
  // BusyBox's top -b: "Mem: 7814928K used, ...", "CPU:  96% usr ...", "Load average: 14.23 ...".
  if (line.starts_with("Mem: ") || line.starts_with("CPU: ") || line.starts_with("Load average: ")) return true;
  if (line.size() < 9 || line[1] != 'i' || line[2] != 'B' || line[3] != ' ') return false;  // KiB MiB GiB TiB PiB EiB
  std::string_view what = line.substr(4);
  return what.starts_with("Mem ") || what.starts_with("Mem:") || what.starts_with("Swap:");
}

bool IsPsHeader(std::string_view line) {
  Header h;
  if (!ParseHeader(line, &h)) return false;
  return std::any_of(h.cols.begin(), h.cols.end(), [](const Column& c) { return c.kind == Col::kCommand; });
}

void PsParser::ParseChunk(const FileContext& ctx, const Chunk& chunk, EventBatch* out) const {
  PsFile file(out);
  ReportCrlf(chunk.text, out);
  out->counters.lines += ForEachLine(chunk.text, [&](std::string_view line, uint32_t n) { file.Line(line, n); });
}

}  // namespace rundown
