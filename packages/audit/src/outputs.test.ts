import { describe, expect, it } from 'vitest';
import { openAuditStore } from './store';

describe('command outputs', () => {
  it('stores full output with truncation flags and reads it back by byte range', async () => {
    const store = openAuditStore({ path: ':memory:' });
    const stdout = 'a'.repeat(100) + 'b'.repeat(50);
    store.putOutput({
      commandId: 'c1',
      sessionId: 's1',
      stdout,
      stderr: 'oops',
      stderrTotalBytes: 9000,
      stderrTruncated: true,
    });
    expect(store.readOutput({ commandId: 'c1', stream: 'stdout', offset: 90, limit: 20 })).toEqual({
      command_id: 'c1',
      stream: 'stdout',
      offset: 90,
      limit: 20,
      total_bytes: 150,
      truncated: false,
      data: 'aaaaaaaaaabbbbbbbbbb',
      has_more: true,
    });
    expect(store.readOutput({ commandId: 'c1', stream: 'stdout', offset: 140, limit: 20 })).toMatchObject({
      data: 'bbbbbbbbbb',
      has_more: false,
    });
    expect(store.readOutput({ commandId: 'c1', stream: 'stderr' })).toMatchObject({
      data: 'oops',
      total_bytes: 9000,
      truncated: true,
      has_more: false,
    });
    await store.close();
  });

  it('counts offsets in bytes, replaces on a second write, and says undefined for an unknown command', async () => {
    const store = openAuditStore({ path: ':memory:' });
    store.putOutput({ commandId: 'c1', sessionId: 's1', stdout: 'first' });
    store.putOutput({ commandId: 'c1', sessionId: 's1', stdout: Buffer.from('héllo') });
    expect(store.readOutput({ commandId: 'c1', stream: 'stdout', offset: 3 })).toMatchObject({
      data: 'llo',
      total_bytes: 6,
    });
    expect(store.readOutput({ commandId: 'nope', stream: 'stdout' })).toBeUndefined();
    expect(store.readOutput({ commandId: 'c1', stream: 'stderr' })).toMatchObject({
      data: '',
      total_bytes: 0,
      has_more: false,
    });
    await store.close();
  });
});
