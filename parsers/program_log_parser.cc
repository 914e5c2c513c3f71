#include "parsers/program_log_parser.h"

#include <cmath>
#include <string>
#include <vector>

#include "parsers/crlf_check.h"
#include "parsers/text_util.h"
#include "parsers/time_format.h"
#include "re2/re2.h"
#include "simdjson.h"

namespace rundown {
namespace {

constexpr size_t kMaxLogLine = 64 * 1024;

// ---- levels ----

// Normalized level names; "" when the line names none.
std::string_view NormalizeLevel(std::string_view word) {
  std::string up;
  for (char c : word.substr(0, 16)) up.push_back((c >= 'a' && c <= 'z') ? static_cast<char>(c - 32) : c);
  static constexpr std::pair<std::string_view, std::string_view> kLevels[] = {
      {"TRACE", "TRACE"}, {"FINEST", "TRACE"}, {"FINER", "TRACE"}, {"SILLY", "TRACE"},
      {"DEBUG", "DEBUG"}, {"DBG", "DEBUG"}, {"FINE", "DEBUG"}, {"VERBOSE", "DEBUG"},
      {"INFO", "INFO"}, {"INF", "INFO"}, {"NOTICE", "INFO"}, {"HTTP", "INFO"},
      {"WARN", "WARN"}, {"WARNING", "WARN"}, {"WRN", "WARN"},
      {"ERROR", "ERROR"}, {"ERR", "ERROR"}, {"SEVERE", "ERROR"},
      {"FATAL", "FATAL"}, {"CRITICAL", "FATAL"}, {"CRIT", "FATAL"}, {"EMERG", "FATAL"},
      {"ALERT", "FATAL"}, {"PANIC", "FATAL"},
  };
  for (const auto& [w, level] : kLevels)
    if (w == up) return level;
  return {};
}

std::string_view LevelFromNumber(double v) {
  if (v <= 10) return "TRACE";
  if (v <= 20) return "DEBUG";
  if (v <= 30) return "INFO";
  if (v <= 40) return "WARN";
  if (v <= 50) return "ERROR";
  return "FATAL";
}

uint32_t LevelFlags(std::string_view level) {
  if (level == "WARN") return kLogWarning;
  if (level == "ERROR") return kLogError;
  if (level == "FATAL") return kLogError | kLogFatal;
  return 0;
}

// ---- patterns ----

struct Patterns {
  // "Error: Cannot find module 'ws'", "TypeError [ERR_X]: ...", "[UnhandledPromiseRejection: ...] {",
  // "java.lang.IllegalStateException: x", "ModuleNotFoundError: No module named 'x'".
  RE2 error_header{R"(^(?:Uncaught )?\[?([A-Za-z_$][\w$.]*(?:Error|Exception|Rejection|Warning))(?: \[([A-Z0-9_]+)\])?(?::.*|\]?(?: \{)?)$)"};
  RE2 throw_site{R"(^(?:node:[\w/.-]+|/\S+\.(?:m?js|cjs|ts|mts)|file:///\S+):\d+$)"};
  RE2 node_trailer{R"(^Node\.js v\d+\.\d+\.\d+)"};
  RE2 node_warning{R"(^\(node:\d+\) (?:\[(\w+)\] )?(\w+):)"};
  RE2 code_prop{R"(^\s+code: '([A-Za-z0-9_]+)')"};
  RE2 java_thread{R"re(^Exception in thread "([^"]*)" ([\w.$]+))re"};
  RE2 go_frame{R"(^(?:[\w.*/()\[\]-]+\(.*\)|created by .*)$)"};
  RE2 npm{R"(^npm (ERR!|error|WARN|warn)\s?(.*)$)"};
  RE2 npm_code{R"(^code (\S+))"};
  RE2 python_logging{R"(^(DEBUG|INFO|WARNING|ERROR|CRITICAL):([^:\s]*):(.*)$)"};
  RE2 logfmt_level{R"((?:^|\s)(?:level|lvl|severity)=\"?(\w+))"};
  RE2 logfmt_msg{R"re((?:^|\s)(?:msg|message)=(?:"((?:[^"\\]|\\.)*)"|(\S+)))re"};
  RE2 listening{R"((?i)\b(?:listening (?:on|at)|now listening|serving http on|running on https?://|server (?:started|running|listening) (?:on|at)|started (?:server )?on (?:port|https?://)|tomcat started on port|ready on https?://|(?:serving|running|available|started)\b.{0,80}\b(?:on|at) https?://))"};
  // The shell's own errors: dash "./start.sh: 5: wait-for-it: not found", bash "x.sh: line 5:
  // foo: command not found", "./install.sh: line 38: /etc/cron.d/x: Permission denied".
  RE2 shell_error{R"(^(?:\S+: (?:line )?\d+|(?:ba|da|z)?sh(?:: \d+)?): (?:.+): (not found|command not found|Permission denied|No such file or directory|Is a directory|Text file busy|Exec format error|Read-only file system)$)"};
  // ld.so: "./reportd: error while loading shared libraries: libgreet.so.1: cannot open ..."
  RE2 loader_error{R"(: error while loading shared libraries: ([^:]+):)"};
  // A shell reporting a child killed by a signal: "Segmentation fault (core dumped)",
  // "bash: line 1:  1234 Aborted                 (core dumped) ./x"; glibc's abort messages.
  RE2 killed_by_signal{R"(^(?:\S+: line \d+:\s+\d+ )?(Segmentation fault|Aborted|Bus error|Illegal instruction|Floating point exception|Killed)(?:\s+\(core dumped\))?(?:\s.*)?$)"};
  RE2 glibc_abort{R"(^(?:\*\*\* .* \*\*\*: terminated|free\(\): .*|malloc\(\): .*|double free or corruption.*)$)"};
  RE2 rust_panic{R"(^thread '([^']*)' panicked at )"};
  // syslog-style "kvstore[52]:" after the timestamp.
  RE2 tag_pid{R"(^([\w.-]+)\[(\d+)\]:$)"};
  RE2 dependency{R"(Cannot find module|Cannot find package|No module named|MODULE_NOT_FOUND|ModuleNotFoundError|ImportError|ClassNotFoundException|NoClassDefFoundError|cannot find package|ERR_REQUIRE_ESM)"};
};

const Patterns& P() {
  static const Patterns* p = new Patterns;  // never destroyed: used from parser threads
  return *p;
}

re2::StringPiece Piece(std::string_view s) { return re2::StringPiece(s.data(), s.size()); }

bool Contains(std::string_view s, const RE2& re) { return RE2::PartialMatch(Piece(s), re); }

bool IsDependencyKind(std::string_view kind) {
  return kind == "MODULE_NOT_FOUND" || kind == "ERR_MODULE_NOT_FOUND" || kind == "ModuleNotFoundError" ||
         kind == "ImportError" || kind == "java.lang.ClassNotFoundException" ||
         kind == "java.lang.NoClassDefFoundError" || kind == "ERR_REQUIRE_ESM";
}

// ---- text records ----

struct TextRecord {
  std::string_view level;  // normalized, "" none
  std::string_view logger;
  std::string_view message;
  int32_t pid = 0;         // syslog-style "name[pid]:"
  bool has_time = false;
  CivilTime time;
};

size_t ReadTimestamp(std::string_view s, TextRecord* r) {
  if (!s.empty() && s.front() == '[') {
    size_t n = ParseLooseTimestamp(s.substr(1), &r->time);
    if (n != kNoMatch && 1 + n < s.size() && s[1 + n] == ']') {
      r->has_time = true;
      return n + 2;
    }
    return 0;
  }
  size_t n = ParseLooseTimestamp(s, &r->time);
  if (n == kNoMatch) return 0;
  r->has_time = true;
  return n;
}

std::string_view SkipSpaces(std::string_view s) {
  while (!s.empty() && IsSpace(s.front())) s.remove_prefix(1);
  return s;
}

// "INFO", "[WARN]", "<error>", "error:" -> level; plain lowercase words only when decorated.
std::string_view LevelToken(std::string_view tok) {
  // Script markers: "[!] no crontab", "[*] done", "[+] ok", "[-] failed".
  if (tok == "[!]") return "WARN";
  if (tok == "[*]" || tok == "[+]" || tok == "[i]") return "INFO";
  if (tok == "[-]" || tok == "[x]") return "ERROR";
  std::string_view core = tok;
  bool decorated = false;
  if (core.size() > 2 && ((core.front() == '[' && core.back() == ']') || (core.front() == '<' && core.back() == '>'))) {
    core = core.substr(1, core.size() - 2);
    decorated = true;
  }
  if (core.size() > 1 && core.back() == ':') {
    core.remove_suffix(1);
    decorated = true;
  }
  bool upper = !core.empty() && core.front() >= 'A' && core.front() <= 'Z' && core.back() >= 'A' && core.back() <= 'Z';
  if (!decorated && !upper) return {};
  return NormalizeLevel(core);
}

bool IsLoggerName(std::string_view tok) {
  if (tok.size() < 2 || tok.back() != ':') return false;
  for (char c : tok.substr(0, tok.size() - 1)) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || IsDigit(c) || c == '.' || c == '_' ||
              c == '-' || c == '/' || c == '$' || c == '#';
    if (!ok) return false;
  }
  return true;
}

TextRecord ParseTextRecord(std::string_view line) {
  TextRecord r;
  std::string_view s = SkipSpaces(line.substr(ReadTimestamp(line, &r)));
  r.message = s;
  re2::StringPiece lv, lg, msg;
  if (RE2::FullMatch(Piece(s), P().python_logging, &lv, &lg, &msg)) {
    r.level = NormalizeLevel(std::string_view(lv.data(), lv.size()));
    r.logger = std::string_view(lg.data(), lg.size());
    r.message = std::string_view(msg.data(), msg.size());
    return r;
  }
  if (RE2::PartialMatch(Piece(s), P().logfmt_level, &lv)) {
    r.level = NormalizeLevel(std::string_view(lv.data(), lv.size()));
    re2::StringPiece quoted, bare;
    if (RE2::PartialMatch(Piece(s), P().logfmt_msg, &quoted, &bare))
      r.message = quoted.data() ? std::string_view(quoted.data(), quoted.size()) : std::string_view(bare.data(), bare.size());
    return r;
  }
  size_t sp = s.find(' ');
  std::string_view tok = s.substr(0, sp);
  re2::StringPiece tag, pid;
  if (sp != std::string_view::npos && RE2::FullMatch(Piece(tok), P().tag_pid, &tag, &pid)) {
    // "2026-11-23T01:10:33Z kvstore[52]: listening on 127.0.0.1:9100"
    r.logger = std::string_view(tag.data(), tag.size());
    (void)ParseInt(std::string_view(pid.data(), pid.size()), &r.pid);
    r.message = SkipSpaces(s.substr(sp));
    return r;
  }
  r.level = LevelToken(tok);
  if (r.level.empty()) return r;
  s = SkipSpaces(sp == std::string_view::npos ? std::string_view() : s.substr(sp));
  r.message = s;
  sp = s.find(' ');
  if (sp != std::string_view::npos && IsLoggerName(s.substr(0, sp))) {
    r.logger = s.substr(0, sp - 1);
    r.message = SkipSpaces(s.substr(sp));
  }
  return r;
}

// ---- NDJSON records ----

struct JsonRecord {
  std::string_view level;
  std::string logger, msg, err_type, err_message, err_code, err_stack;
  bool has_err = false;
  int64_t time_ns = kNoTime;
  bool time_has_date = false;
  int32_t pid = 0;
};

int64_t NumberTimeNs(double v) {
  if (v > 1e17) return static_cast<int64_t>(v);                    // ns
  if (v > 1e14) return static_cast<int64_t>(v * 1e3);              // us
  if (v > 1e11) return static_cast<int64_t>(std::llround(v)) * 1000000;  // ms (Date.now())
  return static_cast<int64_t>(std::llround(v * 1e9));              // s
}

bool ReadString(simdjson::ondemand::value v, std::string* out) {
  std::string_view s;
  if (v.get_string().get(s) != simdjson::SUCCESS) return false;
  out->assign(s);
  return true;
}

class JsonReader {
 public:
  // Returns "" or the error message.
  std::string Read(std::string_view line, JsonRecord* rec) {
    buf_.assign(line);
    buf_.resize(line.size() + simdjson::SIMDJSON_PADDING);
    simdjson::ondemand::document doc;
    auto err = parser_.iterate(simdjson::padded_string_view(buf_.data(), line.size(), buf_.size())).get(doc);
    simdjson::ondemand::object obj;
    if (!err) err = doc.get_object().get(obj);
    if (!err) err = ReadFields(obj, rec);
    if (err) return StrCat("invalid JSON record: ", simdjson::error_message(err));
    const char* loc = nullptr;
    if (doc.current_location().get(loc) == simdjson::SUCCESS) return "invalid JSON record: text after the object";
    return {};
  }

 private:
  simdjson::error_code ReadFields(simdjson::ondemand::object& obj, JsonRecord* rec) {
    for (auto field : obj) {
      std::string_view key;
      simdjson::ondemand::value v;
      if (auto e = field.unescaped_key().get(key)) return e;
      if (auto e = field.value().get(v)) return e;
      if (auto e = ReadField(key, v, rec)) return e;
    }
    return simdjson::SUCCESS;
  }

  simdjson::error_code ReadField(std::string_view key, simdjson::ondemand::value v, JsonRecord* rec) {
    simdjson::ondemand::json_type type;
    if (auto e = v.type().get(type)) return e;
    using T = simdjson::ondemand::json_type;
    if (key == "level" || key == "severity" || key == "levelname" || key == "lvl" || key == "log.level") {
      if (type == T::number) {
        double d;
        if (auto e = v.get_double().get(d)) return e;
        rec->level = LevelFromNumber(d);
      } else if (type == T::string) {
        std::string s;
        ReadString(v, &s);
        rec->level = NormalizeLevel(s);
      }
    } else if (key == "msg" || key == "message") {
      if (type == T::string) ReadString(v, &rec->msg);
    } else if (key == "name" || key == "logger" || key == "logger_name" || key == "component") {
      if (type == T::string) ReadString(v, &rec->logger);
    } else if (key == "time" || key == "timestamp" || key == "ts" || key == "@timestamp" || key == "asctime") {
      return ReadTime(v, type, rec);
    } else if (key == "pid" && type == T::number) {
      int64_t pid;
      if (v.get_int64().get(pid) == simdjson::SUCCESS && pid > 0 && pid < (int64_t{1} << 31)) rec->pid = static_cast<int32_t>(pid);
    } else if ((key == "err" || key == "error") && (type == T::object || type == T::string)) {
      rec->has_err = true;
      if (type == T::string) {
        ReadString(v, &rec->err_message);
        return simdjson::SUCCESS;
      }
      simdjson::ondemand::object err;
      if (auto e = v.get_object().get(err)) return e;
      return ReadError(err, rec);
    }
    return simdjson::SUCCESS;  // other fields are skipped by the iterator
  }

  simdjson::error_code ReadTime(simdjson::ondemand::value v, simdjson::ondemand::json_type type, JsonRecord* rec) {
    if (type == simdjson::ondemand::json_type::number) {
      double d;
      if (auto e = v.get_double().get(d)) return e;
      rec->time_ns = NumberTimeNs(d);
      rec->time_has_date = true;
    } else if (type == simdjson::ondemand::json_type::string) {
      std::string s;
      ReadString(v, &s);
      CivilTime t;
      if (ParseLooseTimestamp(s, &t) != kNoMatch) rec->time_ns = CivilToNs(t, &rec->time_has_date);
    }
    return simdjson::SUCCESS;
  }

  simdjson::error_code ReadError(simdjson::ondemand::object& err, JsonRecord* rec) {
    for (auto field : err) {
      std::string_view key;
      simdjson::ondemand::value v;
      if (auto e = field.unescaped_key().get(key)) return e;
      if (auto e = field.value().get(v)) return e;
      simdjson::ondemand::json_type type;
      if (auto e = v.type().get(type)) return e;
      if (type != simdjson::ondemand::json_type::string) continue;
      if (key == "type" || (key == "name" && rec->err_type.empty())) ReadString(v, &rec->err_type);
      else if (key == "message") ReadString(v, &rec->err_message);
      else if (key == "code") ReadString(v, &rec->err_code);
      else if (key == "stack") ReadString(v, &rec->err_stack);
    }
    return simdjson::SUCCESS;
  }

  simdjson::ondemand::parser parser_;
  std::string buf_;
};

// ---- error blocks ----

enum class Lang : uint8_t { kNode, kPython, kJava, kGo };

struct Block {
  Lang lang = Lang::kNode;
  size_t first_event = 0;
  int64_t header = -1;          // event index of the line naming the error
  bool attached = false;        // a log record introduced it
  bool throw_site = false;      // Node's "file:line" excerpt came first
  bool fatal = false;
  bool closed = false;          // Python: the exception line was seen
  bool after_require = false;   // Node: "Require stack:" lines follow
  bool in_excerpt = false;      // Node: source line and caret after the throw site
  std::string_view level = "ERROR";
  StrId logger = kNoStr;
  std::string kind;
};

class LogFile {
 public:
  explicit LogFile(EventBatch* out) : out_(out) {}

  void Line(std::string_view line, uint32_t n) {
    if (line.size() > kMaxLogLine) {
      // A data dump on one line: keep the beginning, as the engine does for chunked sources,
      // so memory stays bounded (the message is interned once, at most kMaxLogLine bytes).
      out_->Report(n, StrCat("line of ", line.size(), " bytes is longer than ", kMaxLogLine,
                             " bytes; only its beginning was read"),
                   line);
      line = line.substr(0, kMaxLogLine);
    }
    if (StripSpaces(line).empty()) {
      blank_before_ = true;
      block_.in_excerpt = false;
      return;
    }
    if (in_block_ && Continue(line, n)) {
      blank_before_ = false;
      return;
    }
    if (in_block_) CloseBlock();
    if (python_fatal_ >= 0) python_fatal_ = -1;  // something followed the traceback
    Fresh(line, n);
    blank_before_ = false;
  }

  void Finish() {
    if (in_block_) CloseBlock();
    if (python_fatal_ >= 0) MarkFatal(static_cast<size_t>(python_fatal_));
  }

 private:
  // A line that is not inside an error block.
  void Fresh(std::string_view line, uint32_t n) {
    const Patterns& p = P();
    bool record_before = prev_record_ && !blank_before_;
    prev_record_ = false;
    if (line.starts_with("{\"") && Json(line, n)) return;
    re2::StringPiece a, b;
    if (RE2::PartialMatch(Piece(line), p.node_trailer)) {
      // "Node.js v20.20.2" after the block was closed by an unrecognised line.
      if (last_header_ >= 0) MarkFatal(static_cast<size_t>(last_header_));
      Emit(line, n, 0, "", kNoStr, {});
      return;
    }
    if (RE2::PartialMatch(Piece(line), p.throw_site)) {
      OpenBlock(Lang::kNode, false);
      block_.throw_site = true;
      block_.in_excerpt = true;
      Emit(line, n, 0);
      return;
    }
    if (line.starts_with("Traceback (most recent call last):")) {
      OpenBlock(Lang::kPython, record_before);
      Emit(line, n, kLogError);
      return;
    }
    if (RE2::PartialMatch(Piece(line), p.java_thread, &a, &b)) {
      OpenBlock(Lang::kJava, false);
      block_.kind.assign(b.data(), b.size());
      block_.fatal = a == "main";
      Header(line, n);
      return;
    }
    if (line.starts_with("panic: ") || line.starts_with("fatal error: ")) {
      OpenBlock(Lang::kGo, false);
      block_.kind = line.starts_with("panic") ? "panic" : "fatal error";
      block_.fatal = true;
      Header(line, n);
      return;
    }
    if (RE2::FullMatch(Piece(line), p.npm, &a, &b)) {
      Npm(line, n, a, std::string_view(b.data(), b.size()));
      return;
    }
    if (RuntimeLine(line, n)) return;
    if (RE2::PartialMatch(Piece(line), p.node_warning, &a, &b)) {
      std::string_view kind(b.data(), b.size());
      Emit(line, n, kLogWarning | (kind.starts_with("Unhandled") ? uint32_t{kLogError} : 0u), "WARN", kNoStr, kind);
      return;
    }
    if (RE2::FullMatch(Piece(line), p.error_header, &a, &b)) {
      std::string_view cls(a.data(), a.size());
      if (cls.ends_with("Warning")) {
        Emit(line, n, kLogWarning, "WARN", kNoStr, cls);
        return;
      }
      OpenBlock(cls.find('.') != std::string_view::npos ? Lang::kJava : Lang::kNode, record_before);
      block_.kind = b.empty() ? std::string(cls) : std::string(b.data(), b.size());
      Header(line, n);
      return;
    }
    Record(line, n);
  }

  // One-line errors of the shell, the dynamic loader, glibc and runtimes. True when emitted.
  bool RuntimeLine(std::string_view line, uint32_t n) {
    const Patterns& p = P();
    re2::StringPiece what;
    if (RE2::FullMatch(Piece(line), p.shell_error, &what)) {
      bool missing = what == "not found" || what == "command not found";
      std::string_view kind = missing ? "command not found"
                              : what == "Permission denied" ? "EACCES"
                              : what == "No such file or directory" ? "ENOENT"
                                                                    : std::string_view(what.data(), what.size());
      Emit(line, n, kLogError | (missing ? uint32_t{kLogDependency} : 0u), "ERROR", kNoStr, kind);
      return true;
    }
    if (RE2::PartialMatch(Piece(line), p.loader_error)) {
      // ld.so exits 127 right after this line: the program never started.
      Emit(line, n, kLogError | kLogDependency | kLogFatal, "FATAL", kNoStr, "missing shared library");
      return true;
    }
    static constexpr std::pair<std::string_view, std::string_view> kSignals[] = {
        {"Segmentation fault", "SIGSEGV"}, {"Aborted", "SIGABRT"}, {"Bus error", "SIGBUS"},
        {"Illegal instruction", "SIGILL"}, {"Floating point exception", "SIGFPE"}, {"Killed", "SIGKILL"}};
    if (RE2::FullMatch(Piece(line), p.killed_by_signal, &what)) {
      std::string_view kind;
      for (const auto& [text, sig] : kSignals)
        if (std::string_view(what.data(), what.size()) == text) kind = sig;
      Emit(line, n, kLogError | kLogFatal, "FATAL", kNoStr, kind);
      return true;
    }
    if (RE2::FullMatch(Piece(line), p.glibc_abort)) {
      Emit(line, n, kLogError | kLogFatal, "FATAL", kNoStr, "SIGABRT");
      return true;
    }
    if (RE2::PartialMatch(Piece(line), p.rust_panic, &what)) {
      // Only a panic of the main thread ends a Rust program.
      Emit(line, n, kLogError | (what == "main" ? uint32_t{kLogFatal} : 0u), "ERROR", kNoStr, "panic");
      return true;
    }
    return false;
  }

  void Record(std::string_view line, uint32_t n) {
    TextRecord r = ParseTextRecord(line);
    uint32_t flags = LevelFlags(r.level);
    if (Contains(r.message, P().listening)) flags |= kLogListening;
    if (Contains(r.message, P().dependency)) flags |= kLogDependency;
    int64_t ns = kNoTime;
    if (r.has_time) ns = TimeNs(r.time);
    size_t i = Emit(r.message, n, flags, r.level, out_->strings.Intern(r.logger), {}, ns);
    out_->events[i].tid = r.pid;
    prev_record_ = !r.level.empty();
    prev_level_ = r.level;
    prev_logger_ = out_->strings.Intern(r.logger);
  }

  bool Json(std::string_view line, uint32_t n) {
    JsonRecord rec;
    std::string err = json_.Read(line, &rec);
    if (!err.empty()) {
      out_->Report(n, err, line);
      return false;  // read it as text
    }
    std::string_view msg = !rec.msg.empty() ? rec.msg : rec.err_message;
    std::string_view kind = !rec.err_code.empty() ? rec.err_code : rec.err_type;
    if (rec.has_err && kind.empty()) kind = "Error";
    uint32_t flags = kLogStructured | LevelFlags(rec.level);
    if (rec.has_err) flags |= kLogError;
    if (Contains(msg, P().listening)) flags |= kLogListening;
    if (IsDependencyKind(kind) || Contains(msg, P().dependency) || Contains(rec.err_message, P().dependency))
      flags |= kLogDependency;
    if (rec.time_ns != kNoTime) SetTimebase(rec.time_has_date);
    size_t i = Emit(msg, n, flags, rec.level, out_->strings.Intern(rec.logger), kind, rec.time_ns);
    out_->events[i].tid = rec.pid;
    prev_record_ = !rec.level.empty();
    prev_level_ = rec.level;
    prev_logger_ = out_->strings.Intern(rec.logger);
    return true;
  }

  void Npm(std::string_view line, uint32_t n, re2::StringPiece what, std::string_view rest) {
    bool error = what == "ERR!" || what == "error";
    re2::StringPiece code;
    if (error && RE2::PartialMatch(Piece(rest), P().npm_code, &code)) npm_code_.assign(code.data(), code.size());
    std::string kind = error ? (npm_code_.empty() ? "npm ERR!" : npm_code_) : "";
    Emit(line, n, error ? (kLogError | kLogDependency) : kLogWarning, error ? "ERROR" : "WARN", kNoStr, kind);
  }

  // ---- blocks ----

  void OpenBlock(Lang lang, bool attached) {
    block_ = Block();
    block_.lang = lang;
    block_.first_event = out_->events.size();
    block_.attached = attached;
    if (attached) {
      block_.level = prev_level_;
      block_.logger = prev_logger_;
    }
    in_block_ = true;
  }

  void Header(std::string_view line, uint32_t n) {
    block_.header = static_cast<int64_t>(Emit(line, n, kLogError));
  }

  // True when `line` continues the open block (and was emitted).
  bool Continue(std::string_view line, uint32_t n) {
    const Patterns& p = P();
    bool indented = IsSpace(line.front());
    if (RE2::PartialMatch(Piece(line), p.node_trailer)) {
      block_.fatal = true;  // Node prints its version only after an uncaught error
      Emit(line, n, 0);
      return true;
    }
    switch (block_.lang) {
      case Lang::kPython: return ContinuePython(line, n, indented);
      case Lang::kGo: return ContinueGo(line, n, indented);
      default: return ContinueNodeJava(line, n, indented);
    }
  }

  bool ContinueNodeJava(std::string_view line, uint32_t n, bool indented) {
    std::string_view t = StripSpaces(line);
    if (block_.in_excerpt) {
      // "setTimeout(() => { console.log(cfg.port); }, 10);" then "      ^": printed as is.
      if (t.find_first_not_of('^') == std::string_view::npos) block_.in_excerpt = false;
      Emit(t, n, 0);
      return true;
    }
    re2::StringPiece code;
    if (indented) {
      if (RE2::PartialMatch(Piece(line), P().code_prop, &code)) block_.kind.assign(code.data(), code.size());
      bool frame = t.starts_with("at ") || (t.starts_with("... ") && t.ends_with(" more"));
      Emit(t, n, frame ? uint32_t{kLogStackFrame} : 0u);
      block_.after_require = false;
      return true;
    }
    if (t == "Require stack:" || (block_.after_require && t.starts_with("- "))) {
      block_.after_require = true;
      Emit(t, n, 0);
      return true;
    }
    if (t == "}" || t == "{" || t.starts_with("Caused by: ") || t.starts_with("(Use `node --trace")) {
      Emit(t, n, 0);
      return true;
    }
    if (block_.throw_site && block_.header < 0) {
      // The thrown value: "Error: ...", "[UnhandledPromiseRejection: ...] {", or any text.
      re2::StringPiece cls, bracket_code;
      if (RE2::FullMatch(Piece(t), P().error_header, &cls, &bracket_code))
        block_.kind = bracket_code.empty() ? std::string(cls.data(), cls.size()) : std::string(bracket_code.data(), bracket_code.size());
      else
        block_.kind = "Error";
      Header(t, n);
      return true;
    }
    return false;
  }

  bool ContinuePython(std::string_view line, uint32_t n, bool indented) {
    std::string_view t = StripSpaces(line);
    bool chained = t.starts_with("During handling of the above exception") ||
                   t.starts_with("The above exception was the direct cause");
    if (block_.closed && !chained) return false;
    if (chained) block_.closed = false;  // another traceback follows; its exception is the last word
    if (indented) {
      Emit(t, n, t.starts_with("File \"") ? uint32_t{kLogStackFrame} : 0u);
      return true;
    }
    if (chained || t.starts_with("Traceback (most recent call last):")) {
      Emit(t, n, 0);
      return true;
    }
    // The first unindented line names the exception: "ModuleNotFoundError: No module named 'x'".
    size_t colon = t.find(':');
    block_.kind.assign(t.substr(0, colon == std::string_view::npos ? t.size() : colon));
    block_.closed = true;
    Header(t, n);
    return true;
  }

  bool ContinueGo(std::string_view line, uint32_t n, bool indented) {
    std::string_view t = StripSpaces(line);
    if (indented || RE2::FullMatch(Piece(t), P().go_frame)) {
      Emit(t, n, kLogStackFrame);
      return true;
    }
    if (t.starts_with("goroutine ") || t.starts_with("[signal ") || t.starts_with("exit status ")) {
      Emit(t, n, 0);
      return true;
    }
    return false;
  }

  void CloseBlock() {
    in_block_ = false;
    if (block_.header < 0) return;
    last_header_ = block_.header;
    StrId kind = out_->strings.Intern(block_.kind);
    for (size_t i = block_.first_event; i < out_->events.size(); ++i)
      out_->details[out_->events[i].detail].str2 = kind;
    size_t h = static_cast<size_t>(block_.header);
    Detail& d = out_->details[out_->events[h].detail];
    if (IsDependencyKind(block_.kind) || Contains(out_->strings.View(out_->events[h].str), P().dependency))
      d.flags |= kLogDependency;
    if (block_.throw_site || block_.fatal) MarkFatal(h);
    else if (block_.lang == Lang::kPython && !block_.attached) python_fatal_ = block_.header;
  }

  void MarkFatal(size_t event) { out_->details[out_->events[event].detail].flags |= kLogFatal; }

  // ---- emission ----

  size_t Emit(std::string_view msg, uint32_t n, uint32_t flags) {
    return Emit(msg, n, flags, block_.level, block_.logger, {}, kNoTime);
  }

  size_t Emit(std::string_view msg, uint32_t n, uint32_t flags, std::string_view level, StrId logger,
              std::string_view kind, int64_t time_ns = kNoTime) {
    Detail d;
    d.str2 = out_->strings.Intern(kind);
    d.str3 = logger;
    d.flags = flags;
    Event e;
    e.type = EventType::kLogLine;
    e.line = n;
    e.time_ns = time_ns;
    e.str = out_->strings.Intern(msg);
    e.name = out_->Name(level);
    e.detail = out_->AddDetail(d);
    out_->events.push_back(e);
    ++out_->counters.events;
    return out_->events.size() - 1;
  }

  int64_t TimeNs(const CivilTime& t) {
    bool has_date = false;
    int64_t ns = CivilToNs(t, &has_date);
    if (ns != kNoTime) SetTimebase(has_date);
    return ns;
  }

  void SetTimebase(bool has_date) {
    if (out_->timebase == Timebase::kNone) out_->timebase = has_date ? Timebase::kEpoch : Timebase::kTimeOfDay;
  }

  EventBatch* out_;
  JsonReader json_;
  Block block_;
  bool in_block_ = false;
  bool blank_before_ = false;
  bool prev_record_ = false;
  std::string_view prev_level_;
  StrId prev_logger_ = kNoStr;
  int64_t python_fatal_ = -1;
  int64_t last_header_ = -1;
  std::string npm_code_;
};

}  // namespace

void ProgramLogParser::ParseChunk(const FileContext& ctx, const Chunk& chunk, EventBatch* out) const {
  LogFile file(out);
  ReportCrlf(chunk.text, out);
  out->counters.lines += ForEachLine(chunk.text, [&](std::string_view line, uint32_t n) { file.Line(line, n); });
  file.Finish();
}

}  // namespace rundown
