import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLogger } from './logger';

describe('logger', () => {
  it('writes text lines at or above the level to a file', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'log-')), 'sub', 'agentsh.log');
    const log = createLogger({ level: 'info', format: 'text', output: file });
    log.debug('hidden');
    log.info('ptrace tracer started', { attach_mode: 'children', note: 'two words' });
    const text = readFileSync(file, 'utf8');
    expect(text).not.toContain('hidden');
    expect(text).toMatch(/level=INFO msg="ptrace tracer started" attach_mode=children note="two words"\n$/);
  });

  it('writes JSON lines when asked', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'log-')), 'a.log');
    createLogger({ level: 'debug', format: 'json', output: file }).warn('x', { n: 1 });
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ level: 'WARN', msg: 'x', n: 1 });
  });
});
