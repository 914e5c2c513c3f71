const net = require('net');
const { execFileSync } = require('child_process');
process.stdout.write('loading config... ');
const fs = require('fs');
fs.readFileSync('/etc/hostname');
console.log('done');
const srv = net.createServer(s => { s.end('hello\n'); });
srv.listen(8097, '127.0.0.1', () => {
  console.log('listening on 127.0.0.1:8097');
  console.error('warn: debug mode on');
  const out = execFileSync('/bin/sh', ['-c', 'echo child says hi; id -u']);
  process.stdout.write(out);
  const c = net.connect(8097, '127.0.0.1', () => {});
  c.on('data', d => { process.stdout.write('got ' + d); c.end(); srv.close(); console.log('bye'); });
});
