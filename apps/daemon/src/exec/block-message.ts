import type { ExecResponse } from './response';

/**
 * The `agentsh: ...` lines shell mode prints on stderr after a command: the precheck's reason and hint
 * when it was refused, or the first blocked operation when a command failed on one. Empty otherwise.
 */
export function blockMessage(body: ExecResponse): string {
  const error = body.result.error;
  if (error && error.code !== 'E_COMMAND_FAILED') {
    return (
      `agentsh: ${error.message} (rule=${error.policy_rule ?? ''})\n` +
      'agentsh: hint: operation denied by policy; adjust policy or change command\n'
    );
  }
  if (body.guidance?.blocked && body.result.exit_code !== 0) {
    return `agentsh: ${body.guidance.reason ?? 'operation denied by policy'} (rule=${body.guidance.policy_rule ?? ''})\n`;
  }
  return '';
}

/** Exit code for the shell: the command's own, 1 for values a process cannot exit with. */
export function shellExitCode(body: ExecResponse): number {
  const code = body.result.exit_code;
  return code >= 0 && code <= 255 ? code : 1;
}
