// Child process for crash.test.ts: appends events forever and prints, after each acknowledgement, how
// many events are acknowledged. The parent kills it with SIGKILL mid-stream.
import { openAuditStore } from '../../src/store';
import { makeEvent } from '../events';

const path = process.argv[2];
const key = process.env.AUDIT_TEST_KEY;
if (path === undefined || key === undefined)
  throw new Error('usage: crash-writer.ts DB (key in AUDIT_TEST_KEY)');
const busy = process.env.AUDIT_TEST_BUSY_MS;
const store = openAuditStore({
  path,
  key,
  batchSize: 500,
  flushIntervalMs: 2,
  ...(busy === undefined ? {} : { busyTimeoutMs: Number(busy) }),
});
const start = Number(process.argv[3] ?? '0');

async function main(): Promise<void> {
  for (let i = start; ; i++) {
    const acked = store.append(makeEvent(i));
    if (i % 250 === 249) {
      await acked;
      process.stdout.write(`${i + 1}\n`);
    }
  }
}
void main();
