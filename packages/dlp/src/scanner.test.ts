import { describe, expect, it } from 'vitest';
import { createRng } from '../test/random';
import { TOKEN_GENERATORS } from '../test/synthetic-tokens';
import { createScanner } from './scanner';

const scanner = createScanner();
const gh = TOKEN_GENERATORS.github_token?.(createRng(7)) ?? '';

describe('scan', () => {
  it('reports rule, position and fingerprint, never the value', () => {
    const text = `GITHUB_TOKEN=${gh}\n`;
    const [finding, ...rest] = scanner.scan(text);
    expect(rest).toHaveLength(0);
    expect(finding).toMatchObject({ ruleId: 'github_token', start: 13, end: 13 + gh.length });
    expect(finding?.fingerprint).toMatch(/^[0-9a-f]{12}$/);
    expect(JSON.stringify(finding)).not.toContain(gh.slice(4));
  });

  it('fingerprints equal values equally', () => {
    const [a, b] = scanner.scan(`${gh} ${gh}`);
    expect(a?.fingerprint).toBe(b?.fingerprint);
  });

  it('rejects a GitHub token whose checksum is wrong, unless a Modal-compatible rule takes it', () => {
    const broken = `${gh.slice(0, -1)}${gh.endsWith('A') ? 'B' : 'A'}`;
    const ids = scanner.scan(broken).map((f) => f.ruleId);
    expect(ids).not.toContain('github_token');
    const strict = createScanner(scanner.rules.filter((r) => r.id === 'github_token'));
    expect(strict.scan(broken)).toHaveLength(0);
    expect(strict.scan(gh)).toHaveLength(1);
  });

  it('merges overlapping findings into one span (equal length: the earlier rule names it)', () => {
    const jwt = TOKEN_GENERATORS.jwt?.(createRng(3)) ?? '';
    const findings = scanner.scan(`Authorization: Bearer ${jwt}`);
    expect(findings).toHaveLength(1);
    expect(findings[0]?.ruleId).toBe('jwt');
    expect(findings[0]?.start).toBe(22);
  });

  it('ignores UUIDs, git SHAs, lockfile integrity hashes and numbers', () => {
    const text = [
      'commit 97b58fa1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7',
      'request_id=123e4567-e89b-12d3-a456-426614174000',
      '"integrity": "sha512-Qw8fake0Jd+Lk3Vv9Tq2Rz8FakeHashFakeHashFakeHash0123456789abcdefABCDEF=="',
      'took 1732723200000 ms, max_tokens=4096, pid 12345',
    ].join('\n');
    expect(scanner.scan(text)).toEqual([]);
  });

  it('flags UUIDs and git SHAs only in secret context', () => {
    const uuid = '3f2b8c1e-9d4a-4b7e-a1c2-5e6f7a8b9c0d';
    const sha = '3f786850e387550fdab836ed7e6dc881de23001b';
    expect(scanner.scan(`request ${uuid} commit ${sha}`)).toEqual([]);
    expect(scanner.scan(`api_key = ${uuid}`).map((f) => f.ruleId)).toEqual(['generic_secret']);
    expect(scanner.scan(`auth_token: "${sha}"`).map((f) => f.ruleId)).toEqual(['generic_secret']);
  });

  it('needs a g-flag regex', () => {
    const rule = { ...scanner.rules[0], regex: /x/ } as (typeof scanner.rules)[number];
    expect(() => createScanner([rule])).toThrow(/g flag/);
  });

  it('runs a locator rule only around locator hits, and keywords win over a locator', () => {
    const base = { display: 'D', group: 'custom' as const, maxLength: 12 };
    const located = { ...base, id: 'loc', regex: /\d{3}-\d{4}/g, keywords: [], locator: /-\d{4}/g };
    expect(
      createScanner([located])
        .scan('call 555-1234 now')
        .map((f) => f.start),
    ).toEqual([5]);
    const keyed = { ...located, id: 'kw', keywords: ['555'], locator: /never/g };
    expect(
      createScanner([keyed])
        .scan('call 555-1234 now')
        .map((f) => f.start),
    ).toEqual([5]);
    expect(() => createScanner([{ ...located, locator: /-\d{4}/ }])).toThrow(/locator needs the g flag/);
  });
});
