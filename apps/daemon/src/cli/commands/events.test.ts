import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import { type AuditEvent, openAuditStore } from '@agentsh/audit';
import { serve } from '@hono/node-server';
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app';
import { testContext } from '../../server/test-context';
import { registerEventsCommand, searchParams } from './events';

const KEY = 'cli-test-key-0123456789abcdef';
let dir = '';
let db = '';

function event(i: number): AuditEvent {
  return {
    id: `ev-${i}`,
    timestamp: new Date(Date.UTC(2026, 10, 27, 10, 0, i)).toISOString(),
    type: i % 2 === 0 ? 'file_open' : 'net_connect',
    session_id: i < 6 ? 'sess-a' : 'sess-b',
    ...(i % 2 === 0 ? { path: `/workspace/f${i}` } : { domain: `h${i}.example.com` }),
    policy: { decision: i % 3 === 0 ? 'deny' : 'allow', rule: `rule-${i}` },
  };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'agentsh-events-cli-'));
  db = join(dir, 'events.db');
  const store = openAuditStore({ path: db, key: KEY });
  for (let i = 0; i < 10; i++) void store.append(event(i));
  await store.close();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function cli(args: string[]): Promise<{ out: string; err: string; code: number }> {
  const io = { out: '', err: '' };
  const stdout = new PassThrough();
  stdout.on('data', (chunk: Buffer) => {
    io.out += chunk.toString('utf8');
  });
  const program = new Command('agentsh').option('--server <url>').exitOverride();
  registerEventsCommand(program, { out: (t) => (io.out += t), err: (t) => (io.err += t), stdout });
  process.exitCode = 0;
  await program.parseAsync(['node', 'agentsh', ...args]);
  const code = Number(process.exitCode ?? 0);
  process.exitCode = 0;
  return { ...io, code };
}

describe('agentsh events query', () => {
  it('prints a text table, newest first', async () => {
    const { out, code } = await cli(['events', 'query', '--db', db, '--limit', '3']);
    expect(code).toBe(0);
    const lines = out.trim().split('\n');
    expect(lines[0]).toMatch(/^TIME\s+TYPE\s+SESSION\s+DECISION\s+TARGET\s+RULE$/);
    expect(lines).toHaveLength(4);
    expect(lines[1]).toContain('2026-11-27T10:00:09.000Z  net_connect');
    expect(lines[1]).toContain('h9.example.com');
  });

  it('filters by session, type list, decision and since, printing JSON lines with --json', async () => {
    const { out } = await cli([
      'events',
      'query',
      '--db',
      db,
      '--session',
      'sess-b',
      '--type',
      'file_open,net_connect',
      '--decision',
      'deny',
      '--since',
      '2026-11-27T10:00:07Z',
      '--json',
    ]);
    expect(
      out
        .trim()
        .split('\n')
        .map((l) => (JSON.parse(l) as AuditEvent).id),
    ).toEqual(['ev-9']);
  });

  it('exits 1 with a message naming the bad flag', async () => {
    const bad = await cli(['events', 'query', '--db', db, '--since', 'whenever']);
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/^agentsh: since: expected an RFC3339 time or a duration/);
    const missing = await cli(['events', 'query', '--db', join(dir, 'nope.db')]);
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('nope.db: cannot open the audit database');
  });
});

describe('agentsh events export', () => {
  it('writes every event as JSON lines, oldest first, to stdout or --output', async () => {
    const { out, code } = await cli(['events', 'export', '--db', db, '--format', 'jsonl']);
    expect(code).toBe(0);
    const ids = out
      .trim()
      .split('\n')
      .map((l) => (JSON.parse(l) as AuditEvent).id);
    expect(ids).toEqual(Array.from({ length: 10 }, (_, i) => `ev-${i}`));
    const file = join(dir, 'out.jsonl');
    await cli(['events', 'export', '--db', db, '--session', 'sess-a', '--output', file]);
    expect(readFileSync(file, 'utf8').trim().split('\n')).toHaveLength(6);
  });

  it('rejects other formats', async () => {
    const { code, err } = await cli(['events', 'export', '--db', db, '--format', 'csv']);
    expect(code).toBe(1);
    expect(err).toContain('--format: only jsonl');
  });
});

describe('agentsh events query without --db (through the server, as agentsh does)', () => {
  it('maps the flags to /api/v1/events/search parameters', () => {
    expect(String(searchParams({ session: 's', type: 'a,b', pathLike: '/w%', limit: '5' }, 'desc'))).toBe(
      'session_id=s&type=a%2Cb&path_like=%2Fw%25&limit=5&order=desc',
    );
  });

  it('prints what the server returns', async () => {
    const store = openAuditStore({ path: db, key: KEY });
    const app = createApp(testContext({ audit: store }));
    let url = '';
    const server = await new Promise<ReturnType<typeof serve>>((ready) => {
      const s = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, (info) => {
        url = `http://127.0.0.1:${info.port}`;
        ready(s);
      });
    });
    try {
      const { out, code, err } = await cli([
        '--server',
        url,
        'events',
        'query',
        '--type',
        'net_connect',
        '--limit',
        '2',
        '--json',
      ]);
      expect(err).toBe('');
      expect(code).toBe(0);
      expect(
        out
          .trim()
          .split('\n')
          .map((l) => (JSON.parse(l) as AuditEvent).id),
      ).toEqual(['ev-9', 'ev-7']);
    } finally {
      server.close();
      await store.close();
    }
  });
});

describe('agentsh events export into a closed pipe', () => {
  it('stops quietly with exit 0 when the reader goes away (EPIPE)', async () => {
    const io = { out: '', err: '' };
    let writes = 0;
    const stdout = new Writable({
      highWaterMark: 16,
      write(_chunk, _enc, done) {
        writes++;
        done(writes >= 3 ? Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }) : null);
      },
    });
    const program = new Command('agentsh').exitOverride();
    registerEventsCommand(program, { out: (t) => (io.out += t), err: (t) => (io.err += t), stdout });
    process.exitCode = 0;
    await program.parseAsync(['node', 'agentsh', 'events', 'export', '--db', db]);
    expect({ code: Number(process.exitCode ?? 0), err: io.err, writes }).toEqual({
      code: 0,
      err: '',
      writes: 3,
    });
    process.exitCode = 0;
  });
});
