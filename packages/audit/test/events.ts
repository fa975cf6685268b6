import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AuditEvent } from '../src/schema';

/** A 32-byte test key (not a secret: tests only). */
export const TEST_KEY = Buffer.from('test-key-0123456789abcdef-0123456789');

const BASE_MS = Date.UTC(2026, 10, 27, 12, 0, 0);

/** The i-th synthetic event: 4 sessions, a few types, every 5th one denied. */
export function makeEvent(i: number, overrides: Partial<AuditEvent> = {}): AuditEvent {
  const type = ['file_open', 'net_connect', 'command_started', 'dns_query'][i % 4] ?? 'file_open';
  return {
    id: `ev-${String(i).padStart(6, '0')}`,
    timestamp: new Date(BASE_MS + i * 1000)
      .toISOString()
      .replace('Z', `${String(i % 1000).padStart(3, '0')}Z`),
    type,
    session_id: `sess-${i % 4}`,
    command_id: `cmd-${Math.floor(i / 10)}`,
    pid: 1000 + i,
    policy: {
      decision: i % 5 === 0 ? 'deny' : 'allow',
      effective_decision: i % 5 === 0 ? 'deny' : 'allow',
      rule: `r${i % 3}`,
    },
    ...(type === 'net_connect'
      ? { domain: `host${i}.example.com`, remote: '127.0.0.1:443' }
      : { path: `/workspace/f${i}.txt` }),
    operation: type === 'net_connect' ? 'connect' : 'open',
    fields: { n: i },
    ...overrides,
  };
}

/** Base time of makeEvent(0), in ms since the epoch. */
export const EVENT_BASE_MS = BASE_MS;

/** A fresh temp directory and a cleanup function. */
export function tempDir(): { dir: string; file: (name: string) => string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'agentsh-audit-'));
  return {
    dir,
    file: (name) => join(dir, name),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}
