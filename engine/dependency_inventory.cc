#include "engine/dependency_inventory.h"

#include <algorithm>
#include <array>
#include <map>

#include "absl/strings/ascii.h"
#include "absl/strings/str_join.h"
#include "engine/path_classifier.h"
#include "parsers/path_util.h"
#include "parsers/text_util.h"

namespace rundown {
namespace {

// Standard-library modules a project module of the same name would stand in for when it sits
// first on sys.path (the script's folder, PYTHONPATH): the ones a program reaches the network,
// processes, files, secrets and serialization through, and the interpreter's own machinery.
// Not every stdlib name: a project's own `test`, `calendar` or `profile` is common and harmless.
// Modules frozen into the interpreter (os, site, codecs, io in 3.11) are loaded before sys.path
// is read and are never opened, so listing them costs nothing. Sorted for binary search.
constexpr std::array<std::string_view, 62> kPythonShadowable = {
    "argparse",  "asyncio",   "base64",   "binascii",     "codecs",     "collections", "configparser",
    "contextlib", "copy",     "csv",      "ctypes",       "datetime",   "email",       "encodings",
    "enum",      "ftplib",    "functools", "getpass",     "glob",       "hashlib",     "hmac",
    "http",      "importlib", "inspect",  "ipaddress",    "json",       "logging",     "multiprocessing",
    "os",        "pathlib",   "pickle",   "platform",     "pty",        "queue",       "random",
    "re",        "secrets",   "select",   "selectors",    "shlex",      "shutil",      "signal",
    "smtplib",   "socket",    "socketserver", "sqlite3",  "ssl",        "string",      "struct",
    "subprocess", "tarfile",  "telnetlib", "tempfile",    "threading",  "traceback",   "typing",
    "urllib",    "uuid",      "warnings", "webbrowser",   "xmlrpc",     "zipfile"};

// Node.js core modules that no widely used npm package is named after. `require('fs')` always
// gets the core module; node_modules/fs is loaded only by `require('fs/')` or a path, the way a
// planted copy is reached. events, util, path, buffer, punycode, url, querystring, stream,
// string_decoder, process, assert ... are left out: their npm namesakes are browser stand-ins
// many packages depend on.
constexpr std::array<std::string_view, 20> kNodeShadowable = {
    "async_hooks", "child_process", "cluster", "crypto", "dgram",  "diagnostics_channel", "dns",
    "fs",          "http",          "http2",   "https",  "inspector", "module",           "net",
    "os",          "perf_hooks",    "tls",     "v8",     "vm",     "worker_threads"};

template <size_t N>
bool InSorted(const std::array<std::string_view, N>& names, std::string_view s) {
  return std::binary_search(names.begin(), names.end(), s);
}

// "json.cpython-311.pyc" -> "json"; "_ssl.cpython-311-x86_64-linux-gnu.so" -> "_ssl".
std::string_view Stem(std::string_view file) { return file.substr(0, file.find('.')); }

// The path segment that starts at `start` (up to the next '/').
std::string_view SegmentAt(std::string_view path, size_t start) {
  const size_t end = path.find('/', start);
  return path.substr(start, end == std::string_view::npos ? end : end - start);
}

bool IsSharedLibraryName(std::string_view base) {
  if (base.ends_with(".so")) return true;
  const size_t at = base.find(".so.");
  return at != std::string_view::npos && at + 4 < base.size() && absl::ascii_isdigit(base[at + 4]);
}

bool IsPythonStartupName(std::string_view base) {
  return base.ends_with(".pth") || Stem(base) == "sitecustomize" || Stem(base) == "usercustomize";
}

// A .pth file by its file name, sitecustomize.cpython-311.pyc as "sitecustomize".
std::string_view StartupName(std::string_view base) { return base.ends_with(".pth") ? base : Stem(base); }

std::optional<ModuleFile> Module(DepKind kind, DepOrigin origin, std::string_view name) {
  if (name.empty()) return std::nullopt;
  ModuleFile m;
  m.kind = kind;
  m.origin = origin;
  m.name = std::string(name);
  return m;
}

bool IsJavaScriptName(std::string_view base) {
  return base.ends_with(".js") || base.ends_with(".cjs") || base.ends_with(".mjs");
}

// node_modules/<name>/...: a code file loads the package; package.json alone is the resolver
// looking, and a .node file is a native addon (wherever it lies).
std::optional<ModuleFile> NodeModule(std::string_view path, std::string_view base, DepOrigin origin) {
  if (base.ends_with(".node")) return Module(DepKind::kNodeAddon, origin, base);
  if (!IsJavaScriptName(base)) return std::nullopt;
  const std::string_view root = PathClassifier::InstalledPackageRoot(path);
  if (root.empty() || root.rfind("/node_modules/") == std::string_view::npos) return std::nullopt;
  const std::string_view name = root.substr(root.rfind("/node_modules/") + 14);
  std::optional<ModuleFile> m = Module(DepKind::kNpmPackage, origin, name);
  if (m) m->shadows = InSorted(kNodeShadowable, name);
  return m;
}

// Below lib/pythonX.Y/ (or Debian's lib/python3/): the standard library, or the packages of
// its site-packages/dist-packages. A package's metadata folder (.dist-info, .egg-info) is read
// by importlib.metadata and pip, and loads nothing.
std::optional<ModuleFile> PythonTreeModule(std::string_view path, std::string_view base, DepOrigin origin) {
  const bool code = base.ends_with(".py") || base.ends_with(".pyc") || base.ends_with(".so") || base.ends_with(".pth");
  if (!code) return std::nullopt;
  for (std::string_view tree : {"/site-packages/", "/dist-packages/"}) {
    const size_t at = path.rfind(tree);
    if (at == std::string_view::npos) continue;
    std::string_view seg = SegmentAt(path, at + tree.size());
    if (seg.ends_with(".dist-info") || seg.ends_with(".egg-info")) return std::nullopt;
    if (seg == "__pycache__") seg = base;
    if (IsPythonStartupName(seg)) return Module(DepKind::kPythonStartup, origin, StartupName(base));
    return Module(DepKind::kPythonPackage, origin, Stem(seg));
  }
  const size_t lib = path.find("/lib/python");
  if (lib == std::string_view::npos) return std::nullopt;
  const size_t after = path.find('/', lib + 11);
  if (after == std::string_view::npos) return std::nullopt;
  std::string_view seg = SegmentAt(path, after + 1);
  if (seg == "__pycache__" || seg == "lib-dynload") seg = base;
  if (IsPythonStartupName(seg)) return Module(DepKind::kPythonStartup, origin, StartupName(base));
  return Module(DepKind::kPythonStdlib, origin, Stem(seg));
}

// A .py or .pyc of no Python tree, loaded by a Python process: the project's own module (or a
// folder on PYTHONPATH). `dir` is where it would be top-level: a package's __init__ names the
// package, from the package's parent.
std::optional<ModuleFile> PythonOwnModule(std::string_view path, std::string_view base, DepOrigin origin) {
  // An extension module is named <module>.cpython-311-x86_64-linux-gnu.so or <module>.abi3.so.
  const bool extension = base.ends_with(".so") && (base.find(".cpython-") != std::string_view::npos ||
                                                   base.ends_with(".abi3.so"));
  if (!base.ends_with(".py") && !base.ends_with(".pyc") && !extension) return std::nullopt;
  std::string_view dir = Dirname(path);
  if (base.ends_with(".pyc")) {
    if (Basename(dir) != "__pycache__") return std::nullopt;
    dir = Dirname(dir);
  }
  std::string_view name = Stem(base);
  if (IsPythonStartupName(base)) return Module(DepKind::kPythonStartup, origin, StartupName(base));
  if (name == "__init__") {
    name = Basename(dir);
    dir = Dirname(dir);
  }
  std::optional<ModuleFile> m = Module(DepKind::kPythonModule, origin, name);
  if (m) m->dir = std::string(dir);
  return m;
}

// Ruby: a gem's folder is "<name>-<version>" below a gems/ folder; the standard library lies
// below lib/ruby/<version>/.
std::optional<ModuleFile> RubyModule(std::string_view path, std::string_view base, DepOrigin origin, Runtime runtime) {
  if (!base.ends_with(".rb")) return std::nullopt;
  if (const size_t at = path.rfind("/gems/"); at != std::string_view::npos) {
    const std::string_view seg = SegmentAt(path, at + 6);
    const size_t dash = seg.rfind('-');
    if (dash != std::string_view::npos && dash + 1 < seg.size() && absl::ascii_isdigit(seg[dash + 1]))
      return Module(DepKind::kRubyGem, origin, seg.substr(0, dash));
  }
  // lib/ruby/3.1.0/..., and the architecture's part of it: lib/x86_64-linux-gnu/ruby/3.1.0/.
  const size_t ruby = path.find("/ruby/");
  if (path.find("/lib/ruby/") != std::string_view::npos ||
      (ruby != std::string_view::npos && ruby + 6 < path.size() && absl::ascii_isdigit(path[ruby + 6])))
    return Module(DepKind::kRubyStdlib, origin, Stem(base));
  if (runtime == Runtime::kRuby) return Module(DepKind::kRubyFile, origin, Stem(base));
  return std::nullopt;
}

// Perl: the module's name is its path below the @INC folder it was found in, '/' read as "::"
// (lib/My/Util.pm is My::Util). The system's folders are perl5/, perl/<version>/, perl-base/
// and /etc/perl/; elsewhere @INC's entry is by convention a lib/ folder (`use lib 'lib'`,
// FindBin's "$Bin/lib", -Ilib). The rightmost such folder wins: a module's own name holds none.
std::optional<ModuleFile> PerlModule(std::string_view path, std::string_view base, DepOrigin origin) {
  if (!base.ends_with(".pm")) return std::nullopt;
  size_t start = std::string_view::npos;
  for (std::string_view root : {"/perl5/", "/perl/", "/perl-base/", "/etc/perl/"}) {
    const size_t at = path.rfind(root);
    if (at != std::string_view::npos && (start == std::string_view::npos || at + root.size() > start))
      start = at + root.size();
  }
  if (start == std::string_view::npos)
    if (const size_t at = path.rfind("/lib/"); at != std::string_view::npos) start = at + 5;
  std::string_view rel = start == std::string_view::npos ? base : path.substr(start);
  // perl/5.36/ and perl5/5.36/: the version folder is part of the @INC entry.
  if (!rel.empty() && absl::ascii_isdigit(rel.front())) rel.remove_prefix(std::min(rel.find('/') + 1, rel.size()));
  std::string name(rel.substr(0, rel.size() - 3));
  for (size_t at = name.find('/'); at != std::string::npos; at = name.find('/', at + 2)) name.replace(at, 1, "::");
  return Module(DepKind::kPerlModule, origin, name);
}

// Erlang: a compiled module (.beam) belongs to the OTP application whose ebin/ folder holds it,
// named by the folder above without its version (/usr/lib/erlang/lib/kernel-8.5.3/ebin/ ->
// kernel, rebar3's _build/default/lib/myapp/ebin/ -> myapp); a .beam elsewhere by its module.
std::optional<ModuleFile> ErlangModule(std::string_view path, std::string_view base, DepOrigin origin) {
  std::string_view dir = Dirname(path);
  if (Basename(dir) != "ebin") return Module(DepKind::kErlangApp, origin, Stem(base));
  std::string_view app = Basename(Dirname(dir));
  if (const size_t dash = app.rfind('-');
      dash != std::string_view::npos && dash + 1 < app.size() && absl::ascii_isdigit(app[dash + 1]))
    app = app.substr(0, dash);
  return Module(DepKind::kErlangApp, origin, app);
}

// Lua: below a share/lua/<version>/ or lib/lua/<version>/ tree (the system's, LuaRocks') by its
// module path (socket/http.lua -> socket.http); elsewhere (the project's own, a folder put on
// package.path) by its file; an init.lua names its folder.
std::optional<ModuleFile> LuaModule(std::string_view path, std::string_view base, DepOrigin origin) {
  if (const size_t at = path.rfind("/lua/5."); at != std::string_view::npos) {
    const size_t rel = path.find('/', at + 5);
    if (rel != std::string_view::npos) {
      std::string name(path.substr(rel + 1, path.size() - rel - 5));
      if (name.ends_with("/init")) name.resize(name.size() - 5);
      std::replace(name.begin(), name.end(), '/', '.');
      return Module(DepKind::kLuaModule, origin, name);
    }
  }
  return Module(DepKind::kLuaModule, origin, Stem(base) == "init" ? Basename(Dirname(path)) : Stem(base));
}

// PHP: Composer installs a package in vendor/<vendor>/<package>/; its autoloader
// (vendor/autoload.php, vendor/composer/) and the project's own files are PHP files by name.
std::optional<ModuleFile> PhpModule(std::string_view path, std::string_view base, DepOrigin origin) {
  if (const size_t at = path.rfind("/vendor/"); at != std::string_view::npos) {
    const std::string_view vendor = SegmentAt(path, at + 8);
    const size_t pkg = at + 8 + vendor.size() + 1;
    if (vendor != "composer" && pkg < path.size() && path.find('/', pkg) != std::string_view::npos)
      return Module(DepKind::kComposerPackage, origin, path.substr(at + 8, pkg + SegmentAt(path, pkg).size() - at - 8));
  }
  return Module(DepKind::kPhpFile, origin, Stem(base));
}

std::optional<ModuleFile> LanguageModule(std::string_view path, std::string_view base, DepOrigin origin,
                                         Runtime runtime);

}  // namespace

Runtime RuntimeOfProgram(std::string_view program) {
  const std::string_view base = Basename(program);
  if (base.starts_with("python") || base.starts_with("pypy") || base.ends_with(".py")) return Runtime::kPython;
  // A .js/.mjs/.cjs program is a #! script the kernel ran through node (#!/usr/bin/node: no
  // execve of node in the trace; testdata/cases/node_shebang_direct).
  if (base == "node" || base == "nodejs" || base == "bun" || base == "deno" || base.ends_with(".js") ||
      base.ends_with(".mjs") || base.ends_with(".cjs"))
    return Runtime::kNode;
  if (base.starts_with("ruby") || base.ends_with(".rb")) return Runtime::kRuby;
  if (base.starts_with("perl") || base.ends_with(".pl")) return Runtime::kPerl;
  if (base == "java") return Runtime::kJava;
  if (base == "beam.smp" || base == "beam" || base == "erl" || base == "escript") return Runtime::kErlang;
  if (base.starts_with("lua") || base == "luajit") return Runtime::kLua;
  if (base.starts_with("php")) return Runtime::kPhp;
  return Runtime::kOther;
}

Runtime RuntimeOfFirstLoad(const ModuleFile& m) {
  // Python imports encodings before site, .pth files or the script; Ruby requires rubygems
  // before the script. Another program reading a Python or Ruby tree
  // (tar, cp, an editor) does not start with that one file.
  if (m.kind == DepKind::kPythonStdlib && m.name == "encodings") return Runtime::kPython;
  if (m.kind == DepKind::kRubyStdlib && m.name == "rubygems") return Runtime::kRuby;
  return Runtime::kOther;
}

// A process running another language's interpreter reads a module file as data (node_dep_tamper's
// node opening requests/__init__.py to patch it): that is no load. An unknown program (a
// console script such as gunicorn, named after itself) may be the language's own.
namespace {
bool OtherInterpreter(Runtime runtime, Runtime own) { return runtime != Runtime::kOther && runtime != own; }
}  // namespace

std::optional<ModuleFile> ClassifyModule(std::string_view path, DepOrigin origin, Runtime runtime) {
  const std::string_view base = Basename(path);
  // A library by its name without the version: the loader opens libz.so.1 and -y names the
  // mapping's file libz.so.1.2.13, one library. Python's extension modules are Python's.
  if (IsSharedLibraryName(base) && base.find(".cpython-") == std::string_view::npos && !base.ends_with(".abi3.so"))
    return Module(DepKind::kSharedLibrary, origin, base.substr(0, base.find(".so") + 3));
  if (std::optional<ModuleFile> m = LanguageModule(path, base, origin, runtime)) {
    static constexpr Runtime kOwn[kDepKinds] = {
        Runtime::kNode, Runtime::kNode, Runtime::kNode, Runtime::kPython, Runtime::kPython, Runtime::kPython, Runtime::kPython,
        Runtime::kRuby, Runtime::kRuby, Runtime::kRuby,   Runtime::kPerl,   Runtime::kJava,   Runtime::kJava,
        Runtime::kErlang, Runtime::kLua,  Runtime::kPhp,    Runtime::kPhp,    Runtime::kOther};
    if (!OtherInterpreter(runtime, kOwn[static_cast<int>(m->kind)])) return m;
  }
  return std::nullopt;
}

namespace {

// The module of a language's tree or, for its interpreter, of any folder.
std::optional<ModuleFile> LanguageModule(std::string_view path, std::string_view base, DepOrigin origin,
                                         Runtime runtime) {
  if (path.find("/node_modules/") != std::string_view::npos || base.ends_with(".node"))
    return NodeModule(path, base, origin);
  if (path.find("/lib/python") != std::string_view::npos || path.find("-packages/") != std::string_view::npos) {
    if (std::optional<ModuleFile> m = PythonTreeModule(path, base, origin)) return m;
  }
  if (runtime == Runtime::kPython) {
    if (std::optional<ModuleFile> m = PythonOwnModule(path, base, origin)) return m;
  }
  if (runtime == Runtime::kNode && IsJavaScriptName(base)) return Module(DepKind::kNodeFile, origin, base);
  if (std::optional<ModuleFile> m = RubyModule(path, base, origin, runtime)) return m;
  if (std::optional<ModuleFile> m = PerlModule(path, base, origin)) return m;
  if (base.ends_with(".jar")) return Module(DepKind::kJavaArchive, origin, base.substr(0, base.size() - 4));
  if (base.ends_with(".class") && runtime == Runtime::kJava)
    return Module(DepKind::kJavaClass, origin, base.substr(0, base.size() - 6));
  if (base.ends_with(".beam")) return ErlangModule(path, base, origin);
  if (base.ends_with(".lua") && runtime == Runtime::kLua) return LuaModule(path, base, origin);
  if (base.ends_with(".php") && runtime == Runtime::kPhp) return PhpModule(path, base, origin);
  return std::nullopt;
}

}  // namespace

std::string_view DepKindName(DepKind k) {
  static constexpr std::string_view kNames[kDepKinds] = {
      "npm",          "node_addon",  "node_file",        "python_stdlib", "python_package", "python_module",
      "python_startup", "ruby_stdlib", "ruby_gem",       "ruby_file",     "perl_module",    "java_archive",
      "java_class",   "erlang_app",  "lua_module",       "composer_package", "php_file",    "shared_library"};
  return kNames[static_cast<int>(k)];
}

std::string_view DepOriginName(DepOrigin o) {
  static constexpr std::string_view kNames[kDepOrigins] = {"system", "project", "user", "temp", "other"};
  return kNames[static_cast<int>(o)];
}

const ModuleFile* DependencyInventory::Note(StrId path, std::string_view text, DepOrigin origin, Runtime runtime,
                                            EventIndex i) {
  if (auto it = by_path_.find(path); it != by_path_.end()) return &modules_[it->second];
  std::optional<ModuleFile> m = ClassifyModule(text, origin, runtime);
  if (!m) return nullptr;
  m->first_event = i;
  // Two index.js of one project are two modules: name them by their path below it.
  if (m->kind == DepKind::kNodeFile && !project_dir_.empty() && text.starts_with(project_dir_) &&
      text.size() > project_dir_.size() && text[project_dir_.size()] == '/')
    m->name = std::string(text.substr(project_dir_.size() + 1));
  if (m->kind == DepKind::kPythonModule && Stem(Basename(text)) == "__init__")
    package_dirs_.insert(std::string(Dirname(Basename(Dirname(text)) == "__pycache__" ? Dirname(text) : text)));
  by_path_.emplace(path, static_cast<uint32_t>(modules_.size()));
  modules_.push_back(std::move(*m));
  return &modules_.back();
}

void DependencyInventory::Finish() {
  for (ModuleFile& m : modules_)
    if (m.kind == DepKind::kPythonModule)
      m.shadows = !package_dirs_.contains(m.dir) && InSorted(kPythonShadowable, m.name);
}

const ModuleFile* DependencyInventory::Find(StrId path) const {
  auto it = by_path_.find(path);
  return it == by_path_.end() ? nullptr : &modules_[it->second];
}

std::vector<DepGroup> DependencyInventory::Groups() const {
  std::map<std::pair<int, int>, DepGroup> groups;
  for (const ModuleFile& m : modules_) {
    auto [it, added] = groups.try_emplace({static_cast<int>(m.kind), static_cast<int>(m.origin)},
                                          DepGroup{m.kind, m.origin, {}, m.first_event});
    std::vector<std::string_view>& names = it->second.names;
    if (std::find(names.begin(), names.end(), m.name) == names.end()) names.push_back(m.name);
  }
  std::vector<DepGroup> out;
  for (auto& [key, g] : groups) out.push_back(std::move(g));
  return out;
}

std::string DependencyInventory::Summary() const {
  static constexpr std::string_view kNouns[kDepKinds][2] = {
      {"npm package", "npm packages"},
      {"Node.js native addon", "Node.js native addons"},
      {"JavaScript module of its own", "JavaScript modules of its own"},
      {"Python standard-library module", "Python standard-library modules"},
      {"Python package", "Python packages"},
      {"Python module of its own", "Python modules of its own"},
      {"Python start-up file", "Python start-up files"},
      {"Ruby standard-library file", "Ruby standard-library files"},
      {"Ruby gem", "Ruby gems"},
      {"Ruby file of its own", "Ruby files of its own"},
      {"Perl module", "Perl modules"},
      {"Java archive", "Java archives"},
      {"Java class file", "Java class files"},
      {"Erlang/OTP application", "Erlang/OTP applications"},
      {"Lua module", "Lua modules"},
      {"Composer package", "Composer packages"},
      {"PHP file", "PHP files"},
      {"shared library", "shared libraries"}};
  static constexpr std::string_view kFrom[kDepOrigins] = {
      "from the system", "from the project", "from a home directory", "from a temporary directory", "from elsewhere"};
  constexpr size_t kMaxNames = 4;
  std::vector<std::string> parts;
  for (const DepGroup& g : Groups()) {
    const std::vector<std::string_view>& names = g.names;
    std::string list;
    for (size_t k = 0; k < names.size() && k < kMaxNames; ++k) StrAppend(&list, k == 0 ? "" : ", ", names[k]);
    if (names.size() > kMaxNames) StrAppend(&list, ", +", names.size() - kMaxNames);
    parts.push_back(StrCat(names.size(), " ", kNouns[static_cast<int>(g.kind)][names.size() == 1 ? 0 : 1], " ",
                           kFrom[static_cast<int>(g.origin)], " (", list, ")"));
  }
  return absl::StrJoin(parts, "; ");
}

}  // namespace rundown
