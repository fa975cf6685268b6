/** Every way the runner can fail, by code. */
export type RunnerErrorCode =
  | 'RUNNER_PROVIDER_UNAVAILABLE'
  | 'RUNNER_SANDBOX_FAILED'
  | 'RUNNER_AGENT_PROTOCOL'
  | 'RUNNER_EXEC_FAILED'
  | 'RUNNER_WRITE_FAILED'
  | 'RUNNER_MODAL_CREDENTIALS'
  | 'RUNNER_IMAGE_SPEC'
  | 'RUNNER_STANDINS'
  | 'RUNNER_REPORT';

/** The one error class of @agentsh/modal-runner. Messages never carry secret values (Modal tokens). */
export class RunnerError extends Error {
  readonly code: RunnerErrorCode;

  constructor(code: RunnerErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'RunnerError';
    this.code = code;
  }
}

export function isRunnerError(value: unknown): value is RunnerError {
  return value instanceof RunnerError;
}
