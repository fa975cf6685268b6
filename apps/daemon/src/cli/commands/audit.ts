import type { Writable } from 'node:stream';
import { openAuditReader, readIntegrityKey, type VerifyResult } from '@agentsh/audit';
import type { Command } from 'commander';

/** Environment variable holding the integrity key when neither --key-env nor --key-file is given. */
export const DEFAULT_KEY_ENV = 'AGENTSH_AUDIT_KEY';

/** Where the audit verbs (audit verify, events query|export) write; tests pass their own. */
export interface AuditCliIo {
  out: (text: string) => void;
  err: (text: string) => void;
  /** The stream `events export` writes to when no --output is given. */
  stdout: Writable;
}

export const auditProcessIo: AuditCliIo = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  stdout: process.stdout,
};

/** Runs an action, turning a thrown error into "agentsh: message" on stderr and exit code 1. */
export function reporting(io: AuditCliIo, action: () => Promise<void> | void): Promise<void> {
  return Promise.resolve()
    .then(action)
    .catch((err: unknown) => {
      io.err(`agentsh: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exitCode = 1;
    });
}

interface VerifyOpts {
  db?: string;
  keyEnv?: string;
  keyFile?: string;
}

/** The key from --key-file, --key-env or AGENTSH_AUDIT_KEY; never printed. */
export function loadKey(opts: VerifyOpts, env: NodeJS.ProcessEnv): Buffer {
  if (opts.keyFile !== undefined && opts.keyEnv === undefined)
    return readIntegrityKey({ file: opts.keyFile }, env);
  if (opts.keyFile !== undefined) throw new Error('give --key-env or --key-file, not both');
  return readIntegrityKey({ env: opts.keyEnv ?? DEFAULT_KEY_ENV }, env);
}

/** The report line(s) for a verification result. */
export function formatVerify(result: VerifyResult): string {
  if (result.ok) {
    const legacy = result.unchained > 0 ? `; ${result.unchained} older events predate the chain` : '';
    return `ok: ${result.checked} events verified${legacy}\n`;
  }
  const where =
    result.eventId !== undefined
      ? `event ${result.eventId} (seq ${result.seq})`
      : result.seq !== undefined
        ? `seq ${result.seq}`
        : 'chain';
  return `FAIL: ${where}: ${result.problem}: ${result.message}\n`;
}

/** `agentsh audit verify --db FILE [--key-env NAME | --key-file F]`: exit 0 intact, 1 with the first bad event. */
export function registerAuditCommand(
  program: Command,
  io: AuditCliIo = auditProcessIo,
  env: NodeJS.ProcessEnv = process.env,
): void {
  const audit = program.command('audit').description('audit log integrity');
  audit
    .command('verify')
    .description(
      'check the HMAC chain of an events.db; reports the first altered, removed, inserted or reordered event',
    )
    .argument('[file]', 'events.db (same as --db)')
    .option('--db <file>', 'events.db to verify (opened read-only)')
    .option('--key-env <name>', `environment variable holding the key (default ${DEFAULT_KEY_ENV})`)
    .option('--key-file <file>', 'file holding the key')
    .action((file: string | undefined, opts: VerifyOpts) =>
      reporting(io, () => {
        const path = opts.db ?? file;
        if (path === undefined) throw new Error('--db FILE is required');
        const key = loadKey(opts, env);
        const reader = openAuditReader({ path });
        try {
          const result = reader.verify(key);
          (result.ok ? io.out : io.err)(formatVerify(result));
          if (!result.ok) process.exitCode = 1;
        } finally {
          reader.close();
        }
      }),
    );
}
