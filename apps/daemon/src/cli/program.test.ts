import { describe, expect, it } from 'vitest';
import { createProgram } from './program';

function run(args: string[]): { out: string; code: number | undefined } {
  let out = '';
  const program = createProgram()
    .exitOverride()
    .configureOutput({ writeOut: (s) => (out += s), writeErr: (s) => (out += s) });
  try {
    program.parse(['node', 'agentsh', ...args]);
    return { out, code: 0 };
  } catch (err) {
    return { out, code: (err as { exitCode?: number }).exitCode };
  }
}

describe('agentsh CLI', () => {
  it('prints a version agentsh-modal recognises', () => {
    const { out, code } = run(['--version']);
    expect(code).toBe(0);
    expect(out).toMatch(/^agentsh \d+\.\d+\.\d+ /);
    expect(out).toContain('0.16.1');
  });

  it('prints help naming the program', () => {
    const { out, code } = run(['--help']);
    expect(code).toBe(0);
    expect(out).toContain('Usage: agentsh');
  });

  it('rejects an unknown option with exit 1', () => {
    expect(run(['--no-such-flag']).code).toBe(1);
  });
});
