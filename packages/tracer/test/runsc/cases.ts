// Core tracer cases, run as one node process (natively or inside runsc) so a slow sandbox start is
// paid once. Prints one JSON object: case name -> { ok, detail }.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { probeCapabilities } from '../../src/probe';
import { trace, traceSh } from '../run';
import { allowAllCommands, allowAllFiles, commandRule, fileRule, table } from '../tables';
import { extraCases } from './extra-cases';
import { moreCases } from './more-cases';

const escapes = process.env.AT_ESCAPES_BIN ?? '';
const forks = process.env.AT_FORKS_BIN ?? '';
const noCat = table({ command: [commandRule('no-cat', 'deny', { names: ['cat'] }), allowAllCommands] });

function scratch() {
  const dir = mkdtempSync(join(tmpdir(), 'at-runsc-'));
  mkdirSync(join(dir, 'prot'));
  writeFileSync(join(dir, 'prot', 'secret'), 'keep');
  const t = table({
    file: [fileRule('protect', 'deny', [`${dir}/prot/**`], ['write', 'create', 'delete']), allowAllFiles],
  });
  return { dir, t };
}

type Case = () => Promise<[boolean, unknown]>;

const cases: Record<string, Case> = {
  probe: async () => {
    const c = await probeCapabilities();
    return [c.seize && c.seccompTrace && c.denyAtSeccompStop, c];
  },
  exitCode: async () => {
    const r = await traceSh('echo hi; exit 5', table());
    return [r.exit.code === 5 && r.stdout === 'hi\n', r.exit];
  },
  execDeny: async () => {
    const r = await traceSh('cat /dev/null; echo rc=$?', noCat);
    return [r.stdout === 'rc=126\n' && r.denied[0]?.rule === 'no-cat', r.stdout];
  },
  fileDeny: async () => {
    const s = scratch();
    const r = await traceSh(
      `cd ${s.dir} && echo x > prot/../prot/n; echo a=$?; rm prot/secret; echo b=$?`,
      s.t,
    );
    const ok =
      r.stdout === 'a=2\nb=1\n' &&
      !existsSync(join(s.dir, 'prot', 'n')) &&
      existsSync(join(s.dir, 'prot', 'secret'));
    return [ok, r.stdout];
  },
  symlinkDodge: async () => {
    const s = scratch();
    symlinkSync(join(s.dir, 'prot'), join(s.dir, 'alias'));
    const r = await traceSh(`echo y >> ${s.dir}/alias/secret; echo rc=$?`, s.t);
    return [
      r.stdout === 'rc=2\n' && readFileSync(join(s.dir, 'prot', 'secret'), 'utf8') === 'keep',
      r.stdout,
    ];
  },
  descendants: async () => {
    const r = await trace([forks], noCat);
    return [r.stdout === 'fork 13\nvfork 13\nclone3 Function not implemented\nthread-fork 13\n', r.stdout];
  },
  pythonSubprocess: async () => {
    const py =
      "import subprocess\ntry:\n    subprocess.run(['cat','/dev/null'])\n    print('ran')\nexcept PermissionError:\n    print('denied')";
    const r = await trace(['python3', '-c', py], noCat);
    return [r.stdout === 'denied\n', r.stdout + r.stderr.slice(0, 300)];
  },
  escapes: async () => {
    const env = {
      ...process.env,
      ESCAPE_DIR: mkdtempSync(join(tmpdir(), 'at-esc-')),
      ESCAPE_BIN: '/usr/bin/cat',
    };
    const list = [
      'ptrace',
      'vm_writev',
      'proc_mem_write',
      'clone_untraced',
      'user_notif',
      'unshare_mnt',
      'mount',
      'chroot',
    ];
    const r = await trace([escapes, ...list, 'memfd_exec', 'proc_fd_exec'], noCat, {
      env: env as Record<string, string>,
    });
    const lines = r.stdout.trim().split('\n');
    return [lines.length === list.length + 2 && lines.every((l) => !l.endsWith(' ok')), lines];
  },
  softDelete: async () => {
    const s = scratch();
    const t = table({
      file: [fileRule('trash', 'soft_delete', [`${s.dir}/prot/**`], ['delete']), allowAllFiles],
    });
    const r = await traceSh(`rm ${s.dir}/prot/secret; echo rc=$?`, t, { quarantineDir: join(s.dir, 'q') });
    return [r.stdout === 'rc=0\n' && !existsSync(join(s.dir, 'prot', 'secret')), r.stdout];
  },
  approval: async () => {
    const t = table({ command: [commandRule('ask', 'approve', { names: ['env'] }), allowAllCommands] });
    const yes = await traceSh('env true; echo rc=$?', t, { onApproval: () => true });
    const no = await traceSh('env true; echo rc=$?', t, { onApproval: () => false });
    return [yes.stdout === 'rc=0\n' && no.stdout === 'rc=126\n', [yes.stdout, no.stdout]];
  },
};

const only = process.argv.slice(2);
const out: Record<string, { ok: boolean; detail: unknown }> = {};
for (const [name, run] of Object.entries({ ...cases, ...moreCases, ...extraCases })) {
  if (only.length && !only.includes(name)) continue;
  try {
    const [ok, detail] = await run();
    out[name] = { ok, detail };
  } catch (e) {
    out[name] = { ok: false, detail: String(e) };
  }
}
process.stdout.write(`${JSON.stringify(out)}\n`);
