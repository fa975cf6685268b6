// Builds the native agentsh launcher with node-gyp.
// Offline machines: Node's headers ship in /usr/include/node, so point node-gyp there
// instead of letting it download them.
const { spawnSync } = require('node:child_process');
const { existsSync, statSync } = require('node:fs');
const path = require('node:path');

if (process.platform !== 'linux') {
  console.log('@agentsh/cli-native: not Linux, nothing to build');
  process.exit(0);
}
const env = { ...process.env };
if (!env.npm_config_nodedir && existsSync('/usr/include/node/node_api.h')) {
  env.npm_config_nodedir = '/usr';
}
const gyp = require.resolve('node-gyp/bin/node-gyp.js');
const root = path.join(__dirname, '..');
// configure again when binding.gyp changed (new sources) since the Makefile was made
const makefile = path.join(root, 'build', 'Makefile');
const configured =
  existsSync(makefile) && statSync(makefile).mtimeMs >= statSync(path.join(root, 'binding.gyp')).mtimeMs;
const steps = configured ? [['build']] : [['configure'], ['build']];
for (const args of steps) {
  const r = spawnSync(process.execPath, [gyp, ...args, '--jobs', '2'], { cwd: root, env, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
