// Two worker threads stat and read a file while the main thread writes progress to stderr: strace's
// lines of the workers land between the main thread's write( heads and the text it wrote.
const { Worker, isMainThread, workerData } = require('worker_threads');
const fs = require('fs');
if (isMainThread) {
  for (let w = 0; w < 2; w++) new Worker(__filename, { workerData: w });
  for (let i = 0; i < 40; i++) console.error(`progress ${i}: scanning batch ${i * 7}`);
} else {
  for (let i = 0; i < 25; i++) { try { fs.statSync('/etc/hostname'); fs.readFileSync('/etc/hostname'); } catch (e) {} }
  console.error(`worker ${workerData} done`);
}
