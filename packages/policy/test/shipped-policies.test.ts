import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createEngine } from '../src/engine';
import { loadPolicy } from '../src/parse-policy';
import { POLICIES_DIR } from './paths';

const VARIABLES = { vars: { PROJECT_ROOT: '/root' }, env: { HOME: '/root' } };
const files = readdirSync(POLICIES_DIR).filter((f) => f.endsWith('.yaml') && !f.endsWith('.tests.yaml'));

describe('shipped policies', () => {
  it('include default, recommended and examples', () => {
    expect(files).toEqual(
      expect.arrayContaining(['default.yaml', 'recommended.yaml', 'example-readonly.yaml']),
    );
  });

  it.each(files)('%s loads, expands and compiles into an engine', (file) => {
    const engine = createEngine(loadPolicy(`${POLICIES_DIR}${file}`), { variables: VARIABLES });
    expect(engine.policy.name).toBe(file.replace(/\.yaml$/, ''));
  });
});

describe('recommended.yaml fixes the shadowed rules of default.yaml', () => {
  const e = createEngine(loadPolicy(`${POLICIES_DIR}recommended.yaml`), { variables: VARIABLES });

  it.each([
    [['rm', ['-rf', '/tmp/x']], 'block-rm-recursive'],
    [['rm', ['-f', '/tmp/x']], 'allow-other-commands'],
    [['git', ['push', '--force', 'origin', 'dev']], 'block-git-force-push'],
    [['git', ['push', 'origin', 'main']], 'block-git-push-main'],
    [['git', ['push', 'origin', 'maintenance']], 'allow-other-commands'],
    [['git', ['reset', '--hard', 'HEAD~1']], 'block-git-reset-hard'],
    [['npm', ['install', 'left-pad']], 'approve-package-install'],
    [['npm', ['run', 'build']], 'allow-other-commands'],
    [['sudo', ['id']], 'block-container-escape'],
  ] as const)('precheck %j -> %s', ([command, args], rule) => {
    expect(e.checkCommand(command, args).rule).toBe(rule);
  });

  it('uses the same rules at execve, where argv[0] is part of the joined args', () => {
    expect(e.checkExecve('/bin/rm', ['rm', '-r', 'x'], 1).rule).toBe('block-rm-recursive');
    expect(e.checkExecve('/usr/bin/npm', ['npm', 'i', 'x'], 1).rule).toBe('approve-package-install');
  });

  it.each([
    ['/root/.ssh/id_rsa', 'open', 'approve-ssh-access'],
    ['/root/app/.env', 'open', 'approve-secret-files'],
    ['/root/notes.txt', 'delete', 'soft-delete-workspace'],
    ['/root/notes.txt', 'write', 'allow-workspace'],
  ])('%s %s -> %s', (path, op, rule) => {
    expect(e.checkFile(path, op).rule).toBe(rule);
  });

  it('blocks metadata by address alone', () => {
    expect(e.checkNetwork('169.254.169.254', 80).rule).toBe('block-cloud-metadata');
    expect(e.checkDns('metadata.google.internal').rule).toBe('block-cloud-metadata-names');
  });
});
