import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { traceSh } from '../test/run';
import { allowAllFiles, fileRule, table } from '../test/tables';

const linux = process.platform === 'linux';

function sandbox(): { dir: string; prot: string; open: string } {
  const dir = mkdtempSync(join(tmpdir(), 'at-file-'));
  const prot = join(dir, 'prot');
  const open = join(dir, 'open');
  mkdirSync(prot);
  mkdirSync(open);
  writeFileSync(join(prot, 'secret'), 's3cret\n');
  writeFileSync(join(open, 'f'), 'x\n');
  return { dir, prot, open };
}

describe.runIf(linux)('file decisions', () => {
  it('denies writes, creates and deletes under a protected tree with EACCES', async () => {
    const s = sandbox();
    const t = table({
      file: [fileRule('protect', 'deny', [`${s.prot}/**`], ['write', 'create', 'delete']), allowAllFiles],
    });
    const r = await traceSh(
      `echo x > ${s.prot}/new; echo a=$?; echo y >> ${s.prot}/secret; echo b=$?; rm -f ${s.prot}/secret; echo c=$?; echo ok > ${s.open}/g; echo d=$?; mkfifo ${s.prot}/fifo; echo e=$?`,
      t,
    );
    expect(r.stdout).toBe('a=2\nb=2\nc=1\nd=0\ne=1\n');
    expect(readFileSync(join(s.prot, 'secret'), 'utf8')).toBe('s3cret\n');
    expect(existsSync(join(s.prot, 'new'))).toBe(false);
    expect(r.denied.map((e) => (e.type === 'file' ? `${e.syscall}:${e.operation}` : ''))).toEqual([
      'openat:create',
      'openat:write',
      'unlinkat:delete',
      'mknodat:create',
    ]);
  });

  it('resolves relative paths, .. and symlinks so they cannot dodge a rule', async () => {
    const s = sandbox();
    symlinkSync(s.prot, join(s.open, 'alias'));
    const t = table({
      file: [fileRule('protect', 'deny', [`${s.prot}/**`], ['write', 'create']), allowAllFiles],
    });
    const r = await traceSh(
      `cd ${s.open} && echo 1 > ../prot/a; echo 2 > alias/b; echo 3 > alias/../prot/c; ls ${s.prot}`,
      t,
    );
    expect(r.stdout).toBe('secret\n');
    expect(r.denied.every((e) => e.type === 'file' && e.path.startsWith(`${s.prot}/`))).toBe(true);
    expect(r.denied).toHaveLength(3);
  });

  it('checks both paths of rename and link', async () => {
    const s = sandbox();
    const t = table({
      file: [fileRule('protect', 'deny', [`${s.prot}/**`], ['rename', 'link']), allowAllFiles],
    });
    const r = await traceSh(
      `mv ${s.open}/f ${s.prot}/f; echo a=$?; mv ${s.prot}/secret ${s.open}/s; echo b=$?; ln ${s.prot}/secret ${s.open}/h; echo c=$?`,
      t,
    );
    expect(r.stdout).toBe('a=1\nb=1\nc=1\n');
    expect(existsSync(join(s.open, 'h'))).toBe(false);
    const renames = r.denied.filter((e) => e.type === 'file' && e.operation === 'rename');
    expect(renames.length).toBeGreaterThanOrEqual(2);
  });

  it('refuses a hard link to a file that may not be written, even where linking is allowed', async () => {
    const s = sandbox();
    const t = table({ file: [fileRule('ro', 'deny', [`${s.prot}/**`], ['write']), allowAllFiles] });
    const r = await traceSh(`ln ${s.prot}/secret ${s.open}/alias; echo rc=$?`, t);
    expect(r.stdout).toBe('rc=1\n');
    expect(existsSync(join(s.open, 'alias'))).toBe(false);
    expect(r.denied[0]).toMatchObject({ operation: 'link', rule: 'ro' });
  });

  it('covers mkdir, rmdir, chmod, chown, symlink and truncate', async () => {
    const s = sandbox();
    mkdirSync(join(s.prot, 'd'));
    const ops = ['mkdir', 'rmdir', 'chmod', 'chown', 'symlink', 'write'] as const;
    const t = table({ file: [fileRule('protect', 'deny', [`${s.prot}/**`], [...ops]), allowAllFiles] });
    const r = await traceSh(
      `mkdir ${s.prot}/x; rmdir ${s.prot}/d; chmod 600 ${s.prot}/secret; chown 0 ${s.prot}/secret; ln -s /tmp ${s.prot}/l; truncate -s0 ${s.prot}/secret; echo done`,
      t,
    );
    const seen = new Set(r.denied.map((e) => (e.type === 'file' ? e.operation : '')));
    expect([...seen].sort()).toEqual([...ops].sort());
    expect(readFileSync(join(s.prot, 'secret'), 'utf8')).toBe('s3cret\n');
  });

  it('decides read-only opens only when the table asks for it (read rules)', async () => {
    const s = sandbox();
    const rules = [fileRule('no-read', 'deny', [`${s.prot}/**`], ['read']), allowAllFiles];
    const withStop = table({ file: rules, stop: { ...table().stop, readOnlyOpen: true } });
    const r = await traceSh(`cat ${s.prot}/secret; echo rc=$?`, withStop);
    expect(r.stdout).toBe('rc=1\n');
    expect(r.denied[0]).toMatchObject({ operation: 'open', rule: 'no-read', path: `${s.prot}/secret` });
    const noStop = await traceSh(`cat ${s.prot}/secret`, table({ file: rules }));
    expect(noStop.stdout).toBe('s3cret\n');
  });

  it('denies by default when no file rule matches', async () => {
    const s = sandbox();
    const t = table({ file: [fileRule('only-open', 'allow', [`${s.open}/**`, '/dev/**'])] });
    const r = await traceSh(`echo x > ${s.prot}/n; echo rc=$?; echo y > ${s.open}/n; echo rc=$?`, t);
    expect(r.stdout).toBe('rc=2\nrc=0\n');
    expect(r.denied[0]?.rule).toBe('default-deny-files');
  });

  it('soft_delete moves the file to the quarantine and unlink returns 0', async () => {
    const s = sandbox();
    const quarantineDir = join(s.dir, 'q');
    const t = table({
      file: [fileRule('trash', 'soft_delete', [`${s.prot}/**`], ['delete']), allowAllFiles],
    });
    const r = await traceSh(`rm ${s.prot}/secret; echo rc=$?`, t, { quarantineDir });
    expect(r.stdout).toBe('rc=0\n');
    expect(existsSync(join(s.prot, 'secret'))).toBe(false);
    const moved = readdirSync(quarantineDir);
    expect(moved).toHaveLength(1);
    expect(readFileSync(join(quarantineDir, moved[0] ?? ''), 'utf8')).toBe('s3cret\n');
    expect(r.events.find((e) => e.type === 'file' && e.rule === 'trash')).toMatchObject({
      note: 'moved to quarantine',
    });
  });

  it('redirects into the redirect directory (basename, or the whole path with preserveTree)', async () => {
    const s = sandbox();
    const decoys = join(s.open, 'decoys');
    mkdirSync(join(decoys, s.prot), { recursive: true });
    writeFileSync(join(decoys, 'secret'), 'decoy\n');
    const t = table({
      file: [
        fileRule('flat', 'redirect', [`${s.prot}/secret`], ['write'], { redirectTo: `${decoys}/` }),
        fileRule('tree', 'redirect', [`${s.prot}/n*`], ['create'], {
          redirectTo: decoys,
          preserveTree: true,
        }),
        allowAllFiles,
      ],
    });
    await traceSh(`echo changed >> ${s.prot}/secret; echo new > ${s.prot}/new`, t);
    expect(readFileSync(join(s.prot, 'secret'), 'utf8')).toBe('s3cret\n');
    expect(readFileSync(join(decoys, 'secret'), 'utf8')).toBe('decoy\nchanged\n');
    expect(existsSync(join(s.prot, 'new'))).toBe(false);
    expect(readFileSync(join(decoys, s.prot, 'new'), 'utf8')).toBe('new\n');
  });

  it('resolves merged-/usr links (/lib -> usr/lib) the same way walked or cached', async () => {
    const t = table({
      stop: { ...table().stop, readOnlyOpen: true },
      file: [
        fileRule(
          'fixed-root-links',
          'deny',
          ['/lib', '/bin', '/sbin', '/lib64'],
          ['delete', 'rename', 'symlink'],
        ),
        allowAllFiles,
      ],
    });
    const r = await traceSh('/bin/true; /bin/true; /bin/true', t);
    const libc = r.events.filter((e) => e.type === 'file' && e.path.endsWith('/libc.so.6'));
    expect(libc.length).toBeGreaterThanOrEqual(3);
    expect(new Set(libc.map((e) => (e.type === 'file' ? e.path : '')))).toEqual(
      new Set(['/usr/lib/x86_64-linux-gnu/libc.so.6']),
    );
  });
});
