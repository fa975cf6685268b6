import { describe, expect, it } from 'vitest';
import { detectReport } from './detect';

const caps = {
  seize: true,
  seccompTrace: true,
  denyAtSeccompStop: false,
  procMem: true,
  processVmReadv: false,
  getSyscallInfo: false,
  openat2: true,
  exitKill: true,
  seccompOrder: 'seccomp-before-enter',
};

describe('detect report', () => {
  it('says ptrace enforces when SEIZE, seccomp and memory reads work (gVisor-like)', () => {
    expect(detectReport(caps)).toMatchObject({ security_mode: 'ptrace', enforcing: true });
  });

  it('says nothing enforces, and why, when seccomp RET_TRACE is missing', () => {
    const report = detectReport({ ...caps, seccompTrace: false });
    expect(report).toMatchObject({ security_mode: 'none', enforcing: false });
    expect(report.reason).toContain('seccomp RET_TRACE');
  });
});
