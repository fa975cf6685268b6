// The scratch window guard (native/tracer/src/filter_mem.c), shared by src/scratch-guard.test.ts and
// the runsc batch: a two-thread python pins a path (so its scratch area is mapped), then tries every
// way to unmap, unprotect, move, drop or replace the area; each must fail with EPERM, and pinned
// syscalls must keep working.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { trace } from './run';
import { allowAllFiles, table } from './tables';

const SCRIPT = `
import ctypes, errno, mmap, os, sys, threading
d = sys.argv[1]
ev = threading.Event()
t = threading.Thread(target=ev.wait)
t.start()
os.unlink(d + "/f")  # pinned (a second thread shares the memory): the scratch area is mapped now
base = 0x3e0000000000
print("mapped" if any(l.startswith("3e0000000000-") for l in open("/proc/self/maps")) else "missing")
libc = ctypes.CDLL(None, use_errno=True)
vp, sz, i = ctypes.c_void_p, ctypes.c_size_t, ctypes.c_int
for f, a in ((libc.munmap, [vp, sz]), (libc.mprotect, [vp, sz, i]), (libc.madvise, [vp, sz, i]),
             (libc.mremap, [vp, sz, sz, i, vp]), (libc.mmap, [vp, sz, i, i, i, ctypes.c_long])):
    f.argtypes = a
libc.mremap.restype = vp
libc.mmap.restype = vp
def res(r, fail):
    return "ok" if r != fail else "err=" + errno.errorcode.get(ctypes.get_errno(), "?")
print("mprotect", res(libc.mprotect(base, 4096, 3), -1))
print("munmap", res(libc.munmap(base, 4096), -1))
print("munmap-over", res(libc.munmap(base - 4096 * 16, 4096 * 32), -1))
print("dontfork", res(libc.madvise(base, 4096, 10), -1))
print("mremap", res(libc.mremap(base, 4096, 8192, 1, None), 2**64 - 1))
fixed = mmap.MAP_PRIVATE | mmap.MAP_ANONYMOUS | 0x10
print("mmap-fixed", res(libc.mmap(base, 4096, 3, fixed, -1, 0), 2**64 - 1))
print("mmap-hint", res(libc.mmap(base + 2**31, 4096, 3, mmap.MAP_PRIVATE | mmap.MAP_ANONYMOUS, -1, 0), 2**64 - 1))
big = libc.mmap(None, 5 << 30, 0, mmap.MAP_PRIVATE | mmap.MAP_ANONYMOUS | 0x4000, -1, 0)  # NORESERVE
print("big", res(libc.munmap(big, 5 << 30), -1))  # elsewhere: a 5 GiB reservation comes and goes
os.unlink(d + "/g")
print("unlinked g")
ev.set()
t.join()
`;

export const GUARD_EXPECTED = [
  'mapped',
  'mprotect err=EPERM',
  'munmap err=EPERM',
  'munmap-over err=EPERM',
  'dontfork err=EPERM',
  'mremap err=EPERM',
  'mmap-fixed err=EPERM',
  'mmap-hint err=EPERM',
  'big ok',
  'unlinked g',
  '',
].join('\n');

export async function scratchGuard(): Promise<string> {
  const d = mkdtempSync(join(tmpdir(), 'at-guard-'));
  writeFileSync(join(d, 'f'), 'x');
  writeFileSync(join(d, 'g'), 'x');
  const r = await trace(['/usr/bin/python3', '-c', SCRIPT, d], table({ file: [allowAllFiles] }));
  return r.stdout + r.stderr;
}
