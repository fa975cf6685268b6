import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../src/evaluate';
import { evaluateCompiled } from '../src/evaluate-compiled';
import { FILE_OPS } from '../src/op-bits';
import { resolverOf, toExpectation } from '../src/parity';
import type { Question } from '../src/question';
import { PARITY_DIR, readCaseFile, setupCaseFile } from './parity-load';

const seg = fc.constantFrom(
  'root',
  'etc',
  'tmp',
  'proc',
  'self',
  '1',
  'usr',
  'bin',
  'sudo',
  '.ssh',
  '.env',
  'hosts',
  'dev',
  'null',
  'data',
  'b1',
  'x.log',
  'srv',
  'api',
  'out',
  'keep',
  'k.pem',
  'home',
);
const path = fc.array(seg, { minLength: 0, maxLength: 5 }).map((s) => `/${s.join('/')}`);
const word = fc.constantFrom(
  '-rf',
  '-r',
  'push',
  '--force',
  'origin',
  'main',
  'install',
  'x',
  '--level',
  '42',
  'id=7',
  'DROP',
  'TABLE',
  '-x',
  'zy',
  'https://a.test',
);
const cmd = fc.constantFrom(
  'rm',
  'git',
  'npm',
  'sudo',
  'curl',
  'ls',
  'tool',
  'psql',
  'weird',
  'python3',
  '/usr/bin/env',
  '/bin/rm',
  '/USR/BIN/Git',
  'whoami',
);
const host = fc.oneof(
  fc.constantFrom(
    'github.com',
    'evil.com',
    'a.evil.com',
    'example.org',
    'app.corp.test',
    'intranet',
    'registry.npmjs.org',
    'metadata.google.internal',
    '::1',
    '::ffff:10.1.2.3',
    '2001:db8::1',
  ),
  fc.ipV4(),
);
const question: fc.Arbitrary<Question> = fc.oneof(
  fc.record({ kind: fc.constant('file' as const), path, operation: fc.constantFrom(...FILE_OPS, 'frob') }),
  fc.record({
    kind: fc.constant('command' as const),
    command: cmd,
    args: fc.array(word, { maxLength: 4 }),
    depth: fc.nat(4),
  }),
  fc.record({
    kind: fc.constant('execve' as const),
    path: cmd,
    argv: fc.array(word, { maxLength: 4 }).map((a) => ['argv0', ...a]),
    depth: fc.nat(4),
  }),
  fc.record({ kind: fc.constant('network' as const), host, port: fc.constantFrom(22, 80, 443, 8443, 9999) }),
  fc.record({ kind: fc.constant('dns' as const), name: host }),
  fc.record({
    kind: fc.constant('unix_socket' as const),
    path: fc.constantFrom('/run/docker.sock', '@dbus-x', '/tmp/a.sock', '/x'),
    operation: fc.constantFrom('connect', 'bind', 'sendto'),
  }),
  fc.record({
    kind: fc.constant('signal' as const),
    signal: fc.oneof(fc.integer({ min: 1, max: 31 }), fc.constantFrom('SIGHUP', 'TERM', 'SIGSTOP')),
    relations: fc.subarray([
      'self',
      'child',
      'descendant',
      'sibling',
      'session',
      'parent',
      'external',
      'system',
    ] as const),
    pid: fc.integer({ min: 1, max: 5000 }),
    comm: fc.constantFrom('nginx', 'nginx: worker', 'bash', 'x/y'),
  }),
);

describe.each(['default.json', 'selectors.json'])('parity property: %s', (name) => {
  const path = `${PARITY_DIR}/${name}`;
  const file = readCaseFile(path);
  const { engine } = setupCaseFile(path, file);
  const resolve = resolverOf(file);

  it('evaluate() and evaluateCompiled() agree on random questions', () => {
    fc.assert(
      fc.property(question, (q) => {
        const want = toExpectation(evaluate(engine, q));
        const got = evaluateCompiled(file.table, q, { resolve });
        expect(got && toExpectation(got)).toEqual(want);
      }),
      { numRuns: 3000 },
    );
  });
});
