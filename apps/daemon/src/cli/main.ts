import { createProgram } from './program';

createProgram()
  .parseAsync(process.argv)
  .catch((err: unknown) => {
    const message = err instanceof Error ? err.message : String(err);
    console.error(`agentsh: ${message}`);
    process.exitCode = 1;
  });
