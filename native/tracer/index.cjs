'use strict';
// Loads the compiled addon and reports where the helper executable is. No logic here.
const path = require('node:path');
const release = path.join(__dirname, 'build', 'Release');
const binding = require(path.join(release, 'tracer.node'));
module.exports = { ...binding, helperPath: path.join(release, 'agentsh-tracer') };
