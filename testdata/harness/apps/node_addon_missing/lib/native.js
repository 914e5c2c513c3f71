'use strict';
// The compiled half of the package: `npm install` runs node-gyp to build it into
// build/Release/. Deployed without that step, the require below throws.
const binding = require('../build/Release/x.node');

module.exports = { checksum: (buf) => binding.crc32(buf) };
