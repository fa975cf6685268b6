import { createProgram } from './program';

createProgram((line) => console.log(line))
  .parseAsync(process.argv)
  .catch((err: unknown) => {
    console.error(`agentsh-modal: ${err instanceof Error ? err.message : String(err)}`);
    process.exitCode = 1;
  });
