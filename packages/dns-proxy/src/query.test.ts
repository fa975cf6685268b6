import { describe, expect, it } from 'vitest';
import { decodeReply, queryPacket } from '../test/client';
import { isRejected, validateQuery } from './query';

function rejected(buf: Buffer) {
  const result = validateQuery(buf);
  if (!isRejected(result)) throw new Error('accepted');
  return result;
}

describe('validateQuery', () => {
  it('accepts a plain query and normalises its name', () => {
    const result = validateQuery(queryPacket('Example.COM', 'A'));
    expect(isRejected(result)).toBe(false);
    if (!isRejected(result)) expect(result.name).toBe('example.com');
  });

  it('drops packets shorter than a header and responses', () => {
    expect(rejected(Buffer.alloc(11)).response).toBeNull();
    const response = queryPacket('a.com', 'A');
    response.writeUInt16BE(response.readUInt16BE(2) | 0x8000, 2);
    expect(rejected(response).response).toBeNull();
  });

  it('answers FORMERR for qdcount 0 and 2, keeping the id', () => {
    const none = queryPacket('a.com', 'A').subarray(0, 12);
    none.writeUInt16BE(0, 4);
    const r0 = rejected(Buffer.from(none));
    expect(decodeReply(r0.response as Buffer)).toMatchObject({ id: 4242, rcode: 'FORMERR' });
    const two = queryPacket('a.com', 'A');
    const q = two.subarray(12);
    const doubled = Buffer.concat([two, q]);
    doubled.writeUInt16BE(2, 4);
    expect(rejected(doubled).reason).toBe('qdcount is 2, not 1');
  });

  it('answers FORMERR for a query carrying answer or authority records', () => {
    const query = queryPacket('a.com', 'A');
    const rr = Buffer.from([0xc0, 12, 0, 12, 0, 1, 0, 0, 0, 60, 0, 2, 0xc0, 12]);
    const withAnswer = Buffer.concat([query, rr]);
    withAnswer.writeUInt16BE(1, 6);
    expect(rejected(withAnswer).reason).toBe('records other than one OPT in a query');
    expect(isRejected(validateQuery(queryPacket('a.com', 'A', { edns: true })))).toBe(false);
  });

  it('answers FORMERR for trailing garbage and oversized queries', () => {
    expect(rejected(Buffer.concat([queryPacket('a.com', 'A'), Buffer.from([1, 2])])).rcode).toBe(1);
    const big = Buffer.concat([queryPacket('a.com', 'A'), Buffer.alloc(5000)]);
    expect(rejected(big).reason).toContain('too large');
  });

  it('answers NOTIMP for other opcodes, REFUSED for class CH and zone transfers', () => {
    const notify = queryPacket('a.com', 'A');
    notify.writeUInt16BE(notify.readUInt16BE(2) | (4 << 11), 2);
    expect(decodeReply(rejected(notify).response as Buffer).rcode).toBe('NOTIMP');
    const chaos = queryPacket('version.bind', 'TXT');
    chaos.writeUInt16BE(3, chaos.length - 2);
    expect(decodeReply(rejected(chaos).response as Buffer).rcode).toBe('REFUSED');
    expect(rejected(queryPacket('a.com', 'AXFR')).rcode).toBe(5);
  });

  it('answers BADVERS (extended rcode 1 in OPT) for EDNS version 1', () => {
    const query = queryPacket('a.com', 'A', { edns: true });
    query.writeUInt8(1, query.length - 11 + 6);
    const reply = rejected(query).response as Buffer;
    expect(reply.readUInt16BE(2) & 0xf).toBe(0);
    expect(reply.readUInt8(reply.length - 11 + 5)).toBe(1);
  });
});
