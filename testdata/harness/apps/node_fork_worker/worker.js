'use strict';
// The worker: digests the files it is sent and answers over the IPC channel.
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');

process.on('message', (m) => {
  if (m.cmd === 'exit') process.exit(0);
  const sha256 = crypto.createHash('sha256').update(fs.readFileSync(m.file)).digest('hex');
  process.send({ file: path.basename(m.file), sha256 });
});
