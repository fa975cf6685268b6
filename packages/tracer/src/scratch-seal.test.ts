import { mkdtempSync, writeFileSync } from 'node:fs';
import { release, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { trace } from '../test/run';
import { allowAllFiles, table } from '../test/tables';

// Where the kernel has mseal (6.10+) the tracer also seals the scratch area (on top of the
// prefilter's window guard, test/scratch-guard.ts, which alone answers munmap and mprotect with
// EPERM): the mapping must carry the kernel's "sl" flag in /proc/self/smaps.
const [major = 0, minor = 0] = release().split('.').map(Number);
const hasMseal = process.platform === 'linux' && (major > 6 || (major === 6 && minor >= 10));

const SCRIPT = `
import os, sys, threading
ev = threading.Event()
t = threading.Thread(target=ev.wait)
t.start()
os.unlink(sys.argv[1] + "/f")  # pinned (a second thread shares the memory): the scratch area is mapped
area = False
for line in open("/proc/self/smaps"):
    if line[:1] in "0123456789abcdef" and "-" in line.split()[0]:
        area = line.startswith("3e0000000000-")
    elif area and line.startswith("VmFlags:"):
        print("sealed" if " sl" in line else "not sealed")
ev.set()
t.join()
`;

describe.runIf(hasMseal)('the scratch area is sealed where the kernel has mseal', () => {
  it('its mapping carries the seal', async () => {
    const d = mkdtempSync(join(tmpdir(), 'at-seal-'));
    writeFileSync(join(d, 'f'), 'x');
    const r = await trace(['/usr/bin/python3', '-c', SCRIPT, d], table({ file: [allowAllFiles] }));
    expect(r.stdout).toBe('sealed\n');
  });
});
