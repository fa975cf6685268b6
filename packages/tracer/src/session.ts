import type { ChildProcess } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';
import { AsyncQueue } from './async-queue';
import { TracerError } from './errors';
import { type ApprovalRequest, type TraceEvent, toTraceEvent } from './events';
import { type ExitInfo, toExitInfo } from './exit-info';
import { FRAME_ANSWER, FRAME_KILL, FRAME_NAMES, FRAME_TABLE, frame, splitLines, u32s } from './frames';

export type ApprovalHandler = (request: ApprovalRequest) => boolean | Promise<boolean>;

type Line = Record<string, unknown>;

/** The NAMES frame text: lines "ttl address name...", empty when nothing is usable. */
export function namesText(
  mappings: readonly { address: string; names: readonly string[]; ttl: number }[],
): string {
  return mappings
    .filter((m) => m.names.length > 0 && /^[0-9a-fA-F.:]+$/.test(m.address))
    .map((m) => {
      const names = m.names.map((n) => n.toLowerCase()).filter((n) => /^[^\s]+$/.test(n));
      return names.length > 0
        ? `${Math.max(0, Math.floor(m.ttl)) >>> 0} ${m.address} ${names.join(' ')}\n`
        : '';
    })
    .join('');
}

/** One traced command: owns the helper process and the control socket to it. */
export class TraceSession {
  /** Events wait here for the consumer; past this many they are dropped and counted. */
  readonly events = new AsyncQueue<TraceEvent>(100_000, (count) => ({ type: 'dropped', count }));
  readonly exited: Promise<ExitInfo>;
  readonly started: Promise<number>;
  private exitLine: Line | undefined;
  private nameWaiters = new Map<number, { resolve: () => void; reject: (e: unknown) => void }>();
  private nextNamesId = 1;
  private tableWaiters: { resolve: () => void; reject: (e: unknown) => void }[] = [];
  private resolveExit!: (e: ExitInfo) => void;
  private rejectExit!: (e: unknown) => void;
  private resolveStart!: (pid: number) => void;
  private rejectStart!: (e: unknown) => void;
  private startError: Line | undefined;
  /** Rule of the last denied exec: names the reason when the command itself was refused. */
  private lastExecDeny: string | undefined;
  private tail = '';
  private readonly ctl: Readable & Writable;
  private readonly onApproval: ApprovalHandler | undefined;

  constructor(child: ChildProcess, onApproval: ApprovalHandler | undefined) {
    this.onApproval = onApproval;
    this.ctl = child.stdio[3] as Readable & Writable;
    this.exited = new Promise((resolve, reject) => {
      this.resolveExit = resolve;
      this.rejectExit = reject;
    });
    this.started = new Promise((resolve, reject) => {
      this.resolveStart = resolve;
      this.rejectStart = reject;
    });
    this.exited.catch(() => {});
    this.started.catch(() => {});
    this.ctl.setEncoding('utf8');
    this.ctl.on('data', (chunk: string) => {
      this.tail = splitLines(this.tail, chunk, (l) => this.onLine(l));
    });
    this.ctl.on('error', () => {});
    child.on('error', (cause) => this.down('cannot run the tracer helper', cause));
    child.on('close', (code, signal) => this.onClose(code, signal));
  }

  /** Sends a TABLE frame (payload from tableBytes()). */
  sendTable(bytes: Uint8Array): void {
    this.ctl.write(frame(FRAME_TABLE, bytes));
  }

  setTable(bytes: Uint8Array): Promise<void> {
    return new Promise((resolve, reject) => {
      this.tableWaiters.push({ resolve, reject });
      this.sendTable(bytes);
    });
  }

  /** Sends IP -> names to the helper; resolves when it acknowledged them. */
  addNames(mappings: readonly { address: string; names: readonly string[]; ttl: number }[]): Promise<void> {
    const lines = namesText(mappings);
    if (lines.length === 0) return Promise.resolve();
    if (this.ctl.destroyed) return Promise.reject(new TracerError('TRACER_DOWN', 'tracer helper exited'));
    const id = this.nextNamesId++;
    return new Promise((resolve, reject) => {
      this.nameWaiters.set(id, { resolve, reject });
      const text = Buffer.from(lines, 'utf8');
      const payload = Buffer.alloc(4 + text.length);
      payload.writeUInt32LE(id, 0);
      text.copy(payload, 4);
      this.ctl.write(frame(FRAME_NAMES, payload));
    });
  }

  kill(): void {
    if (!this.ctl.destroyed) this.ctl.write(frame(FRAME_KILL, u32s(9)));
  }

  private onLine(text: string): void {
    let line: Line;
    try {
      line = JSON.parse(text) as Line;
    } catch {
      return;
    }
    switch (line.t) {
      case 'ev':
      case 'dropped':
        if (line.type === 'exec' && line.effective === 'deny') this.lastExecDeny = String(line.rule);
        this.events.push(toTraceEvent(line));
        return;
      case 'ask':
        this.ask(line);
        return;
      case 'spawned':
        this.resolveStart(Number(line.pid));
        return;
      case 'error':
        this.startError = line;
        return;
      case 'table':
        this.tableReply(line);
        return;
      case 'names': {
        const w = this.nameWaiters.get(Number(line.id));
        this.nameWaiters.delete(Number(line.id));
        if (line.ok === 1) w?.resolve();
        else w?.reject(new TracerError('TRACER_INVALID', 'helper rejected a name mapping'));
        return;
      }
      case 'exit':
        this.exitLine = line;
        return;
    }
  }

  private tableReply(line: Line): void {
    const waiter = this.tableWaiters.shift();
    if (!waiter) return;
    if (line.ok === 1) waiter.resolve();
    else
      waiter.reject(
        new TracerError('TRACER_INVALID', `helper rejected the policy table: ${String(line.error)}`),
      );
  }

  private ask(line: Line): void {
    const id = Number(line.id);
    const request: ApprovalRequest = {
      id,
      timeoutMs: Number(line.timeoutMs),
      event: toTraceEvent(line) as ApprovalRequest['event'],
    };
    const answer = (allow: boolean) => {
      if (!this.ctl.destroyed) this.ctl.write(frame(FRAME_ANSWER, u32s(id, allow ? 1 : 0)));
    };
    if (!this.onApproval) {
      answer(false);
      return;
    }
    Promise.resolve()
      .then(() => this.onApproval?.(request))
      .then((allow) => answer(allow === true))
      .catch(() => answer(false));
  }

  private onClose(code: number | null, signal: NodeJS.Signals | null): void {
    if (this.tail) this.onLine(this.tail);
    this.tail = '';
    for (const w of this.tableWaiters.splice(0))
      w.reject(new TracerError('TRACER_DOWN', 'tracer helper exited'));
    for (const w of this.nameWaiters.values())
      w.reject(new TracerError('TRACER_DOWN', 'tracer helper exited'));
    this.nameWaiters.clear();
    if (this.startError) {
      const e = this.startError;
      const what =
        e.stage === 'filter' ? 'the seccomp prefilter could not be installed' : 'the command could not start';
      const rule = e.stage === 'exec' && this.lastExecDeny ? `, denied by rule ${this.lastExecDeny}` : '';
      this.rejectStart(
        new TracerError('TRACER_SPAWN', `${what} (${String(e.stage)}: ${String(e.message)}${rule})`),
      );
    }
    if (this.exitLine) {
      this.resolveStart(-1);
      this.resolveExit(toExitInfo(this.exitLine));
      this.events.end();
      return;
    }
    this.down(`tracer helper ended without reporting an exit (code ${code}, signal ${signal})`);
  }

  private down(message: string, cause?: unknown): void {
    const err = new TracerError('TRACER_DOWN', message, { cause });
    this.rejectStart(err);
    this.rejectExit(err);
    this.events.end();
  }
}
