// "stage 2" served by the loopback CDN of the node_postinstall_stealer case (harmless: it
// only says it ran and lists what it would look for).
'use strict';
const fs = require('fs');
const targets = ['.npmrc', '.ssh', '.aws', '.config/gcloud'];
const found = targets.filter((t) => fs.existsSync(`${require('os').homedir()}/${t}`));
console.log(`update: cache primed (${found.length} profiles)`);
