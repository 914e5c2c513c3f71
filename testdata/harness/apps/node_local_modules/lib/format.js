'use strict';
const pad = require('left-pad-lite');
exports.table = (rows) => rows.map(([k, v]) => k.padEnd(8) + pad(String(v), 5) + '\n').join('');
