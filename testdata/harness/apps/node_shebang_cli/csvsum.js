#!/usr/bin/env node
'use strict';
// csvsum: sums the numeric columns of the CSV files named on the command line and prints a
// table (its own ./lib/parse and the vendored tiny-table package); writes out/sums.json.
const fs = require('fs');
const path = require('path');
const { parseCsv } = require('./lib/parse');
const table = require('tiny-table');

const rows = [];
for (const file of process.argv.slice(2)) {
  const { header, records } = parseCsv(fs.readFileSync(file, 'utf8'));
  const sums = header.map((_, i) => records.reduce((s, r) => s + (Number(r[i]) || 0), 0));
  rows.push([path.basename(file), ...sums.map(String)]);
}
console.log(table(rows));
fs.mkdirSync(path.join(__dirname, 'out'), { recursive: true });
fs.writeFileSync(path.join(__dirname, 'out', 'sums.json'), JSON.stringify(rows, null, 2) + '\n');
console.log(`csvsum: ${rows.length} file(s) summed`);
