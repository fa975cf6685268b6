import { APPROVALS_ADDR, APPROVALS_CONFIG, APPROVALS_DIR, APPROVALS_LOG } from '../image/approvals';
import { type Check, check } from './check';

const PROBE_DIR = '/srv/agentsh-approval';
const OUT = '/tmp/agentsh-approval.out';

/**
 * With approvals on (a second daemon, api_key auth): reading a .env file hits `approve-env-files`, the command
 * is parked, the agent's own key cannot approve it, the approver's key can, and the command then finishes.
 */
const SCRIPT = [
  `A=$(cat ${APPROVALS_DIR}/agent.key); P=$(cat ${APPROVALS_DIR}/approver.key)`,
  `export AGENTSH_SERVER=http://${APPROVALS_ADDR}`,
  `mkdir -p ${PROBE_DIR} && echo APPROVED_CONTENT=1 > ${PROBE_DIR}/.env`,
  `nohup agentsh server --config ${APPROVALS_CONFIG} > ${APPROVALS_LOG} 2>&1 &`,
  'for i in $(seq 1 40); do curl -s "$AGENTSH_SERVER/health" > /dev/null && break; sleep 0.5; done',
  `SID=$(AGENTSH_API_KEY=$A agentsh session create --workspace /root 2>&1 | grep -o 'session-[a-f0-9-]\\{36\\}' | head -1)`,
  `[ -n "$SID" ] || { echo "no session on the approvals daemon"; tail -n 5 ${APPROVALS_LOG}; exit 1; }`,
  `AGENTSH_API_KEY=$A agentsh exec "$SID" -- cat ${PROBE_DIR}/.env > ${OUT} 2>&1 &`,
  'EXEC=$!',
  'for i in $(seq 1 40); do',
  `  ID=$(AGENTSH_API_KEY=$P agentsh approve list 2>/dev/null | sed -n 's/.*"id": *"\\([^"]*\\)".*/\\1/p' | head -1)`,
  '  [ -n "$ID" ] && break; sleep 0.5',
  'done',
  '[ -n "$ID" ] || { echo "no pending approval appeared"; exit 1; }',
  'if AGENTSH_API_KEY=$A agentsh approve resolve "$ID" --allow > /dev/null 2>&1; then',
  '  echo "the agent key approved its own request"; exit 1',
  'fi',
  'AGENTSH_API_KEY=$P agentsh approve resolve "$ID" --allow --reason "agentsh-modal approvals check" || exit 1',
  'wait "$EXEC"',
  `cat ${OUT}`,
].join('\n');

export const APPROVALS_CHECK: Check = check({
  id: '',
  section: 'agentsh-ts additions',
  name: 'approval: a parked .env read waits for the approver key (the agent key cannot approve)',
  command: SCRIPT,
  expect: { kind: 'contains', text: 'APPROVED_CONTENT=1', exitZero: true },
  needsSession: false,
  needsDaemon: true,
  origin: 'agentsh-ts',
  timeoutMs: 90_000,
});
