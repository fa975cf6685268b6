import { describe, expect, it } from 'vitest';
import { createOutputRedactorFactory } from './output-redactor';

const AWS = `AKIA${'QZ7X'.repeat(4)}`;

function run(
  mode: 'redact' | 'tokenize' | 'disabled',
  chunks: string[],
  session = 's1',
  factory = createOutputRedactorFactory({ mode }),
) {
  const r = factory(session);
  return chunks.map((c) => r.push(Buffer.from(c))).join('') + r.end();
}

describe('output redactor', () => {
  it('redacts a secret split across chunks', () => {
    const out = run('redact', ['key=', AWS.slice(0, 9), AWS.slice(9), ' done\n']);
    expect(out).not.toContain(AWS);
    expect(out).toContain('[REDACTED:');
    expect(out).toContain(' done\n');
  });

  it('keeps a multi-byte character split across chunks intact', () => {
    const bytes = Buffer.from('héllo');
    const r = createOutputRedactorFactory({ mode: 'redact' })('s');
    expect(r.push(bytes.subarray(0, 2)) + r.push(bytes.subarray(2)) + r.end()).toBe('héllo');
  });

  it('tokenizes stably within a session', () => {
    const factory = createOutputRedactorFactory({ mode: 'tokenize' });
    const a = run('tokenize', [`${AWS}\n`], 's1', factory);
    const b = run('tokenize', [`again ${AWS}\n`], 's1', factory);
    expect(a).not.toContain(AWS);
    expect(b.endsWith(a)).toBe(true);
  });

  it('applies custom patterns from the config with their display name', () => {
    const factory = createOutputRedactorFactory({
      mode: 'redact',
      custom_patterns: [{ name: 'ticket', display: 'TICKET', regex: 'TCK-[0-9]{6}' }],
    });
    expect(run('redact', ['see TCK-123456 now'], 's', factory)).toBe('see [REDACTED:TICKET] now');
  });

  it('refuses an unusable dlp section, naming the key', () => {
    expect(() => createOutputRedactorFactory({ mode: 'shout' })).toThrow(/dlp\.mode/);
  });

  it('passes output through when disabled', () => {
    expect(run('disabled', [AWS])).toBe(AWS);
  });

  it('reports each redacted span by rule id to onRedact', () => {
    const rules: string[] = [];
    const r = createOutputRedactorFactory({ mode: 'redact' }, (id) => rules.push(id))('s');
    r.push(Buffer.from('key AKIAIOSFODNN7EXAMPLF and mail bob@example.org\n'));
    r.end();
    expect(rules.length).toBeGreaterThan(0);
    expect(rules.every((id) => /^[a-z0-9_]+$/.test(id))).toBe(true);
  });
});
