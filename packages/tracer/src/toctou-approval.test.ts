import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { prog } from '../test/progs';
import { trace, traceSh } from '../test/run';
import { allowAllCommands, allowAllFiles, commandRule, fileRule, table } from '../test/tables';

const linux = process.platform === 'linux';

/** Re-points a symlink (what an attacker does between the check and the kernel's own walk). */
function repoint(link: string, target: string): void {
  rmSync(link);
  symlinkSync(target, link);
}

function setup() {
  const dir = mkdtempSync(join(tmpdir(), 'at-swap-'));
  mkdirSync(join(dir, 'aa'));
  mkdirSync(join(dir, 'pp'));
  writeFileSync(join(dir, 'aa', 'f'), 'a');
  writeFileSync(join(dir, 'pp', 'f'), 'keep');
  return { dir, aa: join(dir, 'aa'), pp: join(dir, 'pp'), link: join(dir, 'link') };
}

// Deterministic TOCTOU: an approval keeps the syscall parked while the test swaps a symlink, so the
// kernel's walk after the answer would reach a protected file if the tracer trusted its first check.
describe.runIf(linux)('TOCTOU: a symlink swapped while an approval waits', () => {
  it('read-only open: the file opened is the one approved, never the re-pointed one', async () => {
    const s = setup();
    symlinkSync(join(s.aa, 'f'), s.link);
    const t = table({
      stop: { ...table().stop, readOnlyOpen: true },
      file: [
        fileRule('ask', 'approve', [`${s.aa}/**`], ['read']),
        fileRule('protect', 'deny', [`${s.pp}/**`], ['read']),
        allowAllFiles,
      ],
    });
    const r = await traceSh(`cat ${s.link}; echo rc=$?`, t, {
      onApproval: () => {
        repoint(s.link, join(s.pp, 'f'));
        return true;
      },
    });
    // the open runs on the checked canonical path (pinned): aa/f's content, not pp/f's
    expect(r.stdout).toBe('arc=0\n');
    expect(
      r.events.some((e) => e.type === 'file' && e.path === join(s.pp, 'f') && e.effective === 'allow'),
    ).toBe(false);
  });

  it('appending open: the write lands on the checked file, never on the re-pointed one', async () => {
    const s = setup();
    symlinkSync(join(s.aa, 'f'), s.link);
    const t = table({
      file: [
        fileRule('ask', 'approve', [`${s.aa}/**`], ['write', 'create']),
        fileRule('protect', 'deny', [`${s.pp}/**`], ['write', 'create']),
        allowAllFiles,
      ],
    });
    const r = await traceSh(`echo x >> ${s.link}; echo rc=$?`, t, {
      onApproval: () => {
        repoint(s.link, join(s.pp, 'f'));
        return true;
      },
    });
    expect(readFileSync(join(s.pp, 'f'), 'utf8')).toBe('keep');
    expect(readFileSync(join(s.aa, 'f'), 'utf8')).toBe('ax\n');
    expect(r.stdout).toBe('rc=0\n');
  });

  it('unlink: the kernel acts on the checked path, not on the re-pointed one', async () => {
    const s = setup();
    symlinkSync(s.aa, s.link);
    const t = table({
      file: [
        fileRule('ask', 'approve', [`${s.aa}/**`], ['delete']),
        fileRule('protect', 'deny', [`${s.pp}/**`], ['delete']),
        allowAllFiles,
      ],
    });
    await traceSh(`rm ${s.link}/f`, t, {
      onApproval: () => {
        repoint(s.link, s.pp);
        return true;
      },
    });
    expect(existsSync(join(s.pp, 'f'))).toBe(true);
    expect(existsSync(join(s.aa, 'f'))).toBe(false);
  });

  it('exec: the image really loaded is checked at PTRACE_EVENT_EXEC', async () => {
    const s = setup();
    symlinkSync('/usr/bin/true', s.link);
    const t = table({
      command: [
        commandRule('ask-true', 'approve', { fullPaths: ['/usr/bin/true'] }),
        commandRule('no-cat', 'deny', { names: ['cat'] }),
        allowAllCommands,
      ],
    });
    const r = await traceSh(`${s.link} /etc/hostname; echo rc=$?`, t, {
      onApproval: () => {
        repoint(s.link, '/usr/bin/cat');
        return true;
      },
    });
    expect(r.stdout).toBe('rc=137\n');
    expect(r.denied.some((e) => e.rule === 'exec-image-mismatch')).toBe(true);
  });

  it('truncating open: the side effect lands on the checked file, never on the re-pointed one', async () => {
    const s = setup();
    symlinkSync(join(s.aa, 'f'), s.link);
    const t = table({
      file: [
        fileRule('ask', 'approve', [`${s.aa}/**`], ['write', 'create']),
        fileRule('protect', 'deny', [`${s.pp}/**`], ['write', 'create']),
        allowAllFiles,
      ],
    });
    const r = await traceSh(`echo new > ${s.link}; echo rc=$?`, t, {
      onApproval: () => {
        repoint(s.link, join(s.pp, 'f'));
        return true;
      },
    });
    expect(readFileSync(join(s.pp, 'f'), 'utf8')).toBe('keep');
    expect(readFileSync(join(s.aa, 'f'), 'utf8')).toBe('new\n');
    expect(r.stdout).toBe('rc=0\n');
  });

  it('O_CREAT|O_EXCL through a dangling symlink still fails (the link is judged, not its target)', async () => {
    const s = setup();
    symlinkSync(join(s.aa, 'missing'), s.link);
    const py = `import os\ntry:\n    os.open('${s.link}', os.O_CREAT | os.O_EXCL | os.O_WRONLY)\n    print('created')\nexcept FileExistsError:\n    print('exists')`;
    const r = await trace(['python3', '-c', py], table());
    expect(r.stdout).toBe('exists\n');
    expect(existsSync(join(s.aa, 'missing'))).toBe(false);
  });

  it('pinned paths go to a tracer-mapped scratch area, never below the stack pointer (small stacks)', async () => {
    const s = setup();
    symlinkSync(s.aa, s.link); // a symlink on the way makes the tracer pin the path
    const r = await trace([prog('small_stack'), join(s.link, 'made')], table());
    expect(r.stdout).toBe('intact rc=0\n');
    expect(existsSync(join(s.aa, 'made'))).toBe(true);
  });

  it('exec: a thread rewriting argv while the approval waits cannot change what runs', async () => {
    const t = table({
      command: [
        commandRule('no-evil', 'deny', {
          names: ['echo'],
          args: [{ source: 'EVIL', ere: 'EVIL', caseInsensitive: false }],
        }),
        commandRule('ask-echo', 'approve', { names: ['echo'] }),
        allowAllCommands,
      ],
    });
    const r = await trace([prog('argv_swap'), '/usr/bin/echo'], t, {
      onApproval: () => new Promise((resolve) => setTimeout(() => resolve(true), 800)),
    });
    expect(r.stdout).toBe('safe\n');
  });
});
