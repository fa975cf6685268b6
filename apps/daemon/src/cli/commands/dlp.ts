import { readFileSync } from 'node:fs';
import type { Readable } from 'node:stream';
import { createDlp, createStreamRedactor, type Dlp, parseDlpConfig } from '@agentsh/dlp';
import type { Command } from 'commander';
import { parseDocument } from 'yaml';

/** Streams of `agentsh dlp`; tests pass their own. */
export interface DlpCliIo {
  out: (chunk: string | Uint8Array) => void;
  err: (text: string) => void;
  stdin: () => Readable;
  exit: (code: number) => void;
}

const processIo: DlpCliIo = {
  out: (chunk) => process.stdout.write(chunk),
  err: (text) => process.stderr.write(text),
  stdin: () => process.stdin,
  exit: (code) => {
    process.exitCode = code;
  },
};

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** Reads the `dlp:` section of an agentsh server config (YAML); no file means the defaults. */
export function loadDlpFromConfig(file: string | undefined): Dlp {
  let section: unknown;
  if (file !== undefined) {
    const doc = parseDocument(readFileSync(file, 'utf8'));
    const first = doc.errors[0];
    if (first !== undefined) {
      // Only the first line of the message: the rest quotes the file, which may hold secrets.
      throw new Error(`${file}: invalid YAML: ${first.message.split('\n')[0]}`);
    }
    const root: unknown = doc.toJS();
    section = root !== null && typeof root === 'object' ? (root as Record<string, unknown>).dlp : undefined;
  }
  const parsed = parseDlpConfig(section);
  if (!parsed.ok) throw new Error(`${file ?? 'config'}: ${parsed.issues.join('; ')}`);
  return createDlp(parsed.config);
}

function toBytes(chunk: unknown): Uint8Array {
  return typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Uint8Array);
}

/** `dlp redact`: stdin to stdout through the streaming redactor (bounded memory). */
export async function runRedact(opts: { config?: string }, io: DlpCliIo): Promise<number> {
  const dlp = loadDlpFromConfig(opts.config);
  const redactor = createStreamRedactor({ mode: dlp.mode, scanner: dlp.scanner });
  for await (const chunk of io.stdin()) {
    const out = redactor.write(toBytes(chunk));
    if (out.length > 0) io.out(out);
  }
  const tail = redactor.end();
  if (tail.length > 0) io.out(tail);
  return 0;
}

/** `dlp scan`: findings for all of stdin; `--json` prints one JSON object per line, nothing else. */
export async function runScan(opts: { config?: string; json?: boolean }, io: DlpCliIo): Promise<number> {
  const dlp = loadDlpFromConfig(opts.config);
  const chunks: Uint8Array[] = [];
  for await (const chunk of io.stdin()) chunks.push(toBytes(chunk));
  const text = Buffer.concat(chunks).toString('utf8');
  for (const f of dlp.scanner.scan(text)) {
    io.out(
      opts.json
        ? `${JSON.stringify({ rule: f.ruleId, start: f.start, end: f.end, fingerprint: f.fingerprint })}\n`
        : `${f.start}-${f.end}\t${f.ruleId}\t${f.display}\t${f.fingerprint}\n`,
    );
  }
  return 0;
}

function action<T>(verb: string, io: DlpCliIo, run: (opts: T) => Promise<number>) {
  return async (opts: T): Promise<void> => {
    try {
      io.exit(await run(opts));
    } catch (err) {
      io.err(`dlp ${verb}: ${message(err)}\n`);
      io.exit(1);
    }
  };
}

/** `agentsh dlp redact|scan`: secret and PII redaction of stdin, configured like agentsh's server. */
export function registerDlpCommand(program: Command, io: DlpCliIo = processIo): void {
  const dlp = program.command('dlp').description('detect and redact secrets and personal data (reads stdin)');
  dlp
    .command('redact')
    .description('copy stdin to stdout with secrets replaced ([REDACTED:<type>] or TOK_ tokens)')
    .option('--config <file>', 'agentsh server config whose dlp: section to use')
    .action(action<{ config?: string }>('redact', io, (opts) => runRedact(opts, io)));
  dlp
    .command('scan')
    .description('list findings in stdin: rule, start, end, fingerprint (never the value)')
    .option('--config <file>', 'agentsh server config whose dlp: section to use')
    .option('--json', 'one JSON object per line: {rule,start,end,fingerprint}')
    .action(action<{ config?: string; json?: boolean }>('scan', io, (opts) => runScan(opts, io)));
}
