'use strict';
// thumbs-batch: hands each file of data/ to a worker process started with child_process.fork()
// (a second node running worker.js, talking over the IPC channel), collects the digests the
// worker sends back, writes out/digests.json, then tells the worker to exit.
const { fork } = require('child_process');
const fs = require('fs');
const path = require('path');

const files = fs.readdirSync(path.join(__dirname, 'data')).sort();
const worker = fork(path.join(__dirname, 'worker.js'), ['--id', '1']);
const results = {};
worker.on('message', (m) => {
  results[m.file] = m.sha256;
  if (Object.keys(results).length === files.length) {
    fs.mkdirSync(path.join(__dirname, 'out'), { recursive: true });
    fs.writeFileSync(path.join(__dirname, 'out', 'digests.json'), JSON.stringify(results, null, 2) + '\n');
    console.log(`thumbs-batch: ${files.length} file(s) digested by worker pid ${worker.pid}`);
    worker.send({ cmd: 'exit' });
  }
});
worker.on('exit', (code) => console.log(`thumbs-batch: worker exited with ${code}`));
for (const f of files) worker.send({ cmd: 'digest', file: path.join(__dirname, 'data', f) });
