import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { trace } from '../test/run';
import { allowAllFiles, fileRule, table } from '../test/tables';

const linux = process.platform === 'linux';

// A parked syscall runs on a pinned copy of its checked path in the scratch area. Another thread
// doing 400 pinned syscalls while the approval waits (more than the 256 slots that once rotated)
// must not reach the parked one's slot: if it did, the approved unlink would remove a churned file.
const CHURN = `
import os, sys, threading, time
d = sys.argv[1]
def churn():
    while not os.path.exists(d + "/go"):
        time.sleep(0.01)
    for i in range(400):
        os.close(os.open("%s/other/q%d" % (d, i % 4), os.O_WRONLY | os.O_CREAT, 0o644))
    os.close(os.open(d + "/other/churned", os.O_WRONLY | os.O_CREAT, 0o644))
t = threading.Thread(target=churn)
t.start()
os.unlink(d + "/target/p")
t.join()
print("done")
`;

async function waitFor(path: string, ms: number): Promise<boolean> {
  for (const end = Date.now() + ms; Date.now() < end; ) {
    if (existsSync(path)) return true;
    await new Promise((r) => setTimeout(r, 20));
  }
  return false;
}

describe.runIf(linux)('approval waits keep their scratch slots', () => {
  it('400 pinned syscalls of another thread during the wait do not change what the approved unlink removes', async () => {
    const d = mkdtempSync(join(tmpdir(), 'at-slots-'));
    mkdirSync(join(d, 'target'));
    mkdirSync(join(d, 'other'));
    writeFileSync(join(d, 'target', 'p'), 'p');
    const t = table({
      file: [fileRule('ask-delete', 'approve', [`${d}/target/**`], ['delete']), allowAllFiles],
    });
    let churned = false;
    const r = await trace(['/usr/bin/python3', '-c', CHURN, d], t, {
      onApproval: async () => {
        writeFileSync(join(d, 'go'), '');
        churned = await waitFor(join(d, 'other', 'churned'), 20_000);
        return true;
      },
    });
    expect(churned).toBe(true);
    expect(r.stdout).toBe('done\n');
    expect(existsSync(join(d, 'target', 'p'))).toBe(false);
    for (let i = 0; i < 4; i++) expect(existsSync(join(d, 'other', `q${i}`))).toBe(true);
  }, 60_000);
});
