'use strict';
// notes-board: an Express JSON API with a ws live feed on 127.0.0.1:8170.
const http = require('http');
const path = require('path');
const express = require('express');
const { WebSocketServer } = require('ws');

const PORT = 8170;
const notes = [];
const app = express();
app.use(express.json());
app.use(express.static(path.join(__dirname, 'public')));
app.get('/health', (req, res) => res.json({ ok: true, notes: notes.length }));
app.get('/api/notes', (req, res) => res.json(notes));
app.post('/api/notes', (req, res) => {
  const note = { id: notes.length + 1, text: String(req.body.text || '') };
  notes.push(note);
  for (const c of wss.clients) c.send(JSON.stringify({ type: 'note', note }));
  res.status(201).json(note);
});

const server = http.createServer(app);
const wss = new WebSocketServer({ server, path: '/feed' });
wss.on('connection', (ws) => {
  console.log('feed: client connected');
  ws.send(JSON.stringify({ type: 'hello', notes: notes.length }));
  ws.on('message', (m) => ws.send(JSON.stringify({ type: 'echo', text: String(m) })));
  ws.on('close', () => console.log('feed: client left'));
});

server.listen(PORT, '127.0.0.1', () => console.log(`notes-board listening on 127.0.0.1:${PORT}`));
process.on('SIGTERM', () => {
  console.log('SIGTERM received, closing');
  wss.close();
  server.close(() => { console.log('closed'); process.exit(0); });
});
