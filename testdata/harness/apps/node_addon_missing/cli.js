'use strict';
// checksum-cli: prints the CRC-32 of every file under input/.
const fs = require('fs');
const path = require('path');
const { checksum } = require('./lib/native');

for (const name of fs.readdirSync('input')) {
  const buf = fs.readFileSync(path.join('input', name));
  console.log(`${checksum(buf).toString(16).padStart(8, '0')}  ${name}`);
}
