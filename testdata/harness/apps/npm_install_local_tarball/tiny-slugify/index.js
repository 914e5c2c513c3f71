'use strict';
const table = require('./table.json');
module.exports = function slugify(s) {
  return [...String(s).toLowerCase()].map(c => table[c] ?? (/[a-z0-9]/.test(c) ? c : '-')).join('')
    .replace(/-+/g, '-').replace(/^-|-$/g, '');
};
