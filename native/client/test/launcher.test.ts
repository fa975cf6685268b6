import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const BIN = join(import.meta.dirname, '..', 'build', 'Release', 'agentsh');
const dir = mkdtempSync(join(tmpdir(), 'agentsh-launcher-'));
const FAKE_CLI = join(dir, 'fake-cli.mjs');
writeFileSync(
  FAKE_CLI,
  "process.stdout.write('node-cli ' + JSON.stringify(process.argv.slice(2)) + '\\n');\n",
);

function frame(type: string, payload: string): Buffer {
  const body = Buffer.from(payload);
  const head = Buffer.alloc(5);
  head.write(type, 0, 'latin1');
  head.writeUInt32BE(body.length, 1);
  return Buffer.concat([head, body]);
}

interface Seen {
  url: string;
  body: unknown;
  apiKey: string | undefined;
}

let server: Server;
let url = '';
const seen: Seen[] = [];

function body(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let text = '';
    req.on('data', (c: Buffer) => (text += c.toString()));
    req.on('end', () => resolve(text));
  });
}

beforeAll(async () => {
  server = createServer(async (req, res) => {
    const parsed = JSON.parse(await body(req)) as { command: string; args: string[] };
    seen.push({ url: req.url ?? '', body: parsed, apiKey: req.headers['x-api-key'] as string | undefined });
    if (req.url?.includes('/sessions/missing/')) {
      res.writeHead(404, { 'Content-Type': 'application/json' }).end('{"error":"session not found"}');
      return;
    }
    res.writeHead(200, { 'Content-Type': 'application/x-agentsh-frames' });
    res.write(frame('o', 'out:'));
    res.write(frame('e', 'err\n'));
    res.write(frame('o', `${parsed.args.join('|')}\n`));
    res.end(frame('x', parsed.command === 'fail' ? '7' : '0'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => server.close());

function run(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(BIN, args, {
      env: { PATH: process.env.PATH ?? '', AGENTSH_CLI_JS: FAKE_CLI, ...env },
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c));
    child.stderr.on('data', (c: Buffer) => (err += c));
    child.on('close', (code) => resolve({ code, out, err }));
  });
}

describe.runIf(process.platform === 'linux')('native agentsh launcher', () => {
  it('sends the command as JSON and copies frames to stdout/stderr with the exit code', async () => {
    const r = await run([
      '--server',
      url,
      '--api-key',
      'k-123',
      'exec',
      'sess-1',
      '--',
      'fail',
      'a "b"',
      'c\\d',
      'é',
    ]);
    expect(r).toEqual({ code: 7, out: 'out:a "b"|c\\d|é\n', err: 'err\n' });
    expect(seen.at(-1)).toEqual({
      url: '/api/v1/sessions/sess-1/exec/raw',
      body: { command: 'fail', args: ['a "b"', 'c\\d', 'é'] },
      apiKey: 'k-123',
    });
  });

  it('takes the server and session from the environment', async () => {
    const r = await run(['exec', '--', 'true', 'x'], {
      AGENTSH_SERVER: url,
      AGENTSH_SESSION_ID: 'env sess/1',
    });
    expect(r.code).toBe(0);
    expect(seen.at(-1)?.url).toBe('/api/v1/sessions/env%20sess%2F1/exec/raw');
  });

  it('hands other verbs, exec flags and error answers to the Node CLI unchanged', async () => {
    expect((await run(['session', 'list'])).out).toBe('node-cli ["session","list"]\n');
    expect((await run(['exec', '--json', '{}'])).out).toBe('node-cli ["exec","--json","{}"]\n');
    const missing = await run(['--server', url, 'exec', 'missing', '--', 'true']);
    expect(missing.out).toBe(`node-cli ["--server","${url}","exec","missing","--","true"]\n`);
  });

  it('falls back when the server cannot be reached', async () => {
    const r = await run(['--server', 'http://127.0.0.1:1', 'exec', 's', '--', 'true']);
    expect(r.out).toContain('node-cli');
  });
});
