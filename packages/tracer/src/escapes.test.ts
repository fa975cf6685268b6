import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { prog } from '../test/progs';
import { trace } from '../test/run';
import { allowAllCommands, commandRule, table } from '../test/tables';
import { spawnTraced } from './spawn';

const linux = process.platform === 'linux';

/** Runs test/progs/escapes.c with the given cases under the tracer; returns case -> result. */
async function attempt(cases: string[], t = table()): Promise<Record<string, string>> {
  const env = {
    ...process.env,
    ESCAPE_DIR: mkdtempSync(join(tmpdir(), 'at-esc-')),
    ESCAPE_BIN: '/usr/bin/cat',
  };
  const r = await trace([prog('escapes'), ...cases], t, { env: env as Record<string, string> });
  return Object.fromEntries(
    r.stdout
      .trim()
      .split('\n')
      .map((l) => l.split(' ') as [string, string]),
  );
}

describe.runIf(linux)('escape routes are closed', () => {
  it('ptrace, process_vm_writev and /proc/<pid>/mem writes are refused', async () => {
    const r = await attempt(['ptrace', 'traceme', 'vm_writev', 'proc_mem_write', 'proc_self_mem_write']);
    expect(r).toEqual({
      ptrace: 'EPERM',
      traceme: 'EPERM',
      vm_writev: 'EPERM',
      proc_mem_write: 'EACCES',
      proc_self_mem_write: 'EACCES',
    });
  });

  it('CLONE_UNTRACED, new user namespaces, io_uring, open_by_handle_at and user-notify filters are refused', async () => {
    const r = await attempt(['clone_untraced', 'clone_newuser', 'io_uring', 'open_by_handle', 'user_notif']);
    expect(r).toEqual({
      clone_untraced: 'EPERM',
      clone_newuser: 'EPERM',
      io_uring: 'EPERM',
      open_by_handle: 'EPERM',
      user_notif: 'EPERM',
    });
  });

  it('a child sharing the cwd or the fd table without sharing memory is refused; plain clone works', async () => {
    const r = await attempt(['clone_fs', 'clone_files', 'clone_plain']);
    expect(r).toEqual({ clone_fs: 'EPERM', clone_files: 'EPERM', clone_plain: 'ok' });
  });

  it('host administration syscalls are refused in the kernel', async () => {
    const r = await attempt(['reboot', 'sethostname', 'settimeofday', 'iopl']);
    expect(r).toEqual({ reboot: 'EPERM', sethostname: 'EPERM', settimeofday: 'EPERM', iopl: 'EPERM' });
  });

  it('raw block devices are never opened (a disk read bypasses file rules), wherever their node lives', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'at-dev-'));
    execFileSync('mknod', [join(dir, 'disk'), 'b', '7', '250']); // a loop device that does not exist
    const withReads = table({ stop: { ...table().stop, readOnlyOpen: true } });
    const r = await trace(
      ['/bin/sh', '-c', `echo x > ${dir}/disk; echo w=$?; cat ${dir}/disk; echo r=$?`],
      withReads,
    );
    expect(r.stdout).toBe('w=2\nr=1\n');
    expect(r.denied.map((e) => e.rule)).toEqual(['raw-device', 'raw-device']);
  });

  it('32-bit (int 0x80) and x32 syscalls are refused', async () => {
    const r = await attempt(['int80', 'x32']);
    expect(r).toEqual({ int80: 'ENOSYS', x32: 'ENOSYS' });
  });

  it('mount-view changes are refused', async () => {
    const cases = [
      'unshare_mnt',
      'unshare_user',
      'setns',
      'mount',
      'open_tree',
      'move_mount',
      'fsopen',
      'pivot_root',
      'chroot',
    ];
    const r = await attempt(cases);
    expect(r).toEqual(Object.fromEntries(cases.map((c) => [c, 'EPERM'])));
  });

  it('a denied program cannot run from a memfd, via /proc/self/fd or via execveat(AT_EMPTY_PATH)', async () => {
    const t = table({ command: [commandRule('no-cat', 'deny', { names: ['cat'] }), allowAllCommands] });
    const r = await attempt(['memfd_exec', 'proc_fd_exec', 'execveat_fd'], t);
    expect(r).toEqual({ memfd_exec: 'EACCES', proc_fd_exec: 'EACCES', execveat_fd: 'EACCES' });
  });

  it('a denied program cannot run through the dynamic loader', async () => {
    const t = table({ command: [commandRule('no-cat', 'deny', { names: ['cat'] }), allowAllCommands] });
    const r = await trace(
      ['/bin/sh', '-c', '/lib64/ld-linux-x86-64.so.2 /usr/bin/cat /etc/hostname; echo rc=$?'],
      t,
    );
    expect(r.stdout).toBe('rc=126\n');
    expect(r.denied[0]).toMatchObject({
      path: '/usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2',
      rule: 'no-cat',
    });
  });
});

describe.runIf(linux)('kernel knobs are never writable', () => {
  // Writes the current value back, so even a tracer failure would change nothing on this machine.
  it('refuses writes under /proc/sys and /sys whatever the policy says', async () => {
    const script =
      'v=$(cat /proc/sys/vm/swappiness); echo "$v" > /proc/sys/vm/swappiness; echo a=$?; ' +
      'echo x > /sys/kernel/agentsh-test-nonexistent; echo b=$?';
    const r = await trace(['/bin/sh', '-c', script], table());
    expect(r.stdout).toBe('a=2\nb=2\n');
    expect(r.denied.map((e) => e.rule)).toEqual(['kernel-tunable-write', 'kernel-tunable-write']);
  });
});

describe.runIf(linux)('the tracer itself is out of reach', () => {
  // Signal 0 only checks permission, so a failure here cannot hurt the machine.
  it('tracees cannot signal the helper or Node, nor kill(-1)', async () => {
    const script = `kill -0 $PPID; echo helper=$?; kill -0 ${process.pid}; echo node=$?; kill -0 -1; echo all=$?; kill -0 $$; echo self=$?`;
    const r = await trace(['/bin/sh', '-c', script], table());
    expect(r.stdout).toBe('helper=1\nnode=1\nall=1\nself=0\n');
  });

  it('the command leads its own process group, so kill(0) stays inside the session', async () => {
    const p = await spawnTraced({
      argv: ['/bin/sh', '-c', 'read x'],
      table: table(),
      stdio: ['pipe', 'ignore', 'ignore'],
    });
    const stat = readFileSync(`/proc/${p.pid}/stat`, 'utf8');
    const pgrp = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2]);
    p.stdin?.end('\n');
    await p.exited;
    expect(pgrp).toBe(p.pid);
  });
});
