import { readFileSync } from 'node:fs';
import { AuditError } from './errors';

/** Where the integrity key comes from (agentsh's audit.integrity key_file / key_env). */
export interface KeySource {
  /** A file holding the key; one trailing newline (LF or CRLF) is dropped. */
  readonly file?: string;
  /** An environment variable holding the key (UTF-8). */
  readonly env?: string;
}

/**
 * Reads the key bytes from a file or an environment variable. Errors name the file or the variable,
 * never the value.
 */
export function readIntegrityKey(
  source: KeySource,
  env: Readonly<Record<string, string | undefined>>,
): Buffer {
  if (source.file !== undefined && source.env !== undefined) {
    throw new AuditError(
      'AUDIT_INPUT',
      'integrity key: give a key file or an environment variable, not both',
    );
  }
  if (source.file !== undefined) return readKeyFile(source.file);
  if (source.env === undefined)
    throw new AuditError('AUDIT_INPUT', 'integrity key: no key file or variable given');
  const value = env[source.env];
  if (value === undefined || value.length === 0) {
    throw new AuditError('AUDIT_INPUT', `integrity key: environment variable ${source.env} is not set`);
  }
  return Buffer.from(value, 'utf8');
}

function readKeyFile(file: string): Buffer {
  let raw: Buffer;
  try {
    raw = readFileSync(file);
  } catch (cause) {
    throw new AuditError('AUDIT_INPUT', `integrity key: cannot read key file ${file}`, { cause });
  }
  let end = raw.length;
  if (raw[end - 1] === 0x0a) end--;
  if (end > 0 && raw[end - 1] === 0x0d && end === raw.length - 1) end--;
  return raw.subarray(0, end);
}
