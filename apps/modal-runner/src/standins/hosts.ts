/** The offline "internet" inside the sandbox: names the stand-in DNS server answers, each on its own loopback address. */
export interface StandinHost {
  readonly name: string;
  readonly address: string;
  /** Also answer every name below this one (`*.evil.com`). */
  readonly wildcard?: boolean;
}

export const STANDIN_DNS_ADDRESS = '127.77.0.53';
export const STANDIN_DNS_PORT = 53;
/** The loopback block the stand-ins live in; aliased on lo inside the sandbox. */
export const STANDIN_NET = '127.77.0.1/16';

/**
 * Allowed and denied names alike resolve upstream, so a "blocked" result proves agentsh blocked it, not that the
 * name was missing. Deliberately absent: metadata.google.internal, metadata.goog, redirectme.example.com
 * (agentsh must redirect it itself) and every private or link-local address.
 */
export const STANDIN_HOSTS: readonly StandinHost[] = [
  { name: 'github.com', address: '127.77.1.1' },
  { name: 'api.github.com', address: '127.77.1.2' },
  { name: 'raw.githubusercontent.com', address: '127.77.1.3' },
  { name: 'pypi.org', address: '127.77.1.4' },
  { name: 'files.pythonhosted.org', address: '127.77.1.5' },
  { name: 'registry.npmjs.org', address: '127.77.1.6' },
  { name: 'httpbin.org', address: '127.77.1.7' },
  { name: 'evil.com', address: '127.77.2.1', wildcard: true },
];

function matches(host: StandinHost, qname: string): boolean {
  if (qname === host.name) return true;
  return host.wildcard === true && qname.endsWith(`.${host.name}`);
}

/** The stand-in address for a name, or undefined (the DNS server answers NXDOMAIN). */
export function lookupStandin(
  name: string,
  hosts: readonly StandinHost[] = STANDIN_HOSTS,
): string | undefined {
  const qname = name.toLowerCase().replace(/\.$/, '');
  return hosts.find((host) => matches(host, qname))?.address;
}

/** Subject alternative names for the stand-in TLS certificate. */
export function standinAltNames(hosts: readonly StandinHost[] = STANDIN_HOSTS): string[] {
  return hosts.flatMap((h) => (h.wildcard ? [`DNS:${h.name}`, `DNS:*.${h.name}`] : [`DNS:${h.name}`]));
}
