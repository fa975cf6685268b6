import { describe, expect, it } from 'vitest';
import { createProgram } from './program';

function run(args: string[]): { out: string; code: number | undefined } {
  let out = '';
  const program = createProgram((line) => (out += `${line}\n`))
    .exitOverride()
    .configureOutput({ writeOut: (s) => (out += s), writeErr: (s) => (out += s) });
  try {
    program.parse(['node', 'agentsh-modal', ...args]);
    return { out, code: 0 };
  } catch (err) {
    return { out, code: (err as { exitCode?: number }).exitCode };
  }
}

describe('agentsh-modal CLI', () => {
  it('rejects unknown suites', () => {
    const { out, code } = run(['nope']);
    expect(code).toBe(1);
    expect(out).toContain('unknown suite');
  });

  it('lists the suites in --help', () => {
    const { out } = run(['--help']);
    for (const suite of ['test', 'example', 'detect']) expect(out).toContain(suite);
  });
});

describe('agentsh-modal options', () => {
  it('rejects unknown providers and bad budgets before doing anything', () => {
    expect(run(['test', '--provider', 'docker']).out).toContain('unknown provider');
    expect(run(['test', '--budget', '5']).out).toContain('at least 10');
  });
});
