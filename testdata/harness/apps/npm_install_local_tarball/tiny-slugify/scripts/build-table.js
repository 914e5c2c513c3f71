'use strict';
// Generates the transliteration table next to the package (a harmless build step).
const fs = require('fs');
const path = require('path');
const table = { 'ä': 'ae', 'ö': 'oe', 'ü': 'ue', 'ß': 'ss', 'é': 'e', 'è': 'e', 'ç': 'c', '&': 'and' };
fs.writeFileSync(path.join(__dirname, '..', 'table.json'), JSON.stringify(table));
console.log('tiny-slugify: wrote table.json (%d entries)', Object.keys(table).length);
