import type { WireRecord } from './reader';

const CLIENT_SUBNET = 8;

/**
 * The query without EDNS Client Subnet options (RFC 7871), so the sandbox's address does not travel
 * upstream. Returns the same buffer when the OPT record carries none. The OPT record must come from
 * parsing this buffer.
 */
export function stripClientSubnet(query: Buffer, opt: WireRecord | undefined): Buffer {
  if (opt === undefined || opt.rdlength === 0) return query;
  const kept: Buffer[] = [];
  let found = false;
  const end = opt.rdataOffset + opt.rdlength;
  for (let offset = opt.rdataOffset; offset + 4 <= end; ) {
    const code = query.readUInt16BE(offset);
    const length = query.readUInt16BE(offset + 2);
    const next = Math.min(end, offset + 4 + length);
    if (code === CLIENT_SUBNET) found = true;
    else kept.push(query.subarray(offset, next));
    offset = next;
  }
  if (!found) return query;
  const options = Buffer.concat(kept);
  const rdlength = Buffer.alloc(2);
  rdlength.writeUInt16BE(options.length, 0);
  return Buffer.concat([query.subarray(0, opt.rdataOffset - 2), rdlength, options, query.subarray(end)]);
}
