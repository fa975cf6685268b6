import { RunnerError } from '../errors';
import type { ImageSpec } from '../image/spec';
import { stagePayload } from '../image/stage';
import type { ModalClientLike, ModalImageLike, ModalProcessLike, ModalSandboxLike } from './modal-client';
import { readStream } from './modal-stream';
import {
  DEFAULT_EXEC_TIMEOUT_MS,
  type ExecOptions,
  type ExecResult,
  type Provider,
  type Sandbox,
} from './types';

export interface ModalProviderOptions<App, Image extends ModalImageLike> {
  readonly client: ModalClientLike<App, Image>;
  /** agentsh-modal's app names: agentsh-tests, agentsh-sandbox (example), agentsh-detect. */
  readonly appName: string;
}

const REMOTE_TARBALL = '/tmp/agentsh-payload.tgz';

/** Dockerfile commands that turn the Debian+Node base into agentsh-modal's image. */
export function imageCommands(spec: ImageSpec): string[] {
  const dirs = spec.directories.join(' ');
  return [
    `RUN apt-get update && apt-get install -y --no-install-recommends ${spec.aptPackages.join(' ')} && rm -rf /var/lib/apt/lists/*`,
    `RUN mkdir -p ${dirs} && chmod 777 ${dirs}`,
    ...Object.entries(spec.env).map(([key, value]) => `ENV ${key}=${value}`),
  ];
}

const STREAM_GRACE_MS = 2_000;
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());

function isDeadline(err: unknown): boolean {
  return err instanceof Error && /deadline exceeded|timed? ?out/i.test(`${err.name} ${err.message}`);
}

/** The SDK ends a command at its timeoutMs by failing the wait ("Deadline exceeded ..."). */
async function waitForExit(proc: ModalProcessLike): Promise<{ code: number; timedOut: boolean }> {
  try {
    return { code: await proc.wait(), timedOut: false };
  } catch (err) {
    if (!isDeadline(err)) throw err;
    return { code: 124, timedOut: true };
  }
}

class ModalSandbox implements Sandbox {
  readonly provider = 'modal' as const;
  readonly #sb: ModalSandboxLike;

  /** Closes the SDK client's connections once the sandbox is gone (else the process would not exit). */
  readonly #release: () => void;

  constructor(sb: ModalSandboxLike, release: () => void) {
    this.#sb = sb;
    this.#release = release;
  }

  async exec(cmd: string, options: ExecOptions = {}): Promise<ExecResult> {
    const timeoutMs = options.timeoutMs ?? DEFAULT_EXEC_TIMEOUT_MS;
    const started = Date.now();
    const proc = await this.#sb.exec(['bash', '-c', cmd], {
      timeoutMs,
      ...(options.cwd ? { workdir: options.cwd } : {}),
      ...(options.env ? { env: { ...options.env } } : {}),
    });
    const out = { stdout: '', stderr: '' };
    const collect = (key: 'stdout' | 'stderr', hook?: (chunk: string) => void) => (chunk: string) => {
      out[key] += chunk;
      hook?.(chunk);
    };
    const reading = Promise.all([
      readStream(proc.stdout, collect('stdout', options.onStdout)),
      readStream(proc.stderr, collect('stderr', options.onStderr)),
    ]);
    reading.catch(() => undefined); // awaited below; this only keeps an early stream error from going unhandled
    const exit = await waitForExit(proc);
    // After a deadline the streams may never close: keep what arrived within a short grace.
    await (exit.timedOut ? Promise.race([reading, sleep(STREAM_GRACE_MS)]) : reading);
    const durationMs = Date.now() - started;
    const timedOut = exit.timedOut || durationMs >= timeoutMs;
    return { exitCode: timedOut ? 124 : exit.code, ...out, timedOut, durationMs };
  }

  async writeFile(path: string, content: string | Uint8Array, mode?: number): Promise<void> {
    const data = typeof content === 'string' ? new TextEncoder().encode(content) : content;
    await this.#sb.filesystem.writeBytes(data, path);
    if (mode !== undefined) await this.exec(`chmod ${mode.toString(8)} '${path}'`);
  }

  async terminate(): Promise<void> {
    try {
      await this.#sb.terminate();
    } finally {
      this.#release();
    }
  }
}

async function installPayload(sandbox: ModalSandbox, sb: ModalSandboxLike, spec: ImageSpec): Promise<void> {
  if (spec.payload.length === 0) return;
  const staged = stagePayload(spec.payload);
  try {
    await sb.filesystem.copyFromLocal(staged.tarball, REMOTE_TARBALL);
    const untar = await sandbox.exec(`tar -xzf ${REMOTE_TARBALL} -C / && rm -f ${REMOTE_TARBALL}`);
    if (untar.exitCode !== 0)
      throw new RunnerError('RUNNER_SANDBOX_FAILED', `modal: unpacking the payload failed: ${untar.stderr}`);
  } finally {
    staged.cleanup();
  }
}

async function createSandbox<App, Image extends ModalImageLike>(
  client: ModalClientLike<App, Image>,
  appName: string,
  spec: ImageSpec,
): Promise<ModalSandboxLike> {
  const app = await client.apps.fromName(appName, { createIfMissing: true });
  const image = client.images.fromRegistry(spec.baseImage).dockerfileCommands(imageCommands(spec));
  return client.sandboxes.create(app, image, {
    timeoutMs: spec.sandboxTimeoutMs,
    workdir: '/root',
    env: { ...spec.env },
    blockNetwork: true,
  });
}

/** Modal Sandboxes (gVisor in Modal's cloud) through the official JS SDK; the client is injected. */
export function createModalProvider<App, Image extends ModalImageLike>(
  options: ModalProviderOptions<App, Image>,
): Provider {
  const { client, appName } = options;
  return {
    name: 'modal',
    isolated: true,
    warning: undefined,
    async create(spec: ImageSpec): Promise<Sandbox> {
      const sb = await createSandbox(client, appName, spec).catch((err: unknown) => {
        client.close();
        throw err;
      });
      const sandbox = new ModalSandbox(sb, () => client.close());
      try {
        await installPayload(sandbox, sb, spec);
      } catch (err) {
        await sandbox.terminate();
        throw err;
      }
      return sandbox;
    },
  };
}
