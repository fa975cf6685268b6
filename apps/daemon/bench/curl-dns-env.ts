// The curl benchmark's stand-in internet: loopback only, a DNS server on 127.0.0.1:53 answering
// github.com -> 127.0.0.2 (AAAA: none), an HTTP server on 127.0.0.2:443, /etc/resolv.conf bind-mounted to
// point at 127.0.0.1. Natively the DNS server is dnsmasq (in the bench's own network namespace); under
// gVisor (AGENTSH_BENCH_WHERE=gvisor, inside `runsc --network=none do`), where dnsmasq cannot open its
// netlink socket, it is the dns-proxy package's authoritative test server in this process.
import { execFileSync, spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { startFakeUpstream } from '../../../packages/dns-proxy/test/fake-upstream';

export const inGvisor = process.env.AGENTSH_BENCH_WHERE === 'gvisor';

async function dnsServer(): Promise<() => void> {
  if (inGvisor) {
    const zone = {
      'github.com/A': [{ name: 'github.com', type: 'A' as const, ttl: 300, data: '127.0.0.2' }],
      'github.com/AAAA': [],
    };
    const upstream = await startFakeUpstream({ zone, port: 53 });
    return () => void upstream.close();
  }
  const dnsmasq = spawn(
    'dnsmasq',
    [
      '--keep-in-foreground',
      '--port=53',
      '--listen-address=127.0.0.1',
      '--bind-interfaces',
      '--no-resolv',
      '--no-hosts',
      '--address=/github.com/127.0.0.2',
    ],
    { stdio: 'ignore' },
  );
  return () => dnsmasq.kill();
}

/** Sets the environment up in dir; returns what tears it down. */
export async function setUp(dir: string): Promise<() => void> {
  execFileSync('ip', ['link', 'set', 'lo', 'up']);
  writeFileSync(join(dir, 'resolv.conf'), 'nameserver 127.0.0.1\n');
  execFileSync('mount', ['--bind', join(dir, 'resolv.conf'), '/etc/resolv.conf']);
  const stopDns = await dnsServer();
  const server = createServer((_req, res) => res.end('ok\n'));
  await new Promise<void>((resolve) => server.listen(443, '127.0.0.2', resolve));
  await new Promise((r) => setTimeout(r, 300));
  return () => {
    stopDns();
    server.close();
  };
}
