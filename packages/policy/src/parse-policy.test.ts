import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../test/paths';
import { isPolicyError } from './errors';
import { formatIssue } from './issues';
import { loadPolicy, parsePolicy } from './parse-policy';

function issuesOf(text: string) {
  const r = parsePolicy(text, { file: 'p.yaml' });
  if (r.ok) throw new Error('expected issues');
  return r.issues;
}

describe('parsePolicy', () => {
  it('accepts the shipped default policy with every section typed', () => {
    const policy = loadPolicy(DEFAULT_POLICY);
    expect(policy.name).toBe('default');
    expect(policy.file_rules).toHaveLength(20);
    expect(policy.network_rules).toHaveLength(16);
    expect(policy.command_rules).toHaveLength(15);
    expect(policy.dns_redirects[0]?.resolve_to).toBe('127.0.0.1');
    expect(policy.env_policy?.max_keys).toBe(100);
  });

  it('names an unknown key with file:line:col', () => {
    const [issue, ...rest] = issuesOf(
      'version: 1\nname: x\nfile_rules:\n  - name: a\n    decision: allow\n    pathz: [/x]\n',
    );
    expect(rest).toHaveLength(0);
    expect(issue).toMatchObject({
      code: 'unrecognized_keys',
      path: ['file_rules', 0, 'pathz'],
      line: 6,
      col: 5,
    });
    expect(formatIssue(issue as never)).toBe('p.yaml:6:5: file_rules[0].pathz: unknown key "pathz"');
  });

  it('names a wrong type and a missing key', () => {
    const issues = issuesOf('version: 1\nname: x\nnetwork_rules:\n  - name: a\n    ports: [http]\n');
    expect(issues.map((i) => [i.path.join('.'), i.line, i.col])).toEqual([
      ['network_rules.0.ports.0', 5, 13],
      ['network_rules.0.decision', 4, 5],
    ]);
    expect(issuesOf('name: x\n')[0]).toMatchObject({ path: ['version'], message: 'required key is missing' });
    expect(
      issuesOf('version: 1\nname: x\ncommand_rules: [{name: a, decision: allow, context: up}]\n')[0],
    ).toMatchObject({
      path: ['command_rules', 0, 'context'],
      message: 'context must be a list of direct/nested or {min_depth, max_depth}',
      line: 3,
    });
  });

  it('reports malformed YAML once with its position', () => {
    const issues = issuesOf('version: 1\nname: [x\n');
    expect(issues).toHaveLength(1);
    expect(issuesOf('version: 1\n  name: x\n')).toHaveLength(1);
    expect(issues[0]).toMatchObject({ code: 'yaml', file: 'p.yaml' });
    expect(issues[0]?.line).toBeGreaterThan(1);
    expect(issuesOf('version: 1\nversion: 2\nname: x\n')[0]?.line).toBe(2);
  });

  it('reports bad regexes, CIDRs, globs and redirect IPs at their node', () => {
    const text = [
      'version: 1',
      'name: x',
      'command_rules:',
      '  - name: a',
      '    args_patterns: ["(unclosed"]',
      '    decision: deny',
      'network_rules:',
      '  - name: b',
      '    cidrs: [10.0.0.0/33]',
      '    decision: deny',
      'file_rules:',
      '  - name: c',
      '    paths: ["/a/[bc"]',
      '    decision: deny',
      'dns_redirects:',
      '  - {name: d, match: x, resolve_to: not-an-ip}',
    ].join('\n');
    const got = issuesOf(text).map((i) => `${i.code}@${i.line}:${i.col}`);
    expect(got).toEqual([
      'invalid_glob@13:13',
      'invalid_cidr@9:13',
      'invalid_regex@5:21',
      'invalid_ip@16:37',
    ]);
  });
});

describe('loadPolicy', () => {
  it('throws POLICY_IO for a missing file and POLICY_INVALID with issues as cause', () => {
    const dir = mkdtempSync(join(tmpdir(), 'policy-'));
    try {
      loadPolicy(join(dir, 'missing.yaml'));
      expect.unreachable();
    } catch (err) {
      expect(isPolicyError(err) && err.code).toBe('POLICY_IO');
    }
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, 'version: 0\nname: x\n');
    expect(() => loadPolicy(bad)).toThrow(/bad\.yaml:1:10: version: version must be > 0/);
  });
});

describe('parsePolicy YAML features', () => {
  it('accepts anchors and << merge keys like Go yaml.v3', () => {
    const text = [
      'version: 1',
      'name: m',
      'command_rules:',
      '  - &base {name: a, commands: [ls], decision: allow}',
      '  - <<: *base',
      '    name: b',
      '    decision: deny',
    ].join('\n');
    const r = parsePolicy(text);
    expect(r.ok && r.policy.command_rules.map((c) => [c.name, c.commands, c.decision])).toEqual([
      ['a', ['ls'], 'allow'],
      ['b', ['ls'], 'deny'],
    ]);
  });
});

describe('parsePolicy process contexts', () => {
  it('accepts process_identities and process_contexts with chain rules', () => {
    const text = [
      'version: 1',
      'name: ctx',
      'process_identities:',
      '  claude: {description: Claude Code, linux: {comm: [claude], exe_path: ["**/claude"]}}',
      'process_contexts:',
      '  ai-tools:',
      '    identities: [claude]',
      '    chain_rules:',
      '      - name: shell-laundering',
      '        description: many shells in a row',
      '        priority: 10',
      '        condition: {consecutive_class: {value: shell, count_ge: 3}, or: [{is_agent: true}]}',
      '        action: deny',
      '    allowed_commands: [ls]',
      '    command_overrides: {git: {args_deny: ["push"], default: allow}}',
      '    race_policy: {on_missing_parent: deny}',
      '    default_decision: deny',
      'transparent_commands: {add: [mywrap], remove: [nice]}',
    ].join('\n');
    const r = parsePolicy(text);
    expect(r.ok && r.policy.process_contexts?.['ai-tools']?.chain_rules?.[0]?.priority).toBe(10);
  });
});
