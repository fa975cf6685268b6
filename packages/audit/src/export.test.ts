import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { makeEvent } from '../test/events';
import { openAuditStore } from './store';

/** A slow sink with a tiny buffer, so export must wait for 'drain'; counts peak buffered lines. */
function slowSink(): { out: Writable; lines: string[]; drains: () => number } {
  const lines: string[] = [];
  let drains = 0;
  const out = new Writable({
    highWaterMark: 256,
    write(chunk: Buffer, _enc, done) {
      lines.push(chunk.toString('utf8'));
      setImmediate(done);
    },
  });
  out.on('drain', () => {
    drains++;
  });
  return { out, lines, drains: () => drains };
}

describe('exportJsonl', () => {
  it('streams every event as one JSON line, in commit order, across pages, honouring back-pressure', async () => {
    const store = openAuditStore({ path: ':memory:' });
    for (let i = 2499; i >= 0; i--) void store.append(makeEvent(i));
    await store.flush();
    const sink = slowSink();
    const n = await store.exportJsonl(sink.out);
    expect(n).toBe(2500);
    expect(sink.lines).toHaveLength(2500);
    expect(sink.drains()).toBeGreaterThan(100);
    expect(JSON.parse(sink.lines[0] ?? '')).toEqual(makeEvent(2499));
    expect(sink.lines.every((l) => l.endsWith('}\n'))).toBe(true);
    expect(JSON.parse(sink.lines[2499] ?? '').id).toBe('ev-000000');
    await store.close();
  });

  it('applies the query filters', async () => {
    const store = openAuditStore({ path: ':memory:' });
    for (let i = 0; i < 40; i++) void store.append(makeEvent(i));
    await store.flush();
    const sink = slowSink();
    expect(await store.exportJsonl(sink.out, { sessionId: 'sess-2', decision: 'deny' })).toBe(2);
    expect(sink.lines.map((l) => JSON.parse(l).id)).toEqual(['ev-000010', 'ev-000030']);
    await store.close();
  });
});
