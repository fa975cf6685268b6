import * as dnsPacket from 'dns-packet';
import { describe, expect, it } from 'vitest';
import { queryPacket } from '../../test/client';
import { parseMessage } from './reader';
import { stripClientSubnet } from './strip-ecs';

function query(options: dnsPacket.PacketOpt[]): Buffer {
  return queryPacket('a.test', 'A', { id: 1, ednsOptions: options });
}

function optOf(buf: Buffer) {
  const parsed = parseMessage(buf);
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.message.opt;
}

describe('stripClientSubnet', () => {
  it('removes the client-subnet option and keeps the others', () => {
    const buf = query([
      { code: 8, ip: '10.1.2.0', sourcePrefixLength: 24 },
      { code: 12, length: 4 },
    ]);
    const stripped = stripClientSubnet(buf, optOf(buf));
    expect(stripped.length).toBeLessThan(buf.length);
    const decoded = dnsPacket.decode(stripped);
    const opt = decoded.additionals?.[0] as dnsPacket.OptAnswer;
    expect(opt.options.map((o) => o.code)).toEqual([12]);
    expect(parseMessage(stripped).ok).toBe(true);
  });

  it('returns the query unchanged without EDNS or without the option', () => {
    const plain = query([{ code: 12, length: 2 }]);
    expect(stripClientSubnet(plain, optOf(plain))).toBe(plain);
    expect(stripClientSubnet(plain, undefined)).toBe(plain);
  });
});
