import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { POLICIES_DIR } from '../test/paths';
import { runPolicyTests, sidecarPath } from './policy-tests';

describe('runPolicyTests', () => {
  it.each(['default.yaml', 'recommended.yaml'])('passes the shipped cases of %s', (file) => {
    const report = runPolicyTests(join(POLICIES_DIR, file));
    expect(report.failures).toEqual([]);
    expect(report.passed).toBeGreaterThan(5);
  });

  it('reports a failing case with its position and the mismatching fields', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ptests-'));
    writeFileSync(
      join(dir, 'p.yaml'),
      'version: 1\nname: p\ncommand_rules: [{name: ok, commands: [ls], decision: allow}]\n',
    );
    writeFileSync(
      join(dir, 'p.tests.yaml'),
      'cases:\n  - name: ls\n    question: {kind: command, command: ls}\n    expect: {decision: allow}\n  - name: wrong\n    question: {kind: command, command: rm}\n    expect: {decision: allow, rule: ok}\n',
    );
    const report = runPolicyTests(join(dir, 'p.yaml'));
    expect(report.passed).toBe(1);
    expect(report.failures).toEqual([
      {
        name: 'wrong',
        where: `${join(dir, 'p.tests.yaml')}:5:5`,
        mismatches: [
          'decision: expected "allow", got "deny"',
          'rule: expected "ok", got "default-deny-commands"',
        ],
      },
    ]);
    expect(sidecarPath('/x/p.yml')).toBe('/x/p.tests.yaml');
  });

  it('rejects an invalid test file with its position', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ptests-'));
    writeFileSync(join(dir, 'p.yaml'), 'version: 1\nname: p\n');
    writeFileSync(
      join(dir, 'p.tests.yaml'),
      'cases:\n  - name: x\n    question: {kind: teleport}\n    expect: {}\n',
    );
    expect(() => runPolicyTests(join(dir, 'p.yaml'))).toThrow(/p\.tests\.yaml:3:/);
  });
});
