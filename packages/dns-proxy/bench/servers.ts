import { type ChildProcess, spawn } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { createServer } from 'node:net';

/** A port free for both UDP and TCP on 127.0.0.1 right now. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const address = server.address();
  await new Promise<void>((r) => server.close(() => r()));
  return typeof address === 'object' && address !== null ? address.port : 0;
}

/** Resolves once something on 127.0.0.1:port answers a DNS query (3 s at most). */
export async function waitForDns(port: number): Promise<void> {
  const query = Buffer.from('abcd01000001000000000000047761697404746573740000010001', 'hex');
  for (let i = 0; i < 60; i++) {
    const ok = await new Promise<boolean>((resolve) => {
      const socket = createSocket('udp4');
      const timer = setTimeout(() => {
        socket.close();
        resolve(false);
      }, 50);
      socket.once('message', () => {
        clearTimeout(timer);
        socket.close();
        resolve(true);
      });
      socket.send(query, port, '127.0.0.1');
    });
    if (ok) return;
  }
  throw new Error(`nothing answers DNS on 127.0.0.1:${port}`);
}

/** dnsmasq in the foreground on a loopback port, no config file, no resolv.conf, no hosts. */
export async function startDnsmasq(port: number, args: string[]): Promise<ChildProcess> {
  const child = spawn(
    '/usr/sbin/dnsmasq',
    [
      '--keep-in-foreground',
      '--conf-file=/dev/null',
      '--pid-file',
      '--no-resolv',
      '--no-hosts',
      '--bind-interfaces',
      '--listen-address=127.0.0.1',
      `--port=${port}`,
      ...args,
    ],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
  await waitForDns(port);
  return child;
}

export interface PerfResult {
  qps: number;
  completed: number;
  lost: number;
  latencyMs: number;
}

/** Runs dnsperf (bounded by -l seconds and -n runs) against 127.0.0.1:port and parses its summary. */
export function dnsperf(
  port: number,
  file: string,
  options: { seconds: number; runs?: number },
): Promise<PerfResult> {
  const args = [
    '-s',
    '127.0.0.1',
    '-p',
    String(port),
    '-d',
    file,
    '-l',
    String(options.seconds),
    '-c',
    '4',
    '-q',
    '100',
    '-t',
    '2',
  ];
  if (options.runs !== undefined) args.push('-n', String(options.runs));
  return new Promise((resolve, reject) => {
    const child = spawn('/usr/bin/dnsperf', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
    });
    child.on('error', reject);
    child.on('close', () => {
      const num = (label: string): number =>
        Number(new RegExp(`${label}:\\s+([\\d.]+)`).exec(out)?.[1] ?? 'NaN');
      const result = {
        qps: num('Queries per second'),
        completed: num('Queries completed'),
        lost: num('Queries lost'),
        latencyMs: num('Average Latency \\(s\\)') * 1000,
      };
      if (Number.isNaN(result.qps)) reject(new Error(`dnsperf output not understood:\n${out}`));
      else resolve(result);
    });
  });
}

export function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}
