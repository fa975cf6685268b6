import { describe, expect, it } from 'vitest';
import { parseKeysFile } from './auth-keys';

describe('parseKeysFile', () => {
  it('reads a list or a mapping', () => {
    expect([...parseKeysFile('keys:\n  - {key: agent-key-1, role: agent}\n', 'k.yaml')]).toEqual([
      ['agent-key-1', 'agent'],
    ]);
    expect([...parseKeysFile('approver-key-1: approver\n', 'k.yaml')]).toEqual([
      ['approver-key-1', 'approver'],
    ]);
  });

  it('names the entry that is wrong, without echoing the key', () => {
    expect(() => parseKeysFile('- {key: short, role: agent}\n', 'k.yaml')).toThrow(
      'k.yaml: entry 1: key must be',
    );
    expect(() => parseKeysFile('secret-key-value: root\n', 'k.yaml')).toThrow(/entry 1: role must be one of/);
    expect(() => parseKeysFile('secret-key-value: root\n', 'k.yaml')).not.toThrow(/secret-key-value/);
  });
});
