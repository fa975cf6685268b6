/** biome-ignore-all lint/suspicious/noTemplateCurlyInString: policy text uses ${VAR} syntax */
import { mkdirSync, mkdtempSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parsePolicy } from './parse-policy';
import { detectProjectRoot } from './project-root';
import { expandPolicy, expandVariables } from './variables';

describe('expandVariables', () => {
  it('looks up session vars, then env, then the default', () => {
    const src = { vars: { PROJECT_ROOT: '/w' }, env: { HOME: '/root', EMPTY: '' } };
    expect(expandVariables('${PROJECT_ROOT}/**', src).value).toBe('/w/**');
    expect(expandVariables('${GIT_ROOT}/.git', src).value).toBe('/w/.git');
    expect(expandVariables('${HOME}/.ssh/**', src).value).toBe('/root/.ssh/**');
    expect(expandVariables('${EMPTY:-/fallback}', src).value).toBe('/fallback');
    expect(expandVariables('${NOPE}/x', src).undefinedNames).toEqual(['NOPE']);
    expect(expandVariables('$HOME/x', src).value).toBe('$HOME/x');
  });

  it('expands only file paths and network domains', () => {
    const text = [
      'version: 1',
      'name: v',
      'file_rules: [{name: a, paths: ["${PROJECT_ROOT}/**"], decision: allow}]',
      'network_rules: [{name: b, domains: ["${CORP:-corp}.example"], decision: allow}]',
      'command_rules: [{name: c, commands: ["${PROJECT_ROOT}/bin/x"], decision: allow}]',
    ].join('\n');
    const parsed = parsePolicy(text);
    if (!parsed.ok) throw new Error('parse');
    const out = expandPolicy(parsed.policy, { vars: { PROJECT_ROOT: '/p' } });
    if (!out.ok) throw new Error('expand');
    expect(out.policy.file_rules[0]?.paths).toEqual(['/p/**']);
    expect(out.policy.network_rules[0]?.domains).toEqual(['corp.example']);
    expect(out.policy.command_rules[0]?.commands).toEqual(['${PROJECT_ROOT}/bin/x']);
    const bad = expandPolicy(parsed.policy, {});
    expect(bad.ok === false && bad.issues[0]?.path).toEqual(['file_rules', 0, 'paths', 0]);
  });
});

describe('detectProjectRoot', () => {
  it('finds the language marker below the nearest .git', () => {
    const root = realpathSync(mkdtempSync(join(tmpdir(), 'proot-')));
    mkdirSync(join(root, 'repo/.git'), { recursive: true });
    mkdirSync(join(root, 'repo/svc/src'), { recursive: true });
    writeFileSync(join(root, 'repo/svc/package.json'), '{}');
    expect(detectProjectRoot(join(root, 'repo/svc/src'))).toEqual({
      projectRoot: join(root, 'repo/svc'),
      gitRoot: join(root, 'repo'),
    });
    expect(detectProjectRoot(join(root, 'repo'))).toEqual({
      projectRoot: join(root, 'repo'),
      gitRoot: join(root, 'repo'),
    });
    expect(detectProjectRoot(join(root, 'repo/svc/src'), { detect: false }).projectRoot).toBe(
      join(root, 'repo/svc/src'),
    );
  });
});

describe('parsePolicy with expand', () => {
  it('reports an undefined variable at its line', () => {
    const r = parsePolicy(
      'version: 1\nname: v\nfile_rules:\n  - name: a\n    paths: ["${NOPE}/x"]\n    decision: allow\n',
      {
        file: 'v.yaml',
        expand: {},
      },
    );
    expect(r.ok === false && r.issues[0]).toMatchObject({
      line: 5,
      col: 13,
      message: 'undefined variable NOPE',
    });
  });
});
