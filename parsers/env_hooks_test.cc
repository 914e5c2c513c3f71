#include "parsers/env_hooks.h"

#include <string>
#include <vector>

#include "gtest/gtest.h"

namespace rundown {
namespace {

TEST(EnvHooks, LoaderVariablesNamingAFileOutsideTheSystem) {
  EXPECT_TRUE(IsCodeHook("LD_PRELOAD=/tmp/x.so"));
  EXPECT_TRUE(IsCodeHook("LD_PRELOAD=./libhook.so"));
  EXPECT_TRUE(IsCodeHook("LD_PRELOAD=/usr/lib/libjemalloc.so.2:/dev/shm/.x.so"));  // ld.so splits at ':' and ' '
  EXPECT_TRUE(IsCodeHook("LD_AUDIT=/home/u/.a.so"));
  EXPECT_TRUE(IsCodeHook("BASH_ENV=/tmp/envcap/benv.sh"));
  EXPECT_FALSE(IsCodeHook("LD_PRELOAD=/usr/lib/x86_64-linux-gnu/libjemalloc.so.2"));
  EXPECT_FALSE(IsCodeHook("LD_PRELOAD=libjemalloc.so.2"));  // a name the loader finds on its own path
  EXPECT_FALSE(IsCodeHook("LD_PRELOAD="));
  EXPECT_FALSE(IsCodeHook("LD_LIBRARY_PATH=/tmp/lib"));
  EXPECT_FALSE(IsCodeHook("LD_PRELOADX=/tmp/x.so"));
}

TEST(EnvHooks, InterpreterOptionsThatLoadAFile) {
  EXPECT_TRUE(IsCodeHook("NODE_OPTIONS=--require /tmp/envcap/h.js"));
  EXPECT_TRUE(IsCodeHook("NODE_OPTIONS=--max-old-space-size=100 -r ./hook.js"));
  EXPECT_TRUE(IsCodeHook("NODE_OPTIONS=-r./hook.js"));
  EXPECT_TRUE(IsCodeHook("NODE_OPTIONS=--import=./loader.mjs"));
  EXPECT_TRUE(IsCodeHook("NODE_OPTIONS=--import data:text/javascript,fetch(1)"));  // inline code
  EXPECT_TRUE(IsCodeHook("JAVA_TOOL_OPTIONS=-Xmx1g -javaagent:/tmp/a.jar"));
  EXPECT_TRUE(IsCodeHook("PERL5OPT=-M./Hook.pm"));
  EXPECT_TRUE(IsCodeHook("RUBYOPT=-r/tmp/h.rb"));
  EXPECT_FALSE(IsCodeHook("NODE_OPTIONS=--max-old-space-size=100"));
  EXPECT_FALSE(IsCodeHook("NODE_OPTIONS=--requirex /tmp/h.js"));
  EXPECT_FALSE(IsCodeHook("NODE_OPTIONS=--require"));
  EXPECT_FALSE(IsCodeHook("JAVA_TOOL_OPTIONS=-Xmx1g -Dfile.encoding=UTF-8"));
  EXPECT_FALSE(IsCodeHook("JAVA_TOOL_OPTIONS=-javaagent:/usr/share/java/jacoco.jar"));
  EXPECT_FALSE(IsCodeHook("RUBYOPT=-rbundler/setup"));  // a library on the interpreter's path
  EXPECT_TRUE(IsCodeHook("PERL5OPT=-Mlib=/tmp/p5"));  // a module directory of its own
  EXPECT_TRUE(IsCodeHook("NODE_OPTIONS=--import file:///home/u/.cache/l.mjs"));
  EXPECT_FALSE(IsCodeHook("NODE_OPTIONS=--require dotenv/config"));  // a module in node_modules
  EXPECT_FALSE(IsCodeHook("PERL5OPT=-w"));
  EXPECT_FALSE(IsCodeHook("PERL5OPT=-MCarp::Always"));
}

TEST(EnvHooks, JoinedTextSplitsAtHookNamesOnly) {
  std::string joined;
  AppendHook("NODE_OPTIONS=--require /tmp/h.js", &joined);
  AppendHook("LD_PRELOAD=/tmp/a.so /tmp/b.so", &joined);
  AppendHook("BASH_ENV=/tmp/e.sh", &joined);
  EXPECT_EQ(joined, "NODE_OPTIONS=--require /tmp/h.js LD_PRELOAD=/tmp/a.so /tmp/b.so BASH_ENV=/tmp/e.sh");
  EXPECT_EQ(SplitHooks(joined), (std::vector<std::string_view>{"NODE_OPTIONS=--require /tmp/h.js",
                                                               "LD_PRELOAD=/tmp/a.so /tmp/b.so",
                                                               "BASH_ENV=/tmp/e.sh"}));
  EXPECT_TRUE(SplitHooks("").empty());
}

}  // namespace
}  // namespace rundown
