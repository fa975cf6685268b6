import type {
  ModalClientLike,
  ModalExecParams,
  ModalImageLike,
  ModalProcessLike,
  ModalSandboxLike,
  ModalSandboxParams,
} from './modal-client';

/** One call the runner made to the Modal SDK, in order. */
export type ModalCall =
  | { readonly op: 'apps.fromName'; readonly name: string; readonly params: unknown }
  | { readonly op: 'images.fromRegistry'; readonly tag: string }
  | { readonly op: 'image.dockerfileCommands'; readonly commands: string[] }
  | {
      readonly op: 'sandboxes.create';
      readonly app: unknown;
      readonly image: FakeImage;
      readonly params: ModalSandboxParams | undefined;
    }
  | { readonly op: 'exec'; readonly command: string[]; readonly params: ModalExecParams | undefined }
  | { readonly op: 'writeBytes'; readonly path: string; readonly text: string }
  | { readonly op: 'copyFromLocal'; readonly localPath: string; readonly remotePath: string }
  | { readonly op: 'terminate' }
  | { readonly op: 'close' };

function textStream(text: string): ReadableStream<string> {
  return new ReadableStream({
    start(controller) {
      if (text) controller.enqueue(text);
      controller.close();
    },
  });
}

export class FakeImage implements ModalImageLike {
  readonly layers: string[][];
  readonly #calls: ModalCall[];

  constructor(calls: ModalCall[], layers: string[][] = []) {
    this.#calls = calls;
    this.layers = layers;
  }

  dockerfileCommands(commands: string[]): this {
    this.#calls.push({ op: 'image.dockerfileCommands', commands });
    return new FakeImage(this.#calls, [...this.layers, commands]) as this;
  }
}

/** Answers each exec with what `respond` returns (default: exit 0, no output). */
export type FakeResponder = (command: string[]) => {
  exitCode: number;
  stdout?: string;
  stderr?: string;
  /** Makes wait() fail like the SDK at an exec's deadline. */
  waitError?: string;
};

/** A Modal client that records every call and never touches the network. */
export function createRecordingModalClient(respond: FakeResponder = () => ({ exitCode: 0 })): {
  client: ModalClientLike<{ appName: string }, FakeImage>;
  calls: ModalCall[];
} {
  const calls: ModalCall[] = [];
  const sandbox: ModalSandboxLike = {
    sandboxId: 'sb-fake',
    async exec(command, params): Promise<ModalProcessLike> {
      calls.push({ op: 'exec', command, params });
      const r = respond(command);
      return {
        stdout: textStream(r.stdout ?? ''),
        stderr: textStream(r.stderr ?? ''),
        wait: async () => {
          if (r.waitError) throw new Error(r.waitError);
          return r.exitCode;
        },
      };
    },
    filesystem: {
      async writeBytes(data, path) {
        calls.push({ op: 'writeBytes', path, text: new TextDecoder().decode(data) });
      },
      async copyFromLocal(localPath, remotePath) {
        calls.push({ op: 'copyFromLocal', localPath, remotePath });
      },
    },
    async terminate() {
      calls.push({ op: 'terminate' });
    },
  };
  const client: ModalClientLike<{ appName: string }, FakeImage> = {
    apps: {
      async fromName(name, params) {
        calls.push({ op: 'apps.fromName', name, params });
        return { appName: name };
      },
    },
    images: {
      fromRegistry(tag) {
        calls.push({ op: 'images.fromRegistry', tag });
        return new FakeImage(calls);
      },
    },
    sandboxes: {
      async create(app, image, params) {
        calls.push({ op: 'sandboxes.create', app, image, params });
        return sandbox;
      },
    },
    close() {
      calls.push({ op: 'close' });
    },
  };
  return { client, calls };
}
