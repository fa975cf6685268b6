import { describe, expect, it } from 'vitest';
import { isTracerError } from './errors';
import { probeCapabilities } from './probe';

describe.runIf(process.platform === 'linux')('probeCapabilities', () => {
  it('reports the mechanisms the tracer relies on as working here', async () => {
    const caps = await probeCapabilities();
    expect(caps).toMatchObject({ seize: true, seccompTrace: true, denyAtSeccompStop: true, procMem: true });
    expect(['enter-before-seccomp', 'seccomp-before-enter']).toContain(caps.seccompOrder);
    expect(typeof caps.processVmReadv).toBe('boolean');
    expect(typeof caps.getSyscallInfo).toBe('boolean');
    expect(typeof caps.openat2).toBe('boolean');
  });

  it('fails with TRACER_UNAVAILABLE when the helper cannot run', async () => {
    const err = await probeCapabilities({ binding: { helperPath: '/nonexistent/agentsh-tracer' } }).catch(
      (e: unknown) => e,
    );
    expect(isTracerError(err) && err.code).toBe('TRACER_UNAVAILABLE');
  });
});
