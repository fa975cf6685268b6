import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isDnsProxyError } from '../errors';
import { loadResolvConf, parseResolvConf, parseUpstream } from './address';

describe('parseUpstream', () => {
  it('reads IPv4 and IPv6 with and without ports', () => {
    expect(parseUpstream('127.0.0.1')).toEqual({
      host: '127.0.0.1',
      port: 53,
      family: 4,
      key: '127.0.0.1:53',
    });
    expect(parseUpstream('127.0.0.1:5353').port).toBe(5353);
    expect(parseUpstream('[::1]:5353')).toEqual({ host: '::1', port: 5353, family: 6, key: '[::1]:5353' });
    expect(parseUpstream('0:0::1').key).toBe('[::1]:53');
  });

  it('throws DNS_CONFIG naming the key for names and bad ports', () => {
    expect(() => parseUpstream('dns.google:53', 'dns_upstream[0]')).toThrow(/dns_upstream\[0\]/);
    for (const bad of ['127.0.0.1:0', '127.0.0.1:70000', '[::1]x', '']) {
      try {
        parseUpstream(bad);
        expect.unreachable(bad);
      } catch (error) {
        expect(isDnsProxyError(error) && error.code).toBe('DNS_CONFIG');
      }
    }
  });
});

describe('resolv.conf', () => {
  const text = [
    '# generated',
    'search example.internal',
    'nameserver 10.1.2.3',
    'nameserver fe80::1%eth0',
    'nameserver not-an-ip',
    'options ndots:2',
  ].join('\n');

  it('takes nameserver lines as port-53 upstreams and skips the rest', () => {
    expect(parseResolvConf(text).map((u) => u.key)).toEqual(['10.1.2.3:53', '[fe80::1]:53']);
  });

  it('loads a file and fails with DNS_CONFIG when it names no nameserver', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dns-proxy-'));
    writeFileSync(join(dir, 'ok.conf'), text);
    writeFileSync(join(dir, 'empty.conf'), 'search x\n');
    expect(loadResolvConf(join(dir, 'ok.conf'))).toHaveLength(2);
    expect(() => loadResolvConf(join(dir, 'empty.conf'))).toThrow(/names no usable nameserver/);
    expect(() => loadResolvConf(join(dir, 'missing.conf'))).toThrow(/cannot read/);
  });
});
