import { describe, expect, it } from 'vitest';
import { openAuditStore } from './store';

describe('mcp_tools registry', () => {
  it('records first sighting, refreshes later ones and flags a changed definition hash', async () => {
    const store = openAuditStore({ path: ':memory:' });
    const t0 = new Date(Date.UTC(2026, 10, 27, 10));
    const t1 = new Date(Date.UTC(2026, 10, 27, 11));
    expect(store.recordMcpTool({ serverId: 'fs', toolName: 'read', toolHash: 'h1', seenAt: t0 })).toEqual({
      isNew: true,
      hashChanged: false,
    });
    expect(store.recordMcpTool({ serverId: 'fs', toolName: 'read', toolHash: 'h1', seenAt: t1 })).toEqual({
      isNew: false,
      hashChanged: false,
      previousHash: 'h1',
    });
    expect(
      store.recordMcpTool({
        serverId: 'fs',
        toolName: 'read',
        toolHash: 'h2',
        description: 'reads',
        seenAt: t1,
      }),
    ).toEqual({ isNew: false, hashChanged: true, previousHash: 'h1' });
    store.recordMcpTool({ serverId: 'web', toolName: 'fetch', toolHash: 'w1', seenAt: t0 });
    const [read] = store.listMcpTools('fs');
    expect(read).toMatchObject({
      server_id: 'fs',
      tool_name: 'read',
      tool_hash: 'h2',
      description: 'reads',
      pinned: true,
      detection_count: 0,
      max_severity: null,
    });
    expect(read && read.last_seen_ns - read.first_seen_ns).toBe(3_600_000_000_000);
    expect(store.listMcpTools().map((r) => `${r.server_id}/${r.tool_name}`)).toEqual([
      'fs/read',
      'web/fetch',
    ]);
    await store.close();
  });
});
