import * as dnsPacket from 'dns-packet';
import { describe, expect, it } from 'vitest';
import { parseMessage, readName } from './reader';

function header(qd: number, an = 0): Buffer {
  const h = Buffer.alloc(12);
  h.writeUInt16BE(0x1234, 0);
  h.writeUInt16BE(qd, 4);
  h.writeUInt16BE(an, 6);
  return h;
}

function labels(...parts: string[]): Buffer {
  return Buffer.concat([
    ...parts.map((p) => Buffer.concat([Buffer.from([p.length]), Buffer.from(p)])),
    Buffer.from([0]),
  ]);
}

const typeClass = Buffer.from([0, 1, 0, 1]);

describe('readName', () => {
  it('follows a backward compression pointer', () => {
    const buf = Buffer.concat([
      header(0),
      labels('example', 'com'),
      Buffer.from([3, 0x77, 0x77, 0x77, 0xc0, 12]),
    ]);
    expect(readName(buf, 12)?.name).toBe('example.com');
    const www = readName(buf, 25);
    expect(www).toEqual({ name: 'www.example.com', next: 31 });
  });

  it('rejects a pointer to itself, a forward pointer and a two-pointer loop', () => {
    const self = Buffer.concat([header(0), Buffer.from([0xc0, 12])]);
    expect(readName(self, 12)).toBeNull();
    const forward = Buffer.concat([header(0), Buffer.from([0xc0, 14, 0])]);
    expect(readName(forward, 12)).toBeNull();
    const loop = Buffer.concat([header(0), Buffer.from([1, 0x61, 0xc0, 16, 1, 0x62, 0xc0, 12])]);
    expect(readName(loop, 16)).toBeNull();
  });

  it('rejects names over 255 octets and labels with reserved type bits', () => {
    const long = Buffer.concat([header(0), labels(...Array(5).fill('a'.repeat(60)))]);
    expect(readName(long, 12)).toBeNull();
    const reserved = Buffer.concat([header(0), Buffer.from([0x40, 0])]);
    expect(readName(reserved, 12)).toBeNull();
  });

  it('rejects a label holding a dot', () => {
    expect(readName(Buffer.concat([header(0), labels('a.b', 'com')]), 12)).toBeNull();
  });
});

describe('parseMessage', () => {
  it('walks a dns-packet query and finds its question and OPT', () => {
    const buf = dnsPacket.encode({
      type: 'query',
      id: 7,
      questions: [{ name: 'example.com', type: 'AAAA', class: 'IN' }],
      additionals: [
        {
          type: 'OPT',
          name: '.',
          udpPayloadSize: 4096,
          extendedRcode: 0,
          ednsVersion: 0,
          flags: 0,
          flag_do: false,
          options: [],
        },
      ],
    });
    const parsed = parseMessage(buf);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.message.questions[0]).toMatchObject({
      name: 'example.com',
      type: 28,
      klass: 1,
      start: 12,
      end: buf.length - 11,
    });
    expect(parsed.message.opt?.klass).toBe(4096);
  });

  it('reports trailing garbage, truncated records and short headers', () => {
    const good = Buffer.concat([header(1), labels('a', 'com'), typeClass]);
    expect(parseMessage(good).ok).toBe(true);
    const trailing = parseMessage(Buffer.concat([good, Buffer.from([0])]));
    expect(trailing).toEqual({ ok: false, reason: '1 trailing bytes after the last record' });
    expect(parseMessage(Buffer.concat([header(1), labels('a', 'com'), Buffer.from([0, 1])])).ok).toBe(false);
    expect(parseMessage(Buffer.concat([header(1, 1), labels('a'), typeClass])).ok).toBe(false);
    expect(parseMessage(Buffer.alloc(5))).toEqual({
      ok: false,
      reason: 'message shorter than the 12-byte header',
    });
  });

  it('rejects a second OPT record', () => {
    const opt = Buffer.from([0, 0, 41, 4, 0, 0, 0, 0, 0, 0, 0]);
    const buf = Buffer.concat([header(1), labels('a'), typeClass, opt, opt]);
    buf.writeUInt16BE(2, 10);
    expect(parseMessage(buf)).toEqual({ ok: false, reason: 'bad OPT record' });
  });
});
