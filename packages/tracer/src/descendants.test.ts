import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { prog } from '../test/progs';
import { trace, traceSh } from '../test/run';
import { allowAllCommands, allowAllFiles, commandRule, fileRule, table } from '../test/tables';

const linux = process.platform === 'linux';
const noCat = table({ command: [commandRule('no-cat', 'deny', { names: ['cat'] }), allowAllCommands] });

describe.runIf(linux)('descendants stay traced', () => {
  it('through nested shells, pipes and subshells', async () => {
    const r = await traceSh('sh -c \'sh -c "(cat /dev/null | true); echo rc=\\$?"\'', noCat);
    expect(r.denied.length).toBeGreaterThan(0);
    expect(r.denied.every((e) => e.rule === 'no-cat')).toBe(true);
    expect(Math.max(...r.denied.map((e) => e.depth))).toBeGreaterThanOrEqual(3);
  });

  it('through fork, vfork, clone3 (refused: ENOSYS, libc falls back to clone) and threads', async () => {
    const r = await trace([prog('forks')], noCat);
    expect(r.stdout).toBe('fork 13\nvfork 13\nclone3 Function not implemented\nthread-fork 13\n');
    expect(r.denied).toHaveLength(3);
  });

  it('through python3 subprocess and threads', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'at-desc-'));
    const t = table({
      command: [commandRule('no-cat', 'deny', { names: ['cat'] }), allowAllCommands],
      file: [fileRule('ro', 'deny', [`${dir}/**`], ['create', 'write']), allowAllFiles],
    });
    const script = [
      'import subprocess, threading',
      'res = {}',
      'def run():',
      '    try:',
      "        subprocess.run(['cat', '/dev/null'])",
      "        res['sub'] = 'ran'",
      '    except PermissionError:',
      "        res['sub'] = 'denied'",
      '    try:',
      `        open('${dir}/x', 'w')`,
      "        res['file'] = 'written'",
      '    except PermissionError:',
      "        res['file'] = 'denied'",
      'th = threading.Thread(target=run); th.start(); th.join()',
      "print(res['sub'], res['file'])",
    ].join('\n');
    const r = await trace(['python3', '-c', script], t);
    expect(r.stdout).toBe('denied denied\n');
  });

  it('through node child_process', async () => {
    const script =
      "try { require('child_process').execFileSync('cat', ['/dev/null']); console.log('ran') } catch (e) { console.log(e.code) }";
    const r = await trace([process.execPath, '-e', script], noCat);
    expect(r.stdout).toBe('EACCES\n');
  });

  it('kills descendants that daemonize once the command ends', async () => {
    const started = Date.now();
    const r = await traceSh('setsid sh -c "sleep 20" </dev/null >/dev/null 2>&1 & echo bg', table());
    expect(r.stdout).toBe('bg\n');
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});

describe.runIf(linux)('multi-threaded tracees', () => {
  it('path syscalls from a second thread are judged on the checked (pinned) paths', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'at-mt-'));
    const t = table({
      file: [fileRule('ro', 'deny', [`${dir}/ro/**`], ['delete', 'rename', 'mkdir']), allowAllFiles],
    });
    const script = [
      'import os, threading',
      `d = '${dir}'`,
      "os.mkdir(d + '/rw'); os.mkdir(d + '/ro'); open(d + '/ro/keep', 'w').close()",
      'out = []',
      'def work():',
      "    os.mkdir(d + '/rw/sub'); open(d + '/rw/a', 'w').close()",
      "    os.rename(d + '/rw/a', d + '/rw/b'); os.unlink(d + '/rw/b'); out.append('rw-ok')",
      "    for f in (lambda: os.unlink(d + '/ro/keep'), lambda: os.rename(d + '/ro/keep', d + '/rw/x'), lambda: os.mkdir(d + '/ro/n')):",
      '        try:',
      '            f(); out.append("escaped")',
      '        except PermissionError:',
      '            out.append("denied")',
      'th = threading.Thread(target=work); th.start(); th.join()',
      "print(' '.join(out))",
    ].join('\n');
    const r = await trace(['python3', '-c', script], t);
    expect(r.stdout).toBe('rw-ok denied denied denied\n');
  });
});

describe.runIf(linux)('job control under the tracer', () => {
  it('SIGSTOP/SIGCONT of a traced child neither hangs nor loses the child', async () => {
    const script =
      'sleep 0.3 & pid=$!; kill -STOP $pid; sleep 0.1; kill -CONT $pid; wait $pid; echo a=$?; ' +
      'sh -c "kill -STOP \\$\\$; echo resumed" & p=$!; sleep 0.2; kill -CONT $p; wait $p; echo b=$?';
    const r = await traceSh(script, table());
    expect(r.stdout).toBe('a=0\nresumed\nb=0\n');
  });
});

describe.runIf(linux)('exec from a non-leader thread', () => {
  it('is judged, and the new image keeps being traced under the leader pid', async () => {
    const denied = await trace([prog('thread_exec'), '/usr/bin/cat', '/dev/null'], noCat);
    expect(denied.stdout).toBe('exec failed 13\n');
    const allowed = await trace([prog('thread_exec'), '/bin/sh', '-c', 'cat /dev/null; echo rc=$?'], noCat);
    expect(allowed.stdout).toBe('rc=126\n');
    expect(allowed.exit.code).toBe(0);
  });
});
