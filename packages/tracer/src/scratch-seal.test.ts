import { mkdtempSync, writeFileSync } from 'node:fs';
import { release, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { trace } from '../test/run';
import { allowAllFiles, table } from '../test/tables';

// The scratch area holds the checked copies of paths the kernel reads for a pinned syscall. A tracee
// that could unmap it and map a writable page of its own there could race those copies; where the
// kernel has mseal (6.10+) the tracer seals the area. Natively only (gVisor has no mseal).
const [major = 0, minor = 0] = release().split('.').map(Number);
const hasMseal = process.platform === 'linux' && (major > 6 || (major === 6 && minor >= 10));

const SCRIPT = `
import ctypes, errno, os, sys, threading
d = sys.argv[1]
ev = threading.Event()
t = threading.Thread(target=ev.wait)
t.start()
os.unlink(d + "/f")  # pinned (a second thread shares the memory): the scratch area is mapped now
size = 9568256
area = None
for line in open("/proc/self/maps"):
    lo, hi = [int(x, 16) for x in line.split()[0].split("-")]
    if hi - lo == size and line.split()[1].startswith("r--p"):
        area = lo
libc = ctypes.CDLL(None, use_errno=True)
libc.munmap.argtypes = [ctypes.c_void_p, ctypes.c_size_t]
libc.mprotect.argtypes = [ctypes.c_void_p, ctypes.c_size_t, ctypes.c_int]
def res(r):
    return "ok" if r == 0 else "err=" + errno.errorcode.get(ctypes.get_errno(), "?")
print("found" if area else "missing")
print("mprotect", res(libc.mprotect(area, 4096, 3)))
print("munmap", res(libc.munmap(area, 4096)))
os.unlink(d + "/g")  # still works: the tracer's writes go through /proc/<pid>/mem
print("unlinked g")
ev.set()
t.join()
`;

describe.runIf(hasMseal)('the scratch area is sealed where the kernel has mseal', () => {
  it('the tracee cannot mprotect or unmap it, and pinned syscalls keep working', async () => {
    const d = mkdtempSync(join(tmpdir(), 'at-seal-'));
    writeFileSync(join(d, 'f'), 'x');
    writeFileSync(join(d, 'g'), 'x');
    const r = await trace(['/usr/bin/python3', '-c', SCRIPT, d], table({ file: [allowAllFiles] }));
    expect(r.stdout).toBe('found\nmprotect err=EPERM\nmunmap err=EPERM\nunlinked g\n');
  });
});
