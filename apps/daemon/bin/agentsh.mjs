#!/usr/bin/env node
// Client verbs load a small bundle; everything else (server, policy, events, ...) the full one.
const LIGHT = new Set(['exec', 'session', 'approve']);
const args = process.argv.slice(2);
let i = 0;
while (args[i] === '--server' || args[i] === '--api-key') i += 2;
await import(LIGHT.has(args[i] ?? '') ? '../dist/client.js' : '../dist/cli.js');
