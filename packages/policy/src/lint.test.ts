import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../test/paths';
import { lintPolicy } from './lint';

const head = 'version: 1\nname: t\n';

describe('lintPolicy', () => {
  it("finds the shadowed rules of agentsh-modal's default.yaml", () => {
    const r = lintPolicy(readFileSync(DEFAULT_POLICY, 'utf8'), { file: 'default.yaml' });
    expect(r.ok).toBe(true);
    const unreachable = r.issues
      .filter((i) => i.code === 'unreachable_rule')
      .map((i) => i.message.split('"')[1]);
    expect(r.issues.find((i) => i.code === 'domains_and_cidrs')?.message).toContain(
      '"block-cloud-metadata" needs a domain AND an address',
    );
    expect(unreachable).toEqual([
      'allow-llm-proxy',
      'approve-package-install',
      'block-rm-recursive',
      'block-git-force-push',
      'block-git-push-main',
      'block-git-reset-hard',
      'block-git-clean-force',
    ]);
    const rm = r.issues.find((i) => i.message.includes('"block-rm-recursive"'));
    expect(rm).toMatchObject({ severity: 'warning', file: 'default.yaml', line: 288, col: 5 });
  });

  it('finds more shadowing when linted with the session variables', () => {
    const text = readFileSync(DEFAULT_POLICY, 'utf8');
    const r = lintPolicy(text, { expand: { vars: { PROJECT_ROOT: '/root' }, env: { HOME: '/root' } } });
    const names = r.issues.filter((i) => i.code === 'unreachable_rule').map((i) => i.message.split('"')[1]);
    expect(names).toContain('deny-delete-root-home');
    expect(lintPolicy(text, { expand: {} }).issues[0]).toMatchObject({
      severity: 'error',
      code: 'undefined_variable',
    });
  });

  it('reports approve rules as allow when approvals are off, not when on', () => {
    const text = `${head}file_rules: [{name: a, paths: [/a], decision: approve}]\n`;
    expect(lintPolicy(text).issues.map((i) => i.code)).toEqual(['approve_not_enforced']);
    expect(lintPolicy(text, { approvalsEnforced: true }).issues).toEqual([]);
  });

  it('flags unknown decisions as errors and unknown operations, odd domains and broken globs as warnings', () => {
    const text = [
      head,
      'file_rules: [{name: a, paths: [/a], operations: [opne], decision: block}]',
      'network_rules: [{name: n, domains: ["*", "https://x.test"], decision: allow}]',
      'command_rules: [{name: c, commands: ["py[3"], decision: allow}, {name: c, commands: [x], decision: allow}]',
    ].join('\n');
    const r = lintPolicy(text, { file: 'p.yaml' });
    expect(r.ok).toBe(false);
    expect(r.issues.map((i) => `${i.severity}:${i.code}`).sort()).toEqual([
      'error:unknown_decision',
      'warning:domain_not_a_name',
      'warning:duplicate_name',
      'warning:invalid_glob',
      'warning:single_label_wildcard',
      'warning:unknown_operation',
    ]);
  });

  it('sees catch-alls, prefixes, CIDR containment and depth ranges', () => {
    const text = [
      head,
      'file_rules: [{name: tmp, paths: ["/tmp/**"], decision: allow}, {name: tmp-x, paths: ["/tmp/x/*.log"], operations: [write], decision: deny}]',
      'network_rules: [{name: ten, cidrs: [10.0.0.0/8], decision: deny}, {name: ten-one, cidrs: [10.1.0.0/16], ports: [80], decision: allow}]',
      'command_rules:',
      '  - {name: direct, commands: [curl], context: [direct], decision: allow}',
      '  - {name: nested, commands: [curl], context: [nested], decision: deny}',
      '  - {name: all, commands: ["*"], decision: allow}',
      '  - {name: late, commands: [/usr/bin/rm], args_patterns: [-r], decision: deny}',
    ].join('\n');
    const names = lintPolicy(text)
      .issues.filter((i) => i.code === 'unreachable_rule')
      .map((i) => i.message.split('"')[1]);
    expect(names).toEqual(['tmp-x', 'ten-one', 'late']);
  });

  it('warns about rules the tracer can never trigger (FUSE-only operations)', () => {
    const text = `${head}file_rules: [{name: s, paths: [/a], operations: [stat, list], decision: deny}, {name: o, paths: [/b], operations: [open, stat], decision: deny}]\n`;
    expect(lintPolicy(text).issues.map((i) => `${i.code}:${i.path.join('.')}`)).toEqual([
      'fuse_only_operations:file_rules.0.operations',
    ]);
  });

  it('warns about signal rules without a target', () => {
    const text = `${head}signal_rules: [{name: s, signals: [SIGKILL], decision: deny}]\n`;
    expect(lintPolicy(text).issues.map((i) => i.code)).toEqual(['signal_without_target']);
  });

  it('returns parse errors as errors', () => {
    const r = lintPolicy('version: 1\nname: t\nbogus: 1\n', { file: 'x.yaml' });
    expect(r).toMatchObject({
      ok: false,
      issues: [{ severity: 'error', code: 'unrecognized_keys', line: 3, col: 1 }],
    });
  });
});
