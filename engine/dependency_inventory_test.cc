#include "engine/dependency_inventory.h"

#include <string>
#include <vector>

#include "gtest/gtest.h"

namespace rundown {
namespace {

std::string Describe(std::string_view path, Runtime runtime = Runtime::kOther, DepOrigin origin = DepOrigin::kSystem) {
  std::optional<ModuleFile> m = ClassifyModule(path, origin, runtime);
  if (!m) return "-";
  return std::string(DepKindName(m->kind)) + " " + m->name + (m->shadows ? " shadows" : "");
}

TEST(DependencyInventory, PathsNameTheirEcosystemAndPackage) {
  const struct {
    std::string_view path;
    Runtime runtime;
    std::string_view want;
  } kCases[] = {
      {"/app/node_modules/express/index.js", Runtime::kNode, "npm express"},
      {"/app/node_modules/@scope/pkg/lib/x.mjs", Runtime::kNode, "npm @scope/pkg"},
      {"/app/node_modules/express/package.json", Runtime::kNode, "-"},  // the resolver looking
      {"/app/node_modules/fs/index.js", Runtime::kNode, "npm fs shadows"},
      {"/app/node_modules/events/events.js", Runtime::kNode, "npm events"},  // a browser stand-in
      {"/app/build/Release/addon.node", Runtime::kNode, "node_addon addon.node"},
      {"/usr/lib/python3.11/__pycache__/json.cpython-311.pyc", Runtime::kOther, "python_stdlib json"},
      {"/usr/lib/python3.11/json/__pycache__/decoder.cpython-311.pyc", Runtime::kPython, "python_stdlib json"},
      {"/usr/lib/python3.11/lib-dynload/_ssl.cpython-311-x86_64-linux-gnu.so", Runtime::kPython, "python_stdlib _ssl"},
      {"/usr/lib/python3/dist-packages/requests/__init__.py", Runtime::kPython, "python_package requests"},
      {"/root/.local/lib/python3.11/site-packages/six.py", Runtime::kPython, "python_package six"},
      {"/usr/lib/python3/dist-packages/requests-2.28.1.dist-info/METADATA", Runtime::kPython, "-"},
      {"/root/.local/lib/python3.11/site-packages/hook.pth", Runtime::kPython, "python_startup hook.pth"},
      {"/usr/lib/python3.11/sitecustomize.py", Runtime::kPython, "python_startup sitecustomize"},
      {"/app/__pycache__/socket.cpython-311.pyc", Runtime::kPython, "python_module socket"},
      {"/app/socket.py", Runtime::kOther, "-"},
      {"/app/lib/fastcsv.cpython-311-x86_64-linux-gnu.so", Runtime::kPython, "python_module fastcsv"},
      {"/usr/lib/python3.11/__pycache__/sitecustomize.cpython-311.pyc", Runtime::kPython,
       "python_startup sitecustomize"},
      {"/usr/lib/x86_64-linux-gnu/ruby/3.1.0/rbconfig.rb", Runtime::kRuby, "ruby_stdlib rbconfig"},  // cat or tar reading a file
      {"/usr/lib/ruby/3.1.0/socket.rb", Runtime::kRuby, "ruby_stdlib socket"},
      {"/var/lib/gems/3.1.0/gems/webrick-1.7.0/lib/webrick.rb", Runtime::kRuby, "ruby_gem webrick"},
      {"/usr/share/perl/5.36/IO/Socket.pm", Runtime::kPerl, "perl_module IO::Socket"},
      {"/usr/lib/x86_64-linux-gnu/perl-base/strict.pm", Runtime::kPerl, "perl_module strict"},
      // The @INC-relative name: `use lib 'lib'` finds My::Util in lib/My/Util.pm.
      {"/app/lib/My/Util.pm", Runtime::kPerl, "perl_module My::Util"},
      {"/home/auditor/perl5/lib/perl5/Local/Conf.pm", Runtime::kPerl, "perl_module Local::Conf"},
      {"/usr/lib/x86_64-linux-gnu/perl/5.36/IO/Socket/INET.pm", Runtime::kPerl, "perl_module IO::Socket::INET"},
      {"/usr/share/perl5/Try/Tiny.pm", Runtime::kPerl, "perl_module Try::Tiny"},
      {"/etc/perl/Net/Config.pm", Runtime::kPerl, "perl_module Net::Config"},
      {"/app/Helper.pm", Runtime::kPerl, "perl_module Helper"},
      // A Node.js process's own files: the project's modules (node_local_modules' lib/format.js).
      {"/home/auditor/app/lib/format.js", Runtime::kNode, "node_file format.js"},
      {"/home/auditor/app/lib/format.js", Runtime::kOther, "-"},
      {"/home/auditor/app/node_modules/@acme/log/lib/index.js", Runtime::kNode, "npm @acme/log"},
      {"/app/lib/gson-2.10.jar", Runtime::kJava, "java_archive gson-2.10"},
      {"/app/Main.class", Runtime::kJava, "java_class Main"},
      {"/usr/lib/erlang/lib/kernel-8.5.3/ebin/gen_tcp.beam", Runtime::kErlang, "erlang_app kernel"},
      {"/app/_build/default/lib/kvd/ebin/kvd_app.beam", Runtime::kErlang, "erlang_app kvd"},
      {"/app/kvd.beam", Runtime::kErlang, "erlang_app kvd"},
      {"/usr/lib/erlang/lib/stdlib-4.2/ebin/lists.beam", Runtime::kPython, "-"},  // another interpreter reading it
      {"/usr/share/lua/5.4/socket/http.lua", Runtime::kLua, "lua_module socket.http"},
      {"/usr/local/share/lua/5.4/lpeg/init.lua", Runtime::kLua, "lua_module lpeg"},
      {"/app/lib/textstats/init.lua", Runtime::kLua, "lua_module textstats"},
      {"/app/lib/textstats/fmt.lua", Runtime::kLua, "lua_module fmt"},
      {"/app/conf.lua", Runtime::kOther, "-"},  // cat reading it
      {"/app/vendor/acme/slugify/src/Slugify.php", Runtime::kPhp, "composer_package acme/slugify"},
      {"/app/vendor/autoload.php", Runtime::kPhp, "php_file autoload"},
      {"/app/vendor/composer/autoload_psr4.php", Runtime::kPhp, "php_file autoload_psr4"},
      {"/app/src/Report/Builder.php", Runtime::kPhp, "php_file Builder"},
      {"/lib/x86_64-linux-gnu/libc.so.6", Runtime::kOther, "shared_library libc.so"},
      {"/usr/lib/x86_64-linux-gnu/libssl.so", Runtime::kOther, "shared_library libssl.so"},
      {"/etc/ld.so.cache", Runtime::kOther, "-"},
      {"/usr/lib/locale/C.utf8/LC_CTYPE", Runtime::kOther, "-"},
  };
  for (const auto& c : kCases) EXPECT_EQ(Describe(c.path, c.runtime), c.want) << c.path;
}

TEST(DependencyInventory, OnlyTopLevelPythonModulesShadowTheStandardLibrary) {
  DependencyInventory inv;
  const char* kPaths[] = {"/app/socket.py", "/app/pkg/__init__.py", "/app/pkg/json.py", "/app/helpers.py",
                          "/app/http/__pycache__/__init__.cpython-311.pyc"};
  StrId id = 1;
  for (const char* p : kPaths) {
    inv.Note(id, p, DepOrigin::kProject, Runtime::kPython, id);
    ++id;
  }
  inv.Finish();
  std::vector<std::string> shadows;
  for (const ModuleFile& m : inv.modules())
    if (m.shadows) shadows.push_back(m.name);
  EXPECT_EQ(shadows, (std::vector<std::string>{"socket", "http"}));
}

TEST(DependencyInventory, SummaryCountsNamesPerKindAndOrigin) {
  DependencyInventory inv;
  const char* kPaths[] = {"/app/node_modules/a/i.js", "/app/node_modules/a/lib/j.js", "/app/node_modules/b/i.js",
                          "/app/node_modules/c/i.js", "/app/node_modules/d/i.js", "/app/node_modules/e/i.js"};
  StrId id = 1;
  for (const char* p : kPaths) {
    inv.Note(id, p, DepOrigin::kProject, Runtime::kNode, id);
    ++id;
  }
  inv.Note(id, "/lib/x86_64-linux-gnu/libc.so.6", DepOrigin::kSystem, Runtime::kNode, id);
  ++id;
  inv.Note(id, "/tmp/x/libevil.so", DepOrigin::kTemp, Runtime::kNode, id);
  ++id;
  inv.Finish();
  EXPECT_EQ(inv.Summary(),
            "5 npm packages from the project (a, b, c, d, +1); 1 shared library from the system (libc.so); "
            "1 shared library from a temporary directory (libevil.so)");
}

// The interpreter of a program named after itself is the one whose start-up file it reads first
// (testdata/cases/py_console_script: bin/word-stats, #!/usr/bin/python3).
TEST(DependencyInventory, TheFirstModuleLoadNamesTheInterpreter) {
  auto first = [](std::string_view path) {
    return RuntimeOfFirstLoad(*ClassifyModule(path, DepOrigin::kSystem, Runtime::kOther));
  };
  EXPECT_EQ(first("/usr/lib/python3.11/encodings/__pycache__/__init__.cpython-311.pyc"), Runtime::kPython);
  EXPECT_EQ(first("/usr/lib/ruby/3.1.0/rubygems.rb"), Runtime::kRuby);
  EXPECT_EQ(first("/usr/lib/python3.11/__pycache__/json.cpython-311.pyc"), Runtime::kOther);  // tar, cp
  EXPECT_EQ(first("/usr/share/perl/5.36/strict.pm"), Runtime::kOther);
}

// A program is its interpreter's by its name, or by its suffix when the kernel ran it through its
// #! line (testdata/cases/node_shebang_direct: ./csvsum.js, #!/usr/bin/node).
TEST(DependencyInventory, TheProgramNamesTheInterpreter) {
  EXPECT_EQ(RuntimeOfProgram("/usr/bin/node"), Runtime::kNode);
  EXPECT_EQ(RuntimeOfProgram("./csvsum.js"), Runtime::kNode);
  EXPECT_EQ(RuntimeOfProgram("/app/bin/serve.mjs"), Runtime::kNode);
  EXPECT_EQ(RuntimeOfProgram("/app/tool.cjs"), Runtime::kNode);
  EXPECT_EQ(RuntimeOfProgram("/app/report.py"), Runtime::kPython);
  EXPECT_EQ(RuntimeOfProgram("/app/json"), Runtime::kOther);
  EXPECT_EQ(RuntimeOfProgram("/usr/bin/tar"), Runtime::kOther);
}

// A project's own JavaScript files are named by their path below the project; Groups hold each
// kind and origin's first load, the evidence of the report's row.
TEST(DependencyInventory, NodeFilesOfTheProjectAndTheirGroups) {
  DependencyInventory inv;
  inv.set_project_dir("/home/auditor/app");
  const char* kPaths[] = {"/home/auditor/app/app.js", "/home/auditor/app/lib/index.js",
                          "/home/auditor/app/routes/index.js", "/home/auditor/app/node_modules/@acme/log/lib/index.js"};
  StrId id = 1;
  for (const char* p : kPaths) {
    inv.Note(id, p, DepOrigin::kProject, Runtime::kNode, id * 10);
    ++id;
  }
  inv.Finish();
  EXPECT_EQ(inv.Summary(),
            "1 npm package from the project (@acme/log); "
            "3 JavaScript modules of its own from the project (app.js, lib/index.js, routes/index.js)");
  const std::vector<DepGroup> groups = inv.Groups();
  ASSERT_EQ(groups.size(), 2u);
  EXPECT_EQ(groups[0].first_event, 40u);
  EXPECT_EQ(groups[1].first_event, 10u);
}

}  // namespace
}  // namespace rundown
