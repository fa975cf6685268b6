import { normaliseName, wireNameToText } from './name';
import type { AddressTtl, AnswerRecord } from './types';
import { formatIPv4, formatIPv6 } from './wire/ip';
import { readName, type WireMessage, type WireRecord } from './wire/reader';
import { RR, typeName } from './wire/rrtype';
import { parseSvcbHints } from './wire/svcb';

/** What an upstream answer says, reduced to what decisions, events and the IP map need. */
export interface AnswerSummary {
  records: AnswerRecord[];
  /** The question name, then each CNAME target in chain order. */
  names: string[];
  /** Non-root TargetNames of HTTPS/SVCB records owned by a name in the chain (alias cloaking). */
  svcbTargets: string[];
  /** A, AAAA and HTTPS/SVCB hint addresses owned by a name in the chain. */
  addresses: AddressTtl[];
  /** Smallest TTL in the answer section, undefined when it is empty. */
  minTtl: number | undefined;
  /** RFC 2308 negative TTL: min(SOA TTL, SOA MINIMUM) from the authority section. */
  negativeTtl: number | undefined;
}

/** A wire name as normalised text; names that fail normalisation keep their lower-cased form. */
export function wireName(raw: string): string {
  const text = wireNameToText(raw);
  return normaliseName(text) ?? text.toLowerCase();
}

export function summariseAnswer(
  buf: Buffer,
  message: WireMessage,
  question: string,
  maxHops = 16,
): AnswerSummary {
  const answers = message.records.filter((r) => r.section === 'answer');
  const owners = answers.map((r) => wireName(r.name));
  const names = followChain(buf, { answers, owners, question, maxHops });
  const inChain = new Set(names);
  const records: AnswerRecord[] = [];
  const addresses: AddressTtl[] = [];
  const svcbTargets: string[] = [];
  let minTtl: number | undefined;
  answers.forEach((record, i) => {
    const owner = owners[i] as string;
    const ttl = clampWireTtl(record.ttl);
    minTtl = minTtl === undefined ? ttl : Math.min(minTtl, ttl);
    const found = recordAddresses(buf, record);
    if (inChain.has(owner)) {
      for (const address of found) addresses.push({ address, ttl });
      const target = svcbTarget(buf, record);
      if (target !== undefined && !inChain.has(target)) svcbTargets.push(target);
    }
    records.push({ name: owner, type: typeName(record.type), ttl, ...dataOf(buf, record, found) });
  });
  return { records, names, svcbTargets, addresses, minTtl, negativeTtl: negativeTtl(buf, message) };
}

interface ChainInput {
  answers: WireRecord[];
  owners: string[];
  question: string;
  maxHops: number;
}

function followChain(buf: Buffer, { answers, owners, question, maxHops }: ChainInput): string[] {
  const names = [question];
  let current = question;
  for (let hop = 0; hop < maxHops; hop++) {
    const index = answers.findIndex((r, i) => r.type === RR.CNAME && owners[i] === current);
    const record = answers[index];
    if (record === undefined) break;
    const target = readName(buf, record.rdataOffset);
    if (target === null) break;
    current = wireName(target.name);
    if (names.includes(current)) break;
    names.push(current);
  }
  return names;
}

function recordAddresses(buf: Buffer, record: WireRecord): string[] {
  if (record.type === RR.A && record.rdlength === 4) return [formatIPv4(buf, record.rdataOffset)];
  if (record.type === RR.AAAA && record.rdlength === 16) return [formatIPv6(buf, record.rdataOffset)];
  if (record.type === RR.HTTPS || record.type === RR.SVCB) {
    const hints = parseSvcbHints(buf, record.rdataOffset, record.rdlength);
    return hints === null ? [] : [...hints.ipv4, ...hints.ipv6];
  }
  return [];
}

function svcbTarget(buf: Buffer, record: WireRecord): string | undefined {
  if (record.type !== RR.HTTPS && record.type !== RR.SVCB) return undefined;
  const hints = parseSvcbHints(buf, record.rdataOffset, record.rdlength);
  return hints === null || hints.target === '' ? undefined : wireName(hints.target);
}

function dataOf(buf: Buffer, record: WireRecord, addresses: string[]): { data?: string } {
  if (record.type === RR.CNAME) {
    const target = readName(buf, record.rdataOffset);
    return target === null ? {} : { data: wireName(target.name) };
  }
  return addresses.length > 0 ? { data: addresses.join(',') } : {};
}

function negativeTtl(buf: Buffer, message: WireMessage): number | undefined {
  const soa = message.records.find((r) => r.section === 'authority' && r.type === RR.SOA);
  if (soa === undefined || soa.rdlength < 22) return undefined;
  const minimum = buf.readUInt32BE(soa.rdataOffset + soa.rdlength - 4);
  return Math.min(clampWireTtl(soa.ttl), clampWireTtl(minimum));
}

/** RFC 2181 §8: a TTL with the top bit set is treated as zero. */
export function clampWireTtl(ttl: number): number {
  return ttl > 0x7fffffff ? 0 : ttl;
}
