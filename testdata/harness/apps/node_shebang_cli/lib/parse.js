'use strict';
// A CSV reader for simple files: no quoting, comma-separated, a header line.
exports.parseCsv = (text) => {
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  return { header: lines[0].split(','), records: lines.slice(1).map((l) => l.split(',')) };
};
