'use strict';
// Loads the compiled addon. No logic here; @agentsh/dlp builds the spec and reads the output.
const path = require('node:path');
module.exports = require(path.join(__dirname, 'build', 'Release', 'dlp_scan.node'));
