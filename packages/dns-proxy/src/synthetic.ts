import type * as dnsPacket from 'dns-packet';
import type { AnswerMapping, Decision } from './types';
import { addressBytes, formatIPv4, formatIPv6 } from './wire/ip';
import { buildResponse, EDE, type QueryContext } from './wire/respond';
import { RCODE, RR } from './wire/rrtype';

/** Default TTL of synthetic answers (agentsh answers redirects with TTL 60). */
export const LOCAL_TTL = 60;

export interface LocalAnswer {
  response: Buffer;
  mapping: AnswerMapping | undefined;
  reason?: string;
}

interface LocalInput {
  ctx: QueryContext;
  name: string;
  session: string;
  type: number;
}

function soa(name: string): dnsPacket.Answer {
  return {
    name: name || '.',
    type: 'SOA',
    ttl: LOCAL_TTL,
    data: {
      mname: 'blocked.agentsh.invalid',
      rname: 'hostmaster.agentsh.invalid',
      serial: 1,
      refresh: 3600,
      retry: 600,
      expire: 86400,
      minimum: LOCAL_TTL,
    },
  };
}

/** NXDOMAIN with an SOA for negative caching and EDE 15 "Blocked". */
export function denyAnswer(input: LocalInput, ede: number = EDE.BLOCKED): LocalAnswer {
  const response = buildResponse(input.ctx, {
    rcode: RCODE.NXDOMAIN,
    authoritative: true,
    authorities: [soa(input.name)],
    ede,
  });
  return { response, mapping: undefined };
}

/** NOERROR with no answers (NODATA): the name exists but not with this type. */
export function noDataAnswer(input: LocalInput, ede?: number): LocalAnswer {
  const options = { rcode: RCODE.NOERROR, authoritative: true, authorities: [soa(input.name)] };
  return {
    response: buildResponse(input.ctx, ede === undefined ? options : { ...options, ede }),
    mapping: undefined,
  };
}

/**
 * Synthetic authoritative A or AAAA with the decision's address and TTL. Any other type, or the
 * other address family, gets NODATA (never NXDOMAIN, which would deny the A record as well).
 */
export function redirectAnswer(input: LocalInput, decision: Decision): LocalAnswer | null {
  const bytes = decision.address === undefined ? null : addressBytes(decision.address);
  if (bytes === null) return null;
  const address = bytes.length === 4 ? formatIPv4(bytes, 0) : formatIPv6(bytes, 0);
  const ttl = decision.ttl ?? LOCAL_TTL;
  const wanted = bytes.length === 4 ? RR.A : RR.AAAA;
  if (input.type !== wanted) return noDataAnswer(input);
  const answer: dnsPacket.Answer = {
    name: input.name || '.',
    type: wanted === RR.A ? 'A' : 'AAAA',
    ttl,
    data: address,
  };
  const response = buildResponse(input.ctx, { rcode: RCODE.NOERROR, authoritative: true, answers: [answer] });
  const mapping = {
    session: input.session,
    name: input.name,
    type: answer.type,
    names: [input.name],
    addresses: [{ address, ttl }],
  };
  return { response, mapping };
}

/** RFC 8482 minimal answer to ANY: one HINFO "RFC8482" record, nothing forwarded. */
export function anyAnswer(input: LocalInput): LocalAnswer {
  const answer: dnsPacket.Answer = {
    name: input.name || '.',
    type: 'HINFO',
    ttl: 3600,
    data: { cpu: 'RFC8482', os: '' },
  };
  return {
    response: buildResponse(input.ctx, { rcode: RCODE.NOERROR, answers: [answer] }),
    mapping: undefined,
  };
}
