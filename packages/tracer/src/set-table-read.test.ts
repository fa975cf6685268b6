import { describe, expect, it } from 'vitest';
import { fileRule, table } from '../test/tables';
import { isTracerError } from './errors';
import { spawnTraced } from './spawn';

// Read-only opens stop only when the prefilter was built for them (stop.readOnlyOpen at spawn). A
// later table with read rules would never see those opens, so setTable must refuse it.
describe.runIf(process.platform === 'linux')('setTable and read-only opens', () => {
  it('refuses a table that needs read-only open stops the running prefilter lacks', async () => {
    const p = await spawnTraced({
      argv: ['/bin/sh', '-c', 'read x'],
      table: table(),
      stdio: ['pipe', 'ignore', 'ignore'],
    });
    const reads = table({
      stop: { ...table().stop, readOnlyOpen: true },
      file: [fileRule('no-passwd', 'deny', ['/etc/passwd']), ...table().file],
    });
    const err = await p.setTable(reads).catch((e: unknown) => e);
    expect(isTracerError(err) && err.code).toBe('TRACER_INVALID');
    p.stdin?.end('\n');
    expect((await p.exited).code).toBe(0);
  });
});
