// agentsh-modal tests.py (v0.16.1) command and file cases that need no network, with its expectations.
// `blocked` passes when the command fails or its output carries one of tests.py's markers.
export const BLOCKED_MARKERS = [
  'denied',
  'blocked',
  'permission',
  'not found',
  'refused',
  'unreachable',
  'could not resolve',
  'name resolution',
  'operation not permitted',
  'killed',
];

/** @param {string} work a writable workspace directory */
export function cases(work) {
  return [
    ['basic exec', ['echo', 'hello from ptrace'], 'success'],
    ['whoami', ['/usr/bin/whoami'], 'success'],
    ['sudo whoami', ['sudo', 'whoami'], 'blocked'],
    ['nsenter --help', ['nsenter', '--help'], 'blocked'],
    ['su root -c whoami', ['su', 'root', '-c', 'whoami'], 'blocked'],
    ['docker ps', ['docker', 'ps'], 'blocked'],
    ['git --version', ['git', '--version'], 'success'],
    ['python3 --version', ['python3', '--version'], 'success'],
    ['/bin/echo hello', ['/bin/echo', 'hello'], 'success'],
    [
      'write to workspace',
      ['sh', '-c', `echo 'test data' > ${work}/test_write.txt && cat ${work}/test_write.txt`],
      'success',
    ],
    ['read /etc/hosts', ['cat', '/etc/hosts'], 'success'],
    [
      'write to /tmp',
      ['sh', '-c', "echo 'temp data' > /tmp/agentsh-e2e.txt && cat /tmp/agentsh-e2e.txt"],
      'success',
    ],
    ['write /etc/hack', ['python3', '-c', "open('/etc/hack','w').write('hacked')"], 'blocked'],
    ['read /proc/1/environ', ['cat', '/proc/1/environ'], 'blocked'],
    ['write /usr/bin/evil', ['python3', '-c', "open('/usr/bin/evil','w').write('x')"], 'blocked'],
    ['grandchild denied through bash -c', ['bash', '-c', "sh -c 'nsenter --help'"], 'blocked'],
    [
      'child of a child is traced',
      ['sh', '-c', 'sh -c "python3 -c \\"open(\'/etc/hack2\',\'w\')\\""'],
      'blocked',
    ],
  ];
}

/** tests.py's verdict for one run. */
export function passes(expect, code, output) {
  if (expect === 'success') return code === 0;
  const lower = output.toLowerCase();
  return code !== 0 || BLOCKED_MARKERS.some((m) => lower.includes(m));
}
