import { type Check, check } from './check';

/** PTRACE_SEIZE probe in Python (detect.py compiles the same steps in C): seize a sleeping child, interrupt, detach. */
const PTRACE_PROBE = [
  'import ctypes, os, signal, time',
  'libc = ctypes.CDLL(None, use_errno=True); libc.ptrace.argtypes = [ctypes.c_long, ctypes.c_long, ctypes.c_void_p, ctypes.c_void_p]',
  'pid = os.fork()',
  'if pid == 0:',
  '    time.sleep(30); os._exit(0)',
  'ok = libc.ptrace(0x4206, pid, None, None) == 0 and libc.ptrace(0x4207, pid, None, None) == 0',
  'ok = ok and os.waitpid(pid, 0)[0] == pid and libc.ptrace(17, pid, None, None) == 0',
  'os.kill(pid, signal.SIGKILL)',
  "print('RESULT: ptrace SEIZE supported' if ok else 'RESULT: ptrace SEIZE NOT supported, errno %d' % ctypes.get_errno())",
].join('\n');

const ok = { kind: 'success' } as const;
const rows: Check[] = [
  check({ id: '', section: 'Platform', name: 'kernel', command: 'cat /proc/version', expect: ok }),
  check({
    id: '',
    section: 'Platform',
    name: 'ptrace SEIZE probe',
    command: `python3 - <<'PYEOF'\n${PTRACE_PROBE}\nPYEOF`,
    expect: { kind: 'contains', text: 'RESULT: ptrace SEIZE supported' },
  }),
  check({
    id: '',
    section: 'agentsh detect',
    name: 'agentsh detect',
    command: 'agentsh detect 2>&1',
    expect: ok,
  }),
  check({
    id: '',
    section: 'agentsh detect',
    name: 'seccomp prefilter reported',
    command: 'agentsh detect --output json 2>&1',
    expect: { kind: 'contains', text: 'seccomp', exitZero: true },
  }),
  check({
    id: '',
    section: 'DNS',
    name: 'raw getaddrinfo github.com',
    command: `python3 -c "import socket; print('Resolved:', socket.getaddrinfo('github.com',443,socket.AF_INET)[0][4][0])"`,
    expect: { kind: 'contains', text: 'Resolved:' },
  }),
  check({
    id: '',
    section: 'DNS',
    name: 'Session created',
    command: 'agentsh session create --workspace /root 2>&1',
    expect: { kind: 'session' },
    needsSession: false,
  }),
  check({
    id: '',
    section: 'DNS',
    name: 'agentsh exec: github.com allowed',
    via: 'exec',
    command: `python3 -c "import socket; print('Resolved:', socket.getaddrinfo('github.com',443,socket.AF_INET)[0][4][0])"`,
    expect: { kind: 'contains', text: 'Resolved:' },
  }),
  check({
    id: '',
    section: 'DNS',
    name: 'agentsh exec: evil.com blocked',
    via: 'exec',
    command: `python3 -c "import socket; socket.getaddrinfo('evil.com',443,socket.AF_INET)"`,
    expect: {
      kind: 'blocked',
      markers: ['denied', 'blocked', 'name resolution', 'could not resolve', 'refused'],
    },
  }),
  check({
    id: '',
    section: 'Files',
    name: 'agentsh exec: write /tmp allowed',
    via: 'exec',
    command: 'sh -c "echo ok > /tmp/detect.txt"',
    expect: ok,
  }),
  check({
    id: '',
    section: 'Files',
    name: 'agentsh exec: write /etc denied',
    via: 'exec',
    command: `python3 -c "open('/etc/detect-hack','w').write('x')"`,
    expect: { kind: 'deniedByAgentsh' },
  }),
];

/** `agentsh-modal detect`: the capability probe of detect.py v0.16.1, inside the sandbox. */
export const DETECT_SUITE = {
  name: 'detect',
  appName: 'agentsh-detect',
  title: 'agentsh-modal detect (detect.py): what enforcement works in this sandbox',
  startsDaemon: true,
  verdicts: [
    { label: 'ptrace enforcement', checkIds: ['D02', 'D03'], yes: 'SUPPORTED', no: 'NOT SUPPORTED' },
    { label: 'raw DNS (stand-in upstream)', checkIds: ['D05'], yes: 'OK', no: 'FAILED' },
    { label: 'DNS allow/block through agentsh', checkIds: ['D07', 'D08'], yes: 'OK', no: 'NOT ENFORCED' },
    { label: 'file allow/deny through agentsh', checkIds: ['D09', 'D10'], yes: 'OK', no: 'NOT ENFORCED' },
  ],
  checks: rows.map((c, i) => ({
    ...c,
    id: `D${String(i + 1).padStart(2, '0')}`,
    origin: 'detect.py' as const,
  })),
} as const;
