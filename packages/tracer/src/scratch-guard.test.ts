import { describe, expect, it } from 'vitest';
import { GUARD_EXPECTED, scratchGuard } from '../test/scratch-guard';

// Where the kernel has no mseal (gVisor, Linux before 6.10) the prefilter is what protects the
// scratch area; natively it holds on top of the seal. The runsc batch runs the same script.
describe.runIf(process.platform === 'linux')('the scratch window guard', () => {
  it('the area sits in the guarded window; unmap, mprotect, madvise, mremap and mmap there fail', async () => {
    expect(await scratchGuard()).toBe(GUARD_EXPECTED);
  });
});
