import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { RunnerError } from '../errors';
import type { ProviderName } from '../suites/names';
import { AgentClient } from './agent-client';
import type { ExecOptions, ExecResult, Sandbox } from './types';

export interface AgentSandboxOptions {
  readonly provider: ProviderName;
  /** argv that starts the agent: `runsc --network=none do node agent.mjs`, or just `node agent.mjs`. */
  readonly argv: readonly string[];
  readonly env: Readonly<Record<string, string>>;
  readonly startTimeoutMs?: number;
}

const STOP_GRACE_MS = 5_000;

/** A sandbox driven through the JSON-lines agent; one agent process (one runsc sandbox) per run. */
export class AgentSandbox implements Sandbox {
  readonly provider: ProviderName;
  readonly #child: ChildProcessWithoutNullStreams;
  readonly #client: AgentClient;
  readonly #exited: Promise<void>;
  #stderrTail = '';

  private constructor(options: AgentSandboxOptions) {
    this.provider = options.provider;
    const [command, ...args] = options.argv;
    this.#child = spawn(command ?? 'node', args, { env: { ...options.env }, stdio: 'pipe' });
    this.#client = new AgentClient(this.#child.stdin, this.#child.stdout);
    this.#child.stderr.on('data', (d: Buffer) => {
      this.#stderrTail = (this.#stderrTail + d.toString()).slice(-2000);
    });
    this.#exited = new Promise((resolve) => {
      const gone = (why: string) => {
        this.#client.close(`${this.provider} sandbox ended (${why}); stderr: ${this.#stderrTail.trim()}`);
        resolve();
      };
      this.#child.on('exit', (code, signal) => gone(`exit ${code ?? signal}`));
      this.#child.on('error', (err) => gone(err.message));
    });
  }

  /** Starts the agent and waits for its ready line. */
  static async start(options: AgentSandboxOptions): Promise<AgentSandbox> {
    const sandbox = new AgentSandbox(options);
    const limit = options.startTimeoutMs ?? 30_000;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), limit);
    });
    const outcome = await Promise.race([
      sandbox.#client.ready,
      sandbox.#exited.then(() => 'exited'),
      timeout,
    ]);
    clearTimeout(timer);
    if (outcome !== undefined) {
      await sandbox.terminate();
      const detail = sandbox.#stderrTail.trim() || 'no output';
      const msg = `${options.provider} sandbox did not start (${outcome}) running ${options.argv.join(' ')}: ${detail}`;
      throw new RunnerError('RUNNER_SANDBOX_FAILED', msg);
    }
    return sandbox;
  }

  exec(cmd: string, options?: ExecOptions): Promise<ExecResult> {
    return this.#client.exec(cmd, options);
  }

  async writeFile(path: string, content: string | Uint8Array, mode?: number): Promise<void> {
    const data = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
    await this.#client.write(path, data, mode);
  }

  /** Environment for every later command (e.g. LD_PRELOAD of the statx shim). */
  setEnv(env: Readonly<Record<string, string>>): Promise<void> {
    return this.#client.setEnv(env);
  }

  /** Closes the agent's stdin (the agent exits and the sandbox with it); kills it if it lingers. */
  async terminate(): Promise<void> {
    if (this.#child.exitCode !== null || this.#child.signalCode !== null) return;
    this.#child.stdin.end();
    const timer = setTimeout(() => this.#child.kill('SIGKILL'), STOP_GRACE_MS);
    await this.#exited;
    clearTimeout(timer);
  }
}
