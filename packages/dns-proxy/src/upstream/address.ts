import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { DnsProxyError } from '../errors';
import { addressBytes, formatIPv6 } from '../wire/ip';

/** One upstream resolver. `key` is the canonical host:port text used in events and cache keys. */
export interface Upstream {
  host: string;
  port: number;
  family: 4 | 6;
  key: string;
}

/** Parses "1.2.3.4", "1.2.3.4:53", "[::1]:5353" or "::1"; throws DNS_CONFIG on anything else. */
export function parseUpstream(text: string, where = 'upstream'): Upstream {
  const trimmed = text.trim();
  const { host, portText } = splitHostPort(trimmed);
  const family = isIP(host);
  if (family !== 4 && family !== 6) {
    throw new DnsProxyError('DNS_CONFIG', `${where}: "${trimmed}" is not an IP address with optional :port`, {
      hint: 'upstreams are IP literals such as 127.0.0.1:53 or [::1]:53; names are not resolved',
    });
  }
  const port = portText === undefined ? 53 : Number(portText);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new DnsProxyError('DNS_CONFIG', `${where}: port of "${trimmed}" is not in 1-65535`);
  }
  const canonical = family === 6 ? formatIPv6(addressBytes(host) as Buffer, 0) : host;
  const key = family === 6 ? `[${canonical}]:${port}` : `${canonical}:${port}`;
  return { host: canonical, port, family, key };
}

function splitHostPort(text: string): { host: string; portText: string | undefined } {
  if (text.startsWith('[')) {
    const close = text.indexOf(']');
    const rest = text.slice(close + 1);
    const portText = rest.startsWith(':') ? rest.slice(1) : rest === '' ? undefined : 'invalid';
    return { host: close < 0 ? '' : text.slice(1, close), portText };
  }
  const colons = text.split(':').length - 1;
  if (colons === 1) {
    const [host = '', portText] = text.split(':');
    return { host, portText };
  }
  return { host: text, portText: undefined };
}

/** The nameserver lines of a resolv.conf text, as port-53 upstreams (invalid lines are skipped). */
export function parseResolvConf(text: string): Upstream[] {
  const upstreams: Upstream[] = [];
  for (const line of text.split('\n')) {
    const fields = line.trim().split(/\s+/);
    if (fields[0] !== 'nameserver' || fields[1] === undefined) continue;
    const host = fields[1].split('%')[0] ?? '';
    if (isIP(host) === 0) continue;
    upstreams.push(parseUpstream(isIP(host) === 6 ? `[${host}]:53` : `${host}:53`));
  }
  return upstreams;
}

/** Reads resolv.conf (default /etc/resolv.conf) for default upstreams; throws DNS_CONFIG when none. */
export function loadResolvConf(path = '/etc/resolv.conf'): Upstream[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (cause) {
    throw new DnsProxyError('DNS_CONFIG', `cannot read ${path} for default upstreams`, { cause });
  }
  const upstreams = parseResolvConf(text);
  if (upstreams.length === 0) {
    throw new DnsProxyError('DNS_CONFIG', `${path} names no usable nameserver`, {
      hint: 'set the upstreams explicitly (sandbox.network.dns_upstream)',
    });
  }
  return upstreams;
}
