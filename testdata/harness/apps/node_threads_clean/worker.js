'use strict';
// CPU-bound job runner: iterated sha256, reports back to the main thread.
const crypto = require('crypto');
const { parentPort, workerData, threadId } = require('worker_threads');

parentPort.on('message', ({ job, n }) => {
  let h = Buffer.from(String(job));
  for (let i = 0; i < n; i++) h = crypto.createHash('sha256').update(h).digest();
  parentPort.postMessage({ job, n, worker: workerData.id, threadId, digest: h.toString('hex').slice(0, 16) });
});
