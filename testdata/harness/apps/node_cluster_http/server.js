// A Node.js cluster HTTP server: the primary forks 2 workers (each re-runs this file with
// NODE_UNIQUE_ID set), which share 127.0.0.1:8120 through the primary (round-robin).
'use strict';
const cluster = require('node:cluster');
const http = require('node:http');
const fs = require('node:fs');
const path = require('node:path');

const PORT = 8120;
if (cluster.isPrimary) {
  console.log(`primary ${process.pid} starting 2 workers`);
  for (let i = 0; i < 2; i++) cluster.fork();
  cluster.on('exit', (w, code, signal) => console.log(`worker ${w.process.pid} exited (${signal || code})`));
  process.on('SIGTERM', () => {
    console.log('primary: SIGTERM, stopping workers');
    for (const id in cluster.workers) cluster.workers[id].process.kill('SIGTERM');
    cluster.disconnect(() => process.exit(0));
  });
} else {
  const page = fs.readFileSync(path.join(__dirname, 'public', 'index.html'));
  http.createServer((req, res) => {
    if (req.url === '/') {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end(page);
    } else if (req.url === '/health') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ ok: true, worker: process.pid }));
    } else {
      res.writeHead(404);
      res.end('not found\n');
    }
  }).listen(PORT, '127.0.0.1', () => console.log(`worker ${process.pid} listening on ${PORT}`));
}
