#!/bin/bash
# Re-captures testdata/formats/program_log/: what node 20, python 3, java 17 and npm print
# (stdout+stderr, as program.log holds them) for crashes, handled errors and structured logs.
# go_panic.txt is hand-written after Go's runtime output (no Go toolchain on this machine).
set -uo pipefail
OUT=$(cd "$(dirname "$0")" && pwd)/program_log
W=$(mktemp -d /tmp/rdlog.XXXX)
cd "$W"
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
mkdir -p npmapp && echo '{"name":"app","version":"1.0.0","scripts":{}}' > npmapp/package.json
(cd npmapp && npm run start > "$OUT/npm_missing_script.txt" 2>&1)
cd /; rm -rf "$W"
