import type { ImageSpec } from '../image/spec';
import type { ProviderName } from '../suites/names';

/** How one command runs in a sandbox. */
export interface ExecOptions {
  /** Kill the command (its whole process group) after this long; default 30 s as in tests.py. */
  readonly timeoutMs?: number;
  readonly env?: Readonly<Record<string, string>>;
  readonly cwd?: string;
  readonly onStdout?: (chunk: string) => void;
  readonly onStderr?: (chunk: string) => void;
}

export interface ExecResult {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly timedOut: boolean;
  readonly durationMs: number;
}

/** A running sandbox. Commands are shell strings run as `bash -c CMD` inside it. */
export interface Sandbox {
  readonly provider: ProviderName;
  exec(cmd: string, options?: ExecOptions): Promise<ExecResult>;
  writeFile(path: string, content: string | Uint8Array, mode?: number): Promise<void>;
  terminate(): Promise<void>;
}

/** Creates sandboxes from an image spec. */
export interface Provider {
  readonly name: ProviderName;
  /** false only for `local`: every report then starts with `warning`. */
  readonly isolated: boolean;
  readonly warning: string | undefined;
  create(spec: ImageSpec): Promise<Sandbox>;
}

export const DEFAULT_EXEC_TIMEOUT_MS = 30_000;
