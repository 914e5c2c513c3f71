// stage 2 served by the loopback "CDN": harmless, it only says it ran.
module.exports = { ran: true, from: __filename };
console.log('plugin loaded from ' + __filename);
