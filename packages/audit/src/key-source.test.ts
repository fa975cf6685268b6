import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../test/events';
import { readIntegrityKey } from './key-source';

describe('readIntegrityKey', () => {
  it('reads a key file without its trailing newline, keeping other bytes', () => {
    const t = tempDir();
    writeFileSync(t.file('k1'), 'secret-value-123\n');
    writeFileSync(t.file('k2'), 'secret-value-123\r\n');
    writeFileSync(t.file('k3'), Buffer.from([1, 2, 3, 0x0a, 0x0a]));
    expect(readIntegrityKey({ file: t.file('k1') }, {}).toString()).toBe('secret-value-123');
    expect(readIntegrityKey({ file: t.file('k2') }, {}).toString()).toBe('secret-value-123');
    expect([...readIntegrityKey({ file: t.file('k3') }, {})]).toEqual([1, 2, 3, 0x0a]);
    t.cleanup();
  });

  it('reads an environment variable and names it, not its value, when missing', () => {
    expect(readIntegrityKey({ env: 'K' }, { K: 'from-env-value' }).toString()).toBe('from-env-value');
    expect(() => readIntegrityKey({ env: 'K' }, {})).toThrow(
      'integrity key: environment variable K is not set',
    );
    expect(() => readIntegrityKey({ file: '/nonexistent/key' }, {})).toThrow(
      /cannot read key file \/nonexistent\/key/,
    );
    expect(() => readIntegrityKey({ file: 'a', env: 'K' }, { K: 'x' })).toThrow(/not both/);
  });
});
