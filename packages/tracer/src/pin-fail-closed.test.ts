import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { trace } from '../test/run';
import { allowAllFiles, table } from '../test/tables';

const linux = process.platform === 'linux';

// With a second thread the memory is shared, so an unlink must run on a pinned copy of its path in
// the scratch area. A tracee can make the mapping of that area fail (RLIMIT_AS just above its size):
// the tracer must then refuse the syscall, not run it on the racy original buffer.
const SCRIPT = `
import errno, os, resource, sys, threading
d = sys.argv[1]
ev = threading.Event()
t = threading.Thread(target=ev.wait)
t.start()
size = 0
for line in open("/proc/self/status"):
    if line.startswith("VmSize:"):
        size = int(line.split()[1]) * 1024
resource.setrlimit(resource.RLIMIT_AS, (size + (1 << 20), resource.RLIM_INFINITY))
try:
    os.unlink(d + "/f")
    print("unlinked")
except OSError as e:
    print("err=" + errno.errorcode.get(e.errno, "?"))
ev.set()
t.join()
`;

describe.runIf(linux)('pinning fails closed', () => {
  it('an unlink that needs a pin is denied when the scratch area cannot be mapped', async () => {
    const d = mkdtempSync(join(tmpdir(), 'at-pinfail-'));
    writeFileSync(join(d, 'f'), 'x');
    const r = await trace(['/usr/bin/python3', '-c', SCRIPT, d], table({ file: [allowAllFiles] }));
    expect(r.stdout).toBe('err=EACCES\n');
    expect(existsSync(join(d, 'f'))).toBe(true);
    expect(r.denied.some((e) => e.rule === 'file-pin-failed')).toBe(true);
  });
});
