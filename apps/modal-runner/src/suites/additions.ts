import { APPROVALS_CHECK } from './approvals-check';
import { type Check, check } from './check';

const exec = (name: string, command: string, expect: Check['expect']): Check =>
  check({
    id: '',
    section: 'agentsh-ts additions',
    name,
    command,
    via: 'exec',
    expect,
    origin: 'agentsh-ts',
  });

/** A fake AWS key id (AWS's documented example); DLP must redact it from command output. */
const FAKE_AWS_KEY = 'AKIAIOSFODNN7EXAMPLE';
const SOFT_DELETE_PROBE = '/root/agentsh-soft-delete-probe.txt';

const checks: Check[] = [
  exec(
    'child process traced after exec (nested write to /etc)',
    `sh -c "sleep 0.2; python3 -c \\"open('/etc/hack-child','w').write('x')\\""`,
    { kind: 'blocked' },
  ),
  exec('grandchild command denied (bash -c "sh -c \'nsenter --help\'")', `bash -c "sh -c 'nsenter --help'"`, {
    kind: 'deniedByAgentsh',
  }),
  exec('DNS over TCP allow github.com', 'dig +tcp +short +time=3 +tries=1 github.com', {
    kind: 'contains',
    text: '127.77.1.1',
    exitZero: true,
  }),
  exec('DNS over TCP deny evil.com', "dig +tcp +time=3 +tries=1 evil.com 2>&1 | grep -q 'status: NOERROR'", {
    kind: 'blocked',
  }),
  exec('IPv4-mapped IPv6 10.0.0.1 denied', 'curl -sS --connect-timeout 5 http://[::ffff:10.0.0.1]/', {
    kind: 'deniedByAgentsh',
  }),
  exec(
    'IPv4-mapped IPv6 169.254.169.254 denied',
    'curl -sS --connect-timeout 5 http://[::ffff:169.254.169.254]/',
    {
      kind: 'deniedByAgentsh',
    },
  ),
  exec(
    'approve rule in shadow mode (approvals disabled) allows unknown HTTPS',
    'curl -sS --connect-timeout 10 https://httpbin.org/get',
    {
      kind: 'contains',
      text: 'stand-in for httpbin.org',
      exitZero: true,
    },
  ),
  APPROVALS_CHECK,
  check({
    id: '',
    section: 'agentsh-ts additions',
    name: 'soft delete moves a workspace file to quarantine',
    command:
      `echo keep > ${SOFT_DELETE_PROBE} && agentsh exec {sid} -- rm -f ${SOFT_DELETE_PROBE} 2>&1; ` +
      `test ! -e ${SOFT_DELETE_PROBE} && find /var/lib/agentsh/quarantine -name '*agentsh-soft-delete-probe*' | grep -q . && echo quarantined`,
    expect: { kind: 'contains', text: 'quarantined' },
    origin: 'agentsh-ts',
  }),
  exec('DLP redacts a secret in command output', `echo 'key=${FAKE_AWS_KEY}'`, {
    kind: 'redacted',
    secret: FAKE_AWS_KEY,
    shown: 'key=',
  }),
  check({
    id: '',
    section: 'agentsh-ts additions',
    name: 'audit hash chain verifies',
    command: 'agentsh audit verify --db /var/lib/agentsh/events.db --key-file /etc/agentsh/audit.key 2>&1',
    expect: { kind: 'success' },
    needsSession: true,
    origin: 'agentsh-ts',
  }),
];

/** Checks for what agentsh (TypeScript) adds beyond tests.py. */
export const ADDITION_CHECKS: readonly Check[] = checks.map((c, i) => ({
  ...c,
  id: `A${String(i + 1).padStart(2, '0')}`,
}));
