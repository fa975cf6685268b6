/** A policy verdict as the daemon reports it (agentsh's Event.policy shape). */
export interface PolicyVerdict {
  decision: string;
  effective_decision: string;
  rule: string;
  message?: string;
  redirect?: { command: string; args: string[] };
}

/** One operation the tracer observed for a command, as listed in the exec response. */
export interface OperationEvent {
  type: string;
  timestamp: string;
  pid?: number;
  path?: string;
  domain?: string;
  remote?: string;
  operation?: string;
  policy?: PolicyVerdict;
  fields?: Record<string, unknown>;
}

export interface RunRequest {
  sessionId: string;
  commandId: string;
  command: string;
  args: string[];
  argv0?: string;
  env: Record<string, string>;
  cwd: string;
  stdin?: string;
  timeoutMs: number;
  onStdout: (chunk: Buffer) => void;
  onStderr: (chunk: Buffer) => void;
  onEvent: (event: OperationEvent) => void;
}

export interface RunResult {
  exitCode: number;
  signal?: string;
  timedOut: boolean;
  cpuUserMs: number;
  cpuSystemMs: number;
  memoryPeakKb: number;
}

/**
 * Runs one command for a session. The real one runs it under the tracer with the session's policy
 * table and DNS proxy; it throws DaemonError('DAEMON_UNAVAILABLE') when it cannot enforce.
 */
export interface CommandRunner {
  readonly available: () => { ok: boolean; reason?: string };
  run(request: RunRequest): Promise<RunResult>;
  kill(commandId: string, signal: NodeJS.Signals): boolean;
  /** Kills every running command (daemon shutdown); returns how many. */
  killAll(): number;
}

/** A streaming redactor for one output stream (DLP). */
export interface OutputRedactor {
  push(chunk: Buffer): string;
  end(): string;
}
