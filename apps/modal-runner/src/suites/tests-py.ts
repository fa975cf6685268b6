import { type Check, check, execCheck as exec, py } from './check';
import { CIDR, DNS_ALLOW, DNS_DENY, METADATA, REDIRECT } from './tests-py-network';

const API = 'http://127.0.0.1:18080';
const ok = { kind: 'success' } as const;
const blocked = { kind: 'blocked' } as const;

const daemon: Check[] = [
  check({
    id: '',
    section: 'Daemon & API',
    name: 'Health endpoint',
    command: `curl -s ${API}/health`,
    expect: ok,
    needsDaemon: true,
  }),
  check({
    id: '',
    section: 'Daemon & API',
    name: 'Ready endpoint',
    command: `curl -s ${API}/ready`,
    expect: ok,
    needsDaemon: true,
  }),
  check({
    id: '',
    section: 'Daemon & API',
    name: 'Metrics endpoint',
    command: `curl -s ${API}/metrics | head -5`,
    expect: ok,
    needsDaemon: true,
  }),
  check({
    id: '',
    section: 'Daemon & API',
    name: 'Session created',
    command: 'agentsh session create --workspace /root 2>&1',
    expect: { kind: 'session' },
    needsSession: false,
    needsDaemon: true,
  }),
  check({
    id: '',
    section: 'Daemon & API',
    name: 'Session info',
    command: 'agentsh session info {sid} 2>&1 | head -c 200',
    expect: ok,
    needsDaemon: true,
  }),
  check({
    id: '',
    section: 'Daemon & API',
    name: 'Session list',
    command: 'agentsh session list 2>&1 | head -c 200',
    expect: ok,
    needsSession: true,
    needsDaemon: true,
  }),
];

const version: Check[] = [
  check({
    id: '',
    section: 'Version',
    name: 'agentsh binary is v0.16.1',
    command: "/usr/bin/agentsh --version | grep -q '0.16.1' && echo 'version match'",
    expect: ok,
  }),
  check({
    id: '',
    section: 'Version',
    name: 'ptrace tracer active in server logs',
    command: 'grep -i ptrace /var/log/agentsh/agentsh.log',
    expect: { kind: 'nonEmpty' },
    needsDaemon: true,
  }),
];

const execChecks: Check[] = [
  exec('agentsh exec', 'basic exec', "echo 'hello from ptrace'", ok),
  exec('agentsh exec', 'list root', 'ls /', ok),
  exec('agentsh exec', 'whoami', '/usr/bin/whoami', ok),
];

const commandDeny: Check[] = ['sudo whoami', 'nsenter --help', 'su root -c whoami', 'docker ps'].map((cmd) =>
  exec('Command deny', cmd, cmd, blocked),
);

const commandAllow: Check[] = [
  exec('Command allow', 'ls /', 'ls /', ok),
  exec('Command allow', 'git --version', 'git --version', ok),
  exec('Command allow', 'python3 --version', 'python3 --version', ok),
  exec('Command allow', 'echo hello', '/bin/echo hello', ok),
  exec('Command allow', 'whoami', 'whoami', ok),
];

const fileChecks: Check[] = [
  exec(
    'File allow',
    'Write to workspace (/root)',
    `sh -c "echo 'test data' > /root/test_write.txt && cat /root/test_write.txt"`,
    ok,
  ),
  exec('File allow', 'Read /etc/hosts', 'cat /etc/hosts', ok),
  exec('File allow', 'Write to /tmp', `sh -c "echo 'temp data' > /tmp/test.txt && cat /tmp/test.txt"`, ok),
  exec('File allow', 'stat /usr/bin/ls', 'ls -la /usr/bin/ls', ok),
  exec('File deny', 'Write to /etc/hack', py("open('/etc/hack','w').write('hacked')"), blocked),
  exec('File deny', 'Read /proc/1/environ', 'cat /proc/1/environ', blocked),
  exec('File deny', 'Write to /usr/bin/evil', py("open('/usr/bin/evil','w').write('x')"), blocked),
];

const audit: Check[] = [
  check({
    id: '',
    section: 'Audit',
    name: 'Audit SQLite database exists',
    command: 'ls -la /var/lib/agentsh/events.db',
    expect: { kind: 'contains', text: 'events.db' },
    needsDaemon: true,
  }),
  check({
    id: '',
    section: 'Audit',
    name: 'Server log active',
    command: 'wc -l /var/log/agentsh/agentsh.log',
    expect: ok,
    needsDaemon: true,
  }),
];

const ordered = [
  ...daemon,
  ...version,
  ...execChecks,
  ...DNS_ALLOW,
  ...DNS_DENY,
  ...METADATA,
  ...REDIRECT,
  ...commandDeny,
  ...commandAllow,
  ...fileChecks,
  ...CIDR,
  ...audit,
];

/** agentsh-modal v0.16.1 tests.py: its 41 counted checks, same commands, same expectations, same order. */
export const TESTS_PY_CHECKS: readonly Check[] = ordered.map((c, i) => ({
  ...c,
  id: `T${String(i + 1).padStart(2, '0')}`,
}));
