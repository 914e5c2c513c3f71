#include "parsers/env_hooks.h"

#include <array>

#include "absl/strings/str_split.h"
#include "parsers/text_util.h"

namespace rundown {
namespace {

// How a hook's value names the code it loads.
enum class Names : uint8_t {
  kFiles,    // a list of files; a name without '/' is looked up on the system's own path
  kModules,  // an option's argument is a module name ("bundler/setup", looked up on the
             // interpreter's path) unless it is a path ("/x", "./x", "../x") or a URL
             // ("data:text/javascript,...", "file:///tmp/x.mjs")
  kJars,     // an option's argument is a file, relative to the working directory or not
};

// A hook variable: its value is a list of files (`options` empty), or a command line whose
// `options` take what they load as argument ("--require ./x.js", "-r./x.js",
// "--import=./x.mjs", "-javaagent:/tmp/a.jar").
struct HookVariable {
  std::string_view name;
  Names names;
  std::array<std::string_view, 5> options;
};

constexpr HookVariable kHooks[] = {
    {"LD_PRELOAD", Names::kFiles, {}},
    {"LD_AUDIT", Names::kFiles, {}},
    {"BASH_ENV", Names::kFiles, {}},
    {"NODE_OPTIONS", Names::kModules, {"--require", "-r", "--import", "--loader", "--experimental-loader"}},
    {"JAVA_TOOL_OPTIONS", Names::kJars, {"-javaagent:", "-agentpath:"}},
    {"_JAVA_OPTIONS", Names::kJars, {"-javaagent:", "-agentpath:"}},
    {"JDK_JAVA_OPTIONS", Names::kJars, {"-javaagent:", "-agentpath:"}},
    {"PERL5OPT", Names::kModules, {"-M", "-m", "-d"}},
    {"RUBYOPT", Names::kModules, {"-r"}},
};

// The hook variable `assignment` sets, or nullptr.
const HookVariable* HookOf(std::string_view assignment) {
  for (const HookVariable& h : kHooks) {
    if (assignment.size() > h.name.size() && assignment.starts_with(h.name) && assignment[h.name.size()] == '=')
      return &h;
  }
  return nullptr;
}

// Whether `arg` names code outside the system directories (/usr, /lib, /lib64, /etc).
bool NamesForeignCode(std::string_view arg, Names names) {
  if (arg.empty()) return false;
  for (std::string_view system : {"/usr/", "/lib/", "/lib64/", "/etc/"}) {
    if (arg.starts_with(system)) return false;
  }
  switch (names) {
    case Names::kFiles: return arg.find('/') != std::string_view::npos;
    case Names::kModules:
      // "-Mlib=/tmp/x" puts a directory on perl's module path.
      return arg.starts_with('/') || arg.starts_with("./") || arg.starts_with("../") || arg.starts_with("data:") ||
             arg.find("://") != std::string_view::npos || arg.find("=/") != std::string_view::npos;
    case Names::kJars: return true;
  }
  return false;
}

// What `token` (with `next` the token after it) gives `option` to load; empty when the token
// is another option ("--requirex") or not this one.
std::string_view OptionArgument(std::string_view token, std::string_view next, std::string_view option) {
  if (!token.starts_with(option)) return {};
  std::string_view rest = token.substr(option.size());
  if (rest.empty()) return option.ends_with(':') ? rest : next;
  if (option.ends_with(':') || option.size() == 2) return rest;  // "-javaagent:x", "-r./x.js", "-MFoo"
  return rest.front() == '=' ? rest.substr(1) : std::string_view();
}

}  // namespace

bool TurnsHistoryOff(std::string_view assignment) {
  return assignment == "HISTFILE=/dev/null" || assignment == "HISTFILE=" || assignment == "HISTSIZE=0" ||
         assignment == "HISTFILESIZE=0" || assignment == "SAVEHIST=0";
}

bool IsCodeHook(std::string_view assignment) {
  const HookVariable* h = HookOf(assignment);
  if (h == nullptr) return false;
  std::string_view value = assignment.substr(h->name.size() + 1);
  if (h->options[0].empty()) {
    // ld.so splits LD_PRELOAD at spaces and colons.
    for (absl::string_view file : absl::StrSplit(AbslView(value), absl::ByAnyChar(" :"), absl::SkipEmpty()))
      if (NamesForeignCode(std::string_view(file.data(), file.size()), h->names)) return true;
    return false;
  }
  std::vector<std::string_view> tokens;
  for (absl::string_view token : absl::StrSplit(AbslView(value), ' ', absl::SkipEmpty()))
    tokens.emplace_back(token.data(), token.size());
  for (size_t i = 0; i < tokens.size(); ++i) {
    std::string_view next = i + 1 < tokens.size() ? tokens[i + 1] : std::string_view();
    for (std::string_view option : h->options) {
      if (!option.empty() && NamesForeignCode(OptionArgument(tokens[i], next, option), h->names)) return true;
    }
  }
  return false;
}

void AppendHook(std::string_view assignment, std::string* joined) {
  if (!joined->empty()) joined->push_back(' ');
  joined->append(assignment);
}

std::vector<std::string_view> SplitHooks(std::string_view joined) {
  std::vector<std::string_view> out;
  size_t start = 0;
  for (size_t i = 0; i < joined.size(); ++i) {
    if (joined[i] == ' ' && HookOf(joined.substr(i + 1)) != nullptr) {
      out.push_back(joined.substr(start, i - start));
      start = i + 1;
    }
  }
  if (start < joined.size()) out.push_back(joined.substr(start));
  return out;
}

}  // namespace rundown
