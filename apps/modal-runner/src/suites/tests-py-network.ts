import type { Check } from './check';
import { execCheck as exec, py } from './check';

const ok = { kind: 'success' } as const;
const blocked = { kind: 'blocked' } as const;
const resolve = (host: string, port: number, print: string): string =>
  py(`import socket; r=socket.getaddrinfo('${host}',${port},socket.AF_INET); ${print}`);

// tests.py v0.16.1's network checks: DNS allow and deny, metadata, DNS redirect, CIDR.

export const DNS_ALLOW: Check[] = ['github.com', 'pypi.org', 'api.github.com'].map((host) =>
  exec('DNS allow', `curl ${host}`, `curl -sI --connect-timeout 10 https://${host} 2>&1 | head -1`, ok),
);
DNS_ALLOW.push(
  exec(
    'DNS allow',
    'Python DNS resolve github.com',
    resolve('github.com', 443, "print(f'Resolved: {r[0][4][0]}')"),
    ok,
  ),
);

export const DNS_DENY: Check[] = [
  exec('DNS deny', 'curl evil.com', 'curl -s --connect-timeout 10 https://evil.com', blocked),
  exec(
    'DNS deny',
    'Python DNS resolve evil.com',
    py("import socket; socket.getaddrinfo('evil.com',443,socket.AF_INET)"),
    blocked,
  ),
  exec(
    'DNS deny',
    'curl sub.evil.com (wildcard)',
    'curl -s --connect-timeout 10 https://sub.evil.com',
    blocked,
  ),
];

export const METADATA: Check[] = [
  exec(
    'Metadata',
    'curl 169.254.169.254',
    'curl -s --connect-timeout 5 http://169.254.169.254/latest/meta-data/',
    blocked,
  ),
  exec(
    'Metadata',
    'curl metadata.google.internal',
    "curl -s --connect-timeout 5 -H 'Metadata-Flavor: Google' http://metadata.google.internal/",
    blocked,
  ),
];

export const REDIRECT: Check[] = [
  exec(
    'DNS redirect',
    'Resolve redirectme.example.com -> 127.0.0.1',
    resolve('redirectme.example.com', 80, "ip=r[0][4][0]; print(f'Resolved to: {ip}')"),
    ok,
  ),
];

export const CIDR: Check[] = [
  exec('CIDR', 'Connect to 10.0.0.1', 'curl -s --connect-timeout 5 http://10.0.0.1/', blocked),
  exec('CIDR', 'Connect to 192.168.1.1', 'curl -s --connect-timeout 5 http://192.168.1.1/', blocked),
];
