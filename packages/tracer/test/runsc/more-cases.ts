// More cases for the runsc batch (see cases.ts): escapes, indirect exec, signals, lifecycle, TOCTOU.
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isTracerError } from '../../src/errors';
import { spawnTraced } from '../../src/spawn';
import { trace, traceSh } from '../run';
import { allowAllCommands, allowAllFiles, commandRule, fileRule, signalRule, table } from '../tables';

export type Case = () => Promise<[boolean, unknown]>;

const noCat = table({ command: [commandRule('no-cat', 'deny', { names: ['cat'] }), allowAllCommands] });
const ESCAPES = [
  'ptrace',
  'vm_writev',
  'proc_mem_write',
  'proc_self_mem_write',
  'clone_untraced',
  'clone_newuser',
  'io_uring',
  'open_by_handle',
  'user_notif',
  'unshare_mnt',
  'unshare_user',
  'setns',
  'mount',
  'open_tree',
  'move_mount',
  'fsopen',
  'pivot_root',
  'chroot',
  'int80',
  'x32',
  'memfd_exec',
  'proc_fd_exec',
  'execveat_fd',
  'reboot',
  'sethostname',
  'settimeofday',
  'iopl',
];

async function sleeperPid(p: { pid: number }): Promise<number> {
  const status = readFileSync(`/proc/${p.pid}/status`, 'utf8');
  return Number(/TracerPid:\s+(\d+)/.exec(status)?.[1]);
}

export const moreCases: Record<string, Case> = {
  allEscapes: async () => {
    const env = {
      ...process.env,
      ESCAPE_DIR: mkdtempSync(join(tmpdir(), 'at-esc-')),
      ESCAPE_BIN: '/usr/bin/cat',
    };
    const r = await trace([process.env.AT_ESCAPES_BIN ?? '', ...ESCAPES], noCat, { env });
    const lines = r.stdout.trim().split('\n');
    return [lines.length === ESCAPES.length && lines.every((l) => !l.endsWith(' ok')), lines];
  },
  loaderAndScript: async () => {
    const dir = mkdtempSync(join(tmpdir(), 'at-ind-'));
    writeFileSync(join(dir, 's'), '#!/usr/bin/cat\n');
    chmodSync(join(dir, 's'), 0o755);
    const r = await traceSh(
      `/lib64/ld-linux-x86-64.so.2 /usr/bin/cat /dev/null; echo a=$?; ${dir}/s; echo b=$?`,
      noCat,
    );
    return [r.stdout === 'a=126\nb=126\n', r.stdout];
  },
  renameBothPaths: async () => {
    const dir = mkdtempSync(join(tmpdir(), 'at-mv-'));
    mkdirSync(join(dir, 'pp'));
    writeFileSync(join(dir, 'f'), 'x');
    const t = table({ file: [fileRule('p', 'deny', [`${dir}/pp/**`], ['rename']), allowAllFiles] });
    const r = await traceSh(`mv ${dir}/f ${dir}/pp/f; echo rc=$?`, t);
    return [r.stdout === 'rc=1\n', r.stdout];
  },
  signalDeny: async () => {
    const t = table({ signal: [signalRule('no-parent', 'deny', [15], { type: 'parent' })] });
    const r = await traceSh("sh -c 'kill -TERM $PPID; echo rc=$?'; echo alive", t);
    return [r.stdout === 'rc=1\nalive\n', r.stdout];
  },
  execRedirect: async () => {
    const t = table({
      command: [
        commandRule('r', 'redirect', {
          names: ['cat'],
          redirect: { command: '/usr/bin/echo', args: [], argsAppend: [] },
        }),
        allowAllCommands,
      ],
    });
    const r = await traceSh('cat redirected', t);
    return [r.stdout === 'redirected\n', r.stdout];
  },
  killAndHelperDeath: async () => {
    const a = await spawnTraced({ argv: ['/bin/sh', '-c', 'sleep 30'], table: table(), stdio: 'ignore' });
    a.kill();
    const killed = (await a.exited).signal === 'SIGKILL';
    const b = await spawnTraced({ argv: ['/bin/sh', '-c', 'sleep 30'], table: table(), stdio: 'ignore' });
    process.kill(await sleeperPid(b), 'SIGKILL');
    const err = await b.exited.catch((e: unknown) => e);
    const down = isTracerError(err) && err.code === 'TRACER_DOWN';
    return [killed && down, { killed, down }];
  },
  filterFailureRefuses: async () => {
    const env = { ...process.env, AGENTSH_TRACER_FAULT: 'filter' };
    const err = await spawnTraced({ argv: ['/bin/true'], table: table(), env }).catch((e: unknown) => e);
    return [isTracerError(err) && err.code === 'TRACER_SPAWN', String(err)];
  },
  nodeChildProcess: async () => {
    const js =
      "try { require('child_process').execFileSync('cat', ['/dev/null']); console.log('ran') } catch (e) { console.log(e.code) }";
    const r = await trace([process.execPath, '-e', js], noCat);
    return [r.stdout === 'EACCES\n', r.stdout + r.stderr.slice(0, 200)];
  },
  swapDuringApproval: async () => {
    const dir = mkdtempSync(join(tmpdir(), 'at-swap-'));
    mkdirSync(join(dir, 'aa'));
    mkdirSync(join(dir, 'pp'));
    writeFileSync(join(dir, 'aa', 'f'), 'a');
    writeFileSync(join(dir, 'pp', 'f'), 'keep');
    symlinkSync(join(dir, 'aa', 'f'), join(dir, 'link'));
    const t = table({
      file: [
        fileRule('ask', 'approve', [`${dir}/aa/**`], ['write']),
        fileRule('p', 'deny', [`${dir}/pp/**`], ['write', 'create']),
        allowAllFiles,
      ],
    });
    const onApproval = () => {
      rmSync(join(dir, 'link'));
      symlinkSync(join(dir, 'pp', 'f'), join(dir, 'link'));
      return true;
    };
    const r = await traceSh(`echo x >> ${dir}/link; echo rc=$?`, t, { onApproval });
    // the append runs on the checked (pinned) path: the re-pointed protected file stays intact
    const ok =
      readFileSync(join(dir, 'pp', 'f'), 'utf8') === 'keep' &&
      readFileSync(join(dir, 'aa', 'f'), 'utf8') === 'ax\n' &&
      r.stdout === 'rc=0\n';
    return [ok, r.stdout];
  },
};
