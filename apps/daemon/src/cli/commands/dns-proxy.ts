import { createWriteStream, type WriteStream } from 'node:fs';
import { isIP } from 'node:net';
import { createDnsProxy, type DnsEvent, type DnsProxy, type ListenAddress } from '@agentsh/dns-proxy';
import { createEngine, loadPolicy } from '@agentsh/policy';
import type { Command } from 'commander';
import { decideFromEngine } from '../../dns/decide';

/** Where `agentsh dns-proxy` writes and whether it waits for signals; tests pass their own. */
export interface DnsProxyCliIo {
  out: (text: string) => void;
  err: (text: string) => void;
  /** Called once the proxy listens (tests keep the handle to query and stop it). */
  started?: (handle: DnsProxyCliHandle) => void;
  /** Install SIGINT/SIGTERM handlers that close the proxy (default true). */
  handleSignals?: boolean;
}

export interface DnsProxyCliHandle {
  proxy: DnsProxy;
  addresses: readonly ListenAddress[];
  close(): Promise<void>;
}

interface DnsProxyCliOptions {
  policy: string;
  listen?: string[];
  upstream?: string[];
  events?: string;
  session: string;
}

const processIo: DnsProxyCliIo = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
};

/** "127.0.0.1:5353", "[::1]:0"; port 0 lets the system choose. */
export function parseListen(text: string): { host: string; port: number } {
  const m = /^\[([^\]]+)\]:(\d+)$/.exec(text) ?? /^([^:]+):(\d+)$/.exec(text);
  const port = Number(m?.[2]);
  if (!m || isIP(m[1] ?? '') === 0 || !Number.isInteger(port) || port > 65535) {
    throw new Error(`--listen ${text}: expected IP:PORT such as 127.0.0.1:5353 or [::1]:5353`);
  }
  return { host: m[1] as string, port };
}

/** Loads the policy, starts the proxy and wires its events to a JSONL file (or stdout). */
export async function startDnsProxyCli(
  opts: DnsProxyCliOptions,
  io: DnsProxyCliIo,
): Promise<DnsProxyCliHandle> {
  const policy = loadPolicy(opts.policy);
  const engine = createEngine(policy, {
    variables: { vars: { PROJECT_ROOT: process.cwd() }, env: process.env },
  });
  const sink: WriteStream | undefined = opts.events
    ? createWriteStream(opts.events, { flags: 'a' })
    : undefined;
  const onEvent = (event: DnsEvent): void => {
    const line = `${JSON.stringify({ timestamp: new Date().toISOString(), source: 'dns-proxy', ...event })}\n`;
    if (sink) sink.write(line);
    else io.out(line);
  };
  const proxy = createDnsProxy({
    session: opts.session,
    decide: decideFromEngine(engine),
    ...(opts.upstream ? { upstreams: opts.upstream } : {}),
    listen: (opts.listen ?? ['127.0.0.1:5353']).map(parseListen),
    onEvent,
  });
  const addresses = await proxy.listen();
  const close = async (): Promise<void> => {
    await proxy.close();
    if (sink) await new Promise<void>((resolve) => sink.end(() => resolve()));
  };
  return { proxy, addresses, close };
}

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

export function registerDnsProxyCommand(program: Command, io: DnsProxyCliIo = processIo): void {
  program
    .command('dns-proxy')
    .description(
      'run the filtering DNS proxy standalone with a policy (dns_redirects, network rules on port 443)',
    )
    .requiredOption('--policy <file>', 'policy YAML file')
    .option(
      '--listen <ip:port>',
      'listen address for UDP and TCP, repeatable (default 127.0.0.1:5353)',
      collect,
    )
    .option(
      '--upstream <ip:port>',
      'upstream resolver, repeatable (default: nameservers in /etc/resolv.conf)',
      collect,
    )
    .option('--events <file.jsonl>', 'append one JSON line per answered query (default: stdout)')
    .option('--session <id>', 'session id carried in events', 'standalone')
    .action(async (opts: DnsProxyCliOptions) => {
      try {
        const handle = await startDnsProxyCli(opts, io);
        const where = handle.addresses.map((a) =>
          a.host.includes(':') ? `[${a.host}]:${a.port}` : `${a.host}:${a.port}`,
        );
        io.err(
          `dns-proxy listening on ${where.join(', ')} (udp+tcp), upstreams ${handle.proxy.upstreams.map((u) => u.key).join(', ')}\n`,
        );
        io.started?.(handle);
        if (io.handleSignals !== false) {
          const stop = (): void => void handle.close().then(() => process.exit(0));
          process.once('SIGINT', stop);
          process.once('SIGTERM', stop);
        }
      } catch (error) {
        io.err(`dns-proxy: ${error instanceof Error ? error.message : String(error)}\n`);
        process.exitCode = 1;
      }
    });
}
