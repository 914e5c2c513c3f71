'use strict';
// A batch CLI: formats a small report with its own module (lib/format.js) and two packages
// vendored in node_modules (left-pad-lite, @acme/log); prints it and exits 0.
const { table } = require('./lib/format');
const log = require('@acme/log');
const rows = [['alpha', 3], ['beta', 14], ['gamma', 159]];
log.info('report of ' + rows.length + ' rows');
process.stdout.write(table(rows));
