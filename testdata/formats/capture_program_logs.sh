#!/bin/bash
# Re-captures testdata/formats/program_log/: what each runtime prints (stdout+stderr, as
# program.log holds them, i.e. `prog > program.log 2>&1`) for crashes, handled errors,
# warnings and structured logs. Runtimes: node 20, python 3, java 17, npm, C++ (g++/libstdc++
# and clang++/libc++), ruby 3.1, php-cli 8.2, perl 5.36, rust (rustup's rustc and Debian's
# rustc 1.63), native libraries (ld.so errors of gcc-built programs, java, node). go_panic.txt
# is hand-written after Go's runtime output (no Go toolchain here).
# Usage: capture_program_logs.sh [group...]   groups: node python java npm cxx ruby php perl
# rust native crash (default: all). Nothing here talks to the network.
set -uo pipefail
OUT=$(cd "$(dirname "$0")" && pwd)/program_log
W=$(mktemp -d /tmp/rdlog.XXXX)
cd "$W"

capture_node() {
cat > missing.js <<'JS'
require('./lib');
JS
mkdir -p lib && echo "require('left-pad');" > lib/index.js
node missing.js > "$OUT/node_missing_module.txt" 2>&1
cat > typeerror.js <<'JS'
console.log('starting');
const cfg = undefined;
setTimeout(() => { console.log(cfg.port); }, 10);
JS
node typeerror.js > "$OUT/node_uncaught_typeerror.txt" 2>&1
node -e "Promise.reject('boom')" > "$OUT/node_unhandled_rejection.txt" 2>&1
echo '{"type":"module"}' > package.json
echo "import x from 'express';" > esm.mjs
node esm.mjs > "$OUT/node_esm_missing_package.txt" 2>&1
rm package.json
node -e "new Buffer(1); console.log('still running')" > "$OUT/node_deprecation_warning.txt" 2>&1
cat > handled.js <<'JS'
const ts = () => new Date().toISOString();
console.log(`[${ts()}] INFO  app: listening on 127.0.0.1:8080`);
try { JSON.parse('not json'); } catch (err) {
  console.error(`[${ts()}] WARN  app: bad request body`);
  console.error(err.stack);
}
console.log(`[${ts()}] INFO  app: shutdown complete`);
JS
node handled.js > "$OUT/node_handled_error.txt" 2>&1
cat > ndjson.js <<'JS'
const pid = process.pid, hostname = 'box';
const out = (o) => console.log(JSON.stringify(o));
// winston's json format: string levels, "message", ISO "timestamp"
out({level: 'info', message: 'Server listening on http://127.0.0.1:8080', timestamp: new Date().toISOString(), service: 'api'});
out({level: 'warn', message: 'slow query', timestamp: new Date().toISOString(), ms: 1200});
// bunyan: numeric levels, "msg", ISO "time", "err" with name/message/stack
const e = new Error("Cannot find module 'pg'"); e.code = 'MODULE_NOT_FOUND';
out({name: 'api', hostname, pid, level: 50, err: {message: e.message, name: e.name, stack: e.stack, code: e.code}, msg: 'database driver missing', time: new Date().toISOString(), v: 0});
out({name: 'api', hostname, pid, level: 60, msg: 'giving up', time: new Date().toISOString(), v: 0});
console.log('{"level":30,"time":' + Date.now() + ',"msg":"truncated record');
JS
node ndjson.js > "$OUT/ndjson_winston_bunyan.txt" 2>&1
}

capture_python() {
python3 -c "import left_pad" > "$OUT/python_missing_module.txt" 2>&1
cat > handled.py <<'PY'
import logging
logging.basicConfig(level=logging.INFO)
log = logging.getLogger("worker")
log.info("listening on 0.0.0.0:9000")
try:
    {}["missing"]
except KeyError:
    log.exception("lookup failed")
log.warning("retrying")
log.info("done")
PY
python3 handled.py > "$OUT/python_logging_exception.txt" 2>&1
cat > chained.py <<'PY'
def load():
    try:
        open("/nonexistent/config.toml")
    except OSError as e:
        raise RuntimeError("config unavailable") from e
load()
PY
python3 chained.py > "$OUT/python_chained.txt" 2>&1
}

capture_java() {
mkdir -p j && cat > j/Main.java <<'JAVA'
public class Main {
  static void parse(String s) { Integer.parseInt(s); }
  public static void main(String[] args) throws Exception {
    try { parse("x"); } catch (NumberFormatException e) { e.printStackTrace(); }
    Thread t = new Thread(() -> { throw new IllegalStateException("worker died"); }, "worker-1");
    t.start(); t.join();
    System.out.println("main continues");
    Object o = null;
    o.toString();
  }
}
JAVA
(cd j && javac Main.java 2>/dev/null && java Main > "$OUT/java_exceptions.txt" 2>&1)
}

capture_npm() {
mkdir -p npmapp && echo '{"name":"app","version":"1.0.0","scripts":{}}' > npmapp/package.json
(cd npmapp && npm run start > "$OUT/npm_missing_script.txt" 2>&1)
}

# C++: libstdc++'s verbose terminate handler, then the shell that ran the program reports the
# SIGABRT (dash: "Aborted (core dumped)", bash: "bash: line 1: PID Aborted ..."). Core dumps
# are allowed so the shell says "(core dumped)" as it does on most hosts; the core lands in $W.
capture_cxx() {
cat > cxx.cc <<'CXX'
#include <cstdio>
#include <stdexcept>
#include <string>
#include <thread>
namespace app { struct config_error : std::runtime_error { using std::runtime_error::runtime_error; }; }
int main(int argc, char** argv) {
  std::string m = argc > 1 ? argv[1] : "";
  std::puts("starting");
  std::fflush(stdout);
  if (m == "custom") throw app::config_error("missing key 'port'\nin /etc/app.conf");
  if (m == "int") throw 42;
  if (m == "thread") { std::thread t([] {}); return 0; }
  if (m == "handled") {
    try { throw std::runtime_error("bad input"); } catch (const std::exception& e) { std::fprintf(stderr, "error: %s\n", e.what()); }
    std::puts("continuing");
    return 0;
  }
  throw std::runtime_error("boom");
}
CXX
g++ -pthread -o cxx cxx.cc
sh -c 'ulimit -c unlimited; ./cxx' > "$OUT/cxx_uncaught_exception.txt" 2>&1
bash -c 'ulimit -c unlimited; ./cxx custom; exit $?' > "$OUT/cxx_custom_exception_bash.txt" 2>&1
sh -c 'ulimit -c unlimited; ./cxx int' > "$OUT/cxx_throw_int.txt" 2>&1
sh -c 'ulimit -c unlimited; ./cxx thread' > "$OUT/cxx_terminate_no_exception.txt" 2>&1
./cxx handled > "$OUT/cxx_handled_error.txt" 2>&1
# clang++ with libc++ (libc++-dev, libc++abi-dev): libc++abi's own terminate message.
clang++ -stdlib=libc++ -pthread -o cxx_libcxx cxx.cc && ./cxx_libcxx custom > "$OUT/cxx_libcxx_uncaught.txt" 2>&1
}

# Ruby 3.1 (Debian 12): the interpreter's uncaught-exception printer, LoadError from
# rubygems' require and from require_relative, error_highlight, a syntax error, and a
# program that only warns and logs (Logger, Kernel#warn, a thread's reported exception).
capture_ruby() {
cat > app.rb <<'RB'
def foo
  raise "boom"
end
def bar
  foo
end
puts "starting"
$stdout.flush
bar
RB
ruby app.rb > "$OUT/ruby_uncaught_exception.txt" 2>&1
printf "puts 'starting'\n\$stdout.flush\nrequire 'nokogiri'\n" > gem.rb
ruby gem.rb > "$OUT/ruby_missing_gem.txt" 2>&1
ruby -e "gem 'nokogiri'" > "$OUT/ruby_gem_activation.txt" 2>&1
printf "require_relative 'lib/settings'\n" > rel.rb
ruby rel.rb > "$OUT/ruby_missing_file.txt" 2>&1
printf "config = nil\nputs config.fetch(:port)\n" > nme.rb
ruby nme.rb > "$OUT/ruby_no_method_highlight.txt" 2>&1
cat > multi.rb <<'RB'
def check(n) = n.zero? ? raise(ArgumentError, "invalid config:\n  port is missing") : check(n - 1)
check(2)
RB
ruby multi.rb > "$OUT/ruby_multiline_message.txt" 2>&1
printf 'def start\n  puts "up"\n' > syn.rb
ruby syn.rb > "$OUT/ruby_syntax_error.txt" 2>&1
cat > logs.rb <<'RB'
require 'logger'
$stdout.sync = true
log = Logger.new($stdout)
log.progname = 'api'
log.info("listening on 127.0.0.1:4567")
LIMIT = 1
LIMIT = 2
warn "config.yml not found, using defaults"
warn "Api#fetch is deprecated", uplevel: 0
log.warn("slow request: 1200 ms")
begin
  Integer("x")
rescue ArgumentError => e
  log.error("bad input: #{e.message} (#{e.class})")
end
t = Thread.new { raise IOError, "worker failed" }
begin; t.join; rescue IOError; end
log.info("no errors in 3 jobs; shutting down")
RB
ruby logs.rb > "$OUT/ruby_logger_and_warnings.txt" 2>&1
# WEBrick (loopback only): its start lines, the access log, and a handler's exception that
# the server logs ("ERROR RuntimeError: db down" and tab-indented frames) and survives.
cat > webrick.rb <<'RB'
require 'webrick'
server = WEBrick::HTTPServer.new(BindAddress: '127.0.0.1', Port: 18082)
server.mount_proc('/') { |req, res| res.body = "ok\n" }
server.mount_proc('/boom') { |req, res| raise "db down" }
trap('TERM') { server.shutdown }
server.start
RB
ruby webrick.rb > "$OUT/ruby_webrick_handler_error.txt" 2>&1 &
local server=$!
sleep 1.5
ruby -rnet/http -e 'Net::HTTP.get(URI("http://127.0.0.1:18082/")); Net::HTTP.get(URI("http://127.0.0.1:18082/boom"))'
sleep 0.5
kill "$server"; wait "$server" 2>/dev/null
}

# php-cli 8.2. Debian's php.ini logs errors to stderr with a "PHP " prefix (log_errors=On,
# display_errors=Off); without a php.ini (-n, as in the official Docker images) they are
# displayed on stdout, each after an empty line, without the prefix.
capture_php() {
cat > exc.php <<'PHP'
<?php
function foo() {
    throw new Exception("boom");
}
echo "starting\n";
foo();
PHP
php exc.php > "$OUT/php_uncaught_exception.txt" 2>&1
php -n exc.php > "$OUT/php_uncaught_exception_display.txt" 2>&1
cat > autoload.php <<'PHP'
<?php
require __DIR__ . '/vendor/autoload.php';
echo "never\n";
PHP
php autoload.php > "$OUT/php_missing_autoload.txt" 2>&1
php -n autoload.php > "$OUT/php_missing_autoload_display.txt" 2>&1
cat > cls.php <<'PHP'
<?php
echo "[2026-12-02 19:40:01] app.INFO: booting\n";
$log = new Monolog\Logger("app");
PHP
php cls.php > "$OUT/php_class_not_found.txt" 2>&1
cat > chain.php <<'PHP'
<?php
function connect() { throw new RuntimeException("connection refused"); }
try { connect(); } catch (RuntimeException $e) { throw new LogicException("db unavailable", 0, $e); }
PHP
php chain.php > "$OUT/php_chained_exception.txt" 2>&1
printf '<?php\necho "a"\necho "b";\n' > parse.php
php parse.php > "$OUT/php_parse_error.txt" 2>&1
cat > warn.php <<'PHP'
<?php
error_reporting(E_ALL);
echo "[2026-12-02 19:40:01] app.INFO: listening on 127.0.0.1:8000\n";
echo $undefined_var;
$s = "abc"; echo $s[5];
echo strlen(null), "\n";
trigger_error("cache dir not writable", E_USER_NOTICE);
trigger_error("old API", E_USER_DEPRECATED);
echo "[2026-12-02 19:40:02] app.ERROR: payment failed: card declined {\"order\":17} []\n";
echo "no errors found in 3 files\n";
PHP
php warn.php > "$OUT/php_warnings_notices.txt" 2>&1
php -n -d error_reporting=-1 warn.php > "$OUT/php_warnings_notices_display.txt" 2>&1
# The built-in web server (php -S, loopback only): its start line, the access log, and an
# uncaught exception that ends one request, not the server.
mkdir -p www && printf '<?php\nif ($_SERVER["REQUEST_URI"] === "/boom") { throw new RuntimeException("db down"); }\necho "ok\\n";\n' > www/index.php
php -S 127.0.0.1:18081 -t www > "$OUT/php_dev_server.txt" 2>&1 &
local server=$!
sleep 1
php -r 'file_get_contents("http://127.0.0.1:18081/"); @file_get_contents("http://127.0.0.1:18081/boom");'
sleep 0.5
kill "$server"; wait "$server" 2>/dev/null
}

# perl 5.36: a missing module, compile and run-time errors perl itself raises (perldiag
# class F), and what warn and die print (the same text: "MSG at FILE line N.").
capture_perl() {
printf 'use strict;\nuse warnings;\nuse Foo::Bar;\nprint "never\\n";\n' > dep.pl
perl dep.pl > "$OUT/perl_missing_module.txt" 2>&1
printf 'use strict;\nuse warnings;\n$count = 1;\nprint "$count\\n";\n' > strict.pl
perl strict.pl > "$OUT/perl_compile_error.txt" 2>&1
printf 'use strict;\nuse warnings;\n$| = 1;\nprint "starting\\n";\nmy $db;\n$db->connect("127.0.0.1");\n' > undef.pl
perl undef.pl > "$OUT/perl_runtime_error.txt" 2>&1
cat > warndie.pl <<'PL'
use strict;
use warnings;
$| = 1;
print "starting\n";
warn "disk almost full";
warn "cache miss\n";
my $name;
print "hello " . $name . "\n";
die "cannot open /etc/app.conf: No such file or directory";
PL
perl warndie.pl > "$OUT/perl_warn_then_die.txt" 2>&1
cat > confess.pl <<'PL'
use strict;
use warnings;
use Carp;
sub load { confess "config unreadable" }
sub start { load() }
start();
PL
perl confess.pl > "$OUT/perl_confess.txt" 2>&1
}

# rust: rustup's rustc (1.95: "thread 'main' (TID) panicked at file:line:col:" then the
# message) and Debian's rustc 1.63 ("panicked at 'msg', file:line:col"), with and without
# RUST_BACKTRACE=1; a worker thread's panic; main returning Err. `cargo run` execs the
# program, so cargo adds nothing to its output.
capture_rust() {
cat > main.rs <<'RS'
fn parse_port(s: &str) -> u16 { s.parse().expect("PORT must be a number") }
fn main() {
    println!("starting");
    if std::env::args().nth(1).as_deref() == Some("thread") {
        let h = std::thread::Builder::new().name("worker".into()).spawn(|| panic!("worker lost its connection")).unwrap();
        let _ = h.join();
        println!("main continues");
        return;
    }
    parse_port("eighty");
}
RS
cat > err.rs <<'RS'
fn main() -> Result<(), Box<dyn std::error::Error>> {
    println!("loading config");
    let _s = std::fs::read_to_string("/nonexistent/config.toml")?;
    Ok(())
}
RS
rustc -o rs_new main.rs && rustc -o rs_err err.rs
env -u RUST_BACKTRACE ./rs_new > "$OUT/rust_panic.txt" 2>&1
RUST_BACKTRACE=1 ./rs_new > "$OUT/rust_panic_backtrace.txt" 2>&1
env -u RUST_BACKTRACE ./rs_new thread > "$OUT/rust_thread_panic.txt" 2>&1
./rs_err > "$OUT/rust_main_error.txt" 2>&1
if [ -x /usr/bin/rustc ]; then
  /usr/bin/rustc -o rs_old main.rs && RUST_BACKTRACE=1 ./rs_old > "$OUT/rust163_panic_backtrace.txt" 2>&1
fi
}

# Native libraries that are not what the program was built against: ld.so's missing symbol
# version (a library older than the program) and undefined symbol (lazy binding), Java's
# System.loadLibrary of an absent library, a Node.js addon that is not one. The file names
# in the messages are those of the capture folder.
capture_native() {
cat > v.c <<'C'
int greet(void) { return 1; }
int extra(void) { return 2; }
C
echo 'VERS_1 { global: greet; local: *; }; VERS_2 { global: extra; } VERS_1;' > v.map
echo 'VERS_1 { global: greet; local: *; };' > v1.map
echo 'int greet(void); int extra(void); int main(void) { return greet() + extra() - 3; }' > app.c
gcc -shared -fPIC -Wl,--version-script=v.map -o libv.so v.c && gcc -o app app.c -L. -lv -Wl,-rpath,'$ORIGIN'
gcc -shared -fPIC -Wl,--version-script=v1.map -o libv.so v.c && ./app > "$OUT/ld_version_not_found.txt" 2>&1
echo 'int greet(void) { return 1; }' > u.c
gcc -shared -fPIC -o libu.so v.c && gcc -o appu app.c -L. -lu -Wl,-rpath,'$ORIGIN' -Wl,-z,lazy
gcc -shared -fPIC -o libu.so u.c && ./appu > "$OUT/ld_undefined_symbol.txt" 2>&1
echo 'public class L { public static void main(String[] a) { System.loadLibrary("fastcodec"); } }' > L.java
javac L.java && java -cp . L > "$OUT/java_unsatisfied_link.txt" 2>&1
mkdir -p build/Release && cp libv.so build/Release/addon.node
echo "const a = require('./build/Release/addon.node'); console.log(a)" > addon.js
node addon.js > "$OUT/node_addon_dlopen_failed.txt" 2>&1
}

# C programs that die or are reported by glibc, the shell or a sanitizer (gcc 12), run from
# `bash -c './x; exit $?'` as a run script does, so bash reports the signal.
capture_crash() {
cat > smash.c <<'C'
#include <string.h>
#include <stdio.h>
static void f(const char* s) { char b[8]; strcpy(b, s); printf("copied %s\n", b); }
int main(int argc, char** argv) { puts("starting"); fflush(stdout); f(argc > 1 ? argv[1] : "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"); return 0; }
C
cat > segv.c <<'C'
#include <stdio.h>
int main(void) { puts("server starting on 127.0.0.1:8080"); fflush(stdout); volatile int* p = 0; *p = 1; return 0; }
C
cat > dfree.c <<'C'
#include <stdlib.h>
#include <stdio.h>
int main(void) { puts("loading config"); fflush(stdout); char* p = malloc(32); free(p); free(p); return 0; }
C
cat > ub.c <<'C'
#include <stdio.h>
#include <limits.h>
int main(int argc, char** argv) { puts("computing"); int x = INT_MAX; x += argc; printf("%d\n", x); return 0; }
C
cat > leak.c <<'C'
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
int main(void) { puts("worker done"); char* p = malloc(64); strcpy(p, "x"); p = 0; return 0; }
C
cat > race.c <<'C'
#include <pthread.h>
#include <stdio.h>
int counter;
static void* w(void* a) { (void)a; for (int i = 0; i < 1000; ++i) counter++; return 0; }
int main(void) { pthread_t t1, t2; pthread_create(&t1, 0, w, 0); pthread_create(&t2, 0, w, 0); pthread_join(t1, 0); pthread_join(t2, 0); printf("counter %d\n", counter); return 0; }
C
cat > uaf.c <<'C'
#include <stdlib.h>
#include <stdio.h>
int main(void) { puts("parsing request"); fflush(stdout); int* p = malloc(16); free(p); return p[1]; }
C
gcc -O0 -fstack-protector-all -o smash smash.c && gcc -O0 -o segv segv.c && gcc -O0 -o dfree dfree.c
gcc -O0 -g -fsanitize=address -o asan smash.c && gcc -g -fsanitize=address -o uaf uaf.c
gcc -g -fsanitize=undefined -o ub ub.c && gcc -g -fsanitize=address -o leak leak.c
gcc -g -fsanitize=thread -o race race.c -lpthread
bash -c './smash; exit $?' > "$OUT/c_smash_bash.txt" 2>&1
bash -c './segv; exit $?' > "$OUT/c_segv_bash.txt" 2>&1
bash -c 'ulimit -c unlimited; ./segv; exit $?' > "$OUT/c_segv_core_bash.txt" 2>&1; rm -f core*
sh -c './segv; exit $?' > "$OUT/c_segv_dash.txt" 2>&1
bash -c './dfree; exit $?' > "$OUT/c_dfree_bash.txt" 2>&1
bash -c './asan; exit $?' > "$OUT/c_asan_stack_buffer_overflow.txt" 2>&1
bash -c './uaf; exit $?' > "$OUT/c_asan_heap_use_after_free.txt" 2>&1
bash -c './ub; exit $?' > "$OUT/c_ubsan_overflow.txt" 2>&1
bash -c './leak; exit $?' > "$OUT/c_lsan_leak.txt" 2>&1
bash -c './race; exit $?' > "$OUT/c_tsan_race.txt" 2>&1
# The crash right after output with no newline: the shell's or glibc's report is glued to it.
cat > partial.c <<'C'
#include <stdio.h>
int main(void) { printf("loading plugins... "); fflush(stdout); volatile int* p = 0; *p = 1; return 0; }
C
cat > partial_abort.c <<'C'
#include <stdio.h>
#include <string.h>
static void f(const char* s) { char b[8]; strcpy(b, s); }
int main(void) { printf("progress 42%%"); fflush(stdout); f("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"); return 0; }
C
gcc -O0 -o partial partial.c && gcc -O0 -fstack-protector-all -o partial_abort partial_abort.c
bash -c './partial; exit $?' > "$OUT/c_segv_midline_bash.txt" 2>&1
sh -c './partial; exit $?' > "$OUT/c_segv_midline_dash.txt" 2>&1
bash -c './partial_abort; exit $?' > "$OUT/c_smash_midline_bash.txt" 2>&1
printf 'import sys\nsys.stdout.write("loading... "); sys.stdout.flush()\nraise RuntimeError("boom")\n' > glue.py
python3 glue.py > "$OUT/python_traceback_midline.txt" 2>&1
}

groups=("$@")
[ ${#groups[@]} -gt 0 ] || groups=(node python java npm cxx ruby php perl rust native crash)
for g in "${groups[@]}"; do (cd "$W" && "capture_$g"); done
cd /; rm -rf "$W"
