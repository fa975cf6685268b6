import { CONFIG_PATH, SERVER_LOG } from '../image/files';
import type { Sandbox } from '../providers/types';

export interface DaemonStatus {
  readonly healthy: boolean;
  readonly detail: string;
}

export const HEALTH_URL = 'http://127.0.0.1:18080/health';
const PID_FILE = '/var/lib/agentsh/server.pid';

/** Starts `agentsh server` in the background, as agentsh-modal does, with its log where tests.py reads it. */
export function startScript(): string {
  return `nohup agentsh server --config ${CONFIG_PATH} > ${SERVER_LOG} 2>&1 &\necho $! > ${PID_FILE}`;
}

/** Polls /health once a second like tests.py (20 tries), but stops at once when the server process is gone. */
export function pollScript(tries: number): string {
  return [
    `for i in $(seq 1 ${tries}); do`,
    `  if curl -s ${HEALTH_URL} > /dev/null; then echo "healthy after $i s"; exit 0; fi`,
    `  if ! kill -0 "$(cat ${PID_FILE})" 2>/dev/null; then echo "agentsh server exited; last log lines:"; tail -n 15 ${SERVER_LOG}; exit 2; fi`,
    '  sleep 1',
    'done',
    `echo "no answer from ${HEALTH_URL} after ${tries} s; last log lines:"; tail -n 15 ${SERVER_LOG}; exit 1`,
  ].join('\n');
}

export async function startDaemon(sandbox: Sandbox, tries = 20): Promise<DaemonStatus> {
  const started = await sandbox.exec(startScript(), { timeoutMs: 10_000 });
  if (started.exitCode !== 0)
    return { healthy: false, detail: `could not launch agentsh server: ${started.stderr}` };
  const polled = await sandbox.exec(pollScript(tries), { timeoutMs: (tries + 10) * 1000 });
  const detail = `${polled.stdout}${polled.stderr}`.trim();
  return { healthy: polled.exitCode === 0, detail };
}
