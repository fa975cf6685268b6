import { type Check, check } from './check';

const API = 'http://127.0.0.1:18080';
/** example.py's own blocked rule: non-zero exit or one of these words (note the bare "400"). */
const EXAMPLE_MARKERS = ['blocked', 'denied', 'permission', '400', 'not found'] as const;
const blocked = { kind: 'blocked', markers: EXAMPLE_MARKERS } as const;
const ok = { kind: 'success' } as const;

type Row = readonly [name: string, command: string, expect: Check['expect']];

function section(title: string, narration: string, rows: readonly Row[], needsDaemon = false): Check[] {
  return rows.map(([name, command, expect], i) =>
    check({
      id: '',
      section: title,
      name,
      command,
      expect,
      origin: 'example.py',
      needsDaemon,
      ...(i === 0 ? { narration } : {}),
    }),
  );
}

const checks: Check[] = [
  ...section(
    'A. Sandbox network',
    'The sandbox itself: cloud metadata must be out of reach; the (stand-in) internet is.',
    [
      ['AWS metadata', 'curl -s --connect-timeout 5 http://169.254.169.254/latest/meta-data/', blocked],
      [
        'GCP metadata',
        "curl -s --connect-timeout 5 -H 'Metadata-Flavor: Google' http://metadata.google.internal/",
        blocked,
      ],
      ['public HTTPS', 'curl -s --connect-timeout 10 https://httpbin.org/get', ok],
      ['public HTTP', 'curl -s --connect-timeout 10 http://httpbin.org/get', ok],
    ],
  ),
  ...section(
    'B. agentsh daemon',
    'The daemon agentsh-modal starts inside the sandbox answers on 127.0.0.1:18080.',
    [
      ['health', `curl -sf ${API}/health`, ok],
      ['metrics', `curl -sf ${API}/metrics | head -5`, ok],
      ['ready', `curl -sf ${API}/ready`, ok],
    ],
    true,
  ),
  ...section('C. Basic operations', 'Ordinary work runs: shell, files, the agentsh CLI and its policy.', [
    ['echo', "echo 'hello from the sandbox'", ok],
    ['agentsh config dir', 'ls -la /etc/agentsh/', ok],
    ['git version', 'git --version', ok],
    ['python version', 'python3 --version', ok],
    ['agentsh version', '/usr/bin/agentsh --version', ok],
    ['policy head', 'cat /etc/agentsh/policies/default.yaml | head -10', ok],
  ]),
  ...section('D. Container isolation', 'What the sandbox hides: no Docker socket, no host file system.', [
    ['whoami', 'whoami', ok],
    ['no docker socket', 'ls -la /var/run/docker.sock', blocked],
    ['init command line', 'cat /proc/1/cmdline | tr "\\0" " "', ok],
    ['no /host', 'ls /host', blocked],
  ]),
  ...section(
    'E. Risks agentsh mitigates',
    'Run directly (not through agentsh exec), these succeed: each is a risk an agent could take and agentsh governs.',
    [
      ['environment visible', 'env | wc -l', ok],
      ['token exposure (count only)', "env | grep -c -i 'token' || true", ok],
      [
        'POST exfiltration',
        'curl -s --connect-timeout 10 -X POST -d "data=secret" https://httpbin.org/post',
        ok,
      ],
      ['api.github.com/zen', 'curl -s --connect-timeout 10 https://api.github.com/zen', ok],
      [
        '10 MB write to /tmp',
        'dd if=/dev/zero of=/tmp/agentsh-example.bin bs=1M count=10 2>&1 && rm -f /tmp/agentsh-example.bin',
        ok,
      ],
      ['process limit', 'ulimit -u', ok],
    ],
  ),
  ...section(
    'F. API',
    'The policy API of the daemon.',
    [
      ['policies', `curl -s ${API}/api/v1/policies | head -c 100`, ok],
      ['info', `curl -s ${API}/api/v1/info | head -c 100`, ok],
    ],
    true,
  ),
  ...section(
    'G. Gaps without agentsh exec',
    'Outside agentsh exec, nothing stops these; through it, the policy would.',
    [
      ['rm -rf in /tmp', 'mkdir -p /tmp/agentsh-example && rm -rf /tmp/agentsh-example', ok],
      ['read /etc/passwd', 'head -2 /etc/passwd', ok],
      ['write /tmp', 'echo x > /tmp/agentsh-example.txt && rm /tmp/agentsh-example.txt', ok],
    ],
  ),
];

/** `agentsh-modal example`: example.py's demo, run directly with bash -c, narrated by section. */
export const EXAMPLE_SUITE = {
  name: 'example',
  appName: 'agentsh-sandbox',
  title: 'agentsh-modal example (example.py): what the sandbox and the daemon look like from inside',
  startsDaemon: true,
  checks: checks.map((c, i) => ({ ...c, id: `E${String(i + 1).padStart(2, '0')}` })),
} as const;
