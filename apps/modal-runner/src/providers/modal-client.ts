import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { App, Image } from 'modal';
import type { RunnerEnv } from '../env';
import { RunnerError } from '../errors';

/** The part of the Modal JS SDK (npm `modal` 0.11.1) the runner uses: the seam tests replace with a recorder. */
export interface ModalProcessLike {
  readonly stdout: ReadableStream<string>;
  readonly stderr: ReadableStream<string>;
  wait(): Promise<number>;
}

export interface ModalExecParams {
  timeoutMs?: number;
  workdir?: string;
  env?: Record<string, string>;
}

export interface ModalSandboxLike {
  readonly sandboxId: string;
  exec(command: string[], params?: ModalExecParams): Promise<ModalProcessLike>;
  readonly filesystem: {
    writeBytes(data: Uint8Array, remotePath: string): Promise<void>;
    copyFromLocal(localPath: string, remotePath: string): Promise<void>;
  };
  terminate(): Promise<void>;
}

export interface ModalImageLike {
  dockerfileCommands(commands: string[]): this;
}

export interface ModalSandboxParams {
  timeoutMs?: number;
  workdir?: string;
  env?: Record<string, string>;
  blockNetwork?: boolean;
}

/** App and Image stay opaque: the runner only passes them back to the SDK. */
export interface ModalClientLike<App = unknown, Image extends ModalImageLike = ModalImageLike> {
  readonly apps: { fromName(name: string, params?: { createIfMissing?: boolean }): Promise<App> };
  readonly images: { fromRegistry(tag: string): Image };
  readonly sandboxes: {
    create(app: App, image: Image, params?: ModalSandboxParams): Promise<ModalSandboxLike>;
  };
  close(): void;
}

/** Credentials exist as MODAL_TOKEN_ID/MODAL_TOKEN_SECRET or in ~/.modal.toml (values are never printed). */
export function hasModalCredentials(env: RunnerEnv): boolean {
  if (env.modalTokenId && env.modalTokenSecret) return true;
  const toml = join(env.home, '.modal.toml');
  return existsSync(toml) && /^\s*token_id\s*=/m.test(readFileSync(toml, 'utf8'));
}

/** The real SDK client, loaded only when the modal provider is chosen. The SDK reads ~/.modal.toml itself. */
export async function createModalClient(env: RunnerEnv): Promise<ModalClientLike<App, Image>> {
  if (!hasModalCredentials(env))
    throw new RunnerError(
      'RUNNER_MODAL_CREDENTIALS',
      'modal: no credentials (set MODAL_TOKEN_ID and MODAL_TOKEN_SECRET, or run `modal token new` to write ~/.modal.toml)',
    );
  const { ModalClient } = await import('modal');
  const params =
    env.modalTokenId && env.modalTokenSecret
      ? { tokenId: env.modalTokenId, tokenSecret: env.modalTokenSecret }
      : {};
  const client: ModalClientLike<App, Image> = new ModalClient(params);
  return client;
}
