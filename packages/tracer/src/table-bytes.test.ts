import { describe, expect, it } from 'vitest';
import { table } from '../test/tables';
import { encodeTable } from './encode';
import { tableBytes } from './table-bytes';

describe('tableBytes', () => {
  it('validates and encodes a table object once', () => {
    const t = table();
    const first = tableBytes(t);
    expect(tableBytes(t)).toBe(first);
    expect(Buffer.from(first).equals(Buffer.from(encodeTable(t)))).toBe(true);
  });

  it('refuses an invalid table and says where', () => {
    const bad = { ...table(), file: [{ name: 'x' }] } as unknown as ReturnType<typeof table>;
    expect(() => tableBytes(bad)).toThrowError(expect.objectContaining({ code: 'TRACER_INVALID' }));
    expect(() => tableBytes(bad)).toThrowError(/file\.0/);
  });
});
