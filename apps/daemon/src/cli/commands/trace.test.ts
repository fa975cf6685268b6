import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runTrace } from './trace';

const POLICY = `version: 1
name: trace-test
file_rules:
  - name: protect
    paths: ["\${PROJECT_ROOT}/prot/**"]
    operations: [write, create, delete]
    decision: deny
  - name: everything-else
    paths: ["/**"]
    operations: ["*"]
    decision: allow
command_rules:
  - name: no-cat
    commands: [cat]
    decision: deny
  - name: the-rest
    commands: ["*"]
    decision: allow
`;

describe.runIf(process.platform === 'linux')('agentsh trace', () => {
  it("exits with the command's code and writes one JSON line per decision", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'agentsh-trace-'));
    const policy = join(dir, 'policy.yaml');
    const events = join(dir, 'events.jsonl');
    writeFileSync(policy, POLICY);
    const code = await runTrace(['/bin/sh', '-c', `cat /dev/null; echo x > ${dir}/prot/f; exit 4`], {
      policy,
      var: [`PROJECT_ROOT=${dir}`],
      events,
      // never the machine's resolver (the command sends no query; the discard port if it did)
      dnsUpstream: ['127.0.0.1:9'],
    });
    expect(code).toBe(4);
    const lines = readFileSync(events, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    const denied = lines.filter((l) => l.effective === 'deny');
    expect(denied.map((l) => l.rule)).toContain('no-cat');
    expect(denied.find((l) => l.rule === 'protect')).toMatchObject({
      syscall: 'openat',
      path: `${dir}/prot/f`,
      operation: 'create',
      decision: 'deny',
    });
    expect(lines.every((l) => typeof l.pid === 'number')).toBe(true);
  });

  it('--fence passes a shared walk-fence file to the tracer (tracees may not touch it)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'agentsh-trace-'));
    const policy = join(dir, 'policy.yaml');
    const events = join(dir, 'events.jsonl');
    writeFileSync(policy, POLICY);
    const fence = join(dir, 'fence');
    const code = await runTrace(['/bin/sh', '-c', `echo x > ${fence}`], {
      policy,
      var: [`PROJECT_ROOT=${dir}`],
      events,
      fence,
      dnsUpstream: ['127.0.0.1:9'],
    });
    expect(code).toBe(2);
    const lines = readFileSync(events, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.some((l) => l.rule === 'tracer-fence-file' && l.effective === 'deny')).toBe(true);
  });
});
