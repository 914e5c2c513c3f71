// DependencyInventory: what the program loaded, read from the paths of its module files. The
// model (engine/model.cc, ModelBuilder::Files) hands it each path a process of the target
// opened for reading with success, or mapped executable, once per distinct path; the
// inventory sorts it by ecosystem and origin and names its package:
//
//   /app/node_modules/@scope/pkg/lib/x.js             -> npm package "@scope/pkg", project
//   /usr/lib/python3.11/__pycache__/json.cpython-311.pyc -> Python stdlib "json", system
//   /root/.local/lib/python3.11/site-packages/evil.pth -> Python start-up file, user
//   /usr/lib/x86_64-linux-gnu/libssl.so.3              -> shared library, system
//
// A manifest read (package.json, a .dist-info folder) is no load and is left out. Files of no
// ecosystem's tree (a project's own .py or .rb) count only for a process running that
// language's interpreter, so a tar or cat reading them loads nothing. Rules see each module
// through Find (rules/fields.cc, dep.*); the report's Dependencies row shows Summary().
// Built once with the model, then read-only.
#ifndef RUNDOWN_ENGINE_DEPENDENCY_INVENTORY_H_
#define RUNDOWN_ENGINE_DEPENDENCY_INVENTORY_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "engine/event_store.h"

namespace rundown {

// The order is the Summary's.
enum class DepKind : uint8_t {
  kNpmPackage,     // node_modules/<name> or <@scope/name>: a .js/.cjs/.mjs/.json code file of it
  kNodeAddon,      // a .node native addon
  kNodeFile,       // a .js/.cjs/.mjs a Node.js process loaded from outside node_modules (its own)
  kPythonStdlib,   // lib/pythonX.Y/<module> (lib-dynload included), outside site-packages
  kPythonPackage,  // site-packages/<name> or dist-packages/<name>
  kPythonModule,   // a .py/.pyc a Python process loaded from anywhere else (the project's own)
  kPythonStartup,  // a .pth file, sitecustomize or usercustomize: run at interpreter start
  kRubyStdlib,     // lib/ruby/<version>/...
  kRubyGem,        // gems/<name>-<version>/...
  kRubyFile,       // a .rb a Ruby process loaded from anywhere else
  kPerlModule,     // a .pm
  kJavaArchive,    // a .jar
  kJavaClass,      // a .class file
  kErlangApp,      // a .beam of an OTP application: lib/<app>-<vsn>/ebin/ (or <app>/ebin/), else its module
  kLuaModule,      // a .lua a Lua process loaded: below share/lua/<version>/ by its module path
  kComposerPackage,  // vendor/<vendor>/<package>/...: a .php of a Composer package
  kPhpFile,        // a .php a PHP process loaded from anywhere else (the project's own, vendor/autoload.php)
  kSharedLibrary,  // lib*.so[.N]: opened or mapped executable
};
inline constexpr int kDepKinds = static_cast<int>(DepKind::kSharedLibrary) + 1;

// Where a module came from, by its path's class (PathClassifier): the system's package-managed
// directories, the target's own directory, a home (~/.local, ~/.npm, ~/.cache ...), a
// temporary directory, anywhere else.
enum class DepOrigin : uint8_t { kSystem, kProject, kUser, kTemp, kOther };
inline constexpr int kDepOrigins = static_cast<int>(DepOrigin::kOther) + 1;

// The interpreter a process ran when it opened a file, which decides whether a file outside
// every ecosystem's tree is a module. RuntimeOfProgram knows it by the program's name; a program
// named after itself (a console script such as gunicorn, a #! script without a suffix) is known
// by what the interpreter the kernel ran reads first (RuntimeOfFirstLoad).
enum class Runtime : uint8_t { kOther, kNode, kPython, kRuby, kPerl, kJava, kErlang, kLua, kPhp };
Runtime RuntimeOfProgram(std::string_view program);

struct ModuleFile {
  DepKind kind = DepKind::kSharedLibrary;
  DepOrigin origin = DepOrigin::kOther;
  std::string name;  // the package or module ("express", "json", "libssl.so.3")
  // kPythonModule only: the folder sys.path would have to hold for `name` to be a top-level
  // module (the module file's folder, or its package's parent).
  std::string dir;
  // The module is named like a standard-library module (Python) or a core module (Node.js)
  // and was loaded from outside the runtime's own directories: it runs instead of the real
  // one. Only for top-level Python modules, and for npm packages named like a core module
  // that has no browser stand-in on npm (fs, child_process, net ...; not events, util, path).
  bool shadows = false;
  EventIndex first_event = kNoEvent;
};

// The module `path` is, or nothing. `runtime` is the opening process's interpreter.
std::optional<ModuleFile> ClassifyModule(std::string_view path, DepOrigin origin, Runtime runtime);

// The interpreter whose start-up reads `m` when it is the first module (not a shared library) a
// program loads: Python's encodings package, Ruby's rubygems; kOther for anything else.
Runtime RuntimeOfFirstLoad(const ModuleFile& m);

std::string_view DepKindName(DepKind k);    // "npm", "python_stdlib" ... (the dep.kind field)
std::string_view DepOriginName(DepOrigin o);  // "system", "project", "user", "temp", "other"

// The modules of one kind and origin, as the report's Dependencies row lists them.
struct DepGroup {
  DepKind kind;
  DepOrigin origin;
  std::vector<std::string_view> names;  // distinct, in load order; point into the inventory
  EventIndex first_event = kNoEvent;    // the group's first load
};

class DependencyInventory {
 public:
  // The target's own directory: a Node.js file of its own is named by its path below it
  // ("lib/x.js"). Set before the first Note.
  void set_project_dir(std::string_view dir) { project_dir_ = std::string(dir); }
  // A successful load of `path` by a process running `runtime`. Returns the module the path is
  // (classified at its first load), or nullptr when it is none.
  const ModuleFile* Note(StrId path, std::string_view text, DepOrigin origin, Runtime runtime, EventIndex i);
  // Decides which Python modules are top-level and so can shadow the standard library: those
  // whose folder had no __init__ loaded. REQUIRES: every Note was made.
  void Finish();
  const ModuleFile* Find(StrId path) const;
  const std::vector<ModuleFile>& modules() const { return modules_; }
  // Per kind and origin, in Summary's order.
  std::vector<DepGroup> Groups() const;
  // One line for the report: per kind and origin, how many packages or modules and the first
  // few names ("14 npm packages from the project (express, body-parser, debug, ms, +10)"),
  // joined by "; "; "" when nothing was loaded.
  std::string Summary() const;

 private:
  std::vector<ModuleFile> modules_;                   // one per distinct path, in load order
  absl::flat_hash_map<StrId, uint32_t> by_path_;
  absl::flat_hash_set<std::string> package_dirs_;     // folders an __init__ was loaded from
  std::string project_dir_;
};

}  // namespace rundown

#endif  // RUNDOWN_ENGINE_DEPENDENCY_INVENTORY_H_
