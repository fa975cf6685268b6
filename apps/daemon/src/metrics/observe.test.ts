import { describe, expect, it } from 'vitest';
import { observeEvent } from './observe';
import { createDaemonMetrics } from './registry';

describe('observeEvent', () => {
  it('counts DNS answers by decision, transport and cache use, and times them', async () => {
    const m = createDaemonMetrics();
    const policy = { decision: 'allow', effective_decision: 'allow', rule: 'allow-github' };
    observeEvent(m, {
      type: 'dns_query',
      policy,
      fields: { transport: 'udp', cached: false, duration_ms: 3 },
    });
    observeEvent(m, {
      type: 'dns_query',
      policy,
      fields: { transport: 'udp', cached: true, duration_ms: 0.1 },
    });
    observeEvent(m, { type: 'dns_redirect', fields: { transport: 'tcp', cached: false, duration_ms: 1 } });
    observeEvent(m, { type: 'file_read', fields: { duration_ms: 5 } });
    const text = await m.registry.metrics();
    expect(text).toContain('agentsh_dns_queries_total{decision="allow",transport="udp",cached="false"} 1');
    expect(text).toContain('agentsh_dns_queries_total{decision="allow",transport="udp",cached="true"} 1');
    expect(text).toContain('agentsh_dns_queries_total{decision="redirect",transport="tcp",cached="false"} 1');
    expect(text).toContain('agentsh_dns_query_duration_seconds_count 3');
  });
});
