import { describe, expect, it } from 'vitest';
import { allowAllCommands, commandRule, fileRule, signalRule, table } from '../test/tables';
import { encodeTable } from './encode';
import { loadNativeBinding } from './native';
import type { PolicyTable } from './table';

const linux = process.platform === 'linux';

function fileVerdict(globs: string[], path: string): string {
  const t = table({ file: [fileRule('hit', 'deny', globs)] });
  return loadNativeBinding().evaluateForTest(encodeTable(t), { kind: 'file', path, op: 'write' }).rule;
}

describe.runIf(linux)('C evaluator: globs (gobwas semantics, / separator)', () => {
  it.each([
    [['/a/*'], '/a/b', true],
    [['/a/*'], '/a/b/c', false],
    [['/a/**'], '/a/b/c', true],
    [['/a/**'], '/a', false],
    [['/a/?.txt'], '/a/x.txt', true],
    [['/a/?.txt'], '/a//.txt', false],
    [['/a/[bc]x'], '/a/cx', true],
    [['/a/[!bc]x'], '/a/cx', false],
    [['/a/[a-c]x'], '/a/bx', true],
    [['/a/{b,c/d}/e'], '/a/c/d/e', true],
    [['/a/{b,{c,d}x}/e'], '/a/dx/e', true],
    [['/a/{b,c}/e'], '/a/x/e', false],
    [['/a/\\*'], '/a/*', true],
    [['/a/\\*'], '/a/b', false],
    [['/x', '/a/**/z'], '/a/b/c/z', true],
  ])('%j matches %s: %s', (globs, path, expected) => {
    expect(fileVerdict(globs, path) === 'hit').toBe(expected);
  });
});

describe.runIf(linux)('C evaluator: rules', () => {
  const binding = () => loadNativeBinding();

  it('first match wins and unmatched files fall to default-deny-files', () => {
    const t = table({
      file: [fileRule('a', 'allow', ['/w/**'], ['write']), fileRule('b', 'deny', ['/w/**'])],
    });
    const blob = encodeTable(t);
    expect(binding().evaluateForTest(blob, { kind: 'file', path: '/w/x', op: 'write' }).rule).toBe('a');
    expect(binding().evaluateForTest(blob, { kind: 'file', path: '/w/x', op: 'delete' }).rule).toBe('b');
    expect(binding().evaluateForTest(blob, { kind: 'file', path: '/q', op: 'open' })).toEqual({
      decision: 'deny',
      effective: 'deny',
      rule: 'default-deny-files',
    });
  });

  it('a read-only open also matches read rules; unknown ops match only * rules', () => {
    const t = table({
      file: [fileRule('r', 'deny', ['/s/**'], ['read']), fileRule('all', 'audit', ['/**'])],
    });
    const blob = encodeTable(t);
    expect(binding().evaluateForTest(blob, { kind: 'file', path: '/s/k', op: 'open' }).rule).toBe('r');
    expect(binding().evaluateForTest(blob, { kind: 'file', path: '/s/k', op: 'frob' })).toEqual({
      decision: 'audit',
      effective: 'allow',
      rule: 'all',
    });
  });

  it('commands match case-insensitively, with args patterns and depth windows', () => {
    const t: PolicyTable = table({
      command: [
        commandRule('py-nested', 'deny', { nameGlobs: ['python3*'], minDepth: 1, maxDepth: 2 }),
        commandRule('rm-rf', 'deny', {
          names: ['rm'],
          args: [{ source: '-rf', ere: '-[a-z]*r', caseInsensitive: true }],
        }),
        allowAllCommands,
      ],
    });
    const blob = encodeTable(t);
    const ask = (path: string, args: string, depth: number) =>
      binding().evaluateForTest(blob, { kind: 'exec', path, args, depth }).rule;
    expect(ask('/usr/bin/Python3.11', 'python3.11', 1)).toBe('py-nested');
    expect(ask('/usr/bin/python3', 'python3', 0)).toBe('allow-all-commands');
    expect(ask('/usr/bin/python3', 'python3', 3)).toBe('allow-all-commands');
    expect(ask('/bin/rm', 'rm -Rf /', 0)).toBe('rm-rf');
    expect(ask('/bin/rm', 'rm -f /', 0)).toBe('allow-all-commands');
  });

  it('signal rules match by number and target relation; unmatched signals are allowed', () => {
    const t = table({ signal: [signalRule('no-ext', 'deny', [9, 15], { type: 'external' })] });
    const blob = encodeTable(t);
    const external = 0x40;
    const child = 0x2;
    expect(
      binding().evaluateForTest(blob, { kind: 'signal', signal: 15, relations: external, targetPid: 9 }).rule,
    ).toBe('no-ext');
    expect(
      binding().evaluateForTest(blob, { kind: 'signal', signal: 15, relations: child, targetPid: 9 }).rule,
    ).toBe('default-allow-signals');
  });

  it('rejects a malformed or foreign blob', () => {
    expect(() =>
      binding().evaluateForTest(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]), {
        kind: 'file',
        path: '/',
        op: 'open',
      }),
    ).toThrow(/magic|truncated/);
    const blob = encodeTable(table());
    expect(() =>
      binding().evaluateForTest(blob.subarray(0, blob.length - 3), { kind: 'file', path: '/', op: 'open' }),
    ).toThrow(/truncated/);
  });
});

describe.runIf(linux)('C table decoder robustness', () => {
  it('never crashes on corrupted tables: every mutation either decodes or throws', () => {
    const good = encodeTable(
      table({
        file: [fileRule('a', 'deny', ['/x/{a,b}/**'], ['write'])],
        command: [
          commandRule('c', 'deny', {
            names: ['x'],
            args: [{ source: 'a', ere: 'a+', caseInsensitive: true }],
          }),
        ],
        signal: [signalRule('s', 'deny', [9], { type: 'process', pattern: 'x*' })],
      }),
    );
    let seed = 42;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    const binding = loadNativeBinding();
    let decoded = 0;
    for (let i = 0; i < 2000; i++) {
      const blob = good.slice(0, rand(good.length + 1));
      for (let k = rand(4); k > 0; k--) blob[rand(blob.length || 1)] = rand(256);
      try {
        binding.evaluateForTest(blob, { kind: 'file', path: '/x/a/y', op: 'write' });
        decoded++;
      } catch (e) {
        expect(String(e)).toMatch(/table|decision|glob|pattern|memory|magic|trailing|count/);
      }
    }
    expect(decoded).toBeGreaterThan(0);
  });
});
