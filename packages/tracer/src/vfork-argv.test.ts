import { describe, expect, it } from 'vitest';
import { prog } from '../test/progs';
import { trace } from '../test/run';
import { allowAllCommands, commandRule, table } from '../test/tables';

const linux = process.platform === 'linux';

// A vfork child shares its parent's memory; the tracer skips pinning only when nothing but the
// (suspended) vfork caller could write it. Here another thread of the parent flips the argv word
// during every exec, so the tracer must pin the argv it judged: echo may print "safe" or be refused,
// never "EVIL". Probabilistic: without the pin some of the 300 execs print EVIL.
describe.runIf(linux)('vfork: the parent keeps running threads', () => {
  it('a thread of the vfork parent rewriting argv cannot change what an allowed exec runs', async () => {
    const t = table({
      command: [
        commandRule('no-evil', 'deny', {
          names: ['echo'],
          args: [{ source: 'EVIL', ere: 'EVIL', caseInsensitive: false }],
        }),
        allowAllCommands,
      ],
    });
    const r = await trace([prog('vfork_swap'), '/usr/bin/echo', '300'], t);
    const lines = r.stdout.split('\n').filter((l) => l !== '');
    expect(r.stderr).toMatch(/^ran \d+ refused \d+\n$/);
    expect(lines.filter((l) => l !== 'safe')).toEqual([]);
    expect(lines.length).toBeGreaterThan(0);
  }, 60_000);
});
