import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { RunnerError } from '../errors';
import { type AgentMessage, parseAgentMessage } from './agent-protocol';
import { DEFAULT_EXEC_TIMEOUT_MS, type ExecOptions, type ExecResult } from './types';

interface Pending {
  readonly options: ExecOptions;
  readonly started: number;
  stdout: string;
  stderr: string;
  readonly resolve: (value: ExecResult) => void;
  readonly reject: (err: RunnerError) => void;
  readonly timer: NodeJS.Timeout;
}

/** Grace the host allows past the agent's own timeout before it gives up on an answer. */
const HOST_GRACE_MS = 10_000;

/** Host side of assets/sandbox-agent.mjs: JSON lines over the agent's stdin and stdout. */
export class AgentClient {
  readonly #input: Writable;
  readonly #pending = new Map<number, Pending>();
  #nextId = 1;
  #closed: string | undefined;
  readonly ready: Promise<void>;

  constructor(input: Writable, output: Readable) {
    this.#input = input;
    let onReady: () => void = () => {};
    this.ready = new Promise((resolve) => {
      onReady = resolve;
    });
    createInterface({ input: output }).on('line', (line) => {
      const msg = parseAgentMessage(line);
      if (msg?.t === 'ready') onReady();
      else if (msg) this.#dispatch(msg);
    });
  }

  exec(cmd: string, options: ExecOptions = {}): Promise<ExecResult> {
    const timeoutMs = options.timeoutMs ?? DEFAULT_EXEC_TIMEOUT_MS;
    return this.#request({ op: 'exec', cmd, timeoutMs, env: options.env ?? {}, cwd: options.cwd }, options);
  }

  async write(path: string, data: Uint8Array, mode?: number): Promise<void> {
    const d = Buffer.from(data).toString('base64');
    await this.#request({ op: 'write', path, d, mode }, { timeoutMs: DEFAULT_EXEC_TIMEOUT_MS });
  }

  /** Sets environment variables for every later exec. */
  async setEnv(env: Readonly<Record<string, string>>): Promise<void> {
    await this.#request({ op: 'setenv', env }, { timeoutMs: DEFAULT_EXEC_TIMEOUT_MS });
  }

  /** Fails every pending request (the agent or its sandbox went away). */
  close(reason: string): void {
    this.#closed = reason;
    for (const [id, p] of this.#pending)
      this.#settle(id, p, new RunnerError('RUNNER_SANDBOX_FAILED', reason));
  }

  #request(body: Record<string, unknown>, options: ExecOptions): Promise<ExecResult> {
    if (this.#closed) return Promise.reject(new RunnerError('RUNNER_SANDBOX_FAILED', this.#closed));
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      const wait = (options.timeoutMs ?? DEFAULT_EXEC_TIMEOUT_MS) + HOST_GRACE_MS;
      const timer = setTimeout(() => {
        const p = this.#pending.get(id);
        const msg = `sandbox agent gave no answer to request ${id} (${String(body.op)}) within ${wait} ms`;
        if (p) this.#settle(id, p, new RunnerError('RUNNER_AGENT_PROTOCOL', msg));
      }, wait);
      this.#pending.set(id, { options, started: Date.now(), stdout: '', stderr: '', resolve, reject, timer });
      this.#input.write(`${JSON.stringify({ id, ...body })}\n`);
    });
  }

  #dispatch(msg: AgentMessage): void {
    const p = msg.id === undefined ? undefined : this.#pending.get(msg.id);
    if (!p || msg.id === undefined) return;
    if (msg.t === 'out' || msg.t === 'err') {
      this.#output(p, msg.t, Buffer.from(msg.d ?? '', 'base64').toString('utf8'));
    } else if (msg.t === 'fail') {
      this.#settle(msg.id, p, new RunnerError('RUNNER_WRITE_FAILED', msg.message ?? 'write failed'));
    } else {
      const exitCode = msg.t === 'exit' ? (msg.code ?? 1) : 0;
      const result = { exitCode, stdout: p.stdout, stderr: p.stderr, timedOut: msg.timedOut === true };
      this.#settle(msg.id, p, { ...result, durationMs: Date.now() - p.started });
    }
  }

  #output(p: Pending, stream: 'out' | 'err', text: string): void {
    if (stream === 'out') {
      p.stdout += text;
      p.options.onStdout?.(text);
    } else {
      p.stderr += text;
      p.options.onStderr?.(text);
    }
  }

  #settle(id: number, p: Pending, outcome: ExecResult | RunnerError): void {
    clearTimeout(p.timer);
    this.#pending.delete(id);
    if (outcome instanceof RunnerError) p.reject(outcome);
    else p.resolve(outcome);
  }
}
