import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { table } from '../test/tables';
import { encodeTable } from './encode';
import { FRAME_TABLE, frame, splitLines } from './frames';
import { loadNativeBinding } from './native';

describe.runIf(process.platform === 'linux')('event backpressure in the helper', () => {
  it('a reader that stops reading never blocks the tracee: events are dropped and counted', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'at-bp-'));
    const marker = join(dir, 'done');
    const script = `i=0; while [ $i -lt 20000 ]; do : < /dev/null; i=$((i+1)); done; echo > ${marker}`;
    const helper = spawn(loadNativeBinding().helperPath, ['run', '--', '/bin/sh', '-c', script], {
      stdio: ['ignore', 'ignore', 'ignore', 'pipe'],
    });
    const ctl = helper.stdio[3] as Readable & Writable;
    ctl.write(frame(FRAME_TABLE, encodeTable(table({ stop: { ...table().stop, readOnlyOpen: true } }))));
    // Nobody reads the socket until the command has finished.
    for (let i = 0; i < 600 && !existsSync(marker); i++) await new Promise((r) => setTimeout(r, 50));
    expect(existsSync(marker)).toBe(true);
    let tail = '';
    const lines: Record<string, unknown>[] = [];
    ctl.setEncoding('utf8');
    ctl.on('data', (c: string) => {
      tail = splitLines(tail, c, (l) => lines.push(JSON.parse(l) as Record<string, unknown>));
    });
    await new Promise((r) => helper.on('close', r));
    const dropped = lines.filter((l) => l.t === 'dropped').reduce((n, l) => n + Number(l.count), 0);
    const events = lines.filter((l) => l.t === 'ev').length;
    expect(dropped).toBeGreaterThan(0);
    expect(events + dropped).toBeGreaterThanOrEqual(20000);
    expect(lines.at(-1)).toMatchObject({ t: 'exit', code: 0 });
  }, 60_000);
});
