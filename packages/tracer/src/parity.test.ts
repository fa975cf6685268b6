import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { EvaluateQuestion } from '@agentsh/tracer-native';
import { describe, expect, it } from 'vitest';
import { encodeTable } from './encode';
import { loadNativeBinding } from './native';
import type { PolicyTable } from './table';

// Shared parity cases of @agentsh/policy, read as plain JSON by relative path (no import of the package).
const dir = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'policy', 'test', 'fixtures', 'parity');
const files = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.json')) : [];

interface Case {
  name: string;
  question: Record<string, unknown>;
  expect: {
    decision: string;
    effectiveDecision: string;
    rule: string;
    redirect?: { kind: string; path?: string; command?: string };
  };
}

/** The C evaluator's question for a parity question, or null for classes the tracer does not decide yet. */
function toNative(q: Record<string, unknown>): EvaluateQuestion | null {
  if (q.kind === 'file') return { kind: 'file', path: String(q.path), op: String(q.operation) };
  if (q.kind === 'execve') {
    const argv = (q.argv as string[]) ?? [];
    return { kind: 'exec', path: String(q.path), args: argv.join(' '), depth: Number(q.depth ?? 0) };
  }
  if (q.kind === 'command') {
    const args = (q.args as string[] | undefined) ?? [];
    return { kind: 'exec', path: String(q.command), args: args.join(' '), depth: Number(q.depth ?? 0) };
  }
  if (q.kind === 'unix_socket')
    return { kind: 'unix_socket', path: String(q.path), op: String(q.operation).trim().toLowerCase() };
  // the tracer judges connects to addresses (names come from DNS answers): only IP-literal questions
  if (q.kind === 'network' && isIP(String(q.host).replace(/^\[|\]$/g, '')) !== 0) {
    const names = (q.names as string[] | undefined) ?? [];
    return { kind: 'network', host: String(q.host), port: Number(q.port), names: names.join('\n') };
  }
  return null;
}

/** What the C evaluator must answer: decision, effective, rule, and the redirect target if any. */
function expected(c: Case): Record<string, string> {
  const want: Record<string, string> = {
    decision: c.expect.decision,
    effective: c.expect.effectiveDecision,
    rule: c.expect.rule,
  };
  const r = c.expect.redirect;
  const target = r?.kind === 'file' ? r.path : r?.kind === 'command' ? r.command : undefined;
  if (target !== undefined) want.redirect = target;
  return want;
}

describe.runIf(process.platform === 'linux' && files.length > 0)(
  'parity with @agentsh/policy (C evaluator)',
  () => {
    const binding = loadNativeBinding();
    for (const file of files) {
      const data = JSON.parse(readFileSync(join(dir, file), 'utf8')) as { table: PolicyTable; cases: Case[] };
      const blob = encodeTable(data.table);
      const cases = data.cases.filter(
        (c) => toNative(c.question) !== null && c.question.target === undefined,
      );
      it(`${file}: ${cases.length} file/exec/command/network/unix cases decide like evaluate()`, () => {
        expect(cases.length).toBeGreaterThan(0);
        const mismatches = cases.flatMap((c) => {
          const q = toNative(c.question);
          if (!q) return [];
          const got = binding.evaluateForTest(blob, q);
          const want = expected(c);
          return JSON.stringify(got, Object.keys(want).sort()) ===
            JSON.stringify(want, Object.keys(want).sort()) &&
            Object.keys(got).length === Object.keys(want).length
            ? []
            : [{ name: c.name, got, want }];
        });
        expect(mismatches).toEqual([]);
      });
    }
  },
);
