// Network cases, run as one node process inside a network namespace of its own: `unshare --net`
// natively, or `runsc --network=none do`. Never in the host namespace (docs: testing.md). The script
// brings lo up, starts TCP servers on 127.0.0.x and a stand-in for the session DNS proxy on
// 127.0.0.1:5353 (UDP and TCP) that teaches the traced process its answers before replying.
// Prints one JSON object: case name -> { ok, detail }.
import { execFileSync } from 'node:child_process';
import { bindCases } from './bind-cases';
import { type Case, netconn, queries, run, startServers } from './env';
import { mmsgCases } from './mmsg-cases';
import { nameCases } from './name-cases';
import { recvCases } from './recv-cases';
import { ruleCases } from './rule-cases';

const cases: Record<string, Case> = {
  ...nameCases,
  ...ruleCases,
  ...mmsgCases,
  ...bindCases((argv) => run(argv)),
  ...recvCases((argv) => run(argv), netconn),
};

async function main(): Promise<void> {
  execFileSync('ip', ['link', 'set', 'lo', 'up']);
  const servers = await startServers();
  const out: Record<string, { ok: boolean; detail: unknown }> = {};
  const only = process.argv[2];
  for (const [name, fn] of Object.entries(cases)) {
    if (only && name !== only) continue;
    try {
      const [ok, detail] = await fn();
      out[name] = { ok, detail: ok ? undefined : detail };
    } catch (e) {
      out[name] = { ok: false, detail: String(e) };
    }
  }
  out.queriesSeenByProxy = { ok: queries.length > 0, detail: queries.length };
  for (const s of servers) s.close();
  process.stdout.write(`${JSON.stringify(out)}\n`);
  process.exit(0);
}

void main();
