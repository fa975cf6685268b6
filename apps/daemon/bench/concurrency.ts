// 32 concurrent execs across 8 sessions for a bounded time; every command's events must be in the store.
import { openAuditReader } from '@agentsh/audit';
import { AgentshClient } from '../src/client/http-client';
import { startServer } from './harness';

const SECONDS = Number(process.env.AGENTSH_BENCH_SECONDS ?? 60);
const WORKERS = 32;
const SESSIONS = 8;

const server = await startServer();
const client = new AgentshClient({ server: server.url, timeoutMs: 60_000 });
let commands = 0;
let failures = 0;
try {
  const sids: string[] = [];
  for (let i = 0; i < SESSIONS; i++) {
    const { data } = await client.request<{ id: string }>('POST', '/api/v1/sessions', {
      workspace: server.work,
    });
    sids.push(data.id);
  }
  const deadline = Date.now() + SECONDS * 1000;
  await Promise.all(
    Array.from({ length: WORKERS }, async (_, w) => {
      const sid = sids[w % SESSIONS] as string;
      while (Date.now() < deadline) {
        const { data } = await client.request<{ result: { exit_code: number } }>(
          'POST',
          `/api/v1/sessions/${sid}/exec`,
          {
            command: 'sh',
            args: ['-c', 'echo x > /dev/null'],
          },
        );
        commands++;
        if (data.result.exit_code !== 0) failures++;
      }
    }),
  );
} finally {
  await server.stop();
}
const reader = openAuditReader({ path: server.db });
const count = (type: string) =>
  (reader.db.prepare('SELECT count(*) AS n FROM events WHERE type = ?').get(type) as { n: number }).n;
const finished = count('command_finished');
const started = count('command_started');
process.stdout.write(`\n${WORKERS} concurrent execs over ${SESSIONS} sessions for ${SECONDS} s\n`);
process.stdout.write(
  `commands run: ${commands} (${(commands / SECONDS).toFixed(1)}/s), failed: ${failures}\n`,
);
process.stdout.write(`command_started in store: ${started}, command_finished in store: ${finished}\n`);
const lost = commands - Math.min(started, finished);
process.stdout.write(`lost events: ${Math.max(lost, 0)}\n`);
if (lost > 0) process.exitCode = 1;
