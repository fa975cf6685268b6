import { chmodSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { traceSh } from '../test/run';
import { allowAllCommands, commandRule, table } from '../test/tables';
import { isTracerError } from './errors';
import { spawnTraced } from './spawn';

const linux = process.platform === 'linux';

describe.runIf(linux)('exec decisions', () => {
  it('denies a command by basename with EACCES and reports the rule', async () => {
    const t = table({ command: [commandRule('no-cat', 'deny', { names: ['cat'] }), allowAllCommands] });
    const r = await traceSh('cat /etc/hostname; echo rc=$?', t);
    expect(r.stdout).toContain('rc=126');
    expect(r.stderr).toContain('Permission denied');
    expect(r.denied[0]).toMatchObject({ type: 'exec', path: '/usr/bin/cat', rule: 'no-cat', depth: 1 });
    expect(r.denied[0]?.type === 'exec' && r.denied[0].argv).toEqual(['cat', '/etc/hostname']);
  });

  it('denies by default when no rule matches (default-deny-execve)', async () => {
    const t = table({ command: [commandRule('only-sh', 'allow', { names: ['sh', 'dash'] })] });
    const r = await traceSh('ls / >/dev/null; echo rc=$?', t);
    expect(r.stdout).toContain('rc=126');
    expect(r.denied.some((e) => e.rule === 'default-deny-execve')).toBe(true);
  });

  it('matches full paths, path globs and name globs case-insensitively', async () => {
    const t = table({
      command: [
        commandRule('full', 'deny', { fullPaths: ['/usr/bin/head'] }),
        commandRule('glob', 'deny', { pathGlobs: ['/usr/bin/t?il'] }),
        commandRule('nglob', 'deny', { nameGlobs: ['wc*'] }),
        allowAllCommands,
      ],
    });
    const r = await traceSh('head -c0 /dev/null; tail -c0 /dev/null; wc -c </dev/null; echo end', t);
    // the shell retries each PATH entry, so a deny can repeat
    expect([...new Set(r.denied.map((e) => e.rule))].sort()).toEqual(['full', 'glob', 'nglob']);
  });

  it('applies args patterns (argv[0] included) and depth limits', async () => {
    const t = table({
      command: [
        commandRule('no-rf', 'deny', {
          names: ['rm'],
          args: [{ source: '-rf', ere: '-rf', caseInsensitive: false }],
        }),
        commandRule('nested-echo', 'deny', { names: ['env'], minDepth: 1 }),
        allowAllCommands,
      ],
    });
    const r = await traceSh('rm -rf /nonexistent-xyz; rm -f /nonexistent-xyz; env true; echo end', t);
    expect([...new Set(r.denied.map((e) => e.rule))]).toEqual(['no-rf', 'nested-echo']);
    expect(r.stdout).toBe('end\n');
  });

  it('resolves relative paths and symlinks before matching', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'at-exec-'));
    symlinkSync('/usr/bin/cat', join(dir, 'innocent'));
    const t = table({ command: [commandRule('no-cat', 'deny', { names: ['cat'] }), allowAllCommands] });
    const r = await traceSh(`cd ${dir} && ./innocent /dev/null; echo rc=$?`, t);
    expect(r.stdout).toContain('rc=126');
    expect(r.denied[0]).toMatchObject({ path: '/usr/bin/cat', rule: 'no-cat' });
  });

  it('checks the interpreter of a #! script', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'at-exec-'));
    const script = join(dir, 'run.sh');
    writeFileSync(script, '#!/usr/bin/perl\nprint "hi\\n";\n');
    chmodSync(script, 0o755);
    const t = table({ command: [commandRule('no-perl', 'deny', { names: ['perl'] }), allowAllCommands] });
    const r = await traceSh(`${script}; echo rc=$?`, t);
    expect(r.stdout).not.toContain('hi');
    expect(r.denied[0]).toMatchObject({ path: script, rule: 'no-perl' });
  });

  it('redirects an exec to another program', async () => {
    const t = table({
      command: [
        commandRule('stub-cat', 'redirect', {
          names: ['cat'],
          redirect: { command: '/usr/bin/echo', args: ['pre'], argsAppend: ['post'] },
        }),
        allowAllCommands,
      ],
    });
    const r = await traceSh('cat hello-from-redirect', t);
    expect(r.stdout).toBe('pre hello-from-redirect post\n');
    const ev = r.events.find((e) => e.type === 'exec' && e.rule === 'stub-cat');
    expect(ev).toMatchObject({ decision: 'redirect', note: '/usr/bin/echo' });
  });

  it('refuses an argv too long to judge when args patterns exist, and marks it truncated otherwise', async () => {
    const script = 'set -- $(seq 1 3000); /usr/bin/env true "$@"; echo rc=$?';
    const withArgs = table({
      command: [
        commandRule('no-rf', 'deny', {
          names: ['rm'],
          args: [{ source: '-rf', ere: '-rf', caseInsensitive: false }],
        }),
        allowAllCommands,
      ],
    });
    const r = await traceSh(script, withArgs);
    expect(r.stdout).toBe('rc=126\n');
    expect(r.denied[0]).toMatchObject({ rule: 'exec-argv-too-long', truncated: true });
    const plain = await traceSh(script, table());
    expect(plain.stdout).toBe('rc=0\n');
    const ev = plain.events.find((e) => e.type === 'exec' && e.path === '/usr/bin/env');
    expect(ev?.type === 'exec' && ev.truncated).toBe(true);
    expect(ev?.type === 'exec' && ev.argv.length).toBe(1000);
  });

  it('refuses to spawn a command the policy denies, naming the rule', async () => {
    const t = table({ command: [commandRule('no-cat', 'deny', { names: ['cat'] }), allowAllCommands] });
    const err = await spawnTraced({ argv: ['cat', '/dev/null'], table: t }).catch((e: unknown) => e);
    expect(isTracerError(err) && err.code).toBe('TRACER_SPAWN');
    expect(String(err)).toContain('denied by rule no-cat');
  });
});
