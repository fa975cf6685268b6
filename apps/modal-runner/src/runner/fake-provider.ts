import type { ExecResult, Provider, Sandbox } from '../providers/types';

/** Answers a command: exit code and output (stdout). */
export type FakeAnswer = (cmd: string) => { exitCode: number; stdout?: string; stderr?: string };

export interface FakeProvider extends Provider {
  readonly commands: string[];
  readonly writes: string[];
  terminated: number;
}

/** An in-process provider for runner tests: records commands and writes, answers from `answer`. */
export function createFakeProvider(answer: FakeAnswer, options: { failCreate?: string } = {}): FakeProvider {
  const provider: FakeProvider = {
    name: 'gvisor',
    isolated: true,
    warning: undefined,
    commands: [],
    writes: [],
    terminated: 0,
    async create(): Promise<Sandbox> {
      if (options.failCreate) throw new Error(options.failCreate);
      return sandbox;
    },
  };
  const sandbox: Sandbox = {
    provider: 'gvisor',
    async exec(cmd): Promise<ExecResult> {
      provider.commands.push(cmd);
      const r = answer(cmd);
      return {
        exitCode: r.exitCode,
        stdout: r.stdout ?? '',
        stderr: r.stderr ?? '',
        timedOut: false,
        durationMs: 1,
      };
    },
    async writeFile(path) {
      provider.writes.push(path);
    },
    async terminate() {
      provider.terminated += 1;
    },
  };
  return provider;
}
