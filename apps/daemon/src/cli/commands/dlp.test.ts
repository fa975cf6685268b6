import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { type DlpCliIo, registerDlpCommand } from './dlp';

// Obviously fake values in valid formats (never real credentials).
const STRIPE = `sk_test_FAKE${'a1B2c3D4'.repeat(3)}`;
const AWS = 'AKIAFAKE234567ABCDEF';

async function run(
  args: string[],
  stdin: string | Buffer[],
): Promise<{ out: string; err: string; code: number }> {
  const res = { out: '', err: '', code: 0 };
  const chunks: Uint8Array[] = [];
  const io: DlpCliIo = {
    out: (c) => chunks.push(typeof c === 'string' ? Buffer.from(c) : c),
    err: (t) => (res.err += t),
    stdin: () => Readable.from(typeof stdin === 'string' ? [Buffer.from(stdin)] : stdin),
    exit: (c) => (res.code = c),
  };
  const program = new Command('agentsh').exitOverride();
  registerDlpCommand(program, io);
  await program.parseAsync(['node', 'agentsh', 'dlp', ...args]);
  res.out = Buffer.concat(chunks).toString('utf8');
  return res;
}

function configFile(yaml: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'agentsh-dlp-')), 'config.yaml');
  writeFileSync(file, yaml);
  return file;
}

describe('agentsh dlp redact', () => {
  it('redacts stdin to stdout, also when a secret is split across input chunks', async () => {
    const text = `key=${STRIPE}\nid ${AWS}\nplain line\n`;
    const split = [
      Buffer.from(text.slice(0, 10)),
      Buffer.from(text.slice(10, 30)),
      Buffer.from(text.slice(30)),
    ];
    const { out, code } = await run(['redact'], split);
    expect(code).toBe(0);
    expect(out).toBe('key=[REDACTED:STRIPE_KEY]\nid [REDACTED:AWS_KEY]\nplain line\n');
  });

  it('uses the config file: tokenize mode, toggles and custom patterns', async () => {
    const file = configFile(
      [
        'server: {http: {addr: "127.0.0.1:18080"}}',
        'dlp:',
        '  mode: tokenize',
        '  patterns: {email: false}',
        '  custom_patterns:',
        '    - {name: employee_id, display: EMPLOYEE, regex: "EMP-[0-9]{6}"}',
      ].join('\n'),
    );
    const { out } = await run(['redact', '--config', file], 'EMP-123456 a@b.test EMP-123456\n');
    expect(out).toMatch(/^TOK_[0-9a-f]{16} a@b\.test TOK_[0-9a-f]{16}\n$/);
    const tokens = out.match(/TOK_[0-9a-f]{16}/g) ?? [];
    expect(tokens[0]).toBe(tokens[1]);
  });

  it('fails with exit 1 and names the key of a bad config', async () => {
    const file = configFile('dlp:\n  mode: loud\n');
    const { err, code, out } = await run(['redact', '--config', file], 'x');
    expect(code).toBe(1);
    expect(out).toBe('');
    expect(err).toMatch(/dlp redact: .*config\.yaml: dlp\.mode/);
  });

  it('reports invalid YAML by position without quoting the file', async () => {
    const file = configFile(`dlp:\n  mode: redact\n  x: ${STRIPE}: b\n`);
    const { err, code } = await run(['redact', '--config', file], 'x');
    expect(code).toBe(1);
    expect(err).toMatch(/invalid YAML: .*line 3, column/);
    expect(err).not.toContain(STRIPE);
  });

  it('names an unusable custom pattern', async () => {
    const file = configFile('dlp:\n  custom_patterns:\n    - {name: evil, regex: "(a+)+b"}\n');
    const { err, code } = await run(['scan', '--json', '--config', file], 'x');
    expect(code).toBe(1);
    expect(err).toMatch(/pattern "evil": a repeat inside a repeat/);
  });
});

describe('agentsh dlp scan --json', () => {
  it('prints one JSON line per finding with rule, start, end and fingerprint only', async () => {
    const text = `a ${STRIPE} b ${AWS}\n`;
    const { out, code } = await run(['scan', '--json'], text);
    expect(code).toBe(0);
    const lines = out
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines).toEqual([
      {
        rule: 'stripe_key',
        start: 2,
        end: 2 + STRIPE.length,
        fingerprint: expect.stringMatching(/^[0-9a-f]{12}$/),
      },
      {
        rule: 'aws_access_key_id',
        start: text.indexOf(AWS),
        end: text.indexOf(AWS) + AWS.length,
        fingerprint: expect.any(String),
      },
    ]);
    expect(out).not.toContain('FAKE');
  });

  it('prints nothing for clean input', async () => {
    const { out, code } = await run(['scan', '--json'], 'commit 97b58fa1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7\n');
    expect(code).toBe(0);
    expect(out).toBe('');
  });
});
