import { homedir } from 'node:os';

/** The only place the runner reads the process environment. */
export interface RunnerEnv {
  readonly modalTokenId: string | undefined;
  readonly modalTokenSecret: string | undefined;
  readonly home: string;
  readonly path: string;
  readonly isRoot: boolean;
}

export function readRunnerEnv(): RunnerEnv {
  return {
    modalTokenId: process.env.MODAL_TOKEN_ID,
    modalTokenSecret: process.env.MODAL_TOKEN_SECRET,
    home: process.env.HOME ?? homedir(),
    path: process.env.PATH ?? '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
    isRoot: typeof process.getuid === 'function' && process.getuid() === 0,
  };
}
