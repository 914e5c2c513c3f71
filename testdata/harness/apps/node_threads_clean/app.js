'use strict';
// hashsvc: HTTP API on 127.0.0.1:3000 with a worker_threads pool (CPU work) and the
// libuv thread pool (fs.readFile, crypto.pbkdf2). No child processes. NDJSON logs.
const http = require('http');
const fs = require('fs');
const os = require('os');
const path = require('path');
const crypto = require('crypto');
const { Worker } = require('worker_threads');

const PORT = 3000;
const HOST = '127.0.0.1';
const POOL = 2;

function log(level, name, msg, extra) {
  const rec = { level, time: Date.now(), pid: process.pid, hostname: os.hostname(), name, msg };
  process.stdout.write(JSON.stringify(Object.assign(rec, extra || {})) + '\n');
}

const workers = [];
const pending = new Map();
let nextJob = 1;
for (let i = 0; i < POOL; i++) {
  const w = new Worker(path.join(__dirname, 'worker.js'), { workerData: { id: i } });
  w.on('message', (m) => {
    const done = pending.get(m.job);
    pending.delete(m.job);
    if (done) done(m);
  });
  w.on('online', () => log(30, 'hashsvc.pool', `worker ${i} online`, { threadId: w.threadId }));
  workers.push(w);
}

function hashJob(n) {
  return new Promise((resolve) => {
    const job = nextJob++;
    pending.set(job, resolve);
    workers[job % POOL].postMessage({ job, n });
  });
}

function send(res, status, type, body) {
  res.writeHead(status, { 'Content-Type': type, 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}

const server = http.createServer((req, res) => {
  const url = new URL(req.url, `http://${HOST}`);
  const done = (status) => log(30, 'hashsvc.http', `${req.method} ${url.pathname} ${status}`);
  if (url.pathname === '/') {
    fs.readFile(path.join(__dirname, 'public', 'index.html'), (err, data) => {
      if (err) { send(res, 500, 'text/plain', 'error\n'); return done(500); }
      send(res, 200, 'text/html', data); done(200);
    });
  } else if (url.pathname === '/hash') {
    hashJob(Number(url.searchParams.get('n') || 1000)).then((m) => {
      send(res, 200, 'application/json', JSON.stringify(m)); done(200);
    });
  } else if (url.pathname === '/kdf') {
    crypto.pbkdf2('password', 'salt', 20000, 32, 'sha256', (err, key) => {
      send(res, 200, 'application/json', JSON.stringify({ key: key.toString('hex') })); done(200);
    });
  } else if (url.pathname === '/health') {
    send(res, 200, 'application/json', JSON.stringify({ ok: true, workers: workers.length })); done(200);
  } else {
    send(res, 404, 'text/plain', 'not found\n'); done(404);
  }
});

server.listen(PORT, HOST, () => log(30, 'hashsvc', `listening on http://${HOST}:${PORT}`));

process.on('SIGTERM', () => {
  log(30, 'hashsvc', 'SIGTERM received, shutting down');
  server.close();
  server.closeAllConnections();
  Promise.all(workers.map((w) => w.terminate())).then(() => {
    log(30, 'hashsvc', 'shutdown complete');
    process.exit(0);
  });
});
