const fs = require('fs');
fs.readFile('/etc/hostname', (err, data) => console.log('read', err ? err.code : data.length));
