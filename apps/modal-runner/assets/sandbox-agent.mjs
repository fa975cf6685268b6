#!/usr/bin/env node
// Runs inside the sandbox (under `runsc --network=none do`, or plainly for the local provider).
// Reads JSON requests, one a line, on stdin; answers with JSON lines on stdout:
//   {"id":1,"op":"exec","cmd":"...","timeoutMs":30000,"env":{},"cwd":"/root"}
//     -> {"id":1,"t":"out","d":"<base64>"} / {"id":1,"t":"err","d":"<base64>"} ... {"id":1,"t":"exit","code":0,"timedOut":false}
//   {"id":2,"op":"write","path":"/etc/x","d":"<base64>","mode":420} -> {"id":2,"t":"ok"} | {"id":2,"t":"fail","message":"..."}
//   {"id":3,"op":"setenv","env":{"K":"V"}} -> {"id":3,"t":"ok"}   (applies to every later exec)
// Every exec is `bash -c CMD` in its own process group, so a timeout kills the whole group.
// When stdin closes the agent exits, and with it the sandbox.
import { spawn } from 'node:child_process';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { createInterface } from 'node:readline';

const send = (msg) => process.stdout.write(`${JSON.stringify(msg)}\n`);

function runExec(req) {
  const child = spawn('bash', ['-c', req.cmd], {
    cwd: req.cwd || '/',
    env: { ...process.env, ...req.env },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let timedOut = false;
  let finished = false;
  const timer = setTimeout(() => {
    timedOut = true;
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {}
  }, req.timeoutMs || 30000);
  child.stdout.on('data', (d) => send({ id: req.id, t: 'out', d: d.toString('base64') }));
  child.stderr.on('data', (d) => send({ id: req.id, t: 'err', d: d.toString('base64') }));
  const finish = (code, signal) => {
    if (finished) return;
    finished = true;
    clearTimeout(timer);
    const exit = timedOut ? 124 : (code ?? 128 + (signal === 'SIGKILL' ? 9 : 15));
    send({ id: req.id, t: 'exit', code: exit, timedOut });
  };
  child.on('error', (err) => {
    send({ id: req.id, t: 'err', d: Buffer.from(`${err.message}\n`).toString('base64') });
    finish(127, null);
  });
  // A background job left running (`cmd &`) may keep the pipes open: wait for them briefly only.
  child.on('exit', (code, signal) => setTimeout(() => finish(code, signal), 300));
  child.on('close', (code, signal) => finish(code, signal));
}

function runWrite(req) {
  try {
    mkdirSync(dirname(req.path), { recursive: true });
    writeFileSync(req.path, Buffer.from(req.d, 'base64'));
    if (typeof req.mode === 'number') chmodSync(req.path, req.mode);
    send({ id: req.id, t: 'ok' });
  } catch (err) {
    send({ id: req.id, t: 'fail', message: `write ${req.path}: ${err.message}` });
  }
}

const lines = createInterface({ input: process.stdin });
lines.on('line', (line) => {
  let req;
  try {
    req = JSON.parse(line);
  } catch {
    send({ t: 'bad', message: 'request is not JSON' });
    return;
  }
  if (req.op === 'exec') runExec(req);
  else if (req.op === 'write') runWrite(req);
  else if (req.op === 'setenv') {
    Object.assign(process.env, req.env);
    send({ id: req.id, t: 'ok' });
  } else send({ id: req.id, t: 'fail', message: `unknown op ${req.op}` });
});
lines.on('close', () => process.exit(0));
send({ t: 'ready', pid: process.pid });
