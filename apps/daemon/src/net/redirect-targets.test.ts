import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import type { PolicyTable } from '@agentsh/tracer';
import { afterAll, describe, expect, it } from 'vitest';
import { createRedirectTargets, type ResolveHost } from './redirect-targets';
import { dnsResolveHost } from './resolve-host';

function tableWith(...targets: string[]): PolicyTable {
  return {
    format: 1,
    name: 't',
    stop: { exec: true, file: true, readOnlyOpen: false, network: true, unixSocket: false, signal: true },
    file: [],
    command: [],
    network: [],
    unixSocket: [],
    signal: [],
    dnsRedirects: [],
    connectRedirects: targets.map((redirectTo, i) => ({ name: `r${i}`, pattern: `^x${i}:1$`, redirectTo })),
  } as PolicyTable;
}

describe('connect_redirects to host names', () => {
  it('replaces named targets by an address (A first, IPv6 bracketed) and keeps IP targets', async () => {
    const zone: Record<string, string> = { 'proxy.internal': '10.1.2.3', 'v6only.internal': 'fd00::7' };
    const rt = createRedirectTargets({
      resolve: async (h) => (zone[h] ? { address: zone[h], ttl: 60 } : undefined),
    });
    const t = tableWith('proxy.internal:3128', '127.0.0.4:8080', 'v6only.internal:443');
    const out = await rt.prepare(t);
    expect(out.connectRedirects.map((c) => c.redirectTo)).toEqual([
      '10.1.2.3:3128',
      '127.0.0.4:8080',
      '[fd00::7]:443',
    ]);
    expect(await rt.prepare(t)).toBe(out); // same answers: the same object (the tracer caches its encoding)
    expect(await rt.prepare(tableWith('127.0.0.1:1'))).toEqual(tableWith('127.0.0.1:1'));
  });

  it('caches for the TTL (at least 30 s), then asks again; keeps a stale answer over none', async () => {
    let clock = 0;
    let calls = 0;
    let answer: string | undefined = '10.0.0.1';
    const resolve: ResolveHost = async () => {
      calls++;
      return answer ? { address: answer, ttl: 5 } : undefined;
    };
    const unresolved: string[] = [];
    const rt = createRedirectTargets({ resolve, now: () => clock, onUnresolved: (h) => unresolved.push(h) });
    const t = tableWith('p.internal:80');
    await rt.prepare(t);
    clock = 29_000;
    await rt.prepare(t);
    expect(calls).toBe(1);
    clock = 31_000;
    answer = '10.0.0.2';
    expect((await rt.prepare(t)).connectRedirects[0]?.redirectTo).toBe('10.0.0.2:80');
    expect(calls).toBe(2);
    clock = 70_000;
    answer = undefined;
    expect((await rt.prepare(t)).connectRedirects[0]?.redirectTo).toBe('10.0.0.2:80');
    expect(unresolved).toEqual(['p.internal']);
  });

  it('leaves a name that never resolved as it is (the tracer refuses such a redirect)', async () => {
    const rt = createRedirectTargets({ resolve: async () => undefined });
    const out = await rt.prepare(tableWith('nowhere.internal:80'));
    expect(out.connectRedirects[0]?.redirectTo).toBe('nowhere.internal:80');
  });
});

// dnsResolveHost against a loopback dnsmasq (never the machine's resolver)
let dnsmasqPath = '';
try {
  dnsmasqPath = execFileSync('sh', ['-c', 'command -v dnsmasq'], { encoding: 'utf8' }).trim();
} catch {}
const PORT = 40000 + (process.pid % 20000);
let dnsmasq: ChildProcess | undefined;
afterAll(() => dnsmasq?.kill());

describe.skipIf(!dnsmasqPath)(`dnsResolveHost${dnsmasqPath ? '' : ' [skipped: no dnsmasq]'}`, () => {
  it('resolves through the given upstream', async () => {
    dnsmasq = spawn(
      dnsmasqPath,
      [
        '--keep-in-foreground',
        `--port=${PORT}`,
        '--listen-address=127.0.0.1',
        '--bind-interfaces',
        '--no-resolv',
        '--no-hosts',
        '--address=/proxy.test/127.0.0.9',
      ],
      { stdio: 'ignore' },
    );
    await new Promise((r) => setTimeout(r, 300));
    const resolve = dnsResolveHost([`127.0.0.1:${PORT}`]);
    expect((await resolve('proxy.test'))?.address).toBe('127.0.0.9');
  });
});
